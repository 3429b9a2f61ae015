//! The resolved schema: every named type looked up, every field's wire shape known. Built by
//! [`crate::validate`]; used by the compatibility checker, the code generator and the dynamic codec.

use crate::diagnostic::Span;
use cramberry::wire::WireType;

/// Scalar types of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// `bool`
    Bool,
    /// `int8`
    I8,
    /// `int16`
    I16,
    /// `int32`
    I32,
    /// `int64`, `int`
    I64,
    /// `uint8`
    U8,
    /// `uint16`
    U16,
    /// `uint32`
    U32,
    /// `uint64`, `uint`
    U64,
    /// `float32`
    F32,
    /// `float64`
    F64,
    /// `string`
    String,
    /// `bytes`
    Bytes,
    /// `fixed32`
    Fixed32,
    /// `fixed64`
    Fixed64,
    /// `sfixed32`
    SFixed32,
    /// `sfixed64`
    SFixed64,
}

impl Scalar {
    /// The scalar with this schema name.
    pub fn from_name(name: &str) -> Option<Scalar> {
        Some(match name {
            "bool" => Scalar::Bool,
            "int8" => Scalar::I8,
            "int16" => Scalar::I16,
            "int32" => Scalar::I32,
            "int64" | "int" => Scalar::I64,
            "uint8" => Scalar::U8,
            "uint16" => Scalar::U16,
            "uint32" => Scalar::U32,
            "uint64" | "uint" => Scalar::U64,
            "float32" => Scalar::F32,
            "float64" => Scalar::F64,
            "string" => Scalar::String,
            "bytes" => Scalar::Bytes,
            "fixed32" => Scalar::Fixed32,
            "fixed64" => Scalar::Fixed64,
            "sfixed32" => Scalar::SFixed32,
            "sfixed64" => Scalar::SFixed64,
            _ => return None,
        })
    }

    /// The scalar's name in schemas (`int` and `uint` are written as `int64` and `uint64`).
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "int8",
            Scalar::I16 => "int16",
            Scalar::I32 => "int32",
            Scalar::I64 => "int64",
            Scalar::U8 => "uint8",
            Scalar::U16 => "uint16",
            Scalar::U32 => "uint32",
            Scalar::U64 => "uint64",
            Scalar::F32 => "float32",
            Scalar::F64 => "float64",
            Scalar::String => "string",
            Scalar::Bytes => "bytes",
            Scalar::Fixed32 => "fixed32",
            Scalar::Fixed64 => "fixed64",
            Scalar::SFixed32 => "sfixed32",
            Scalar::SFixed64 => "sfixed64",
        }
    }

    /// The wire type of a value of this scalar.
    pub fn wire_type(self) -> WireType {
        match self {
            Scalar::Bool | Scalar::U8 | Scalar::U16 | Scalar::U32 | Scalar::U64 => WireType::Varint,
            Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => WireType::Svarint,
            Scalar::F32 | Scalar::Fixed32 | Scalar::SFixed32 => WireType::Fixed32,
            Scalar::F64 | Scalar::Fixed64 | Scalar::SFixed64 => WireType::Fixed64,
            Scalar::String | Scalar::Bytes => WireType::Bytes,
        }
    }

    /// The Rust type the code generator uses.
    pub fn rust_type(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "i8",
            Scalar::I16 => "i16",
            Scalar::I32 | Scalar::SFixed32 => "i32",
            Scalar::I64 | Scalar::SFixed64 => "i64",
            Scalar::U8 => "u8",
            Scalar::U16 => "u16",
            Scalar::U32 | Scalar::Fixed32 => "u32",
            Scalar::U64 | Scalar::Fixed64 => "u64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::String => "String",
            Scalar::Bytes => "Vec<u8>",
        }
    }

    /// Whether the scalar uses `#[cram(N, fixed)]`.
    pub fn is_fixed_int(self) -> bool {
        matches!(self, Scalar::Fixed32 | Scalar::Fixed64 | Scalar::SFixed32 | Scalar::SFixed64)
    }
}

/// What a field's values are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A scalar.
    Scalar(Scalar),
    /// An enum, by index into [`Schema::enums`].
    Enum(usize),
    /// A message, by index into [`Schema::messages`].
    Message(usize),
    /// An interface, by index into [`Schema::interfaces`].
    Interface(usize),
}

impl Kind {
    /// The wire type of one value.
    pub fn wire_type(self) -> WireType {
        match self {
            Kind::Scalar(s) => s.wire_type(),
            Kind::Enum(_) => WireType::Varint,
            Kind::Message(_) => WireType::Bytes,
            Kind::Interface(_) => WireType::TypeRef,
        }
    }

    /// Whether lists of this kind are packed.
    pub fn packs(self) -> bool {
        !matches!(self.wire_type(), WireType::Bytes | WireType::TypeRef)
    }
}

/// How a field holds its values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Label {
    /// One value, omitted when default.
    Plain,
    /// `optional` / `*T`: presence kept.
    Optional,
    /// `required`: always written, must be present.
    Required,
    /// `repeated` / `[]T`.
    Repeated,
    /// `[N]T`.
    Array(u64),
    /// `map[K]V`: the field's kind is the value's; this is the key's.
    Map(Kind),
}

/// A resolved field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    /// Name as written.
    pub name: String,
    /// Field number.
    pub number: u32,
    /// Value kind (for maps: the value's kind).
    pub kind: Kind,
    /// How values are held.
    pub label: Label,
    /// Marked `deprecated`.
    pub deprecated: bool,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where the field was declared.
    pub span: Span,
}

/// A resolved message.
#[derive(Clone, Debug, PartialEq)]
pub struct MessageDef {
    /// Name as written.
    pub name: String,
    /// Package path (may be empty).
    pub package: Vec<String>,
    /// `@ id`
    pub type_id: Option<u64>,
    /// Fields in declaration order.
    pub fields: Vec<FieldDef>,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

impl MessageDef {
    /// The field with `number`.
    pub fn field(&self, number: u32) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.number == number)
    }
}

/// A resolved enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDef {
    /// Name as written.
    pub name: String,
    /// Package path.
    pub package: Vec<String>,
    /// (name, number, docs, span) in declaration order.
    pub values: Vec<EnumValueDef>,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValueDef {
    /// Name as written.
    pub name: String,
    /// Number.
    pub number: u32,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

/// A resolved interface.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceDef {
    /// Name as written.
    pub name: String,
    /// Package path.
    pub package: Vec<String>,
    /// (type id, message index, span) in declaration order.
    pub members: Vec<(u64, usize, Span)>,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

/// Every definition of a schema and its imports.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    /// Messages.
    pub messages: Vec<MessageDef>,
    /// Enums.
    pub enums: Vec<EnumDef>,
    /// Interfaces.
    pub interfaces: Vec<InterfaceDef>,
}

impl Schema {
    /// The message named `name` (simple or `package.Name`).
    pub fn message(&self, name: &str) -> Option<usize> {
        self.messages.iter().position(|m| m.name == name || qualified(&m.package, &m.name) == name)
    }

    /// The enum named `name`.
    pub fn enumeration(&self, name: &str) -> Option<usize> {
        self.enums.iter().position(|e| e.name == name || qualified(&e.package, &e.name) == name)
    }

    /// The interface named `name`.
    pub fn interface(&self, name: &str) -> Option<usize> {
        self.interfaces.iter().position(|i| i.name == name || qualified(&i.package, &i.name) == name)
    }

    /// The schema name of a kind, for messages and diagnostics.
    pub fn kind_name(&self, kind: Kind) -> String {
        match kind {
            Kind::Scalar(s) => s.name().to_string(),
            Kind::Enum(i) => self.enums[i].name.clone(),
            Kind::Message(i) => self.messages[i].name.clone(),
            Kind::Interface(i) => self.interfaces[i].name.clone(),
        }
    }
}

/// `a.b.Name`
pub fn qualified(package: &[String], name: &str) -> String {
    if package.is_empty() {
        name.to_string()
    } else {
        format!("{}.{name}", package.join("."))
    }
}
