//! bitcode: encode with a reused `bitcode::Buffer`, decode owned.

use super::{Borrowing, Op, Peer};
use std::fmt::Debug;

/// The bitcode peer.
pub fn peer<T: bitcode::Encode + bitcode::DecodeOwned + PartialEq + Debug>(data: &T) -> Peer<'_> {
    let bytes = bitcode::encode(data);
    assert_eq!(&bitcode::decode::<T>(&bytes).expect("bitcode decodes"), data, "bitcode round trip");
    let mut buf = bitcode::Buffer::new();
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("bitcode", bytes).op(Op::Serialize, len, move || buf.encode(data).len() as u64).op(
        Op::Deserialize,
        1,
        move || bitcode::decode::<T>(&b).map_or(0, |_| 1),
    )
}

/// Adds the borrow column: decode into the dataset's borrowing twin.
pub fn with_borrow<'a, T>(peer: Peer<'a>, data: &'a T) -> Peer<'a>
where
    T: Borrowing,
    for<'b> T::Borrowed<'b>: bitcode::Decode<'b>,
{
    let bytes = peer.bytes.clone();
    let same = bitcode::decode::<T::Borrowed<'_>>(&bytes).is_ok_and(|b| T::same(&b, data));
    assert!(same, "bitcode borrowed decode differs");
    peer.op(Op::Borrow, 1, move || bitcode::decode::<T::Borrowed<'_>>(&bytes).map_or(0, |_| 1))
}
