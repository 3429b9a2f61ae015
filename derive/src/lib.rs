//! `#[derive(Cramberry)]`: implements the cramberry runtime's traits for structs and enums.
//!
//! - A struct with named fields becomes a message (`Message`, `DecodeMessage`, and the value traits so it can
//!   nest). With `#[cram(pod)]` it becomes a pod: written as its little-endian bytes.
//! - A fieldless enum with explicit numbers becomes an enumeration.
//! - An enum whose variants each hold one message, with `#[cram(type_id = N)]`, becomes an interface.
//!
//! Generated code names the runtime only through `::cramberry` paths. See the `cramberry` crate for the
//! attribute reference.

mod attr;
mod dispatch;
mod enumeration;
mod interface;
mod message;
mod plan;
mod pod;
mod shape;
mod view;

use proc_macro::TokenStream;
use syn::{parse_macro_input, Data, DeriveInput};

/// Derives the cramberry encoding for a struct (message or pod) or an enum (enumeration or interface).
#[proc_macro_derive(Cramberry, attributes(cram))]
pub fn derive_cramberry(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

fn expand(input: &DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let container = attr::ContainerAttrs::parse(&input.attrs)?;
    match &input.data {
        Data::Struct(data) if container.pod => pod::expand(input, data),
        Data::Struct(data) => message::expand(input, data),
        Data::Enum(data) if data.variants.iter().all(|v| v.fields.is_empty() || attr::is_other(&v.attrs)) => {
            enumeration::expand(input, data)
        }
        Data::Enum(data) => interface::expand(input, data),
        Data::Union(_) => {
            Err(syn::Error::new_spanned(&input.ident, "#[derive(Cramberry)] does not support unions"))
        }
    }
}
