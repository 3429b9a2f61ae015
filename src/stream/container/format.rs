//! The constants of the container format and the parsing of a frame's header (docs/stream-container.md).

pub use crate::stream::frame_kind::FrameKind;
use crate::wire::{decode_varint, VarintError};

/// The first eight bytes of every container: a non-ASCII byte, `CRAM`, CR LF and SUB, so text-mode transfers
/// and `cat` of a binary are caught at once (the idea is PNG's).
pub const MAGIC: [u8; 8] = *b"\x89CRAM\r\n\x1a";

/// The container format version this crate writes and reads.
pub const VERSION: u64 = 1;

/// Stream flag: every frame ends with a CRC32C.
pub(crate) const FLAG_CHECKSUMS: u64 = 1 << 0;
/// Stream flags: the compression codecs frames may use, one bit per codec (bit 1 zstd, 2 lz4, 3 snappy).
pub(crate) const FLAG_CODEC_SHIFT: u32 = 1;
/// Flags a reader must understand: bits 0 to 31. Bits 32 to 63 are optional and ignored when unknown.
pub(crate) const REQUIRED_FLAGS: u64 = 0xffff_ffff;
/// The required flags this version defines.
pub(crate) const KNOWN_FLAGS: u64 = FLAG_CHECKSUMS | (0b111 << FLAG_CODEC_SHIFT);

/// The stream flag that declares `codec`.
pub(crate) fn codec_flag(codec: super::compress::Codec) -> u64 {
    1 << (codec as u32 + FLAG_CODEC_SHIFT - 1)
}

/// Frame flags: the codec of the payload in bits 0 and 1; bits 2 to 7 must be zero.
pub(crate) const FRAME_CODEC_MASK: u8 = 0b11;

/// The longest frame header: kind, flags, and two varints.
pub(crate) const MAX_FRAME_HEADER: usize = 2 + 2 * crate::wire::MAX_VARINT_LEN;

/// The length of a CRC32C at the end of a frame.
pub(crate) const CHECKSUM_LEN: usize = 4;

/// A frame's header, as read from the start of the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FrameHeader {
    pub kind: u8,
    pub flags: u8,
    /// The payload's length as stored (compressed, when it is).
    pub stored_len: u64,
    /// The payload's length once decompressed; `stored_len` when the frame is not compressed.
    pub raw_len: u64,
    /// The header's own length in bytes.
    pub len: usize,
}

/// Why a frame header could not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeaderError {
    /// More bytes are needed.
    Incomplete,
    /// A length varint does not fit in 64 bits.
    Overflow,
}

/// Parses the frame header at the start of `bytes`.
#[inline(always)]
pub(crate) fn parse_frame_header(bytes: &[u8]) -> Result<FrameHeader, HeaderError> {
    let [kind, flags, ref rest @ ..] = *bytes else {
        return Err(HeaderError::Incomplete);
    };
    let varint = |bytes: &[u8]| {
        decode_varint(bytes).map_err(|e| match e {
            VarintError::Truncated if bytes.len() < crate::wire::MAX_VARINT_LEN => HeaderError::Incomplete,
            _ => HeaderError::Overflow,
        })
    };
    let (stored_len, n) = varint(rest)?;
    let (raw_len, m) = if flags & FRAME_CODEC_MASK == 0 { (stored_len, 0) } else { varint(&rest[n..])? };
    Ok(FrameHeader { kind, flags, stored_len, raw_len, len: 2 + n + m })
}

/// Appends a frame header to `out`.
pub(crate) fn put_frame_header(
    out: &mut Vec<u8>,
    kind: FrameKind,
    codec: u8,
    stored_len: usize,
    raw_len: usize,
) {
    out.extend_from_slice(&[kind.byte(), codec]);
    put_varint(out, stored_len as u64);
    if codec != 0 {
        put_varint(out, raw_len as u64);
    }
}

pub(crate) use crate::wire::put_varint;
