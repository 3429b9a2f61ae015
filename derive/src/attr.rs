//! Parsing `#[cram(...)]` attributes.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitInt, LitStr, Token};

/// One item inside `#[cram(...)]`: a number, a flag, `key = number` or `key = "string"`.
enum Arg {
    Number(LitInt),
    Flag(Ident),
    KeyValue(Ident, LitInt),
    KeyString(Ident, LitStr),
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(LitInt) {
            return input.parse().map(Arg::Number);
        }
        let ident: Ident = input.parse()?;
        if input.peek(Token![=]) {
            input.parse::<Token![=]>()?;
            if input.peek(LitStr) {
                return Ok(Arg::KeyString(ident, input.parse()?));
            }
            return Ok(Arg::KeyValue(ident, input.parse()?));
        }
        Ok(Arg::Flag(ident))
    }
}

fn cram_args(attrs: &[Attribute]) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("cram")) {
        args.extend(attr.parse_args_with(Punctuated::<Arg, Token![,]>::parse_terminated)?);
    }
    Ok(args)
}

fn unexpected(span: Span, what: &str, allowed: &str) -> syn::Error {
    syn::Error::new(span, format!("unknown cram attribute `{what}`; expected {allowed}"))
}

/// Attributes on the struct or enum itself.
#[derive(Default)]
pub struct ContainerAttrs {
    pub pod: bool,
    pub transparent: bool,
    /// `type_id = N` on a message: its id in registries and TYPEREF values.
    pub type_id: Option<LitInt>,
}

impl ContainerAttrs {
    pub fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = ContainerAttrs::default();
        for arg in cram_args(attrs)? {
            match arg {
                Arg::Flag(f) if f == "pod" => out.pod = true,
                Arg::Flag(f) if f == "transparent" => out.transparent = true,
                Arg::KeyValue(k, id) if k == "type_id" => {
                    if id.base10_parse::<u64>().map_or(true, |id| id < 64) {
                        return Err(syn::Error::new(
                            id.span(),
                            "a message's type id is 128 or more (64-127 are the standard types')",
                        ));
                    }
                    out.type_id = Some(id);
                }
                Arg::Flag(f) | Arg::KeyValue(f, _) | Arg::KeyString(f, _) => {
                    return Err(unexpected(f.span(), &f.to_string(), "`pod`, `transparent` or `type_id = N`"))
                }
                Arg::Number(n) => {
                    return Err(unexpected(n.span(), &n.to_string(), "`pod`, `transparent` or `type_id = N`"))
                }
            }
        }
        Ok(out)
    }
}

/// What a field of a message is.
pub enum FieldRole {
    /// An encoded field with its number.
    Encoded { number: u32, span: Span, required: bool, fixed: bool, with: Option<syn::Path> },
    /// `#[cram(skip)]`: not encoded, decoded as `Default::default()`.
    Skip,
    /// `#[cram(unknown_fields)]`: keeps unknown fields.
    Unknown,
    /// A field the derive reported an error on: not encoded, its code stubbed.
    Broken,
}

impl FieldRole {
    pub fn parse(attrs: &[Attribute], field_span: Span) -> syn::Result<Self> {
        let mut number: Option<(u32, Span)> = None;
        let (mut required, mut fixed, mut skip, mut unknown) = (false, false, false, false);
        let mut with = None;
        for arg in cram_args(attrs)? {
            match arg {
                Arg::Number(n) => number = Some((field_number(&n)?, n.span())),
                Arg::Flag(f) if f == "required" => required = true,
                Arg::Flag(f) if f == "fixed" => fixed = true,
                Arg::Flag(f) if f == "skip" => skip = true,
                Arg::Flag(f) if f == "unknown_fields" => unknown = true,
                Arg::KeyString(k, path) if k == "with" => {
                    let module = path.parse::<syn::Path>().map_err(|_| {
                        syn::Error::new(
                            path.span(),
                            "`with` takes a module path, such as \"crate::codecs::ipv4\"",
                        )
                    })?;
                    with = Some(module);
                }
                Arg::Flag(f) | Arg::KeyValue(f, _) | Arg::KeyString(f, _) => {
                    let allowed =
                        "a field number, `required`, `fixed`, `with = \"module\"`, `skip` or `unknown_fields`";
                    return Err(unexpected(f.span(), &f.to_string(), allowed));
                }
            }
        }
        match (skip, unknown, number) {
            (true, _, _) => Ok(FieldRole::Skip),
            (_, true, _) => Ok(FieldRole::Unknown),
            (_, _, Some((number, span))) => Ok(FieldRole::Encoded { number, span, required, fixed, with }),
            (_, _, None) => Err(syn::Error::new(
                field_span,
                "every field needs a number: #[cram(N)] (or #[cram(skip)] / #[cram(unknown_fields)])",
            )),
        }
    }
}

fn field_number(lit: &LitInt) -> syn::Result<u32> {
    let n: u64 = lit.base10_parse()?;
    if n == 0 || n > (1 << 29) - 1 {
        return Err(syn::Error::new(lit.span(), "field numbers run from 1 to 536870911 (2^29 - 1)"));
    }
    Ok(n as u32)
}

/// Attributes on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub number: Option<(u64, Span)>,
    pub type_id: Option<(u64, Span)>,
    pub other: bool,
}

impl VariantAttrs {
    pub fn parse(attrs: &[Attribute]) -> syn::Result<Self> {
        let mut out = VariantAttrs::default();
        for arg in cram_args(attrs)? {
            match arg {
                Arg::Number(n) => out.number = Some((n.base10_parse()?, n.span())),
                Arg::KeyValue(k, v) if k == "type_id" => out.type_id = Some((v.base10_parse()?, v.span())),
                Arg::Flag(f) if f == "other" => out.other = true,
                Arg::Flag(f) | Arg::KeyValue(f, _) | Arg::KeyString(f, _) => {
                    return Err(unexpected(f.span(), &f.to_string(), "a number, `other` or `type_id = N`"))
                }
            }
        }
        Ok(out)
    }
}

/// Whether a variant is marked `#[cram(other)]`.
pub fn is_other(attrs: &[Attribute]) -> bool {
    VariantAttrs::parse(attrs).map(|a| a.other).unwrap_or(false)
}
