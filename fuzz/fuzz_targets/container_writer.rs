//! The stream container writer driven by random sequences of calls — messages, already encoded messages,
//! chunked messages with 0..n elements and trailing fields (finished, or left open for the next call to end),
//! flushes, header and trailer metadata — with every codec, checksums on and off, any chunk length and
//! compression threshold. Whatever the writer accepts, the reader must give back exactly: frame by frame
//! (`next_frame`), through the typed calls (`next_message`, `next_element`), and the metadata.
#![no_main]

use arbitrary::Arbitrary;
use cramberry::stream::container::{Compression, ContainerReader, FrameKind, Metadata, WriterOptions};
use cramberry::{Cramberry, Message};
use libfuzzer_sys::fuzz_target;

/// The elements of a chunked message, and the messages.
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
struct Record {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    text: String,
}

/// A chunked message's head: its fields before the elements (field 2, left empty).
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
struct Head {
    #[cram(1)]
    host: String,
}

/// Fields after the elements (numbered apart from the element field).
#[derive(Cramberry, Arbitrary, Debug, Clone, PartialEq)]
struct Tail {
    #[cram(3)]
    note: String,
}

/// The field number of a chunked message's elements, and the tag of one (field 2, BYTES).
const ELEMENTS: u32 = 2;
const ELEMENT_TAG: u8 = 0x12;

#[derive(Arbitrary, Debug)]
enum Part {
    Element(Record),
    Fields(Tail),
}

#[derive(Arbitrary, Debug)]
enum Op {
    Write(Record),
    WriteEncoded(Vec<u8>),
    Chunked { head: Head, parts: Vec<Part>, finish: bool },
    Trailer(String, Vec<u8>),
    Flush,
}

#[derive(Arbitrary, Debug)]
struct Plan {
    codec: u8,
    level: i8,
    checksums: bool,
    chunk_len: u16,
    compress_above: u16,
    header: Vec<(String, Vec<u8>)>,
    ops: Vec<Op>,
}

/// What the reader must give back for one call that wrote a message.
#[derive(Debug, PartialEq)]
enum Written {
    /// A message frame: its bytes, and the record when it is one.
    Message(Vec<u8>, Option<Record>),
    /// A chunked message: the concatenation of its chunks, and its elements.
    Chunked(Vec<u8>, Vec<Record>),
}

fn compression(codec: u8, level: i8) -> Compression {
    match codec % 4 {
        0 => Compression::None,
        1 => Compression::Zstd(i32::from(level % 8)),
        2 => Compression::Lz4,
        _ => Compression::Snappy,
    }
}

/// The bytes a chunked message's parts add to it.
fn append_part(bytes: &mut Vec<u8>, part: &Part) {
    match part {
        Part::Element(record) => {
            bytes.push(ELEMENT_TAG);
            record.encode_length_delimited_into(bytes);
        }
        Part::Fields(tail) => tail.encode_into(bytes),
    }
}

/// Writes the plan; returns the file and what each call wrote.
fn write(plan: &Plan) -> (Vec<u8>, Vec<Written>, Metadata) {
    let headers: Metadata = plan.header.iter().cloned().collect();
    let mut writer = WriterOptions::new()
        .compression(compression(plan.codec, plan.level))
        .checksums(plan.checksums)
        .chunk_len(usize::from(plan.chunk_len))
        .compress_above(usize::from(plan.compress_above))
        .headers(headers)
        .open(Vec::new())
        .expect("a Vec takes any write");
    let (mut written, mut trailers) = (Vec::new(), Metadata::new());
    for op in &plan.ops {
        match op {
            Op::Write(record) => {
                writer.write(record).unwrap();
                written.push(Written::Message(record.encode_to_vec(), Some(record.clone())));
            }
            Op::WriteEncoded(bytes) => {
                writer.write_encoded(bytes).unwrap();
                written.push(Written::Message(bytes.clone(), None));
            }
            Op::Chunked { head, parts, finish } => {
                let mut chunked = writer.begin_chunked(head).unwrap();
                let (mut bytes, mut elements) = (head.encode_to_vec(), Vec::new());
                for part in parts {
                    match part {
                        Part::Element(record) => {
                            chunked.push(ELEMENTS, record).unwrap();
                            elements.push(record.clone());
                        }
                        Part::Fields(tail) => chunked.push_fields(tail).unwrap(),
                    }
                    append_part(&mut bytes, part);
                }
                if *finish {
                    chunked.finish().unwrap();
                }
                written.push(Written::Chunked(bytes, elements));
            }
            Op::Trailer(key, value) => {
                writer.set_trailer(key.clone(), value);
                trailers.insert(key.clone(), value);
            }
            Op::Flush => writer.flush().unwrap(),
        }
    }
    (writer.finish().unwrap(), written, trailers)
}

/// Reads the file frame by frame: every message and chunked message as written.
fn read_frames(file: &[u8]) -> Vec<Written> {
    let mut reader = ContainerReader::open(file).expect("the writer's header reads");
    let (mut read, mut chunked) = (Vec::new(), None::<Vec<u8>>);
    while let Some(frame) = reader.next_frame() {
        let frame = frame.unwrap_or_else(|e| panic!("the writer's own file fails: {e}"));
        match frame.info.kind {
            FrameKind::Message => read.push(Written::Message(frame.payload.to_vec(), None)),
            FrameKind::Chunk => chunked.get_or_insert_with(Vec::new).extend_from_slice(frame.payload),
            FrameKind::EndMessage => {
                read.push(Written::Chunked(chunked.take().expect("a chunk before the end"), vec![]))
            }
            other => panic!("the writer wrote a {other:?} frame between header and trailer"),
        }
    }
    assert!(chunked.is_none(), "a chunked message without its end");
    assert!(reader.trailers().is_some(), "the trailer is read");
    read
}

fuzz_target!(|data: &[u8]| {
    let Ok(plan) = Plan::arbitrary(&mut arbitrary::Unstructured::new(data)) else { return };
    let (file, written, trailers) = write(&plan);

    let bytes_only = |w: &Written| match w {
        Written::Message(bytes, _) => Written::Message(bytes.clone(), None),
        Written::Chunked(bytes, _) => Written::Chunked(bytes.clone(), vec![]),
    };
    assert_eq!(read_frames(&file), written.iter().map(bytes_only).collect::<Vec<_>>());

    let mut reader = ContainerReader::open(&file[..]).unwrap();
    let headers: Metadata = plan.header.iter().cloned().collect();
    assert_eq!(reader.header(), &headers);
    for w in &written {
        match w {
            Written::Message(_, Some(record)) => {
                assert_eq!(&reader.next_message::<Record>().unwrap().unwrap(), record)
            }
            Written::Message(bytes, None) => assert_eq!(reader.next_frame().unwrap().unwrap().payload, bytes),
            Written::Chunked(_, elements) => {
                for element in elements {
                    let view = reader.next_element::<Record>(ELEMENTS).unwrap().unwrap();
                    assert_eq!(&view.to_message(), element);
                }
                assert!(reader.next_element::<Record>(ELEMENTS).is_none(), "the chunked message ends");
            }
        }
    }
    assert!(reader.next_frame().is_none());
    assert_eq!(reader.trailers(), Some(&trailers));
});
