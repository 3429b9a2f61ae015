//! The container shape of a field's type, read from its syntax. Element kinds are left to the runtime's
//! `EncodeValue` trait, so this is the only place the derive looks inside a type.

use syn::{GenericArgument, PathArguments, Type};

/// The field strategy a field's container type selects (the runtime module its code calls: `plain`,
/// `optional`, `repeated`, `array`, `map`). Not the runtime's `Shape`, which is an element kind's wire layout.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
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

pub fn strategy_of(ty: &Type) -> Strategy {
    match ty {
        Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return Strategy::Plain;
            };
            let name = last.ident.to_string();
            match name.as_str() {
                "Option" => Strategy::Optional,
                "BTreeMap" | "HashMap" => Strategy::Map,
                "Vec" if !first_type_arg(&last.arguments).is_some_and(is_u8) => Strategy::Repeated,
                "SmallVec" if !first_type_arg(&last.arguments).is_some_and(is_u8_array) => Strategy::Repeated,
                _ => Strategy::Plain,
            }
        }
        Type::Reference(r) => match &*r.elem {
            Type::Slice(s) if !is_u8(&s.elem) => Strategy::Repeated,
            _ => Strategy::Plain,
        },
        Type::Array(a) if !is_u8(&a.elem) => Strategy::Array,
        Type::Group(g) => strategy_of(&g.elem),
        Type::Paren(p) => strategy_of(&p.elem),
        _ => Strategy::Plain,
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

/// `[u8; N]`: the inline storage of a `SmallVec` of bytes.
pub fn is_u8_array(ty: &Type) -> bool {
    matches!(ty, Type::Array(a) if is_u8(&a.elem))
}

pub fn is_u8(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none() && p.path.is_ident("u8"))
}

/// The type arguments of a path type's last segment (`Vec<T>` → `[T]`, `BTreeMap<K, V>` → `[K, V]`).
pub fn type_args(ty: &Type) -> Vec<&Type> {
    let Type::Path(p) = ty else { return Vec::new() };
    let Some(last) = p.path.segments.last() else { return Vec::new() };
    match &last.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|arg| match arg {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

pub fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// What a view accessor returns for a single value of `ty`, spelt out for rustdoc when the syntax says it
/// (`u32`, `&'v str`, `&'v [u8]`); `None` for types only the runtime knows (messages, enums, ...). Each is
/// exactly what the `ValueView` projection resolves to, so the two are the same type.
pub fn readable_value_view(ty: &Type, v: &syn::Lifetime) -> Option<proc_macro2::TokenStream> {
    const SCALARS: [&str; 16] = [
        "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "char",
    ];
    let is_str = |t: &Type| matches!(t, Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"));
    match ty {
        Type::Reference(r) if is_str(&r.elem) => return Some(quote::quote!(&#v str)),
        Type::Reference(r) if matches!(&*r.elem, Type::Slice(s) if is_u8(&s.elem)) => {
            return Some(quote::quote!(&#v [u8]))
        }
        _ => {}
    }
    let name = last_ident(ty)?;
    let args = type_args(ty);
    match name.as_str() {
        s if SCALARS.contains(&s) && args.is_empty() => Some(quote::quote!(#ty)),
        "String" => Some(quote::quote!(&#v str)),
        "Vec" if args.len() == 1 && is_u8(args[0]) => Some(quote::quote!(&#v [u8])),
        "SmallVec" if args.len() == 1 && is_u8_array(args[0]) => Some(quote::quote!(&#v [u8])),
        "Cow" | "Box" | "Arc" | "Rc" if args.len() == 1 && is_str(args[0]) => Some(quote::quote!(&#v str)),
        "Cow" | "Box" | "Arc" | "Rc"
            if args.len() == 1 && matches!(args[0], Type::Slice(s) if is_u8(&s.elem)) =>
        {
            Some(quote::quote!(&#v [u8]))
        }
        _ => None,
    }
}

/// The element type of a list type (`Vec<T>`, `[T; N]`, `SmallVec<[T; N]>`), when its syntax says it.
pub fn list_element(ty: &Type) -> Option<&Type> {
    match ty {
        Type::Array(a) => Some(&a.elem),
        _ => match (last_ident(ty).as_deref(), type_args(ty).first().copied()) {
            (Some("Vec"), elem) => elem,
            (Some("SmallVec"), Some(Type::Array(a))) => Some(&a.elem),
            _ => None,
        },
    }
}

/// A `Vec<T>` (T not `u8`) in a place one value goes (inside an `Option` or a list): written as a value.
pub fn is_value_list(ty: &Type) -> bool {
    last_ident(ty).as_deref() == Some("Vec") && !type_args(ty).first().is_some_and(|t| is_u8(t))
}

/// The type of one value of a field of type `field`: the type itself for a plain field, the inner type of an
/// `Option`, the element type of a list; `None` for a map (whose keys and values have natural kinds).
pub fn field_value(field: &Type) -> Option<&Type> {
    match strategy_of(field) {
        Strategy::Plain => Some(field),
        Strategy::Optional => option_inner(field),
        Strategy::Repeated | Strategy::Array => list_element(field),
        Strategy::Map => None,
    }
}

/// How many lists deep a field's values are written as values (`Listed` kinds): `Option<Vec<T>>` and
/// `Vec<Vec<T>>` one, `Vec<Vec<Vec<T>>>` two, anything else none.
pub fn listed_depth(field: &Type) -> usize {
    fn depth(ty: &Type) -> usize {
        match list_element(ty) {
            Some(elem) if is_value_list(ty) => 1 + depth(elem),
            _ => 0,
        }
    }
    match strategy_of(field) {
        Strategy::Plain => 0,
        _ => field_value(field).map_or(0, depth),
    }
}

/// The key and value types of a map type (`BTreeMap<K, V>`, `HashMap<K, V, S>`), when its syntax says them.
pub fn map_key_value(ty: &Type) -> Option<(&Type, &Type)> {
    let args = type_args(ty);
    match last_ident(ty).as_deref() {
        Some("BTreeMap" | "HashMap") if args.len() >= 2 => Some((args[0], args[1])),
        _ => None,
    }
}

/// The inner type of `Option<T>`.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    match last_ident(ty).as_deref() {
        Some("Option") => type_args(ty).first().copied(),
        _ => None,
    }
}
