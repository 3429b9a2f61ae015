//! Fieldless enums with explicit numbers, written as VARINT.

use crate::attr::VariantAttrs;
use crate::message::rt;
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Expr, ExprLit, Fields, Lit};

pub fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let name_str = name.to_string();
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let mut to_number = Vec::new();
    let mut from_number = Vec::new();
    let mut numbers = std::collections::BTreeMap::new();
    let mut other = None;
    let mut zero = None;
    for v in &data.variants {
        let ident = &v.ident;
        let attrs = VariantAttrs::parse(&v.attrs)?;
        if attrs.other {
            if !matches!(&v.fields, Fields::Unnamed(u) if u.unnamed.len() == 1) {
                return Err(syn::Error::new_spanned(
                    v,
                    "the #[cram(other)] variant holds the number: `Other(u32)`",
                ));
            }
            if other.replace(ident).is_some() {
                return Err(syn::Error::new_spanned(v, "only one #[cram(other)] variant is allowed"));
            }
            to_number.push(quote!(#name::#ident(n) => *n,));
            continue;
        }
        let number = match (attrs.number, &v.discriminant) {
            (Some((n, _)), _) => n,
            (None, Some((_, Expr::Lit(ExprLit { lit: Lit::Int(i), .. })))) => i.base10_parse::<u64>()?,
            _ => {
                return Err(syn::Error::new_spanned(
                    v,
                    "each variant needs an explicit number: `Name = 1` or `#[cram(1)] Name`",
                ))
            }
        };
        let number =
            u32::try_from(number).map_err(|_| syn::Error::new_spanned(v, "enum numbers must fit in u32"))?;
        if let Some(previous) = numbers.insert(number, ident.to_string()) {
            return Err(syn::Error::new_spanned(
                v,
                format!("enum number {number} is already used by `{previous}`"),
            ));
        }
        if number == 0 {
            zero = Some(ident);
        }
        to_number.push(quote!(#name::#ident => #number,));
        from_number.push(quote!(#number => ::core::option::Option::Some(#name::#ident),));
    }
    let default_variant = match (zero, other) {
        (Some(z), _) => quote!(#name::#z),
        (None, Some(o)) => quote!(#name::#o(0)),
        (None, None) => {
            return Err(syn::Error::new_spanned(
                name,
                "a Cramberry enum needs a variant numbered 0 (the default) or a #[cram(other)] variant",
            ))
        }
    };
    let fallback = match other {
        Some(o) => quote!(n => ::core::option::Option::Some(#name::#o(n)),),
        None => quote!(_ => ::core::option::Option::None,),
    };
    let de = crate::message::de_lifetime();
    let v = crate::view::view_lifetime();
    let view = crate::view::self_view(
        input,
        quote! {
            #[inline]
            fn revisit_view(c: &mut #rt::view::Cursor<#v>) -> Self {
                #rt::enumeration::revisit(c)
            }
        },
    );
    Ok(quote! {
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
        impl #impl_g #rt::Value for #name #ty_g #where_c {
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
    })
}
