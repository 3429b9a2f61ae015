//! The stream container (`docs/stream-container.md`): round trips of every frame kind, metadata, chunked
//! messages, compression and checksums; a file cut at every byte; and each way a file can be wrong, as a
//! typed error naming the frame and offset.
#![cfg(feature = "std")] // the container needs the runtime's `std` feature

use cramberry::stream::container::{
    ContainerReader, ContainerWriter, Frame, FrameKind, Metadata, ReaderOptions, WriterOptions, MAGIC,
    VERSION,
};
use cramberry::stream::{ContainerErrorKind, FrameError, FrameErrorKind};
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Limit, Message};

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Record {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: String,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Log {
    #[cram(1)]
    host: String,
    #[cram(2)]
    records: Vec<Record>,
}

fn record(seq: u64) -> Record {
    Record { seq, text: format!("record {seq} {}", "x".repeat((seq % 7) as usize)) }
}

/// Every frame kind: header, messages, a chunked message (chunks and its end), an extension frame, a trailer.
fn sample_file() -> Vec<u8> {
    let mut writer =
        WriterOptions::new().header("schema", "test.Record").chunk_len(40).open(Vec::new()).unwrap();
    writer.write(&record(1)).unwrap();
    let mut log = writer.begin_chunked(&Log { host: "h".into(), records: vec![] }).unwrap();
    for seq in 10..14 {
        log.push(2, &record(seq)).unwrap();
    }
    log.finish().unwrap();
    writer.write(&record(2)).unwrap();
    writer.set_trailer("count", "3");
    writer.finish().unwrap()
}

fn container_error(e: &FrameError) -> ContainerErrorKind {
    e.container_error().cloned().unwrap_or_else(|| panic!("not a container error: {e}"))
}

fn decode_error_kind(e: &FrameError) -> DecodeErrorKind {
    e.decode_error().map(|d| d.kind().clone()).unwrap_or_else(|| panic!("not a decode error: {e}"))
}

/// Reads every frame of `bytes`: the frames' kinds and payloads, then the error that ended it (if any).
fn read_all(bytes: &[u8]) -> (Vec<(FrameKind, Vec<u8>)>, Option<FrameError>) {
    let mut reader = match ContainerReader::open(bytes) {
        Ok(reader) => reader,
        Err(e) => return (vec![], Some(e)),
    };
    let mut frames = vec![];
    while let Some(frame) = reader.next_frame() {
        match frame {
            Ok(Frame { info, payload }) => frames.push((info.kind, payload.to_vec())),
            Err(e) => return (frames, Some(e)),
        }
    }
    assert!(reader.trailers().is_some(), "a clean end has read the trailer");
    (frames, None)
}

#[test]
fn every_frame_kind_round_trips() {
    let file = sample_file();
    assert!(file.starts_with(&MAGIC));
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.header().get_str("schema"), Some("test.Record"));
    assert!(reader.trailers().is_none());
    let mut kinds = vec![];
    let mut chunks = vec![];
    while let Some(frame) = reader.next_frame() {
        let frame = frame.unwrap();
        kinds.push(frame.info.kind);
        match frame.info.kind {
            FrameKind::Message => assert!(Record::decode(frame.payload).is_ok()),
            FrameKind::Chunk => chunks.extend_from_slice(frame.payload),
            FrameKind::EndMessage => assert!(frame.payload.is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(kinds.first(), Some(&FrameKind::Message));
    assert!(kinds.iter().filter(|k| **k == FrameKind::Chunk).count() >= 2, "chunk_len 40 splits the message");
    assert_eq!(kinds[kinds.len() - 2..], [FrameKind::EndMessage, FrameKind::Message]);
    // The chunks, concatenated, are the message's canonical bytes.
    let whole = Log { host: "h".into(), records: (10..14).map(record).collect() };
    assert_eq!(chunks, whole.encode_to_vec());
    assert_eq!(Log::decode_with(&chunks, &DecodeOptions::canonical()).unwrap(), whole);
    assert_eq!(reader.trailers().unwrap().get_str("count"), Some("3"));
    assert_eq!(reader.frames_read(), 1 + kinds.len() as u64 + 1);
    assert!(reader.next_frame().is_none());
}

#[test]
fn views_messages_and_elements_read_what_was_written() {
    let file = sample_file();
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_message::<Record>().unwrap().unwrap(), record(1));
    let mut seqs = vec![];
    while let Some(element) = reader.next_element::<Record>(2) {
        seqs.push(element.unwrap().seq());
    }
    assert_eq!(seqs, [10, 11, 12, 13]);
    let view = reader.next_view::<Record>().unwrap().unwrap();
    assert_eq!((view.seq(), view.text()), (2, "record 2 xx"));
    assert!(reader.next_view::<Record>().is_none());
    assert!(reader.trailers().is_some());

    // next_view skips a chunked message, reporting it; reading goes on.
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_view::<Record>().unwrap().unwrap().seq(), 1);
    let skipped = reader.next_view::<Record>().unwrap().unwrap_err();
    assert!(matches!(
        container_error(&skipped),
        ContainerErrorKind::OutOfPlace { kind: FrameKind::Chunk, .. }
    ));
    assert_eq!(reader.next_view::<Record>().unwrap().unwrap().seq(), 2);
}

#[test]
fn a_chunked_message_of_many_elements_reads_back_one_at_a_time() {
    let mut writer = WriterOptions::new().chunk_len(4096).open(Vec::new()).unwrap();
    {
        let mut log = writer.begin_chunked(&Log { host: "big".into(), records: vec![] }).unwrap();
        for seq in 0..50_000 {
            log.push(2, &record(seq)).unwrap();
        }
    } // left open: the writer's finish ends it
    let file = writer.finish().unwrap();
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let mut expected = 0;
    while let Some(element) = reader.next_element::<Record>(2) {
        let element = element.unwrap();
        assert_eq!((element.seq(), element.text()), (expected, record(expected).text.as_str()));
        expected += 1;
    }
    assert_eq!(expected, 50_000);
    assert!(reader.next_element::<Record>(2).is_none());
    assert!(reader.trailers().is_some());
}

#[test]
fn metadata_round_trips_in_key_order() {
    let headers: Metadata =
        [("b", &b"\x00\xff"[..]), ("a", b""), ("producer", b"test")].into_iter().collect();
    let mut writer = WriterOptions::new().headers(headers.clone()).open(Vec::new()).unwrap();
    writer.set_trailer("digest", [7u8; 32]);
    writer.set_trailer("count", 0u64.to_le_bytes());
    let file = writer.finish().unwrap();
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.header(), &headers);
    assert_eq!(reader.header().iter().map(|(k, _)| k).collect::<Vec<_>>(), ["a", "b", "producer"]);
    assert!(reader.next_frame().is_none());
    let trailers = reader.trailers().unwrap();
    assert_eq!(trailers.get("digest"), Some(&[7u8; 32][..]));
    assert_eq!(trailers.len(), 2);
}

#[test]
fn the_bytes_of_a_small_file_are_exactly_the_spec_example() {
    // docs/stream-container.md, "Example": header {"k": "v"}, one message (field 1 = 1), trailer {}.
    let mut writer = WriterOptions::new().header("k", "v").open(Vec::new()).unwrap();
    writer.write(&Record { seq: 1, text: String::new() }).unwrap();
    let file = writer.finish().unwrap();
    #[rustfmt::skip]
    let expected = [
        0x89, b'C', b'R', b'A', b'M', 0x0d, 0x0a, 0x1a, // magic
        0x01, // version 1
        0x00, // flags: none
        0x01, 0x00, 0x05, 0x01, 0x01, b'k', 0x01, b'v', // header frame: kind 1, flags 0, length 5, {"k": "v"}
        0x02, 0x00, 0x02, 0x08, 0x01, // message frame: kind 2, flags 0, length 2, field 1 = 1
        0x05, 0x00, 0x01, 0x00, // trailer frame: kind 5, flags 0, length 1, no pairs
    ];
    assert_eq!(file, expected);
    assert_eq!(VERSION, 1);
}

#[test]
fn a_file_cut_at_any_byte_reads_every_complete_frame_then_reports_the_truncation() {
    let file = sample_file();
    let (all, error) = read_all(&file);
    assert!(error.is_none());
    // Where each frame after the header ends.
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let header_end = reader.position() as usize;
    let mut ends = vec![];
    while reader.next_frame().is_some() {
        ends.push(reader.position() as usize);
    }
    for cut in 0..file.len() {
        let (frames, error) = read_all(&file[..cut]);
        let error = error.unwrap_or_else(|| panic!("cut at {cut} read as complete"));
        assert!(error.is_truncated(), "cut at {cut}: {error}");
        let complete = ends.iter().filter(|&&end| end <= cut).count();
        let expected = if cut < header_end { 0 } else { complete.min(all.len()) };
        assert_eq!(frames.len(), expected, "cut at {cut}");
        assert_eq!(frames[..], all[..expected], "cut at {cut}");
        if cut >= header_end {
            assert_eq!(error.frame(), 1 + expected as u64, "cut at {cut}");
        }
    }
}

/// A container whose preamble has `version` and `flags`, then an empty header frame and an empty trailer.
fn with_preamble(version: u8, flags: &[u8]) -> Vec<u8> {
    let mut file = MAGIC.to_vec();
    file.push(version);
    file.extend_from_slice(flags);
    file.extend_from_slice(&[1, 0, 1, 0, 5, 0, 1, 0]);
    file
}

#[test]
fn the_preamble_is_checked() {
    assert!(read_all(&with_preamble(1, &[0])).1.is_none());
    let mut wrong = with_preamble(1, &[0]);
    wrong[1] = b'X';
    let e = ContainerReader::open(&wrong[..]).err().unwrap();
    assert_eq!((container_error(&e), e.frame(), e.offset()), (ContainerErrorKind::BadMagic, 0, 0));
    assert_eq!(e.to_string(), "frame 0 (at byte 0): not a Cramberry stream container (wrong magic bytes)");
    let e = ContainerReader::open(&b"hello"[..]).err().unwrap();
    assert_eq!(container_error(&e), ContainerErrorKind::BadMagic);
    let e = ContainerReader::open(&with_preamble(2, &[0])[..]).err().unwrap();
    assert_eq!(container_error(&e), ContainerErrorKind::UnsupportedVersion(2));
    // Bit 4 is required and unknown; bit 32 is optional and ignored.
    let e = ContainerReader::open(&with_preamble(1, &[0x10])[..]).err().unwrap();
    assert_eq!(container_error(&e), ContainerErrorKind::UnknownRequiredFlags(0x10));
    assert!(read_all(&with_preamble(1, &[0x80, 0x80, 0x80, 0x80, 0x10])).1.is_none());
}

#[cfg(not(feature = "crc32c"))]
#[test]
fn a_checksummed_stream_names_the_feature_it_needs() {
    let e = ContainerReader::open(&with_preamble(1, &[1])[..]).err().unwrap();
    let kind = ContainerErrorKind::MissingFeature { capability: "CRC32C checksums", feature: "crc32c" };
    assert_eq!(container_error(&e), kind);
}

#[cfg(not(feature = "zstd"))]
#[test]
fn a_zstd_stream_names_the_feature_it_needs() {
    let e = ContainerReader::open(&with_preamble(1, &[2])[..]).err().unwrap();
    assert!(matches!(container_error(&e), ContainerErrorKind::MissingFeature { feature: "zstd", .. }));
}

/// The sample file with its first message frame (right after the header) replaced by `frame`.
fn with_frame(frame: &[u8]) -> Vec<u8> {
    let mut file = with_preamble(1, &[0]);
    let trailer = file.split_off(file.len() - 4);
    file.extend_from_slice(frame);
    file.extend_from_slice(&trailer);
    file
}

fn frame_error(file: &[u8]) -> FrameError {
    let (_, error) = read_all(file);
    error.expect("an error")
}

#[test]
fn bad_frames_are_typed_errors_naming_the_frame_and_offset() {
    // Frame 1 starts after the 10-byte preamble and the 4-byte header frame.
    let at = |e: &FrameError| (e.frame(), e.offset());
    let e = frame_error(&with_frame(&[0x06, 0, 0]));
    assert_eq!((container_error(&e), at(&e)), (ContainerErrorKind::UnknownFrameKind(6), (1, 14)));
    let e = frame_error(&with_frame(&[0x02, 0x04, 0]));
    assert_eq!(container_error(&e), ContainerErrorKind::UnknownFrameFlags(4));
    let e = frame_error(&with_frame(&[0x02, 0x01, 1, 1, 0]));
    assert_eq!(container_error(&e), ContainerErrorKind::UndeclaredCodec("zstd"));
    let e = frame_error(&with_frame(&[0x01, 0, 1, 0]));
    assert!(matches!(container_error(&e), ContainerErrorKind::OutOfPlace { kind: FrameKind::Header, .. }));
    let e = frame_error(&with_frame(&[0x04, 0, 0]));
    assert!(matches!(
        container_error(&e),
        ContainerErrorKind::OutOfPlace { kind: FrameKind::EndMessage, .. }
    ));
    let e = frame_error(&with_frame(&[0x03, 0, 2, 0x08, 0x01, 0x02, 0, 0]));
    assert!(matches!(container_error(&e), ContainerErrorKind::OutOfPlace { kind: FrameKind::Message, .. }));
    assert_eq!(at(&e), (2, 19));
    // Extension frames are skipped by next_view, listed by next_frame.
    let file = with_frame(&[0x40, 0, 3, 1, 2, 3, 0x02, 0, 2, 0x08, 0x05]);
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_view::<Record>().unwrap().unwrap().seq(), 5);
    let (frames, error) = read_all(&file);
    assert!(error.is_none());
    assert_eq!(frames[0], (FrameKind::Extension(0x40), vec![1, 2, 3]));
    // Metadata keys out of order.
    let e = frame_error(&with_frame(&[0x05, 0, 7, 2, 1, b'b', 0, 1, b'a', 0]));
    assert_eq!(container_error(&e), ContainerErrorKind::MetadataKeyOrder("a".into()));
    // Bytes after the trailer; no trailer at all.
    let mut file = with_preamble(1, &[0]);
    file.push(0);
    assert_eq!(container_error(&frame_error(&file)), ContainerErrorKind::DataAfterTrailer);
    let file = with_preamble(1, &[0]);
    let e = frame_error(&file[..file.len() - 4]);
    assert_eq!(container_error(&e), ContainerErrorKind::MissingTrailer);
    assert!(e.is_truncated());
    assert_eq!(e.to_string(), "frame 1 (at byte 14): the stream ends before its trailer frame");
}

#[test]
fn a_bad_message_is_reported_with_its_frame_and_skipped() {
    let file = with_frame(&[0x02, 0, 2, 0x08, 0x80, 0x02, 0, 2, 0x08, 0x07]);
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let e = reader.next_view::<Record>().unwrap().unwrap_err();
    assert_eq!((e.frame(), e.offset(), decode_error_kind(&e)), (1, 14, DecodeErrorKind::Truncated));
    assert_eq!(reader.next_view::<Record>().unwrap().unwrap().seq(), 7);
    assert!(reader.next_view::<Record>().is_none());
}

#[test]
fn a_frame_over_the_limit_is_refused_before_it_is_buffered() {
    let big = Record { seq: 1, text: "y".repeat(10_000) };
    let mut writer = ContainerWriter::new(Vec::new()).unwrap();
    writer.write(&big).unwrap();
    let file = writer.finish().unwrap();
    let mut reader = ReaderOptions::new().max_frame_len(1000).open(&file[..]).unwrap();
    let e = reader.next_view::<Record>().unwrap().unwrap_err();
    assert_eq!(decode_error_kind(&e), DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 1000 });
    assert_eq!((e.frame(), e.offset()), (1, 14));
    assert!(reader.next_view::<Record>().is_none(), "a framing error ends the stream");
    // The limit comes from the decode options too; a hostile length prefix never reserves memory.
    let options = DecodeOptions::secure();
    let mut reader = ReaderOptions::new().decode_options(&options).open(&file[..]).unwrap();
    assert!(reader.next_view::<Record>().unwrap().is_ok());
    let hostile = with_frame(&[0x02, 0, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    let e = frame_error(&hostile);
    assert!(matches!(decode_error_kind(&e), DecodeErrorKind::LimitExceeded { .. }));
    let overflow = with_frame(&[0x02, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    assert_eq!(decode_error_kind(&frame_error(&overflow)), DecodeErrorKind::VarintOverflow);
    assert!(matches!(e.kind(), FrameErrorKind::Decode(_)));
}

#[cfg(feature = "crc32c")]
mod checksums {
    use super::*;

    fn checksummed() -> Vec<u8> {
        let mut writer = WriterOptions::new().checksums(true).header("k", "v").open(Vec::new()).unwrap();
        for seq in 0..3 {
            writer.write(&record(seq)).unwrap();
        }
        writer.finish().unwrap()
    }

    #[test]
    fn checksums_round_trip_and_are_reported() {
        let file = checksummed();
        let mut reader = ContainerReader::open(&file[..]).unwrap();
        assert!(reader.has_checksums());
        let frame = reader.next_frame().unwrap().unwrap();
        assert!(frame.info.checksum.is_some());
        assert_eq!(read_all(&file).0.len(), 3);
    }

    #[test]
    fn any_flipped_bit_is_an_error_never_different_data() {
        let file = checksummed();
        let (good, _) = read_all(&file);
        for byte in 0..file.len() {
            for bit in 0..8 {
                let mut bad = file.clone();
                bad[byte] ^= 1 << bit;
                let (frames, error) = read_all(&bad);
                assert!(error.is_some(), "flip of bit {bit} of byte {byte} went unnoticed");
                assert_eq!(frames[..], good[..frames.len()], "flip of bit {bit} of byte {byte}");
            }
        }
        let mut bad = file.clone();
        let last_payload_byte = bad.len() - 9;
        bad[last_payload_byte] ^= 0x40;
        let e = frame_error(&bad);
        assert!(matches!(container_error(&e), ContainerErrorKind::ChecksumMismatch { .. }), "{e}");
        assert_eq!(e.frame(), 3);
    }
}

/// Round trips through `compression`, returning the file; compressible frames shrink.
#[cfg(any(feature = "zstd", feature = "lz4_flex", feature = "snap"))]
fn compressed_round_trip(compression: cramberry::stream::container::Compression, codec: &str) -> Vec<u8> {
    let records: Vec<Record> =
        (0..20).map(|seq| Record { seq, text: "abc".repeat(100 + seq as usize) }).collect();
    let mut writer =
        WriterOptions::new().compression(compression).compress_above(64).open(Vec::new()).unwrap();
    writer.write(&Record { seq: 99, text: "short".into() }).unwrap();
    for r in &records {
        writer.write(r).unwrap();
    }
    let file = writer.finish().unwrap();
    let plain: usize = records.iter().map(|r| r.encoded_len()).sum();
    assert!(file.len() < plain / 4, "{codec}: {} bytes for {plain}", file.len());
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let first = reader.next_frame().unwrap().unwrap();
    assert_eq!(first.info.codec, None, "below the threshold: stored as it is");
    for r in &records {
        let frame = reader.next_frame().unwrap().unwrap();
        assert_eq!(frame.info.codec, Some(codec));
        assert!(frame.info.stored_len < frame.info.len);
        assert_eq!(Record::decode(frame.payload).unwrap(), *r);
    }
    assert!(reader.next_frame().is_none());
    // A file cut anywhere still reads back its complete frames.
    for cut in (0..file.len()).step_by(7) {
        let (_, error) = read_all(&file[..cut]);
        assert!(error.unwrap().is_truncated(), "{codec}: cut at {cut}");
    }
    file
}

/// A frame that says it decompresses to `raw_len` bytes, holding `stored`.
#[cfg(any(feature = "zstd", feature = "lz4_flex", feature = "snap"))]
fn compressed_frame(codec: u8, raw_len: &[u8], stored: &[u8]) -> Vec<u8> {
    let mut file = MAGIC.to_vec();
    file.extend_from_slice(&[1, 1 << codec, 1, 0, 1, 0]);
    file.extend_from_slice(&[0x02, codec, stored.len() as u8]);
    file.extend_from_slice(raw_len);
    file.extend_from_slice(stored);
    file.extend_from_slice(&[5, 0, 1, 0]);
    file
}

/// A decompression bomb (a declared length over the limit) and a payload that decompresses to more or less
/// than it declares are typed errors.
#[cfg(any(feature = "zstd", feature = "lz4_flex", feature = "snap"))]
fn bombs_are_refused(file: &[u8], codec: u8, name: &'static str) {
    let mut reader = ContainerReader::open(file).unwrap();
    let frame = loop {
        let frame = reader.next_frame().unwrap().unwrap();
        if frame.info.codec.is_some() {
            break frame;
        }
    };
    let stored_bytes = {
        let header_len = 1 + 1 + varint_len(frame.info.stored_len) + varint_len(frame.info.len);
        let start = frame.info.offset as usize + header_len;
        file[start..start + frame.info.stored_len as usize].to_vec()
    };
    if stored_bytes.len() < 128 {
        // Declares 1 GiB: refused before decompressing, whatever the limit's default allows.
        let bomb = compressed_frame(codec, &[0x80, 0x80, 0x80, 0x80, 0x04], &stored_bytes);
        let mut reader = ReaderOptions::new().max_frame_len(1 << 20).open(&bomb[..]).unwrap();
        let e = reader.next_frame().unwrap().unwrap_err();
        assert_eq!(
            container_error(&e),
            ContainerErrorKind::DecompressedTooLarge { len: 1 << 30, max: 1 << 20 }
        );
        // Declares fewer bytes than it holds: decompression stops at the declared length and fails.
        let short = compressed_frame(codec, &[0x10], &stored_bytes);
        let e = frame_error(&short);
        assert_eq!(container_error(&e), ContainerErrorKind::DecompressionFailed { codec: name });
    }
    let garbage = compressed_frame(codec, &[0x20], &[0xff; 20]);
    let e = frame_error(&garbage);
    assert_eq!(container_error(&e), ContainerErrorKind::DecompressionFailed { codec: name });
}

#[cfg(any(feature = "zstd", feature = "lz4_flex", feature = "snap"))]
fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

#[cfg(feature = "zstd")]
#[test]
fn zstd_frames_round_trip_at_any_level() {
    use cramberry::stream::container::Compression;
    let fast = compressed_round_trip(Compression::Zstd(1), "zstd");
    let small = compressed_round_trip(Compression::Zstd(19), "zstd");
    assert!(small.len() <= fast.len());
    bombs_are_refused(&small_file(Compression::Zstd(3)), 1, "zstd");
}

#[cfg(feature = "lz4_flex")]
#[test]
fn lz4_frames_round_trip() {
    use cramberry::stream::container::Compression;
    compressed_round_trip(Compression::Lz4, "lz4");
    bombs_are_refused(&small_file(Compression::Lz4), 2, "lz4");
}

#[cfg(feature = "snap")]
#[test]
fn snappy_frames_round_trip() {
    use cramberry::stream::container::Compression;
    compressed_round_trip(Compression::Snappy, "snappy");
    bombs_are_refused(&small_file(Compression::Snappy), 3, "snappy");
}

/// One compressed frame with a small stored payload.
#[cfg(any(feature = "zstd", feature = "lz4_flex", feature = "snap"))]
fn small_file(compression: cramberry::stream::container::Compression) -> Vec<u8> {
    let mut writer =
        WriterOptions::new().compression(compression).compress_above(1).open(Vec::new()).unwrap();
    writer.write(&Record { seq: 1, text: "z".repeat(200) }).unwrap();
    writer.finish().unwrap()
}
