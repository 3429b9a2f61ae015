//! One plan per encoded field: its kind decided once from the field's shape and attributes, and from it every
//! piece of code the generators emit for the field — measure, write, owned decoding, and the view's slot,
//! parse, re-read and to-owned code. The generators in `message` and `view` only assemble these pieces.

use crate::attr::FieldRole;
use crate::dispatch::Arm;
use crate::shape::{self, Strategy};
use crate::vocab::{kind, rt, FieldInfo};
use crate::vocab::{view_lifetime, with_view_lifetime};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Type;

/// The kind of a value of type `ty` (a field's value, a list element, a tuple element): `base` for scalars,
/// strings and messages; `Listed<…>` for a list written as one value; `Tupled<…>` for a tuple with an element
/// that is not a plain value of the natural kind (each element's form and kind spelt out). The flag says
/// whether the kind differs from `base`.
fn value_kind(ty: &Type, base: &TokenStream) -> (TokenStream, bool) {
    let rt = rt();
    match ty {
        Type::Paren(p) => value_kind(&p.elem, base),
        Type::Group(g) => value_kind(&g.elem, base),
        Type::Tuple(t) if !t.elems.is_empty() => {
            let elements: Vec<_> = t.elems.iter().map(element_kind).collect();
            if elements.iter().all(|(_, natural_plain)| *natural_plain) {
                return (base.clone(), false);
            }
            let forms = elements.iter().map(|(form, _)| form);
            (quote!(#rt::Tupled<(#(#forms,)*)>), true)
        }
        _ if shape::is_value_list(ty) => {
            let elem = shape::list_element(ty).map(|e| value_kind(e, base).0);
            (quote!(#rt::Listed<#elem>), true)
        }
        _ => (base.clone(), false),
    }
}

/// A tuple element's form (`AsPlain`, `AsOptional`, `AsList`, `AsArray`) with its values' kind, and whether it
/// is a plain value of the natural kind (a tuple of those has the natural kind).
fn element_kind(elem: &Type) -> (TokenStream, bool) {
    let (rt, natural) = (rt(), kind(false));
    let inner = |t: &Type| value_kind(t, &natural).0;
    match shape::strategy_of(elem) {
        Strategy::Optional => {
            let k = shape::option_inner(elem).map(inner);
            (quote!(#rt::AsOptional<#k>), false)
        }
        Strategy::Repeated => {
            let k = shape::list_element(elem).map(inner);
            (quote!(#rt::AsList<#k>), false)
        }
        Strategy::Array => {
            let k = shape::list_element(elem).map(inner);
            (quote!(#rt::AsArray<#k>), false)
        }
        Strategy::Plain | Strategy::Map => {
            let (k, differs) = value_kind(elem, &natural);
            (quote!(#rt::AsPlain<#k>), !differs)
        }
    }
}

/// An encoded field (not `skip`, not `unknown_fields`) and how it is laid out.
pub struct FieldPlan<'a> {
    pub info: &'a FieldInfo<'a>,
    pub number: u32,
    pub required: bool,
    /// `Natural` or `Fixed`.
    pub kind: TokenStream,
    /// Whether the kind is not `Natural` (`#[cram(N, fixed)]`, or a list or tuple composed of others).
    pub non_natural: bool,
    /// Whether the kind is composed (`Listed`, `Tupled`): the view types come from the runtime then.
    pub composed: bool,
}

impl<'a> FieldPlan<'a> {
    /// The plan of `info`, or `None` for a field that is not encoded.
    pub fn of(info: &'a FieldInfo<'a>) -> Option<Self> {
        match &info.role {
            FieldRole::Encoded { number, required, fixed, .. } => {
                let value = shape::field_value(info.ty);
                let (kind, composed) = match (&info.custom, value) {
                    (Some(marker), _) => (quote!(#marker), false),
                    (None, Some(value)) => value_kind(value, &kind(*fixed)),
                    (None, None) => (kind(*fixed), false),
                };
                Some(FieldPlan {
                    info,
                    number: *number,
                    required: *required,
                    kind,
                    non_natural: *fixed || composed || info.custom.is_some(),
                    composed,
                })
            }
            FieldRole::Unknown | FieldRole::Skip | FieldRole::Broken => None,
        }
    }

    fn member(&self) -> &syn::Ident {
        self.info.member
    }

    /// The field's name in error paths: as written, without a raw identifier's `r#`.
    fn field_name(&self) -> String {
        syn::ext::IdentExt::unraw(self.member()).to_string()
    }

    /// The runtime module of the field's strategy.
    fn module(&self) -> TokenStream {
        let rt = rt();
        match (self.info.strategy, self.required) {
            (Strategy::Plain, true) => quote!(#rt::required),
            (Strategy::Plain, false) => quote!(#rt::plain),
            (Strategy::Optional, _) => quote!(#rt::optional),
            (Strategy::Repeated, _) => quote!(#rt::repeated),
            (Strategy::Array, _) => quote!(#rt::array),
            (Strategy::Map, _) => quote!(#rt::map),
        }
    }

    /// The wire type the encoder writes for the field (of type `ty`): what the in-order fast path expects.
    fn written_wire_type(&self, ty: &Type) -> TokenStream {
        let (rt, k) = (rt(), &self.kind);
        match self.info.strategy {
            Strategy::Plain => quote!(<#ty as #rt::EncodeValue<#k>>::WIRE_TYPE),
            Strategy::Optional => {
                quote!(<<#ty as #rt::view::OptionType>::Inner as #rt::EncodeValue<#k>>::WIRE_TYPE)
            }
            Strategy::Repeated | Strategy::Array => {
                quote!(#rt::repeated::wire_type::<#k, <#ty as #rt::view::ListType>::Elem>())
            }
            Strategy::Map => quote!(#rt::WireType::Bytes),
        }
    }

    /// `::<K, _, ...>` for a call into the field's strategy module: the kind and `inferred` more parameters (one
    /// more for arrays, whose length is one); maps infer everything.
    fn turbofish(&self, inferred: usize) -> TokenStream {
        let k = &self.kind;
        let underscores =
            (0..inferred + usize::from(self.info.strategy == Strategy::Array)).map(|_| quote!(_));
        match self.info.strategy {
            Strategy::Map => quote!(),
            _ => quote!(::<#k, #(#underscores),*>),
        }
    }

    /// The field as the strategy module takes it (`&self.member`, sliced for lists).
    fn access(&self) -> TokenStream {
        let member = self.member();
        match self.info.strategy {
            Strategy::Repeated => quote!(&self.#member[..]),
            _ => quote!(&self.#member),
        }
    }

    /// `len += ...;` for the measuring pass (value and recorder types inferred).
    pub fn measure(&self) -> TokenStream {
        let (module, number, turbofish, access) =
            (self.module(), self.number, self.turbofish(2), self.access());
        quote!(len += #module::len #turbofish (#number, #access, rec);)
    }

    /// The writing pass's statement.
    pub fn write(&self) -> TokenStream {
        let (module, number, turbofish, access) =
            (self.module(), self.number, self.turbofish(1), self.access());
        quote!(#module::write #turbofish (#number, #access, w, sizes);)
    }

    /// The field's absent value, for owned decoding's empty message (input lifetime `de`).
    pub fn decode_empty(&self, de: &syn::Lifetime) -> TokenStream {
        let (rt, k, ty) = (rt(), &self.kind, self.info.ty);
        match self.info.strategy {
            Strategy::Plain => quote!(<#ty as #rt::DecodeValue<#de, #k>>::empty()),
            Strategy::Optional => quote!(::core::option::Option::None),
            Strategy::Array => quote!(#rt::array::empty::<#k, _, _>()),
            Strategy::Repeated | Strategy::Map => quote!(::core::default::Default::default()),
        }
    }

    /// The owned-decoding arm: merge the field whose tag was just read into `self`.
    pub fn decode_arm(&self, message: &str) -> Arm {
        let (module, turbofish, member) = (self.module(), self.turbofish(1), self.member());
        let merge = match self.entry_counter() {
            Some(entries) => quote!(#module::merge(&mut self.#member, &mut #entries, &tag, r)),
            None => quote!(#module::merge #turbofish (&mut self.#member, &tag, r)),
        };
        self.arm(self.info.ty, merge, message)
    }

    /// An arm running `merge` (which yields a `Result`), naming the field in its error and, for a required
    /// field, recording that it was seen.
    fn arm(&self, ty: &Type, merge: TokenStream, message: &str) -> Arm {
        let field = self.field_name();
        let merge = quote!(#merge.map_err(|e| e.in_field(#message, #field))?);
        let body = match self.seen_flag() {
            Some(seen) => quote!(#merge; #seen = true),
            None => merge,
        };
        Arm { number: self.number, wire_type: self.written_wire_type(ty), body }
    }

    fn seen_flag(&self) -> Option<syn::Ident> {
        self.required.then(|| format_ident!("__seen_{}", self.member()))
    }

    /// For a map field: the counter of its entries on the wire (for the element limit and error paths, which
    /// count a duplicate key again, as views do).
    fn entry_counter(&self) -> Option<syn::Ident> {
        (self.info.strategy == Strategy::Map).then(|| format_ident!("__entries_{}", self.member()))
    }

    /// The locals owned decoding keeps per field: a required field's presence flag, a map's entry count.
    pub fn seen_decl(&self) -> Option<TokenStream> {
        match (self.seen_flag(), self.entry_counter()) {
            (Some(seen), _) => Some(quote!(let mut #seen = false;)),
            (None, Some(entries)) => Some(quote!(let mut #entries = 0usize;)),
            (None, None) => None,
        }
    }

    /// For a required field: the check, after the loop, that it was present.
    pub fn seen_check(&self, message: &str) -> Option<TokenStream> {
        let rt = rt();
        let field = self.field_name();
        self.seen_flag().map(|seen| {
            quote! {
                if !#seen {
                    return ::core::result::Result::Err(#rt::required::missing(r, #message, #field));
                }
            }
        })
    }

    /// The field's type with every lifetime set to the view lifetime.
    fn view_ty(&self) -> Type {
        with_view_lifetime(self.info.ty)
    }

    /// The view's slot type (what the accessor returns), spelt out where the field's syntax allows
    /// (`&'v str`, `Repeated<'v, Fill>`, `MapView<'v, u32, String>`) so rustdoc shows readable types; the
    /// runtime's type projection otherwise (the same type either way).
    pub fn view_slot_ty(&self) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        // A custom kind's view is the module's; the syntax only tells the natural kind's.
        let readable = |t: &Type| {
            (self.info.custom.is_none() && !self.composed)
                .then(|| shape::readable_value_view(t, &v))
                .flatten()
        };
        let value_view =
            |t: &Type| readable(t).unwrap_or_else(|| quote!(<#t as #rt::ValueView<#v, #k>>::View));
        // The list's kind parameter is only written when it is not the default (`Natural`).
        let list_kind = if self.non_natural { quote!(, #k) } else { quote!() };
        match self.info.strategy {
            Strategy::Plain => value_view(&ty),
            Strategy::Optional => match shape::option_inner(&ty) {
                Some(inner) => {
                    let inner = value_view(inner);
                    quote!(::core::option::Option<#inner>)
                }
                None => {
                    quote!(::core::option::Option<<<#ty as #rt::view::OptionType>::Inner as #rt::ValueView<#v, #k>>::View>)
                }
            },
            Strategy::Repeated | Strategy::Array => match shape::list_element(&ty) {
                Some(elem) => quote!(::cramberry::view::Repeated<#v, #elem #list_kind>),
                None => quote!(::cramberry::view::Repeated<#v, <#ty as #rt::view::ListType>::Elem, #k>),
            },
            Strategy::Map => match shape::map_key_value(&ty) {
                Some((key, val)) => quote!(::cramberry::view::MapView<#v, #key, #val>),
                None => {
                    quote!(::cramberry::view::MapView<#v, <#ty as #rt::view::MapType>::Key, <#ty as #rt::view::MapType>::Val>)
                }
            },
        }
    }

    /// The view slot's value when the field is absent.
    pub fn view_empty(&self) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        match (&self.info.strategy, &ty) {
            (Strategy::Plain, _) => quote!(<#ty as #rt::ValueView<#v, #k>>::empty_view()),
            (Strategy::Optional, _) => quote!(::core::option::Option::None),
            (Strategy::Array, Type::Array(a)) => {
                let len = &a.len;
                quote!(#rt::view::Repeated::absent_array(#len))
            }
            (Strategy::Repeated | Strategy::Array, _) => quote!(#rt::view::Repeated::empty()),
            (Strategy::Map, _) => quote!(::core::default::Default::default()),
        }
    }

    /// The validating arm of the view's parse: merge the field whose tag was just read into `view`.
    pub fn view_arm(&self, message: &str) -> Arm {
        let member = self.member();
        self.view_merge_arm(message, quote!(view.#member))
    }

    /// The validating arm of a lazy view's accessor, merging into `*slot`: for plain and optional
    /// fields the view's checks with messages opened lazily, for the others the view's own arm.
    pub fn lazy_arm(&self, message: &str) -> Arm {
        if !self.lazy_differs() {
            return self.view_merge_arm(message, quote!(*slot));
        }
        let (rt, k, ty) = (rt(), &self.kind, self.view_ty());
        let merge = match self.info.strategy {
            Strategy::Plain if self.required => quote!(#rt::view::required::merge_lazy::<#k, #ty>),
            Strategy::Plain => quote!(#rt::view::plain::merge_lazy::<#k, #ty>),
            Strategy::Repeated => {
                let elem = self.list_elem();
                quote!(#rt::view::lazy::list_merge::<#k, #elem>)
            }
            _ => quote!(#rt::view::optional::merge_lazy::<#k, <#ty as #rt::view::OptionType>::Inner>),
        };
        self.arm(&ty, quote!(#merge(&mut *slot, &tag, r)), message)
    }

    /// The view's validating arm, merging the field whose tag was just read into the place `target` (a slot of
    /// the field's view type).
    fn view_merge_arm(&self, message: &str, target: TokenStream) -> Arm {
        let (rt, k, ty) = (rt(), &self.kind, self.view_ty());
        let merge = match (&self.info.strategy, &ty) {
            (Strategy::Plain, _) if self.required => quote!(#rt::view::required::merge::<#k, #ty>),
            (Strategy::Plain, _) => quote!(#rt::view::plain::merge::<#k, #ty>),
            (Strategy::Optional, _) => {
                quote!(#rt::view::optional::merge::<#k, <#ty as #rt::view::OptionType>::Inner>)
            }
            (Strategy::Array, Type::Array(a)) => {
                let len = &a.len;
                quote!(#rt::view::array::merge::<#k, <#ty as #rt::view::ListType>::Elem, { #len }>)
            }
            (Strategy::Repeated | Strategy::Array, _) => {
                quote!(#rt::view::repeated_merge::<#k, <#ty as #rt::view::ListType>::Elem>)
            }
            (Strategy::Map, _) => {
                quote!(#rt::view::map_merge::<<#ty as #rt::view::MapType>::Key, <#ty as #rt::view::MapType>::Val>)
            }
        };
        self.arm(&ty, quote!(#merge(&mut #target, &tag, r)), message)
    }

    /// The re-reading arm: the field of validated bytes, from the check-free cursor `c`, into `view`.
    pub fn revisit_arm(&self) -> Arm {
        let (rt, k, member, ty) = (rt(), &self.kind, self.member(), self.view_ty());
        let body = match self.info.strategy {
            Strategy::Plain => quote!(#rt::view::plain::revisit::<#k, #ty>(&mut view.#member, &mut c)),
            Strategy::Optional => quote! {
                #rt::view::optional::revisit::<#k, <#ty as #rt::view::OptionType>::Inner>(&mut view.#member, &mut c)
            },
            Strategy::Array => quote! {
                #rt::view::array::revisit::<#k, <#ty as #rt::view::ListType>::Elem>(&mut view.#member, &tag, &mut c)
            },
            Strategy::Repeated => quote! {
                #rt::view::repeated_revisit::<#k, <#ty as #rt::view::ListType>::Elem>(&mut view.#member, &tag, &mut c)
            },
            Strategy::Map => quote!(#rt::view::map_revisit(&mut view.#member, &tag, &mut c)),
        };
        Arm { number: self.number, wire_type: self.written_wire_type(&ty), body }
    }

    /// The owned value of the view's slot (in `to_message`).
    pub fn view_to_message(&self) -> TokenStream {
        let member = self.member();
        self.slot_to_message(quote!(self.#member))
    }

    /// The owned value of the view slot `slot` (an expression of the slot's type).
    fn slot_to_message(&self, slot: TokenStream) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        match (&self.info.strategy, &ty) {
            (Strategy::Plain, _) => quote!(<#ty as #rt::ValueView<#v, #k>>::from_view(&#slot)),
            (Strategy::Optional, _) => quote! {
                #slot.as_ref().map(<<#ty as #rt::view::OptionType>::Inner as #rt::ValueView<#v, #k>>::from_view)
            },
            (Strategy::Repeated | Strategy::Array, Type::Array(_)) => quote!(#slot.to_array()),
            (Strategy::Repeated, _) if shape::last_ident(&ty).as_deref() == Some("SmallVec") => {
                quote!(::core::convert::From::from(#slot.to_vec()))
            }
            (Strategy::Repeated | Strategy::Array, _) => quote!(#slot.to_vec()),
            (Strategy::Map, _) => quote!(#slot.to_map()),
        }
    }

    /// Whether a lazy accessor returns the field lazily (a message opened, not read): plain, optional and
    /// list fields. Fixed-length lists and maps return their views.
    fn lazy_differs(&self) -> bool {
        matches!(self.info.strategy, Strategy::Plain | Strategy::Optional | Strategy::Repeated)
    }

    /// How a lazy view's index records this list field's occurrences (see `Run::list`).
    pub fn lazy_run(&self) -> TokenStream {
        let (rt, k, elem) = (rt(), &self.kind, self.list_elem());
        let v = view_lifetime();
        quote!(#rt::view::lazy::Run::list::<#v, #k, #elem>())
    }

    /// A list field's element type, spelt out where the syntax says it.
    fn list_elem(&self) -> TokenStream {
        let (rt, ty) = (rt(), self.view_ty());
        match shape::list_element(&ty) {
            Some(elem) => quote!(#elem),
            None => quote!(<#ty as #rt::view::ListType>::Elem),
        }
    }

    /// What a lazy view's accessor returns (its `Ok`): the value's lazy form for plain and optional fields,
    /// the view's slot otherwise.
    pub fn lazy_slot_ty(&self) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        match self.info.strategy {
            Strategy::Plain => quote!(<#ty as #rt::ValueView<#v, #k>>::Lazy),
            Strategy::Optional => {
                quote!(::core::option::Option<<<#ty as #rt::view::OptionType>::Inner as #rt::ValueView<#v, #k>>::Lazy>)
            }
            Strategy::Repeated => {
                let elem = self.list_elem();
                quote!(::cramberry::view::LazyList<#v, #elem, #k>)
            }
            _ => self.view_slot_ty(),
        }
    }

    /// A lazy accessor's fast path, for plain and optional fields: the value read where the index says its
    /// one occurrence is (`read_indexed`), returned before the full path runs; anything that path would treat
    /// differently (another tag form, an error, canonical mode, a missing required field) falls through to it.
    pub fn lazy_fast_path(&self, slot_index: usize) -> Option<TokenStream> {
        let (rt, k, ty) = (rt(), &self.kind, self.view_ty());
        let (value_ty, found, absent) = match self.info.strategy {
            Strategy::Plain if self.required => (quote!(#ty), quote!(value), None),
            Strategy::Plain => (quote!(#ty), quote!(value), Some(self.lazy_empty())),
            Strategy::Optional => (
                quote!(<#ty as #rt::view::OptionType>::Inner),
                quote!(::core::option::Option::Some(value)),
                Some(quote!(::core::option::Option::None)),
            ),
            _ => return None,
        };
        let (number, wire_type) = (self.number, self.written_wire_type(&ty));
        let absent = absent.map(|empty| {
            quote!(::core::option::Option::Some(::core::option::Option::None) => return ::core::result::Result::Ok(#empty),)
        });
        Some(quote! {
            match #rt::view::lazy::read_indexed::<#k, #value_ty>(
                self.__input,
                self.__end,
                &self.__options,
                self.__depth,
                #rt::view::lazy::indexed_at(self.__indexed, &self.__at, #slot_index),
                (#number, #wire_type),
            ) {
                ::core::option::Option::Some(::core::option::Option::Some(value)) => return ::core::result::Result::Ok(#found),
                #absent
                _ => {}
            }
        })
    }

    /// The lazy slot of an absent field.
    pub fn lazy_empty(&self) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        match self.info.strategy {
            Strategy::Plain => quote!(<#ty as #rt::ValueView<#v, #k>>::empty_lazy()),
            Strategy::Repeated => quote!(::cramberry::view::LazyList::empty()),
            _ => self.view_empty(),
        }
    }

    /// The owned value of the lazy slot `slot`, validating what the slot left unread (a `Result`).
    pub fn lazy_to_message(&self, slot: TokenStream) -> TokenStream {
        let (rt, v, k, ty) = (rt(), view_lifetime(), &self.kind, self.view_ty());
        match self.info.strategy {
            Strategy::Plain => quote!(<#ty as #rt::ValueView<#v, #k>>::lazy_to_owned(&#slot)),
            Strategy::Optional => quote! {
                #slot.as_ref().map(<<#ty as #rt::view::OptionType>::Inner as #rt::ValueView<#v, #k>>::lazy_to_owned).transpose()
            },
            Strategy::Repeated => {
                let elem = self.list_elem();
                let collect = quote! {
                    #slot.iter().enumerate().map(|(i, element)| {
                        element
                            .and_then(|lazy| <#elem as #rt::ValueView<#v, #k>>::lazy_to_owned(&lazy))
                            .map_err(|e| e.at_index(i))
                    }).collect::<::cramberry::Result<#rt::alloc::vec::Vec<_>>>()
                };
                match shape::last_ident(&ty).as_deref() {
                    Some("SmallVec") => quote!(#collect.map(::core::convert::From::from)),
                    _ => collect,
                }
            }
            _ => {
                let owned = self.slot_to_message(slot);
                quote!(::core::result::Result::<_, ::cramberry::DecodeError>::Ok(#owned))
            }
        }
    }

    /// The field's name in error paths.
    pub fn path_name(&self) -> String {
        self.field_name()
    }
}
