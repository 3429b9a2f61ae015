//! Reading a stream container: the preamble and header on opening, then frames one at a time from one reused
//! buffer, with limits checked before anything is buffered or decompressed.

use super::checksum::crc32c_append;
use super::compress::{Codec, Contexts};
use super::format::{
    codec_flag, parse_frame_header, FrameHeader, FrameKind, HeaderError, CHECKSUM_LEN, FLAG_CHECKSUMS,
    FRAME_CODEC_MASK, KNOWN_FLAGS, MAGIC, MAX_FRAME_HEADER, REQUIRED_FLAGS, VERSION,
};
use super::metadata::{Metadata, MetadataError};
use crate::decode::Reader;
use crate::error::{DecodeError, DecodeErrorKind, Limit};
use crate::message::DecodeMessage;
use crate::options::DecodeOptions;
use crate::stream::error::{ContainerErrorKind, FrameError, FrameErrorKind};
use crate::stream::input::ReadBuffer;
use crate::view::{view_inline, Viewable};
use crate::wire::{decode_varint, VarintError, WireType, MAX_VARINT_LEN};
use std::io::Read;

/// The largest frame payload (stored or decompressed) a reader accepts unless told otherwise.
const DEFAULT_MAX_FRAME_LEN: usize = 64 << 20;

/// How a [`ContainerReader`] reads: the decode options of its messages and the frame limit. Start from
/// [`ReaderOptions::new`].
#[derive(Clone, Copy, Debug)]
pub struct ReaderOptions {
    decode: DecodeOptions,
    max_frame_len: usize,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions { decode: DecodeOptions::DEFAULT, max_frame_len: DEFAULT_MAX_FRAME_LEN }
    }
}

impl ReaderOptions {
    /// The defaults: default decode options, frames up to 64 MiB.
    pub fn new() -> Self {
        ReaderOptions::default()
    }

    /// Validates messages with `options`; their message-length limit becomes the frame limit (64 MiB when
    /// they set none).
    pub fn decode_options(mut self, options: &DecodeOptions) -> Self {
        self.decode = *options;
        self.max_frame_len = options.message_len_limit().min(DEFAULT_MAX_FRAME_LEN);
        self
    }

    /// The largest frame payload accepted, stored or decompressed (64 MiB by default): longer frames are an
    /// error before anything of them is buffered or decompressed.
    pub fn max_frame_len(mut self, max: usize) -> Self {
        self.max_frame_len = max;
        self
    }

    /// Reads the preamble and header frame of `input`.
    pub fn open<R: Read>(self, input: R) -> Result<ContainerReader<R>, FrameError> {
        ContainerReader::open_with(input, self)
    }
}

/// What is known of a frame: where it is, its kind, how it is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameInfo {
    /// The frame's index in the stream (0 is the header frame).
    pub index: u64,
    /// The stream offset where the frame starts.
    pub offset: u64,
    /// Its kind.
    pub kind: FrameKind,
    /// The payload's length as stored.
    pub stored_len: u64,
    /// The payload's length (decompressed).
    pub len: u64,
    /// The codec it is compressed with (`"zstd"`, `"lz4"`, `"snappy"`), if any.
    pub codec: Option<&'static str>,
    /// Its CRC32C (verified), when the stream has checksums.
    pub checksum: Option<u32>,
}

/// A frame of a container: what it is and its (decompressed) payload.
#[derive(Clone, Copy, Debug)]
pub struct Frame<'a> {
    /// Where it is and how it was stored.
    pub info: FrameInfo,
    /// The payload: a message's bytes, a chunk's fields, or an extension frame's bytes; empty for an
    /// end-message frame.
    pub payload: &'a [u8],
}

/// Where a payload read by `read_frame` lives until the next read.
#[derive(Clone, Copy, Debug)]
enum Payload {
    /// `len` bytes consumed from the read buffer, ending `back` bytes before its first unconsumed byte.
    Buffered { back: usize, len: usize },
    /// The reader's decompression buffer.
    Decompressed,
}

/// Where the reader is in the frame sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Between messages.
    Messages,
    /// Inside a chunked message (after a chunk, before its end frame).
    Chunked,
    /// After the trailer, or after an error that ends the stream.
    Done,
}

/// The rest of the chunk that `next_element` is walking: its payload and how far it has got.
#[derive(Clone, Copy, Debug)]
struct ChunkCursor {
    payload: Payload,
    at: usize,
    info: FrameInfo,
}

/// Reads a stream container (`docs/stream-container.md`) from `R`: [`open`](Self::open) checks the preamble
/// and reads the header; then [`next_view`](Self::next_view), [`next_message`](Self::next_message),
/// [`next_element`](Self::next_element) (the elements of chunked messages, one at a time) or
/// [`next_frame`](Self::next_frame) (every frame). After the last frame, [`trailers`](Self::trailers) holds
/// the trailer.
///
/// Frames are read into one reused buffer (and decompressed into another), each bounded by the frame limit:
/// reading allocates nothing per message once the buffers have grown. Any break of the format ends the stream
/// with a typed [`FrameError`] naming the frame and its offset; every frame before it has been read. A stream
/// that ends before its trailer (a writer that stopped) reports `is_truncated()`. A message that does not
/// decode is reported and skipped: the framing is intact.
pub struct ContainerReader<R> {
    input: ReadBuffer<R>,
    options: DecodeOptions,
    max_frame_len: usize,
    flags: u64,
    checksums: bool,
    /// The magic, version and flags: the header frame's checksum covers them.
    preamble: Vec<u8>,
    header: Metadata,
    trailers: Option<Metadata>,
    decompressed: Vec<u8>,
    contexts: Contexts,
    frame: u64,
    /// What is known of the frame read last (kept here so that only its payload's place travels through the
    /// reading functions' results).
    info: FrameInfo,
    state: State,
    chunk: Option<ChunkCursor>,
}

impl<R: Read> ContainerReader<R> {
    /// Reads the preamble and header frame of `input`, with the default options (frames up to 64 MiB).
    pub fn open(input: R) -> Result<Self, FrameError> {
        Self::open_with(input, ReaderOptions::new())
    }

    fn open_with(input: R, options: ReaderOptions) -> Result<Self, FrameError> {
        let cap = options.max_frame_len.saturating_add(MAX_FRAME_HEADER + CHECKSUM_LEN);
        let mut reader = ContainerReader {
            input: ReadBuffer::new(input, cap.max(MAGIC.len() + 2 * MAX_VARINT_LEN)),
            options: options.decode,
            max_frame_len: options.max_frame_len,
            flags: 0,
            checksums: false,
            preamble: Vec::new(),
            header: Metadata::new(),
            trailers: None,
            decompressed: Vec::new(),
            contexts: Contexts::default(),
            frame: 0,
            info: FrameInfo {
                index: 0,
                offset: 0,
                kind: FrameKind::Header,
                stored_len: 0,
                len: 0,
                codec: None,
                checksum: None,
            },
            state: State::Messages,
            chunk: None,
        };
        reader.read_preamble()?;
        let Some(payload) = reader.read_frame()? else {
            return Err(reader.error(decode_kind(DecodeErrorKind::Truncated)));
        };
        if reader.info.kind != FrameKind::Header {
            let reason = "comes before the header frame";
            let kind = ContainerErrorKind::OutOfPlace { kind: reader.info.kind, reason };
            return Err(reader.error_at(&reader.info, container_kind(kind)));
        }
        reader.header = reader.metadata(payload)?;
        Ok(reader)
    }

    /// The metadata headers.
    pub fn header(&self) -> &Metadata {
        &self.header
    }

    /// The trailers, once the trailer frame has been read (after the last frame).
    pub fn trailers(&self) -> Option<&Metadata> {
        self.trailers.as_ref()
    }

    /// The stream's flags as written (checksums, codecs, and any optional bits).
    pub fn flags(&self) -> u64 {
        self.flags
    }

    /// Whether every frame carries a CRC32C.
    pub fn has_checksums(&self) -> bool {
        self.checksums
    }

    /// Frames read so far, the header included.
    pub fn frames_read(&self) -> u64 {
        self.frame
    }

    /// The stream offset of the next frame.
    pub fn position(&self) -> u64 {
        self.input.offset()
    }

    /// The next frame after the header: message, chunk, end-message and extension frames. `None` after the
    /// trailer frame (which fills [`trailers`](Self::trailers)) or after an error.
    pub fn next_frame(&mut self) -> Option<Result<Frame<'_>, FrameError>> {
        self.chunk = None;
        Some(self.advance()?.map(|payload| Frame { info: self.info, payload: self.payload(payload) }))
    }

    /// The validated view of the next message frame, borrowed from the reader's buffers. Extension frames
    /// are skipped; a chunked message is skipped and reported as an error (read it with
    /// [`next_element`](Self::next_element)).
    #[inline]
    pub fn next_view<T: Viewable>(&mut self) -> Option<Result<T::View<'_>, FrameError>> {
        let payload = match self.next_whole_message()? {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let bytes = self.payload(payload);
        let view = view_inline::<T::View<'_>>(bytes, &self.options);
        Some(view.map_err(|e| message_error(&self.info, e)))
    }

    /// The next message frame, decoded to an owned value (like [`next_view`](Self::next_view)).
    #[inline]
    pub fn next_message<T: for<'de> DecodeMessage<'de>>(&mut self) -> Option<Result<T, FrameError>> {
        let payload = match self.next_whole_message()? {
            Ok(found) => found,
            Err(e) => return Some(Err(e)),
        };
        let bytes = self.payload(payload);
        Some(T::decode_with(bytes, &self.options).map_err(|e| message_error(&self.info, e)))
    }

    /// The next element of the repeated message field `field` of the chunked message being read (starting the
    /// next chunked message when none is open), as a validated view. Other fields of the message are skipped.
    /// `None` at the end of the chunked message (the next call starts the next one), and at the end of the
    /// stream. Memory stays at one chunk, whatever the element count.
    #[inline]
    pub fn next_element<E: Viewable>(&mut self, field: u32) -> Option<Result<E::View<'_>, FrameError>> {
        let (info, payload, range) = loop {
            match self.chunk {
                Some(cursor) => match self.next_field_in_chunk(cursor, field) {
                    Ok(Some(range)) => break (cursor.info, cursor.payload, range),
                    Ok(None) => self.chunk = None,
                    Err(e) => {
                        self.chunk = None;
                        return Some(Err(e));
                    }
                },
                None => match self.advance()? {
                    Ok(payload) => match self.info.kind {
                        FrameKind::Chunk => {
                            self.chunk = Some(ChunkCursor { payload, at: 0, info: self.info })
                        }
                        FrameKind::EndMessage => return None,
                        FrameKind::Message => {
                            let reason = "is not a chunked message: read it with next_view";
                            let kind = ContainerErrorKind::OutOfPlace { kind: FrameKind::Message, reason };
                            return Some(Err(self.error_at(&self.info, container_kind(kind))));
                        }
                        _ => {}
                    },
                    Err(e) => return Some(Err(e)),
                },
            }
        };
        let bytes = &self.payload(payload)[range];
        Some(view_inline::<E::View<'_>>(bytes, &self.options).map_err(|e| message_error(&info, e)))
    }

    /// Walks the chunk from the cursor to the next field `field`, returning the range of its payload in the
    /// chunk and moving the cursor past it; `None` at the end of the chunk.
    fn next_field_in_chunk(
        &mut self,
        cursor: ChunkCursor,
        field: u32,
    ) -> Result<Option<core::ops::Range<usize>>, FrameError> {
        let rest = &self.payload(cursor.payload)[cursor.at..];
        let fail = |e: DecodeError| message_error(&cursor.info, e.shifted(cursor.at));
        let mut reader = Reader::new(rest, &DecodeOptions::DEFAULT).map_err(fail)?;
        let mut last = 0;
        loop {
            let Some(tag) = reader.next_field(&mut last).map_err(fail)? else {
                return Ok(None);
            };
            if tag.number == field {
                reader.expect_wire_type(&tag, WireType::Bytes).map_err(fail)?;
                let body = reader.read_len_delimited(Limit::MessageLen).map_err(fail)?;
                let start = cursor.at + reader.offset_of(body);
                let end = cursor.at + reader.position();
                let range = start..start + body.len();
                self.chunk = Some(ChunkCursor { at: end, ..cursor });
                return Ok(Some(range));
            }
            reader.skip_unknown(&tag).map_err(fail)?;
        }
    }

    /// The next message frame, skipping extension frames and (with an error) chunked messages.
    #[inline]
    fn next_whole_message(&mut self) -> Option<Result<Payload, FrameError>> {
        self.chunk = None;
        loop {
            let payload = match self.advance()? {
                Ok(frame) => frame,
                Err(e) => return Some(Err(e)),
            };
            match self.info.kind {
                FrameKind::Message => return Some(Ok(payload)),
                FrameKind::Chunk => {
                    let info = self.info;
                    let skipped = self.skip_chunked();
                    let reason = "starts a chunked message, skipped: read it with next_element";
                    let kind = ContainerErrorKind::OutOfPlace { kind: info.kind, reason };
                    return Some(skipped.and(Err(self.error_at(&info, container_kind(kind)))));
                }
                _ => {}
            }
        }
    }

    /// Reads up to the end of the open chunked message.
    fn skip_chunked(&mut self) -> Result<(), FrameError> {
        while self.state == State::Chunked {
            if let Some(Err(e)) = self.advance() {
                return Err(e);
            }
        }
        Ok(())
    }

    /// Reads the next frame after the header and applies the order rules: `None` after the trailer.
    #[inline]
    fn advance(&mut self) -> Option<Result<Payload, FrameError>> {
        if self.state == State::Done {
            return None;
        }
        let result = self.advance_inner();
        if result.is_err() {
            self.state = State::Done;
        }
        result.transpose()
    }

    #[inline]
    fn advance_inner(&mut self) -> Result<Option<Payload>, FrameError> {
        let Some(payload) = self.read_frame()? else {
            return Err(self.error(container_kind(ContainerErrorKind::MissingTrailer)));
        };
        let info = &self.info;
        let out_of_place = |reason| ContainerErrorKind::OutOfPlace { kind: info.kind, reason };
        let chunked = self.state == State::Chunked;
        let broken = match info.kind {
            FrameKind::Header => Some(out_of_place("appears after the first frame")),
            FrameKind::Message | FrameKind::Trailer if chunked => {
                Some(out_of_place("appears inside a chunked message, before its end-message frame"))
            }
            FrameKind::EndMessage if !chunked => Some(out_of_place("ends no chunked message")),
            FrameKind::EndMessage if info.len != 0 => Some(out_of_place("has a payload")),
            _ => None,
        };
        if let Some(kind) = broken {
            return Err(self.error_at(&self.info, container_kind(kind)));
        }
        match self.info.kind {
            FrameKind::Chunk => self.state = State::Chunked,
            FrameKind::EndMessage => self.state = State::Messages,
            FrameKind::Trailer => {
                self.trailers = Some(self.metadata(payload)?);
                self.state = State::Done;
                if self.input.fill_to(1).map_err(|e| self.io_error(e))? {
                    return Err(self.error(container_kind(ContainerErrorKind::DataAfterTrailer)));
                }
                return Ok(None);
            }
            _ => {}
        }
        Ok(Some(payload))
    }

    /// Checks the magic, version and flags.
    fn read_preamble(&mut self) -> Result<(), FrameError> {
        let complete = self.input.fill_to(MAGIC.len()).map_err(|e| self.io_error(e))?;
        let head = self.input.available();
        if !MAGIC.starts_with(&head[..head.len().min(MAGIC.len())]) {
            return Err(self.error(container_kind(ContainerErrorKind::BadMagic)));
        }
        if !complete {
            return Err(self.error(decode_kind(DecodeErrorKind::Truncated)));
        }
        let (version, at) = self.varint_at(MAGIC.len())?;
        if version != VERSION {
            return Err(self.error(container_kind(ContainerErrorKind::UnsupportedVersion(version))));
        }
        let (flags, end) = self.varint_at(at)?;
        let unknown = flags & REQUIRED_FLAGS & !KNOWN_FLAGS;
        if unknown != 0 {
            return Err(self.error(container_kind(ContainerErrorKind::UnknownRequiredFlags(unknown))));
        }
        let checksums = flags & FLAG_CHECKSUMS != 0;
        if checksums && crc32c_append(0, &[]).is_none() {
            let kind =
                ContainerErrorKind::MissingFeature { capability: "CRC32C checksums", feature: "crc32c" };
            return Err(self.error(container_kind(kind)));
        }
        for codec in (1..=3).filter_map(Codec::from_bits) {
            if flags & codec_flag(codec) != 0 {
                if let Some((capability, feature)) = codec.missing_feature() {
                    return Err(self
                        .error(container_kind(ContainerErrorKind::MissingFeature { capability, feature })));
                }
            }
        }
        (self.flags, self.checksums) = (flags, checksums);
        self.preamble = self.input.available()[..end].to_vec();
        self.input.consume(end);
        Ok(())
    }

    /// The varint at `at` in the unconsumed bytes, reading more as needed, and the position after it.
    fn varint_at(&mut self, at: usize) -> Result<(u64, usize), FrameError> {
        loop {
            let available = &self.input.available()[at..];
            match decode_varint(available) {
                Ok((value, n)) => return Ok((value, at + n)),
                Err(VarintError::Truncated) if available.len() < MAX_VARINT_LEN => {
                    let had = self.input.available().len();
                    if !self.input.read_more(had + 1).map_err(|e| self.io_error(e))? {
                        return Err(self.error(decode_kind(DecodeErrorKind::Truncated)));
                    }
                }
                Err(_) => return Err(self.error(decode_kind(DecodeErrorKind::VarintOverflow))),
            }
        }
    }

    /// Reads the next frame whole — checked against the limit, checksum verified, decompressed — or `None`
    /// when the input ends at a frame boundary.
    #[inline]
    fn read_frame(&mut self) -> Result<Option<Payload>, FrameError> {
        let header = loop {
            match parse_frame_header(self.input.available()) {
                Ok(header) => break header,
                Err(HeaderError::Incomplete) => {
                    let had = self.input.available().len();
                    if !self.input.read_more(had + 1).map_err(|e| self.io_error(e))? {
                        return match had {
                            0 => Ok(None),
                            _ => Err(self.error(decode_kind(DecodeErrorKind::Truncated))),
                        };
                    }
                }
                Err(HeaderError::Overflow) => {
                    return Err(self.error(decode_kind(DecodeErrorKind::VarintOverflow)))
                }
            }
        };
        let (kind, codec) = self.check_header(&header)?;
        let stored = header.stored_len as usize;
        let checksum_len = if self.checksums { CHECKSUM_LEN } else { 0 };
        // Within the limit, so within `usize`; the buffer grows as bytes arrive, not to `total` at once.
        let total = header.len.saturating_add(stored).saturating_add(checksum_len);
        if !self.input.fill_to(total).map_err(|e| self.io_error(e))? {
            let remaining = self.input.available().len().saturating_sub(header.len);
            let kind = DecodeErrorKind::LengthOutOfBounds { len: header.stored_len, remaining };
            return Err(self.error(decode_kind(kind)));
        }
        let checksum = self.verify_checksum(kind, header.len + stored)?;
        self.info = FrameInfo {
            index: self.frame,
            offset: self.input.offset(),
            kind,
            stored_len: header.stored_len,
            len: header.raw_len,
            codec: codec.map(Codec::name),
            checksum,
        };
        self.input.consume(total);
        self.frame += 1;
        let stored_at = Payload::Buffered { back: stored + checksum_len, len: stored };
        let Some(codec) = codec else {
            return Ok(Some(stored_at));
        };
        let Payload::Buffered { back, len } = stored_at else { unreachable!("just made") };
        let stored = self.input.consumed(back, len);
        let raw_len = header.raw_len as usize;
        if !codec.decompress(&mut self.contexts, stored, raw_len, &mut self.decompressed) {
            let kind = ContainerErrorKind::DecompressionFailed { codec: codec.name() };
            return Err(self.error_at(&self.info, container_kind(kind)));
        }
        Ok(Some(Payload::Decompressed))
    }

    /// Checks a frame header's kind, flags, codec and lengths against the format and the limit.
    fn check_header(&self, header: &FrameHeader) -> Result<(FrameKind, Option<Codec>), FrameError> {
        let Some(kind) = FrameKind::from_byte(header.kind) else {
            return Err(self.error(container_kind(ContainerErrorKind::UnknownFrameKind(header.kind))));
        };
        if header.flags & !FRAME_CODEC_MASK != 0 {
            return Err(self.error(container_kind(ContainerErrorKind::UnknownFrameFlags(header.flags))));
        }
        let codec = Codec::from_bits(header.flags & FRAME_CODEC_MASK);
        if let Some(codec) = codec {
            if self.flags & codec_flag(codec) == 0 {
                return Err(self.error(container_kind(ContainerErrorKind::UndeclaredCodec(codec.name()))));
            }
        }
        let max = self.max_frame_len;
        if header.stored_len > max as u64 {
            return Err(
                self.error(decode_kind(DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max }))
            );
        }
        if header.raw_len > max as u64 {
            let kind = ContainerErrorKind::DecompressedTooLarge { len: header.raw_len, max };
            return Err(self.error(container_kind(kind)));
        }
        Ok((kind, codec))
    }

    /// Verifies the CRC32C after the frame's first `len` bytes (and, for the header frame, the preamble);
    /// the checksum, or `None` when the stream has none.
    fn verify_checksum(&self, kind: FrameKind, len: usize) -> Result<Option<u32>, FrameError> {
        if !self.checksums {
            return Ok(None);
        }
        let bytes = self.input.available();
        let start = if kind == FrameKind::Header { crc32c_append(0, &self.preamble) } else { Some(0) };
        let computed = start.and_then(|crc| crc32c_append(crc, &bytes[..len])).unwrap_or_default();
        let stored = u32::from_le_bytes(bytes[len..len + CHECKSUM_LEN].try_into().expect("four bytes"));
        if stored != computed {
            return Err(self.error(container_kind(ContainerErrorKind::ChecksumMismatch { stored, computed })));
        }
        Ok(Some(stored))
    }

    /// Decodes the metadata payload of a header or trailer frame.
    fn metadata(&self, payload: Payload) -> Result<Metadata, FrameError> {
        Metadata::decode(self.payload(payload)).map_err(|e| match e {
            MetadataError::Decode(e) => message_error(&self.info, e),
            MetadataError::Container(kind) => self.error_at(&self.info, container_kind(kind)),
        })
    }

    fn payload(&self, payload: Payload) -> &[u8] {
        match payload {
            Payload::Buffered { back, len } => self.input.consumed(back, len),
            Payload::Decompressed => &self.decompressed,
        }
    }

    /// An error of the frame about to be read.
    #[cold]
    fn error(&self, kind: FrameErrorKind) -> FrameError {
        let offset = self.input.offset();
        let kind = match kind {
            FrameErrorKind::Decode(e) => FrameErrorKind::Decode(e.shifted(offset as usize)),
            other => other,
        };
        FrameError::new(self.frame, offset, kind)
    }

    /// An error of the frame `info` describes.
    #[cold]
    fn error_at(&self, info: &FrameInfo, kind: FrameErrorKind) -> FrameError {
        FrameError::new(info.index, info.offset, kind)
    }

    #[cold]
    fn io_error(&self, e: std::io::Error) -> FrameError {
        FrameError::new(self.frame, self.input.offset(), FrameErrorKind::Io(e))
    }
}

/// The error of a message (or metadata) that failed to decode in the frame `info` describes; the decode
/// error's offset counts from the start of the frame's payload.
fn message_error(info: &FrameInfo, e: DecodeError) -> FrameError {
    FrameError::new(info.index, info.offset, FrameErrorKind::Message(e))
}

fn decode_kind(kind: DecodeErrorKind) -> FrameErrorKind {
    FrameErrorKind::Decode(DecodeError::new(kind, 0))
}

fn container_kind(kind: ContainerErrorKind) -> FrameErrorKind {
    FrameErrorKind::Container(kind)
}
