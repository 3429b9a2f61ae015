//! Frames in a buffer: splitting one off, and iterating over the views of all of them.

use super::{FrameError, FrameErrorKind};
use crate::error::{DecodeError, DecodeErrorKind, Limit, Result};
use crate::options::DecodeOptions;
use crate::viewing::MessageView;
use crate::wire::{decode_varint, VarintError};
use core::iter::FusedIterator;
use core::marker::PhantomData;

/// Splits the frame at the start of `input` into the length of its prefix and its message bytes. Errors have
/// offsets from the start of `input`: a cut-off prefix is `Truncated`, a cut-off message `LengthOutOfBounds`,
/// a message longer than `max` bytes `LimitExceeded` (checked before anything is read or reserved).
pub(crate) fn split_frame(input: &[u8], max: usize) -> Result<(usize, &[u8])> {
    let (len, header) = decode_varint(input).map_err(|e| {
        let kind = match e {
            VarintError::Truncated => DecodeErrorKind::Truncated,
            VarintError::Overflow => DecodeErrorKind::VarintOverflow,
        };
        DecodeError::new(kind, 0)
    })?;
    if len > max as u64 {
        return Err(DecodeError::new(DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max }, 0));
    }
    let body = &input[header..];
    if len > body.len() as u64 {
        return Err(DecodeError::new(DecodeErrorKind::LengthOutOfBounds { len, remaining: body.len() }, 0));
    }
    Ok((header, &body[..len as usize]))
}

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
    rest: &'a [u8],
    offset: usize,
    frame: u64,
    options: DecodeOptions,
    failed: bool,
    view: PhantomData<fn() -> V>,
}

impl<'a, V> Frames<'a, V> {
    /// The frames of `bytes`, validated with the default options (frames of any length).
    pub fn new(bytes: &'a [u8]) -> Self {
        Frames {
            rest: bytes,
            offset: 0,
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
        self.offset
    }
}

impl<'a, V: MessageView<'a>> Iterator for Frames<'a, V> {
    type Item = core::result::Result<V, FrameError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        let (frame, start) = (self.frame, self.offset);
        let fail = |e: DecodeError, at: usize| {
            FrameError::new(frame, start as u64, FrameErrorKind::Decode(e.shifted(at)))
        };
        let result = match split_frame(self.rest, self.options.message_len_limit()) {
            Ok((header, body)) => {
                let view = V::view_with(body, &self.options).map_err(|e| fail(e, start + header));
                if view.is_ok() {
                    self.rest = &self.rest[header + body.len()..];
                    self.offset += header + body.len();
                }
                view
            }
            Err(e) => Err(fail(e, start)),
        };
        self.frame += 1;
        self.failed = result.is_err();
        Some(result)
    }
}

impl<'a, V: MessageView<'a>> FusedIterator for Frames<'a, V> {}
