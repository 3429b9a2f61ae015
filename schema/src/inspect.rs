//! The field tree of any message, without a schema, from the wire types alone (`cramberry inspect`).

use cramberry::__private::decode::Reader;
use cramberry::__private::wire::{zigzag_decode, WireType};
use cramberry::{DecodeOptions, Limit};
use std::fmt::Write;

/// Lowercase hex, bytes separated by spaces.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
}

/// The field tree of `bytes`, one field per line, nested messages indented; or an error naming the offset.
///
/// SVARINT shows the signed value, TYPEREF the type id, BYTES that are printable UTF-8 show as text, BYTES that
/// parse as a message show nested, anything else as hex.
///
/// ```
/// let tree = cramberry_schema::inspect(&[0x0a, 0x02, b'a', b'b', 0x16, 0x05]).unwrap();
/// assert_eq!(tree, "1: string \"ab\"\n2: svarint -3\n");
/// ```
pub fn inspect(bytes: &[u8]) -> cramberry::Result<String> {
    inspect_with(bytes, &DecodeOptions::default())
}

/// [`inspect`] under `options`: the input must fit the message-length limit, every BYTES and TYPEREF payload
/// the bytes limit, and nested messages are shown down to the depth limit (deeper ones as hex); strict and
/// canonical options apply what they can without a schema (field order).
///
/// ```
/// use cramberry::{DecodeErrorKind, DecodeOptions, Limit};
/// let options = DecodeOptions::secure().max_bytes_len(1);
/// let err = cramberry_schema::inspect_with(&[0x0a, 0x02, b'a', b'b'], &options).unwrap_err();
/// assert_eq!(err.kind(), &DecodeErrorKind::LimitExceeded { limit: Limit::BytesLen, max: 1 });
/// ```
pub fn inspect_with(bytes: &[u8], options: &DecodeOptions) -> cramberry::Result<String> {
    let mut r = Reader::new(bytes, options)?;
    let mut out = String::new();
    let max_nesting = MAX_NESTING.min(options.depth_limit() as usize);
    fields(&mut r, 0, max_nesting, &mut out)?;
    Ok(out)
}

fn fields(r: &mut Reader<'_>, depth: usize, max_nesting: usize, out: &mut String) -> cramberry::Result<()> {
    let indent = "  ".repeat(depth);
    let mut last = 0;
    while let Some(tag) = r.next_field(&mut last)? {
        let n = tag.number;
        match tag.wire_type {
            WireType::Varint => {
                let _ = writeln!(out, "{indent}{n}: varint {}", r.read_varint()?);
            }
            WireType::Svarint => {
                let _ = writeln!(out, "{indent}{n}: svarint {}", zigzag_decode(r.read_varint()?));
            }
            WireType::Fixed32 => {
                let v = r.read_fixed32()?;
                let _ = writeln!(out, "{indent}{n}: fixed32 {v} (float {})", f32::from_bits(v));
            }
            WireType::Fixed64 => {
                let v = r.read_fixed64()?;
                let _ = writeln!(out, "{indent}{n}: fixed64 {v} (float {})", f64::from_bits(v));
            }
            WireType::Bytes => {
                let payload = r.read_len_delimited(Limit::BytesLen)?;
                bytes_field(&format!("{indent}{n}: "), payload, depth, max_nesting, r.options(), out);
            }
            WireType::TypeRef => {
                let type_id = r.read_varint()?;
                let payload = r.read_len_delimited(Limit::BytesLen)?;
                let _ = writeln!(out, "{indent}{n}: typeref {type_id} {{");
                nested(payload, depth + 1, max_nesting, r.options(), out);
                let _ = writeln!(out, "{indent}}}");
            }
        }
    }
    Ok(())
}

/// How deep nested messages are shown; deeper payloads are printed as hex (bounds work and stack on hostile
/// input: each level is parsed once, so inspecting is O(length x this depth)).
const MAX_NESTING: usize = 32;

/// Shows a BYTES payload as text when it is printable UTF-8, as a nested message when it parses as one, and
/// as hex otherwise.
fn bytes_field(
    prefix: &str,
    payload: &[u8],
    depth: usize,
    max_nesting: usize,
    options: &DecodeOptions,
    out: &mut String,
) {
    if let Ok(text) = std::str::from_utf8(payload) {
        if text.chars().all(|c| !c.is_control() || c == '\n' || c == '\t') {
            let _ = writeln!(out, "{prefix}string {text:?}");
            return;
        }
    }
    match parse_nested(payload, depth + 1, max_nesting, options) {
        Some(nested_out) => {
            let _ = writeln!(out, "{prefix}message {{");
            out.push_str(&nested_out);
            let _ = writeln!(out, "{}}}", "  ".repeat(depth));
        }
        None => {
            let _ = writeln!(out, "{prefix}bytes {}", hex(payload));
        }
    }
}

/// The field tree of `payload` at `depth`, or `None` when it is not a message (or nests too deep).
fn parse_nested(payload: &[u8], depth: usize, max_nesting: usize, options: &DecodeOptions) -> Option<String> {
    if depth > max_nesting {
        return None;
    }
    let mut r = Reader::new(payload, options).ok()?;
    let mut out = String::new();
    fields(&mut r, depth, max_nesting, &mut out).ok()?;
    Some(out)
}

fn nested(payload: &[u8], depth: usize, max_nesting: usize, options: &DecodeOptions, out: &mut String) {
    match parse_nested(payload, depth, max_nesting, options) {
        Some(nested_out) => out.push_str(&nested_out),
        None => {
            let _ = writeln!(out, "{}bytes {}", "  ".repeat(depth), hex(payload));
        }
    }
}
