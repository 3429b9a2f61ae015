//! Message types for the fuzz targets: the behaviour tests' every-kind types (`tests/common/types.rs`), which
//! derive `Arbitrary` under `cfg(fuzzing)` (set by cargo-fuzz), and `read_all`, which reads every accessor.

#[path = "../../tests/common/types.rs"]
mod types;

pub use types::*;

#[path = "../../tests/common/peak.rs"]
mod peak;

pub use peak::{peak_during, PeakAlloc};

/// Tuples composed of options, lists and fixed-length lists (the `tuple` target), and the same data spelt
/// as messages, which write the same bytes.
pub mod tuples {
    use cramberry::Cramberry;

    /// A nested message inside a tuple.
    #[derive(Cramberry, Debug, Clone, PartialEq, Default)]
    pub struct Entity {
        #[cram(1)]
        pub id: String,
        #[cram(2)]
        pub pos: (f64, f64, f64),
    }

    /// Every tuple form.
    #[allow(clippy::type_complexity)]
    #[derive(Cramberry, Debug, Clone, PartialEq, Default)]
    pub struct Composed {
        #[cram(1)]
        pub root_vehicle: Option<([u32; 4], Entity)>,
        #[cram(2)]
        pub tagged: (String, Vec<u32>, Option<u64>),
        #[cram(3)]
        pub rows: Vec<(u8, Vec<String>)>,
        #[cram(4)]
        pub deep: ((Option<i32>, [u8; 2]), Vec<Vec<u16>>),
    }
}
