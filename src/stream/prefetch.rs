//! A hint that starts loading the bytes a stream reader reaches next, while it validates the frame in hand.
//!
//! Reading frames is a chain of dependent loads: where frame `n + 1` starts is known only once frame `n`'s
//! length prefix is read. Over a buffer larger than the processor's caches each link of that chain waited for
//! memory (about 12 ns per SmallMessage-sized frame on the bench machine, whatever the parse cost), because the
//! hardware prefetchers did not run far enough ahead of it. Asking for the bytes [`AHEAD`] bytes on, once per
//! frame, overlaps those waits with the work on earlier frames; walking a 19 MB buffer of frames went from
//! 12.9 to 1.9 ns per frame (the in-cache speed), and views of its frames from 11.3 to the parse's own cost.

/// How far beyond the read position the bytes are asked for: far enough that they arrive before the reader
/// does (at 256 bytes the walk above still waited for memory; from 1024 bytes on it did not).
const AHEAD: usize = 1024;

/// Asks for the cache line of `rest[AHEAD]` to be loaded, when `rest` reaches that far. Only a hint: no
/// effect on what any read returns, and nothing on targets without a prefetch instruction in stable Rust.
#[inline(always)]
pub(crate) fn prefetch_ahead(rest: &[u8]) {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse"))]
    if let Some(byte) = rest.get(AHEAD) {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: `_mm_prefetch` needs the `sse` target feature, which the `cfg` above checks is enabled.
        // It reads no memory architecturally and cannot fault; here its address is moreover that of a live
        // byte of `rest`.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(core::ptr::from_ref(byte).cast()) }
    }
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse")))]
    let _ = rest;
}
