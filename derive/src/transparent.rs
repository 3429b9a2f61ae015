//! Transparent newtypes: a struct of one field (`struct OrderId(u64)`, or any one-field struct marked
//! `#[cram(transparent)]`) is written exactly as that field's value, read back as it, and viewed as it — the
//! field traits delegate every item to the inner type, so the newtype costs nothing on the wire or in code.

use crate::vocab::{de_lifetime, rt, with_de_lifetime};
use crate::vocab::{value_view_generics, view_lifetime, with_view_lifetime};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Field, Member};

/// `EncodeValue`, `DecodeValue` and `ValueView` for `input`, whose one field is `field` (at `member`).
pub fn expand(input: &DeriveInput, field: &Field, member: &Member) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let inner = &field.ty;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (de_impl_g, _, _) = de_generics.split_for_impl();
    let v = view_lifetime();
    let (vv_impl, vv_ty_where) = value_view_generics(input);
    let view_inner = with_view_lifetime(inner);
    let wrap = |value: TokenStream| quote!(#name { #member: #value });
    let empty = wrap(quote!(<#inner as #rt::DecodeValue<#de>>::empty()));
    let from_inner = wrap(quote!(inner));
    let from_view = wrap(quote!(<#view_inner as #rt::ValueView<#v>>::from_view(view)));
    let lazy_is_view = crate::view::lazy_is_view(&quote!(#v), &quote!(::cramberry::__private::Natural));
    quote! {
        #[automatically_derived]
        impl #impl_g #rt::EncodeValue for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = <#inner as #rt::EncodeValue>::WIRE_TYPE;
            const REPEAT: #rt::Repeat = <#inner as #rt::EncodeValue>::REPEAT;
            const PACKED_WIDTH: usize = <#inner as #rt::EncodeValue>::PACKED_WIDTH;
            const PACKED_UNCHECKED: bool = <#inner as #rt::EncodeValue>::PACKED_UNCHECKED;
            const RECORDS_LEN: bool = <#inner as #rt::EncodeValue>::RECORDS_LEN;
            const PACKED_VARINT_MAX: ::core::option::Option<u64> = <#inner as #rt::EncodeValue>::PACKED_VARINT_MAX;
            #[inline(always)]
            fn run_is_valid(run: &[u8]) -> bool {
                <#inner as #rt::EncodeValue>::run_is_valid(run)
            }
            #[inline(always)]
            fn is_default(&self) -> bool {
                <#inner as #rt::EncodeValue>::is_default(&self.#member)
            }
            #[inline(always)]
            fn value_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                <#inner as #rt::EncodeValue>::value_len(&self.#member, rec)
            }
            #[inline(always)]
            fn encode(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                <#inner as #rt::EncodeValue>::encode(&self.#member, w, sizes)
            }
            #[inline(always)]
            fn packed_len(&self) -> usize {
                <#inner as #rt::EncodeValue>::packed_len(&self.#member)
            }
            #[inline(always)]
            fn encode_packed(&self, w: &mut #rt::Writer<'_>) {
                <#inner as #rt::EncodeValue>::encode_packed(&self.#member, w)
            }
        }

        #[automatically_derived]
        impl #de_impl_g #rt::DecodeValue<#de> for #name #ty_g #where_c {
            #[inline(always)]
            fn empty() -> Self {
                #empty
            }
            #[inline(always)]
            fn decode(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                <#inner as #rt::DecodeValue<#de>>::decode(r).map(|inner| #from_inner)
            }
            #[inline(always)]
            fn decode_packed(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                <#inner as #rt::DecodeValue<#de>>::decode_packed(r).map(|inner| #from_inner)
            }
            #[inline(always)]
            fn from_packed_varint(raw: u64) -> ::core::option::Option<Self> {
                <#inner as #rt::DecodeValue<#de>>::from_packed_varint(raw).map(|inner| #from_inner)
            }
        }

        #[automatically_derived]
        impl #vv_impl #rt::ValueView<#v> for #name #vv_ty_where {
            type View = <#view_inner as #rt::ValueView<#v>>::View;
            #lazy_is_view
            #[inline(always)]
            fn empty_view() -> Self::View {
                <#view_inner as #rt::ValueView<#v>>::empty_view()
            }
            #[inline(always)]
            fn view_is_default(view: &Self::View) -> bool {
                <#view_inner as #rt::ValueView<#v>>::view_is_default(view)
            }
            #[inline(always)]
            fn read_view(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self::View> {
                <#view_inner as #rt::ValueView<#v>>::read_view(r)
            }
            #[inline(always)]
            fn validate(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<()> {
                <#view_inner as #rt::ValueView<#v>>::validate(r)
            }
            #[inline(always)]
            fn read_view_packed(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self::View> {
                <#view_inner as #rt::ValueView<#v>>::read_view_packed(r)
            }
            #[inline(always)]
            fn from_view(view: &Self::View) -> Self {
                #from_view
            }
            #[inline(always)]
            fn revisit_view(c: &mut #rt::Cursor<#v>) -> Self::View {
                <#view_inner as #rt::ValueView<#v>>::revisit_view(c)
            }
            #[inline(always)]
            fn revisit_view_packed(c: &mut #rt::Cursor<#v>) -> Self::View {
                <#view_inner as #rt::ValueView<#v>>::revisit_view_packed(c)
            }
        }
    }
}
