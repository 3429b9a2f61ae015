//! Unsigned LEB128 varints with unrolled fast paths.

/// The longest varint: ten bytes carry 64 bits.
pub const MAX_VARINT_LEN: usize = 10;

/// Why a varint could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarintError {
    /// The input ended before the varint's last byte.
    Truncated,
    /// More than ten bytes, or a tenth byte above `0x01`: the value does not fit in 64 bits.
    Overflow,
}

/// Number of bytes `value` takes as a varint (1 to 10), computed without a loop.
///
/// ```
/// assert_eq!(cramberry::wire::varint_len(127), 1);
/// assert_eq!(cramberry::wire::varint_len(128), 2);
/// assert_eq!(cramberry::wire::varint_len(u64::MAX), 10);
/// ```
#[inline(always)]
pub const fn varint_len(value: u64) -> usize {
    // Significant bits, at least one; each byte carries seven, so the length is ceil(bits / 7),
    // which (bits * 9 + 64) / 64 equals for every bits in 1..=64.
    let bits = 64 - (value | 1).leading_zeros() as usize;
    (bits * 9 + 64) / 64
}

/// Writes `value` as a varint at the start of `out` and returns the number of bytes written.
///
/// The one- and two-byte cases are straight-line code. Panics if `out` is shorter than
/// [`varint_len`]`(value)`; encoders size their buffers exactly first, so that never happens there.
///
/// ```
/// let mut buf = [0u8; 10];
/// let n = cramberry::wire::encode_varint(300, &mut buf);
/// assert_eq!(&buf[..n], &[0xac, 0x02]);
/// ```
#[inline(always)]
pub fn encode_varint(value: u64, out: &mut [u8]) -> usize {
    if value < 0x80 {
        out[0] = value as u8;
        return 1;
    }
    if value < 0x4000 {
        let pair = [(value as u8) | 0x80, (value >> 7) as u8];
        out[..2].copy_from_slice(&pair);
        return 2;
    }
    encode_varint_long(value, out)
}

/// Appends `value` as a varint to `out` (for writers that grow a `Vec`: the serde bridge, the container,
/// the dynamic codec; the derive's encoder writes into a sized buffer instead).
///
/// ```
/// let mut out = vec![0x0a];
/// cramberry::wire::put_varint(&mut out, 300);
/// assert_eq!(out, [0x0a, 0xac, 0x02]);
/// ```
#[inline]
pub fn put_varint(out: &mut alloc::vec::Vec<u8>, value: u64) {
    let mut buf = [0; MAX_VARINT_LEN];
    let n = encode_varint(value, &mut buf);
    out.extend_from_slice(&buf[..n]);
}

#[inline(never)]
fn encode_varint_long(mut value: u64, out: &mut [u8]) -> usize {
    let len = varint_len(value);
    let out = &mut out[..len];
    let (last, body) = out.split_last_mut().expect("a varint is at least one byte");
    for byte in body {
        *byte = (value as u8) | 0x80;
        value >>= 7;
    }
    *last = value as u8;
    len
}

/// Reads a varint from the start of `input`; returns the value and how many bytes it took.
///
/// One- and two-byte varints take a short path; when at least ten bytes remain the rest is decoded by
/// straight-line code with no per-byte bounds checks. Overlong encodings (`80 00`) are accepted here; callers
/// that need the shortest form compare the length with [`varint_len`].
///
/// ```
/// use cramberry::wire::{decode_varint, VarintError};
/// assert_eq!(decode_varint(&[0xac, 0x02]), Ok((300, 2)));
/// assert_eq!(decode_varint(&[0x80]), Err(VarintError::Truncated));
/// ```
#[inline(always)]
pub fn decode_varint(input: &[u8]) -> Result<(u64, usize), VarintError> {
    match input {
        [b0, ..] if *b0 < 0x80 => Ok((u64::from(*b0), 1)),
        [b0, b1, ..] if *b1 < 0x80 => Ok((u64::from(*b0 & 0x7f) | (u64::from(*b1) << 7), 2)),
        _ => match input.first_chunk::<MAX_VARINT_LEN>() {
            Some(window) => decode_varint_window(window),
            None => decode_varint_slow(input),
        },
    }
}

/// Decodes from a window known to hold ten bytes: fixed indices, so no bounds checks.
#[inline]
fn decode_varint_window(b: &[u8; MAX_VARINT_LEN]) -> Result<(u64, usize), VarintError> {
    let mut value = 0u64;
    let mut i = 0;
    while i < MAX_VARINT_LEN - 1 {
        let byte = b[i];
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            return Ok((value, i + 1));
        }
        i += 1;
    }
    let last = b[MAX_VARINT_LEN - 1];
    if last > 1 {
        return Err(VarintError::Overflow);
    }
    Ok((value | (u64::from(last) << 63), MAX_VARINT_LEN))
}

/// The value and length of the varint at the start of `word` (eight input bytes, little-endian) when it ends
/// within them; `None` for a varint of nine or ten bytes (or a malformed one).
#[inline(always)]
pub(crate) fn varint_in_word(word: u64) -> Option<(u64, usize)> {
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte that ends a varint (a clear continuation bit); the first one ends ours.
    let ends = !word & HIGH_BITS;
    if ends == 0 {
        return None;
    }
    let last_bit = ends.trailing_zeros(); // 7, 15, ..., 63: the top bit of the last byte
    let len = (last_bit as usize + 1) / 8;
    // The payload bits of the varint's bytes, then packed together: 7-bit groups into 14, 28 and 56 bits.
    let mut x = word & (u64::MAX >> (63 - last_bit)) & !HIGH_BITS;
    x = (x & 0x007f_007f_007f_007f) | ((x & 0x7f00_7f00_7f00_7f00) >> 1);
    x = (x & 0x0000_3fff_0000_3fff) | ((x & 0x3fff_0000_3fff_0000) >> 2);
    x = (x & 0x0000_0000_0fff_ffff) | ((x & 0x0fff_ffff_0000_0000) >> 4);
    Some((x, len))
}

/// Decodes near the end of the input, checking each byte against the remaining length.
#[cold]
fn decode_varint_slow(input: &[u8]) -> Result<(u64, usize), VarintError> {
    let mut value = 0u64;
    for (i, &byte) in input.iter().enumerate().take(MAX_VARINT_LEN) {
        if i == MAX_VARINT_LEN - 1 && byte > 1 {
            return Err(VarintError::Overflow);
        }
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            return Ok((value, i + 1));
        }
    }
    if input.len() >= MAX_VARINT_LEN {
        Err(VarintError::Overflow)
    } else {
        Err(VarintError::Truncated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn len_matches_a_byte_loop_at_every_bit_width() {
        for bits in 0..64 {
            for value in [1u64 << bits, (1u64 << bits).wrapping_sub(1), (1u64 << bits) | 1] {
                let mut expected = 1;
                let mut v = value >> 7;
                while v != 0 {
                    expected += 1;
                    v >>= 7;
                }
                assert_eq!(varint_len(value), expected, "value {value}");
            }
        }
        assert_eq!(varint_len(u64::MAX), 10);
    }

    #[test]
    fn word_decoding_matches_the_byte_loop_with_any_bytes_after() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for bits in 0..64 {
            for value in [1u64 << bits, (1u64 << bits).wrapping_sub(1), (1u64 << bits) | 1] {
                let mut buf = [0u8; 18];
                let n = encode_varint(value, &mut buf);
                for _ in 0..8 {
                    // Whatever follows the varint (continuation bits set or not) must not change it.
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    buf[n..n + 8].copy_from_slice(&seed.to_le_bytes());
                    let word = u64::from_le_bytes(buf[..8].try_into().unwrap());
                    let expected = (n <= 8).then_some((value, n));
                    assert_eq!(varint_in_word(word), expected, "value {value}, {n} bytes");
                }
            }
        }
        assert_eq!(varint_in_word(u64::MAX), None, "no terminator in eight bytes");
    }

    #[test]
    fn round_trips_at_every_length_with_and_without_slack() {
        for bits in 0..64 {
            let value = (1u64 << bits) | ((1u64 << bits).wrapping_sub(1) / 3);
            let mut buf = [0u8; 20];
            let n = encode_varint(value, &mut buf);
            assert_eq!(n, varint_len(value));
            assert_eq!(decode_varint(&buf[..n]), Ok((value, n)), "exact slice, value {value}");
            assert_eq!(decode_varint(&buf), Ok((value, n)), "with slack, value {value}");
        }
    }

    #[test]
    fn every_path_matches_the_byte_loop_on_every_prefix() {
        // Random bytes biased to continuation bits, cut at every length: the word, pattern, window and byte
        // paths all give the byte loop's value, length or error (overlong forms included).
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut bytes = [0u8; 12];
            for b in &mut bytes {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                *b = (seed as u8) | if seed & 0x300 != 0 { 0x80 } else { 0 };
            }
            for cut in 0..=bytes.len() {
                let input = &bytes[..cut];
                assert_eq!(decode_varint(input), decode_varint_slow(input), "{input:02x?}");
            }
        }
    }

    #[test]
    fn rejects_eleven_bytes_and_tenth_byte_overflow() {
        let eleven = [0xffu8; 11];
        assert_eq!(decode_varint(&eleven), Err(VarintError::Overflow));
        let mut tenth = [0xffu8; 10];
        tenth[9] = 0x02;
        assert_eq!(decode_varint(&tenth), Err(VarintError::Overflow));
        assert_eq!(decode_varint(&tenth[..9]), Err(VarintError::Truncated));
        assert_eq!(decode_varint(&[]), Err(VarintError::Truncated));
    }
}
