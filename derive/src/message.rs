//! Structs as messages: `Message`, `DecodeMessage`, and the value traits so they nest.

use crate::attr::FieldRole;
use crate::errors::Errors;
use crate::plan::FieldPlan;
use crate::shape::{strategy_of, Strategy};
use crate::vocab::{de_lifetime, rt, with_de_lifetime, FieldInfo, MessageInfo};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{DataStruct, DeriveInput, Fields};

pub fn expand(input: &DeriveInput, data: &DataStruct, errors: &mut Errors) -> TokenStream {
    let named = match &data.fields {
        Fields::Named(named) => Some(named),
        other => {
            errors.push(syn::Error::new_spanned(&input.ident, needs_named_fields(&input.ident, other)));
            None
        }
    };
    let mut fields = Vec::new();
    let mut numbers = std::collections::BTreeMap::new();
    let mut has_unknown = false;
    let mut custom_impls = TokenStream::new();
    for f in named.iter().flat_map(|n| &n.named) {
        let member = f.ident.as_ref().expect("named field");
        let strategy = strategy_of(&f.ty);
        let role = errors.ok(FieldRole::parse(&f.attrs, member.span())).unwrap_or(FieldRole::Broken);
        let problem = match &role {
            FieldRole::Encoded { number, span, required, fixed, with } => {
                if let Some(previous) = numbers.insert(*number, member.to_string()) {
                    Some(syn::Error::new(
                        *span,
                        format!("field number {number} is already used by `{previous}`"),
                    ))
                } else if *required && strategy != Strategy::Plain {
                    Some(syn::Error::new(
                        *span,
                        "`required` applies to single values, not Option, lists or maps",
                    ))
                } else if *fixed && strategy == Strategy::Map {
                    Some(syn::Error::new(*span, "`fixed` is not supported on maps"))
                } else if let Some(path) = with {
                    crate::custom::problem(&f.ty, strategy, *fixed).map(|e| syn::Error::new_spanned(path, e))
                } else {
                    crate::supported::check(&f.ty).err()
                }
            }
            FieldRole::Unknown if has_unknown => {
                Some(syn::Error::new(member.span(), "only one #[cram(unknown_fields)] field is allowed"))
            }
            FieldRole::Unknown => {
                has_unknown = true;
                None
            }
            FieldRole::Skip | FieldRole::Broken => None,
        };
        let role = match problem {
            Some(e) => {
                errors.push(e);
                FieldRole::Broken
            }
            None => role,
        };
        let docs = f.attrs.iter().filter(|a| a.path().is_ident("doc")).collect();
        let custom = match &role {
            FieldRole::Encoded { with: Some(module), .. } => {
                let marker = crate::custom::marker(&input.ident, member);
                let value = crate::custom::value_type(&f.ty, strategy).expect("checked above");
                custom_impls.extend(crate::custom::expand(&marker, value, module));
                Some(marker)
            }
            _ => None,
        };
        fields.push(FieldInfo { member, ty: &f.ty, role, strategy, docs, custom });
    }
    let message = MessageInfo { input, fields, constructible: named.is_some() };

    // A borrowed list `&[T]` (T not u8) cannot be filled from the input, so such a struct is encode-only.
    let encode_only = message.fields.iter().any(|f| {
        matches!(&f.ty, syn::Type::Reference(_))
            && f.strategy == Strategy::Repeated
            && !matches!(f.role, FieldRole::Broken)
    });
    let encode = encode_impl(input, &message.fields);
    let value = value_impl(input);
    if encode_only {
        return quote! { #custom_impls #encode #value };
    }
    let decode = decode_impl(&message);
    let decode_value = decode_value_impl(input);
    // Views need every field type re-expressed with the view's lifetime, which type parameters prevent.
    let view = if input.generics.type_params().next().is_none() {
        let (view, lazy) = (crate::view::message_view(&message), crate::lazy::message_lazy(&message));
        quote!(#view #lazy)
    } else {
        quote!()
    };
    quote! { #custom_impls #encode #decode #value #decode_value #view }
}

/// The error for a tuple or unit struct, with the struct rewritten as a message.
fn needs_named_fields(name: &syn::Ident, fields: &Fields) -> String {
    let example: Vec<String> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let ty = &f.ty;
            format!("#[cram({})] field{}: {}", i + 1, i + 1, quote!(#ty).to_string().replace(' ', ""))
        })
        .collect();
    let body = if example.is_empty() { String::from("#[cram(1)] value: u64") } else { example.join(", ") };
    format!("a Cramberry message needs named, numbered fields: `struct {name} {{ {body} }}`")
}

fn encode_impl(input: &DeriveInput, fields: &[FieldInfo]) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let mut measure = Vec::new();
    let mut write = Vec::new();
    for f in fields {
        let member = f.member;
        if let Some(plan) = FieldPlan::of(f) {
            measure.push(plan.measure());
            write.push(plan.write());
        } else if matches!(f.role, FieldRole::Unknown) {
            measure.push(quote!(len += self.#member.len();));
            write.push(quote!(w.put_slice(self.#member.as_bytes());));
        }
    }
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g ::cramberry::Message for #name #ty_g #where_c {
            #[inline]
            fn measure_fields<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                let mut len = 0usize;
                #(#measure)*
                len
            }
            #[inline(always)]
            fn write_fields(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                #(#write)*
            }
        }
    }
}

fn decode_impl(message: &MessageInfo) -> TokenStream {
    let (input, fields) = (message.input, &message.fields);
    let rt = rt();
    let name = &input.ident;
    let name_str = name.to_string();
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (impl_g, _, _) = de_generics.split_for_impl();
    let (_, ty_g, where_c) = input.generics.split_for_impl();

    let mut empty = Vec::new();
    let mut arms = Vec::new();
    let (mut seen_decls, mut seen_checks) = (Vec::new(), Vec::new());
    let mut unknown_arm = quote!(r.skip_unknown(&tag)?);
    for f in fields {
        let member = f.member;
        if let Some(plan) = FieldPlan::of(f) {
            empty.push((quote!(#member), plan.decode_empty(&de)));
            arms.push(plan.decode_arm(&name_str));
            seen_decls.extend(plan.seen_decl());
            seen_checks.extend(plan.seen_check(&name_str));
            continue;
        }
        empty.push((quote!(#member), f.unencoded_value()));
        if matches!(f.role, FieldRole::Unknown) {
            unknown_arm = quote!(r.keep_unknown(&tag, &mut self.#member)?);
        }
    }
    let parse = crate::dispatch::validating(&mut arms, unknown_arm);
    let construct = message.construct(empty);
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g ::cramberry::DecodeMessage<#de> for #name #ty_g #where_c {
            #[inline]
            fn empty() -> Self {
                #construct
            }
            #[inline]
            fn merge_fields(&mut self, r: &mut #rt::Reader<#de>) -> ::cramberry::Result<()> {
                #(#seen_decls)*
                #parse
                #(#seen_checks)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

fn value_impl(input: &DeriveInput) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl #impl_g #rt::EncodeValue for #name #ty_g #where_c {
            const WIRE_TYPE: #rt::WireType = #rt::WireType::Bytes;
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                ::cramberry::Message::encoded_len(self) == 0
            }
            #[inline]
            fn value_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> usize {
                #rt::message::len(self, rec)
            }
            #[inline]
            fn encode(&self, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                #rt::message::encode(self, w, sizes)
            }
            #[inline]
            fn plain_len<R: #rt::LenRecorder>(&self, rec: &mut R) -> ::core::option::Option<usize> {
                #rt::message::plain_len(self, rec)
            }
            #[inline]
            fn encode_plain(&self, number: u32, w: &mut #rt::Writer<'_>, sizes: &mut #rt::SizeCursor<'_>) {
                #rt::message::encode_plain(self, number, w, sizes)
            }
        }
    }
}

fn decode_value_impl(input: &DeriveInput) -> TokenStream {
    let rt = rt();
    let name = &input.ident;
    let de = de_lifetime();
    let de_generics = with_de_lifetime(&input.generics);
    let (de_impl_g, _, _) = de_generics.split_for_impl();
    let (_, ty_g, where_c) = input.generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[allow(deprecated)]
        impl #de_impl_g #rt::DecodeValue<#de> for #name #ty_g #where_c {
            #[inline]
            fn empty() -> Self {
                <Self as ::cramberry::DecodeMessage<#de>>::empty()
            }
            #[inline]
            fn decode(r: &mut #rt::Reader<#de>) -> ::cramberry::Result<Self> {
                #rt::message::decode(r)
            }
        }
    }
}
