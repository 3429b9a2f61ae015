//! Cap'n Proto: build the message in a reused scratch arena and write it to a reused Vec; access and read from
//! the flat bytes (bounds are checked as the reader goes, so access is O(1)).

use super::{Dataset, Op, Peer};
use capnp::message::{Builder, ReaderOptions, ScratchSpaceHeapAllocator};
use capnp::serialize::{self, NoAllocSliceSegments};

/// A message reader over flat bytes, for the datasets' read functions.
pub type Reader<'b> = capnp::message::Reader<NoAllocSliceSegments<'b>>;

/// Opens `bytes` (one flat, word-aligned message) for reading, with no traversal limit.
pub fn open(bytes: &[u8]) -> capnp::Result<Reader<'_>> {
    let mut options = ReaderOptions::new();
    options.traversal_limit_in_words(None);
    serialize::read_message_from_flat_slice_no_alloc(&mut &bytes[..], options)
}

/// The capnp peer: `build` populates a message from the plain value; `read` opens the bytes and reads.
pub fn peer<'a, T: Dataset>(
    data: &'a T,
    build: fn(&T, &mut Builder<ScratchSpaceHeapAllocator<'_>>) -> capnp::Result<()>,
    read: fn(&[u8]) -> capnp::Result<u64>,
) -> Peer<'a> {
    let mut scratch = vec![0u8; 1 << 20];
    let mut encode = move |out: &mut Vec<u8>| -> capnp::Result<()> {
        let mut message = Builder::new(ScratchSpaceHeapAllocator::new(&mut scratch[..]));
        build(data, &mut message)?;
        out.clear();
        serialize::write_message(&mut *out, &message)
    };
    let mut bytes = Vec::new();
    encode(&mut bytes).expect("capnp encodes");
    let words = aligned(&bytes);
    let len = bytes.len() as u64;
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let w = words.clone();
    Peer::new("capnp", bytes)
        .op(Op::Serialize, len, move || encode(&mut buf).map_or(0, |()| buf.len() as u64))
        .op(Op::Access, 1, move || {
            let root = open(capnp::Word::words_to_bytes(&w))
                .and_then(|m| m.get_root::<capnp::any_pointer::Reader<'_>>().map(|r| r.is_null()));
            root.map_or(0, |_| 1)
        })
        .op(Op::Read, data.read(), move || read(capnp::Word::words_to_bytes(&words)).unwrap_or(0))
}

/// A word-aligned copy of `bytes`: capnp reads in place only from aligned memory.
fn aligned(bytes: &[u8]) -> Vec<capnp::Word> {
    let mut words = capnp::Word::allocate_zeroed_vec(bytes.len().div_ceil(8));
    capnp::Word::words_to_bytes_mut(&mut words)[..bytes.len()].copy_from_slice(bytes);
    words
}
