//! The container shape of a field's type, read from its syntax. Element kinds are left to the runtime's
//! `Value` trait, so this is the only place the derive looks inside a type.

use syn::{GenericArgument, PathArguments, Type};

/// How a field's type is laid out as a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One value (scalars, strings, `Vec<u8>`, `[u8; N]`, messages, enums, `Box<T>`).
    Plain,
    /// `Option<T>`.
    Optional,
    /// `Vec<T>` or `&[T]` (T not `u8`).
    Repeated,
    /// `[T; N]` (T not `u8`).
    Array,
    /// `BTreeMap<K, V>` or `HashMap<K, V>`.
    Map,
}

pub fn shape_of(ty: &Type) -> Shape {
    match ty {
        Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return Shape::Plain;
            };
            let name = last.ident.to_string();
            match name.as_str() {
                "Option" => Shape::Optional,
                "BTreeMap" | "HashMap" => Shape::Map,
                "Vec" if !first_type_arg(&last.arguments).is_some_and(is_u8) => Shape::Repeated,
                _ => Shape::Plain,
            }
        }
        Type::Reference(r) => match &*r.elem {
            Type::Slice(s) if !is_u8(&s.elem) => Shape::Repeated,
            _ => Shape::Plain,
        },
        Type::Array(a) if !is_u8(&a.elem) => Shape::Array,
        Type::Group(g) => shape_of(&g.elem),
        Type::Paren(p) => shape_of(&p.elem),
        _ => Shape::Plain,
    }
}

fn first_type_arg(args: &PathArguments) -> Option<&Type> {
    match args {
        PathArguments::AngleBracketed(a) => a.args.iter().find_map(|arg| match arg {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        }),
        _ => None,
    }
}

fn is_u8(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("u8"))
}
