//! The dynamic codec: encode and decode any message of a loaded schema without generated code. Its bytes are
//! the derived code's bytes for the same values (tested against the generated types).

use crate::model::*;
use cramberry::decode::{Reader, Tag};
use cramberry::wire::{
    canonical_f32_bits, canonical_f64_bits, encode_varint, make_tag, zigzag_decode, zigzag_encode, WireType,
};
use cramberry::{CanonicalRule, DecodeError, DecodeErrorKind, DecodeOptions};
use std::collections::BTreeMap;

/// A value of any schema type.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `bool`
    Bool(bool),
    /// Signed integers (`int8`..`int64`, `sfixed32`, `sfixed64`).
    Int(i64),
    /// Unsigned integers (`uint8`..`uint64`, `fixed32`, `fixed64`).
    Uint(u64),
    /// `float32`
    F32(f32),
    /// `float64`
    F64(f64),
    /// `string`
    String(String),
    /// `bytes`
    Bytes(Vec<u8>),
    /// An enum value's number.
    Enum(u32),
    /// A nested message.
    Message(DynMessage),
    /// An interface value: the concrete message (its type id follows from its type).
    Interface(Box<DynMessage>),
    /// A list (repeated or fixed-length).
    List(Vec<Value>),
    /// A map's entries.
    Map(Vec<(Value, Value)>),
}

/// A message of a schema: which one, and its present fields by number.
#[derive(Clone, Debug, PartialEq)]
pub struct DynMessage {
    /// Index into [`Schema::messages`].
    pub message: usize,
    /// Present fields by number (an absent plain field is its default).
    pub fields: BTreeMap<u32, Value>,
}

impl DynMessage {
    /// A message of type `message` with no fields set.
    pub fn new(message: usize) -> Self {
        DynMessage { message, fields: BTreeMap::new() }
    }
}

/// Why a dynamic value cannot be encoded.
#[derive(Clone, Debug, PartialEq)]
pub struct EncodeError(pub String);

impl std::fmt::Display for EncodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EncodeError {}

/// Encodes `message` exactly as the derived type would.
pub fn encode(schema: &Schema, message: &DynMessage) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::new();
    encode_fields(schema, message, &mut out)?;
    Ok(out)
}

fn put_varint(out: &mut Vec<u8>, value: u64) {
    let mut buf = [0u8; 10];
    let n = encode_varint(value, &mut buf);
    out.extend_from_slice(&buf[..n]);
}

fn put_tag(out: &mut Vec<u8>, number: u32, wire_type: WireType) {
    put_varint(out, make_tag(number, wire_type));
}

fn put_delimited(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn encode_fields(schema: &Schema, message: &DynMessage, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    let def = &schema.messages[message.message];
    if let Some(n) = message.fields.keys().find(|n| def.field(**n).is_none()) {
        return Err(EncodeError(format!("`{}` has no field {n}", def.name)));
    }
    let mut fields: Vec<&FieldDef> = def.fields.iter().collect();
    fields.sort_by_key(|f| f.number);
    for f in fields {
        let value = message.fields.get(&f.number);
        let err = |e: EncodeError| EncodeError(format!("{}.{}: {}", def.name, f.name, e.0));
        match (f.label, value) {
            // A plain interface field is nil when absent and written whenever present (`Option` in Rust).
            (Label::Plain, Some(v)) if matches!(f.kind, Kind::Interface(_)) => {
                put_tag(out, f.number, f.kind.wire_type());
                encode_value(schema, f.kind, v, out).map_err(err)?;
            }
            (Label::Plain, Some(v)) => {
                let mut payload = Vec::new();
                encode_value(schema, f.kind, v, &mut payload).map_err(err)?;
                if !is_default_encoding(f.kind, v, &payload) {
                    put_tag(out, f.number, f.kind.wire_type());
                    out.extend_from_slice(&payload);
                }
            }
            (Label::Optional, Some(v)) | (Label::Required, Some(v)) => {
                put_tag(out, f.number, f.kind.wire_type());
                encode_value(schema, f.kind, v, out).map_err(err)?;
            }
            (Label::Required, None) => {
                put_tag(out, f.number, f.kind.wire_type());
                encode_value(schema, f.kind, &default_value(schema, f.kind), out).map_err(err)?;
            }
            (Label::Repeated, Some(Value::List(items))) => encode_list(schema, f, items, out).map_err(err)?,
            (Label::Array(n), Some(Value::List(items))) => {
                if items.len() as u64 != n {
                    return Err(err(EncodeError(format!("expected {n} elements, found {}", items.len()))));
                }
                let all_default = items.iter().all(|v| {
                    let mut p = Vec::new();
                    encode_value(schema, f.kind, v, &mut p).is_ok() && is_default_encoding(f.kind, v, &p)
                });
                if !all_default {
                    encode_list(schema, f, items, out).map_err(err)?;
                }
            }
            (Label::Map(key_kind), Some(Value::Map(entries))) => {
                let mut encoded = Vec::new();
                for (k, v) in entries {
                    let mut key = Vec::new();
                    encode_plain(schema, 1, key_kind, k, &mut key).map_err(err)?;
                    let mut body = key.clone();
                    encode_plain(schema, 2, f.kind, v, &mut body).map_err(err)?;
                    encoded.push((sort_key(k), body));
                }
                encoded.sort_by(|a, b| a.0.cmp(&b.0));
                encoded.dedup_by(|later, earlier| later.0 == earlier.0);
                for (_, body) in encoded {
                    put_tag(out, f.number, WireType::Bytes);
                    put_delimited(out, &body);
                }
            }
            (Label::Repeated | Label::Array(_), Some(_)) => {
                return Err(err(EncodeError("expected a list".into())))
            }
            (Label::Map(_), Some(_)) => return Err(err(EncodeError("expected a map".into()))),
            (_, None) => {}
        }
    }
    Ok(())
}

/// Map keys in the encoder's order: integers by value, strings bytewise, false before true.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Int(i128),
    Bytes(Vec<u8>),
}

fn sort_key(v: &Value) -> SortKey {
    match v {
        Value::Bool(b) => SortKey::Int(i128::from(*b)),
        Value::Int(i) => SortKey::Int(i128::from(*i)),
        Value::Uint(u) => SortKey::Int(i128::from(*u)),
        Value::Enum(e) => SortKey::Int(i128::from(*e)),
        Value::String(s) => SortKey::Bytes(s.as_bytes().to_vec()),
        _ => SortKey::Bytes(Vec::new()),
    }
}

fn encode_plain(
    schema: &Schema,
    number: u32,
    kind: Kind,
    v: &Value,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    let mut payload = Vec::new();
    encode_value(schema, kind, v, &mut payload)?;
    if !is_default_encoding(kind, v, &payload) {
        put_tag(out, number, kind.wire_type());
        out.extend_from_slice(&payload);
    }
    Ok(())
}

fn encode_list(schema: &Schema, f: &FieldDef, items: &[Value], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    if items.is_empty() {
        return Ok(());
    }
    if f.kind.packs() {
        let mut run = Vec::new();
        for v in items {
            encode_value(schema, f.kind, v, &mut run)?;
        }
        put_tag(out, f.number, WireType::Bytes);
        put_delimited(out, &run);
    } else {
        for v in items {
            put_tag(out, f.number, f.kind.wire_type());
            encode_value(schema, f.kind, v, out)?;
        }
    }
    Ok(())
}

/// Whether a plain field's encoded value is its default (so the field is omitted).
fn is_default_encoding(kind: Kind, value: &Value, payload: &[u8]) -> bool {
    match kind {
        Kind::Interface(_) => false,
        Kind::Scalar(Scalar::F32) => matches!(value, Value::F32(f) if *f == 0.0),
        Kind::Scalar(Scalar::F64) => matches!(value, Value::F64(f) if *f == 0.0),
        // Every other kind's default encodes as a single zero byte: varint 0, empty length prefix.
        Kind::Scalar(Scalar::Fixed32 | Scalar::SFixed32) => payload == [0; 4],
        Kind::Scalar(Scalar::Fixed64 | Scalar::SFixed64) => payload == [0; 8],
        _ => payload == [0],
    }
}

fn mismatch(kind: &str, v: &Value) -> EncodeError {
    EncodeError(format!("expected {kind}, found {v:?}"))
}

fn encode_value(schema: &Schema, kind: Kind, v: &Value, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    match (kind, v) {
        (Kind::Scalar(Scalar::Bool), Value::Bool(b)) => out.push(u8::from(*b)),
        (Kind::Scalar(s @ (Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64)), Value::Uint(u)) => {
            check_range(s, i128::from(*u))?;
            put_varint(out, *u);
        }
        (Kind::Scalar(s @ (Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64)), Value::Int(i)) => {
            check_range(s, i128::from(*i))?;
            put_varint(out, zigzag_encode(*i));
        }
        (Kind::Scalar(Scalar::Fixed32), Value::Uint(u)) => {
            check_range(Scalar::U32, i128::from(*u))?;
            out.extend_from_slice(&(*u as u32).to_le_bytes());
        }
        (Kind::Scalar(Scalar::Fixed64), Value::Uint(u)) => out.extend_from_slice(&u.to_le_bytes()),
        (Kind::Scalar(Scalar::SFixed32), Value::Int(i)) => {
            check_range(Scalar::I32, i128::from(*i))?;
            out.extend_from_slice(&(*i as i32).to_le_bytes());
        }
        (Kind::Scalar(Scalar::SFixed64), Value::Int(i)) => out.extend_from_slice(&i.to_le_bytes()),
        (Kind::Scalar(Scalar::F32), Value::F32(f)) => {
            out.extend_from_slice(&canonical_f32_bits(*f).to_le_bytes())
        }
        (Kind::Scalar(Scalar::F64), Value::F64(f)) => {
            out.extend_from_slice(&canonical_f64_bits(*f).to_le_bytes())
        }
        (Kind::Scalar(Scalar::String), Value::String(s)) => put_delimited(out, s.as_bytes()),
        (Kind::Scalar(Scalar::Bytes), Value::Bytes(b)) => put_delimited(out, b),
        (Kind::Enum(_), Value::Enum(n)) => put_varint(out, u64::from(*n)),
        (Kind::Message(m), Value::Message(msg)) if msg.message == m => {
            let mut body = Vec::new();
            encode_fields(schema, msg, &mut body)?;
            put_delimited(out, &body);
        }
        (Kind::Interface(i), Value::Interface(msg)) => {
            let Some(&(type_id, _, _)) =
                schema.interfaces[i].members.iter().find(|(_, m, _)| *m == msg.message)
            else {
                let name = &schema.messages[msg.message].name;
                return Err(EncodeError(format!(
                    "`{name}` is not a member of `{}`",
                    schema.interfaces[i].name
                )));
            };
            put_varint(out, type_id);
            let mut body = Vec::new();
            encode_fields(schema, msg, &mut body)?;
            put_delimited(out, &body);
        }
        (kind, v) => return Err(mismatch(&schema.kind_name(kind), v)),
    }
    Ok(())
}

fn check_range(s: Scalar, v: i128) -> Result<(), EncodeError> {
    let (min, max): (i128, i128) = match s {
        Scalar::U8 => (0, u8::MAX.into()),
        Scalar::U16 => (0, u16::MAX.into()),
        Scalar::U32 => (0, u32::MAX.into()),
        Scalar::U64 => (0, u64::MAX.into()),
        Scalar::I8 => (i8::MIN.into(), i8::MAX.into()),
        Scalar::I16 => (i16::MIN.into(), i16::MAX.into()),
        Scalar::I32 => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    };
    if v < min || v > max {
        return Err(EncodeError(format!("{v} is out of range for {}", s.name())));
    }
    Ok(())
}

/// The default value of a kind (what an absent plain field holds).
pub fn default_value(schema: &Schema, kind: Kind) -> Value {
    match kind {
        Kind::Scalar(Scalar::Bool) => Value::Bool(false),
        Kind::Scalar(
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 | Scalar::SFixed32 | Scalar::SFixed64,
        ) => Value::Int(0),
        Kind::Scalar(Scalar::F32) => Value::F32(0.0),
        Kind::Scalar(Scalar::F64) => Value::F64(0.0),
        Kind::Scalar(Scalar::String) => Value::String(String::new()),
        Kind::Scalar(Scalar::Bytes) => Value::Bytes(Vec::new()),
        Kind::Scalar(_) => Value::Uint(0),
        Kind::Enum(_) => Value::Enum(0),
        Kind::Message(m) => Value::Message(DynMessage::new(m)),
        Kind::Interface(i) => Value::Interface(Box::new(DynMessage::new(schema.interfaces[i].members[0].1))),
    }
}

/// Decodes a message of type `message` from `bytes`, with the same checks as derived code. Under canonical
/// options the input must also be exactly what [`encode`] writes for the decoded value.
pub fn decode(
    schema: &Schema,
    message: usize,
    bytes: &[u8],
    options: &DecodeOptions,
) -> Result<DynMessage, DecodeError> {
    let mut r = Reader::new(bytes, options)?;
    let decoded = decode_fields(schema, message, &mut r)?;
    if options.is_canonical() {
        let reencoded = encode(schema, &decoded).unwrap_or_default();
        if reencoded != bytes {
            let at = reencoded
                .iter()
                .zip(bytes)
                .position(|(a, b)| a != b)
                .unwrap_or(reencoded.len().min(bytes.len()));
            return Err(DecodeError::new(DecodeErrorKind::NonCanonical(CanonicalRule::Reencoding), at));
        }
    }
    Ok(decoded)
}

fn decode_fields(schema: &Schema, message: usize, r: &mut Reader<'_>) -> Result<DynMessage, DecodeError> {
    let def = &schema.messages[message];
    let mut out = DynMessage::new(message);
    let mut last = 0;
    while let Some(tag) = r.next_field(&mut last)? {
        let Some(f) = def.field(tag.number) else {
            r.skip_unknown(&tag)?;
            continue;
        };
        decode_field(schema, f, &tag, r, &mut out).map_err(|e| e.in_field(leak(&def.name), leak(&f.name)))?;
    }
    for f in def.fields.iter().filter(|f| f.label == Label::Required) {
        if !out.fields.contains_key(&f.number) {
            return Err(DecodeError::new(DecodeErrorKind::MissingRequiredField, r.position())
                .in_field(leak(&def.name), leak(&f.name)));
        }
    }
    Ok(out)
}

/// Error paths hold `&'static str`; dynamic schemas are few and long-lived, so their names are interned.
fn leak(name: &str) -> &'static str {
    use std::sync::{Mutex, OnceLock};
    static NAMES: OnceLock<Mutex<std::collections::HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(existing) = names.get(name) {
        return existing;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

fn decode_field(
    schema: &Schema,
    f: &FieldDef,
    tag: &Tag,
    r: &mut Reader<'_>,
    out: &mut DynMessage,
) -> Result<(), DecodeError> {
    let wire = f.kind.wire_type();
    match f.label {
        Label::Plain | Label::Optional | Label::Required => {
            r.expect_wire_type(tag, wire)?;
            let v = decode_value(schema, f.kind, r)?;
            out.fields.insert(f.number, v);
        }
        Label::Repeated => {
            let occurrence = read_occurrence(schema, f, tag, r)?;
            let Value::List(items) = out.fields.entry(f.number).or_insert_with(|| Value::List(Vec::new()))
            else {
                unreachable!("list fields hold lists")
            };
            items.extend(occurrence);
        }
        Label::Array(n) => {
            // Like derived code: each occurrence holds exactly `n` elements and replaces the previous one.
            let items = read_occurrence(schema, f, tag, r)?;
            if items.len() as u64 != n {
                let kind = DecodeErrorKind::FixedLengthMismatch { expected: n as usize, found: items.len() };
                return Err(DecodeError::new(kind, tag.offset));
            }
            out.fields.insert(f.number, Value::List(items));
        }
        Label::Map(key_kind) => {
            r.expect_wire_type(tag, WireType::Bytes)?;
            loop {
                let (k, v) = decode_entry(schema, key_kind, f.kind, r)?;
                let Value::Map(entries) =
                    out.fields.entry(f.number).or_insert_with(|| Value::Map(Vec::new()))
                else {
                    unreachable!("map fields hold maps")
                };
                entries.retain(|(existing, _)| *existing != k);
                entries.push((k, v));
                if r.eat_repeat(tag).is_none() {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// Reads one occurrence of a list field: a packed run, or consecutive elements with the same tag.
fn read_occurrence(
    schema: &Schema,
    f: &FieldDef,
    tag: &Tag,
    r: &mut Reader<'_>,
) -> Result<Vec<Value>, DecodeError> {
    let mut items = Vec::new();
    if f.kind.packs() && tag.wire_type == WireType::Bytes {
        let len = r.read_len()?;
        r.within(len, |r| {
            while !r.at_end() {
                items.push(decode_value(schema, f.kind, r)?);
            }
            Ok(())
        })?;
        return Ok(items);
    }
    r.expect_wire_type(tag, f.kind.wire_type())?;
    if f.kind.packs() && r.canonical() {
        return Err(r.non_canonical(CanonicalRule::UnpackedRepeated, tag.offset));
    }
    items.push(decode_value(schema, f.kind, r)?);
    while r.eat_repeat(tag).is_some() {
        items.push(decode_value(schema, f.kind, r)?);
    }
    Ok(items)
}

fn decode_entry(
    schema: &Schema,
    key_kind: Kind,
    kind: Kind,
    r: &mut Reader<'_>,
) -> Result<(Value, Value), DecodeError> {
    let len = r.read_len()?;
    r.within(len, |r| {
        let (mut k, mut v) = (default_value(schema, key_kind), default_value(schema, kind));
        let mut last = 0;
        while let Some(t) = r.next_field(&mut last)? {
            match t.number {
                1 => {
                    r.expect_wire_type(&t, key_kind.wire_type())?;
                    k = decode_value(schema, key_kind, r)?;
                }
                2 => {
                    r.expect_wire_type(&t, kind.wire_type())?;
                    v = decode_value(schema, kind, r)?;
                }
                _ => r.skip_unknown(&t)?,
            }
        }
        Ok((k, v))
    })
}

fn decode_value(schema: &Schema, kind: Kind, r: &mut Reader<'_>) -> Result<Value, DecodeError> {
    let at = r.position();
    let out_of_range = |value: i128, target: &'static str| {
        DecodeError::new(DecodeErrorKind::IntegerOutOfRange { value, target }, at)
    };
    Ok(match kind {
        Kind::Scalar(Scalar::Bool) => match r.read_varint()? {
            0 => Value::Bool(false),
            1 => Value::Bool(true),
            other => return Err(DecodeError::new(DecodeErrorKind::InvalidBool(other), at)),
        },
        Kind::Scalar(s @ (Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64)) => {
            let v = r.read_varint()?;
            check_range(s, i128::from(v)).map_err(|_| out_of_range(v.into(), s.rust_type()))?;
            Value::Uint(v)
        }
        Kind::Scalar(s @ (Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64)) => {
            let v = zigzag_decode(r.read_varint()?);
            check_range(s, i128::from(v)).map_err(|_| out_of_range(v.into(), s.rust_type()))?;
            Value::Int(v)
        }
        Kind::Scalar(Scalar::Fixed32) => Value::Uint(u64::from(r.read_fixed32()?)),
        Kind::Scalar(Scalar::Fixed64) => Value::Uint(r.read_fixed64()?),
        Kind::Scalar(Scalar::SFixed32) => Value::Int(i64::from(r.read_fixed32()? as i32)),
        Kind::Scalar(Scalar::SFixed64) => Value::Int(r.read_fixed64()? as i64),
        Kind::Scalar(Scalar::F32) => Value::F32(f32::from_bits(r.read_fixed32()?)),
        Kind::Scalar(Scalar::F64) => Value::F64(f64::from_bits(r.read_fixed64()?)),
        Kind::Scalar(Scalar::String) => {
            let bytes = r.read_len_delimited(cramberry::Limit::StringLen)?;
            match std::str::from_utf8(bytes) {
                Ok(s) => Value::String(s.to_string()),
                Err(e) => {
                    return Err(DecodeError::new(
                        DecodeErrorKind::InvalidUtf8,
                        r.position() - bytes.len() + e.valid_up_to(),
                    ))
                }
            }
        }
        Kind::Scalar(Scalar::Bytes) => {
            Value::Bytes(r.read_len_delimited(cramberry::Limit::BytesLen)?.to_vec())
        }
        Kind::Enum(e) => {
            let v = r.read_varint()?;
            let def = &schema.enums[e];
            let has_zero = def.values.iter().any(|x| x.number == 0);
            match u32::try_from(v) {
                Ok(n) if !has_zero || def.values.iter().any(|x| x.number == n) => Value::Enum(n),
                _ => return Err(DecodeError::new(DecodeErrorKind::UnknownEnumValue(v), at)),
            }
        }
        Kind::Message(m) => {
            let len = r.read_len()?;
            Value::Message(r.nested(len, |r| decode_fields(schema, m, r))?)
        }
        Kind::Interface(i) => {
            let type_id = r.read_varint()?;
            let Some(&(_, m, _)) = schema.interfaces[i].members.iter().find(|(id, _, _)| *id == type_id)
            else {
                return Err(DecodeError::new(DecodeErrorKind::UnknownTypeId(type_id), at));
            };
            let len = r.read_len()?;
            Value::Interface(Box::new(r.nested(len, |r| decode_fields(schema, m, r))?))
        }
    })
}
