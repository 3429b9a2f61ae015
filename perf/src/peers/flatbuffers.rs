//! FlatBuffers: build with a reused `FlatBufferBuilder` (reset each time), access (verified) and read.

use super::{Dataset, Op, Peer};
use flatbuffers::{FlatBufferBuilder, InvalidFlatbuffer};

/// The flatbuffers peer: `build` populates and finishes the builder from the plain value; `access` verifies the
/// root; `read` verifies and reads.
pub fn peer<'a, T: Dataset>(
    data: &'a T,
    build: fn(&T, &mut FlatBufferBuilder<'static>),
    access: fn(&[u8]) -> Result<(), InvalidFlatbuffer>,
    read: fn(&[u8]) -> Result<u64, InvalidFlatbuffer>,
) -> Peer<'a> {
    let mut builder = FlatBufferBuilder::new();
    build(data, &mut builder);
    let bytes = builder.finished_data().to_vec();
    let len = bytes.len() as u64;
    let (b1, b2) = (bytes.clone(), bytes.clone());
    Peer::new("flatbuffers", bytes)
        .op(Op::Serialize, len, move || {
            builder.reset();
            build(data, &mut builder);
            builder.finished_data().len() as u64
        })
        .op(Op::Access, 1, move || access(&b1).map_or(0, |()| 1))
        .op(Op::Read, data.read(), move || read(&b2).unwrap_or(0))
}
