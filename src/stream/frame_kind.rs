//! What a stream container's frame holds: the one fact about the container format that its errors name too,
//! so it sits below both (docs/stream-container.md).

/// Frame kinds below this one are defined or reserved: a reader that meets one it does not know rejects the
/// stream. Kinds from here on are extensions a reader skips.
pub(crate) const FIRST_EXTENSION_KIND: u8 = 0x40;

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
