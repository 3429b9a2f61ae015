//! `#[derive(Cramberry)]`: implements the cramberry runtime's traits for structs and enums.
//!
//! - A struct with named fields becomes a message (`Message`, `DecodeMessage`, and the value traits so it can
//!   nest). With `#[cram(pod)]` it becomes a pod: written as its little-endian bytes.
//! - A struct of one field — a tuple struct like `struct OrderId(u64)`, or any struct marked
//!   `#[cram(transparent)]` — is transparent: written, read and viewed exactly as its field.
//! - A fieldless enum with explicit numbers becomes an enumeration.
//! - An enum whose variants each hold one message, with `#[cram(type_id = N)]`, becomes an interface.
//!
//! Generated code names the runtime only through `::cramberry` paths. See the `cramberry` crate for the
//! attribute reference.

mod attr;
mod custom;
mod dispatch;
mod enumeration;
mod errors;
mod interface;
mod lazy;
mod message;
mod plan;
mod pod;
mod shape;
mod stub;
mod supported;
mod transparent;
mod view;
mod vocab;

use errors::Errors;
use proc_macro::TokenStream;
use syn::{parse_macro_input, Data, DataStruct, DeriveInput, Field, Fields, Index, Member};

/// Derives the cramberry encoding for a struct (message or pod) or an enum (enumeration or interface).
#[proc_macro_derive(Cramberry, attributes(cram))]
pub fn derive_cramberry(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let mut errors = Errors::default();
    let expansion = expand(&input, &mut errors);
    errors.finish(expansion).into()
}

/// A tuple struct of one field (`struct OrderId(u64)`): a transparent newtype without being marked.
fn is_newtype(data: &DataStruct) -> bool {
    matches!(&data.fields, Fields::Unnamed(f) if f.unnamed.len() == 1)
}

/// The one field of a transparent struct and how to name it, or the error of a struct that has another count.
fn newtype_field<'a>(input: &DeriveInput, data: &'a DataStruct) -> syn::Result<(&'a Field, Member)> {
    let mut fields = data.fields.iter();
    match (fields.next(), fields.next()) {
        (Some(field), None) => {
            let member = field.ident.clone().map_or_else(|| Member::Unnamed(Index::from(0)), Member::Named);
            Ok((field, member))
        }
        _ => Err(syn::Error::new_spanned(
            &input.ident,
            "#[cram(transparent)] needs a struct of exactly one field, which it is written as",
        )),
    }
}

/// The expansion, recovering from each mistake after recording it in `errors`.
fn expand(input: &DeriveInput, errors: &mut Errors) -> proc_macro2::TokenStream {
    let container = errors.ok(attr::ContainerAttrs::parse(&input.attrs)).unwrap_or_default();
    let registered = registered_impl(input, &container, errors);
    let expansion = match &input.data {
        Data::Struct(data) if container.pod => match pod::expand(input, data) {
            Ok(expansion) => expansion,
            Err(e) => {
                errors.push(e);
                stub::value_impls(input)
            }
        },
        Data::Struct(data) if container.transparent || is_newtype(data) => match newtype_field(input, data) {
            Ok((field, member)) => {
                if let Err(e) = supported::check(&field.ty) {
                    errors.push(e);
                }
                transparent::expand(input, field, &member)
            }
            Err(e) => {
                errors.push(e);
                stub::value_impls(input)
            }
        },
        Data::Struct(data) => message::expand(input, data, errors),
        Data::Enum(data) if data.variants.iter().all(|v| v.fields.is_empty() || attr::is_other(&v.attrs)) => {
            enumeration::expand(input, data, errors)
        }
        Data::Enum(data) => interface::expand(input, data, errors),
        Data::Union(_) => {
            errors.push(syn::Error::new_spanned(
                &input.ident,
                "#[derive(Cramberry)] does not support unions; use a struct (a message) or an enum",
            ));
            stub::value_impls(input)
        }
    };
    quote::quote!(#registered #expansion)
}

/// `Registered` for a message marked `#[cram(type_id = N)]`.
fn registered_impl(
    input: &DeriveInput,
    container: &attr::ContainerAttrs,
    errors: &mut Errors,
) -> proc_macro2::TokenStream {
    let Some(id) = &container.type_id else { return proc_macro2::TokenStream::new() };
    let is_message = matches!(&input.data, Data::Struct(_)) && !container.pod && !container.transparent;
    if !is_message {
        errors
            .push(syn::Error::new(id.span(), "`type_id` applies to messages (structs with numbered fields)"));
        return proc_macro2::TokenStream::new();
    }
    let name = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    quote::quote! {
        #[automatically_derived]
        impl #impl_g ::cramberry::registry::Registered for #name #ty_g #where_c {
            const TYPE_ID: u64 = #id;
        }
    }
}
