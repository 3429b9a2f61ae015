//! Lazy views: `TLazy<'a>` for every message. Opening checks the length only; each accessor runs one pass
//! over the message's tags that steps over every other field by its framing and merges its own field's
//! occurrences with the view's own arm, so what it returns — and every error — is the view's.

use crate::plan::FieldPlan;
use crate::vocab::{rt, MessageInfo};
use crate::vocab::{self_with_view_lifetime, view_lifetime};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The hidden name of the pass that fills `member`'s slot.
fn scan_name(plan: &FieldPlan<'_>) -> syn::Ident {
    format_ident!("__scan_{}", plan.path_name())
}

/// One accessor: the field's slot, filled by a pass over the whole message (`__scan_<field>`, which the walk
/// calls too, to walk what a failed pass had already merged).
fn accessor(plan: &FieldPlan<'_>, slot_index: usize, message: &str, owned: &TokenStream) -> TokenStream {
    let rt = rt();
    let (member, docs, slot_ty, empty) =
        (plan.info.member, &plan.info.docs, plan.lazy_slot_ty(), plan.lazy_empty());
    let (number, body, scan) = (plan.number, plan.lazy_arm(message).body, scan_name(plan));
    let (seen_decl, seen_check) = (plan.seen_decl(), plan.seen_check(message));
    let scan_at = format_ident!("{}_at", scan);
    let unindexed = format_ident!("{}_unindexed", scan);
    let fast = plan.lazy_fast_path(slot_index);
    // A plain or optional field of a message too large to index on opening is read from an indexed copy: the
    // fast pass over the framing (which a scan for the field makes anyway), then the value in place. (A list
    // is read by the scan, which merges its run as it passes it.)
    let (try_indexed, unindexed_fn) = match fast {
        Some(_) => (
            quote! {
                if !self.__indexed {
                    if let ::core::option::Option::Some(read) = Self::#unindexed(*self) {
                        return read;
                    }
                }
            },
            quote! {
                /// Unindexed: the read from an indexed copy, or `None` when the index pass fails.
                #[doc(hidden)]
                #[cold]
                #[inline(never)]
                fn #unindexed(this: Self) -> ::core::option::Option<::cramberry::Result<#slot_ty>> {
                    let indexed = ::cramberry::LazyView::with_built_index(this);
                    indexed.__indexed.then(|| {
                        let mut slot = #empty;
                        indexed.#scan(&mut slot).map(|()| slot)
                    })
                }
            },
        ),
        None => (quote!(), quote!()),
    };
    quote! {
        #(#docs)*
        #[inline]
        pub fn #member(&self) -> ::cramberry::Result<#slot_ty> {
            #fast
            #try_indexed
            let mut slot = #empty;
            self.#scan(&mut slot)?;
            ::core::result::Result::Ok(slot)
        }

        #[doc(hidden)]
        #[inline]
        fn #scan(&self, slot: &mut #slot_ty) -> ::cramberry::Result<()> {
            self.#scan_at(slot).map_err(|(e, _)| e)
        }

        #unindexed_fn

        /// The pass; an error comes with the offset of the field occurrence (or tag) being read when it
        /// happened, which orders errors at one offset as the view meets them.
        #[doc(hidden)]
        #[inline]
        fn #scan_at(&self, slot: &mut #slot_ty) -> ::core::result::Result<(), (::cramberry::DecodeError, usize)> {
            let in_type = ::cramberry::DecodeError::in_type::<#owned>;
            // Indexed (one shallow pass found the framing sound): the field's one run, or its absence, read
            // where the index says — what the full pass would find, since nothing else could fail in it.
            if let ::core::option::Option::Some(at) = #rt::view::lazy::indexed_at(self.__indexed, &self.__at, #slot_index) {
                let from = at.unwrap_or(self.__end);
                let r = &mut #rt::Reader::window(self.__input, from, self.__end, &self.__options, self.__depth);
                #seen_decl
                let mut one = || -> ::cramberry::Result<()> {
                    let mut last = 0u32;
                    if at.is_some() {
                        if let ::core::option::Option::Some(tag) = r.next_field(&mut last)? {
                            #body;
                        }
                    }
                    #seen_check
                    ::core::result::Result::Ok(())
                };
                return one().map_err(|e| (in_type(e), from));
            }
            let r = &mut #rt::Reader::window(self.__input, self.__start, self.__end, &self.__options, self.__depth);
            let mut at = self.__start;
            #seen_decl
            let mut scan = || -> ::cramberry::Result<()> {
                let mut last = 0u32;
                loop {
                    at = r.position();
                    let ::core::option::Option::Some(tag) = r.next_field(&mut last)? else { break };
                    if tag.number == #number {
                        #body;
                    } else {
                        #rt::view::lazy::step_over(r, &tag, Self::__field_name(tag.number), #message)?;
                    }
                }
                #seen_check
                ::core::result::Result::Ok(())
            };
            let scanned = scan();
            scanned.map_err(|e| (in_type(e), at))
        }
    }
}

/// `__walk`: every accessor called and the nested lazy values walked in turn, assembled into the owned message
/// — or, when some fail, the failure earliest in the bytes (of those at one offset, the one the view meets
/// first). For the differential tests and fuzz target: walking everything must accept
/// exactly what `view` accepts, with the same values, and fail with `view`'s error. A message with no fields
/// has no accessor to walk, so its walk is the view's own pass.
fn walk(message: &MessageInfo, plans: &[FieldPlan<'_>], name: &str) -> TokenStream {
    let rt = rt();
    let members: Vec<_> = plans.iter().map(|p| p.info.member).collect();
    let names: Vec<_> = plans.iter().map(FieldPlan::path_name).collect();
    let scans: Vec<_> = plans.iter().map(|p| format_ident!("{}_at", scan_name(p))).collect();
    let empties: Vec<_> = plans.iter().map(FieldPlan::lazy_empty).collect();
    let owned_of = plans.iter().map(|p| p.lazy_to_message(quote!(slot)));
    let mut values: Vec<(TokenStream, TokenStream)> = Vec::new();
    let mut known = Vec::new();
    for f in &message.fields {
        let member = f.member;
        match FieldPlan::of(f) {
            Some(plan) => {
                let number = plan.number;
                known.push(quote!(#number));
                values.push((quote!(#member), quote!(#member.expect("no accessor failed"))));
            }
            None => {
                let value = match f.role {
                    crate::attr::FieldRole::Unknown => quote! {
                        #rt::view::collect_unknown(self.as_bytes(), |n| matches!(n, #(#known)|*))
                    },
                    _ => f.unencoded_value(),
                };
                values.push((quote!(#member), value));
            }
        }
    }
    let construct = message.construct(values);
    if members.is_empty() {
        return quote!(::cramberry::LazyView::to_message(self));
    }
    quote! {
        // Of the failures at one offset, the view meets first the one of the field occurrence that starts
        // first (a nested message's, which started before the offset, where a later field's starts at it),
        // then the field's own (its accessor's, where the others stepping over the field check its framing
        // only), then the one naming the most of the path.
        let mut __first: ::core::option::Option<(::cramberry::DecodeError, (usize, usize, bool, ::core::cmp::Reverse<usize>))> =
            ::core::option::Option::None;
        let mut __keep = |e: ::cramberry::DecodeError, own: &str, started: usize| {
            let is_own = ::core::matches!(
                e.path().next(),
                ::core::option::Option::Some(::cramberry::PathSegment::Field { field, .. }) if field == own
            );
            let rank = (e.offset(), started, !is_own, ::core::cmp::Reverse(e.path().count()));
            if __first.as_ref().map_or(true, |f| rank < f.1) {
                __first = ::core::option::Option::Some((e, rank));
            }
        };
        // Each field's pass, then what it merged walked in turn — even when the pass failed later on, as the
        // view, reading in order, meets a nested error before a later one of the pass. (A nested error lies
        // inside a message that started before it: ranked as started at 0.)
        #(
            let #members = {
                let mut slot = #empties;
                if let ::core::result::Result::Err((e, started)) = self.#scans(&mut slot) {
                    // An error before the occurrence being read lies in an earlier one (a replaced message the
                    // pass validated): it started before the offset, as a nested one does.
                    let started = if e.offset() < started { 0 } else { started };
                    __keep(e, #names, started);
                }
                (#owned_of).map_err(|e| __keep(e.in_field(#name, #names), #names, 0)).ok()
            };
        )*
        if let ::core::option::Option::Some((e, _)) = __first {
            return ::core::result::Result::Err(e);
        }
        ::core::result::Result::Ok(#construct)
    }
}

/// The lazy view struct, its accessors, and the trait impls, for a message.
pub fn message_lazy(message: &MessageInfo) -> TokenStream {
    let rt = rt();
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
    let accessors = plans.iter().enumerate().map(|(i, p)| accessor(p, i, &name_str, &owned));
    let field_count = plans.len();
    let walk = walk(message, &plans, &name_str);
    let (numbers, names): (Vec<_>, Vec<_>) =
        plans.iter().map(|p| (p.number, syn::ext::IdentExt::unraw(p.info.member).to_string())).unzip();
    let indices = 0..plans.len();
    let run_of = |p: &FieldPlan<'_>| match p.info.strategy {
        crate::shape::Strategy::Plain | crate::shape::Strategy::Optional => quote!(#rt::view::lazy::Run::One),
        crate::shape::Strategy::Repeated | crate::shape::Strategy::Array => p.lazy_run(),
        crate::shape::Strategy::Map => quote!(#rt::view::lazy::Run::Pass),
    };
    let runs: Vec<_> = plans.iter().map(run_of).collect();
    // The index's in-order pass: fields by ascending number, with the wire type the encoder writes.
    let mut in_order: Vec<_> = plans.iter().enumerate().collect();
    in_order.sort_by_key(|(_, p)| p.number);
    let in_order_numbers: Vec<_> = in_order.iter().map(|(_, p)| p.number).collect();
    let in_order_wire_types: Vec<_> = in_order.iter().map(|(_, p)| p.view_arm("").wire_type).collect();
    let in_order_indices: Vec<_> = in_order.iter().map(|(i, _)| *i).collect();
    let in_order_runs: Vec<_> = in_order.iter().map(|(_, p)| run_of(p)).collect();
    // The fast in-order pass takes the fields with one-byte tags (1 to 15); the reader's in-order pass the rest.
    let split = in_order_numbers.iter().take_while(|n| **n < 16).count();
    let (short_numbers, long_numbers) = in_order_numbers.split_at(split);
    let (short_wire_types, long_wire_types) = in_order_wire_types.split_at(split);
    let (short_indices, long_indices) = in_order_indices.split_at(split);
    let (short_runs, long_runs) = in_order_runs.split_at(split);
    let doc = format!(
        "A lazy view of [`{name}`]: `{name}::lazy(&bytes)` checks only the length; each accessor validates \
         the field it reads (and the framing of the fields it steps over) and returns a `Result`, with the \
         view's values and errors. See `cramberry::view::lazy`."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy)]
        #vis struct #lazy_name<#v> {
            /// The whole input; the message is `__input[__start..__end]`, `__depth` messages deep.
            __input: &#v [u8],
            __start: usize,
            __end: usize,
            __depth: u32,
            __options: ::cramberry::DecodeOptions,
            /// Whether `__at` holds the index (see `with_index`): per field, where its one run starts.
            __indexed: bool,
            __at: [u32; #field_count],
        }

        impl<#v> #lazy_name<#v> {
            #(#accessors)*

            /// The eager view: validates the whole message, as `view_with` does (offsets in the whole input).
            #[inline]
            pub fn to_view(&self) -> ::cramberry::Result<#view_name<#v>> {
                <Self as ::cramberry::LazyView<#v>>::to_view(self)
            }

            /// Validates the whole message where it lies in the input, keeping nothing.
            #[doc(hidden)]
            pub fn __validate(&self) -> ::cramberry::Result<()> {
                let r = &mut #rt::Reader::window(self.__input, self.__start, self.__end, &self.__options, self.__depth);
                <#view_name<#v> as ::cramberry::MessageView<#v>>::validate_fields(r)
            }

            /// The owned message, after validating the whole message: the same value `decode` gives.
            #[inline]
            pub fn to_message(&self) -> ::cramberry::Result<#owned> {
                <Self as ::cramberry::LazyView<#v>>::to_message(self)
            }

            /// The bytes of this message (its fields, without a length prefix).
            #[inline]
            pub fn as_bytes(&self) -> &#v [u8] {
                &self.__input[self.__start..self.__end]
            }

            /// Every accessor, and every nested lazy value in turn, assembled into the owned message; the
            /// failure earliest in the bytes otherwise.
            #[doc(hidden)]
            pub fn __walk(&self) -> ::cramberry::Result<#owned> {
                #walk
            }

            /// Runs one shallow pass over the message (tags and lengths, nothing read) and records where each
            /// field is, so that every accessor after it reads its field in place instead of passing over the
            /// whole message. Nested messages and list elements are indexed as they are opened; call it on a
            /// top-level lazy view you will read several fields of. Input the pass cannot frame is left
            /// unindexed: the accessors then report its errors as before.
            #[inline]
            pub fn with_index(mut self) -> Self {
                <Self as ::cramberry::LazyView<#v>>::build_index(&mut self);
                self
            }

            /// The position of the field numbered `number` among the message's fields, and how the index
            /// records it, when the message has the field.
            #[inline(always)]
            fn __field_index(number: u32) -> ::core::option::Option<(usize, #rt::view::lazy::Run)> {
                match number {
                    #(#numbers => ::core::option::Option::Some((#indices, #runs)),)*
                    _ => ::core::option::Option::None,
                }
            }

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
                f.debug_struct(#lazy_name_str).field("len", &(self.__end - self.__start)).finish_non_exhaustive()
            }
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl<#v> ::cramberry::LazyView<#v> for #lazy_name<#v> {
            type Owned = #owned;
            type View = #view_name<#v>;

            #[inline]
            fn from_window(
                input: &#v [u8],
                start: usize,
                end: usize,
                options: &::cramberry::DecodeOptions,
                depth: u32,
            ) -> Self {
                #lazy_name {
                    __input: input,
                    __start: start,
                    __end: end,
                    __depth: depth,
                    __options: *options,
                    __indexed: false,
                    __at: [0; #field_count],
                }
            }

            #[inline]
            fn build_index(&mut self) {
                let r = &mut #rt::Reader::window(self.__input, self.__start, self.__end, &self.__options, self.__depth);
                let at = &mut self.__at;
                #rt::view::lazy::clear_index(at);
                // The fields in the order the encoder writes them first, a tag compare each; the rest (absent,
                // repeated, unknown or out-of-order fields) by the general loop, as the view's parse does.
                let mut last = 0u32;
                let fast = (|| {
                    let mut fast = #rt::view::lazy::InOrder::new(self.__input, self.__start, self.__end, &self.__options)?;
                    #( fast.field(at, #short_indices, (#short_numbers, #short_wire_types), #short_runs, &mut last)?; )*
                    ::core::option::Option::Some(fast.position())
                })();
                if let ::core::option::Option::Some(from) = fast {
                    // Fields 16 and up (two-byte tags) in order by the reader's tag compare, then the rest.
                    let r = &mut #rt::Reader::window(self.__input, from, self.__end, &self.__options, self.__depth);
                    let mut pass = || -> ::cramberry::Result<()> {
                        #(
                            if let ::core::option::Option::Some(tag) = r.eat_tag(#long_numbers, #long_wire_types) {
                                #rt::view::lazy::index_field(r, at, #long_indices, #long_runs, &tag)?;
                                last = #long_numbers;
                            }
                        )*
                        #rt::view::lazy::index_rest(r, at, last, Self::__field_index)
                    };
                    self.__indexed = pass().is_ok();
                    return;
                }
                #rt::view::lazy::clear_index(at);
                let mut pass = || -> ::cramberry::Result<()> {
                    let mut last = 0u32;
                    #(
                        if let ::core::option::Option::Some(tag) = r.eat_tag(#in_order_numbers, #in_order_wire_types) {
                            #rt::view::lazy::index_field(r, at, #in_order_indices, #in_order_runs, &tag)?;
                            last = #in_order_numbers;
                        }
                    )*
                    #rt::view::lazy::index_rest(r, at, last, Self::__field_index)
                };
                self.__indexed = pass().is_ok();
            }

            #[inline]
            fn as_bytes(&self) -> &#v [u8] {
                &self.__input[self.__start..self.__end]
            }

            #[inline]
            fn options(&self) -> &::cramberry::DecodeOptions {
                &self.__options
            }

            #[inline]
            fn to_view(&self) -> ::cramberry::Result<#view_name<#v>> {
                let r = &mut #rt::Reader::window(self.__input, self.__start, self.__end, &self.__options, self.__depth);
                <#view_name<#v> as ::cramberry::MessageView<#v>>::parse_fields(r)
                    .map_err(::cramberry::DecodeError::in_type::<#owned>)
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
