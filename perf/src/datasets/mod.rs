//! The four community datasets (shared/spec/datasets.md), generated with a fixed seed.

/// Declares dataset types with every peer's derives (Cramberry, serde for postcard, bitcode, rkyv).
macro_rules! peer_types {
    ($($item:item)*) => {$(
        #[derive(
            cramberry::Cramberry,
            serde::Serialize,
            serde::Deserialize,
            bitcode::Encode,
            bitcode::Decode,
            rkyv::Archive,
            rkyv::Serialize,
            rkyv::Deserialize,
            Clone,
            Debug,
            PartialEq
        )]
        $item
    )*};
}
pub(crate) use peer_types;

pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;
