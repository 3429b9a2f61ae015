//! Interfaces: enums whose variants each hold one message, written as TYPEREF with the variant's type id.

use crate::attr::VariantAttrs;
use crate::errors::Errors;
use crate::vocab::{de_lifetime, rt, with_de_lifetime};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use syn::{DataEnum, DeriveInput, Fields};

pub fn expand(input: &DeriveInput, data: &DataEnum, errors: &mut Errors) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let name_str = name.to_string();
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (de_impl_g, _, _) = de_generics.split_for_impl();
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();

    let mut ids = BTreeMap::new();
    let (mut lens, mut encodes, mut decodes, mut type_ids) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut plain_lens, mut plain_encodes) = (Vec::new(), Vec::new());
    let mut first = None;
    let mut registrations = Vec::new();
    let vl = crate::vocab::view_lifetime();
    let view_name = quote::format_ident!("{}View", name);
    let vis = &input.vis;
    let (mut view_variants, mut view_reads, mut view_owned) = (Vec::new(), Vec::new(), Vec::new());
    for v in &data.variants {
        let ident = &v.ident;
        let variant_str = ident.to_string();
        let Some((ty, id)) = errors.ok(member(v, &mut ids)) else {
            let broken = quote!(#name::#ident { .. } => #rt::broken(),);
            for arms in [&mut lens, &mut plain_lens, &mut plain_encodes, &mut encodes, &mut type_ids] {
                arms.push(broken.clone());
            }
            continue;
        };
        first.get_or_insert((ident, ty));
        let registered = match crate::shape::last_ident(ty).as_deref() {
            Some("Box") => crate::shape::type_args(ty).first().copied().unwrap_or(ty),
            _ => ty,
        };
        registrations.push(quote!(registry.register_as::<#registered>(#id)?;));
        let vty = crate::vocab::with_view_lifetime(ty);
        view_variants.push(quote!(#ident(<#vty as #rt::ValueView<#vl>>::View)));
        view_reads.push(quote! {
            #id => ::core::result::Result::Ok(#view_name::#ident(
                <#vty as #rt::ValueView<#vl>>::read_view(r).map_err(|e| e.in_field(#name_str, #variant_str))?
            )),
        });
        view_owned.push(
            quote!(#view_name::#ident(m) => #name::#ident(<#vty as #rt::ValueView<#vl>>::from_view(m)),),
        );
        lens.push(quote!(#name::#ident(m) => #rt::interface::len(#id, m, rec),));
        let first = plain_lens.is_empty();
        plain_lens.push(quote!(#name::#ident(m) => #rt::interface::plain_len(#id, #first, m, rec),));
        plain_encodes.push(
            quote!(#name::#ident(m) => #rt::interface::encode_plain(#id, #first, m, number, w, sizes),),
        );
        encodes.push(quote!(#name::#ident(m) => #rt::interface::encode(#id, m, w, sizes),));
        type_ids.push(quote!(#name::#ident(_) => #id,));
        decodes.push(quote! {
            #id => ::core::result::Result::Ok(#name::#ident(
                #rt::message::decode(r).map_err(|e| e.in_field(#name_str, #variant_str))?
            )),
        });
    }
    let Some((first_ident, first_ty)) = first else {
        if data.variants.is_empty() {
            errors.push(syn::Error::new_spanned(name, "an interface needs at least one variant"));
        }
        return crate::stub::value_impls(input);
    };
    let first_vty = crate::vocab::with_view_lifetime(first_ty);
    let view_doc = format!("The view of a [`{name}`] value: the view of whichever message it holds.");
    let owned = crate::vocab::self_with_view_lifetime(input);
    let lifetimes: Vec<_> = input.generics.lifetimes().map(|l| &l.lifetime).collect();
    // Members of a generic interface may borrow, which a registry (of owned types) cannot hold.
    let register = if input.generics.params.is_empty() {
        quote! {
            impl #name {
                /// Registers every member's message type in `registry` under its type id, so values of
                /// them held as [`TypeRef`](::cramberry::registry::TypeRef)s decode to the members' types.
                pub fn register_members(
                    registry: &mut ::cramberry::registry::Registry,
                ) -> ::core::result::Result<(), ::cramberry::registry::RegistryError> {
                    registry.register_all(|registry| {
                        #(#registrations)*
                        ::core::result::Result::Ok(())
                    })
                }
            }
        }
    } else {
        quote!()
    };
    let lazy_is_view = crate::view::lazy_is_view(&quote!(#vl), &quote!(::cramberry::__private::Natural));
    quote! {
        #[doc = #view_doc]
        #[derive(Clone, Debug)]
        #vis enum #view_name<#vl> {
            #(#view_variants,)*
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#vl, #(#lifetimes),*> #rt::ValueView<#vl> for #name #ty_g where #(#vl: #lifetimes),* {
            type View = #view_name<#vl>;
            #lazy_is_view
            #[inline]
            fn empty_view() -> Self::View {
                #view_name::#first_ident(<#first_vty as #rt::ValueView<#vl>>::empty_view())
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                match view {
                    #view_name::#first_ident(m) => <#first_vty as #rt::ValueView<#vl>>::view_is_default(m),
                    #[allow(unreachable_patterns)]
                    _ => false,
                }
            }
            #[inline]
            fn read_view(r: &mut #rt::Reader<#vl>) -> ::cramberry::Result<Self::View> {
                let (type_id, at) = #rt::interface::read_type_id(r)?;
                match type_id {
                    #(#view_reads)*
                    other => ::core::result::Result::Err(#rt::interface::unknown_type_id(other, at)),
                }
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                let owned: #owned = match view { #(#view_owned)* };
                owned
            }
        }

        impl #impl_g #name #ty_g #where_c {
            /// The type id written on the wire for this value's concrete type.
            pub fn type_id(&self) -> u64 {
                match self { #(#type_ids)* }
            }
        }

        #register

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g #rt::EncodeValue for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::TypeRef;
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                // The default is what an absent field decodes to: the first member, empty.
                match self {
                    #name::#first_ident(m) => <#first_ty as #rt::EncodeValue>::is_default(m),
                    #[allow(unreachable_patterns)]
                    _ => false,
                }
            }

            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                match self { #(#lens)* }
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                match self { #(#encodes)* }
            }
            #[inline]
            fn plain_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> ::core::option::Option<usize> {
                match self { #(#plain_lens)* }
            }
            #[inline]
            fn encode_plain(&self, number: u32, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                match self { #(#plain_encodes)* }
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
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
    }
}

/// A variant's message type and type id, checked: one unnamed field, a user type id not used before.
fn member<'v>(v: &'v syn::Variant, ids: &mut BTreeMap<u64, String>) -> syn::Result<(&'v syn::Type, u64)> {
    let ty = match &v.fields {
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => &fields.unnamed[0].ty,
        _ => {
            return Err(syn::Error::new_spanned(
                v,
                "an interface variant holds exactly one message: `Circle(Circle)`",
            ))
        }
    };
    let attrs = VariantAttrs::parse(&v.attrs)?;
    let Some((id, span)) = attrs.type_id else {
        return Err(syn::Error::new_spanned(
            v,
            format!(
                "each interface variant needs a type id of 128 or more: `#[cram(type_id = 128)] {}(...)`",
                v.ident
            ),
        ));
    };
    if id < 128 {
        return Err(syn::Error::new(
            span,
            format!("type id {id} is reserved (0 is nil, 1-127 are built-in); user types start at 128"),
        ));
    }
    if let Some(previous) = ids.insert(id, v.ident.to_string()) {
        return Err(syn::Error::new(span, format!("type id {id} is already used by `{previous}`")));
    }
    Ok((ty, id))
}
