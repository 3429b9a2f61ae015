//! Rust generated from `.cram` schemas at build time (see build.rs).
#![allow(missing_docs)]

/// Generated from `schemas/everything.cram`.
pub mod everything {
    include!(concat!(env!("OUT_DIR"), "/everything.rs"));
}

/// Generated from `shared/schemas/messages.cram`.
#[cfg(shared_schemas)]
pub mod benchmark {
    include!(concat!(env!("OUT_DIR"), "/benchmark.rs"));
}

/// Generated from `shared/schemas/interop.cram`.
#[cfg(shared_schemas)]
pub mod interop {
    include!(concat!(env!("OUT_DIR"), "/interop.rs"));
}
