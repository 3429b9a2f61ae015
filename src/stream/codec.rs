//! `tokio_util::codec` for length-delimited frames (feature `tokio`): `Framed::new(socket, DelimitedCodec::new())`
//! sends messages and receives validated [`OwnedView`]s, which are `Send + 'static` and cross `.await` points.

use super::{FrameError, FrameErrorKind};
use crate::error::{DecodeError, DecodeErrorKind, Limit};
use crate::message::{append_to_bytes_mut, Message};
use crate::options::DecodeOptions;
use crate::owned::OwnedView;
use crate::view::Viewable;
use crate::wire::{decode_varint, VarintError, MAX_VARINT_LEN};
use bytes::{Buf, BytesMut};
use core::marker::PhantomData;
use std::io;
use tokio_util::codec::{Decoder, Encoder};

/// Encodes messages as length-delimited frames and decodes frames into validated [`OwnedView<T>`]s, the frame's
/// bytes split off the read buffer without copying. A frame longer than the limit is an error before it is
/// buffered, and while a frame is incomplete the codec reserves at most 8 KiB ahead: the buffer grows with the
/// bytes that arrive, not with what a prefix claims. Errors are `io::Error`s of kind `InvalidData` whose source
/// is a [`FrameError`] (frame index, offset, cause); a stream that ends inside a frame is one whose
/// [`is_truncated`](FrameError::is_truncated) is true.
///
/// ```
/// use cramberry::stream::DelimitedCodec;
/// use tokio_util::codec::{Decoder, Encoder};
/// # #[derive(cramberry::Cramberry)] struct Ping { #[cram(1)] seq: u64 }
/// let mut codec = DelimitedCodec::<Ping>::new().max_frame_len(1024);
/// let mut buf = bytes::BytesMut::new();
/// codec.encode(&Ping { seq: 5 }, &mut buf)?;
/// let ping = codec.decode(&mut buf)?.expect("a whole frame");
/// assert_eq!(ping.get().seq(), 5);
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct DelimitedCodec<T> {
    options: DecodeOptions,
    max_frame_len: usize,
    frame: u64,
    offset: u64,
    message: PhantomData<fn() -> T>,
}

impl<T> DelimitedCodec<T> {
    /// A codec with the default options and frames up to 64 MiB.
    pub fn new() -> Self {
        DelimitedCodec {
            options: DecodeOptions::DEFAULT,
            max_frame_len: 64 << 20,
            frame: 0,
            offset: 0,
            message: PhantomData,
        }
    }

    /// Validates messages with `options`; their message-length limit becomes the frame limit.
    pub fn with_options(mut self, options: &DecodeOptions) -> Self {
        self.options = *options;
        self.max_frame_len = options.message_len_limit().min(64 << 20);
        self
    }

    /// Sets the longest frame accepted (the message bytes, without the prefix).
    pub fn max_frame_len(mut self, max: usize) -> Self {
        self.max_frame_len = max;
        self
    }

    fn error(&self, kind: FrameErrorKind) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, FrameError::new(self.frame, self.offset, kind))
    }

    fn framing_error(&self, kind: DecodeErrorKind) -> io::Error {
        self.error(FrameErrorKind::Decode(DecodeError::new(kind, self.offset as usize)))
    }
}

/// The most a decoder reserves ahead of a frame's bytes: memory grows with what arrives.
const RESERVE_AHEAD: usize = 8 << 10;

impl<T> Default for DelimitedCodec<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: Viewable> Decoder for DelimitedCodec<T> {
    type Item = OwnedView<T>;
    type Error = io::Error;

    fn decode(&mut self, src: &mut BytesMut) -> io::Result<Option<OwnedView<T>>> {
        let (len, header) = match decode_varint(src) {
            Ok(prefix) => prefix,
            Err(VarintError::Truncated) if src.len() < MAX_VARINT_LEN => return Ok(None),
            Err(_) => return Err(self.framing_error(DecodeErrorKind::VarintOverflow)),
        };
        if len > self.max_frame_len as u64 {
            let kind = DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: self.max_frame_len };
            return Err(self.framing_error(kind));
        }
        // Within the limit, so within `usize`.
        let total = header.saturating_add(len as usize);
        if src.len() < total {
            // Room for the next read, not for the whole frame: a prefix alone reserves nothing it claims.
            src.reserve((total - src.len()).min(RESERVE_AHEAD));
            return Ok(None);
        }
        src.advance(header);
        let body = src.split_to(len as usize).freeze();
        let view =
            OwnedView::with_options(body, &self.options).map_err(|e| self.error(FrameErrorKind::Message(e)));
        self.frame += 1;
        self.offset += total as u64;
        view.map(Some)
    }

    /// As [`decode`](Self::decode); input that ends inside a frame is a truncation error
    /// ([`FrameError::is_truncated`]) naming the frame.
    fn decode_eof(&mut self, src: &mut BytesMut) -> io::Result<Option<OwnedView<T>>> {
        match self.decode(src)? {
            Some(view) => Ok(Some(view)),
            None if src.is_empty() => Ok(None),
            None => Err(self.framing_error(match decode_varint(src) {
                Ok((len, header)) => {
                    DecodeErrorKind::LengthOutOfBounds { len, remaining: src.len() - header }
                }
                Err(_) => DecodeErrorKind::Truncated,
            })),
        }
    }
}

impl<T, M: Message> Encoder<&M> for DelimitedCodec<T> {
    type Error = io::Error;

    fn encode(&mut self, message: &M, dst: &mut BytesMut) -> io::Result<()> {
        append_to_bytes_mut::<_, true>(message, dst);
        Ok(())
    }
}
