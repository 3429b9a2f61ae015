//! The field-dispatch loop every parsing pass shares (owned decoding, view validation, re-reading a view).
//!
//! Fields arrive in ascending order from our encoder, so each pass first tries the fields in that order, one
//! tag compare each (`eat_tag`), straight-line; whatever does not match — an absent field, an unknown,
//! repeated or out-of-order field, an overlong tag — is left to the general loop, which dispatches on the
//! field number. Both paths run the same per-field code on the same bytes in the same order, so results and
//! errors are those of the general loop alone.

use proc_macro2::TokenStream;
use quote::quote;

/// One field's branch: its number, the wire type its encoder writes, and the code that consumes the payload
/// after the tag (with `tag` in scope).
pub struct Arm {
    pub number: u32,
    pub wire_type: TokenStream,
    pub body: TokenStream,
}

/// The in-order pass over `reader` (an `r: &mut Reader` or a `c: &mut Cursor`) and the general loop's match
/// arms, fields sorted by number. `after` runs after each field the in-order pass took.
fn passes(
    arms: &mut [Arm],
    reader: &TokenStream,
    after: impl Fn(u32) -> TokenStream,
) -> (TokenStream, TokenStream) {
    arms.sort_by_key(|a| a.number);
    let fast = arms.iter().map(|Arm { number, wire_type, body }| {
        let after = after(*number);
        quote! {
            if let ::core::option::Option::Some(tag) = #reader.eat_tag(#number, #wire_type) {
                let _ = &tag;
                #body;
                #after
            }
        }
    });
    let general = arms.iter().map(|Arm { number, body, .. }| quote!(#number => { #body; }));
    (quote!(#(#fast)*), quote!(#(#general)*))
}

/// The loop over a validating `r: &mut Reader`: `unknown` handles a field no arm takes. Tracks `last` (the
/// previous field number) for the canonical order check.
pub fn validating(arms: &mut [Arm], unknown: TokenStream) -> TokenStream {
    let (fast, general) = passes(arms, &quote!(r), |number| quote!(last = #number;));
    quote! {
        let mut last = 0u32;
        #fast
        while let ::core::option::Option::Some(tag) = r.next_field(&mut last)? {
            match tag.number {
                #general
                _ => #unknown,
            }
        }
    }
}

/// The loop over a check-free `c: &mut Cursor` re-reading validated bytes; unknown fields are stepped over.
pub fn revisiting(arms: &mut [Arm]) -> TokenStream {
    let (fast, general) = passes(arms, &quote!(c), |_| quote!());
    quote! {
        #fast
        while let ::core::option::Option::Some(tag) = c.next_tag() {
            match tag.number {
                #general
                _ => c.skip(tag.wire_type),
            }
        }
    }
}
