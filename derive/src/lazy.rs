//! Lazy views: `TLazy<'a>` for every message. Opening checks the length only; each accessor runs one pass
//! over the message's tags that steps over every other field by its framing and merges its own field's
//! occurrences with the view's own arm, so what it returns — and every error — is the view's.

use crate::message::{rt, MessageInfo};
use crate::plan::FieldPlan;
use crate::view::{self_with_view_lifetime, view_lifetime};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// One accessor: the field's slot, filled by a pass over the whole message.
fn accessor(plan: &FieldPlan<'_>, message: &str, owned: &TokenStream) -> TokenStream {
    let rt = rt();
    let (member, docs, slot_ty, empty) =
        (plan.info.member, &plan.info.docs, plan.view_slot_ty(), plan.view_empty());
    let (number, body) = (plan.number, plan.lazy_arm(message).body);
    let (seen_decl, seen_check) = (plan.seen_decl(), plan.seen_check(message));
    quote! {
        #(#docs)*
        #[inline]
        pub fn #member(&self) -> ::cramberry::Result<#slot_ty> {
            let r = &mut #rt::view::lazy::reader(self.__bytes, &self.__options);
            let mut slot = #empty;
            #seen_decl
            let mut scan = || -> ::cramberry::Result<()> {
                let mut last = 0u32;
                while let ::core::option::Option::Some(tag) = r.next_field(&mut last)? {
                    if tag.number == #number {
                        #body;
                    } else {
                        #rt::view::lazy::step_over(r, &tag, Self::__field_name(tag.number), #message)?;
                    }
                }
                #seen_check
                ::core::result::Result::Ok(())
            };
            scan().map_err(::cramberry::DecodeError::in_type::<#owned>)?;
            ::core::result::Result::Ok(slot)
        }
    }
}

/// `__walk`: every accessor called, their slots assembled into the eager view — or, when some fail, the
/// failure earliest in the bytes (of those at one offset, the field's own, then the one with the longest path). (For the differential tests and fuzz target: walking every accessor must
/// accept exactly what `view` accepts, with the same values, and fail with `view`'s error.) A message with no
/// fields has no accessor to walk, so its walk is the view's own pass.
fn walk(plans: &[FieldPlan<'_>], view_name: &syn::Ident) -> TokenStream {
    let v = view_lifetime();
    let members: Vec<_> = plans.iter().map(|p| p.info.member).collect();
    let names: Vec<_> = members.iter().map(|m| syn::ext::IdentExt::unraw(*m).to_string()).collect();
    let body = if members.is_empty() {
        quote!(self.to_view())
    } else {
        quote! {
            let mut __first: ::core::option::Option<(::cramberry::DecodeError, bool)> = ::core::option::Option::None;
            // At one offset, the field's own error (its accessor's, where the others stepping over the field
            // check its framing only), then the one naming the most of the path.
            let mut __keep = |e: ::cramberry::DecodeError, own: &str| {
                let is_own = |e: &::cramberry::DecodeError| {
                    ::core::matches!(e.path().next(), ::core::option::Option::Some(::cramberry::PathSegment::Field { field, .. }) if field == own)
                };
                let rank = (e.offset(), !is_own(&e), ::core::cmp::Reverse(e.path().count()));
                if __first.as_ref().map_or(true, |f| rank < (f.0.offset(), !f.1, ::core::cmp::Reverse(f.0.path().count()))) {
                    let own = is_own(&e);
                    __first = ::core::option::Option::Some((e, own));
                }
            };
            #(let #members = self.#members().map_err(|e| __keep(e, #names)).ok();)*
            if let ::core::option::Option::Some((e, _)) = __first {
                return ::core::result::Result::Err(e);
            }
            ::core::result::Result::Ok(#view_name {
                __bytes: self.__bytes,
                #(#members: #members.expect("no accessor failed"),)*
            })
        }
    };
    quote! {
        /// Every accessor, assembled into the eager view; the failure earliest in the bytes otherwise.
        #[doc(hidden)]
        pub fn __walk(&self) -> ::cramberry::Result<#view_name<#v>> {
            #body
        }
    }
}

/// The lazy view struct, its accessors, and the trait impls, for a message.
pub fn message_lazy(message: &MessageInfo) -> TokenStream {
    let input = message.input;
    let v = view_lifetime();
    let name = &input.ident;
    let name_str = name.to_string();
    let vis = &input.vis;
    let (lazy_name, view_name) = (format_ident!("{}Lazy", name), format_ident!("{}View", name));
    let lazy_name_str = lazy_name.to_string();
    let owned = self_with_view_lifetime(input);
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let plans: Vec<_> = message.fields.iter().filter_map(FieldPlan::of).collect();
    let accessors = plans.iter().map(|p| accessor(p, &name_str, &owned));
    let walk = walk(&plans, &view_name);
    let (numbers, names): (Vec<_>, Vec<_>) =
        plans.iter().map(|p| (p.number, syn::ext::IdentExt::unraw(p.info.member).to_string())).unzip();
    let doc = format!(
        "A lazy view of [`{name}`]: `{name}::lazy(&bytes)` checks only the length; each accessor validates \
         the field it reads (and the framing of the fields it steps over) and returns a `Result`, with the \
         view's values and errors. See `cramberry::view::lazy`."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        #vis struct #lazy_name<#v> {
            __bytes: &#v [u8],
            __options: ::cramberry::DecodeOptions,
        }

        impl<#v> #lazy_name<#v> {
            #(#accessors)*

            /// The eager view: validates the whole message, as `view_with` does.
            #[inline]
            pub fn to_view(&self) -> ::cramberry::Result<#view_name<#v>> {
                <Self as ::cramberry::LazyView<#v>>::to_view(self)
            }

            /// The owned message, after validating the whole message: the same value `decode` gives.
            #[inline]
            pub fn to_message(&self) -> ::cramberry::Result<#owned> {
                <Self as ::cramberry::LazyView<#v>>::to_message(self)
            }

            /// The bytes of this message (its fields, without a length prefix).
            #[inline]
            pub fn as_bytes(&self) -> &#v [u8] {
                self.__bytes
            }

            #walk

            /// The name of the field numbered `number`, when the message has one.
            #[inline(always)]
            fn __field_name(number: u32) -> ::core::option::Option<&'static str> {
                match number {
                    #(#numbers => ::core::option::Option::Some(#names),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl<#v> ::core::fmt::Debug for #lazy_name<#v> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#lazy_name_str).field("len", &self.__bytes.len()).finish_non_exhaustive()
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#v> ::cramberry::LazyView<#v> for #lazy_name<#v> {
            type Owned = #owned;
            type View = #view_name<#v>;

            #[inline]
            fn from_checked(bytes: &#v [u8], options: &::cramberry::DecodeOptions) -> Self {
                #lazy_name { __bytes: bytes, __options: *options }
            }

            #[inline]
            fn as_bytes(&self) -> &#v [u8] {
                self.__bytes
            }

            #[inline]
            fn options(&self) -> &::cramberry::DecodeOptions {
                &self.__options
            }
        }

        impl #impl_g #name #ty_g #where_c {
            /// Opens `bytes` lazily (default options): O(1), only the length is checked; each accessor of the
            /// returned view validates what it reads.
            #[inline]
            pub fn lazy<#v>(bytes: &#v [u8]) -> ::cramberry::Result<#lazy_name<#v>> {
                <#lazy_name<#v> as ::cramberry::LazyView<#v>>::lazy(bytes)
            }

            /// [`lazy`](Self::lazy) with `options`, which each accessor applies to what it reads.
            #[inline]
            pub fn lazy_with<#v>(
                bytes: &#v [u8],
                options: &::cramberry::DecodeOptions,
            ) -> ::cramberry::Result<#lazy_name<#v>> {
                <#lazy_name<#v> as ::cramberry::LazyView<#v>>::lazy_with(bytes, options)
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g ::cramberry::Lazyable for #name #ty_g #where_c {
            type Lazy<#v> = #lazy_name<#v>;
        }
    }
}
