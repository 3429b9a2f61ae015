//! Hex text in (`--hex`); hex out is `cramberry_schema::hex`.

/// Parses hex text; whitespace between digits is ignored.
pub fn decode(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if !digits.len().is_multiple_of(2) {
        return Err(format!("hex input has an odd number of digits ({})", digits.len()));
    }
    digits
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            let s = std::str::from_utf8(pair).map_err(|_| format!("invalid hex at digit {}", i * 2))?;
            u8::from_str_radix(s, 16).map_err(|_| format!("invalid hex `{s}` at digit {}", i * 2))
        })
        .collect()
}
