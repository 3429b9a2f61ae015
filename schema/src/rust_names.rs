//! How schema names become Rust names and paths in generated code: modules, fields, types, variants, and the
//! path of a kind seen from a package. Shared by the Rust generator and its service generator.

use crate::model::{Kind, Schema};

/// The module name for a package (`a.b` -> `a_b`; no package -> `schema`).
pub fn module_name(package: &[String]) -> String {
    if package.is_empty() {
        "schema".into()
    } else {
        field_ident(&package.join("_"))
    }
}

/// The runtime's own Rust type for a standard message (`cramberry.std.Timestamp` is
/// `::cramberry::std_types::Timestamp`; every standard message has one), which the generator uses instead of
/// generating one.
pub(crate) fn runtime_standard_type(package: &[String], name: &str) -> Option<String> {
    let standard = package == ["cramberry", "std"]
        && cramberry::std_types::STANDARD_TYPES.iter().any(|&(n, _)| n == name);
    standard.then(|| format!("::cramberry::std_types::{name}"))
}

/// The Rust path of a kind, seen from a module of `package`.
pub(crate) fn type_path(schema: &Schema, package: &[String], kind: Kind) -> String {
    let (name, pkg) = match kind {
        Kind::Scalar(s) => return s.rust_type().to_string(),
        Kind::Enum(i) => (&schema.enums[i].name, &schema.enums[i].package),
        Kind::Message(i) => (&schema.messages[i].name, &schema.messages[i].package),
        Kind::Interface(i) => (&schema.interfaces[i].name, &schema.interfaces[i].package),
    };
    if let Some(runtime) = runtime_standard_type(pkg, name) {
        runtime
    } else if pkg == package {
        type_ident(name)
    } else {
        format!("super::{}::{}", module_name(pkg), type_ident(name))
    }
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// A field or module name: snake_case, a raw identifier for keywords, `_` appended where `r#` is not allowed.
pub fn field_ident(name: &str) -> String {
    let snake = snake_case(name);
    match snake.as_str() {
        "self" | "super" | "crate" | "Self" | "_" => format!("{snake}_"),
        s if KEYWORDS.contains(&s) => format!("r#{s}"),
        s if s.starts_with(|c: char| c.is_ascii_digit()) => format!("_{s}"),
        _ => snake,
    }
}

/// A type name: UpperCamelCase (`Self` becomes `Self_`).
pub fn type_ident(name: &str) -> String {
    let camel = camel_case(name);
    if camel == "Self" {
        "Self_".into()
    } else {
        camel
    }
}

/// An enum variant: `IN_PROGRESS` -> `InProgress`, `active` -> `Active`.
pub fn variant_ident(name: &str) -> String {
    type_ident(name)
}

fn snake_case(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev_lower = i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if i > 0
                && !out.ends_with('_')
                && (prev_lower || (next_lower && chars[i - 1].is_ascii_uppercase()))
            {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn camel_case(name: &str) -> String {
    let all_caps = name.chars().all(|c| !c.is_ascii_lowercase());
    let mut out = String::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            let rest: String = chars.collect();
            out.push_str(&if all_caps { rest.to_ascii_lowercase() } else { rest });
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_valid_idiomatic_identifiers() {
        assert_eq!(field_ident("firstName"), "first_name");
        assert_eq!(field_ident("HTTPStatus"), "http_status");
        assert_eq!(field_ident("type"), "r#type");
        assert_eq!(field_ident("self"), "self_");
        assert_eq!(field_ident("field_1"), "field_1");
        assert_eq!(type_ident("order_item"), "OrderItem");
        assert_eq!(type_ident("Self"), "Self_");
        assert_eq!(variant_ident("IN_PROGRESS"), "InProgress");
        assert_eq!(variant_ident("ACTIVE"), "Active");
        assert_eq!(variant_ident("stillCamel"), "StillCamel");
    }
}
