//! Stand-in impls for a type whose derive failed as a whole (a union, a pod that breaks the pod rules, an
//! interface without a valid variant): the field traits with bodies that never run, so the type's uses
//! elsewhere raise no errors of their own and only the derive's error is shown.

use crate::vocab::{de_lifetime, rt, with_de_lifetime};
use crate::vocab::{value_view_generics, view_lifetime};
use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

/// `EncodeValue`, `DecodeValue` and `ValueView` for `input`, every body `broken()`.
pub fn value_impls(input: &DeriveInput) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (de_impl_g, _, _) = de_generics.split_for_impl();
    let v = view_lifetime();
    let (vv_impl, vv_ty_where) = value_view_generics(input);
    let lazy_is_view = crate::view::lazy_is_view(&quote!(#v), &quote!(::cramberry::__private::Natural));
    quote! {
        impl #impl_g #rt::EncodeValue for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::Bytes;
            fn is_default(&self) -> bool {
                #rt::broken()
            }
            fn value_len<R: #rt::LenRecorder>(&self, _: &mut R) -> usize {
                #rt::broken()
            }
            fn encode(&self, _: &mut #rt::Writer<'_>, _: &mut #rt::SizeCursor<'_>) {
                #rt::broken()
            }
        }
        impl #de_impl_g #rt::DecodeValue<#de> for #name #ty_g #where_c {
            fn empty() -> Self {
                #rt::broken()
            }
            fn decode(_: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                #rt::broken()
            }
        }
        impl #vv_impl #rt::ValueView<#v> for #name #vv_ty_where {
            type View = ();
            #lazy_is_view
            fn empty_view() {}
            fn view_is_default(_: &()) -> bool {
                #rt::broken()
            }
            fn read_view(_: &mut #rt::Reader<#v>) -> ::cramberry::Result<()> {
                #rt::broken()
            }
            fn from_view(_: &()) -> Self {
                #rt::broken()
            }
        }
    }
}
