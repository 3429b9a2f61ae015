//! Errors found while expanding, reported together after an expansion that recovered from them.
//!
//! A mistake in one field or variant gets its error at its span, and the derive still emits every impl the
//! type needs (with the broken parts stubbed), so the rest of the crate compiles quietly: one error per
//! mistake, not a cascade of unsatisfied trait bounds wherever the type is used.

use proc_macro2::TokenStream;

/// The errors of one expansion.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    /// Records `error`.
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    /// The value of `result`, or `None` after recording its error.
    pub fn ok<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        result.map_err(|e| self.push(e)).ok()
    }

    /// The recorded errors (as `compile_error!`s) followed by the expansion.
    pub fn finish(self, expansion: TokenStream) -> TokenStream {
        let errors = self.0.map(|e| e.to_compile_error());
        quote::quote!(#errors #expansion)
    }
}
