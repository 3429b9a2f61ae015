//! The resolved schema: every named type looked up, every field's wire shape known. Built by
//! [`crate::validate`]; used by the compatibility checker, the code generator and the dynamic codec.

use crate::diagnostic::Span;
use cramberry::__private::dynamic::Shape;
use cramberry::wire::WireType;

/// Scalar types of the language: the runtime's scalar-kind table, so the schema tooling and derived code share
/// one description of every scalar (wire type, packing, range, default, names).
pub use cramberry::ScalarKind as Scalar;

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
        self.shape().wire_type
    }

    /// The kind's layout, as the runtime describes it to its field loops.
    pub fn shape(self) -> Shape {
        match self {
            Kind::Scalar(s) => s.shape(),
            Kind::Enum(_) => Shape::ENUM,
            Kind::Message(_) => Shape::MESSAGE,
            Kind::Interface(_) => Shape::INTERFACE,
        }
    }

    /// Whether lists of this kind are packed.
    pub fn packs(self) -> bool {
        self.shape().repeat == cramberry::__private::dynamic::Repeat::Packed
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

impl FieldDef {
    /// A plain interface field: nil when absent and written whenever present (an `Option` in generated Rust,
    /// `undefined` in TypeScript), so it has no default value to omit or reject. Every front end asks this.
    pub fn is_plain_interface(&self) -> bool {
        self.label == Label::Plain && matches!(self.kind, Kind::Interface(_))
    }
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

/// A resolved service.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceDef {
    /// Name as written.
    pub name: String,
    /// Package path.
    pub package: Vec<String>,
    /// Methods in declaration order.
    pub methods: Vec<MethodDef>,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

/// One rpc of a service.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodDef {
    /// Name as written (`Place`); the gRPC path is `/package.Service/Place`.
    pub name: String,
    /// The request message, by index into [`Schema::messages`].
    pub request: usize,
    /// The response message, by index into [`Schema::messages`].
    pub response: usize,
    /// `stream` before the request: the client sends a stream.
    pub client_streaming: bool,
    /// `stream` before the response: the server answers with a stream.
    pub server_streaming: bool,
    /// `[view = true]`: the generated server hands the handler `OwnedView<Request>` instead of `Request`.
    pub view_request: bool,
    /// `[deprecated = true]`.
    pub deprecated: bool,
    /// Doc comment lines.
    pub docs: Vec<String>,
    /// Where it was declared.
    pub span: Span,
}

impl MethodDef {
    /// `unary`, `server streaming`, `client streaming` or `bidirectional streaming`.
    pub fn streaming_form(&self) -> &'static str {
        match (self.client_streaming, self.server_streaming) {
            (false, false) => "unary",
            (false, true) => "server streaming",
            (true, false) => "client streaming",
            (true, true) => "bidirectional streaming",
        }
    }
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
    /// Services.
    pub services: Vec<ServiceDef>,
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
            Kind::Scalar(s) => s.schema_name().to_string(),
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
