//! FlatBuffers builders and readers for each dataset, over the code generated from `schemas/flatbuffers`.

pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;

/// The builder every dataset writes into (reset between runs).
pub type Builder = ::flatbuffers::FlatBufferBuilder<'static>;
