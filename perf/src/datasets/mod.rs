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

/// Every peer of a community dataset. `$ds` names the dataset's module, which provides `to_prost`,
/// `read_view`, `read_lazy` and `read_rkyv`, as do its namesakes in the `capnp` and `flatbuffers` modules (`build`,
/// `access`, `read`); `$buffa` is buffa's root type and `$views` the dataset's entry in [`buffa`].
macro_rules! community_peers {
    ($data:expr, $ds:ident, $buffa:ty, $views:ident) => {{
        use $crate::datasets::{capnp, flatbuffers, $ds as dataset};
        use $crate::peers;
        let data = $data;
        let proto = dataset::to_prost(data);
        let wire = prost::Message::encode_to_vec(&proto);
        vec![
            peers::cramberry::peer(data, dataset::READ_VIA, dataset::read_view),
            peers::cramberry::lazy_peer(data, dataset::read_lazy),
            peers::serde_bridge::peer(data),
            peers::prost::peer(proto),
            peers::buffa::peer::<$buffa>(data, &wire, $crate::datasets::buffa::$views),
            peers::bilrost::peer(data),
            peers::postcard::peer(data),
            peers::serde_bridge::bincode(data),
            peers::bitcode::peer(data),
            peers::rkyv::peer(data, dataset::read_rkyv),
            peers::capnp::peer(data, capnp::$ds::build, capnp::$ds::read),
            peers::flatbuffers::peer(
                data,
                flatbuffers::$ds::build,
                flatbuffers::$ds::access,
                flatbuffers::$ds::read,
            ),
        ]
    }};
}
pub(crate) use community_peers;

/// Adds the borrow column to the peers that can decode into a borrowing twin of the dataset.
fn with_borrow<'a, T>(
    peer: crate::peers::Peer<'a>,
    data: &'a T,
    buffa: crate::peers::buffa::Views,
) -> crate::peers::Peer<'a>
where
    T: crate::peers::Borrowing,
    for<'b> T::Borrowed<'b>: cramberry::DecodeMessage<'b> + serde::Deserialize<'b> + bitcode::Decode<'b>,
{
    use crate::peers;
    match peer.name {
        "cramberry" => peers::cramberry::with_borrow(peer, data),
        "buffa" => peers::buffa::with_borrow(peer, buffa),
        "postcard" => peers::postcard::with_borrow(peer, data),
        "cramberry-serde" => peers::serde_bridge::with_borrow(peer, data),
        "bincode" => peers::serde_bridge::bincode_with_borrow(peer, data),
        "bitcode" => peers::bitcode::with_borrow(peer, data),
        _ => peer,
    }
}

pub mod borrowed;
pub mod buffa;
pub mod capnp;
pub mod flatbuffers;
pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;
pub mod seed;
