//! JSON for dynamic messages: the schema's field names, enum values by name, bytes as base64, maps as
//! objects (keys as strings), interface values as `{"MessageName": {...}}`, non-finite floats as strings.

use crate::dynamic::{default_value, DynMessage, Value};
use crate::model::*;
use base64::Engine;
use serde_json::{json, Map, Value as Json};

/// Why JSON does not match the schema.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError(pub String);

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for JsonError {}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The JSON of a message: plain and required fields always (defaults included), optional ones when present.
pub fn to_json(schema: &Schema, message: &DynMessage) -> Json {
    let def = &schema.messages[message.message];
    let mut object = Map::new();
    for f in &def.fields {
        let value = match (message.fields.get(&f.number), f.label) {
            (Some(v), _) => v.clone(),
            (None, Label::Optional) => continue,
            (None, Label::Plain) if matches!(f.kind, Kind::Interface(_)) => continue,

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
    let def = &schema.messages[message];
    let Json::Object(object) = json else {
        return Err(JsonError(format!("`{}`: expected a JSON object, found {}", def.name, kind_of(json))));
    };
    let mut out = DynMessage::new(message);
    for (name, value) in object {
        let Some(f) = def.fields.iter().find(|f| &f.name == name) else {
            let known: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
            return Err(JsonError(format!(
                "`{}` has no field `{name}` (fields: {})",
                def.name,
                known.join(", ")
            )));
        };
        let at = |e: JsonError| JsonError(format!("{}.{}: {}", def.name, f.name, e.0));
        if value.is_null() {
            continue;
        }
        let parsed = match f.label {
            Label::Repeated | Label::Array(_) => {
                let Json::Array(items) = value else {
                    return Err(at(JsonError(format!("expected an array, found {}", kind_of(value)))));
                };
                Value::List(
                    items
                        .iter()
                        .map(|x| value_from_json(schema, f.kind, x))
                        .collect::<Result<_, _>>()
                        .map_err(at)?,
                )
            }
            Label::Map(key_kind) => {
                let Json::Object(entries) = value else {
                    return Err(at(JsonError(format!("expected an object, found {}", kind_of(value)))));
                };
                let mut map = Vec::new();
                for (k, v) in entries {
                    map.push((
                        key_from_string(schema, key_kind, k).map_err(at)?,
                        value_from_json(schema, f.kind, v).map_err(at)?,
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
        _ => serde_json::from_str(key).map_err(|_| JsonError(format!("map key `{key}` is not a number")))?,
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

fn value_from_json(schema: &Schema, kind: Kind, json: &Json) -> Result<Value, JsonError> {
    let expected = |what: &str| JsonError(format!("expected {what}, found {}", kind_of(json)));
    Ok(match kind {
        Kind::Scalar(Scalar::Bool) => Value::Bool(json.as_bool().ok_or_else(|| expected("a bool"))?),
        Kind::Scalar(
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 | Scalar::SFixed32 | Scalar::SFixed64,
        ) => Value::Int(json.as_i64().ok_or_else(|| expected("an integer"))?),
        Kind::Scalar(Scalar::F32) => {
            Value::F32(float_from_json(json).ok_or_else(|| expected("a number"))? as f32)
        }
        Kind::Scalar(Scalar::F64) => Value::F64(float_from_json(json).ok_or_else(|| expected("a number"))?),
        Kind::Scalar(Scalar::String) => {
            Value::String(json.as_str().ok_or_else(|| expected("a string"))?.to_string())
        }
        Kind::Scalar(Scalar::Bytes) => {
            let text = json.as_str().ok_or_else(|| expected("a base64 string"))?;
            Value::Bytes(B64.decode(text).map_err(|e| JsonError(format!("invalid base64: {e}")))?)
        }
        Kind::Scalar(_) => Value::Uint(json.as_u64().ok_or_else(|| expected("a non-negative integer"))?),
        Kind::Enum(e) => {
            let def = &schema.enums[e];
            match json {
                Json::String(name) => Value::Enum(
                    def.values.iter().find(|v| &v.name == name).map(|v| v.number).ok_or_else(|| {
                        let names: Vec<&str> = def.values.iter().map(|v| v.name.as_str()).collect();
                        JsonError(format!("`{name}` is not a value of `{}` ({})", def.name, names.join(", ")))
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
        Kind::Message(m) => Value::Message(from_json(schema, m, json)?),
        Kind::Interface(i) => {
            let def = &schema.interfaces[i];
            let Json::Object(object) = json else {
                return Err(expected("an object like {\"Member\": {...}}"));
            };
            let (Some((name, inner)), 1) = (object.iter().next(), object.len()) else {
                return Err(JsonError(format!(
                    "an `{}` value is an object with exactly one member name",
                    def.name
                )));
            };
            let Some(&(_, m, _)) = def.members.iter().find(|(_, m, _)| &schema.messages[*m].name == name)
            else {
                return Err(JsonError(format!("`{name}` is not a member of `{}`", def.name)));
            };
            Value::Interface(Box::new(from_json(schema, m, inner)?))
        }
    })
}
