//! Message types for the fuzz targets: the behaviour tests' every-kind types (`tests/common/types.rs`), which
//! derive `Arbitrary` under `cfg(fuzzing)` (set by cargo-fuzz), and `read_all`, which reads every accessor.

#[path = "../../tests/common/types.rs"]
mod types;

pub use types::*;

#[path = "../../tests/common/peak.rs"]
mod peak;

pub use peak::{peak_during, PeakAlloc};
