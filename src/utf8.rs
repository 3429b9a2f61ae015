//! UTF-8 validation of strings read from the input: an ASCII fast path, SIMD validation otherwise.
//!
//! Measured with callgrind on the `views` bench message (seven short
//! strings): `simdutf8::basic::from_utf8` alone costs about 110 instructions per short string, because it falls
//! back to the standard library below 64 bytes; checking `is_ascii` first and converting without a second pass
//! costs about 15.

/// `bytes` as `&str`, or `None` if they are not UTF-8.
#[inline(always)]
pub(crate) fn to_str(bytes: &[u8]) -> Option<&str> {
    if bytes.is_ascii() {
        // SAFETY: `is_ascii` checked that every byte is below 0x80, and any sequence of ASCII bytes is valid
        // UTF-8, which is the precondition of `from_utf8_unchecked`.
        return Some(unsafe { core::str::from_utf8_unchecked(bytes) });
    }
    simdutf8::basic::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::to_str;

    #[test]
    fn agrees_with_the_standard_library() {
        let cases: &[&[u8]] = &[
            b"",
            b"plain ascii",
            "h\u{e9}llo \u{1f980}".as_bytes(),
            &[0xc0, 0x80],
            &[0xed, 0xa0, 0x80],
            &[0xf4, 0x90, 0x80, 0x80],
            &[b'a', 0xe2, 0x82],
            &[0x80],
            &[0x7f; 100],
        ];
        for bytes in cases {
            assert_eq!(to_str(bytes), core::str::from_utf8(bytes).ok(), "{bytes:02x?}");
        }
        for byte in 0..=255u8 {
            let bytes = [b'x', byte, b'y'];
            assert_eq!(to_str(&bytes), core::str::from_utf8(&bytes).ok());
        }
    }
}
