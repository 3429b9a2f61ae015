//! The `.cram` schema language: parser, validator, compatibility checker, Rust code generator, a dynamic
//! (schema-driven) codec with the generated code's bytes and errors, JSON, and reflection
//! ([`reflect::DynamicMessage`]: fields by name or number). See `docs/schema-language.md` for the
//! language.
//!
//! ```
//! let loaded = cramberry_schema::load_str("orders.cram", r#"
//!     package shop;
//!     /// An order.
//!     message Order { uint64 id = 1; string symbol = 2; repeated int64 fills = 3; }
//! "#).unwrap();
//! let order = loaded.schema.message("Order").unwrap();
//! assert_eq!(loaded.schema.messages[order].fields.len(), 3);
//! ```

pub mod ast;
mod build;
mod codegen;
#[cfg(feature = "tonic")]
mod codegen_services;
mod codegen_ts;
mod compat;
pub mod diagnostic;
pub mod dynamic;
pub mod extract;
mod inspect;
pub mod json;

mod lexer;
mod load;
pub mod model;
pub mod parser;
pub mod reflect;
mod rust_names;
mod suggest;
pub mod validate;

pub use build::{cargo_warnings, compile, compile_to, Builder, CompileError};
pub use codegen::{generate_rust, generate_rust_with, GenerateError, RustOptions};
pub use codegen_ts::generate_typescript;
pub use compat::{check_compatibility, Change, CompatReport};
pub use diagnostic::{Diagnostic, Diagnostics, Severity, Sources, Span};
pub use inspect::{hex, inspect, inspect_schema, inspect_with};
pub use load::{load_file, load_str, Loaded};
pub use model::Schema;
pub use rust_names::{field_ident, module_name, type_ident};
