//! The comparison harness: the community's datasets, Cramberry types for them, and the same data for prost,
//! postcard, bitcode and rkyv, measured side by side in one process.

pub mod datasets;
pub mod measure;
pub mod report;
pub mod rng;
pub mod suite;
