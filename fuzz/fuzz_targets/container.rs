//! The stream container reader on arbitrary bytes (every read path: frames, views, owned messages, chunked
//! elements), and writer → reader round trips with every codec and checksums: no panic, memory bounded by the
//! frame limit, and what was written reads back unchanged.
#![no_main]

use cramberry::stream::container::{Compression, ContainerReader, ReaderOptions, WriterOptions};
use cramberry::Cramberry;
use libfuzzer_sys::fuzz_target;

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Record<'a> {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: &'a str,
}

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Owned {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: String,
}

const LIMIT: usize = 1 << 20;

fn read(bytes: &[u8], mode: u8) {
    let Ok(mut reader) = ReaderOptions::new().max_frame_len(LIMIT).open(bytes) else { return };
    let _ = reader.header().len();
    for _ in 0..10_000 {
        let more = match mode % 4 {
            0 => reader.next_frame().map(|f| f.map(|f| f.payload.len())).is_some(),
            1 => reader.next_view::<Record>().map(|v| v.map(|v| v.text().len())).is_some(),
            2 => reader.next_message::<Owned>().is_some(),
            _ => reader.next_element::<Record>(2).is_some() || reader.next_frame().is_some(),
        };
        if !more {
            break;
        }
    }
    let _ = reader.trailers();
}

fn round_trip(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else { return };
    let compression = match choice % 4 {
        0 => Compression::None,
        1 => Compression::Zstd(i32::from(choice >> 4) - 3),
        2 => Compression::Lz4,
        _ => Compression::Snappy,
    };
    let texts: Vec<&str> = rest.split(|&b| b == 0).filter_map(|t| std::str::from_utf8(t).ok()).collect();
    let mut writer = WriterOptions::new()
        .compression(compression)
        .compress_above(usize::from(choice >> 2) % 64)
        .checksums(choice & 0x80 != 0)
        .chunk_len(usize::from(choice) + 1)
        .open(Vec::new())
        .unwrap();
    for (seq, text) in texts.iter().enumerate() {
        writer.write(&Record { seq: seq as u64, text }).unwrap();
    }
    {
        let mut chunked = writer.begin_chunked(&Record { seq: 7, text: "" }).unwrap();
        for (seq, text) in texts.iter().enumerate() {
            chunked.push(2, &Record { seq: seq as u64, text }).unwrap();
        }
        chunked.finish().unwrap();
    }
    let file = writer.finish().unwrap();
    let mut reader = ContainerReader::open(&file[..]).unwrap();
    for (seq, text) in texts.iter().enumerate() {
        let view = reader.next_view::<Record>().unwrap().unwrap();
        assert_eq!((view.seq(), view.text()), (seq as u64, *text));
    }
    for (seq, text) in texts.iter().enumerate() {
        let view = reader.next_element::<Record>(2).unwrap().unwrap();
        assert_eq!((view.seq(), view.text()), (seq as u64, *text));
    }
    assert!(reader.next_element::<Record>(2).is_none());
    assert!(reader.next_frame().is_none());
    assert!(reader.trailers().is_some());
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode >= 0xf0 {
        round_trip(rest);
    } else {
        read(rest, mode);
    }
});
