//! The `Message` trait: what `#[derive(Cramberry)]` implements for a struct, and the encode/decode entry points.

use crate::decode::{split_frame, Reader};
use crate::encode::{BumpSizes, LenRecorder, NoRecord, SizeCache, SizeCursor, Writer};
use crate::error::{DecodeError, EncodeError, Result};
use crate::options::DecodeOptions;
use crate::prelude::*;
use crate::wire::varint_len;
use bumpalo::Bump;
use core::mem::MaybeUninit;

/// A message type with a type id of its own (`#[cram(type_id = N)]`, or `@N` in a schema): what a
/// [`Registry`](crate::registry::Registry) files it under and a TYPEREF value carries. Public as
/// `cramberry::registry::Registered`.
pub trait Registered {
    /// The type id (128 and up for user types; 64–127 are the standard types').
    const TYPE_ID: u64;
}

/// A Cramberry message: a struct whose fields are written as tagged fields.
///
/// Implemented by `#[derive(Cramberry)]`. Encoding measures the exact size first (recording nested lengths),
/// then writes every byte once into a buffer of exactly that size.
///
/// ```
/// use cramberry::{Cramberry, Message};
///
/// #[derive(Cramberry, Debug, PartialEq)]
/// struct Item<'a> {
///     #[cram(1)] name: &'a str,
///     #[cram(2)] price: i64,
/// }
///
/// let item = Item { name: "ab", price: -3 };
/// let bump = bumpalo::Bump::new();
/// let bytes = item.encode_in(&bump);
/// assert_eq!(bytes, [0x0a, 0x02, b'a', b'b', 0x16, 0x05]);
/// assert_eq!(Item::decode(bytes).unwrap(), item);
/// ```
pub trait Message: Sized {
    /// Size of the fields, recording the lengths of nested values into `rec` (the measuring pass).
    #[doc(hidden)]
    fn measure_fields<R: LenRecorder>(&self, rec: &mut R) -> usize;

    /// Writes the fields, reading nested lengths from `sizes` (the writing pass).
    #[doc(hidden)]
    fn write_fields(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>);

    /// The exact number of bytes this message encodes to.
    #[inline]
    fn encoded_len(&self) -> usize {
        self.measure_fields(&mut NoRecord)
    }

    /// Encodes into `bump` and returns the bytes, which live as long as the arena. Once the arena has grown
    /// to fit (and is `reset` between messages), this allocates nothing from the global allocator.
    #[inline]
    fn encode_in<'b>(&self, bump: &'b Bump) -> &'b [u8] {
        let mut sizes = BumpSizes::new_in(bump);
        let len = self.measure_fields(&mut sizes);
        // Writing `uninit` is a no-op: the arena's bytes are not zero-filled first.
        let out = bump.alloc_slice_fill_with(len, |_| MaybeUninit::uninit());
        write_exact::<_, false>(self, out, 0, sizes.cursor())
    }

    /// Encodes into a new `Vec` of exactly the right capacity.
    #[inline]
    fn encode_to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_into(&mut out);
        out
    }

    /// Appends the encoding to `out`, growing it at most once.
    #[inline]
    fn encode_into(&self, out: &mut Vec<u8>) {
        append::<_, false>(self, out);
    }

    /// Appends one length-delimited frame to `out` — the varint length, then the message — growing it at
    /// most once. The frame is protobuf's length-delimited framing, byte for byte.
    #[inline]
    fn encode_length_delimited_into(&self, out: &mut Vec<u8>) {
        append::<_, true>(self, out);
    }

    /// One length-delimited frame in a new `Vec` of exactly the right capacity.
    #[inline]
    fn encode_length_delimited_to_vec(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode_length_delimited_into(&mut out);
        out
    }

    /// One length-delimited frame in `bump` (see [`encode_in`](Self::encode_in)).
    #[inline]
    fn encode_length_delimited_in<'b>(&self, bump: &'b Bump) -> &'b [u8] {
        let mut sizes = BumpSizes::new_in(bump);
        let len = self.measure_fields(&mut sizes);
        let out = bump.alloc_slice_fill_with(varint_len(len as u64) + len, |_| MaybeUninit::uninit());
        write_exact::<_, true>(self, out, len, sizes.cursor())
    }

    /// Encodes into the start of `out` and returns the number of bytes written.
    ///
    /// ```
    /// # use cramberry::{Cramberry, Message, EncodeError};
    /// # #[derive(Cramberry)] struct Ping { #[cram(1)] seq: u64 }
    /// let mut buf = [0u8; 1];
    /// let err = Ping { seq: 300 }.encode_to_slice(&mut buf).unwrap_err();
    /// assert_eq!(err, EncodeError::BufferTooSmall { needed: 3, available: 1 });
    /// ```
    #[inline]
    fn encode_to_slice(&self, out: &mut [u8]) -> Result<usize, EncodeError> {
        let mut sizes = SizeCache::default();
        let len = self.measure_fields(&mut sizes);
        let available = out.len();
        let Some(target) = out.get_mut(..len) else {
            return Err(EncodeError::BufferTooSmall { needed: len, available });
        };
        let mut w = Writer::new(target);
        self.write_fields(&mut w, &mut sizes.cursor());
        assert_eq!(w.position(), len, "measuring and writing passes disagree");
        Ok(len)
    }

    /// Decodes a message with the default options. Borrowed fields (`&str`, `&[u8]`, `Cow`) point into `bytes`.
    #[inline]
    fn decode<'de>(bytes: &'de [u8]) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        Self::decode_with(bytes, &DecodeOptions::DEFAULT)
    }

    /// Decodes a message with `options` (limits, strict, canonical).
    #[inline]
    fn decode_with<'de>(bytes: &'de [u8], options: &DecodeOptions) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        decode_from(Reader::new(bytes, options))
    }

    /// Decodes a message from a `Bytes` (feature `bytes`): `bytes::Bytes` fields share `bytes` instead of copying
    /// out of it; everything else as [`decode`](Self::decode).
    #[cfg(feature = "bytes")]
    #[inline]
    fn decode_shared<'de>(bytes: &'de bytes::Bytes) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        Self::decode_shared_with(bytes, &DecodeOptions::DEFAULT)
    }

    /// [`decode_shared`](Self::decode_shared) with `options`.
    #[cfg(feature = "bytes")]
    #[inline]
    fn decode_shared_with<'de>(bytes: &'de bytes::Bytes, options: &DecodeOptions) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        decode_from(Reader::new_shared(bytes, options))
    }

    /// Encodes into a new `Bytes` (feature `bytes`), without copying: the `Vec` the encoder fills becomes it.
    #[cfg(feature = "bytes")]
    #[inline]
    fn encode_to_bytes(&self) -> bytes::Bytes {
        bytes::Bytes::from(self.encode_to_vec())
    }

    /// Appends the encoding to a `BytesMut` (feature `bytes`), growing it at most once.
    #[cfg(feature = "bytes")]
    #[inline]
    fn encode_into_bytes_mut(&self, out: &mut bytes::BytesMut) {
        append_to_bytes_mut::<_, false>(self, out);
    }

    /// Decodes the length-delimited frame at the start of `buf` and advances `buf` past it ("decode one, keep
    /// the rest"); on an error `buf` is left as it was. Error offsets count from the frame's start.
    #[inline]
    fn decode_length_delimited<'de>(buf: &mut &'de [u8]) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        Self::decode_length_delimited_with(buf, &DecodeOptions::DEFAULT)
    }

    /// [`decode_length_delimited`](Self::decode_length_delimited) with `options`; their message-length limit
    /// bounds the frame.
    #[inline]
    fn decode_length_delimited_with<'de>(buf: &mut &'de [u8], options: &DecodeOptions) -> Result<Self>
    where
        Self: DecodeMessage<'de>,
    {
        let (header, body) =
            split_frame(buf, options.message_len_limit()).map_err(DecodeError::in_type::<Self>)?;
        let message = Self::decode_with(body, options).map_err(|e| e.shifted(header))?;
        *buf = &buf[header + body.len()..];
        Ok(message)
    }
}

/// Decodes a whole message with `reader` (if it could be made), naming the type in an error.
#[inline(always)]
fn decode_from<'de, M: DecodeMessage<'de>>(reader: Result<Reader<'de>>) -> Result<M> {
    let decoded = reader.and_then(|mut r| {
        let mut message = M::empty();
        message.merge_fields(&mut r).map(|()| message)
    });
    decoded.map_err(DecodeError::in_type::<M>)
}

/// Appends `message` to a `BytesMut` (as a length-delimited frame when `FRAMED`), growing it at most once.
#[cfg(feature = "bytes")]
pub(crate) fn append_to_bytes_mut<M: Message, const FRAMED: bool>(message: &M, out: &mut bytes::BytesMut) {
    let mut sizes = SizeCache::default();
    let len = message.measure_fields(&mut sizes);
    let total = if FRAMED { varint_len(len as u64) + len } else { len };
    out.reserve(total);
    let written =
        write_exact::<_, FRAMED>(message, &mut out.spare_capacity_mut()[..total], len, sizes.cursor()).len();
    // SAFETY: `write_exact` initialised all `total` bytes of the spare capacity after the current length
    // (`written == total`), so the new length covers initialised bytes.
    unsafe { out.set_len(out.len() + written) };
}

/// Appends `message` to `out` when its next chunk has room for all of it (the caller reserved `len` bytes),
/// writing straight into the chunk; otherwise encodes to a `Vec` and copies. `sizes` and `len` come from one
/// measuring pass.
#[cfg(feature = "tonic")]
pub(crate) fn append_measured<M: Message>(
    message: &M,
    out: &mut impl bytes::BufMut,
    len: usize,
    sizes: &SizeCache,
) {
    let chunk = out.chunk_mut();
    if chunk.len() < len {
        out.put_slice(&message.encode_to_vec());
        return;
    }
    // SAFETY: the slice is only written through (`write_exact` stores initialised bytes and never reads or
    // de-initialises any), which is what `as_uninit_slice_mut` asks.
    let spare = unsafe { &mut chunk.as_uninit_slice_mut()[..len] };
    let written = write_exact::<_, false>(message, spare, len, sizes.cursor()).len();
    // SAFETY: `write_exact` initialised all `written == len` bytes at the start of the chunk.
    unsafe { out.advance_mut(written) };
}

/// One measuring pass of `message`: its encoded length and the sizes of its nested messages.
#[cfg(feature = "tonic")]
pub(crate) fn measure<M: Message>(message: &M) -> (usize, SizeCache) {
    let mut sizes = SizeCache::default();
    let len = message.measure_fields(&mut sizes);
    (len, sizes)
}

/// Appends `message` to `out` (as a length-delimited frame when `FRAMED`), growing it at most once. `FRAMED` is
/// a constant so the plain path carries no trace of framing.
#[inline(always)]
fn append<M: Message, const FRAMED: bool>(message: &M, out: &mut Vec<u8>) {
    let mut sizes = SizeCache::default();
    let len = message.measure_fields(&mut sizes);
    let total = if FRAMED { varint_len(len as u64) + len } else { len };
    out.reserve(total);
    let spare = &mut out.spare_capacity_mut()[..total];
    let written = write_exact::<_, FRAMED>(message, spare, len, sizes.cursor()).len();
    // SAFETY: the write returned only after initialising all `total` bytes of the spare capacity that
    // follows the vector's current length (`written == total`), so the new length covers initialised bytes.
    unsafe { out.set_len(out.len() + written) };
}

/// The decoding half of a message, for input of lifetime `'de`. Implemented by `#[derive(Cramberry)]`.
pub trait DecodeMessage<'de>: Message {
    /// The message with every field absent.
    fn empty() -> Self;

    /// Reads fields until the end of the reader's current message, checking required fields at the end.
    #[doc(hidden)]
    fn merge_fields(&mut self, r: &mut Reader<'de>) -> Result<()>;
}

/// Writes `message` into `out`, which it fills exactly: its fields, after the varint of `len` (the fields'
/// length) when `FRAMED`.
fn write_exact<'b, M: Message, const FRAMED: bool>(
    message: &M,
    out: &'b mut [MaybeUninit<u8>],
    len: usize,
    mut sizes: SizeCursor<'_>,
) -> &'b [u8] {
    let expected = out.len();
    let mut w = Writer::new_uninit(out);
    if FRAMED {
        w.put_varint(len as u64);
    }
    message.write_fields(&mut w, &mut sizes);
    assert_eq!(w.position(), expected, "measuring and writing passes disagree");
    let out = w.into_inner();
    // SAFETY: the writer stores initialised bytes front to back without gaps and its position reached
    // `out.len()`, so every byte of `out` is initialised; `MaybeUninit<u8>` has the layout of `u8`.
    unsafe { core::slice::from_raw_parts(out.as_ptr().cast::<u8>(), out.len()) }
}
