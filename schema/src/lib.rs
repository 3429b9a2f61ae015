//! The `.cram` schema language: lexer, parser, validator, compatibility checker, Rust code generator and a
//! dynamic (schema-driven) codec. See `shared/spec/schema-language.md` for the language.

pub mod ast;
pub mod diagnostic;
mod lexer;
pub mod parser;

pub use diagnostic::{Diagnostic, Diagnostics, Severity, Sources, Span};
