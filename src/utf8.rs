//! UTF-8 validation of strings read from the input: an ASCII fast path, SIMD validation otherwise.
//!
//! Measured with callgrind on the `views` bench message (seven short
//! strings): `simdutf8::basic::from_utf8` alone costs about 110 instructions per short string, because it falls
//! back to the standard library below 64 bytes; checking `is_ascii` first and converting without a second pass
//! costs about 15.

/// Whether every byte is below 0x80, reading whole words: strings of up to 16 bytes take two (possibly
/// overlapping) loads and no loop, longer ones one load per 8 bytes plus the last 8.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = bytes.len();
    if n >= 8 {
        let word = |w: Option<&[u8; 8]>| w.map_or(0, |w| u64::from_le_bytes(*w));
        let (first, last) = (word(bytes.first_chunk()), word(bytes.last_chunk()));
        if n <= 16 {
            return (first | last) & HIGH == 0;
        }
        let seen = bytes.chunks_exact(8).fold(last, |seen, w| seen | word(w.first_chunk()));
        return seen & HIGH == 0;
    }
    let half =
        |at: usize| bytes.get(at..at + 4).map_or(0, |w| u32::from_le_bytes(w.try_into().unwrap_or([0; 4])));
    let seen = match n {
        4..=7 => half(0) | half(n - 4),
        2 | 3 => u32::from(bytes[0]) | u32::from(bytes[1]) | u32::from(bytes[n - 1]),
        1 => u32::from(bytes[0]),
        _ => 0,
    };
    seen & 0x8080_8080 == 0
}

/// `bytes` as `&str`, or `None` if they are not UTF-8.
#[inline(always)]
pub(crate) fn to_str(bytes: &[u8]) -> Option<&str> {
    if is_ascii(bytes) {
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
    fn the_word_ascii_check_agrees_with_the_standard_library_at_every_length_and_position() {
        for len in 0..40 {
            let clean = vec![b'a'; len];
            assert!(super::is_ascii(&clean), "len {len}");
            for at in 0..len {
                let mut dirty = clean.clone();
                dirty[at] = 0x80 | (at as u8);
                assert!(!super::is_ascii(&dirty), "len {len}, high byte at {at}");
            }
        }
    }

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
