//! The field tree of any message, from the wire types alone or with a schema that names the fields
//! (`cramberry inspect [--schema FILE --message NAME]`).

use crate::model::{Kind, Label, Schema};
use cramberry::__private::dynamic::Reader;
use cramberry::wire::{zigzag_decode, WireType};
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
    tree(bytes, options, None)
}

/// [`inspect_with`] with the fields named by the schema's message `message` (an index into
/// `schema.messages`): each line shows the field's number and name, enum values their name, nested messages
/// and interface values their own fields; numbers the schema does not know are marked `(unknown)`.
///
/// ```
/// let loaded = cramberry_schema::load_str("o.cram", "enum Side { BUY = 0; SELL = 1; }\n\
///     message Order { uint64 id = 1; Side side = 2; }").unwrap();
/// let order = loaded.schema.message("Order").unwrap();
/// let options = cramberry::DecodeOptions::default();
/// let tree = cramberry_schema::inspect_schema(&loaded.schema, order, &[0x08, 0x07, 0x10, 0x01, 0x18, 0x00], &options)?;
/// assert_eq!(tree, "1 id: varint 7\n2 side: varint 1 (SELL)\n3 (unknown): varint 0\n");
/// # Ok::<(), cramberry::DecodeError>(())
/// ```
pub fn inspect_schema(
    schema: &Schema,
    message: usize,
    bytes: &[u8],
    options: &DecodeOptions,
) -> cramberry::Result<String> {
    tree(bytes, options, Some(Named { schema, message }))
}

/// The message whose fields a payload holds, when a schema says it.
#[derive(Clone, Copy)]
struct Named<'s> {
    schema: &'s Schema,
    message: usize,
}

impl<'s> Named<'s> {
    /// How a line shows the field (`3 name`, `4 (unknown)`), and what its payload is, if known.
    fn field(self, number: u32) -> (String, Option<(Kind, Label)>) {
        let m = &self.schema.messages[self.message];
        match m.fields.iter().find(|f| f.number == number) {
            Some(f) => (format!("{number} {}", f.name), Some((f.kind, f.label))),
            None => (format!("{number} (unknown)"), None),
        }
    }

    /// The message a BYTES payload of a field of `kind` / `label` holds (map entries are shown unnamed).
    fn nested(self, kind: Option<(Kind, Label)>) -> Option<Named<'s>> {
        match kind? {
            (_, Label::Map(_)) => None,
            (Kind::Message(message), _) => Some(Named { schema: self.schema, message }),
            _ => None,
        }
    }

    /// The member of an interface field with `type_id`.
    fn member(self, kind: Option<(Kind, Label)>, type_id: u64) -> Option<Named<'s>> {
        let Some((Kind::Interface(i), _)) = kind else { return None };
        let &(_, message, _) = self.schema.interfaces[i].members.iter().find(|(id, ..)| *id == type_id)?;
        Some(Named { schema: self.schema, message })
    }

    /// ` (NAME)` after a varint of an enum field.
    fn enum_name(self, kind: Option<(Kind, Label)>, value: u64) -> String {
        let Some((Kind::Enum(e), Label::Plain | Label::Required | Label::Optional)) = kind else {
            return String::new();
        };
        self.schema.enums[e]
            .values
            .iter()
            .find(|v| u64::from(v.number) == value)
            .map_or_else(String::new, |v| format!(" ({})", v.name))
    }
}

fn tree(bytes: &[u8], options: &DecodeOptions, named: Option<Named>) -> cramberry::Result<String> {
    let mut r = Reader::new(bytes, options)?;
    let mut out = String::new();
    let max_nesting = MAX_NESTING.min(options.depth_limit() as usize);
    fields(&mut r, 0, max_nesting, named, &mut out)?;
    Ok(out)
}

fn fields(
    r: &mut Reader<'_>,
    depth: usize,
    max_nesting: usize,
    named: Option<Named>,
    out: &mut String,
) -> cramberry::Result<()> {
    let indent = "  ".repeat(depth);
    let mut last = 0;
    while let Some(tag) = r.next_field(&mut last)? {
        let (n, kind) = match named {
            Some(named) => named.field(tag.number),
            None => (tag.number.to_string(), None),
        };
        match tag.wire_type {
            WireType::Varint => {
                let v = r.read_varint()?;
                let name = named.map(|named| named.enum_name(kind, v)).unwrap_or_default();
                let _ = writeln!(out, "{indent}{n}: varint {v}{name}");
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
                let inner = named.and_then(|named| named.nested(kind));
                bytes_field(&format!("{indent}{n}: "), payload, depth, max_nesting, inner, r.options(), out);
            }
            WireType::TypeRef => {
                let type_id = r.read_varint()?;
                let payload = r.read_len_delimited(Limit::BytesLen)?;
                let member = named.and_then(|named| named.member(kind, type_id));
                let shown =
                    member.map_or(String::new(), |m| format!(" ({})", m.schema.messages[m.message].name));
                let _ = writeln!(out, "{indent}{n}: typeref {type_id}{shown} {{");
                nested(payload, depth + 1, max_nesting, member, r.options(), out);
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
/// as hex otherwise. A payload the schema says is a message (`named`) is shown as one first.
fn bytes_field(
    prefix: &str,
    payload: &[u8],
    depth: usize,
    max_nesting: usize,
    named: Option<Named>,
    options: &DecodeOptions,
    out: &mut String,
) {
    if let Some(nested_out) =
        named.and_then(|_| parse_nested(payload, depth + 1, max_nesting, named, options))
    {
        let _ = writeln!(out, "{prefix}message {{");
        out.push_str(&nested_out);
        let _ = writeln!(out, "{}}}", "  ".repeat(depth));
        return;
    }
    if let Ok(text) = std::str::from_utf8(payload) {
        if text.chars().all(|c| !c.is_control() || c == '\n' || c == '\t') {
            let _ = writeln!(out, "{prefix}string {text:?}");
            return;
        }
    }
    match parse_nested(payload, depth + 1, max_nesting, None, options) {
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
fn parse_nested(
    payload: &[u8],
    depth: usize,
    max_nesting: usize,
    named: Option<Named>,
    options: &DecodeOptions,
) -> Option<String> {
    if depth > max_nesting {
        return None;
    }
    let mut r = Reader::new(payload, options).ok()?;
    let mut out = String::new();
    fields(&mut r, depth, max_nesting, named, &mut out).ok()?;
    Some(out)
}

fn nested(
    payload: &[u8],
    depth: usize,
    max_nesting: usize,
    named: Option<Named>,
    options: &DecodeOptions,
    out: &mut String,
) {
    match parse_nested(payload, depth, max_nesting, named, options) {
        Some(nested_out) => out.push_str(&nested_out),
        None => {
            let _ = writeln!(out, "{}bytes {}", "  ".repeat(depth), hex(payload));
        }
    }
}
