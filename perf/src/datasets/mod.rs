//! The four community datasets (shared/spec/datasets.md) and the seed's messages, generated with a fixed seed.
//! Each dataset module holds its plain types, generator, "read" and the list of its peers; the capnp and
//! flatbuffers modules build and read the same values with those formats' generated code.

/// Declares dataset types with every derive-based peer's derives (Cramberry, serde for postcard, bitcode, rkyv,
/// bilrost): structs get `bilrost::Message`, fieldless enums `bilrost::Enumeration`.
macro_rules! peer_types {
    () => {};
    ($(#[$meta:meta])* pub struct $name:ident { $($body:tt)* } $($rest:tt)*) => {
        $crate::datasets::peer_types!(@common [bilrost::Message] $(#[$meta])* pub struct $name { $($body)* });
        $crate::datasets::peer_types!($($rest)*);
    };
    ($(#[$meta:meta])* pub enum $name:ident { $($body:tt)* } $($rest:tt)*) => {
        $crate::datasets::peer_types!(@common [bilrost::Enumeration, Eq] $(#[$meta])* pub enum $name { $($body)* });
        $crate::datasets::peer_types!($($rest)*);
    };
    (@common [$($extra:path),*] $item:item) => {
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
            PartialEq,
            $($extra),*
        )]
        $item
    };
}
pub(crate) use peer_types;

pub mod buffa;
pub mod capnp;
pub mod flatbuffers;
pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;
pub mod seed;
