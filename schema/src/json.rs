//! JSON for dynamic messages: the schema's field names, enum values by name, bytes as base64, maps as
//! objects (keys as strings), interface values as `{"MessageName": {...}}`, non-finite floats as strings.

use crate::dynamic::{default_value, DynMessage, Value};
use crate::model::*;
use base64::Engine;
use cramberry::ScalarValue;
use serde_json::{json, Map, Value as Json};

/// Why JSON does not match the schema: what, and where (`Order.fills[2].venue`).
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError {
    /// The path to the value, outermost first (empty for the top-level value).
    pub path: String,
    /// What is wrong with it.
    pub kind: JsonErrorKind,
}

/// What is wrong with a JSON value.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The value has the wrong JSON type.
    Expected {
        /// What the schema needs there (`an integer`, `an object`, ...).
        expected: &'static str,
        /// What the JSON holds.
        found: &'static str,
    },
    /// A number that does not fit the field's integer type.
    OutOfRange {
        /// The number as written.
        value: String,
        /// The field's type, as the schema names it.
        kind: String,
    },
    /// An object member the message does not have.
    NoSuchField {
        /// The message.
        message: String,
        /// The member's name.
        field: String,
        /// The message's fields.
        known: Vec<String>,
    },
    /// A name that is not a value of the enum.
    NoSuchEnumValue {
        /// The enum.
        enumeration: String,
        /// The name.
        name: String,
        /// The enum's values.
        known: Vec<String>,
    },
    /// An interface value naming a message that is not a member.
    NotAMember {
        /// The interface.
        interface: String,
        /// The name.
        name: String,
    },
    /// An interface value that is not an object with exactly one member name.
    InterfaceShape {
        /// The interface.
        interface: String,
    },
    /// A bytes value that is not base64.
    InvalidBase64(String),
    /// A map key that is not a number, for a map with integer keys.
    InvalidMapKey(String),
}

impl std::fmt::Display for JsonErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JsonErrorKind::Expected { expected, found } => write!(f, "expected {expected}, found {found}"),
            JsonErrorKind::OutOfRange { value, kind } => write!(f, "{value} is out of range for {kind}"),
            JsonErrorKind::NoSuchField { message, field, known } => {
                write!(f, "`{message}` has no field `{field}` (fields: {})", known.join(", "))
            }
            JsonErrorKind::NoSuchEnumValue { enumeration, name, known } => {
                write!(f, "`{name}` is not a value of `{enumeration}` ({})", known.join(", "))
            }
            JsonErrorKind::NotAMember { interface, name } => {
                write!(f, "`{name}` is not a member of `{interface}`")
            }
            JsonErrorKind::InterfaceShape { interface } => {
                write!(f, "an `{interface}` value is an object with exactly one member name")
            }
            JsonErrorKind::InvalidBase64(e) => write!(f, "invalid base64: {e}"),
            JsonErrorKind::InvalidMapKey(key) => write!(f, "map key `{key}` is not a number"),
        }
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    fn new(kind: JsonErrorKind) -> Self {
        JsonError { path: String::new(), kind }
    }

    /// Prefixes the path with `segment` (`Order.fills` or `[2]`) as the error travels outwards.
    fn within(mut self, segment: &str) -> Self {
        self.path = crate::dynamic::prefixed_path(segment, &self.path);
        self
    }
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The JSON of a message: plain and required fields always (defaults included), optional ones when present.
pub fn to_json(schema: &Schema, message: &DynMessage) -> Json {
    let def = &schema.messages[message.message];
    let mut object = Map::new();
    for f in &def.fields {
        let value = match (message.fields.get(&f.number), f.label) {
            (Some(v), _) => v.clone(),
            (None, Label::Optional) => continue,
            (None, Label::Plain) if f.is_plain_interface() => continue,

            (None, Label::Repeated | Label::Array(_)) => Value::List(Vec::new()),
            (None, Label::Map(_)) => Value::Map(Vec::new()),
            (None, _) => default_value(schema, f.kind),
        };
        let json = match (&value, f.label) {
            (Value::List(items), Label::Array(n)) if items.is_empty() => Json::Array(
                (0..n).map(|_| value_to_json(schema, f.kind, &default_value(schema, f.kind))).collect(),
            ),
            (Value::List(items), _) => {
                Json::Array(items.iter().map(|v| value_to_json(schema, f.kind, v)).collect())
            }
            (Value::Map(entries), Label::Map(key_kind)) => {
                let mut map = Map::new();
                for (k, v) in entries {
                    map.insert(key_to_string(schema, key_kind, k), value_to_json(schema, f.kind, v));
                }
                Json::Object(map)
            }
            (v, _) => value_to_json(schema, f.kind, v),
        };
        object.insert(f.name.clone(), json);
    }
    Json::Object(object)
}

fn key_to_string(schema: &Schema, kind: Kind, key: &Value) -> String {
    match value_to_json(schema, kind, key) {
        Json::String(s) => s,
        other => other.to_string(),
    }
}

fn float_json(f: f64) -> Json {
    if f.is_finite() {
        json!(f)
    } else if f.is_nan() {
        json!("NaN")
    } else if f > 0.0 {
        json!("Infinity")
    } else {
        json!("-Infinity")
    }
}

fn value_to_json(schema: &Schema, kind: Kind, v: &Value) -> Json {
    match v {
        Value::Bool(b) => json!(b),
        Value::Int(i) => json!(i),
        Value::Uint(u) => json!(u),
        Value::F32(f) => float_json(f64::from(*f)),
        Value::F64(f) => float_json(*f),
        Value::String(s) => json!(s),
        Value::Bytes(b) => json!(B64.encode(b)),
        Value::Enum(n) => match kind {
            Kind::Enum(e) => {
                schema.enums[e].values.iter().find(|x| x.number == *n).map_or(json!(n), |x| json!(x.name))
            }
            _ => json!(n),
        },
        Value::Message(m) => to_json(schema, m),
        Value::Interface(m) => {
            let mut object = Map::new();
            object.insert(schema.messages[m.message].name.clone(), to_json(schema, m));
            Json::Object(object)
        }
        Value::List(items) => Json::Array(items.iter().map(|x| value_to_json(schema, kind, x)).collect()),
        Value::Map(entries) => Json::Array(
            entries
                .iter()
                .map(|(k, x)| json!([value_to_json(schema, kind, k), value_to_json(schema, kind, x)]))
                .collect(),
        ),
    }
}

/// A message of type `message` from JSON. Unknown field names, wrong types and out-of-range numbers are
/// errors that name the field.
pub fn from_json(schema: &Schema, message: usize, json: &Json) -> Result<DynMessage, JsonError> {
    message_from_json(schema, message, json).map_err(|e| e.within(&schema.messages[message].name))
}

/// [`from_json`] with error paths relative to the message (`fills[2].venue`).
fn message_from_json(schema: &Schema, message: usize, json: &Json) -> Result<DynMessage, JsonError> {
    let def = &schema.messages[message];
    let Json::Object(object) = json else {
        return Err(expected("an object", json));
    };
    let mut out = DynMessage::new(message);
    for (name, value) in object {
        let Some(f) = def.fields.iter().find(|f| &f.name == name) else {
            return Err(JsonError::new(JsonErrorKind::NoSuchField {
                message: def.name.clone(),
                field: name.clone(),
                known: def.fields.iter().map(|f| f.name.clone()).collect(),
            }));
        };
        let at = |e: JsonError| e.within(&f.name);
        if value.is_null() {
            continue;
        }
        let parsed = match f.label {
            Label::Repeated | Label::Array(_) => {
                let Json::Array(items) = value else {
                    return Err(at(expected("an array", value)));
                };
                let list = items.iter().enumerate().map(|(i, x)| {
                    value_from_json(schema, f.kind, x).map_err(|e| e.within(&format!("[{i}]")))
                });
                Value::List(list.collect::<Result<_, _>>().map_err(at)?)
            }
            Label::Map(key_kind) => {
                let Json::Object(entries) = value else {
                    return Err(at(expected("an object", value)));
                };
                let mut map = Vec::new();
                for (k, v) in entries {
                    let in_entry = |e: JsonError| at(e.within(&format!("[{k:?}]")));
                    map.push((
                        key_from_string(schema, key_kind, k).map_err(in_entry)?,
                        value_from_json(schema, f.kind, v).map_err(in_entry)?,
                    ));
                }
                Value::Map(map)
            }
            _ => value_from_json(schema, f.kind, value).map_err(at)?,
        };
        out.fields.insert(f.number, parsed);
    }
    Ok(out)
}

fn key_from_string(schema: &Schema, kind: Kind, key: &str) -> Result<Value, JsonError> {
    let json = match kind {
        Kind::Scalar(Scalar::String) | Kind::Enum(_) => json!(key),
        Kind::Scalar(Scalar::Bool) => json!(key == "true"),
        _ => serde_json::from_str(key)
            .map_err(|_| JsonError::new(JsonErrorKind::InvalidMapKey(key.to_string())))?,
    };
    value_from_json(schema, kind, &json)
}

fn kind_of(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a bool",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

fn float_from_json(json: &Json) -> Option<f64> {
    match json {
        Json::Number(n) => n.as_f64(),
        Json::String(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// The error for `json` where the schema needs `what`.
fn expected(what: &'static str, json: &Json) -> JsonError {
    JsonError::new(JsonErrorKind::Expected { expected: what, found: kind_of(json) })
}

/// An integer of `kind` from JSON: a JSON integer, range-checked by the runtime's scalar table.
fn integer_from_json(kind: Scalar, json: &Json) -> Result<Value, JsonError> {
    let Json::Number(n) = json else {
        return Err(expected("an integer", json));
    };
    if n.is_f64() {
        return Err(expected("an integer", json));
    }
    let out_of_range = || {
        JsonError::new(JsonErrorKind::OutOfRange {
            value: n.to_string(),
            kind: kind.schema_name().to_string(),
        })
    };
    let (value, scalar) = if kind.is_signed_integer() {
        let i = n.as_i64().ok_or_else(out_of_range)?;
        (Value::Int(i), ScalarValue::Int(i))
    } else {
        let u = n.as_u64().ok_or_else(out_of_range)?;
        (Value::Uint(u), ScalarValue::Uint(u))
    };
    kind.check(scalar).map_err(|_| out_of_range())?;
    Ok(value)
}

fn value_from_json(schema: &Schema, kind: Kind, json: &Json) -> Result<Value, JsonError> {
    let expected = |what: &'static str| expected(what, json);
    Ok(match kind {
        Kind::Scalar(Scalar::Bool) => Value::Bool(json.as_bool().ok_or_else(|| expected("a bool"))?),
        Kind::Scalar(Scalar::F32) => {
            Value::F32(float_from_json(json).ok_or_else(|| expected("a number"))? as f32)
        }
        Kind::Scalar(Scalar::F64) => Value::F64(float_from_json(json).ok_or_else(|| expected("a number"))?),
        Kind::Scalar(Scalar::String) => {
            Value::String(json.as_str().ok_or_else(|| expected("a string"))?.to_string())
        }
        Kind::Scalar(Scalar::Bytes) => {
            let text = json.as_str().ok_or_else(|| expected("a base64 string"))?;
            Value::Bytes(
                B64.decode(text).map_err(|e| JsonError::new(JsonErrorKind::InvalidBase64(e.to_string())))?,
            )
        }
        // Every other scalar is an integer.
        Kind::Scalar(s) => integer_from_json(s, json)?,
        Kind::Enum(e) => {
            let def = &schema.enums[e];
            match json {
                Json::String(name) => Value::Enum(
                    def.values.iter().find(|v| &v.name == name).map(|v| v.number).ok_or_else(|| {
                        JsonError::new(JsonErrorKind::NoSuchEnumValue {
                            enumeration: def.name.clone(),
                            name: name.clone(),
                            known: def.values.iter().map(|v| v.name.clone()).collect(),
                        })
                    })?,
                ),
                Json::Number(n) => Value::Enum(
                    n.as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| expected("an enum number"))?,
                ),
                _ => return Err(expected("an enum value name")),
            }
        }
        Kind::Message(m) => Value::Message(message_from_json(schema, m, json)?),
        Kind::Interface(i) => {
            let def = &schema.interfaces[i];
            let Json::Object(object) = json else {
                return Err(expected("an object like {\"Member\": {...}}"));
            };
            let (Some((name, inner)), 1) = (object.iter().next(), object.len()) else {
                return Err(JsonError::new(JsonErrorKind::InterfaceShape { interface: def.name.clone() }));
            };
            let Some(&(_, m, _)) = def.members.iter().find(|(_, m, _)| &schema.messages[*m].name == name)
            else {
                return Err(JsonError::new(JsonErrorKind::NotAMember {
                    interface: def.name.clone(),
                    name: name.clone(),
                }));
            };
            Value::Interface(Box::new(message_from_json(schema, m, inner).map_err(|e| e.within(name))?))
        }
    })
}
