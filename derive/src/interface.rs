//! Interfaces: enums whose variants each hold one message, written as TYPEREF with the variant's type id.

use crate::attr::VariantAttrs;
use crate::message::{de_lifetime, rt, with_de_lifetime};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataEnum, DeriveInput, Fields};

pub fn expand(input: &DeriveInput, data: &DataEnum) -> syn::Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    let name_str = name.to_string();
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (de_impl_g, _, _) = de_generics.split_for_impl();
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let mut ids = std::collections::BTreeMap::new();
    let (mut lens, mut encodes, mut decodes, mut type_ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut first = None;
    for v in &data.variants {
        let ident = &v.ident;
        let variant_str = ident.to_string();
        let Fields::Unnamed(fields) = &v.fields else {
            return Err(syn::Error::new_spanned(
                v,
                "an interface variant holds exactly one message: `Circle(Circle)`",
            ));
        };
        if fields.unnamed.len() != 1 {
            return Err(syn::Error::new_spanned(
                v,
                "an interface variant holds exactly one message: `Circle(Circle)`",
            ));
        }
        let ty = &fields.unnamed[0].ty;
        let attrs = VariantAttrs::parse(&v.attrs)?;
        let Some((id, span)) = attrs.type_id else {
            return Err(syn::Error::new_spanned(
                v,
                "each interface variant needs #[cram(type_id = N)] with N >= 128",
            ));
        };
        if id < 128 {
            return Err(syn::Error::new(
                span,
                format!("type id {id} is reserved (0 is nil, 1-127 are built-in); user types start at 128"),
            ));
        }
        if let Some(previous) = ids.insert(id, variant_str.clone()) {
            return Err(syn::Error::new(span, format!("type id {id} is already used by `{previous}`")));
        }
        first.get_or_insert((ident, ty));
        lens.push(quote!(#name::#ident(m) => #rt::interface::len(#id, m, rec),));
        encodes.push(quote!(#name::#ident(m) => #rt::interface::encode(#id, m, w, sizes),));
        type_ids.push(quote!(#name::#ident(_) => #id,));
        decodes.push(quote! {
            #id => ::core::result::Result::Ok(#name::#ident(
                #rt::message::decode(r).map_err(|e| e.in_field(#name_str, #variant_str))?
            )),
        });
    }
    let Some((first_ident, first_ty)) = first else {
        return Err(syn::Error::new_spanned(name, "an interface needs at least one variant"));
    };
    Ok(quote! {
        impl #impl_g #name #ty_g #where_c {
            /// The type id written on the wire for this value's concrete type.
            pub fn type_id(&self) -> u64 {
                match self { #(#type_ids)* }
            }
        }

        #[automatically_derived]
        impl #impl_g #rt::Value for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::TypeRef;
            #[inline]
            fn is_default(&self) -> bool {
                false
            }
            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                match self { #(#lens)* }
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                match self { #(#encodes)* }
            }
        }

        #[automatically_derived]
        impl #de_impl_g #rt::DecodeValue<#de> for #name #ty_g #where_c {
            #[inline]
            fn empty() -> Self {
                #name::#first_ident(<#first_ty as ::cramberry::DecodeMessage<#de>>::empty())
            }
            #[inline]
            fn decode(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                let (type_id, at) = #rt::interface::read_type_id(r)?;
                match type_id {
                    #(#decodes)*
                    other => ::core::result::Result::Err(#rt::interface::unknown_type_id(other, at)),
                }
            }
        }
    })
}
