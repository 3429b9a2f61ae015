//! Decoding options: limits, strictness and canonical checking, with builder-style setters.

/// How decoding treats untrusted input.
///
/// ```
/// use cramberry::DecodeOptions;
/// let opts = DecodeOptions::secure().max_depth(8).deny_unknown_fields(true);
/// assert_eq!(opts.depth_limit(), 8);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeOptions {
    pub(crate) max_depth: u32,
    pub(crate) max_message_len: usize,
    pub(crate) max_string_len: usize,
    pub(crate) max_bytes_len: usize,
    pub(crate) max_elements: usize,
    pub(crate) strict: bool,
    pub(crate) canonical: bool,
}

impl Default for DecodeOptions {
    /// Lenient decoding: unknown fields are skipped, and the only limit is a nesting depth of 100
    /// (so hostile nesting cannot overflow the stack). Lengths are always checked against the input.
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl DecodeOptions {
    /// The default options, as a constant.
    pub const DEFAULT: DecodeOptions = DecodeOptions {
        max_depth: 100,
        max_message_len: usize::MAX,
        max_string_len: usize::MAX,
        max_bytes_len: usize::MAX,
        max_elements: usize::MAX,
        strict: false,
        canonical: false,
    };

    /// Limits for input from the network: depth 32, message 1 MiB, string 1 MiB, bytes 10 MiB,
    /// 10 000 elements per list or map.
    pub fn secure() -> Self {
        DecodeOptions {
            max_depth: 32,
            max_message_len: 1 << 20,
            max_string_len: 1 << 20,
            max_bytes_len: 10 << 20,
            max_elements: 10_000,
            ..Self::default()
        }
    }

    /// Defaults, plus unknown fields are errors.
    pub fn strict() -> Self {
        Self::default().deny_unknown_fields(true)
    }

    /// Accepts only canonical bytes (see "Canonical form" in the spec): every violation is an error naming
    /// the rule. Implies strict.
    pub fn canonical() -> Self {
        Self::default().require_canonical(true)
    }

    /// Sets the nesting depth limit.
    pub fn max_depth(mut self, depth: u32) -> Self {
        self.max_depth = depth;
        self
    }

    /// Sets the limit on the whole input's length.
    pub fn max_message_len(mut self, len: usize) -> Self {
        self.max_message_len = len;
        self
    }

    /// Sets the limit on one string's length in bytes.
    pub fn max_string_len(mut self, len: usize) -> Self {
        self.max_string_len = len;
        self
    }

    /// Sets the limit on one bytes value's length.
    pub fn max_bytes_len(mut self, len: usize) -> Self {
        self.max_bytes_len = len;
        self
    }

    /// Sets the limit on elements in one list or map.
    pub fn max_elements(mut self, count: usize) -> Self {
        self.max_elements = count;
        self
    }

    /// Makes unknown fields errors (strict mode), or not.
    pub fn deny_unknown_fields(mut self, on: bool) -> Self {
        self.strict = on;
        self
    }

    /// Accepts only canonical bytes, or not.
    pub fn require_canonical(mut self, on: bool) -> Self {
        self.canonical = on;
        self
    }

    /// The nesting depth limit.
    pub fn depth_limit(&self) -> u32 {
        self.max_depth
    }

    /// The message length limit (the whole input, and each nested message), in bytes.
    pub fn message_len_limit(&self) -> usize {
        self.max_message_len
    }

    /// The string length limit, in bytes.
    pub fn string_len_limit(&self) -> usize {
        self.max_string_len
    }

    /// The bytes length limit.
    pub fn bytes_len_limit(&self) -> usize {
        self.max_bytes_len
    }

    /// The limit on elements per list and entries per map.
    pub fn elements_limit(&self) -> usize {
        self.max_elements
    }

    /// Whether unknown fields are errors.
    pub fn is_strict(&self) -> bool {
        self.strict || self.canonical
    }

    /// Whether canonical form is enforced.
    pub fn is_canonical(&self) -> bool {
        self.canonical
    }
}
