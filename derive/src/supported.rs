//! The derive-time check of field types: types the wire format has no encoding for are reported at the type,
//! with what to use instead, before any code mentions them (which would raise a trait error at every use).
//! Types the syntax cannot judge (a struct of the user's) are left to the field traits'
//! `#[diagnostic::on_unimplemented]` messages.

use crate::shape::{is_u8, is_value_list, last_ident, type_args};
use quote::ToTokens;
use syn::Type;

/// `Ok` when the derive can encode a field of type `ty`; otherwise an error at the offending (inner) type
/// that names it and says what to use.
pub fn check(ty: &Type) -> syn::Result<()> {
    match ty {
        Type::Group(g) => check(&g.elem),
        Type::Paren(p) => check(&p.elem),
        Type::Tuple(t) if t.elems.is_empty() => {
            unsupported(ty, "`()` holds nothing to write; remove the field")
        }
        Type::Tuple(t) if t.elems.len() > 4 => unsupported(
            ty,
            "tuples of up to 4 elements are supported; use a message (a struct deriving Cramberry) with one \
             numbered field per element",
        ),
        // Each element is a field of the tuple's message: whatever a field can be, but a map.
        Type::Tuple(t) => t.elems.iter().try_for_each(|elem| match elem {
            e if is_map(e) => unsupported(e, "a tuple element is not a map; use a message with a map field"),
            e if is_list(e) && !matches!(e, Type::Array(_)) && !is_value_list(e) => unsupported(
                e,
                "a list in a tuple is a `Vec<T>` or a `[T; N]`; use one of those, or a message",
            ),
            e => check(e),
        }),
        Type::Array(a) if is_u8(&a.elem) => Ok(()),
        Type::Array(a) => check_element(ty, &a.elem),
        Type::Reference(r) => match &*r.elem {
            Type::Path(p) if p.path.is_ident("str") => Ok(()),
            Type::Slice(s) if is_u8(&s.elem) => Ok(()),
            Type::Slice(s) => check_element(ty, &s.elem),
            _ => {
                unsupported(ty, "a borrowed value other than `&str`, `&[u8]` or `&[T]`; use the value itself")
            }
        },
        Type::Path(p) if p.qself.is_none() => check_path(ty),
        _ => unsupported(ty, "this kind of type has no wire encoding"),
    }
}

fn check_path(ty: &Type) -> syn::Result<()> {
    let name = last_ident(ty).unwrap_or_default();
    let args = type_args(ty);
    let inner = |i: usize| args.get(i).copied();
    let is_str = |t: Option<&Type>| t.is_some_and(|t| matches!(t, Type::Path(p) if p.path.is_ident("str")));
    let is_bytes = |t: Option<&Type>| t.is_some_and(|t| matches!(t, Type::Slice(s) if is_u8(&s.elem)));
    match name.as_str() {
        "Instant" if is_std_time(ty) => unsupported(ty, "an `Instant` means nothing to another process; send a `SystemTime`"),
        "Box" | "Arc" | "Rc" if is_str(inner(0)) || is_bytes(inner(0)) => Ok(()),
        "Arc" | "Rc" => unsupported(ty, "shared pointers are not encoded; use the value itself or `Box<T>`"),
        "SmallVec" => match inner(0) {
            Some(Type::Array(a)) if is_u8(&a.elem) => Ok(()),
            Some(Type::Array(a)) => check_element(ty, &a.elem),
            _ => unsupported(ty, "write the inline storage as an array: `SmallVec<[T; N]>`"),
        },
        "HashSet" | "BTreeSet" | "VecDeque" | "LinkedList" | "BinaryHeap" | "ArrayVec" => {
            unsupported(ty, "use `Vec<T>` (sort a set first for canonical bytes)")
        }
        "Cell" | "RefCell" | "Mutex" | "RwLock" => unsupported(ty, "use the value inside"),
        "Box" => inner(0).map_or(Ok(()), check),
        "Option" => match inner(0) {
            Some(t) if is_value_list(t) => check(t),
            Some(t) if is_list(t) => unsupported(
                ty,
                "an optional list is an `Option<Vec<T>>` (written as a nested list, so `Some(vec![])` and `None` \
                 stay apart); use that, or the list itself",
            ),
            Some(t) if last_ident(t).as_deref() == Some("Option") => {
                unsupported(ty, "use `Option<T>`, or a message holding an `Option<T>`")
            }
            Some(t) if is_map(t) => unsupported(ty, "use the map itself (an absent map reads back empty)"),
            Some(t) => check(t),
            None => Ok(()),
        },
        "Vec" if inner(0).is_some_and(is_u8) => Ok(()),
        "Vec" => inner(0).map_or(Ok(()), |elem| check_element(ty, elem)),
        "BTreeMap" | "HashMap" => {
            if let Some(key) = inner(0) {
                check_key(key)?;
            }
            match inner(1) {
                Some(v) if is_list(v) || is_map(v) || last_ident(v).as_deref() == Some("Option") => unsupported(
                    v,
                    "a map value is one value; wrap it in a message: `struct Entry { #[cram(1)] items: Vec<T> }`",
                ),
                Some(v) => check(v),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Whether `ty` is spelt as std's (`std::time::Duration`, `core::time::Instant`, ...): a bare `Duration` may be
/// the user's own message.
fn is_std_time(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let names: Vec<String> = p.path.segments.iter().map(|s| s.ident.to_string()).collect();
    names.len() >= 2 && names[names.len() - 2] == "time" && matches!(names[0].as_str(), "std" | "core")
}

/// The element type `elem` of the list type `list`.
fn check_element(list: &Type, elem: &Type) -> syn::Result<()> {
    if is_value_list(elem) && !matches!(list, Type::Reference(_)) {
        return check(elem);
    }
    if is_list(elem) || is_map(elem) {
        return unsupported(
            list,
            "a list element is one value: lists of lists are `Vec<Vec<T>>`; wrap other inner collections in a \
             message: `struct Row { #[cram(1)] values: Vec<T> }`, then use `Vec<Row>`",
        );
    }
    if last_ident(elem).as_deref() == Some("Option") {
        return unsupported(
            list,
            "list elements cannot be absent; use `Vec<T>`, or a list of messages each holding an `Option<T>`",
        );
    }
    check(elem)
}

/// A map key: integers, bool, strings, bytes and enums.
fn check_key(key: &Type) -> syn::Result<()> {
    match last_ident(key).as_deref() {
        Some("f32" | "f64") => unsupported_key(key, "float keys have no total order; use the bits (`u32` / `u64`)"),
        _ if is_list(key) || is_map(key) || matches!(key, Type::Tuple(_)) => unsupported_key(
            key,
            "map keys are integers, bool, strings, bytes or enums; use a list of entry messages for compound keys",
        ),
        _ => check(key),
    }
}

fn unsupported(ty: &Type, fix: &str) -> syn::Result<()> {
    Err(syn::Error::new_spanned(ty, format!("`{}` is not a supported field type: {fix}", shown(ty))))
}

fn unsupported_key(ty: &Type, fix: &str) -> syn::Result<()> {
    Err(syn::Error::new_spanned(ty, format!("`{}` is not a supported map key: {fix}", shown(ty))))
}

/// A type as written (without the token stream's spaces).
fn shown(ty: &Type) -> String {
    ty.to_token_stream()
        .to_string()
        .replace(" :: ", "::")
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
}

/// A list type other than bytes: `Vec<T>`, `[T; N]`, `&[T]` (T not `u8`), or a collection the derive refuses.
fn is_list(ty: &Type) -> bool {
    match ty {
        Type::Array(a) => !is_u8(&a.elem),
        Type::Reference(r) => matches!(&*r.elem, Type::Slice(s) if !is_u8(&s.elem)),
        _ => match last_ident(ty).as_deref() {
            Some("Vec") => !type_args(ty).first().is_some_and(|t| is_u8(t)),
            Some("HashSet" | "BTreeSet" | "VecDeque" | "SmallVec") => true,
            _ => false,
        },
    }
}

fn is_map(ty: &Type) -> bool {
    matches!(last_ident(ty).as_deref(), Some("BTreeMap" | "HashMap"))
}
