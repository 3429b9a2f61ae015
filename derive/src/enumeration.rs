//! Fieldless enums with explicit numbers, written as VARINT.

use crate::attr::{self, VariantAttrs};
use crate::errors::Errors;
use crate::vocab::rt;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use syn::{DataEnum, DeriveInput, Expr, ExprLit, Fields, Lit};

pub fn expand(input: &DeriveInput, data: &DataEnum, errors: &mut Errors) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let name_str = name.to_string();
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let mut to_number = Vec::new();
    let mut from_number = Vec::new();
    let mut numbers = BTreeMap::new();
    let mut other = None;
    let mut unnumbered = Vec::new();
    for v in &data.variants {
        let ident = &v.ident;
        let Some(attrs) = errors.ok(VariantAttrs::parse(&v.attrs)) else {
            to_number.push(quote!(#name::#ident { .. } => #rt::broken(),));
            continue;
        };
        if attrs.other {
            let problem = if !matches!(&v.fields, Fields::Unnamed(u) if u.unnamed.len() == 1) {
                Some("the #[cram(other)] variant holds the number: `Other(u32)`")
            } else if other.is_some() {
                Some("only one #[cram(other)] variant is allowed")
            } else {
                None
            };
            match problem {
                Some(message) => {
                    errors.push(syn::Error::new_spanned(v, message));
                    to_number.push(quote!(#name::#ident { .. } => #rt::broken(),));
                }
                None => {
                    other = Some(ident);
                    to_number.push(quote!(#name::#ident(n) => *n,));
                }
            }
            continue;
        }
        let number = match (attrs.number, &v.discriminant) {
            (Some((n, _)), _) => errors.ok(u32::try_from(n).map_err(|_| too_large(v))),
            (None, Some((_, Expr::Lit(ExprLit { lit: Lit::Int(i), .. })))) => errors
                .ok(i.base10_parse::<u64>())
                .and_then(|n| errors.ok(u32::try_from(n).map_err(|_| too_large(v)))),
            _ => {
                unnumbered.push(v);
                continue;
            }
        };
        let Some(number) = number else {
            to_number.push(quote!(#name::#ident => #rt::broken(),));
            continue;
        };
        if let Some(previous) = numbers.insert(number, ident) {
            errors.push(syn::Error::new_spanned(
                v,
                format!("enum number {number} is already used by `{previous}`"),
            ));
            to_number.push(quote!(#name::#ident => #rt::broken(),));
            continue;
        }
        to_number.push(quote!(#name::#ident => #number,));
        from_number.push(quote!(#number => ::core::option::Option::Some(#name::#ident),));
    }
    let numbers_suggested = !unnumbered.is_empty();
    if numbers_suggested {
        errors.push(number_the_variants(data, &unnumbered, numbers.contains_key(&0), other.is_some()));
        for v in unnumbered {
            let ident = &v.ident;
            to_number.push(quote!(#name::#ident => #rt::broken(),));
        }
    }
    let default_variant = match (numbers.get(&0), other) {
        (Some(z), _) => quote!(#name::#z),
        (None, Some(o)) => quote!(#name::#o(0)),
        (None, None) => {
            if !numbers_suggested {
                errors.push(syn::Error::new_spanned(
                    name,
                    "a Cramberry enum needs a variant numbered 0 (the value an absent field decodes to), or a \
                     `#[cram(other)] Unknown(u32)` variant that holds unknown numbers",
                ));
            }
            quote!(#rt::broken())
        }
    };
    let fallback = match other {
        Some(o) => quote!(n => ::core::option::Option::Some(#name::#o(n)),),
        None => quote!(_ => ::core::option::Option::None,),
    };
    let de = crate::vocab::de_lifetime();
    let v = crate::vocab::view_lifetime();
    let view = crate::view::self_view(
        input,
        quote! {
            #[inline]
            fn revisit_view(c: &mut #rt::view::Cursor<#v>) -> Self {
                #rt::enumeration::revisit(c)
            }
        },
    );
    quote! {
        #view

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g ::cramberry::Enumeration for #name #ty_g #where_c {
            const NAME: &'static str = #name_str;
            #[inline]
            fn number(&self) -> u32 {
                match self { #(#to_number)* }
            }
            #[inline]
            fn from_number(number: u32) -> ::core::option::Option<Self> {
                match number { #(#from_number)* #fallback }
            }
            #[inline]
            fn default_variant() -> Self {
                #default_variant
            }
        }

        /// Map keys of an enum sort by number (not by the declaration order a derived `Ord` follows).
        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g #rt::map::MapKey for #name #ty_g #where_c {
            const ORD_IS_WIRE_ORDER: bool = false;
            #[inline]
            fn wire_cmp(&self, other: &Self) -> ::core::cmp::Ordering {
                ::cramberry::Enumeration::number(self).cmp(&::cramberry::Enumeration::number(other))
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g #rt::EncodeValue for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::Varint;
            #[inline]
            fn is_default(&self) -> bool {
                #rt::enumeration::is_default_number(::cramberry::Enumeration::number(self))
            }
            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, _: &mut R) -> usize {
                #rt::enumeration::len(self)
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, _: &mut #rt::SizeCursor<'_>) {
                #rt::enumeration::encode(self, w)
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#de> #rt::DecodeValue<#de> for #name #ty_g #where_c {
            #[inline]
            fn empty() -> Self {
                <Self as ::cramberry::Enumeration>::default_variant()
            }
            #[inline]
            fn decode(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                #rt::enumeration::decode(r)
            }
        }
    }
}

fn too_large(v: &syn::Variant) -> syn::Error {
    syn::Error::new_spanned(v, "enum numbers must fit in u32")
}

/// The error for variants without numbers, with every variant numbered in the fix as Rust numbers them (0
/// first, then one more than the variant before), and the default's rule when that leaves no variant 0.
fn number_the_variants(
    data: &DataEnum,
    unnumbered: &[&syn::Variant],
    has_zero: bool,
    has_other: bool,
) -> syn::Error {
    let mut next = 0u64;
    let mut zero = has_zero;
    let fixed: Vec<String> = data
        .variants
        .iter()
        .map(|v| {
            let explicit = VariantAttrs::parse(&v.attrs).ok().and_then(|a| a.number.map(|(n, _)| n)).or_else(
                || match &v.discriminant {
                    Some((_, Expr::Lit(ExprLit { lit: Lit::Int(i), .. }))) => i.base10_parse().ok(),
                    _ => None,
                },
            );
            let number = explicit.unwrap_or(next);
            next = number + 1;
            if explicit.is_some() || attr::is_other(&v.attrs) {
                quote!(#v).to_string()
            } else {
                zero |= number == 0;
                format!("{} = {number}", v.ident)
            }
        })
        .collect();
    let rule = if zero || has_other {
        "; 0 is the default an absent field decodes to"
    } else {
        "; and number one variant 0 (the default an absent field decodes to)"
    };
    syn::Error::new_spanned(
        unnumbered[0],
        format!("each variant needs an explicit number: `{}`{rule}", fixed.join(", ")),
    )
}
