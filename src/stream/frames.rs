//! Frames in a buffer: iterating over the views of all of them.

use super::prefetch::prefetch_ahead;
use super::{FrameError, FrameErrorKind};
use crate::decode::split_frame;
use crate::options::DecodeOptions;
use crate::view::{view_inline, MessageView};
use core::iter::FusedIterator;
use core::marker::PhantomData;

/// The views of the frames of a buffer, in order (`T::frames(&bytes)`): each validated with the options,
/// borrowed from the buffer, nothing copied or allocated. After the first error (which names the frame and
/// its offset) the iterator ends; [`remaining`](Self::remaining) is then the bytes from the failed frame on.
///
/// ```
/// use cramberry::{Cramberry, Message};
/// # #[derive(Cramberry)] struct Ping { #[cram(1)] seq: u64 }
/// let mut bytes = Vec::new();
/// Ping { seq: 1 }.encode_length_delimited_into(&mut bytes);
/// bytes.extend_from_slice(&[0x05, 0x08]); // a frame cut off after 1 of its 5 bytes
/// let mut frames = Ping::frames(&bytes);
/// assert_eq!(frames.next().unwrap()?.seq(), 1);
/// let err = frames.next().unwrap().unwrap_err();
/// assert_eq!((err.frame(), err.offset(), err.is_truncated()), (1, 3, true));
/// assert!(frames.next().is_none());
/// # Ok::<(), cramberry::stream::FrameError>(())
/// ```
pub struct Frames<'a, V> {
    bytes: &'a [u8],
    rest: &'a [u8],
    frame: u64,
    options: DecodeOptions,
    failed: bool,
    view: PhantomData<fn() -> V>,
}

impl<'a, V> Frames<'a, V> {
    /// The frames of `bytes`, validated with the default options (frames of any length).
    pub fn new(bytes: &'a [u8]) -> Self {
        Frames {
            bytes,
            rest: bytes,
            frame: 0,
            options: DecodeOptions::DEFAULT,
            failed: false,
            view: PhantomData,
        }
    }

    /// Validates each message with `options`; their message-length limit is the frame limit.
    pub fn with_options(mut self, options: &DecodeOptions) -> Self {
        self.options = *options;
        self
    }

    /// The bytes not yet consumed: the next frame on (or, after an error, the frame that failed on).
    pub fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// The offset of the next frame in the buffer.
    pub fn position(&self) -> usize {
        self.bytes.len() - self.rest.len()
    }

    /// Ends the iteration with the error `kind` of the next frame.
    #[cold]
    fn fail(&mut self, kind: FrameErrorKind) -> FrameError {
        self.failed = true;
        FrameError::new(self.frame, self.position() as u64, kind)
    }
}

impl<'a, V: MessageView<'a>> Iterator for Frames<'a, V> {
    type Item = core::result::Result<V, FrameError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        prefetch_ahead(self.rest);
        let (header, body) = match split_frame(self.rest, self.options.message_len_limit()) {
            Ok(frame) => frame,
            Err(e) => return Some(Err(self.fail(FrameErrorKind::Decode(e.shifted(Frames::position(self)))))),
        };
        match view_inline::<V>(body, &self.options) {
            Ok(view) => {
                self.rest = &self.rest[header + body.len()..];
                self.frame += 1;
                Some(Ok(view))
            }
            Err(e) => Some(Err(self.fail(FrameErrorKind::Message(e)))),
        }
    }
}

impl<'a, V: MessageView<'a>> FusedIterator for Frames<'a, V> {}
