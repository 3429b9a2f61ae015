//! ZigZag mapping of signed integers onto unsigned ones, so small magnitudes stay short.

/// Maps a signed value to unsigned: 0 → 0, -1 → 1, 1 → 2, -2 → 3, …
///
/// ```
/// assert_eq!(cramberry::wire::zigzag_encode(-64), 127);
/// ```
#[inline(always)]
pub const fn zigzag_encode(value: i64) -> u64 {
    ((value << 1) ^ (value >> 63)) as u64
}

/// Inverse of [`zigzag_encode`].
///
/// ```
/// assert_eq!(cramberry::wire::zigzag_decode(127), -64);
/// ```
#[inline(always)]
pub const fn zigzag_decode(value: u64) -> i64 {
    ((value >> 1) as i64) ^ -((value & 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_values_and_extremes_round_trip() {
        for (signed, unsigned) in [(0i64, 0u64), (-1, 1), (1, 2), (-64, 127), (64, 128), (i64::MIN, u64::MAX)]
        {
            assert_eq!(zigzag_encode(signed), unsigned);
            assert_eq!(zigzag_decode(unsigned), signed);
        }
        assert_eq!(zigzag_decode(zigzag_encode(i64::MAX)), i64::MAX);
    }
}
