//! bilrost: encode into a reused Vec, decode owned.

use super::{Op, Peer};
use bilrost::{Message, OwnedMessage};
use std::fmt::Debug;

/// The bilrost peer.
pub fn peer<T: Message + OwnedMessage + PartialEq + Debug>(data: &T) -> Peer<'_> {
    let bytes = data.encode_to_vec();
    assert_eq!(&T::decode(&bytes[..]).expect("bilrost decodes"), data, "bilrost round trip");
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("bilrost", bytes)
        .op(Op::Serialize, len, move || {
            buf.clear();
            data.encode(&mut buf).map_or(0, |()| buf.len() as u64)
        })
        .op(Op::Deserialize, 1, move || T::decode(&b[..]).map_or(0, |_| 1))
}
