//! The comparison harness: the community's datasets and the seed's messages, Cramberry types for them, and the
//! same data for prost, buffa, bilrost, postcard, bitcode, rkyv, capnp and flatbuffers, measured side by side in one
//! process.

pub mod counting;
pub mod datasets;
pub mod generated;
pub mod measure;
pub mod peers;
pub mod report;
pub mod rng;
pub mod suite;
