//! Schema extraction for Rust-first teams: the `.cram` schema of the `#[derive(Cramberry)]` structs and enums
//! in Rust sources (field numbers, kinds, `fixed`/`required`/`optional`, enums with their numbers, interfaces
//! with type ids, doc comments). What the language cannot express — pod structs, custom `with` fields,
//! tuples, nested lists, foreign types — is reported with its file and line, never dropped silently.
//!
//! ```
//! let rust = r#"
//!     /// An order.
//!     #[derive(Cramberry)]
//!     pub struct Order {
//!         #[cram(1)] pub id: u64,
//!         #[cram(2, fixed)] pub hash: u64,
//!         #[cram(3)] pub fills: Vec<i64>,
//!     }
//! "#;
//! let out = cramberry_schema::extract::extract(&[("order.rs", rust)], Some("shop")).unwrap();
//! assert!(out.problems.is_empty());
//! assert!(out.schema.contains("message Order {\n    uint64 id = 1;\n    fixed64 hash = 2;\n    repeated int64 fills = 3;\n}"));
//! ```

use crate::model::Scalar;
use proc_macro2::Span;
use quote::ToTokens;
use std::collections::BTreeMap;
use std::fmt::{self, Write};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Fields, GenericArgument, Item, Lit, Meta, PathArguments, Token, Type};

/// The schema of the sources, and what it could not express.
#[derive(Debug)]
pub struct Extracted {
    /// The `.cram` text.
    pub schema: String,
    /// Fields and types the schema leaves out or describes with a difference, in source order.
    pub problems: Vec<Problem>,
}

/// One thing of the sources the schema cannot express, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The source file, as given.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The type or `Type.field` concerned.
    pub item: String,
    /// What is not expressed, and why.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.column, self.item, self.message)
    }
}

/// A source file that does not parse as Rust.
#[derive(Debug)]
pub struct ExtractError {
    /// The file, as given.
    pub file: String,
    /// 1-based line of the error.
    pub line: usize,
    /// The parser's message.
    pub message: String,
}

impl fmt::Display for ExtractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ExtractError {}

/// The `.cram` schema of the `#[derive(Cramberry)]` types in `sources` (file name, Rust text), in package
/// `package` when given. Types are found at the top level and in inline modules.
pub fn extract(sources: &[(&str, &str)], package: Option<&str>) -> Result<Extracted, ExtractError> {
    let mut files = Vec::new();
    for (file, text) in sources {
        let parsed = syn::parse_file(text).map_err(|e| ExtractError {
            file: file.to_string(),
            line: e.span().start().line,
            message: e.to_string(),
        })?;
        files.push((*file, parsed));
    }
    let mut defs = Vec::new();
    for (file, parsed) in &files {
        collect(file, &parsed.items, &mut defs);
    }
    let mut index = BTreeMap::new();
    let mut twice = Vec::new();
    for (i, def) in defs.iter().enumerate() {
        if index.insert(def.name.clone(), i).is_some() {
            twice.push(i);
        }
    }
    let mut first = BTreeMap::new();
    for (i, def) in defs.iter().enumerate() {
        first.entry(def.name.clone()).or_insert(i);
    }
    let mut x = Extractor { defs: &defs, index: first, problems: Vec::new(), uses_std: false };
    let mut body = String::new();
    for (i, def) in defs.iter().enumerate() {
        if twice.contains(&i) {
            let message =
                "a second type of this name (schema type names are unique); left out, fields of this \
                           name refer to the first";
            x.problem(def.file, def.ident_span(), def.name.clone(), message.into());
            continue;
        }
        x.definition(&mut body, def);
    }
    let mut schema = String::from("// Extracted by `cramberry extract` from #[derive(Cramberry)] types.\n");
    if let Some(package) = package {
        let _ = writeln!(schema, "package {package};");
    }
    if x.uses_std {
        schema.push_str("\nimport \"cramberry/std.cram\";\n");
    }
    schema.push_str(&body);
    Ok(Extracted { schema, problems: x.problems })
}

/// A `#[derive(Cramberry)]` item.
struct Def<'a> {
    file: &'a str,
    name: String,
    item: &'a Item,
    shape: DefShape<'a>,
}

impl Def<'_> {
    fn ident_span(&self) -> Span {
        match self.item {
            Item::Struct(s) => s.ident.span(),
            Item::Enum(e) => e.ident.span(),
            _ => Span::call_site(),
        }
    }
}

/// What a derived item is on the wire.
enum DefShape<'a> {
    Message,
    Enum,
    Interface,
    /// A newtype written as its one field.
    Transparent(&'a Type),
    Pod,
    /// An item the derive accepts but this extractor does not recognise.
    Other(&'static str),
}

fn collect<'a>(file: &'a str, items: &'a [Item], out: &mut Vec<Def<'a>>) {
    for item in items {
        match item {
            Item::Struct(s) if derives_cramberry(&s.attrs) => {
                let flags = cram_flags(&s.attrs);
                let one_field = (s.fields.len() == 1).then(|| &s.fields.iter().next().unwrap().ty);
                let shape = if flags.contains(&"pod".to_string()) {
                    DefShape::Pod
                } else if let (true, Some(ty)) = (
                    flags.contains(&"transparent".to_string()) || matches!(s.fields, Fields::Unnamed(_)),
                    one_field,
                ) {
                    DefShape::Transparent(ty)
                } else if matches!(s.fields, Fields::Named(_) | Fields::Unit) {
                    DefShape::Message
                } else {
                    DefShape::Other("a tuple struct of several fields")
                };
                out.push(Def { file, name: s.ident.to_string(), item, shape });
            }
            Item::Enum(e) if derives_cramberry(&e.attrs) => {
                let interface =
                    e.variants.iter().any(|v| matches!(v.fields, Fields::Unnamed(_)) && !is_other(&v.attrs));
                let shape = if interface { DefShape::Interface } else { DefShape::Enum };
                out.push(Def { file, name: e.ident.to_string(), item, shape });
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    collect(file, items, out);
                }
            }
            _ => {}
        }
    }
}

fn derives_cramberry(attrs: &[Attribute]) -> bool {
    attrs.iter().filter(|a| a.path().is_ident("derive")).any(|a| {
        a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated).is_ok_and(|paths| {
            paths.iter().any(|p| p.segments.last().is_some_and(|s| s.ident == "Cramberry"))
        })
    })
}

/// One item of `#[cram(...)]`.
enum CramArg {
    Number(u64),
    Flag(String),
    Key(String, String),
}

fn cram_args(attrs: &[Attribute]) -> Vec<CramArg> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("cram")) {
        let Ok(list) = attr.parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated) else {
            continue;
        };
        for expr in list {
            match expr {
                Expr::Lit(l) => {
                    if let Lit::Int(n) = &l.lit {
                        out.extend(n.base10_parse().ok().map(CramArg::Number));
                    }
                }
                Expr::Path(p) => out.extend(p.path.get_ident().map(|i| CramArg::Flag(i.to_string()))),
                Expr::Assign(a) => {
                    let key = a.left.to_token_stream().to_string();
                    let value = match &*a.right {
                        Expr::Lit(l) => match &l.lit {
                            Lit::Int(n) => n.base10_digits().to_string(),
                            Lit::Str(s) => s.value(),
                            other => other.to_token_stream().to_string(),
                        },
                        other => other.to_token_stream().to_string(),
                    };
                    out.push(CramArg::Key(key, value));
                }
                _ => {}
            }
        }
    }
    out
}

fn cram_flags(attrs: &[Attribute]) -> Vec<String> {
    cram_args(attrs)
        .into_iter()
        .filter_map(|a| if let CramArg::Flag(f) = a { Some(f) } else { None })
        .collect()
}

fn cram_number(attrs: &[Attribute]) -> Option<u64> {
    cram_args(attrs).into_iter().find_map(|a| if let CramArg::Number(n) = a { Some(n) } else { None })
}

fn cram_key(attrs: &[Attribute], key: &str) -> Option<String> {
    cram_args(attrs).into_iter().find_map(|a| match a {
        CramArg::Key(k, v) if k == key => Some(v),
        _ => None,
    })
}

fn is_other(attrs: &[Attribute]) -> bool {
    cram_flags(attrs).iter().any(|f| f == "other")
}

/// The doc comment lines of `attrs`.
fn docs(attrs: &[Attribute]) -> Vec<String> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let Meta::NameValue(nv) = &attr.meta {
            if let Expr::Lit(l) = &nv.value {
                if let Lit::Str(s) = &l.lit {
                    let text = s.value();
                    out.extend(text.lines().map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end().to_string()));
                }
            }
        }
    }
    out
}

fn write_docs(out: &mut String, indent: &str, attrs: &[Attribute]) {
    for line in docs(attrs) {
        let _ = writeln!(out, "{indent}///{}{line}", if line.is_empty() { "" } else { " " });
    }
}

/// A field's type as the schema writes it: modifiers (`optional`, `repeated`, `[N]`...) and the element type.
struct FieldType {
    modifier: &'static str,
    ty: String,
}

struct Extractor<'a> {
    defs: &'a [Def<'a>],
    index: BTreeMap<String, usize>,
    problems: Vec<Problem>,
    uses_std: bool,
}

impl<'a> Extractor<'a> {
    fn problem(&mut self, file: &str, span: Span, item: String, message: String) {
        let start = span.start();
        self.problems.push(Problem {
            file: file.to_string(),
            line: start.line,
            column: start.column + 1,
            item,
            message,
        });
    }

    fn definition(&mut self, out: &mut String, def: &Def<'a>) {
        match (&def.shape, def.item) {
            (DefShape::Message, Item::Struct(s)) => self.message(out, def, s),
            (DefShape::Enum, Item::Enum(e)) => self.enumeration(out, def, e),
            (DefShape::Interface, Item::Enum(e)) => self.interface(out, def, e),
            (DefShape::Transparent(_), _) => {} // written as its field wherever it is used
            (DefShape::Pod, Item::Struct(s)) => self.problem(
                def.file,
                s.ident.span(),
                def.name.clone(),
                "a pod struct (#[cram(pod)], written as its memory) has no .cram equivalent; fields of it are left out"
                    .into(),
            ),
            (DefShape::Other(what), item) => {
                let span = match item {
                    Item::Struct(s) => s.ident.span(),
                    Item::Enum(e) => e.ident.span(),
                    _ => Span::call_site(),
                };
                self.problem(def.file, span, def.name.clone(), format!("{what} has no .cram equivalent; left out"))
            }
            _ => {}
        }
    }

    fn message(&mut self, out: &mut String, def: &Def<'a>, s: &syn::ItemStruct) {
        out.push('\n');
        write_docs(out, "", &s.attrs);
        let type_id = match cram_key(&s.attrs, "type_id").map(|id| (id.parse::<u64>(), id)) {
            Some((Ok(n), id)) if n >= cramberry::registry::FIRST_USER_TYPE_ID => format!(" @ {id}"),
            Some((_, id)) => {
                let first = cramberry::registry::FIRST_USER_TYPE_ID;
                let message = format!("type id {id} is in the standard types' range (below {first}), which schemas reserve; the message is extracted without it");
                self.problem(def.file, s.ident.span(), def.name.clone(), message);
                String::new()
            }
            None => String::new(),
        };
        let _ = writeln!(out, "message {}{type_id} {{", def.name);
        if s.generics.type_params().next().is_some() {
            self.problem(
                def.file,
                s.generics.span_of(),
                def.name.clone(),
                "type parameters: the schema describes one instance; fields of a parameter type are left out"
                    .into(),
            );
        }
        for field in &s.fields {
            let Some(ident) = &field.ident else { continue };
            let name = ident.to_string().trim_start_matches("r#").to_string();
            let item = format!("{}.{name}", def.name);
            let flags = cram_flags(&field.attrs);
            if flags.iter().any(|f| f == "skip" || f == "unknown_fields") {
                continue; // not on the wire
            }
            let Some(number) = cram_number(&field.attrs) else {
                self.problem(def.file, ident.span(), item, "no field number (#[cram(N)]); left out".into());
                continue;
            };
            if cram_key(&field.attrs, "with").is_some() {
                let message =
                    "a custom field (#[cram(with = ...)]) writes bytes only its module knows; left out";
                self.problem(def.file, ident.span(), item, message.into());
                continue;
            }
            let fixed = flags.iter().any(|f| f == "fixed");
            let required = flags.iter().any(|f| f == "required");
            match self.field_type(&field.ty, fixed) {
                Ok(t) => {
                    write_docs(out, "    ", &field.attrs);
                    let deprecated = field.attrs.iter().any(|a| a.path().is_ident("deprecated"));
                    let mut modifiers = String::new();
                    if deprecated {
                        modifiers.push_str("deprecated ");
                    }
                    if required {
                        modifiers.push_str("required ");
                    }
                    modifiers.push_str(t.modifier);
                    let _ = writeln!(out, "    {modifiers}{} {name} = {number};", t.ty);
                    if let Some(n) = fixed_length_bytes(&field.ty) {
                        let message = format!(
                            "{n} bytes, extracted as `bytes`: the schema language has no fixed-length bytes type \
                             (`[{n}]uint8` is a list of varints), so the schema's readers accept other lengths"
                        );
                        self.problem(def.file, field.ty.span_of(), item, message);
                    }
                }
                Err(why) => self.problem(def.file, field.ty.span_of(), item, format!("{why}; left out")),
            }
        }
        out.push_str("}\n");
    }

    fn enumeration(&mut self, out: &mut String, def: &Def<'a>, e: &syn::ItemEnum) {
        out.push('\n');
        write_docs(out, "", &e.attrs);
        let _ = writeln!(out, "enum {} {{", def.name);
        let mut has_zero = false;
        let mut catch_all = None;
        for v in &e.variants {
            if is_other(&v.attrs) {
                catch_all = Some(v);
                continue;
            }
            let number = cram_number(&v.attrs).or_else(|| {
                v.discriminant.as_ref().and_then(|(_, d)| match d {
                    Expr::Lit(l) => match &l.lit {
                        Lit::Int(n) => n.base10_parse().ok(),
                        _ => None,
                    },
                    _ => None,
                })
            });
            let Some(number) = number else {
                let item = format!("{}::{}", def.name, v.ident);
                self.problem(
                    def.file,
                    v.ident.span(),
                    item,
                    "no number (`= N` or #[cram(N)]); left out".into(),
                );
                continue;
            };
            has_zero |= number == 0;
            write_docs(out, "    ", &v.attrs);
            let _ = writeln!(out, "    {} = {number};", v.ident);
        }
        out.push_str("}\n");
        if let (Some(v), true) = (catch_all, has_zero) {
            let item = format!("{}::{}", def.name, v.ident);
            let message =
                "the catch-all keeps unknown numbers, but a .cram enum with a value 0 rejects them \
                           (UnknownEnumValue); known numbers are written the same";
            self.problem(def.file, v.ident.span(), item, message.into());
        }
    }

    fn interface(&mut self, out: &mut String, def: &Def<'a>, e: &syn::ItemEnum) {
        out.push('\n');
        write_docs(out, "", &e.attrs);
        let _ = writeln!(out, "interface {} {{", def.name);
        for v in &e.variants {
            let item = format!("{}::{}", def.name, v.ident);
            let member = match &v.fields {
                Fields::Unnamed(f) if f.unnamed.len() == 1 => self.named(&f.unnamed[0].ty),
                _ => None,
            };
            let id = cram_key(&v.attrs, "type_id");
            match (member, id) {
                (Some((name, DefShape::Message)), Some(id)) => {
                    write_docs(out, "    ", &v.attrs);
                    let _ = writeln!(out, "    {id} = {name};");
                }
                (_, None) => self.problem(
                    def.file,
                    v.ident.span(),
                    item,
                    "no type id (#[cram(type_id = N)]); left out".into(),
                ),
                _ => self.problem(
                    def.file,
                    v.ident.span(),
                    item,
                    "an interface member is one message deriving Cramberry; left out".into(),
                ),
            }
        }
        out.push_str("}\n");
    }

    /// The derived type `ty` names (through `Box`), with its shape.
    fn named(&self, ty: &Type) -> Option<(String, &DefShape<'a>)> {
        let (name, _) = last_segment(ty)?;
        let def = &self.defs[*self.index.get(&name)?];
        Some((name, &def.shape))
    }

    /// The schema type of a field of Rust type `ty`.
    fn field_type(&mut self, ty: &Type, fixed: bool) -> Result<FieldType, String> {
        let plain = |ty: String| FieldType { modifier: "", ty };
        if let Some(bytes) = self.bytes_type(ty) {
            return Ok(plain(bytes));
        }
        match ty {
            Type::Array(a) => {
                let n = a.len.to_token_stream().to_string().replace('_', "");
                let element = self.contained(&a.elem, fixed)?;
                return Ok(FieldType { modifier: "", ty: format!("[{n}]{element}") });
            }
            Type::Reference(r) => {
                if let Type::Slice(s) = &*r.elem {
                    return Ok(FieldType { modifier: "repeated ", ty: self.contained(&s.elem, fixed)? });
                }
            }
            _ => {}
        }
        let Some((name, args)) = last_segment(ty) else {
            return Ok(plain(self.element(ty, fixed)?));
        };
        match (name.as_str(), args.as_slice()) {
            ("Option", [inner]) => {
                if is_list(inner) {
                    return Err(
                        "an optional list (`Option<Vec<T>>`) is written as a wrapper message the schema \
                                cannot name"
                            .into(),
                    );
                }
                let element = self.contained(inner, fixed)?;
                Ok(FieldType { modifier: "optional ", ty: element })
            }
            ("Vec", [inner]) => Ok(FieldType { modifier: "repeated ", ty: self.contained(inner, fixed)? }),
            ("SmallVec", [Type::Array(a)]) => {
                Ok(FieldType { modifier: "repeated ", ty: self.contained(&a.elem, fixed)? })
            }
            ("Box", [inner]) => self.field_type(inner, fixed),
            ("BTreeMap" | "HashMap", [key, value]) => {
                let key = self.contained(key, false)?;
                Ok(plain(format!("map[{key}]{}", self.contained(value, fixed)?)))
            }
            _ => match self.index.get(&name).map(|&i| &self.defs[i].shape) {
                // A newtype field is its field: a newtype of a list is a list.
                Some(DefShape::Transparent(inner)) => {
                    let inner: &Type = inner;
                    self.field_type(inner, fixed)
                }
                _ => Ok(plain(self.element(ty, fixed)?)),
            },
        }
    }

    /// `bytes` when `ty` is written as bytes (fixed-length arrays too: see [`fixed_length_bytes`]).
    fn bytes_type(&self, ty: &Type) -> Option<String> {
        match ty {
            Type::Array(a) if is_u8(&a.elem) => Some("bytes".into()),
            Type::Reference(r) => match &*r.elem {
                Type::Slice(s) if is_u8(&s.elem) => Some("bytes".into()),
                _ => None,
            },
            _ => {
                let (name, args) = last_segment(ty)?;
                let bytes = match (name.as_str(), args.as_slice()) {
                    ("Vec" | "Box" | "Arc" | "Rc" | "Cow", [Type::Slice(s)]) if is_u8(&s.elem) => true,
                    ("Vec", [inner]) => is_u8(inner),
                    ("SmallVec", [Type::Array(a)]) => is_u8(&a.elem),
                    ("Bytes" | "BytesMut", []) => true,
                    _ => false,
                };
                bytes.then(|| "bytes".into())
            }
        }
    }

    /// The schema type of a value held by a list, map or optional: not a fixed-length byte array, which the
    /// schema language writes as a list (`[N]uint8`) and so cannot nest.
    fn contained(&mut self, ty: &Type, fixed: bool) -> Result<String, String> {
        let element = self.element(ty, fixed)?;
        if element.starts_with('[') {
            return Err(format!(
                "`{}` is written as `{element}`, a list, which the schema cannot hold in a list, map or optional",
                shown(ty)
            ));
        }
        Ok(element)
    }

    /// The schema type of one value (an element, a map key or value, an optional's content).
    fn element(&mut self, ty: &Type, fixed: bool) -> Result<String, String> {
        if let Some(bytes) = self.bytes_type(ty) {
            return Ok(bytes);
        }
        if matches!(ty, Type::Tuple(_)) {
            return Err(format!("`{}`: tuples have no .cram equivalent (use a message)", shown(ty)));
        }
        if is_list(ty) {
            return Err(format!(
                "`{}`: a list inside a list or map is a wrapper the schema cannot name",
                shown(ty)
            ));
        }
        if let Type::Reference(r) = ty {
            if matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")) {
                return Ok("string".into());
            }
        }
        let Some((name, args)) = last_segment(ty) else {
            return Err(format!("`{}` has no wire encoding", shown(ty)));
        };
        if let Some(scalar) = rust_scalar(&name, fixed) {
            return Ok(scalar.schema_name().into());
        }
        match (name.as_str(), args.as_slice()) {
            ("Cow" | "Box" | "Arc" | "Rc", [inner]) if is_str(inner) => return Ok("string".into()),
            ("Box", [inner]) => return self.element(inner, fixed),
            _ => {}
        }
        if let Some(&i) = self.index.get(&name) {
            return match &self.defs[i].shape {
                DefShape::Message | DefShape::Enum | DefShape::Interface => Ok(name),
                DefShape::Transparent(inner) => {
                    let inner: &Type = inner;
                    self.element(inner, fixed)
                }
                DefShape::Pod => Err(format!("`{name}` is a pod struct, which has no .cram equivalent")),
                DefShape::Other(what) => Err(format!("`{name}` is {what}, which has no .cram equivalent")),
            };
        }
        // The foreign time types written as the standard Timestamp, then the standard types by name.
        let standard = match name.as_str() {
            "SystemTime" | "DateTime" | "OffsetDateTime" => Some("Timestamp"),
            _ => cramberry::std_types::STANDARD_TYPES.iter().map(|&(n, _)| n).find(|&n| n == name),
        };
        if let Some(standard) = standard {
            self.uses_std = true;
            return Ok(format!("cramberry.std.{standard}"));
        }
        Err(format!("`{}` is not a #[derive(Cramberry)] type of the given sources", shown(ty)))
    }
}

/// The length of a fixed-length byte array written as `bytes` (`[u8; N]`, `u128`, `Uuid`...), inside a list,
/// map or optional too.
fn fixed_length_bytes(ty: &Type) -> Option<String> {
    match ty {
        Type::Array(a) if is_u8(&a.elem) => Some(a.len.to_token_stream().to_string().replace('_', "")),
        Type::Array(a) => fixed_length_bytes(&a.elem),
        Type::Reference(r) => match &*r.elem {
            Type::Slice(s) => fixed_length_bytes(&s.elem),
            _ => None,
        },
        _ => {
            let (name, args) = last_segment(ty)?;
            match name.as_str() {
                "u128" | "i128" | "Uuid" | "Decimal" => Some("16".into()),
                "Option" | "Vec" | "Box" => args.first().and_then(|t| fixed_length_bytes(t)),
                "BTreeMap" | "HashMap" => args.iter().find_map(|t| fixed_length_bytes(t)),
                _ => None,
            }
        }
    }
}

/// The last path segment of `ty` and its type arguments.
fn last_segment(ty: &Type) -> Option<(String, Vec<&Type>)> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    let args = match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| if let GenericArgument::Type(t) = arg { Some(t) } else { None })
            .collect(),
        _ => Vec::new(),
    };
    Some((last.ident.to_string(), args))
}

fn is_u8(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("u8"))
}

fn is_str(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("str"))
}

/// A list other than bytes.
fn is_list(ty: &Type) -> bool {
    match ty {
        Type::Array(a) => !is_u8(&a.elem),
        Type::Reference(r) => matches!(&*r.elem, Type::Slice(s) if !is_u8(&s.elem)),
        _ => match last_segment(ty) {
            Some((name, args)) => match name.as_str() {
                "Vec" => !args.first().is_some_and(|t| is_u8(t)),
                "VecDeque" | "HashSet" | "BTreeSet" => true,
                "SmallVec" => !matches!(args.first(), Some(Type::Array(a)) if is_u8(&a.elem)),
                _ => false,
            },
            None => false,
        },
    }
}

/// The scalar kind the derive writes a Rust type as: the runtime's table (`ScalarKind::rust_type`), with
/// `#[cram(fixed)]` choosing the fixed-width kind where there is one, plus the types the derive writes as
/// another's kind (`char` as `u32`, `usize`/`isize` as 64-bit, `str` as `String`, 16-byte numbers and ids as
/// bytes).
fn rust_scalar(name: &str, fixed: bool) -> Option<Scalar> {
    let (name, fixed) = match name {
        "char" => ("u32", false),
        "usize" => ("u64", fixed),
        "isize" => ("i64", fixed),
        "str" => ("String", fixed),
        "u128" | "i128" | "Uuid" | "Decimal" => return Some(Scalar::Bytes),
        name => (name, fixed),
    };
    let named = |k: &Scalar| k.rust_type() == name;
    let mut kinds = Scalar::ALL.into_iter().filter(named);
    let first = kinds.clone().next();
    kinds.find(|k| k.is_fixed_int() == fixed).or(first)
}

/// A type as written.
fn shown(ty: &Type) -> String {
    ty.to_token_stream()
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" ,", ",")
}

/// The span of a syntax node (its first token's, with line numbers from `span-locations`).
trait SpanOf {
    fn span_of(&self) -> Span;
}

impl<T: ToTokens> SpanOf for T {
    fn span_of(&self) -> Span {
        self.to_token_stream().into_iter().next().map_or_else(Span::call_site, |t| t.span())
    }
}
