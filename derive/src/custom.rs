//! Custom field types (`#[cram(N, with = "module")]`): a marker kind per field, and `EncodeValue`, `DecodeValue` and
//! `ValueView` in that kind for the field's value type, each item delegating to the module's functions (the
//! contract is documented in the runtime's `cramberry::with`). A local marker lets the user's crate implement
//! the runtime's traits for a type it does not own, and lets `Option` and list fields of it work unchanged.

use crate::shape::{list_element, option_inner, Strategy};
use crate::vocab::rt;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};
use syn::Type;

/// The marker kind of field `member` of `message`.
pub fn marker(message: &syn::Ident, member: &syn::Ident) -> syn::Ident {
    format_ident!("__CramWith_{}_{}", message, syn::ext::IdentExt::unraw(member))
}

/// The type one value of a field of type `ty` and strategy `strategy` has (`T` of `Option<T>`, `Vec<T>`, `[T; N]`).
pub fn value_type(ty: &Type, strategy: Strategy) -> Option<&Type> {
    match strategy {
        Strategy::Plain => Some(ty),
        Strategy::Optional => option_inner(ty),
        Strategy::Repeated | Strategy::Array => list_element(ty),
        Strategy::Map => None,
    }
}

/// Why `with` cannot apply to a field of type `ty`, if it cannot.
pub fn problem(ty: &Type, strategy: Strategy, fixed: bool) -> Option<String> {
    let Some(value) = value_type(ty, strategy) else {
        return Some("`with` applies to a value, an `Option` or a list of values, not to maps".into());
    };
    let tokens = value.to_token_stream().to_string();
    if fixed {
        Some("`with` and `fixed` do not combine: the module decides the bytes".into())
    } else if tokens.contains('\'') || tokens.contains('&') {
        Some("`with` applies to types without lifetimes".into())
    } else if crate::shape::listed_depth(ty) > 0 {
        Some("`with` applies to one level: a value, `Option<T>` or a list of `T`".into())
    } else {
        None
    }
}

/// The marker type and the three trait impls for `value` encoded through `module`.
pub fn expand(marker: &syn::Ident, value: &Type, module: &syn::Path) -> TokenStream {
    let rt = rt();
    let lazy_is_view = crate::view::lazy_is_view(&quote!('__v), &quote!(#marker));
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        pub enum #marker {}

        #[automatically_derived]
        impl #rt::EncodeValue<#marker> for #value {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::Bytes;
            // The payload size is measured once and recorded for the writing pass.
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                #module::encoded_len(self) == 0
            }
            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                ::cramberry::with::value_len(rec, #module::encoded_len(self))
            }
            #[inline]
            fn plain_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> ::core::option::Option<usize> {
                match #module::encoded_len(self) {
                    0 => ::core::option::Option::None,
                    payload => ::core::option::Option::Some(::cramberry::with::value_len(rec, payload)),
                }
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                ::cramberry::with::write(w, sizes, |out| #module::encode(self, out))
            }
        }

        #[automatically_derived]
        impl<'__de> #rt::DecodeValue<'__de, #marker> for #value {
            #[inline]
            fn empty() -> Self {
                #module::empty()
            }
            #[inline]
            fn decode(r: &mut #rt::Reader<'__de>) -> ::cramberry::Result<Self> {
                ::cramberry::with::read(r, #module::decode, |value, payload| {
                    ::cramberry::with::encodes_to(payload, #module::encoded_len(value), |out| #module::encode(value, out))
                })
            }
        }

        #[automatically_derived]
        impl<'__v> #rt::ValueView<'__v, #marker> for #value {
            type View = #module::View<'__v>;
            #lazy_is_view
            #[inline]
            fn empty_view() -> Self::View {
                #module::empty_view()
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                #module::encoded_len(&#module::from_view(view)) == 0
            }
            #[inline]
            fn read_view(r: &mut #rt::Reader<'__v>) -> ::cramberry::Result<Self::View> {
                ::cramberry::with::read(r, #module::view, |view, payload| {
                    let value = #module::from_view(view);
                    ::cramberry::with::encodes_to(payload, #module::encoded_len(&value), |out| #module::encode(&value, out))
                })
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                #module::from_view(view)
            }
        }
    }
}
