//! Pod structs (`#[cram(pod)]`): `#[repr(C)]`, fixed-width fields only, no padding — written as their bytes.

use crate::vocab::{de_lifetime, rt};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataStruct, DeriveInput};

pub fn expand(input: &DeriveInput, data: &DataStruct) -> syn::Result<TokenStream> {
    let rt = rt();
    let name = &input.ident;
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(&input.generics, "a pod struct cannot be generic"));
    }
    if !has_repr_c(input) {
        return Err(syn::Error::new_spanned(name, "a pod struct needs #[repr(C)] so its layout is fixed"));
    }
    let types: Vec<_> = data.fields.iter().map(|f| &f.ty).collect();
    let de = de_lifetime();
    let v = crate::vocab::view_lifetime();
    let view = crate::view::self_view(
        input,
        quote! {
            #[inline]
            fn read_view_packed(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self> {
                #rt::pod::decode_packed(r)
            }
            #[inline]
            fn revisit_view(c: &mut #rt::view::Cursor<#v>) -> Self {
                #rt::pod::revisit(c)
            }
            #[inline]
            fn revisit_view_packed(c: &mut #rt::view::Cursor<#v>) -> Self {
                #rt::pod::revisit_packed(c)
            }
        },
    );
    Ok(quote! {
        #view

        const _: () = {
            #[cfg(target_endian = "big")]
            compile_error!("cramberry pod structs are written as little-endian bytes and need a little-endian target");
            fn assert_fields_are_pod() {
                fn pod<T: #rt::bytemuck::Pod>() {}
                #(pod::<#types>();)*
            }
            assert!(
                ::core::mem::size_of::<#name>() == 0 #(+ ::core::mem::size_of::<#types>())*,
                "a pod struct must have no padding: reorder or pad its fields explicitly",
            );
        };

        // SAFETY: the struct is #[repr(C)] (checked by the derive), every field is Pod (checked by
        // `assert_fields_are_pod` above), and its size equals the sum of its fields' sizes (checked by the const
        // assertion above), so it has no padding: every bit pattern is valid and all-zeros is a valid value.
        #[automatically_derived]
        #[allow(deprecated)]
        unsafe impl #rt::bytemuck::Zeroable for #name {}
        // SAFETY: as above; the derive also requires `Copy` and `'static` through the Pod supertraits.
        #[automatically_derived]
        #[allow(deprecated)]
        unsafe impl #rt::bytemuck::Pod for #name {}

        #[automatically_derived]
        #[allow(deprecated)]
        impl #rt::EncodeValue for #name {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::Bytes;
            const REPEAT: #rt::Repeat = #rt::Repeat::Packed;
            const PACKED_WIDTH: usize = ::core::mem::size_of::<#name>();
            const PACKED_UNCHECKED: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                #rt::pod::is_zero(self)
            }
            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, _: &mut R) -> usize {
                #rt::pod::len::<#name>()
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, _: &mut #rt::SizeCursor<'_>) {
                #rt::pod::encode(self, w)
            }
            #[inline]
            fn packed_len(&self) -> usize {
                ::core::mem::size_of::<#name>()
            }
            #[inline]
            fn encode_packed(&self, w: &mut #rt::Writer<'_>) {
                #rt::pod::encode_packed(self, w)
            }
            #[inline]
            fn encode_run(values: &[Self], w: &mut #rt::Writer<'_>) -> bool {
                #rt::pod::encode_run(values, w)
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#de> #rt::DecodeValue<#de> for #name {
            #[inline]
            fn empty() -> Self {
                #rt::bytemuck::Zeroable::zeroed()
            }
            #[inline]
            fn decode(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                #rt::pod::decode(r)
            }
            #[inline]
            fn decode_packed(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                #rt::pod::decode_packed(r)
            }
            #[inline]
            fn decode_run(run: &#de [u8], out: &mut #rt::alloc::vec::Vec<Self>) -> bool {
                #rt::pod::extend_from_run(run, out)
            }

        }
    })
}

fn has_repr_c(input: &DeriveInput) -> bool {
    input.attrs.iter().filter(|a| a.path().is_ident("repr")).any(|a| {
        let mut c = false;
        let _ = a.parse_nested_meta(|meta| {
            c |= meta.path.is_ident("C");
            Ok(())
        });
        c
    })
}
