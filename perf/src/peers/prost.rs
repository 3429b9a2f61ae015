//! prost: encode into a reused Vec, decode owned (the generated types from `schemas/proto`).

use super::{Op, Peer};
use prost::Message;
use std::fmt::Debug;

/// The prost peer for `proto`, the dataset converted to the generated types.
pub fn peer<'a, P: Message + Default + PartialEq + Debug + 'a>(proto: P) -> Peer<'a> {
    let bytes = proto.encode_to_vec();
    assert_eq!(P::decode(&bytes[..]).expect("prost decodes"), proto, "prost round trip");
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let len = bytes.len() as u64;
    let b = bytes.clone();
    Peer::new("prost", bytes)
        .op(Op::Serialize, len, move || {
            buf.clear();
            proto.encode(&mut buf).map_or(0, |()| buf.len() as u64)
        })
        .op(Op::Deserialize, 1, move || P::decode(&b[..]).map_or(0, |_| 1))
}
