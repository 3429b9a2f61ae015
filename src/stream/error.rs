//! The error of a frame in a stream: which frame, where it starts, and what went wrong.

use super::frame_kind::FrameKind;
use crate::error::{DecodeError, DecodeErrorKind};
use std::fmt;

/// A frame that could not be read: its index in the stream (0 for the first), the byte offset where it
/// starts, and the cause. A framing error's [`DecodeError`] ([`FrameErrorKind::Decode`]) has its offset in the
/// stream; a message's ([`FrameErrorKind::Message`]) has it in the message's bytes (the frame's payload,
/// decompressed when it was compressed), as decoding those bytes alone would report it.
///
/// One pointer wide (the details are boxed), so `Result<View, FrameError>` costs a hot loop no more than the
/// view does.
#[derive(Debug)]
pub struct FrameError {
    inner: Box<Inner>,
}

#[derive(Debug)]
struct Inner {
    frame: u64,
    offset: u64,
    kind: FrameErrorKind,
}

/// What went wrong with a frame.
#[derive(Debug)]
#[non_exhaustive]
pub enum FrameErrorKind {
    /// The framing is broken: a length prefix that is not a varint (`VarintOverflow`), a frame longer than
    /// the frame limit (`LimitExceeded` of `MessageLen`), or input that ends inside the frame (`Truncated`,
    /// `LengthOutOfBounds`: [`FrameError::is_truncated`]). The offset counts from the start of the stream.
    Decode(DecodeError),
    /// The frame is whole but its message (or a container's metadata) does not decode; the offset counts from
    /// the first byte of the message. The framing is intact, so a reader goes on with the next frame.
    Message(DecodeError),
    /// Reading from the underlying stream failed.
    Io(std::io::Error),
    /// A stream container's own rules are broken (`docs/stream-container.md`).
    Container(ContainerErrorKind),
}

/// How a stream container breaks the rules of its format.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContainerErrorKind {
    /// The input does not start with the container's magic bytes.
    BadMagic,
    /// A format version this reader does not know.
    UnsupportedVersion(u64),
    /// Required flag bits (0 to 31) this reader does not know.
    UnknownRequiredFlags(u64),
    /// The stream uses something this build leaves out: `feature` is the cargo feature that adds it.
    MissingFeature {
        /// What the stream uses (`"zstd compression"`, `"CRC32C checksums"`).
        capability: &'static str,
        /// The cargo feature of `cramberry` that supports it.
        feature: &'static str,
    },
    /// A reserved frame kind (0, or 6 to 0x3f).
    UnknownFrameKind(u8),
    /// Frame flag bits that must be zero are set.
    UnknownFrameFlags(u8),
    /// A frame compressed with a codec the stream's flags do not declare.
    UndeclaredCodec(&'static str),
    /// The frame's CRC32C does not match its bytes.
    ChecksumMismatch {
        /// The checksum stored after the frame.
        stored: u32,
        /// The checksum of the frame's bytes.
        computed: u32,
    },
    /// A compressed frame declares a decompressed length over the frame limit: a decompression bomb, refused
    /// before anything is decompressed.
    DecompressedTooLarge {
        /// The declared length.
        len: u64,
        /// The frame limit.
        max: usize,
    },
    /// The payload does not decompress to exactly its declared length.
    DecompressionFailed {
        /// The codec's name.
        codec: &'static str,
    },
    /// A frame of a kind the format does not allow where it is.
    OutOfPlace {
        /// The frame's kind.
        kind: FrameKind,
        /// Why it cannot be there.
        reason: &'static str,
    },
    /// Metadata keys are not in strictly ascending order; the key that breaks it.
    MetadataKeyOrder(String),
    /// The stream ends, at a frame boundary, before its trailer frame: the writer did not finish.
    MissingTrailer,
    /// Bytes follow the trailer frame.
    DataAfterTrailer,
}

impl fmt::Display for ContainerErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ContainerErrorKind::BadMagic => {
                f.write_str("not a Cramberry stream container (wrong magic bytes)")
            }
            ContainerErrorKind::UnsupportedVersion(v) => write!(f, "unsupported container version {v}"),
            ContainerErrorKind::UnknownRequiredFlags(bits) => write!(f, "unknown required flags {bits:#x}"),
            ContainerErrorKind::MissingFeature { capability, feature } => {
                write!(f, "the stream uses {capability}: build cramberry with the `{feature}` feature")
            }
            ContainerErrorKind::UnknownFrameKind(kind) => write!(f, "unknown frame kind {kind:#04x}"),
            ContainerErrorKind::UnknownFrameFlags(flags) => write!(f, "unknown frame flags {flags:#04x}"),
            ContainerErrorKind::UndeclaredCodec(codec) => {
                write!(f, "frame compressed with {codec}, which the stream's flags do not declare")
            }
            ContainerErrorKind::ChecksumMismatch { stored, computed } => {
                write!(f, "checksum mismatch: stored {stored:#010x}, computed {computed:#010x}")
            }
            ContainerErrorKind::DecompressedTooLarge { len, max } => {
                write!(f, "frame decompresses to {len} bytes, over the frame limit of {max}")
            }
            ContainerErrorKind::DecompressionFailed { codec } => {
                write!(f, "{codec} payload does not decompress to its declared length")
            }
            ContainerErrorKind::OutOfPlace { kind, reason } => write!(f, "{} frame {reason}", kind.name()),
            ContainerErrorKind::MetadataKeyOrder(key) => {
                write!(f, "metadata key {key:?} is not after the previous key")
            }
            ContainerErrorKind::MissingTrailer => f.write_str("the stream ends before its trailer frame"),
            ContainerErrorKind::DataAfterTrailer => f.write_str("bytes follow the trailer frame"),
        }
    }
}

impl FrameError {
    #[cold]
    #[inline(never)]
    pub(crate) fn new(frame: u64, offset: u64, kind: FrameErrorKind) -> Self {
        FrameError { inner: Box::new(Inner { frame, offset, kind }) }
    }

    /// The index of the frame (0 for the first frame of the stream).
    pub fn frame(&self) -> u64 {
        self.inner.frame
    }

    /// The byte offset in the stream where the frame (its length prefix) starts.
    pub fn offset(&self) -> u64 {
        self.inner.offset
    }

    /// What went wrong.
    pub fn kind(&self) -> &FrameErrorKind {
        &self.inner.kind
    }

    /// The decode error, when the cause is one (of the framing or of the message).
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match &self.inner.kind {
            FrameErrorKind::Decode(e) | FrameErrorKind::Message(e) => Some(e),
            _ => None,
        }
    }

    /// The container error, when the cause is one.
    pub fn container_error(&self) -> Option<&ContainerErrorKind> {
        match &self.inner.kind {
            FrameErrorKind::Container(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the input ends inside this frame (a writer that stopped mid-frame), or, for a container,
    /// before its trailer: every frame before it was complete. A whole frame whose message is bad is not
    /// truncation, whatever the message's own error.
    pub fn is_truncated(&self) -> bool {
        match &self.inner.kind {
            FrameErrorKind::Decode(e) => {
                matches!(e.kind(), DecodeErrorKind::Truncated | DecodeErrorKind::LengthOutOfBounds { .. })
            }
            FrameErrorKind::Container(kind) => *kind == ContainerErrorKind::MissingTrailer,
            FrameErrorKind::Message(_) | FrameErrorKind::Io(_) => false,
        }
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "frame {} (at byte {}): ", self.inner.frame, self.inner.offset)?;
        match &self.inner.kind {
            FrameErrorKind::Decode(e) => write!(f, "{e}"),
            FrameErrorKind::Message(e) => write!(f, "bad message (offsets from its first byte): {e}"),
            FrameErrorKind::Io(e) => write!(f, "reading failed: {e}"),
            FrameErrorKind::Container(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for FrameError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.inner.kind {
            FrameErrorKind::Decode(e) | FrameErrorKind::Message(e) => Some(e),
            FrameErrorKind::Io(e) => Some(e),
            FrameErrorKind::Container(_) => None,
        }
    }
}
