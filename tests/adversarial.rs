//! The findings of an outside adversarial test, byte for byte: a container the writer made that the reader
//! refused, complete frames reported as truncation, readers that reserved what a length prefix claimed, and a
//! registry left half-registered. Each reproducer failed before its fix; the fuzz targets `container_writer`,
//! `stream`, `container` and `serde` cover their classes. (The serde bridge's findings are in
//! `tests/serde_bridge.rs`.)
#![cfg(feature = "std")] // streams and the container need the runtime's `std` feature

use cramberry::registry::Registry;
use cramberry::stream::container::{ContainerReader, ContainerWriter, ReaderOptions};
use cramberry::stream::{FrameErrorKind, StreamReader};
use cramberry::{Cramberry, DecodeErrorKind, Message};

#[path = "common/peak.rs"]
mod peak;

use peak::{peak_during, PeakAlloc};

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Ping {
    #[cram(1)]
    seq: u64,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Log {
    #[cram(1)]
    host: String,
    #[cram(2)]
    records: Vec<Ping>,
}

#[derive(Cramberry, Debug, Clone, PartialEq, Default)]
struct Note {
    #[cram(2)]
    text: String,
}

/// Every message and then the error (if any) of a container, read with `next_message`.
fn messages_of(file: &[u8]) -> (Vec<Ping>, Option<cramberry::stream::FrameError>) {
    let mut reader = match ContainerReader::open(file) {
        Ok(reader) => reader,
        Err(e) => return (vec![], Some(e)),
    };
    let mut messages = Vec::new();
    while let Some(next) = reader.next_message::<Ping>() {
        match next {
            Ok(ping) => messages.push(ping),
            Err(e) => return (messages, Some(e)),
        }
    }
    assert!(reader.trailers().is_some(), "read to the end without a trailer");
    (messages, None)
}

#[test]
fn an_empty_chunked_message_between_two_messages_reads_back_whole() {
    let mut writer = ContainerWriter::new(Vec::new()).unwrap();
    writer.write(&Ping { seq: 1 }).unwrap();
    writer.begin_chunked(&Log::default()).unwrap().finish().unwrap();
    writer.write(&Ping { seq: 2 }).unwrap();
    let file = writer.finish().unwrap();
    // The writer now opens the chunked message with an (empty) chunk frame, as the format requires: the
    // adversarial test's file had the end-message frame `04 00 00` alone.
    let head = [0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00];
    let body =
        [0x02, 0x00, 0x02, 0x08, 0x01, 0x03, 0x00, 0x00, 0x04, 0x00, 0x00, 0x02, 0x00, 0x02, 0x08, 0x02];
    assert_eq!(file, [&head[..], &body, &[0x05, 0x00, 0x01, 0x00]].concat());
    let (messages, error) = messages_of(&file);
    assert!(error.is_some(), "next_message reports the chunked message it skips");
    assert_eq!(messages, [Ping { seq: 1 }]);

    // Read as the writer wrote it: a message, an empty chunked message, a message, the trailer.
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_message::<Ping>().unwrap().unwrap(), Ping { seq: 1 });
    assert!(reader.next_element::<Ping>(2).is_none(), "the chunked message has no elements");
    assert_eq!(reader.next_message::<Ping>().unwrap().unwrap(), Ping { seq: 2 });
    assert!(reader.next_message::<Ping>().is_none());
    assert!(reader.trailers().is_some());
}

#[test]
fn the_adversarial_file_with_a_lone_end_message_frame_is_still_refused() {
    // What the writer used to write is not a container (a chunked message needs a chunk frame): it stays an
    // error, but one of the format, not a truncation.
    let file = [
        0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02,
        0x08, 0x01, 0x04, 0x00, 0x00, 0x02, 0x00, 0x02, 0x08, 0x02, 0x05, 0x00, 0x01, 0x00,
    ];
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    assert_eq!(reader.next_message::<Ping>().unwrap().unwrap(), Ping { seq: 1 });
    let error = reader.next_message::<Ping>().unwrap().unwrap_err();
    assert_eq!((error.frame(), error.offset()), (2, 19));
    assert!(error.container_error().is_some() && !error.is_truncated(), "{error}");
}

#[test]
fn a_message_whose_inner_length_is_bad_is_not_truncation() {
    // Frame 0 is whole (3 bytes); its message's field 2 claims 5 bytes of the 1 left in the frame.
    let stream = [0x03, 0x12, 0x05, 0x61, 0x02, 0x08, 0x07];
    let mut reader = StreamReader::new(&stream[..]);
    let error = reader.next_message::<Note>().unwrap().unwrap_err();
    assert!(!error.is_truncated(), "{error}");
    assert!(matches!(error.kind(), FrameErrorKind::Message(e)
        if matches!(e.kind(), DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 }) && e.offset() == 1));
    assert_eq!((error.frame(), error.offset()), (0, 0));
    let ping = reader.next_message::<Ping>().unwrap().unwrap();
    assert_eq!(ping, Ping { seq: 7 });
    assert!(reader.next_message::<Ping>().is_none());

    let error = Note::frames(&stream).next().unwrap().unwrap_err();
    assert!(!error.is_truncated(), "{error}");
    assert!(matches!(error.kind(), FrameErrorKind::Message(e) if e.offset() == 1));

    let mut file = vec![0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00];
    file.extend_from_slice(&[
        0x02, 0x00, 0x03, 0x12, 0x05, 0x61, 0x02, 0x00, 0x02, 0x08, 0x07, 0x05, 0x00, 0x01, 0x00,
    ]);
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let error = reader.next_view::<Note>().unwrap().unwrap_err();
    assert!(!error.is_truncated(), "{error}");
    // The same rule as the stream readers: a message's error offsets count from the message's first byte.
    assert!(matches!(error.kind(), FrameErrorKind::Message(e) if e.offset() == 1), "{error:?}");
    assert_eq!((error.frame(), error.offset()), (1, 14));
    assert_eq!(reader.next_message::<Ping>().unwrap().unwrap(), Ping { seq: 7 });
    assert!(reader.next_message::<Ping>().is_none() && reader.trailers().is_some());
}

#[test]
fn a_header_with_a_stray_byte_is_a_bad_header_not_truncation() {
    let file = [0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00];
    let error = ContainerReader::open(&file[..]).err().expect("refused");
    assert!(!error.is_truncated(), "{error}");
    assert!(matches!(error.kind(), FrameErrorKind::Message(_)), "{error:?}");
    assert_eq!((error.frame(), error.offset()), (0, 10));
}

#[test]
fn truncation_is_input_that_ends_inside_a_frame() {
    let mut stream = Vec::new();
    Ping { seq: 3 }.encode_length_delimited_into(&mut stream);
    for cut in 1..stream.len() {
        let error = StreamReader::new(&stream[..cut]).next_message::<Ping>().unwrap().unwrap_err();
        assert!(error.is_truncated(), "cut at {cut}: {error}");
        assert!(matches!(error.kind(), FrameErrorKind::Decode(_)));
    }
}

#[test]
fn a_stream_reader_reserves_no_more_than_it_receives() {
    // 64 MiB claimed (the default limit), 2 bytes sent.
    let input = [0x80, 0x80, 0x80, 0x20, 0x08, 0x01];
    let (error, peak) = peak_during(|| StreamReader::new(&input[..]).next_frame().unwrap().unwrap_err());
    assert!(error.is_truncated(), "{error}");
    assert!(peak < 64 << 10, "{peak} bytes for a 6-byte input");

    // With the limit lifted: claims of 2^40, 2^63, 2^64 - 1 and 3·10^9 bytes.
    let huge: [&[u8]; 4] = [
        &[0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x08, 0x01],
        &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x08, 0x01],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x08, 0x01],
        &[0x80, 0xbc, 0xc1, 0x96, 0x0b, 0x08, 0x01],
    ];
    for input in huge {
        let (error, peak) = peak_during(|| {
            StreamReader::new(input).max_frame_len(usize::MAX).next_frame().unwrap().unwrap_err()
        });
        assert!(error.is_truncated(), "{input:02x?}: {error}");
        assert!(
            matches!(error.decode_error().unwrap().kind(), DecodeErrorKind::LengthOutOfBounds { .. }),
            "{error}"
        );
        assert!(peak < 64 << 10, "{peak} bytes for {input:02x?}");
    }
}

#[test]
fn a_stream_reader_grows_its_buffer_as_bytes_arrive() {
    // A real 3 MB frame, read through one-byte-at-most-64-KiB reads: the buffer ends near the frame's size,
    // never at what a prefix alone claims.
    let big = Log { host: "h".repeat(3 << 20), records: vec![] };
    let mut stream = Vec::new();
    big.encode_length_delimited_into(&mut stream);
    let (back, peak) = peak_during(|| StreamReader::new(&stream[..]).next_message::<Log>().unwrap().unwrap());
    assert_eq!(back, big);
    assert!(peak < 3 * stream.len() + (1 << 20), "{peak} bytes for a {}-byte stream", stream.len());
}

#[test]
fn a_container_reader_reserves_no_more_than_it_receives() {
    let head = [0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00];
    let claims: [&[u8]; 4] = [
        &[0x80, 0x80, 0x80, 0x80, 0x80, 0x20],
        &[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
        &[0x80, 0xbc, 0xc1, 0x96, 0x0b],
    ];
    for claim in claims {
        let file = [&head[..], &[0x02, 0x00], claim, &[0x08, 0x01]].concat();
        let (error, peak) = peak_during(|| {
            let mut reader = ReaderOptions::new().max_frame_len(usize::MAX).open(&file[..]).unwrap();
            reader.next_frame().unwrap().map(|_| ()).unwrap_err()
        });
        assert!(error.is_truncated(), "{claim:02x?}: {error}");
        assert!(peak < 64 << 10, "{peak} bytes for {claim:02x?}");
        // The default limit: refused at once, or read as truncated, in bounded memory.
        let (_, peak) = peak_during(|| {
            let mut reader = ContainerReader::open(&file[..]).unwrap();
            assert!(reader.next_frame().unwrap().is_err());
        });
        assert!(peak < 64 << 10, "{peak} bytes for {claim:02x?}");
    }
}

#[cfg(feature = "tokio")]
#[test]
fn a_delimited_codec_reserves_no_more_than_it_receives() {
    use tokio_util::codec::Decoder;
    let inputs: [&[u8]; 3] = [
        &[0x80, 0x80, 0x80, 0x20, 0x08, 0x01],
        &[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x08, 0x01],
        &[0x80, 0xbc, 0xc1, 0x96, 0x0b, 0x08, 0x01],
    ];
    for input in inputs {
        let mut codec = cramberry::stream::DelimitedCodec::<Ping>::new().max_frame_len(usize::MAX);
        let mut buf = bytes::BytesMut::from(input);
        let (frame, peak) = peak_during(|| codec.decode(&mut buf).unwrap());
        assert!(frame.is_none(), "waits for the rest of the frame");
        assert!(peak < 64 << 10 && buf.capacity() < 64 << 10, "{peak} bytes for {input:02x?}");
        let error = codec.decode_eof(&mut buf).unwrap_err();
        let frame_error = error.get_ref().and_then(|e| e.downcast_ref::<cramberry::stream::FrameError>());
        assert!(frame_error.is_some_and(|e| e.is_truncated()), "{error}");
    }
}

#[test]
fn register_members_is_all_or_nothing() {
    #[derive(Cramberry, Debug, Clone, PartialEq, Default)]
    #[cram(type_id = 300)]
    struct Taken {
        #[cram(1)]
        x: u64,
    }
    #[derive(Cramberry, Debug, Clone, PartialEq)]
    enum Shape {
        #[cram(type_id = 299)]
        Dot(Ping),
        #[cram(type_id = 300)]
        Clash(Taken),
    }
    let mut registry = Registry::new();
    registry.register::<Taken>().unwrap();
    assert!(Shape::register_members(&mut registry).is_err());
    assert!(!registry.contains(299), "a failed register_members registers nothing");
    assert_eq!(registry.len(), 1);
}
