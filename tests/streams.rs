//! Length-delimited streams: every way to write a frame gives the same bytes, "decode one, keep the rest",
//! `frames` over a buffer, and `StreamWriter`/`StreamReader` over I/O — with a stream cut at every byte, hostile
//! length prefixes and bad messages reported as typed errors naming the frame and offset.
#![cfg(feature = "std")] // streams over std::io need the runtime's `std` feature

use cramberry::stream::{FrameErrorKind, StreamReader, StreamWriter};
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Limit, Message, MessageView};
use std::io::Read;

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Tick {
    #[cram(1)]
    symbol: String,
    #[cram(2)]
    price: i64,
    #[cram(3)]
    levels: Vec<u32>,
}

fn ticks(n: usize) -> Vec<Tick> {
    (0..n)
        .map(|i| Tick {
            symbol: format!("S{i}"),
            price: i as i64 * 7 - 20,
            levels: (0..i as u32 % 4).collect(),
        })
        .collect()
}

fn stream_of(ticks: &[Tick]) -> Vec<u8> {
    let mut out = Vec::new();
    for t in ticks {
        t.encode_length_delimited_into(&mut out);
    }
    out
}

#[test]
fn every_way_of_writing_a_frame_gives_the_same_bytes() {
    let arena = cramberry::bumpalo::Bump::new();
    for t in ticks(5).iter().chain([&Tick { symbol: String::new(), price: 0, levels: vec![] }]) {
        let body = t.encode_to_vec();
        let mut expected = vec![body.len() as u8];
        expected.extend_from_slice(&body);
        assert_eq!(t.encode_length_delimited_to_vec(), expected);
        assert_eq!(t.encode_length_delimited_in(&arena), &expected[..]);
        let mut appended = vec![0xaa];
        t.encode_length_delimited_into(&mut appended);
        assert_eq!(appended[1..], expected[..]);
    }
    // A body of 300 bytes takes a two-byte prefix.
    let long = Tick { symbol: "x".repeat(297), price: 0, levels: vec![] };
    assert_eq!(long.encode_length_delimited_to_vec()[..2], [0xac, 0x02]);
}

#[test]
fn decode_one_keep_the_rest() {
    let all = ticks(3);
    let bytes = stream_of(&all);
    let mut rest = &bytes[..];
    for t in &all {
        assert_eq!(&Tick::decode_length_delimited(&mut rest).unwrap(), t);
    }
    assert!(rest.is_empty());
    let mut rest = &bytes[..];
    let view = TickView::view_length_delimited(&mut rest).unwrap();
    assert_eq!(view.symbol(), "S0");
    assert_eq!(rest.len(), bytes.len() - all[0].encode_length_delimited_to_vec().len());
    // An error leaves the slice where it was; offsets count from the frame's start.
    let bad = [0x03, 0x0a, 0x05, b'a'];
    let mut rest = &bad[..];
    let err = Tick::decode_length_delimited(&mut rest).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (&DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 }, 2));
    assert_eq!(rest.len(), 4);
    let err = Tick::decode_length_delimited(&mut &[0x09, 0x08][..]).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::LengthOutOfBounds { len: 9, remaining: 1 });
    assert_eq!(err.to_string(), "failed to decode Tick: length 9 exceeds the 1 bytes remaining at byte 0");
    // The message-length limit bounds the frame.
    let err =
        Tick::decode_length_delimited_with(&mut &bytes[..], &DecodeOptions::default().max_message_len(2))
            .unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 2 });
}

#[test]
fn frames_yield_every_view_then_stop_at_the_first_error() {
    let all = ticks(4);
    let bytes = stream_of(&all);
    let viewed: Vec<Tick> = Tick::frames(&bytes).map(|f| f.unwrap().to_message()).collect();
    assert_eq!(viewed, all);
    assert_eq!(Tick::frames(&[]).count(), 0);

    // A bad message in frame 2: frames 0 and 1 come out, then an error naming frame 2, its offset, and the
    // offset of the bad byte in the message.
    let mut broken = stream_of(&all[..2]);
    let frame2 = broken.len();
    broken.extend_from_slice(&[0x03, 0x0a, 0x01, 0xff]); // symbol: one byte, not UTF-8
    broken.extend_from_slice(&stream_of(&all[2..]));
    let mut frames = Tick::frames(&broken);
    assert!(frames.next().unwrap().is_ok());
    assert!(frames.next().unwrap().is_ok());
    let err = frames.next().unwrap().unwrap_err();
    assert_eq!((err.frame(), err.offset()), (2, frame2 as u64));
    let decode = err.decode_error().unwrap();
    assert_eq!((decode.kind(), decode.offset()), (&DecodeErrorKind::InvalidUtf8, 2));
    assert!(matches!(err.kind(), FrameErrorKind::Message(_)) && !err.is_truncated());
    assert_eq!(
        err.to_string(),
        format!(
            "frame 2 (at byte {frame2}): bad message (offsets from its first byte): failed to decode \
             Tick.symbol: invalid UTF-8 at byte 2"
        )
    );
    assert!(frames.next().is_none(), "the iterator ends after an error");
    assert_eq!(frames.remaining().len(), broken.len() - frame2);
}

#[test]
fn long_buffers_read_the_same_as_short_ones() {
    // Thousands of frames (far beyond the 1 KiB the readers prefetch ahead, and across their buffer refills),
    // with a message of 2 KiB among them: every view and message comes out equal, in order.
    let mut all = ticks(3000);
    all[1500].symbol = "z".repeat(2048);
    let bytes = stream_of(&all);
    let viewed: Vec<Tick> = Tick::frames(&bytes).map(|f| f.unwrap().to_message()).collect();
    assert_eq!(viewed, all);
    let mut reader = StreamReader::new(&bytes[..]);
    let mut read = Vec::new();
    while let Some(view) = reader.next_view::<Tick>() {
        read.push(view.unwrap().to_message());
    }
    assert_eq!(read, all);
    assert_eq!(reader.position(), bytes.len() as u64);
}

#[test]
fn a_buffer_cut_at_any_byte_yields_every_complete_frame_then_the_truncation() {
    let all = ticks(6);
    let bytes = stream_of(&all);
    let ends: Vec<usize> = all
        .iter()
        .scan(0, |end, t| {
            *end += t.encode_length_delimited_to_vec().len();
            Some(*end)
        })
        .collect();
    for cut in 0..=bytes.len() {
        let complete = ends.iter().filter(|&&e| e <= cut).count();
        let mut frames = Tick::frames(&bytes[..cut]);
        for t in &all[..complete] {
            assert_eq!(&frames.next().unwrap().unwrap().to_message(), t, "cut at {cut}");
        }
        match frames.next() {
            None => assert!(ends.contains(&cut) || cut == 0, "cut at {cut}"),
            Some(Err(e)) => {
                assert!(e.is_truncated(), "cut at {cut}: {e}");
                assert_eq!(
                    (e.frame(), e.offset()),
                    (complete as u64, ends.get(complete.wrapping_sub(1)).map_or(0, |&e| e) as u64)
                );
            }
            Some(Ok(_)) => panic!("cut at {cut}: a frame past the cut"),
        }
    }
}

/// A reader that hands out at most `step` bytes per read, to exercise every refill path.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn stream_writer_and_reader_round_trip_through_any_read_sizes() {
    let all = ticks(50);
    let mut writer = StreamWriter::new(Vec::new());
    for t in &all {
        writer.write(t).unwrap();
    }
    assert_eq!(writer.frames_written(), 50);
    let bytes = writer.into_inner().unwrap();
    assert_eq!(bytes, stream_of(&all));
    for step in [1, 2, 3, 7, 64, 1 << 20] {
        let mut reader = StreamReader::new(Trickle { data: &bytes, step });
        for t in &all {
            assert_eq!(reader.next_view::<Tick>().unwrap().unwrap().to_message(), *t, "step {step}");
        }
        assert!(reader.next_view::<Tick>().is_none());
        assert_eq!((reader.frames_read(), reader.position()), (50, bytes.len() as u64));
        let mut reader = StreamReader::new(Trickle { data: &bytes, step });
        let owned: Vec<Tick> =
            std::iter::from_fn(|| reader.next_message::<Tick>()).map(Result::unwrap).collect();
        assert_eq!(owned, all);
    }
}

#[test]
fn a_stream_cut_at_any_byte_reads_every_complete_frame_then_reports_the_truncation() {
    let all = ticks(5);
    let bytes = stream_of(&all);
    let frame_lens: Vec<usize> = all.iter().map(|t| t.encode_length_delimited_to_vec().len()).collect();
    for cut in 0..=bytes.len() {
        let mut reader = StreamReader::new(Trickle { data: &bytes[..cut], step: 3 });
        let (mut read, mut at) = (0, 0);
        loop {
            match reader.next_view::<Tick>() {
                Some(Ok(view)) => {
                    assert_eq!(view.to_message(), all[read]);
                    at += frame_lens[read];
                    read += 1;
                }
                Some(Err(e)) => {
                    assert!(e.is_truncated(), "cut {cut}: {e}");
                    assert_eq!((e.frame(), e.offset()), (read as u64, at as u64), "cut {cut}");
                    assert!(reader.next_view::<Tick>().is_none(), "a framing error ends the stream");
                    break;
                }
                None => {
                    assert_eq!(at, cut, "a clean end only on a frame boundary");
                    break;
                }
            }
        }
        assert_eq!(
            read,
            frame_lens
                .iter()
                .scan(0, |s, l| {
                    *s += l;
                    Some(*s)
                })
                .filter(|&e| e <= cut)
                .count()
        );
    }
}

#[test]
fn hostile_prefixes_are_refused_before_anything_is_buffered() {
    // A prefix claiming 2^40 bytes: over the limit, refused at once.
    let mut huge = Vec::new();
    Tick { symbol: "a".into(), price: 1, levels: vec![] }.encode_length_delimited_into(&mut huge);
    let prefix_at = huge.len();
    huge.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x20]);
    let mut reader = StreamReader::new(&huge[..]).max_frame_len(1024);
    assert!(reader.next_frame().unwrap().is_ok());
    let err = reader.next_frame().unwrap().unwrap_err();
    assert_eq!((err.frame(), err.offset()), (1, prefix_at as u64));
    assert_eq!(
        err.decode_error().unwrap().kind(),
        &DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 1024 }
    );
    // The default limit (64 MiB, or the options' message-length limit) bounds memory too.
    let err = StreamReader::new(&[0xff, 0xff, 0xff, 0xff, 0x7f][..]).next_frame().unwrap().unwrap_err();
    assert!(matches!(err.decode_error().unwrap().kind(), DecodeErrorKind::LimitExceeded { .. }));
    let err = StreamReader::new(&[0x05, 0x01][..])
        .with_options(&DecodeOptions::secure().max_message_len(4))
        .next_frame()
        .unwrap()
        .unwrap_err();
    assert_eq!(
        err.decode_error().unwrap().kind(),
        &DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max: 4 }
    );
    // A prefix that is not a varint.
    let err = StreamReader::new(&[0xff; 11][..]).next_frame().unwrap().unwrap_err();
    assert_eq!(err.decode_error().unwrap().kind(), &DecodeErrorKind::VarintOverflow);
}

#[test]
fn a_bad_message_is_reported_and_the_stream_goes_on() {
    let all = ticks(3);
    let mut bytes = stream_of(&all[..1]);
    let bad_at = bytes.len();
    bytes.extend_from_slice(&[0x02, 0x08, 0x01]); // field 1 as a varint: the wrong wire type
    bytes.extend_from_slice(&stream_of(&all[1..]));
    let mut reader = StreamReader::new(&bytes[..]);
    assert_eq!(reader.next_view::<Tick>().unwrap().unwrap().to_message(), all[0]);
    let err = reader.next_view::<Tick>().unwrap().unwrap_err();
    assert_eq!((err.frame(), err.offset()), (1, bad_at as u64));
    assert!(matches!(err.kind(), FrameErrorKind::Message(e) if e.offset() == 0));
    assert!(!err.is_truncated());
    assert_eq!(reader.next_view::<Tick>().unwrap().unwrap().to_message(), all[1]);
    assert_eq!(reader.next_view::<Tick>().unwrap().unwrap().to_message(), all[2]);
    assert!(reader.next_view::<Tick>().is_none());
}

#[test]
fn io_errors_name_the_frame() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }
    let err = StreamReader::new(Failing).next_frame().unwrap().unwrap_err();
    assert!(matches!(err.kind(), FrameErrorKind::Io(e) if e.to_string() == "disk on fire"));
    assert_eq!(err.to_string(), "frame 0 (at byte 0): reading failed: disk on fire");
}

#[test]
fn the_writer_buffers_frames_until_flush_into_inner_or_drop() {
    let all = ticks(3);
    let mut sink = Vec::new();
    {
        let mut writer = StreamWriter::new(&mut sink);
        writer.write(&all[0]).unwrap();
        assert!(writer.get_ref().is_empty(), "buffered");
        writer.flush().unwrap();
        assert_eq!(**writer.get_ref(), stream_of(&all[..1]));
        writer.write(&all[1]).unwrap();
        writer.write(&all[2]).unwrap();
    } // dropped: the rest is written out
    assert_eq!(sink, stream_of(&all));
    // Past 64 KiB of frames the writer hands them on without a flush.
    let mut writer = StreamWriter::new(Vec::new());
    let big = Tick { symbol: "y".repeat(1000), price: 1, levels: vec![] };
    for _ in 0..70 {
        writer.write(&big).unwrap();
    }
    assert!(writer.get_ref().len() >= 64 << 10);
    assert_eq!(writer.into_inner().unwrap().len(), 70 * big.encode_length_delimited_to_vec().len());
}
