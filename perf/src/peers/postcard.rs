//! postcard (serde): encode into a reused Vec, decode owned.

use super::{Borrowing, Op, Peer};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;

/// The postcard peer.
pub fn peer<T: Serialize + DeserializeOwned + PartialEq + Debug>(data: &T) -> Peer<'_> {
    let bytes = postcard::to_allocvec(data).expect("postcard encodes");
    assert_eq!(&postcard::from_bytes::<T>(&bytes).expect("postcard decodes"), data, "postcard round trip");
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("postcard", bytes)
        .op(Op::Serialize, len, move || {
            buf.clear();
            buf = postcard::to_extend(data, std::mem::take(&mut buf)).unwrap_or_default();
            buf.len() as u64
        })
        .op(Op::Deserialize, 1, move || postcard::from_bytes::<T>(&b).map_or(0, |_| 1))
}

/// Adds the borrow column: decode into the dataset's borrowing twin (`#[serde(borrow)]`).
pub fn with_borrow<'a, T>(peer: Peer<'a>, data: &'a T) -> Peer<'a>
where
    T: Borrowing,
    for<'b> T::Borrowed<'b>: serde::Deserialize<'b>,
{
    let bytes = peer.bytes.clone();
    let same = postcard::from_bytes::<T::Borrowed<'_>>(&bytes).is_ok_and(|b| T::same(&b, data));
    assert!(same, "postcard borrowed decode differs");
    peer.op(Op::Borrow, 1, move || postcard::from_bytes::<T::Borrowed<'_>>(&bytes).map_or(0, |_| 1))
}
