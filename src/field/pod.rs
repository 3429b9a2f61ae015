//! Pod structs (`#[cram(pod)]`): plain fixed-layout structs written as their little-endian bytes.
//!
//! A single pod value is BYTES holding its bytes; a list of pods is ONE BYTES run holding them back to back,
//! which a view can read in place. Pod bytes are copied verbatim: float fields are not canonicalised.

use crate::decode::Reader;
use crate::encode::Writer;
use crate::error::{DecodeErrorKind, Limit, Result};
use crate::wire::varint_len;
use bytemuck::Pod;

/// Encoded size of one pod value (length prefix and bytes).
#[inline(always)]
pub const fn len<P: Pod>() -> usize {
    varint_len(core::mem::size_of::<P>() as u64) + core::mem::size_of::<P>()
}

/// Whether every byte of `p` is zero (the pod's default).
#[inline(always)]
pub fn is_zero<P: Pod>(p: &P) -> bool {
    bytemuck::bytes_of(p).iter().all(|&b| b == 0)
}

/// Writes one pod value with its length prefix.
#[inline(always)]
pub fn encode<P: Pod>(p: &P, w: &mut Writer<'_>) {
    w.put_varint(core::mem::size_of::<P>() as u64);
    w.put_slice(bytemuck::bytes_of(p));
}

/// Writes one pod value as an element of a run.
#[inline(always)]
pub fn encode_packed<P: Pod>(p: &P, w: &mut Writer<'_>) {
    w.put_slice(bytemuck::bytes_of(p));
}

/// Reads one pod value with its length prefix (which must equal the pod's size).
#[inline(always)]
pub fn decode<P: Pod>(r: &mut Reader<'_>) -> Result<P> {
    let at = r.position();
    let bytes = r.read_len_delimited(Limit::BytesLen)?;
    if bytes.len() != core::mem::size_of::<P>() {
        let mismatch =
            DecodeErrorKind::FixedLengthMismatch { expected: core::mem::size_of::<P>(), found: bytes.len() };
        return Err(r.error(mismatch, at));
    }
    Ok(bytemuck::pod_read_unaligned(bytes))
}

/// Reads one pod value as an element of a run.
#[inline(always)]
pub fn decode_packed<P: Pod>(r: &mut Reader<'_>) -> Result<P> {
    r.take(core::mem::size_of::<P>()).map(bytemuck::pod_read_unaligned)
}
