//! Cramberry's serde bridge (`cramberry::serde`) and bincode, both on the dataset's serde derives: what a
//! type that derives serde but not Cramberry pays to use the wire format, next to the serde-native formats.

use super::{Borrowing, Op, Peer};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// The serde bridge. Its bytes are the derive's except where the derive uses a layout serde cannot know
/// (`#[cram(pod)]` lists, in `mesh`), which the size columns show.
pub fn peer<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &T) -> Peer<'_> {
    let bytes = cramberry::serde::to_vec(data).expect("the serde bridge encodes");
    assert_eq!(
        &cramberry::serde::from_slice::<T>(&bytes).expect("bridge decodes"),
        data,
        "bridge round trip"
    );
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("cramberry-serde", bytes)
        .op(Op::Serialize, len, move || cramberry::serde::to_vec(data).map_or(0, |v| v.len() as u64))
        .op(Op::Deserialize, 1, move || cramberry::serde::from_slice::<T>(&b).map_or(0, |_| 1))
}

/// Adds the borrow column to the bridge: decode into the dataset's borrowing twin.
pub fn with_borrow<'a, T>(peer: Peer<'a>, data: &'a T) -> Peer<'a>
where
    T: Borrowing,
    for<'b> T::Borrowed<'b>: serde::Deserialize<'b>,
{
    let bytes = peer.bytes.clone();
    let same = cramberry::serde::from_slice::<T::Borrowed<'_>>(&bytes).is_ok_and(|b| T::same(&b, data));
    assert!(same, "serde bridge borrowed decode differs");
    peer.op(Op::Borrow, 1, move || cramberry::serde::from_slice::<T::Borrowed<'_>>(&bytes).map_or(0, |_| 1))
}

/// bincode 1 (fixed-width integers, its default), encoding into a reused `Vec`.
pub fn bincode<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &T) -> Peer<'_> {
    let bytes = bincode::serialize(data).expect("bincode encodes");
    assert_eq!(&bincode::deserialize::<T>(&bytes).expect("bincode decodes"), data, "bincode round trip");
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("bincode", bytes)
        .op(Op::Serialize, len, move || {
            buf.clear();
            bincode::serialize_into(&mut buf, data).map_or(0, |()| buf.len() as u64)
        })
        .op(Op::Deserialize, 1, move || bincode::deserialize::<T>(&b).map_or(0, |_| 1))
}

/// Adds the borrow column to bincode.
pub fn bincode_with_borrow<'a, T>(peer: Peer<'a>, data: &'a T) -> Peer<'a>
where
    T: Borrowing,
    for<'b> T::Borrowed<'b>: serde::Deserialize<'b>,
{
    let bytes = peer.bytes.clone();
    let same = bincode::deserialize::<T::Borrowed<'_>>(&bytes).is_ok_and(|b| T::same(&b, data));
    assert!(same, "bincode borrowed decode differs");
    peer.op(Op::Borrow, 1, move || bincode::deserialize::<T::Borrowed<'_>>(&bytes).map_or(0, |_| 1))
}
