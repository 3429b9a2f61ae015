//! Length-delimited frames in a buffer: splitting one off (what `decode_length_delimited`, the views'
//! `view_length_delimited` and every stream reader build on).

use crate::error::{DecodeError, DecodeErrorKind, Limit, Result};
use crate::wire::{decode_varint, VarintError};

/// Splits the frame at the start of `input` into the length of its prefix and its message bytes. Errors have
/// offsets from the start of `input`: a cut-off prefix is `Truncated`, a cut-off message `LengthOutOfBounds`,
/// a message longer than `max` bytes `LimitExceeded` (checked before anything is read or reserved).
#[inline(always)]
pub(crate) fn split_frame(input: &[u8], max: usize) -> Result<(usize, &[u8])> {
    let (len, header) = match decode_varint(input) {
        Ok(prefix) => prefix,
        Err(e) => return Err(prefix_error(e)),
    };
    let body = &input[header..];
    if len > max as u64 || len > body.len() as u64 {
        return Err(length_error(len, max, body.len()));
    }
    Ok((header, &body[..len as usize]))
}

/// The prefix length and message length of the frame at the start of `input` when it is there whole and no
/// longer than `max`; `None` otherwise, with no error built (a reader's slow path finds out why).
#[cfg(feature = "std")]
#[inline(always)]
pub(crate) fn whole_frame(input: &[u8], max: usize) -> Option<(usize, usize)> {
    let (len, header) = decode_varint(input).ok()?;
    let fits = len <= max as u64 && len <= (input.len() - header) as u64;
    fits.then_some((header, len as usize))
}

/// The error of a length prefix that does not decode.
#[cold]
fn prefix_error(e: VarintError) -> DecodeError {
    let kind = match e {
        VarintError::Truncated => DecodeErrorKind::Truncated,
        VarintError::Overflow => DecodeErrorKind::VarintOverflow,
    };
    DecodeError::new(kind, 0)
}

/// The error of a frame of `len` bytes, longer than `max` or than the `remaining` bytes.
#[cold]
fn length_error(len: u64, max: usize, remaining: usize) -> DecodeError {
    let kind = if len > max as u64 {
        DecodeErrorKind::LimitExceeded { limit: Limit::MessageLen, max }
    } else {
        DecodeErrorKind::LengthOutOfBounds { len, remaining }
    };
    DecodeError::new(kind, 0)
}
