//! Views: `TView<'a>` for every message, and the `ValueView` impls that let messages, enums, interfaces and
//! pods appear inside views.

use crate::attr::FieldRole;
use crate::plan::FieldPlan;
use crate::vocab::{rt, self_with_view_lifetime, value_view_generics, view_lifetime, MessageInfo};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::DeriveInput;

/// The `ValueView` items of a type whose lazy value is its view (everything but messages), in an impl whose
/// view lifetime is `v`.
pub fn lazy_is_view(v: &TokenStream, kind: &TokenStream) -> TokenStream {
    let rt = rt();
    let this = quote!(<Self as #rt::ValueView<#v, #kind>>);
    quote! {
        type Lazy = Self::View;
        #[inline(always)]
        fn empty_lazy() -> Self::View {
            #this::empty_view()
        }
        #[inline(always)]
        fn read_lazy(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self::View> {
            #this::read_view(r)
        }
        #[inline(always)]
        fn lazy_is_default(lazy: &Self::View) -> bool {
            #this::view_is_default(lazy)
        }
        #[inline(always)]
        fn lazy_to_owned(lazy: &Self::View) -> ::cramberry::Result<Self> {
            ::core::result::Result::Ok(#this::from_view(lazy))
        }
        #[inline(always)]
        fn lazy_validate(_: &Self::View) -> ::cramberry::Result<()> {
            ::core::result::Result::Ok(())
        }
        #[inline(always)]
        fn revisit_lazy(c: &mut #rt::view::Cursor<#v>, _: &#rt::view::lazy::LazyPlace<#v>) -> Self::View {
            #this::revisit_view(c)
        }
        #[inline(always)]
        fn view_to_lazy(view: Self::View) -> Self::View {
            view
        }
    }
}

/// The view struct, its accessors, and the trait impls, for a message.
pub fn message_view(message: &MessageInfo) -> TokenStream {
    let (input, fields) = (message.input, &message.fields);
    let rt = rt();
    let v = view_lifetime();
    let name = &input.ident;
    let name_str = name.to_string();
    let vis = &input.vis;
    let view_name = format_ident!("{}View", name);
    let lazy_name = format_ident!("{}Lazy", name);
    let owned = self_with_view_lifetime(input);
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let (vv_impl, vv_ty_where) = value_view_generics(input);

    let mut view_fields = Vec::new();
    let (mut arms, mut revisit_arms, mut owned_fields) = (Vec::new(), Vec::new(), Vec::new());
    let (mut seen_decls, mut seen_checks, mut known) = (Vec::new(), Vec::new(), Vec::new());
    let view_name_str = view_name.to_string();
    for f in fields {
        let member = f.member;
        let Some(plan) = FieldPlan::of(f) else {
            let value = match f.role {
                FieldRole::Unknown => {
                    quote!(#rt::view::collect_unknown(self.__bytes, |n| matches!(n, #(#known)|*)))
                }
                _ => f.unencoded_value(),
            };
            owned_fields.push((quote!(#member), value));
            continue;
        };
        let number = plan.number;
        known.push(quote!(#number));
        view_fields.push((member, plan.view_slot_ty(), plan.view_empty(), &f.docs));
        arms.push(plan.view_arm(&name_str));
        revisit_arms.push(plan.revisit_arm());
        seen_decls.extend(plan.seen_decl());
        seen_checks.extend(plan.seen_check(&name_str));
        owned_fields.push((quote!(#member), plan.view_to_message()));
    }
    let slots = view_fields.iter().map(|(member, slot_ty, ..)| quote!(#member: #slot_ty));
    let debug_bounds = view_fields.iter().map(|(_, slot_ty, ..)| quote!(#slot_ty: ::core::fmt::Debug));
    let debug_fields = view_fields.iter().map(|(member, ..)| {
        let field_str = member.to_string();
        quote!(.field(#field_str, &self.#member))
    });
    let accessors = view_fields.iter().map(|(member, slot_ty, _, docs)| {
        quote! {
            #(#docs)*
            #[inline]
            pub fn #member(&self) -> #slot_ty {
                ::core::clone::Clone::clone(&self.#member)
            }
        }
    });
    let empty = view_fields.iter().map(|(member, _, init, _)| quote!(#member: #init));
    let to_message = message.construct(owned_fields);
    let parse = crate::dispatch::validating(&mut arms, quote!(r.skip_unknown(&tag)?));
    let revisit = crate::dispatch::revisiting(&mut revisit_arms);
    let doc = format!(
        "A validated, zero-copy view of [`{name}`]: `{name}::view(&bytes)` checks the bytes once; every accessor \
         then reads in place, never fails and never allocates."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone)]
        #vis struct #view_name<#v> {
            __bytes: &#v [u8],
            #(#slots,)*
        }

        impl<#v> #view_name<#v> {
            #(#accessors)*

            /// The owned message: the same value `decode` gives for these bytes.
            #[inline]
            pub fn to_message(&self) -> #owned {
                <Self as ::cramberry::MessageView<#v>>::to_message(self)
            }

            /// The bytes of this message (its fields, without a length prefix).
            #[inline]
            pub fn as_bytes(&self) -> &#v [u8] {
                self.__bytes
            }

            /// The view of the message with every field absent.
            #[doc(hidden)]
            pub fn __empty() -> Self {
                #view_name { __bytes: &[], #(#empty,)* }
            }

            /// Validates the fields up to the reader's end and records them (the body of `parse_fields`).
            #[doc(hidden)]
            #[inline(always)]
            fn __parse(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self> {
                let start = r.position();
                let mut view = Self::__empty();
                #(#seen_decls)*
                #parse
                #(#seen_checks)*
                view.__bytes = r.slice(start, r.position());
                ::core::result::Result::Ok(view)
            }
        }

        impl<#v> ::core::fmt::Debug for #view_name<#v> where #(#debug_bounds),* {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#view_name_str) #(#debug_fields)* .finish()
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#v> ::cramberry::MessageView<#v> for #view_name<#v> {
            type Owned = #owned;

            #[inline]
            fn parse_fields(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self> {
                Self::__parse(r)
            }

            #[inline(always)]
            fn parse_fields_inline(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self> {
                Self::__parse(r)
            }

            fn validate_fields(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<()> {
                // The same parse, inlined, with the view dropped: its stores are dead and go away.
                Self::__parse(r).map(::core::mem::drop)
            }

            fn revisit_fields(bytes: &#v [u8]) -> Self {
                let mut c = #rt::view::Cursor::new(bytes);
                let mut view = Self::__empty();
                #revisit
                view.__bytes = bytes;
                view
            }

            fn to_message(&self) -> #owned {
                #to_message
            }

            #[inline]
            fn as_bytes(&self) -> &#v [u8] {
                self.__bytes
            }
        }

        impl #impl_g #name #ty_g #where_c {
            /// Validates `bytes` once (default options) and returns a zero-copy view of them.
            #[inline]
            pub fn view<#v>(bytes: &#v [u8]) -> ::cramberry::Result<#view_name<#v>> {
                <#view_name<#v> as ::cramberry::MessageView<#v>>::view(bytes)
            }

            /// Validates `bytes` once (default options), recording list elements in `arena` so iterating them
            /// re-reads nothing, and returns a zero-copy view of them.
            #[inline]
            pub fn view_in<#v>(
                bytes: &#v [u8],
                arena: &#v #rt::bumpalo::Bump,
            ) -> ::cramberry::Result<#view_name<#v>> {
                <#view_name<#v> as ::cramberry::MessageView<#v>>::view_in(bytes, arena)
            }

            /// [`view_in`](Self::view_in) with `options`.
            #[inline]
            pub fn view_in_with<#v>(
                bytes: &#v [u8],
                options: &::cramberry::DecodeOptions,
                arena: &#v #rt::bumpalo::Bump,
            ) -> ::cramberry::Result<#view_name<#v>> {
                <#view_name<#v> as ::cramberry::MessageView<#v>>::view_in_with(bytes, options, arena)
            }

            #rt::if_std! {
                /// The views of the length-delimited frames of `bytes`, in order, zero-copy (see
                /// `cramberry::stream::Frames`).
                #[inline]
                pub fn frames<#v>(bytes: &#v [u8]) -> ::cramberry::stream::Frames<#v, #view_name<#v>> {
                    ::cramberry::stream::Frames::new(bytes)
                }
            }

            /// Validates `bytes` once with `options` and returns a zero-copy view of them.
            #[inline]
            pub fn view_with<#v>(
                bytes: &#v [u8],
                options: &::cramberry::DecodeOptions,
            ) -> ::cramberry::Result<#view_name<#v>> {
                <#view_name<#v> as ::cramberry::MessageView<#v>>::view_with(bytes, options)
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g ::cramberry::Viewable for #name #ty_g #where_c {
            type View<#v> = #view_name<#v>;
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl #vv_impl #rt::ValueView<#v> for #name #vv_ty_where {
            type View = #view_name<#v>;
            type Lazy = #lazy_name<#v>;
            #[inline]
            fn empty_view() -> Self::View {
                #view_name::__empty()
            }
            #[inline]
            fn empty_lazy() -> Self::Lazy {
                <#lazy_name<#v> as ::cramberry::LazyView<#v>>::from_window(&[], 0, 0, &::cramberry::DecodeOptions::DEFAULT, 0)
            }
            #[inline]
            fn read_lazy(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self::Lazy> {
                #rt::view::lazy::read_nested(r)
            }
            #[inline]
            fn lazy_is_default(lazy: &Self::Lazy) -> bool {
                lazy.as_bytes().is_empty()
            }
            #[inline]
            fn lazy_to_owned(lazy: &Self::Lazy) -> ::cramberry::Result<Self> {
                lazy.__walk()
            }
            #[inline]
            fn lazy_validate(lazy: &Self::Lazy) -> ::cramberry::Result<()> {
                lazy.__validate()
            }
            const FRAME_SKIPS_CONTENT: bool = true;
            #[inline]
            fn frame(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<()> {
                #rt::view::lazy::frame_nested(r)
            }
            #[inline]
            fn revisit_lazy(c: &mut #rt::view::Cursor<#v>, place: &#rt::view::lazy::LazyPlace<#v>) -> Self::Lazy {
                #rt::view::lazy::revisit_nested(c, place)
            }
            #[inline]
            fn view_to_lazy(view: Self::View) -> Self::Lazy {
                let bytes = ::cramberry::MessageView::as_bytes(&view);
                <#lazy_name<#v> as ::cramberry::LazyView<#v>>::from_window(bytes, 0, bytes.len(), &::cramberry::DecodeOptions::DEFAULT, 0)
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                ::cramberry::MessageView::as_bytes(view).is_empty()
            }
            #[inline]
            fn read_view(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self::View> {
                #rt::view::read_nested(r)
            }
            #[inline]
            fn validate(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<()> {
                #rt::view::validate_nested::<#view_name<#v>>(r)
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                ::cramberry::MessageView::to_message(view)
            }
            #[inline]
            fn revisit_view(c: &mut #rt::view::Cursor<#v>) -> Self::View {
                #rt::view::revisit_nested(c)
            }
        }
    }
}

/// `ValueView` for types that view as themselves (enums, pods): reading the view is decoding. `extra` holds
/// the type's own overrides (a packed read, re-reading validated bytes).
pub fn self_view(input: &DeriveInput, extra: TokenStream) -> TokenStream {
    let rt = rt();
    let v = view_lifetime();
    let lazy = lazy_is_view(&quote!(#v), &quote!(#rt::Natural));
    let name = &input.ident;
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl<#v> #rt::ValueView<#v> for #name {
            type View = Self;
            #lazy
            #[inline]
            fn empty_view() -> Self {
                <Self as #rt::DecodeValue<#v>>::empty()
            }
            #[inline]
            fn view_is_default(view: &Self) -> bool {
                <Self as #rt::EncodeValue>::is_default(view)
            }
            #[inline]
            fn read_view(r: &mut #rt::Reader<#v>) -> ::cramberry::Result<Self> {
                <Self as #rt::DecodeValue<#v>>::decode(r)
            }
            #extra
            #[inline]
            fn from_view(view: &Self) -> Self {
                ::core::clone::Clone::clone(view)
            }
        }
    }
}
