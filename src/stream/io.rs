//! Frames over `std::io`: a writer that appends one frame per message, a reader that reads frames into one
//! reused buffer and hands out views borrowed from it.

use super::input::ReadBuffer;
use super::prefetch::prefetch_ahead;
use super::{FrameError, FrameErrorKind};
use crate::decode::whole_frame;
use crate::error::{DecodeError, DecodeErrorKind, Limit};
use crate::message::{DecodeMessage, Message};
use crate::options::DecodeOptions;
use crate::view::{view_inline, Viewable};
use crate::wire::{decode_varint, VarintError, MAX_VARINT_LEN};
use std::io::{self, Read, Write};

/// Writes messages as length-delimited frames to `W`. Frames are encoded straight into an internal buffer that
/// is handed to `W` in large writes (64 KiB), like a `BufWriter`: no allocation and no copy per message, and no
/// need to wrap `W` in a `BufWriter`. [`flush`](Self::flush) (or [`into_inner`](Self::into_inner)) writes out
/// what is buffered; dropping the writer tries to, ignoring errors.
///
/// ```
/// use cramberry::stream::{StreamReader, StreamWriter};
/// # #[derive(cramberry::Cramberry)] struct Ping { #[cram(1)] seq: u64 }
/// let mut writer = StreamWriter::new(Vec::new());
/// for seq in 0..3 {
///     writer.write(&Ping { seq })?;
/// }
/// let bytes = writer.into_inner()?;
/// let mut reader = StreamReader::new(&bytes[..]);
/// let mut seqs = Vec::new();
/// while let Some(ping) = reader.next_view::<Ping>() {
///     seqs.push(ping?.seq());
/// }
/// assert_eq!(seqs, [0, 1, 2]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct StreamWriter<W: Write> {
    /// `None` only after `into_inner` took it.
    out: Option<W>,
    buf: Vec<u8>,
    frames: u64,
}

/// Buffered bytes that make `StreamWriter` write them out.
const WRITE_CHUNK: usize = 64 << 10;

impl<W: Write> StreamWriter<W> {
    /// A writer of frames to `out`.
    pub fn new(out: W) -> Self {
        StreamWriter { out: Some(out), buf: Vec::with_capacity(WRITE_CHUNK), frames: 0 }
    }

    /// Writes `message` as one frame (buffered: see [`flush`](Self::flush)).
    pub fn write<M: Message>(&mut self, message: &M) -> io::Result<()> {
        message.encode_length_delimited_into(&mut self.buf);
        self.frames += 1;
        if self.buf.len() >= WRITE_CHUNK {
            self.write_buffered()?;
        }
        Ok(())
    }

    /// Frames written so far (buffered ones included).
    pub fn frames_written(&self) -> u64 {
        self.frames
    }

    /// Writes out the buffered frames and flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.write_buffered()?;
        self.get_mut().flush()
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        self.out.as_ref().expect("present until into_inner")
    }

    /// The underlying writer, mutably (frames still buffered have not reached it).
    pub fn get_mut(&mut self) -> &mut W {
        self.out.as_mut().expect("present until into_inner")
    }

    /// Writes out the buffered frames and returns the underlying writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.out.take().expect("present until into_inner"))
    }

    fn write_buffered(&mut self) -> io::Result<()> {
        if let Some(out) = &mut self.out {
            out.write_all(&self.buf)?;
        }
        self.buf.clear();
        Ok(())
    }
}

impl<W: Write> Drop for StreamWriter<W> {
    fn drop(&mut self) {
        let _ = self.write_buffered();
    }
}

/// The largest frame a reader accepts when neither its options nor `max_frame_len` set one: memory stays
/// bounded for any input.
const DEFAULT_MAX_FRAME_LEN: usize = 64 << 20;

/// The buffer a frame limit of `max` needs: the frame and its longest prefix.
fn frame_cap(max: usize) -> usize {
    max.saturating_add(MAX_VARINT_LEN)
}

/// Reads length-delimited frames from `R` into one buffer it reuses: [`next_view`](Self::next_view) validates
/// the next message and returns a view borrowed from the buffer, so once the buffer has grown to the largest
/// frame, reading allocates nothing. No frame longer than [`max_frame_len`](Self::max_frame_len) is ever
/// buffered, and the buffer grows only as bytes arrive (doubling from 8 KiB as it fills): a prefix that claims
/// a long frame costs nothing until its bytes come, so memory stays within about twice what was received, even
/// with the limit lifted.
///
/// A framing problem — a stream cut inside a frame, a frame over the limit, a bad length prefix, an I/O error —
/// is reported (with the frame's index and offset) and ends the stream; every complete frame before it has been
/// read. A frame whose message does not decode is reported and skipped: the framing is intact, so reading goes
/// on with the next frame.
pub struct StreamReader<R> {
    input: ReadBuffer<R>,
    frame: u64,
    options: DecodeOptions,
    max_frame_len: usize,
    failed: bool,
}

impl<R: Read> StreamReader<R> {
    /// A reader of frames from `input`, validating messages with the default options; frames up to 64 MiB.
    pub fn new(input: R) -> Self {
        StreamReader {
            input: ReadBuffer::new(input, frame_cap(DEFAULT_MAX_FRAME_LEN)),
            frame: 0,
            options: DecodeOptions::DEFAULT,
            max_frame_len: DEFAULT_MAX_FRAME_LEN,
            failed: false,
        }
    }

    /// Validates messages with `options`; their message-length limit becomes the frame limit (64 MiB when
    /// they set none).
    pub fn with_options(mut self, options: &DecodeOptions) -> Self {
        self.options = *options;
        self.max_frame_len(options.message_len_limit().min(DEFAULT_MAX_FRAME_LEN))
    }

    /// Sets the longest frame accepted (the message bytes, without the prefix); longer frames are an error
    /// before anything of them is buffered.
    pub fn max_frame_len(mut self, max: usize) -> Self {
        self.max_frame_len = max;
        self.input.set_cap(frame_cap(max));
        self
    }

    /// Frames read so far (including ones whose message failed to decode).
    pub fn frames_read(&self) -> u64 {
        self.frame
    }

    /// The stream offset of the next frame.
    pub fn position(&self) -> u64 {
        self.input.offset()
    }

    /// The message bytes of the next frame, or `None` at the end of the stream.
    pub fn next_frame(&mut self) -> Option<Result<&[u8], FrameError>> {
        self.next_body().map(|r| r.map(|body| body.bytes))
    }

    /// The validated view of the next frame's message, borrowed from the reader's buffer.
    #[inline]
    pub fn next_view<T: Viewable>(&mut self) -> Option<Result<T::View<'_>, FrameError>> {
        Some(self.next_body()?.and_then(|body| body.read(view_inline::<T::View<'_>>)))
    }

    /// The next frame's message, decoded to an owned value.
    #[inline]
    pub fn next_message<T: for<'de> DecodeMessage<'de>>(&mut self) -> Option<Result<T, FrameError>> {
        Some(self.next_body()?.and_then(|body| body.read(T::decode_with)))
    }

    /// The next frame's message bytes, with what reading them needs; consumes the frame.
    #[inline(always)]
    fn next_body(&mut self) -> Option<Result<Body<'_>, FrameError>> {
        if self.failed {
            return None;
        }
        prefetch_ahead(self.input.available());
        let (header, len) = match whole_frame(self.input.available(), self.max_frame_len) {
            Some(frame) => frame,
            None => match self.fill_frame() {
                Ok(Some(frame)) => frame,
                Ok(None) => return None,
                Err(e) => {
                    self.failed = true;
                    return Some(Err(e));
                }
            },
        };
        let (frame, start) = (self.frame, self.position());
        self.input.consume(header + len);
        self.frame += 1;
        let bytes = self.input.consumed(len, len);
        Some(Ok(Body { bytes, options: &self.options, frame, start }))
    }

    /// Buffers the next frame whole: its prefix length and message length, or `None` at a clean end. The slow
    /// path of [`next_body`](Self::next_body), once per buffer refill.
    #[inline(never)]
    fn fill_frame(&mut self) -> Result<Option<(usize, usize)>, FrameError> {
        loop {
            let available = self.input.available();
            match decode_varint(available) {
                Ok((len, header)) => {
                    if len > self.max_frame_len as u64 {
                        let kind = DecodeErrorKind::LimitExceeded {
                            limit: Limit::MessageLen,
                            max: self.max_frame_len,
                        };
                        return Err(self.framing_error(kind));
                    }
                    // Within the limit, so within `usize`; the buffer grows as bytes arrive, not to `len` at once.
                    let total = header.saturating_add(len as usize);
                    if !self.input.fill_to(total).map_err(|e| self.io_error(e))? {
                        let remaining = self.input.available().len() - header;
                        return Err(self.framing_error(DecodeErrorKind::LengthOutOfBounds { len, remaining }));
                    }
                    return Ok(Some((header, len as usize)));
                }
                Err(VarintError::Truncated) if available.len() < MAX_VARINT_LEN => {
                    let had = available.len();
                    if !self.input.read_more(had + 1).map_err(|e| self.io_error(e))? {
                        return if had == 0 {
                            Ok(None)
                        } else {
                            Err(self.framing_error(DecodeErrorKind::Truncated))
                        };
                    }
                }
                Err(_) => return Err(self.framing_error(DecodeErrorKind::VarintOverflow)),
            }
        }
    }

    fn io_error(&self, e: io::Error) -> FrameError {
        FrameError::new(self.frame, self.position(), FrameErrorKind::Io(e))
    }

    fn framing_error(&self, kind: DecodeErrorKind) -> FrameError {
        let error = DecodeError::new(kind, self.position() as usize);
        FrameError::new(self.frame, self.position(), FrameErrorKind::Decode(error))
    }
}

/// The message bytes of one frame, borrowed from the reader, and where they are for its errors.
struct Body<'b> {
    bytes: &'b [u8],
    options: &'b DecodeOptions,
    /// The frame's index and the stream offset of its prefix.
    frame: u64,
    start: u64,
}

impl<'b> Body<'b> {
    /// Reads the message with `read` (a view's or message's `*_with`), its errors placed in the stream.
    #[inline(always)]
    fn read<T>(
        self,
        read: impl FnOnce(&'b [u8], &DecodeOptions) -> Result<T, DecodeError>,
    ) -> Result<T, FrameError> {
        read(self.bytes, self.options)
            .map_err(|e| FrameError::new(self.frame, self.start, FrameErrorKind::Message(e)))
    }
}
