//! Semantic validation: every rule of `docs/schema-language.md`, reported with positions, building the resolved
//! [`Schema`].

use crate::ast::{self, Item, TypeExpr};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::*;
use std::collections::HashMap;

/// The largest field number, 2^29 - 1.
use cramberry::registry::{FIRST_USER_TYPE_ID, STANDARD_TYPE_IDS};

const MAX_FIELD: u64 = cramberry::MAX_FIELD_NUMBER as u64;

/// The package of the standard types, whose messages hold the standard type ids 64-127.
const STD_PACKAGE: [&str; 2] = ["cramberry", "std"];

/// A parsed file: its AST and the package it declares.
pub struct ParsedFile {
    /// The syntax tree.
    pub ast: ast::File,
}

impl ParsedFile {
    fn package(&self) -> Vec<String> {
        self.ast.package.as_ref().map_or_else(Vec::new, |p| p.iter().map(|i| i.name.clone()).collect())
    }
}

#[derive(Clone, Copy)]
enum Def {
    Message(usize),
    Enum(usize),
    Interface(usize),
}

/// Validates `files` together (the first is the root; the others its imports) and resolves every name.
pub fn build(files: &[ParsedFile]) -> (Schema, Vec<Diagnostic>) {
    let mut v = Validator { schema: Schema::default(), errors: Vec::new(), names: HashMap::new() };
    v.declare(files);
    for file in files {
        let package = file.package();
        for item in &file.ast.items {
            match item {
                Item::Enum(e) => v.enumeration(e),
                Item::Interface(i) => v.interface(i, &package),
                Item::Message(m) => v.message(m, &package),
            }
        }
    }
    for file in files {
        let package = file.package();
        let mut names: HashMap<&str, Span> = HashMap::new();
        for service in &file.ast.services {
            if let Some(first) = names.insert(&service.name.name, service.name.span) {
                v.errors.push(
                    Diagnostic::error(
                        service.name.span,
                        format!("service `{}` is defined twice", service.name.name),
                    )
                    .with_related(first, "first defined here"),
                );
            }
            v.service(service, &package);
        }
    }
    v.check_by_value_cycles();
    (v.schema, v.errors)
}

struct Validator {
    schema: Schema,
    errors: Vec<Diagnostic>,
    /// (package, name) -> definition, for lookups.
    names: HashMap<(Vec<String>, String), (Def, Span)>,
}

impl Validator {
    /// Registers every item's name (so definitions may come in any order) and rejects duplicates.
    fn declare(&mut self, files: &[ParsedFile]) {
        for file in files {
            let package = file.package();
            for item in &file.ast.items {
                let name = item.name();
                let def = match item {
                    Item::Message(m) => {
                        self.schema.messages.push(MessageDef {
                            name: name.name.clone(),
                            package: package.clone(),
                            type_id: m.type_id.map(|(id, _)| id),
                            fields: Vec::new(),
                            docs: m.docs.clone(),
                            span: name.span,
                        });
                        Def::Message(self.schema.messages.len() - 1)
                    }
                    Item::Enum(e) => {
                        self.schema.enums.push(EnumDef {
                            name: name.name.clone(),
                            package: package.clone(),
                            values: Vec::new(),
                            docs: e.docs.clone(),
                            span: name.span,
                        });
                        Def::Enum(self.schema.enums.len() - 1)
                    }
                    Item::Interface(i) => {
                        self.schema.interfaces.push(InterfaceDef {
                            name: name.name.clone(),
                            package: package.clone(),
                            members: Vec::new(),
                            docs: i.docs.clone(),
                            span: name.span,
                        });
                        Def::Interface(self.schema.interfaces.len() - 1)
                    }
                };
                if let Some((_, first)) =
                    self.names.insert((package.clone(), name.name.clone()), (def, name.span))
                {
                    self.errors.push(
                        Diagnostic::error(name.span, format!("`{}` is defined twice", name.name))
                            .with_related(first, "first defined here")
                            .with_hint("message, enum and interface names must be unique"),
                    );
                }
            }
        }
    }

    fn lookup(&self, parts: &[ast::Ident], package: &[String]) -> Option<Def> {
        let name = &parts.last()?.name;
        if parts.len() == 1 {
            if let Some((def, _)) = self.names.get(&(package.to_vec(), name.clone())) {
                return Some(*def);
            }
            let mut found = self.names.iter().filter(|((_, n), _)| n == name);
            let first = found.next().map(|(_, (d, _))| *d);
            return if found.next().is_none() { first } else { None };
        }
        let prefix: Vec<String> = parts[..parts.len() - 1].iter().map(|p| p.name.clone()).collect();
        let by_package = self
            .names
            .iter()
            .find(|((pkg, n), _)| n == name && (pkg == &prefix || pkg.ends_with(&prefix)))
            .map(|(_, (d, _))| *d);
        // `alias.Type` for `import "x.cram" as alias;`: the type's simple name, when it is unique.
        by_package.or_else(|| {
            let mut found = self.names.iter().filter(|((_, n), _)| n == name);
            let first = found.next().map(|(_, (d, _))| *d);
            if found.next().is_none() {
                first
            } else {
                None
            }
        })
    }

    /// The error for a type name that is not defined, suggesting the closest defined name (and, in field
    /// types, the scalar a protobuf or Rust habit meant).
    fn undefined(&self, parts: &[ast::Ident], field_type: bool) -> Diagnostic {
        let name: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        let name = name.join(".");
        let diagnostic = Diagnostic::error(type_span(parts), format!("type `{name}` is not defined"));
        if let Some(scalar) = field_type.then(|| habitual_scalar(&name)).flatten() {
            return diagnostic
                .with_hint(format!("did you mean `{scalar}`? (scalar names: {})", scalar_names()));
        }
        let defined = self.names.keys().map(|(_, n)| n.as_str());
        let scalars = field_type.then(|| Scalar::ALL.iter().map(|s| s.schema_name())).into_iter().flatten();
        match crate::suggest::closest(&name, defined.chain(scalars)) {
            Some(close) => diagnostic.with_hint(format!("did you mean `{close}`?")),
            None => diagnostic.with_hint("define it in this file or import the file that does"),
        }
    }

    fn enumeration(&mut self, e: &ast::Enum) {
        let index = self.index_of(&e.name);
        if !e.values.is_empty() && !e.values.iter().any(|v| v.number.0 == 0) {
            self.errors.push(
                Diagnostic::warning(
                    e.name.span,
                    format!(
                        "enum `{}` has no value 0, so an absent field reads as the unrecognized number 0",
                        e.name.name
                    ),
                )
                .with_hint(format!("add a default first: `{}_UNSPECIFIED = 0;`", upper_snake(&e.name.name))),
            );
        }
        let mut numbers: HashMap<i64, Span> = HashMap::new();
        let mut names: HashMap<&str, Span> = HashMap::new();
        let mut values = Vec::new();
        for value in &e.values {
            let (number, span) = value.number;
            if number < 0 {
                self.errors.push(
                    Diagnostic::error(span, format!("enum value `{}` is negative", value.name.name))
                        .with_hint("enum values are non-negative numbers"),
                );
                continue;
            }
            if number > i64::from(u32::MAX) {
                self.errors.push(Diagnostic::error(span, "enum value does not fit in 32 bits"));
                continue;
            }
            if let Some(first) = numbers.insert(number, span) {
                self.errors.push(
                    Diagnostic::error(span, format!("enum number {number} is used twice"))
                        .with_related(first, "first used here")
                        .with_hint("give each value its own number"),
                );
            }
            if let Some(first) = names.insert(&value.name.name, value.name.span) {
                self.errors.push(
                    Diagnostic::error(
                        value.name.span,
                        format!("enum value `{}` is defined twice", value.name.name),
                    )
                    .with_related(first, "first defined here"),
                );
            }
            values.push(EnumValueDef {
                name: value.name.name.clone(),
                number: number as u32,
                docs: value.docs.clone(),
                span: value.name.span,
            });
        }
        if let Some(Def::Enum(i)) = index {
            self.schema.enums[i].values = values;
        }
    }

    fn index_of(&self, name: &ast::Ident) -> Option<Def> {
        self.names.values().find(|(_, span)| *span == name.span).map(|(d, _)| *d)
    }

    fn interface(&mut self, i: &ast::Interface, package: &[String]) {
        let index = self.index_of(&i.name);
        let mut ids: HashMap<u64, Span> = HashMap::new();
        let mut members = Vec::new();
        for m in &i.members {
            let (id, span) = m.type_id;
            if id < FIRST_USER_TYPE_ID {
                self.errors.push(Diagnostic::error(span, format!("type id {id} is reserved")).with_hint(
                    format!(
                        "0 is nil and 1-{} are built-in; user type ids start at {FIRST_USER_TYPE_ID}",
                        FIRST_USER_TYPE_ID - 1
                    ),
                ));
            }
            if let Some(first) = ids.insert(id, span) {
                self.errors.push(
                    Diagnostic::error(span, format!("type id {id} is used twice"))
                        .with_related(first, "first used here"),
                );
            }
            match self.lookup(&m.ty, package) {
                Some(Def::Message(index)) => members.push((id, index, span)),
                Some(_) => self.errors.push(
                    Diagnostic::error(type_span(&m.ty), "an interface member must be a message")
                        .with_hint("list message types here"),
                ),
                None => self.errors.push(self.undefined(&m.ty, false)),
            }
        }
        if let Some(Def::Interface(index)) = index {
            self.schema.interfaces[index].members = members;
        }
    }

    fn message(&mut self, m: &ast::Message, package: &[String]) {
        let Some(Def::Message(index)) = self.index_of(&m.name) else { return };
        if let Some((id, span)) = m.type_id {
            let standard = STANDARD_TYPE_IDS.contains(&id) && package == STD_PACKAGE;
            if id < FIRST_USER_TYPE_ID && !standard {
                self.errors.push(Diagnostic::error(span, format!("type id {id} is reserved")).with_hint(
                    format!(
                        "user type ids start at {FIRST_USER_TYPE_ID} ({}-{} are the standard types')",
                        STANDARD_TYPE_IDS.start,
                        STANDARD_TYPE_IDS.end - 1
                    ),
                ));
            }
        }
        let mut numbers: HashMap<u64, Span> = HashMap::new();
        let mut names: HashMap<&str, Span> = HashMap::new();
        let mut fields = Vec::new();
        for f in &m.fields {
            let (number, number_span) = f.number;
            if number == 0 || number > MAX_FIELD {
                self.errors.push(
                    Diagnostic::error(number_span, format!("field number {number} is out of range"))
                        .with_hint(format!("field numbers run from 1 to {MAX_FIELD} (2^29 - 1)")),
                );
            } else if let Some(first) = numbers.insert(number, number_span) {
                self.errors.push(
                    Diagnostic::error(number_span, format!("field number {number} is used twice"))
                        .with_related(first, "first used here")
                        .with_hint("each field needs its own number"),
                );
            }
            if let Some(first) = names.insert(&f.name.name, f.name.span) {
                self.errors.push(
                    Diagnostic::error(f.name.span, format!("field `{}` is defined twice", f.name.name))
                        .with_related(first, "first defined here"),
                );
            }
            if let (Some(_), Some(optional)) = (f.modifiers.required, f.modifiers.optional) {
                self.errors.push(
                    Diagnostic::error(optional, "a field cannot be both required and optional")
                        .with_hint("drop one of the two"),
                );
            }
            if let Some((kind, label)) = self.field_type(f, package) {
                fields.push(FieldDef {
                    name: f.name.name.clone(),
                    number: number.min(MAX_FIELD) as u32,
                    kind,
                    label,
                    deprecated: f.modifiers.deprecated.is_some(),
                    docs: f.docs.clone(),
                    span: f.name.span,
                });
            }
        }
        self.schema.messages[index].fields = fields;
    }

    fn field_type(&mut self, f: &ast::Field, package: &[String]) -> Option<(Kind, Label)> {
        let m = &f.modifiers;
        let (kind, mut label) = match &f.ty {
            TypeExpr::Pointer(inner, _) => (self.element(inner, package)?, Label::Optional),
            TypeExpr::List(len, inner, _) => {
                let kind = self.element(inner, package)?;
                (kind, len.map_or(Label::Repeated, Label::Array))
            }
            TypeExpr::Map(key, value, span) => {
                let key_kind = self.element(key, package)?;
                let allowed = matches!(key_kind, Kind::Enum(_))
                    || matches!(key_kind, Kind::Scalar(s) if !matches!(s, Scalar::F32 | Scalar::F64 | Scalar::Bytes));
                if !allowed {
                    self.errors.push(
                        Diagnostic::error(
                            key.span(),
                            format!("`{}` cannot be a map key", self.schema.kind_name(key_kind)),
                        )
                        .with_hint("map keys are bool, an integer type, string or an enum")
                        .with_related(*span, "in this map"),
                    );
                    return None;
                }
                (self.element(value, package)?, Label::Map(key_kind))
            }
            TypeExpr::Named(_) => (self.element(&f.ty, package)?, Label::Plain),
        };
        let list = matches!(label, Label::Repeated | Label::Array(_) | Label::Map(_));
        if let Some(span) = m.repeated {
            if list {
                self.errors.push(
                    Diagnostic::error(span, "`repeated` on a list or map type")
                        .with_hint("lists of lists are not supported"),
                );
                return None;
            }
            label = Label::Repeated;
        }
        if let Some(span) = m.optional {
            if list || label == Label::Repeated {
                self.errors.push(
                    Diagnostic::error(span, "`optional` on a list or map")
                        .with_hint("an empty list already means absent"),
                );
                return None;
            }
            label = Label::Optional;
        }
        if let Some(span) = m.required {
            if label != Label::Plain {
                self.errors.push(
                    Diagnostic::error(span, "`required` applies to single values")
                        .with_hint("remove `required` or the list/optional type"),
                );
                return None;
            }
            label = Label::Required;
        }
        Some((kind, label))
    }

    fn element(&mut self, ty: &TypeExpr, package: &[String]) -> Option<Kind> {
        match ty {
            TypeExpr::Named(parts) => {
                if parts.len() == 1 {
                    if let Some(s) = Scalar::from_schema_name(&parts[0].name) {
                        return Some(Kind::Scalar(s));
                    }
                    if matches!(parts[0].name.as_str(), "complex64" | "complex128") {
                        self.errors.push(
                            Diagnostic::error(parts[0].span, format!("`{}` is not supported", parts[0].name))
                                .with_hint("use a message with two float fields"),
                        );
                        return None;
                    }
                }
                match self.lookup(parts, package) {
                    Some(Def::Message(i)) => Some(Kind::Message(i)),
                    Some(Def::Enum(i)) => Some(Kind::Enum(i)),
                    Some(Def::Interface(i)) => Some(Kind::Interface(i)),
                    None => {
                        self.errors.push(self.undefined(parts, true));
                        None
                    }
                }
            }
            other => {
                self.errors.push(
                    Diagnostic::error(
                        other.span(),
                        "nested list, map or pointer types are not supported here",
                    )
                    .with_hint(
                        "wrap the inner type in a message, e.g. `message Row { []T values = 1; }` and `[]Row`: \
                         the bytes Rust's `Vec<Vec<T>>` and `Option<Vec<T>>` write",
                    ),
                );
                None
            }
        }
    }

    /// A message may contain itself only through optional, repeated, map or interface fields.
    fn service(&mut self, s: &ast::Service, package: &[String]) {
        let mut names: HashMap<&str, Span> = HashMap::new();
        let mut methods = Vec::new();
        for rpc in &s.methods {
            if let Some(first) = names.insert(&rpc.name.name, rpc.name.span) {
                self.errors.push(
                    Diagnostic::error(rpc.name.span, format!("method `{}` is defined twice", rpc.name.name))
                        .with_related(first, "first defined here")
                        .with_hint("each method of a service needs its own name"),
                );
            }
            if !rpc.name.name.starts_with(|c: char| c.is_ascii_uppercase()) {
                let camel = crate::rust_names::type_ident(&rpc.name.name);
                self.errors.push(
                    Diagnostic::warning(
                        rpc.name.span,
                        format!("method `{}` is not UpperCamelCase", rpc.name.name),
                    )
                    .with_hint(format!(
                        "its gRPC path uses the name as written and generated Rust names types after it: \
                             write `{camel}` as protobuf does"
                    )),
                );
            }
            let request = self.rpc_message(&rpc.request, package, "request");
            let response = self.rpc_message(&rpc.response, package, "response");
            let (view_request, deprecated) = self.rpc_options(rpc);
            if let (Some(request), Some(response)) = (request, response) {
                methods.push(MethodDef {
                    name: rpc.name.name.clone(),
                    request,
                    response,
                    client_streaming: rpc.request.stream,
                    server_streaming: rpc.response.stream,
                    view_request,
                    deprecated,
                    docs: rpc.docs.clone(),
                    span: rpc.name.span,
                });
            }
        }
        self.schema.services.push(ServiceDef {
            name: s.name.name.clone(),
            package: package.to_vec(),
            methods,
            docs: s.docs.clone(),
            span: s.name.span,
        });
    }

    /// The message an rpc's request or response names.
    fn rpc_message(&mut self, side: &ast::RpcType, package: &[String], what: &str) -> Option<usize> {
        match self.lookup(&side.ty, package) {
            Some(Def::Message(index)) => Some(index),
            Some(_) => {
                self.errors.push(
                    Diagnostic::error(type_span(&side.ty), format!("an rpc's {what} must be a message"))
                        .with_hint("wrap the value in a message: a method sends and answers messages"),
                );
                None
            }
            None => {
                self.errors.push(self.undefined(&side.ty, false));
                None
            }
        }
    }

    /// `[view = true]` and `[deprecated = true]`: (view, deprecated).
    fn rpc_options(&mut self, rpc: &ast::Rpc) -> (bool, bool) {
        let (mut view, mut deprecated) = (false, false);
        for option in &rpc.options {
            let slot = match option.name.name.as_str() {
                "view" => &mut view,
                "deprecated" => &mut deprecated,
                other => {
                    self.errors.push(
                        Diagnostic::error(option.name.span, format!("unknown rpc option `{other}`"))
                            .with_hint("an rpc takes `[view = true]` and `[deprecated = true]`"),
                    );
                    continue;
                }
            };
            match option.value {
                ast::OptionValue::Bool(b) => *slot = b,
                _ => self.errors.push(
                    Diagnostic::error(
                        option.name.span,
                        format!("`{}` takes true or false", option.name.name),
                    )
                    .with_hint(format!("write `[{} = true]`", option.name.name)),
                ),
            }
        }
        (view, deprecated)
    }

    fn check_by_value_cycles(&mut self) {
        let by_value = |f: &FieldDef| match (f.kind, f.label) {
            (Kind::Message(next), Label::Plain | Label::Required) => Some(next),
            _ => None,
        };
        for start in 0..self.schema.messages.len() {
            // Depth-first over by-value edges, remembering which field of `start` each path leaves through.
            let mut stack: Vec<(usize, usize)> = self.schema.messages[start]
                .fields
                .iter()
                .enumerate()
                .filter_map(|(fi, f)| by_value(f).map(|next| (next, fi)))
                .collect();
            let mut seen = vec![false; self.schema.messages.len()];
            while let Some((at, via)) = stack.pop() {
                if at == start {
                    let field = &self.schema.messages[start].fields[via];
                    let name = &self.schema.messages[start].name;
                    self.errors.push(
                        Diagnostic::error(field.span, format!("message `{name}` contains itself by value"))
                            .with_hint("make the field optional (`*T`), repeated, or an interface"),
                    );
                    break;
                }
                if std::mem::replace(&mut seen[at], true) {
                    continue;
                }
                stack.extend(
                    self.schema.messages[at].fields.iter().filter_map(by_value).map(|next| (next, via)),
                );
            }
        }
    }
}

fn type_span(parts: &[ast::Ident]) -> Span {
    Span { file: parts[0].span.file, start: parts[0].span.start, end: parts.last().map_or(0, |p| p.span.end) }
}

/// The scalar that another language's name for it means (protobuf's `double`, Rust's `u32`, ...): Rust's
/// names come from the runtime's table (`ScalarKind::rust_type`, the non-fixed kind of each type).
fn habitual_scalar(name: &str) -> Option<&'static str> {
    let kind = match name {
        "double" => Scalar::F64,
        "float" => Scalar::F32,
        "sint32" => Scalar::I32,
        "sint64" => Scalar::I64,
        "str" => Scalar::String,
        "boolean" => Scalar::Bool,
        rust => Scalar::ALL.into_iter().find(|k| !k.is_fixed_int() && k.rust_type() == rust)?,
    };
    Some(kind.schema_name())
}

fn scalar_names() -> String {
    Scalar::ALL.iter().map(|s| s.schema_name()).collect::<Vec<_>>().join(", ")
}

/// `OrderStatus` → `ORDER_STATUS`.
fn upper_snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_uppercase());
    }
    out
}
