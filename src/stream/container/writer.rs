//! Writing a stream container: the preamble and header frame, message frames, chunked messages, the trailer.

use super::checksum::crc32c_append;
use super::compress::{Compression, Contexts};
use super::format::{
    codec_flag, put_frame_header, put_varint, FrameKind, CHECKSUM_LEN, FLAG_CHECKSUMS, MAGIC, VERSION,
};
use super::metadata::Metadata;
use crate::message::Message;
use crate::wire::{make_tag, WireType};
use std::io::{self, Write};

/// Buffered bytes that make the writer write them out (and the payload size at which a chunked message's
/// pending elements become a chunk frame, unless set otherwise).
const WRITE_CHUNK: usize = 64 << 10;

/// Payloads from this size on are compressed, unless set otherwise.
const DEFAULT_COMPRESS_ABOVE: usize = 512;

/// How a [`ContainerWriter`] writes: checksums, compression, chunk size, and the header metadata. Start from
/// [`WriterOptions::new`]; [`open`](Self::open) writes the preamble and the header frame.
#[derive(Clone, Debug)]
pub struct WriterOptions {
    checksums: bool,
    compression: Compression,
    compress_above: usize,
    chunk_len: usize,
    header: Metadata,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            checksums: false,
            compression: Compression::None,
            compress_above: DEFAULT_COMPRESS_ABOVE,
            chunk_len: WRITE_CHUNK,
            header: Metadata::new(),
        }
    }
}

impl WriterOptions {
    /// The defaults: no checksums, no compression (payloads from 512 bytes on once a codec is set), 64 KiB
    /// chunks, no headers.
    pub fn new() -> Self {
        WriterOptions::default()
    }

    /// Ends every frame with a CRC32C of its bytes (off by default).
    #[cfg(feature = "crc32c")]
    pub fn checksums(mut self, on: bool) -> Self {
        self.checksums = on;
        self
    }

    /// Compresses frame payloads with `compression` (none by default).
    pub fn compression(mut self, compression: Compression) -> Self {
        self.compression = compression;
        self
    }

    /// Compresses only payloads of at least `len` bytes (512 by default): small frames rarely shrink.
    pub fn compress_above(mut self, len: usize) -> Self {
        self.compress_above = len;
        self
    }

    /// The payload size at which a chunked message's pending fields become a chunk frame (64 KiB by default).
    pub fn chunk_len(mut self, len: usize) -> Self {
        self.chunk_len = len.max(1);
        self
    }

    /// Adds a metadata header (the schema, the type, the producer, anything).
    pub fn header(mut self, key: impl Into<String>, value: impl AsRef<[u8]>) -> Self {
        self.header.insert(key, value);
        self
    }

    /// Sets all the metadata headers at once.
    pub fn headers(mut self, headers: Metadata) -> Self {
        self.header = headers;
        self
    }

    /// Writes the preamble and the header frame to `out` and returns the writer.
    pub fn open<W: Write>(self, out: W) -> io::Result<ContainerWriter<W>> {
        ContainerWriter::with_options(out, self)
    }

    fn flags(&self) -> u64 {
        let checksums = if self.checksums { FLAG_CHECKSUMS } else { 0 };
        let codec = self.compression.codec().map_or(0, codec_flag);
        checksums | codec
    }
}

/// Writes a stream container (`docs/stream-container.md`) to `W`: the header on opening, one frame per
/// [`write`](Self::write), chunked messages through [`begin_chunked`](Self::begin_chunked), and the trailer on
/// [`finish`](Self::finish). Frames are built in an internal buffer handed to `W` in 64 KiB writes.
///
/// Until `finish` writes the trailer, the file reads as truncated: every complete frame is readable, and the
/// reader then reports that the writer did not finish. Dropping the writer writes out the buffered frames but
/// no trailer.
pub struct ContainerWriter<W: Write> {
    /// `None` only after `finish` took it.
    out: Option<W>,
    options: WriterOptions,
    buf: Vec<u8>,
    /// A message's bytes before compression.
    scratch: Vec<u8>,
    /// A compressed payload.
    packed: Vec<u8>,
    /// The pending fields of the open chunked message, if any.
    chunk: Vec<u8>,
    chunked: bool,
    /// Whether the open chunked message has a chunk frame yet (the format requires one before its end).
    chunk_written: bool,
    trailers: Metadata,
    frames: u64,
    contexts: Contexts,
}

impl<W: Write> ContainerWriter<W> {
    /// A writer with the default options (no checksums, no compression, no headers).
    pub fn new(out: W) -> io::Result<Self> {
        Self::with_options(out, WriterOptions::default())
    }

    fn with_options(out: W, options: WriterOptions) -> io::Result<Self> {
        let mut writer = ContainerWriter {
            out: Some(out),
            buf: Vec::with_capacity(WRITE_CHUNK),
            scratch: Vec::new(),
            packed: Vec::new(),
            chunk: Vec::new(),
            chunked: false,
            chunk_written: false,
            trailers: Metadata::new(),
            frames: 0,
            contexts: Contexts::default(),
            options,
        };
        writer.buf.extend_from_slice(&MAGIC);
        put_varint(&mut writer.buf, VERSION);
        put_varint(&mut writer.buf, writer.options.flags());
        let mut header = std::mem::take(&mut writer.scratch);
        writer.options.header.encode_into(&mut header);
        writer.put_frame(FrameKind::Header, &header);
        writer.scratch = header;
        writer.write_buffered()?;
        Ok(writer)
    }

    /// Writes `message` as one message frame (buffered). Ends an open chunked message first.
    pub fn write<M: Message>(&mut self, message: &M) -> io::Result<()> {
        self.end_chunked();
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        message.encode_into(&mut scratch);
        self.put_frame(FrameKind::Message, &scratch);
        self.scratch = scratch;
        self.write_if_full()
    }

    /// Writes an already encoded message as one message frame (the bytes are not checked).
    pub fn write_encoded(&mut self, message: &[u8]) -> io::Result<()> {
        self.end_chunked();
        self.put_frame(FrameKind::Message, message);
        self.write_if_full()
    }

    /// Starts a chunked message whose other fields are `head`'s (an empty message for none): its repeated
    /// field's elements follow through [`ChunkedWriter::push`], written out in chunk frames as they
    /// accumulate, so neither the elements nor the total size need to be known in advance. For the
    /// concatenated message to be canonical, give the repeated field the highest field number and leave it
    /// empty in `head`.
    pub fn begin_chunked<M: Message>(&mut self, head: &M) -> io::Result<ChunkedWriter<'_, W>> {
        self.end_chunked();
        self.chunked = true;
        self.chunk_written = false;
        self.chunk.clear();
        head.encode_into(&mut self.chunk);
        Ok(ChunkedWriter { writer: self })
    }

    /// Sets a trailer, written by [`finish`](Self::finish).
    pub fn set_trailer(&mut self, key: impl Into<String>, value: impl AsRef<[u8]>) {
        self.trailers.insert(key, value);
    }

    /// Frames written so far (the header included, buffered ones included).
    pub fn frames_written(&self) -> u64 {
        self.frames
    }

    /// Writes out the buffered frames and flushes the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.write_buffered()?;
        self.out_mut().flush()
    }

    /// Ends an open chunked message, writes the trailer frame, flushes, and returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.end_chunked();
        let mut trailer = Vec::new();
        self.trailers.encode_into(&mut trailer);
        self.put_frame(FrameKind::Trailer, &trailer);
        self.flush()?;
        Ok(self.out.take().expect("present until finish"))
    }

    /// The underlying writer.
    pub fn get_ref(&self) -> &W {
        self.out.as_ref().expect("present until finish")
    }

    fn out_mut(&mut self) -> &mut W {
        self.out.as_mut().expect("present until finish")
    }

    /// Writes the open chunked message's pending fields as a chunk frame, then its end frame. A message with
    /// no fields at all still gets its (empty) chunk frame: a chunked message is at least one chunk.
    fn end_chunked(&mut self) {
        if self.chunked {
            self.put_chunk();
            if !self.chunk_written {
                self.put_frame(FrameKind::Chunk, &[]);
            }
            self.put_frame(FrameKind::EndMessage, &[]);
            self.chunked = false;
        }
    }

    /// Writes the pending fields of the chunked message as a chunk frame, if there are any.
    fn put_chunk(&mut self) {
        if !self.chunk.is_empty() {
            let chunk = std::mem::take(&mut self.chunk);
            self.put_frame(FrameKind::Chunk, &chunk);
            self.chunk_written = true;
            self.chunk = chunk;
            self.chunk.clear();
        }
    }

    /// Appends one frame holding `payload` to the buffer: compressed when that is set, pays, and the payload
    /// reaches the threshold; checksummed when that is set.
    fn put_frame(&mut self, kind: FrameKind, payload: &[u8]) {
        let start = self.buf.len();
        let compression = self.options.compression;
        let compressed = payload.len() >= self.options.compress_above.max(1)
            && compression.compress(&mut self.contexts, payload, &mut self.packed)
            && self.packed.len() < payload.len();
        match compression.codec() {
            Some(codec) if compressed => {
                put_frame_header(&mut self.buf, kind, codec as u8, self.packed.len(), payload.len());
                self.buf.extend_from_slice(&self.packed);
            }
            _ => {
                put_frame_header(&mut self.buf, kind, 0, payload.len(), payload.len());
                self.buf.extend_from_slice(payload);
            }
        }
        if self.options.checksums {
            // The header frame's checksum covers the preamble too: a damaged flag cannot go unnoticed.
            let covered = if kind == FrameKind::Header { 0 } else { start };
            let crc = crc32c_append(0, &self.buf[covered..]).unwrap_or_default();
            self.buf.reserve(CHECKSUM_LEN);
            self.buf.extend_from_slice(&crc.to_le_bytes());
        }
        self.frames += 1;
    }

    fn write_if_full(&mut self) -> io::Result<()> {
        if self.buf.len() >= WRITE_CHUNK {
            self.write_buffered()?;
        }
        Ok(())
    }

    fn write_buffered(&mut self) -> io::Result<()> {
        if let Some(out) = &mut self.out {
            out.write_all(&self.buf)?;
        }
        self.buf.clear();
        Ok(())
    }
}

impl<W: Write> Drop for ContainerWriter<W> {
    fn drop(&mut self) {
        let _ = self.write_buffered();
    }
}

/// The open chunked message of a [`ContainerWriter`]: [`push`](Self::push) appends elements of a repeated
/// field, [`finish`](Self::finish) ends the message. Memory stays at about one chunk whatever the element
/// count. Dropping it without `finish` leaves the message open; the writer's next call ends it.
///
/// ```
/// use cramberry::stream::container::{ContainerReader, ContainerWriter};
/// use cramberry::Cramberry;
///
/// #[derive(Cramberry, Default)]
/// struct Record { #[cram(1)] seq: u64 }
/// #[derive(Cramberry, Default)]
/// struct Log { #[cram(1)] host: String, #[cram(2)] records: Vec<Record> }
///
/// let mut writer = ContainerWriter::new(Vec::new())?;
/// let mut log = writer.begin_chunked(&Log { host: "a".into(), records: vec![] })?;
/// for seq in 0..1000 {
///     log.push(2, &Record { seq })?;
/// }
/// log.finish()?;
/// let file = writer.finish()?;
///
/// let mut reader = ContainerReader::open(&file[..])?;
/// let mut sum = 0;
/// while let Some(record) = reader.next_element::<Record>(2) {
///     sum += record?.seq();
/// }
/// assert_eq!(sum, 999 * 1000 / 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ChunkedWriter<'w, W: Write> {
    writer: &'w mut ContainerWriter<W>,
}

impl<W: Write> ChunkedWriter<'_, W> {
    /// Appends `element` to the repeated message field number `field`.
    pub fn push<E: Message>(&mut self, field: u32, element: &E) -> io::Result<()> {
        let chunk = &mut self.writer.chunk;
        put_varint(chunk, make_tag(field, WireType::Bytes));
        element.encode_length_delimited_into(chunk);
        self.spill()
    }

    /// Appends the fields of `fields` (encoded as a message) to the message: fields after the repeated one.
    pub fn push_fields<M: Message>(&mut self, fields: &M) -> io::Result<()> {
        fields.encode_into(&mut self.writer.chunk);
        self.spill()
    }

    /// Ends the message (its last chunk and the end frame).
    pub fn finish(self) -> io::Result<()> {
        self.writer.end_chunked();
        self.writer.write_if_full()
    }

    /// Writes a chunk frame once enough is pending.
    fn spill(&mut self) -> io::Result<()> {
        if self.writer.chunk.len() >= self.writer.options.chunk_len {
            self.writer.put_chunk();
            self.writer.write_if_full()?;
        }
        Ok(())
    }
}
