//! Cap'n Proto builders and readers for each dataset, over the code generated from `schemas/capnp`.

pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;

/// A message builder over a reused scratch arena.
pub type Builder<'s> = ::capnp::message::Builder<::capnp::message::ScratchSpaceHeapAllocator<'s>>;

/// A list length for capnp (lists hold at most 2^29 elements; the datasets hold far fewer).
fn len(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
