//! Reflection: messages of types known only at run time (gateways, recorders, tools), read and written by
//! field name or number, with the same bytes as generated code.
//!
//! ```
//! use cramberry_schema::reflect::DynamicMessage;
//! use cramberry_schema::dynamic::Value;
//!
//! let loaded = cramberry_schema::load_str("shop.cram", "message Order { uint64 id = 1; string symbol = 2; }")?;
//! let mut order = DynamicMessage::new(&loaded.schema, "Order")?;
//! order.set("id", Value::Uint(7))?;
//! order.set(2, Value::String("BTC-USD".into()))?;
//! let bytes = order.encode_to_vec()?;
//! assert_eq!(bytes, [0x08, 0x07, 0x12, 0x07, b'B', b'T', b'C', b'-', b'U', b'S', b'D']);
//!
//! let back = DynamicMessage::decode(&loaded.schema, "Order", &bytes, &Default::default())?;
//! assert_eq!(back.get("symbol")?, Some(Value::String("BTC-USD".into())));
//! assert_eq!(back.to_json()["id"], 7);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::dynamic::{self, default_value, DynMessage, EncodeError, Value};
use crate::json::{self, JsonError};
use crate::model::{FieldDef, Label, MessageDef, Schema};
use cramberry::{DecodeError, DecodeOptions};
use std::fmt;

/// A field named by its number or its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRef<'a> {
    /// By field number.
    Number(u32),
    /// By name, as the schema spells it.
    Name(&'a str),
}

impl From<u32> for FieldRef<'_> {
    fn from(n: u32) -> Self {
        FieldRef::Number(n)
    }
}

impl<'a> From<&'a str> for FieldRef<'a> {
    fn from(name: &'a str) -> Self {
        FieldRef::Name(name)
    }
}

impl fmt::Display for FieldRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldRef::Number(n) => write!(f, "number {n}"),
            FieldRef::Name(name) => write!(f, "`{name}`"),
        }
    }
}

/// Why a reflection call failed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ReflectError {
    /// The schema has no message of this name.
    NoSuchMessage {
        /// The name asked for.
        name: String,
        /// The schema's messages.
        known: Vec<String>,
    },
    /// The message has no such field.
    NoSuchField {
        /// The message.
        message: String,
        /// The field asked for.
        field: String,
    },
    /// A value that does not fit the field (wrong type, out of range, wrong length, not a member).
    InvalidValue(EncodeError),
    /// The message's bytes did not decode.
    Decode(DecodeError),
    /// The JSON does not match the message.
    Json(JsonError),
}

impl fmt::Display for ReflectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReflectError::NoSuchMessage { name, known } => {
                write!(f, "the schema has no message `{name}` (messages: {})", known.join(", "))
            }
            ReflectError::NoSuchField { message, field } => write!(f, "`{message}` has no field {field}"),
            ReflectError::InvalidValue(e) => e.fmt(f),
            ReflectError::Decode(e) => e.fmt(f),
            ReflectError::Json(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReflectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReflectError::InvalidValue(e) => Some(e),
            ReflectError::Decode(e) => Some(e),
            ReflectError::Json(e) => Some(e),
            _ => None,
        }
    }
}

impl From<EncodeError> for ReflectError {
    fn from(e: EncodeError) -> Self {
        ReflectError::InvalidValue(e)
    }
}

impl From<DecodeError> for ReflectError {
    fn from(e: DecodeError) -> Self {
        ReflectError::Decode(e)
    }
}

impl From<JsonError> for ReflectError {
    fn from(e: JsonError) -> Self {
        ReflectError::Json(e)
    }
}

/// A message of a schema, held with the schema: get and set fields by name or number, encode, decode and
/// convert to JSON. Values are checked when set, so a message always encodes.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicMessage<'s> {
    schema: &'s Schema,
    message: DynMessage,
}

impl<'s> DynamicMessage<'s> {
    /// A message of the type named `type_name` (`Order` or `package.Order`) with every field absent.
    pub fn new(schema: &'s Schema, type_name: &str) -> Result<Self, ReflectError> {
        Ok(DynamicMessage { schema, message: DynMessage::new(message_index(schema, type_name)?) })
    }

    /// Wraps a dynamic value (for example one [`dynamic::decode`] returned), checking that it encodes.
    pub fn from_dyn(schema: &'s Schema, message: DynMessage) -> Result<Self, ReflectError> {
        dynamic::encode(schema, &message)?;
        Ok(DynamicMessage { schema, message })
    }

    /// Decodes a message of type `type_name`, with exactly the checks of generated code.
    pub fn decode(
        schema: &'s Schema,
        type_name: &str,
        bytes: &[u8],
        options: &DecodeOptions,
    ) -> Result<Self, ReflectError> {
        let index = message_index(schema, type_name)?;
        Ok(DynamicMessage { schema, message: dynamic::decode(schema, index, bytes, options)? })
    }

    /// Reads a message of type `type_name` from its JSON mapping (the CLI's).
    pub fn from_json(
        schema: &'s Schema,
        type_name: &str,
        json: &serde_json::Value,
    ) -> Result<Self, ReflectError> {
        let index = message_index(schema, type_name)?;
        Self::from_dyn(schema, json::from_json(schema, index, json)?)
    }

    /// The message's definition in the schema.
    pub fn descriptor(&self) -> &'s MessageDef {
        &self.schema.messages[self.message.message]
    }

    /// The schema the message belongs to.
    pub fn schema(&self) -> &'s Schema {
        self.schema
    }

    /// The field `field` names.
    pub fn field<'f>(&self, field: impl Into<FieldRef<'f>>) -> Result<&'s FieldDef, ReflectError> {
        let def = self.descriptor();
        let field = field.into();
        let found = match field {
            FieldRef::Number(n) => def.field(n),
            FieldRef::Name(name) => def.fields.iter().find(|f| f.name == name),
        };
        found.ok_or_else(|| ReflectError::NoSuchField { message: def.name.clone(), field: field.to_string() })
    }

    /// Whether the field holds a value: set, or (for lists and maps) non-empty.
    pub fn has<'f>(&self, field: impl Into<FieldRef<'f>>) -> Result<bool, ReflectError> {
        let f = self.field(field)?;
        Ok(match self.message.fields.get(&f.number) {
            Some(Value::List(items)) => !items.is_empty(),
            Some(Value::Map(entries)) => !entries.is_empty(),
            Some(_) => true,
            None => false,
        })
    }

    /// The field's value: what is set, or what an absent field reads as — the default of a plain or required
    /// field, an empty list or map, `N` defaults for a fixed-length list — and `None` for an absent optional
    /// field (or plain interface field, which is nil when absent).
    pub fn get<'f>(&self, field: impl Into<FieldRef<'f>>) -> Result<Option<Value>, ReflectError> {
        let f = self.field(field)?;
        if let Some(v) = self.message.fields.get(&f.number) {
            return Ok(Some(v.clone()));
        }
        let schema = self.schema;
        Ok(match f.label {
            Label::Optional => None,
            Label::Plain if f.is_plain_interface() => None,
            Label::Plain | Label::Required => Some(default_value(schema, f.kind)),
            Label::Repeated => Some(Value::List(Vec::new())),
            Label::Array(n) => Some(Value::List((0..n).map(|_| default_value(schema, f.kind)).collect())),
            Label::Map(_) => Some(Value::Map(Vec::new())),
        })
    }

    /// Sets the field to `value` (a list for list fields, entries for maps), after checking that it fits
    /// the field: kind, range, length and interface membership, with the encoder's own checks.
    pub fn set<'f>(&mut self, field: impl Into<FieldRef<'f>>, value: Value) -> Result<(), ReflectError> {
        let f = self.field(field)?;
        let mut candidate = DynMessage::new(self.message.message);
        candidate.fields.insert(f.number, value);
        dynamic::encode(self.schema, &candidate)?;
        let value = candidate.fields.remove(&f.number).expect("just inserted");
        self.message.fields.insert(f.number, value);
        Ok(())
    }

    /// Clears the field: it reads as absent again.
    pub fn clear<'f>(&mut self, field: impl Into<FieldRef<'f>>) -> Result<(), ReflectError> {
        let f = self.field(field)?;
        self.message.fields.remove(&f.number);
        Ok(())
    }

    /// The encoded message: the bytes generated code writes for the same value.
    pub fn encode_to_vec(&self) -> Result<Vec<u8>, ReflectError> {
        Ok(dynamic::encode(self.schema, &self.message)?)
    }

    /// The message's JSON mapping (the CLI's).
    pub fn to_json(&self) -> serde_json::Value {
        json::to_json(self.schema, &self.message)
    }

    /// The underlying dynamic value.
    pub fn as_dyn(&self) -> &DynMessage {
        &self.message
    }

    /// The underlying dynamic value, by value.
    pub fn into_dyn(self) -> DynMessage {
        self.message
    }
}

fn message_index(schema: &Schema, name: &str) -> Result<usize, ReflectError> {
    schema.message(name).ok_or_else(|| ReflectError::NoSuchMessage {
        name: name.to_string(),
        known: schema.messages.iter().map(|m| m.name.clone()).collect(),
    })
}
