//! Peer code generated from `schemas/` by the peers' own compilers (capnp, flatc, prost-build, buffa-build),
//! committed so the runner builds without them. Rewrite with `cargo build -p cramberry-perf --features regenerate`.
#![allow(missing_docs, unused_imports, unsafe_op_in_unsafe_fn, clippy::all, clippy::pedantic)]
#![allow(non_camel_case_types, non_snake_case, dead_code, mismatched_lifetime_syntaxes)]

#[rustfmt::skip]
pub mod log_capnp;
#[rustfmt::skip]
pub mod mesh_capnp;
#[rustfmt::skip]
pub mod minecraft_capnp;
#[rustfmt::skip]
pub mod mk48_capnp;

#[rustfmt::skip]
#[path = "log_generated.rs"]
pub mod log_fb;
#[rustfmt::skip]
#[path = "mesh_generated.rs"]
pub mod mesh_fb;
#[rustfmt::skip]
#[path = "minecraft_generated.rs"]
pub mod minecraft_fb;
#[rustfmt::skip]
#[path = "mk48_generated.rs"]
pub mod mk48_fb;

#[rustfmt::skip]
#[path = "perf.log.rs"]
pub mod log_pb;
#[rustfmt::skip]
#[path = "perf.mesh.rs"]
pub mod mesh_pb;
#[rustfmt::skip]
#[path = "perf.minecraft.rs"]
pub mod minecraft_pb;
#[rustfmt::skip]
#[path = "perf.mk48.rs"]
pub mod mk48_pb;
#[rustfmt::skip]
#[path = "perf.seed.rs"]
pub mod seed_pb;

#[rustfmt::skip]
#[path = "buffa/perf.log.mod.rs"]
pub mod log_buffa;
#[rustfmt::skip]
#[path = "buffa/perf.mesh.mod.rs"]
pub mod mesh_buffa;
#[rustfmt::skip]
#[path = "buffa/perf.minecraft.mod.rs"]
pub mod minecraft_buffa;
#[rustfmt::skip]
#[path = "buffa/perf.mk48.mod.rs"]
pub mod mk48_buffa;
