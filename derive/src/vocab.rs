//! The derive's shared vocabulary, a leaf every generator imports: how generated code names the runtime, the
//! lifetimes it introduces, and the field and message descriptions the generators read.

use crate::attr::FieldRole;
use crate::shape::Strategy;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::visit_mut::VisitMut;
use syn::{DeriveInput, GenericParam, Generics, Lifetime, LifetimeParam, Type};

/// The runtime, as generated code names it.
pub fn rt() -> TokenStream {
    quote!(::cramberry::__private)
}

/// `generics` with a leading `'__de` lifetime that outlives every lifetime of the type (serde's approach), so
/// borrowed fields can point into the input.
pub fn with_de_lifetime(generics: &Generics) -> Generics {
    let mut out = generics.clone();
    let mut de = LifetimeParam::new(de_lifetime());
    de.bounds.extend(generics.lifetimes().map(|l| l.lifetime.clone()));
    out.params.insert(0, GenericParam::Lifetime(de));
    out
}

pub fn de_lifetime() -> Lifetime {
    Lifetime::new("'__de", Span::call_site())
}

/// The kind marker of a scalar field: `Fixed` under `#[cram(N, fixed)]`, `Natural` otherwise.
pub fn kind(fixed: bool) -> TokenStream {
    let rt = rt();
    if fixed {
        quote!(#rt::Fixed)
    } else {
        quote!(#rt::Natural)
    }
}

/// The lifetime of view types in generated code.
pub fn view_lifetime() -> Lifetime {
    Lifetime::new("'__v", Span::call_site())
}

/// Replaces every lifetime in a type with the view lifetime, so field types can appear in the view struct.
pub fn with_view_lifetime(ty: &Type) -> Type {
    struct Replace;
    impl VisitMut for Replace {
        fn visit_lifetime_mut(&mut self, l: &mut Lifetime) {
            *l = view_lifetime();
        }
    }
    let mut ty = ty.clone();
    Replace.visit_type_mut(&mut ty);
    ty
}

/// The type itself with each of its lifetime parameters set to the view lifetime.
pub fn self_with_view_lifetime(input: &DeriveInput) -> TokenStream {
    let name = &input.ident;
    let v = view_lifetime();
    let lifetimes: Vec<_> = input.generics.lifetimes().map(|_| &v).collect();
    if lifetimes.is_empty() {
        quote!(#name)
    } else {
        quote!(#name<#(#lifetimes),*>)
    }
}

/// `impl<'__v, 'a, ...> ... where '__v: 'a` pieces for implementing `ValueView<'__v>` on the type.
pub fn value_view_generics(input: &DeriveInput) -> (TokenStream, TokenStream) {
    let v = view_lifetime();
    let lifetimes: Vec<_> = input.generics.lifetimes().map(|l| &l.lifetime).collect();
    let (_, ty_g, _) = input.generics.split_for_impl();
    (quote!(<#v, #(#lifetimes),*>), quote!(#ty_g where #(#v: #lifetimes),*))
}

/// One field of a message, as the generators see it.
pub struct FieldInfo<'a> {
    pub member: &'a syn::Ident,
    pub ty: &'a syn::Type,
    pub role: FieldRole,
    pub strategy: Strategy,
    /// The field's doc comments, carried onto its view accessor.
    pub docs: Vec<&'a syn::Attribute>,
    /// For a `with` field: its marker kind.
    pub custom: Option<syn::Ident>,
}

impl FieldInfo<'_> {
    /// The decoded value of a field that is not encoded: `Default::default()` for a skipped field (and the
    /// unknown-fields field, filled in as they arrive), the stand-in for a field the derive reported.
    pub fn unencoded_value(&self) -> TokenStream {
        let rt = rt();
        match self.role {
            FieldRole::Broken => quote!(#rt::broken()),
            _ => quote!(::core::default::Default::default()),
        }
    }
}

/// A struct as the generators see it.
pub struct MessageInfo<'a> {
    pub input: &'a DeriveInput,
    pub fields: Vec<FieldInfo<'a>>,
    /// Whether generated code can build the struct from its fields (false after the error on a tuple or
    /// unit struct: its code is stubbed).
    pub constructible: bool,
}

impl MessageInfo<'_> {
    /// `Name { member: value, ... }` from each field's value, or the stand-in of a struct that is not.
    pub fn construct(&self, values: impl IntoIterator<Item = (TokenStream, TokenStream)>) -> TokenStream {
        let name = &self.input.ident;
        let (members, values): (Vec<_>, Vec<_>) = values.into_iter().unzip();
        if self.constructible {
            quote!(#name { #(#members: #values),* })
        } else {
            let rt = rt();
            quote!(#rt::broken())
        }
    }
}
