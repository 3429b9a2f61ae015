//! The encode runtime: measure once, then write once.
//!
//! Encoding is two passes over the value. The measuring pass computes the exact size and records the length of
//! every length-delimited value whose size is not known in O(1) (nested messages, packed varint runs, map
//! entries, interface values) into a [`LenRecorder`], in pre-order. The writing pass reads those lengths back in
//! the same order from a [`SizeCursor`], so no nested length is ever computed twice and encoding cost stays
//! linear in the output size at any nesting depth. Output buffers are sized exactly once; the writer never grows.

mod sizes;
mod writer;

pub use sizes::{BumpSizes, LenRecorder, NoRecord, SizeCache, SizeCursor};
pub use writer::Writer;
