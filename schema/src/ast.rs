//! The syntax tree of a `.cram` file, with spans for diagnostics and doc comments for code generation.

use crate::diagnostic::Span;

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where.
    pub span: Span,
}

/// An option value.
#[derive(Clone, Debug, PartialEq)]
pub enum OptionValue {
    /// `"text"`
    Str(String),
    /// `42`
    Int(i128),
    /// `1.5`
    Float(f64),
    /// `true` / `false`
    Bool(bool),
    /// `[a, b]`
    List(Vec<OptionValue>),
}

/// `option name = value;` or `[name = value]` on a field.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionDecl {
    /// The option's name.
    pub name: Ident,
    /// Its value.
    pub value: OptionValue,
}

/// A whole file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct File {
    /// `package a.b;`
    pub package: Option<Vec<Ident>>,
    /// `import "x.cram" [as y];`
    pub imports: Vec<Import>,
    /// File-level options.
    pub options: Vec<OptionDecl>,
    /// Messages, enums and interfaces, in order.
    pub items: Vec<Item>,
    /// `service X { ... }`, in order.
    pub services: Vec<Service>,
}

/// `import "path" [as alias];`
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The path as written.
    pub path: String,
    /// The alias, if any.
    pub alias: Option<Ident>,
    /// Where.
    pub span: Span,
}

/// A top-level definition.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `message X { ... }`
    Message(Message),
    /// `enum X { ... }`
    Enum(Enum),
    /// `interface X { ... }`
    Interface(Interface),
}

impl Item {
    /// The item's name.
    pub fn name(&self) -> &Ident {
        match self {
            Item::Message(m) => &m.name,
            Item::Enum(e) => &e.name,
            Item::Interface(i) => &i.name,
        }
    }
}

/// `message Name [@ id] { fields }`
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The message's name.
    pub name: Ident,
    /// `@ id`: the message's type id.
    pub type_id: Option<(u64, Span)>,
    /// Options inside the message.
    pub options: Vec<OptionDecl>,
    /// Fields in declaration order.
    pub fields: Vec<Field>,
}

/// Field modifiers.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Modifiers {
    /// `required`
    pub required: Option<Span>,
    /// `repeated`
    pub repeated: Option<Span>,
    /// `optional`
    pub optional: Option<Span>,
    /// `deprecated`
    pub deprecated: Option<Span>,
}

/// A field of a message.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Modifiers written before the type.
    pub modifiers: Modifiers,
    /// The field's type as written.
    pub ty: TypeExpr,
    /// The field's name.
    pub name: Ident,
    /// The field number.
    pub number: (u64, Span),
    /// `[name = value, ...]`
    pub options: Vec<OptionDecl>,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// `*T`: optional.
    Pointer(Box<TypeExpr>, Span),
    /// `[]T` (None) or `[N]T`.
    List(Option<u64>, Box<TypeExpr>, Span),
    /// `map[K]V`
    Map(Box<TypeExpr>, Box<TypeExpr>, Span),
    /// A scalar or a named type, possibly qualified (`pkg.Type`).
    Named(Vec<Ident>),
}

/// The type as it is written in a schema (`*T`, `[]T`, `[4]T`, `map[K]V`, `pkg.Type`).
impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::Pointer(inner, _) => write!(f, "*{inner}"),
            TypeExpr::List(None, inner, _) => write!(f, "[]{inner}"),
            TypeExpr::List(Some(n), inner, _) => write!(f, "[{n}]{inner}"),
            TypeExpr::Map(k, v, _) => write!(f, "map[{k}]{v}"),
            TypeExpr::Named(parts) => {
                let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
                f.write_str(&names.join("."))
            }
        }
    }
}

impl TypeExpr {
    /// Where the type was written.
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Pointer(_, s) | TypeExpr::List(_, _, s) | TypeExpr::Map(_, _, s) => *s,
            TypeExpr::Named(parts) => Span {
                file: parts[0].span.file,
                start: parts[0].span.start,
                end: parts.last().map_or(parts[0].span.end, |p| p.span.end),
            },
        }
    }
}

/// `enum Name { VALUE = n; ... }`
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The enum's name.
    pub name: Ident,
    /// Options inside the enum.
    pub options: Vec<OptionDecl>,
    /// Values in declaration order.
    pub values: Vec<EnumValue>,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The value's name.
    pub name: Ident,
    /// Its number (negative numbers are kept so validation can reject them by name).
    pub number: (i64, Span),
}

/// `interface Name { id = Type; ... }`
#[derive(Clone, Debug, PartialEq)]
pub struct Interface {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The interface's name.
    pub name: Ident,
    /// Options inside the interface.
    pub options: Vec<OptionDecl>,
    /// Members: type id and message type.
    pub members: Vec<InterfaceMember>,
}

/// One member of an interface.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceMember {
    /// The type id on the wire.
    pub type_id: (u64, Span),
    /// The message type, possibly qualified.
    pub ty: Vec<Ident>,
}

/// `service Name { rpc Method(Request): Response; ... }`
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The service's name.
    pub name: Ident,
    /// Options inside the service.
    pub options: Vec<OptionDecl>,
    /// Methods in declaration order.
    pub methods: Vec<Rpc>,
}

/// `rpc Name([stream] Request): [stream] Response [options];`
#[derive(Clone, Debug, PartialEq)]
pub struct Rpc {
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// The method's name.
    pub name: Ident,
    /// What the client sends.
    pub request: RpcType,
    /// What the server answers.
    pub response: RpcType,
    /// `[name = value, ...]`
    pub options: Vec<OptionDecl>,
}

/// One side of an rpc: a message type, streamed or not.
#[derive(Clone, Debug, PartialEq)]
pub struct RpcType {
    /// `stream` was written before the type.
    pub stream: bool,
    /// The message type, possibly qualified.
    pub ty: Vec<Ident>,
}
