//! Canonical floats: -0.0 becomes +0.0 and every NaN becomes the quiet NaN.

const F32_QUIET_NAN: u32 = 0x7fc0_0000;
const F64_QUIET_NAN: u64 = 0x7ff8_0000_0000_0000;

/// The bits the encoder writes for `value`.
///
/// ```
/// assert_eq!(cramberry::wire::canonical_f32_bits(-0.0), 0);
/// assert_eq!(cramberry::wire::canonical_f32_bits(f32::NAN), 0x7fc0_0000);
/// ```
#[inline(always)]
pub fn canonical_f32_bits(value: f32) -> u32 {
    if value.is_nan() {
        F32_QUIET_NAN
    } else {
        // -0.0 + 0.0 is +0.0; every other value is unchanged by adding +0.0.
        (value + 0.0).to_bits()
    }
}

/// The bits the encoder writes for `value`.
#[inline(always)]
pub fn canonical_f64_bits(value: f64) -> u64 {
    if value.is_nan() {
        F64_QUIET_NAN
    } else {
        (value + 0.0).to_bits()
    }
}

/// Whether `bits` are what the encoder writes for the float they hold.
#[inline]
pub fn is_canonical_f32_bits(bits: u32) -> bool {
    canonical_f32_bits(f32::from_bits(bits)) == bits
}

/// Whether `bits` are what the encoder writes for the float they hold.
#[inline]
pub fn is_canonical_f64_bits(bits: u64) -> bool {
    canonical_f64_bits(f64::from_bits(bits)) == bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonicalises_negative_zero_and_nans_but_keeps_the_rest() {
        assert_eq!(canonical_f64_bits(-0.0), 0);
        assert_eq!(canonical_f64_bits(f64::from_bits(0x7ff0_0000_0000_0001)), F64_QUIET_NAN);
        assert_eq!(canonical_f32_bits(f32::from_bits(0xffc0_0000)), F32_QUIET_NAN);
        assert_eq!(canonical_f64_bits(f64::INFINITY), f64::INFINITY.to_bits());
        let subnormal = f32::from_bits(1);
        assert_eq!(canonical_f32_bits(subnormal), 1);
        assert!(!is_canonical_f32_bits((-0.0f32).to_bits()));
        assert!(is_canonical_f64_bits(1.5f64.to_bits()));
    }
}
