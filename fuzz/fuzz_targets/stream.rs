//! Delimited streams of arbitrary bytes, four ways: `frames` over the buffer, `decode_length_delimited` in a
//! loop, a `StreamReader` fed in small reads, and the tokio `DelimitedCodec` fed in small chunks, all with a
//! small frame limit. They must agree frame by frame (the
//! same messages, the same first error with the same frame index and offsets), and never panic or buffer more
//! than the frame limit allows. An error is truncation exactly when the input ends inside its frame. With no
//! frame limit at all, the reader and the codec hold memory in proportion to the bytes received (a counting
//! allocator checks the peak), whatever a length prefix claims.
#![no_main]

use cramberry::wire::decode_varint;
use cramberry::stream::{DelimitedCodec, FrameError, FrameErrorKind, StreamReader};
use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::{peak_during, AllKinds, PeakAlloc};
use libfuzzer_sys::fuzz_target;
use std::io::Read;
use tokio_util::codec::Decoder;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

/// The most a reader may allocate at once for `len` bytes of input.
fn memory_bound(len: usize) -> usize {
    4 * len + (64 << 10)
}

/// Whether the input ends inside the frame at the start of `rest` (a reader with frame limit `max`).
fn ends_inside_frame(rest: &[u8], max: usize) -> bool {
    match decode_varint(rest) {
        Ok((len, header)) => len <= max as u64 && len > (rest.len() - header) as u64,
        Err(_) => rest.len() < 10 && rest.iter().all(|b| b & 0x80 != 0),
    }
}

/// The offset in `data` of the byte `error` (of a frame of `data`) names: a message's error counts from the
/// message, a framing error from the start.
fn offset_in_buffer(data: &[u8], error: &FrameError) -> usize {
    let d = error.decode_error().expect("a buffer has no I/O errors");
    match error.kind() {
        FrameErrorKind::Message(_) => {
            let start = error.offset() as usize;
            start + decode_varint(&data[start..]).expect("a whole frame").1 + d.offset()
        }
        _ => d.offset(),
    }
}

/// Checks that `error`, of a frame of `data`, is truncation exactly when the input ends inside the frame.
fn check_truncation(data: &[u8], error: &FrameError, max: usize) {
    let rest = &data[error.offset() as usize..];
    assert_eq!(error.is_truncated(), ends_inside_frame(rest, max), "{error}");
}

/// Hands out the input a few bytes per read.
struct Trickle<'a>(&'a [u8], usize);

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.1.min(buf.len()).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&step, data)) = data.split_first() else { return };
    let options = DecodeOptions::default().max_message_len(512);
    let viewed: Vec<_> = AllKinds::frames(data).with_options(&options).collect();
    for error in viewed.iter().filter_map(|f| f.as_ref().err()) {
        check_truncation(data, error, 512);
    }

    // "Decode one, keep the rest" agrees with the views, frame by frame.
    let mut rest = data;
    for frame in &viewed {
        let before = data.len() - rest.len();
        match (AllKinds::decode_length_delimited_with(&mut rest, &options), frame) {
            (Ok(value), Ok(view)) => assert_eq!(value.encode_to_vec(), view.to_message().encode_to_vec()),
            (Err(e), Err(f)) => {
                let d = f.decode_error().expect("a buffer has no I/O errors");
                assert_eq!((e.kind(), e.offset() + before), (d.kind(), offset_in_buffer(data, f)));
            }
            (a, b) => {
                panic!("decode_length_delimited {:?} but frames {:?}", a.map(drop), b.as_ref().map(drop))
            }
        }
    }

    // The reader sees the same frames; it goes on after a bad message where `frames` stops.
    let mut reader = StreamReader::new(Trickle(data, usize::from(step % 16) + 1)).with_options(&options);
    for frame in &viewed {
        let read = reader.next_view::<AllKinds>().expect("the reader ends no earlier");
        match (read, frame) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_message().encode_to_vec(), b.to_message().encode_to_vec()),
            (Err(a), Err(b)) => {
                assert_eq!((a.frame(), a.offset()), (b.frame(), b.offset()));
                let (a, b) =
                    (a.decode_error().expect("no I/O errors"), b.decode_error().expect("no I/O errors"));
                assert_eq!((a.kind(), a.offset()), (b.kind(), b.offset()));
            }
            (a, b) => panic!("reader {:?} but frames {:?}", a.map(drop), b.as_ref().map(drop)),
        }
    }
    if viewed.last().is_none_or(|f| f.is_ok()) {
        assert!(reader.next_view::<AllKinds>().is_none(), "frames ended cleanly, so must the reader");
    }
    while let Some(frame) = reader.next_frame() {
        let _ = std::hint::black_box(frame);
    }

    // The codec, fed a few bytes at a time, yields the same frames up to the first error.
    let mut codec = DelimitedCodec::<AllKinds>::new().with_options(&options);
    let mut buf = bytes::BytesMut::new();
    let mut decoded = Vec::new();
    'feed: for chunk in data.chunks(usize::from(step % 16) + 1) {
        buf.extend_from_slice(chunk);
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(view)) => decoded.push(Ok(view.get().to_message().encode_to_vec())),
                Ok(None) => break,
                Err(e) => {
                    let frame: &cramberry::stream::FrameError = e.get_ref().unwrap().downcast_ref().unwrap();
                    let d = frame.decode_error().unwrap();
                    decoded.push(Err((frame.frame(), frame.offset(), d.kind().clone(), d.offset())));
                    break 'feed;
                }
            }
        }
    }
    for (got, want) in decoded.iter().zip(&viewed) {
        match (got, want) {
            (Ok(a), Ok(b)) => assert_eq!(a, &b.to_message().encode_to_vec()),
            (Err((frame, offset, kind, at)), Err(b)) => {
                let d = b.decode_error().unwrap();
                assert_eq!((*frame, *offset, kind, *at), (b.frame(), b.offset(), d.kind(), d.offset()));
            }
            // A cut-off last frame is an error for `frames` and "wait for more" for the codec.
            (a, b) => panic!("codec {:?} but frames {:?}", a.as_ref().map(drop), b.as_ref().map(drop)),
        }
    }
    let complete = viewed.iter().take_while(|f| f.is_ok()).count();
    if decoded.iter().all(Result::is_ok) {
        assert_eq!(decoded.len(), complete, "the codec yields every complete frame");
    }

    // No frame limit: memory follows the bytes received, not the prefixes.
    let (_, peak) = peak_during(|| {
        let mut reader = StreamReader::new(Trickle(data, usize::from(step) * 7 + 1)).max_frame_len(usize::MAX);
        while let Some(frame) = reader.next_frame() {
            if let Err(e) = &frame {
                check_truncation(data, e, usize::MAX);
            }
        }
    });
    assert!(peak <= memory_bound(data.len()), "StreamReader: {peak} bytes for {} bytes", data.len());
    let (_, peak) = peak_during(|| {
        let mut codec = DelimitedCodec::<AllKinds>::new().max_frame_len(usize::MAX);
        let mut buf = bytes::BytesMut::new();
        for chunk in data.chunks(usize::from(step % 16) + 1) {
            buf.extend_from_slice(chunk);
            while let Ok(Some(view)) = codec.decode(&mut buf) {
                std::hint::black_box(view);
            }
        }
        let _ = codec.decode_eof(&mut buf);
    });
    assert!(peak <= memory_bound(data.len()), "DelimitedCodec: {peak} bytes for {} bytes", data.len());
});
