//! The dynamic codec: encode and decode any message of a loaded schema without generated code.
//!
//! It holds no field-kind rules of its own. Decoding describes each schema kind to the runtime's field loops
//! (plain, optional, required, list, fixed-length list and map fields, the same code derived types run), so
//! limits, strict mode, canonical rules and errors — kind, offset and path — are those of generated code.
//! Encoding checks the values first (kinds, ranges, interface members, list lengths), then writes them through
//! the same field-kind rules (`WriteValue`), so its bytes are the generated types' bytes for the same values
//! (tested against them).

mod encode;

pub use encode::encode;
use encode::is_default;

use crate::model::*;
use cramberry::__private::dynamic::{
    check_exactly, missing, read_elements, read_entries, read_nested, read_number, read_one, read_plain,
    read_type_id, reject_all_default_if_canonical, unknown_type_id, AtMost, MapInsert, MapKey, ReadValue,
    Reader, Shape, Tag,
};
use cramberry::{DecodeError, DecodeOptions, ScalarError, ScalarValue};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

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

impl Value {
    /// The value as a scalar, if it is one.
    fn as_scalar(&self) -> Option<ScalarValue<'_>> {
        Some(match self {
            Value::Bool(b) => ScalarValue::Bool(*b),
            Value::Int(i) => ScalarValue::Int(*i),
            Value::Uint(u) => ScalarValue::Uint(*u),
            Value::F32(f) => ScalarValue::F32(*f),
            Value::F64(f) => ScalarValue::F64(*f),
            Value::String(s) => ScalarValue::Str(s),
            Value::Bytes(b) => ScalarValue::Bytes(b),
            _ => return None,
        })
    }

    /// The owned value of a scalar.
    fn from_scalar(v: ScalarValue<'_>) -> Value {
        match v {
            ScalarValue::Bool(b) => Value::Bool(b),
            ScalarValue::Int(i) => Value::Int(i),
            ScalarValue::Uint(u) => Value::Uint(u),
            ScalarValue::F32(f) => Value::F32(f),
            ScalarValue::F64(f) => Value::F64(f),
            ScalarValue::Str(s) => Value::String(s.to_string()),
            ScalarValue::Bytes(b) => Value::Bytes(b.to_vec()),
        }
    }

    /// What the value is, for errors.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Bool(_) => "a bool",
            Value::Int(_) => "a signed integer",
            Value::Uint(_) => "an unsigned integer",
            Value::F32(_) => "a float32",
            Value::F64(_) => "a float64",
            Value::String(_) => "a string",
            Value::Bytes(_) => "bytes",
            Value::Enum(_) => "an enum value",
            Value::Message(_) => "a message",
            Value::Interface(_) => "an interface value",
            Value::List(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// Map keys compare by wire value, as for every front end: integers and enum numbers by value, strings and
/// bytes bytewise, `false` before `true`.
impl MapKey for Value {
    fn wire_cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Value::Bool(a), Value::Bool(b)) => a.wire_cmp(b),
            (Value::Int(a), Value::Int(b)) => a.wire_cmp(b),
            (Value::Uint(a), Value::Uint(b)) => a.wire_cmp(b),
            (Value::Enum(a), Value::Enum(b)) => a.wire_cmp(b),
            (Value::String(a), Value::String(b)) => a.wire_cmp(b),
            (Value::Bytes(a), Value::Bytes(b)) => a.wire_cmp(b),
            // Keys of one map have one kind; anything else is ordered but never compared in practice.
            (a, b) => a.kind_name().cmp(b.kind_name()),
        }
    }
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

/// Why a dynamic value cannot be encoded: what, and where (`Order.fills[2].venue`).
#[derive(Clone, Debug, PartialEq)]
pub struct EncodeError {
    /// The path to the value, outermost first.
    pub path: String,
    /// What is wrong with it.
    pub kind: EncodeErrorKind,
}

/// What is wrong with a value that cannot be encoded.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EncodeErrorKind {
    /// The message has no field with this number.
    NoSuchField(u32),
    /// The value does not fit the field's type.
    Mismatch {
        /// The field's type, as the schema names it.
        expected: String,
        /// What the value is.
        found: &'static str,
    },
    /// An integer is out of range for the field's type.
    OutOfRange {
        /// The value.
        value: i128,
        /// The field's type, as the schema names it.
        kind: &'static str,
    },
    /// A message that is not a member of the interface the field holds.
    NotAMember {
        /// The message.
        message: String,
        /// The interface.
        interface: String,
    },
    /// A fixed-length list of the wrong length.
    ArrayLength {
        /// The list's length in the schema.
        expected: u64,
        /// The value's.
        found: usize,
    },
}

impl fmt::Display for EncodeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeErrorKind::NoSuchField(n) => write!(f, "no field {n}"),
            EncodeErrorKind::Mismatch { expected, found } => write!(f, "expected {expected}, found {found}"),
            EncodeErrorKind::OutOfRange { value, kind } => write!(f, "{value} is out of range for {kind}"),
            EncodeErrorKind::NotAMember { message, interface } => {
                write!(f, "`{message}` is not a member of `{interface}`")
            }
            EncodeErrorKind::ArrayLength { expected, found } => {
                write!(f, "expected {expected} elements, found {found}")
            }
        }
    }
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "cannot encode: {}", self.kind)
        } else {
            write!(f, "cannot encode {}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for EncodeError {}

impl EncodeError {
    fn new(kind: EncodeErrorKind) -> Self {
        EncodeError { path: String::new(), kind }
    }

    /// Prefixes the path with `segment` (`Order.fills` or `[2]`) as the error travels outwards.
    fn within(mut self, segment: &str) -> Self {
        self.path = prefixed_path(segment, &self.path);
        self
    }

    fn scalar(e: ScalarError, schema: &Schema, kind: Kind, v: &Value) -> Self {
        EncodeError::new(match e {
            ScalarError::OutOfRange { value, kind } => {
                EncodeErrorKind::OutOfRange { value, kind: kind.schema_name() }
            }
            _ => mismatch(schema, kind, v),
        })
    }
}

/// `segment` then `path`, joined with a dot unless `path` is empty or starts with an index: the paths of
/// encoding and JSON errors (`Order.fills[2].venue`).
pub(crate) fn prefixed_path(segment: &str, path: &str) -> String {
    let joiner = if path.is_empty() || path.starts_with('[') { "" } else { "." };
    format!("{segment}{joiner}{path}")
}

fn mismatch(schema: &Schema, kind: Kind, v: &Value) -> EncodeErrorKind {
    EncodeErrorKind::Mismatch { expected: schema.kind_name(kind), found: v.kind_name() }
}

/// The default value of a kind (what an absent plain field holds).
pub fn default_value(schema: &Schema, kind: Kind) -> Value {
    match kind {
        Kind::Scalar(s) => Value::from_scalar(s.default_value()),
        Kind::Enum(_) => Value::Enum(0),
        Kind::Message(m) => Value::Message(DynMessage::new(m)),
        Kind::Interface(i) => Value::Interface(Box::new(DynMessage::new(schema.interfaces[i].members[0].1))),
    }
}

// ---------------------------------------------------------------------------------------------- decoding

/// Decodes a message of type `message` from `bytes` with exactly the checks of generated code: the same
/// value, or the same error kind, offset and path (field names as the schema spells them).
pub fn decode(
    schema: &Schema,
    message: usize,
    bytes: &[u8],
    options: &DecodeOptions,
) -> Result<DynMessage, DecodeError> {
    Reader::new(bytes, options)
        .and_then(|mut r| decode_fields(schema, message, &mut r))
        .map_err(|e| e.in_message(schema.messages[message].name.clone()))
}

/// A schema kind described to the runtime's field loops.
struct Described<'s> {
    schema: &'s Schema,
    kind: Kind,
}

impl<'de> ReadValue<'de> for Described<'_> {
    type Out = Value;

    fn shape(&self) -> Shape {
        self.kind.shape()
    }

    fn empty(&self) -> Value {
        default_value(self.schema, self.kind)
    }

    fn read(&self, r: &mut Reader<'de>) -> cramberry::Result<Value> {
        let schema = self.schema;
        Ok(match self.kind {
            Kind::Scalar(s) => Value::from_scalar(s.read(r)?),
            Kind::Enum(e) => {
                let def = &schema.enums[e];
                // As generated code: an enum without a value 0 keeps unknown numbers (`Unrecognized`).
                let open = !def.values.iter().any(|v| v.number == 0);
                Value::Enum(read_number(r, |n| {
                    (open || def.values.iter().any(|v| v.number == n)).then_some(n)
                })?)
            }
            Kind::Message(m) => Value::Message(read_nested(r, |r| decode_fields(schema, m, r))?),
            Kind::Interface(i) => {
                let (type_id, at) = read_type_id(r)?;
                let def = &schema.interfaces[i];
                let Some(&(_, m, _)) = def.members.iter().find(|(id, _, _)| *id == type_id) else {
                    return Err(unknown_type_id(type_id, at));
                };
                // Like generated code, the path names the member (the interface enum's variant).
                let member = read_nested(r, |r| decode_fields(schema, m, r))
                    .map_err(|e| e.in_named_field(def.name.clone(), schema.messages[m].name.clone()))?;
                Value::Interface(Box::new(member))
            }
        })
    }

    /// The loops ask only in canonical mode, where a decoded message encodes to nothing exactly when it has
    /// no fields (any field present would be written: a default one is rejected), so nothing is re-encoded.
    fn is_default(&self, value: &Value) -> bool {
        match (self.kind, value) {
            (Kind::Message(_), Value::Message(m)) => m.fields.is_empty(),
            (Kind::Interface(i), Value::Interface(m)) => {
                self.schema.interfaces[i].members[0].1 == m.message && m.fields.is_empty()
            }
            (kind, v) => is_default(self.schema, kind, v).unwrap_or(false),
        }
    }

    fn run_is_valid(&self, run: &[u8]) -> bool {
        matches!(self.kind, Kind::Scalar(s) if s.run_is_valid(run))
    }
}

/// A dynamic map's entries as the runtime's map loop fills them: a key seen before keeps its last value.
struct Entries<'m>(&'m mut Vec<(Value, Value)>);

impl MapInsert<Value, Value> for Entries<'_> {
    fn insert_entry(&mut self, key: Value, value: Value) {
        match self.0.iter_mut().find(|(k, _)| k.wire_cmp(&key) == Ordering::Equal) {
            Some(entry) => entry.1 = value,
            None => self.0.push((key, value)),
        }
    }
}

/// Reads the fields of message `message` (its bytes are `r`'s current message), like generated `merge_fields`.
fn decode_fields(schema: &Schema, message: usize, r: &mut Reader<'_>) -> cramberry::Result<DynMessage> {
    let def = &schema.messages[message];
    let mut out = DynMessage::new(message);
    let mut map_entries = BTreeMap::new();
    let mut last = 0;
    while let Some(tag) = r.next_field(&mut last)? {
        let Some(f) = def.field(tag.number) else {
            r.skip_unknown(&tag)?;
            continue;
        };
        let mut unused = 0;
        let entries = match f.label {
            Label::Map(_) => map_entries.entry(f.number).or_insert(0),
            _ => &mut unused,
        };
        decode_field(schema, f, &tag, r, &mut out, entries)
            .map_err(|e| e.in_named_field(def.name.clone(), f.name.clone()))?;
    }
    for f in def.fields.iter().filter(|f| f.label == Label::Required) {
        if !out.fields.contains_key(&f.number) {
            return Err(missing(r, def.name.clone(), f.name.clone()));
        }
    }
    Ok(out)
}

/// Reads one occurrence of field `f` (its tag was just read) with the runtime's loop for its label;
/// `map_entries` counts a map field's entries on the wire so far.
fn decode_field(
    schema: &Schema,
    f: &FieldDef,
    tag: &Tag,
    r: &mut Reader<'_>,
    out: &mut DynMessage,
    map_entries: &mut usize,
) -> cramberry::Result<()> {
    let value = Described { schema, kind: f.kind };
    match f.label {
        Label::Plain if f.is_plain_interface() => {
            out.fields.insert(f.number, read_one(&value, tag, r)?);
        }
        Label::Plain => {
            let slot = out.fields.entry(f.number).or_insert_with(|| value.empty());
            read_plain(&value, slot, tag, r)?;
        }
        Label::Optional | Label::Required => {
            out.fields.insert(f.number, read_one(&value, tag, r)?);
        }
        Label::Repeated => {
            let Value::List(items) = out.fields.entry(f.number).or_insert_with(|| Value::List(Vec::new()))
            else {
                unreachable!("list fields hold lists")
            };
            read_elements(&value, tag, r, items)?;
        }
        Label::Array(n) => {
            // Each occurrence holds exactly `n` elements and replaces the previous one.
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            let mut items = Vec::new();
            read_elements(&value, tag, r, &mut AtMost { vec: &mut items, n })?;
            check_exactly(n, items.len(), r, tag)?;
            reject_all_default_if_canonical(|| items.iter().all(|v| value.is_default(v)), r, tag)?;
            out.fields.insert(f.number, Value::List(items));
        }
        Label::Map(key_kind) => {
            let Value::Map(entries) = out.fields.entry(f.number).or_insert_with(|| Value::Map(Vec::new()))
            else {
                unreachable!("map fields hold maps")
            };
            let key = Described { schema, kind: key_kind };
            read_entries(&key, &value, tag, r, &mut Entries(entries), map_entries)?;
        }
    }
    Ok(())
}
