//! Per-frame compression: the codecs a container may use, each behind its own cargo feature (`zstd`,
//! `lz4_flex`, `snap`). A frame records its codec in its flags and its decompressed length in its header, so a
//! reader checks that length against its limit before it decompresses anything.

/// How a [`ContainerWriter`](super::ContainerWriter) compresses frames whose payload reaches the threshold
/// ([`WriterOptions::compress_above`](super::WriterOptions::compress_above)). A frame that would not get
/// smaller is stored as it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compression {
    /// No compression (the default).
    #[default]
    None,
    /// Zstandard at a level (1 to 22; 3 is zstd's default; negative levels are faster still).
    #[cfg(feature = "zstd")]
    Zstd(i32),
    /// LZ4 block compression (lz4_flex).
    #[cfg(feature = "lz4_flex")]
    Lz4,
    /// Snappy raw (block) compression.
    #[cfg(feature = "snap")]
    Snappy,
}

/// A codec as numbered on the wire (frame flags bits 0–1; stream flag bit `codec + 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Zstd = 1,
    Lz4 = 2,
    Snappy = 3,
}

impl Codec {
    /// The codec numbered `bits` (1 to 3).
    pub(crate) fn from_bits(bits: u8) -> Option<Codec> {
        match bits {
            1 => Some(Codec::Zstd),
            2 => Some(Codec::Lz4),
            3 => Some(Codec::Snappy),
            _ => None,
        }
    }

    /// The codec's name in errors and the CLI.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Codec::Zstd => "zstd",
            Codec::Lz4 => "lz4",
            Codec::Snappy => "snappy",
        }
    }

    /// What reading this codec needs, as a container error: `None` when this build has it.
    pub(crate) fn missing_feature(self) -> Option<(&'static str, &'static str)> {
        match self {
            Codec::Zstd if !cfg!(feature = "zstd") => Some(("zstd compression", "zstd")),
            Codec::Lz4 if !cfg!(feature = "lz4_flex") => Some(("lz4 compression", "lz4_flex")),
            Codec::Snappy if !cfg!(feature = "snap") => Some(("snappy compression", "snap")),
            _ => None,
        }
    }

    /// Decompresses `input` into `out` (resized to the output); `false` unless it decompresses to exactly
    /// `raw_len` bytes. Memory follows the bytes that really come out, not the `raw_len` a frame claims: a
    /// claim above the codec's largest ratio (lz4 255:1, snappy 22:1 — see [`max_raw_len`]) fails before
    /// anything is allocated, and zstd, whose ratio has no useful bound, decompresses into a buffer that
    /// starts near the input's size and grows only while zstd reports it full.
    pub(crate) fn decompress(
        self,
        contexts: &mut Contexts,
        input: &[u8],
        raw_len: usize,
        out: &mut Vec<u8>,
    ) -> bool {
        let _ = &contexts;
        if raw_len > max_raw_len(self, input.len()) {
            return false;
        }
        match self {
            #[cfg(feature = "zstd")]
            Codec::Zstd => contexts.zstd_decompress(input, raw_len, out),
            #[cfg(feature = "lz4_flex")]
            Codec::Lz4 => {
                out.resize(raw_len, 0);
                lz4_flex::block::decompress_into(input, out).is_ok_and(|n| n == raw_len)
            }
            #[cfg(feature = "snap")]
            Codec::Snappy => {
                out.resize(raw_len, 0);
                snap::raw::decompress_len(input).is_ok_and(|n| n == raw_len)
                    && snap::raw::Decoder::new().decompress(input, out).is_ok_and(|n| n == raw_len)
            }
            #[allow(unreachable_patterns)]
            _ => {
                let _ = (input, out);
                false
            }
        }
    }
}

/// The most bytes `stored` bytes of `codec` can decompress to. lz4: a match's length grows by 255 per byte;
/// snappy: a 3-byte copy writes at most 64 bytes; zstd: no bound worth checking (an RLE block of 4 bytes
/// writes 128 KiB), so it grows its buffer as it goes instead.
pub(crate) fn max_raw_len(codec: Codec, stored: usize) -> usize {
    match codec {
        Codec::Lz4 => stored.saturating_mul(255).saturating_add(16),
        Codec::Snappy => stored.saturating_mul(22).saturating_add(16),
        Codec::Zstd => usize::MAX,
    }
}

impl Compression {
    /// The codec, or `None` for no compression.
    pub(crate) fn codec(self) -> Option<Codec> {
        match self {
            Compression::None => None,
            #[cfg(feature = "zstd")]
            Compression::Zstd(_) => Some(Codec::Zstd),
            #[cfg(feature = "lz4_flex")]
            Compression::Lz4 => Some(Codec::Lz4),
            #[cfg(feature = "snap")]
            Compression::Snappy => Some(Codec::Snappy),
        }
    }

    /// Compresses `input`, replacing the contents of `out`; `false` when it was not compressed (no codec, a
    /// bad zstd level, or an input over snappy's 4 GiB block limit), and then the frame is stored as it is.
    pub(crate) fn compress(self, contexts: &mut Contexts, input: &[u8], out: &mut Vec<u8>) -> bool {
        let _ = &contexts;
        out.clear();
        match self {
            Compression::None => {
                let _ = input;
                false
            }
            #[cfg(feature = "zstd")]
            Compression::Zstd(level) => {
                out.resize(zstd::zstd_safe::compress_bound(input.len()), 0);
                let written = match contexts.zstd_compressor(level) {
                    Some(zstd) => zstd.compress_to_buffer(input, &mut out[..]),
                    None => Err(std::io::ErrorKind::InvalidInput.into()),
                };
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
            #[cfg(feature = "lz4_flex")]
            Compression::Lz4 => {
                out.resize(lz4_flex::block::get_maximum_output_size(input.len()), 0);
                let written = lz4_flex::block::compress_into(input, out);
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
            #[cfg(feature = "snap")]
            Compression::Snappy => {
                out.resize(snap::raw::max_compress_len(input.len()), 0);
                let written = snap::raw::Encoder::new().compress(input, out);
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
        }
    }
}

/// Codec state kept from frame to frame, so compressing or decompressing a frame allocates nothing once warm
/// (zstd's contexts; the other codecs need none).
#[derive(Default)]
pub(crate) struct Contexts {
    #[cfg(feature = "zstd")]
    zstd_compressor: Option<(i32, zstd::bulk::Compressor<'static>)>,
    #[cfg(feature = "zstd")]
    zstd_decompressor: Option<zstd::zstd_safe::DCtx<'static>>,
}

/// The first output buffer of a zstd frame: the input's size times this, plus [`ZSTD_FIRST_EXTRA`] (when
/// the frame claims more).
#[cfg(feature = "zstd")]
const ZSTD_FIRST_RATIO: usize = 8;
#[cfg(feature = "zstd")]
const ZSTD_FIRST_EXTRA: usize = 64 << 10;

/// Whether zstd failed for want of room in the output.
#[cfg(feature = "zstd")]
fn is_dst_too_small(code: usize) -> bool {
    zstd::zstd_safe::get_error_name(code) == "Destination buffer is too small"
}

#[cfg(feature = "zstd")]
impl Contexts {
    /// The zstd compressor at `level`; `None` when zstd refuses the level.
    fn zstd_compressor(&mut self, level: i32) -> Option<&mut zstd::bulk::Compressor<'static>> {
        if !matches!(self.zstd_compressor, Some((l, _)) if l == level) {
            self.zstd_compressor = zstd::bulk::Compressor::new(level).ok().map(|c| (level, c));
        }
        self.zstd_compressor.as_mut().map(|(_, c)| c)
    }

    /// Decompresses the zstd frame `input` into `out`: `false` unless it is exactly `raw_len` bytes. The
    /// buffer starts at `min(raw_len, 8 × input + 64 KiB)` and doubles only while zstd finds it too small,
    /// so a frame that claims more than it holds costs what it holds.
    fn zstd_decompress(&mut self, input: &[u8], raw_len: usize, out: &mut Vec<u8>) -> bool {
        if self.zstd_decompressor.is_none() {
            self.zstd_decompressor = zstd::zstd_safe::DCtx::try_create();
        }
        let Some(dctx) = self.zstd_decompressor.as_mut() else { return false };
        let mut room =
            raw_len.min(input.len().saturating_mul(ZSTD_FIRST_RATIO).saturating_add(ZSTD_FIRST_EXTRA));
        loop {
            out.resize(room, 0); // only new room is zeroed: the bytes there are all overwritten or refused
            match dctx.decompress(&mut out[..], input) {
                Ok(n) => return n == raw_len,
                Err(code) if room < raw_len && is_dst_too_small(code) => {
                    room = room.saturating_mul(2).min(raw_len);
                }
                Err(_) => return false,
            }
        }
    }
}
