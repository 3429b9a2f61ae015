//! Metadata: the key → bytes pairs of a container's header and trailer frames, and their encoding (a varint
//! count, then per entry a varint key length, the UTF-8 key, a varint value length, the value; keys in strictly
//! ascending bytewise order, so one set of pairs has one encoding).

use super::format::put_varint;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::stream::error::ContainerErrorKind;
use crate::wire::{decode_varint, VarintError};
use std::collections::BTreeMap;

/// Key → bytes pairs, kept sorted by key: the headers or trailers of a stream container.
///
/// ```
/// use cramberry::stream::container::Metadata;
/// let mut meta = Metadata::new();
/// meta.insert("schema", "orders.Order");
/// meta.insert("count", 3u64.to_le_bytes());
/// assert_eq!(meta.get_str("schema"), Some("orders.Order"));
/// assert_eq!(meta.iter().map(|(k, _)| k).collect::<Vec<_>>(), ["count", "schema"]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    entries: BTreeMap<String, Vec<u8>>,
}

impl Metadata {
    /// No pairs.
    pub fn new() -> Self {
        Metadata::default()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: impl Into<String>, value: impl AsRef<[u8]>) -> Option<Vec<u8>> {
        self.entries.insert(key.into(), value.as_ref().to_vec())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&[u8]> {
        self.entries.get(key).map(Vec::as_slice)
    }

    /// The value of `key`, when it is UTF-8.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(|v| core::str::from_utf8(v).ok())
    }

    /// The pairs in ascending key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends the encoding of the pairs to `out`.
    pub(crate) fn encode_into(&self, out: &mut Vec<u8>) {
        put_varint(out, self.entries.len() as u64);
        for (key, value) in &self.entries {
            put_varint(out, key.len() as u64);
            out.extend_from_slice(key.as_bytes());
            put_varint(out, value.len() as u64);
            out.extend_from_slice(value);
        }
    }

    /// Decodes pairs from the whole of `bytes`; error offsets count from its start.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Metadata, MetadataError> {
        let mut input = Input { bytes, at: 0 };
        let count = input.varint()?;
        if count > bytes.len() as u64 {
            let kind = DecodeErrorKind::LengthOutOfBounds { len: count, remaining: bytes.len() };
            return Err(DecodeError::new(kind, 0).into());
        }
        let mut entries = BTreeMap::new();
        let mut last: Option<&str> = None;
        for _ in 0..count {
            let at = input.at;
            let key = core::str::from_utf8(input.delimited()?)
                .map_err(|_| DecodeError::new(DecodeErrorKind::InvalidUtf8, at))?;
            if last.is_some_and(|last| last >= key) {
                return Err(MetadataError::Container(ContainerErrorKind::MetadataKeyOrder(key.to_owned())));
            }
            let value = input.delimited()?;
            entries.insert(key.to_owned(), value.to_vec());
            last = Some(key);
        }
        if input.at != bytes.len() {
            let kind = DecodeErrorKind::LengthOutOfBounds { len: count, remaining: bytes.len() - input.at };
            return Err(DecodeError::new(kind, input.at).into());
        }
        Ok(Metadata { entries })
    }
}

impl<K: Into<String>, V: AsRef<[u8]>> FromIterator<(K, V)> for Metadata {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        let mut meta = Metadata::new();
        for (key, value) in pairs {
            meta.insert(key, value);
        }
        meta
    }
}

/// Why metadata could not be decoded.
#[derive(Debug)]
pub(crate) enum MetadataError {
    /// The structure is broken; the offset counts from the start of the metadata.
    Decode(DecodeError),
    /// Keys out of order.
    Container(ContainerErrorKind),
}

impl From<DecodeError> for MetadataError {
    fn from(e: DecodeError) -> Self {
        MetadataError::Decode(e)
    }
}

/// A cursor over metadata bytes.
struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Input<'a> {
    fn varint(&mut self) -> Result<u64, DecodeError> {
        let (value, n) = decode_varint(&self.bytes[self.at..]).map_err(|e| {
            let kind = match e {
                VarintError::Truncated => DecodeErrorKind::Truncated,
                VarintError::Overflow => DecodeErrorKind::VarintOverflow,
            };
            DecodeError::new(kind, self.at)
        })?;
        self.at += n;
        Ok(value)
    }

    fn delimited(&mut self) -> Result<&'a [u8], DecodeError> {
        let at = self.at;
        let len = self.varint()?;
        let remaining = self.bytes.len() - self.at;
        if len > remaining as u64 {
            return Err(DecodeError::new(DecodeErrorKind::LengthOutOfBounds { len, remaining }, at));
        }
        let part = &self.bytes[self.at..self.at + len as usize];
        self.at += len as usize;
        Ok(part)
    }
}
