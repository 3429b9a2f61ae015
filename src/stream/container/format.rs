//! The constants of the container format and the parsing of a frame's header (docs/stream-container.md).

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

/// Frame kinds below this one are defined or reserved: a reader that meets one it does not know rejects the
/// stream. Kinds from here on are extensions a reader skips.
pub(crate) const FIRST_EXTENSION_KIND: u8 = 0x40;

/// The longest frame header: kind, flags, and two varints.
pub(crate) const MAX_FRAME_HEADER: usize = 2 + 2 * crate::wire::MAX_VARINT_LEN;

/// The length of a CRC32C at the end of a frame.
pub(crate) const CHECKSUM_LEN: usize = 4;

/// What a frame holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FrameKind {
    /// The stream's metadata headers; the first frame, exactly once.
    Header,
    /// One whole message.
    Message,
    /// Whole fields of a chunked message; consecutive chunks, concatenated, are the message's bytes.
    Chunk,
    /// The end of a chunked message (empty payload).
    EndMessage,
    /// The stream's trailers; the last frame.
    Trailer,
    /// An extension frame (kind 0x40 or above) this reader does not know; skipped.
    Extension(u8),
}

impl FrameKind {
    /// The kind's byte on the wire.
    pub const fn byte(self) -> u8 {
        match self {
            FrameKind::Header => 1,
            FrameKind::Message => 2,
            FrameKind::Chunk => 3,
            FrameKind::EndMessage => 4,
            FrameKind::Trailer => 5,
            FrameKind::Extension(byte) => byte,
        }
    }

    /// The kind of byte `byte`, or `None` for a reserved kind (0, and 6 to 0x3f).
    pub const fn from_byte(byte: u8) -> Option<FrameKind> {
        match byte {
            1 => Some(FrameKind::Header),
            2 => Some(FrameKind::Message),
            3 => Some(FrameKind::Chunk),
            4 => Some(FrameKind::EndMessage),
            5 => Some(FrameKind::Trailer),
            FIRST_EXTENSION_KIND.. => Some(FrameKind::Extension(byte)),
            _ => None,
        }
    }

    /// The kind's name, as the CLI and the docs write it.
    pub const fn name(self) -> &'static str {
        match self {
            FrameKind::Header => "header",
            FrameKind::Message => "message",
            FrameKind::Chunk => "chunk",
            FrameKind::EndMessage => "end-message",
            FrameKind::Trailer => "trailer",
            FrameKind::Extension(_) => "extension",
        }
    }
}

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
