//! The error of a frame in a stream: which frame, where it starts, and what went wrong.

use crate::error::{DecodeError, DecodeErrorKind};
use std::fmt;

/// A frame that could not be read: its index in the stream (0 for the first), the byte offset where it
/// starts, and the cause. Offsets inside the cause's [`DecodeError`] count from the start of the stream too.
#[derive(Debug)]
pub struct FrameError {
    frame: u64,
    offset: u64,
    kind: FrameErrorKind,
}

/// What went wrong with a frame.
#[derive(Debug)]
#[non_exhaustive]
pub enum FrameErrorKind {
    /// The length prefix or the message is invalid, or the frame is cut off (`Truncated`,
    /// `LengthOutOfBounds`), or longer than the frame limit (`LimitExceeded` of `MessageLen`).
    Decode(DecodeError),
    /// Reading from the underlying stream failed.
    Io(std::io::Error),
}

impl FrameError {
    pub(crate) fn new(frame: u64, offset: u64, kind: FrameErrorKind) -> Self {
        FrameError { frame, offset, kind }
    }

    /// The index of the frame (0 for the first frame of the stream).
    pub fn frame(&self) -> u64 {
        self.frame
    }

    /// The byte offset in the stream where the frame (its length prefix) starts.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// What went wrong.
    pub fn kind(&self) -> &FrameErrorKind {
        &self.kind
    }

    /// The decode error, when the cause is one.
    pub fn decode_error(&self) -> Option<&DecodeError> {
        match &self.kind {
            FrameErrorKind::Decode(e) => Some(e),
            FrameErrorKind::Io(_) => None,
        }
    }

    /// Whether the stream ends inside this frame (a writer that stopped mid-frame): every frame before it
    /// was complete.
    pub fn is_truncated(&self) -> bool {
        matches!(
            self.decode_error().map(DecodeError::kind),
            Some(DecodeErrorKind::Truncated | DecodeErrorKind::LengthOutOfBounds { .. })
        )
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "frame {} (at byte {}): ", self.frame, self.offset)?;
        match &self.kind {
            FrameErrorKind::Decode(e) => write!(f, "{e}"),
            FrameErrorKind::Io(e) => write!(f, "reading failed: {e}"),
        }
    }
}

impl std::error::Error for FrameError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            FrameErrorKind::Decode(e) => Some(e),
            FrameErrorKind::Io(e) => Some(e),
        }
    }
}
