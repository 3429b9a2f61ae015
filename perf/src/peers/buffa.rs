//! buffa: protobuf with owned types and borrowing views. It decodes the same bytes as prost and must encode
//! them back identically; serialize into a reused `Vec`, decode owned, and `decode_view` for access and read.

use super::{Dataset, Op, Peer};
use std::fmt::Debug;

/// What a dataset provides for buffa: `access` decodes the root view, `read` decodes it and reads.
pub struct Views {
    /// Decodes the borrowing view of the whole value.
    pub access: fn(&[u8]) -> bool,
    /// Decodes the view and returns the dataset's read.
    pub read: fn(&[u8]) -> Option<u64>,
}

/// The buffa peer for a dataset whose protobuf encoding (prost's) is `wire`.
pub fn peer<'a, B>(data: &'a impl Dataset, wire: &[u8], views: Views) -> Peer<'a>
where
    B: buffa::Message + PartialEq + Debug + 'a,
{
    let value = B::decode_from_slice(wire).expect("buffa decodes the protobuf encoding");
    let bytes = value.encode_to_vec();
    assert!(bytes == wire, "buffa re-encodes prost's bytes identically");
    assert_eq!(B::decode_from_slice(&bytes).expect("buffa decodes"), value, "buffa round trip");
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    let len = bytes.len() as u64;
    let (b1, b2, b3) = (bytes.clone(), bytes.clone(), bytes.clone());
    let (access, read) = (views.access, views.read);
    Peer::new("buffa", bytes)
        .op(Op::Serialize, len, move || {
            buf.clear();
            value.encode(&mut buf);
            buf.len() as u64
        })
        .op(Op::Deserialize, 1, move || B::decode_from_slice(&b1).map_or(0, |_| 1))
        .op(Op::Access, 1, move || u64::from(access(&b2)))
        .op(Op::Read, data.read(), move || read(&b3).unwrap_or(0))
}

/// Adds the borrow column: buffa's view decode is its borrowing decode (strings point into the input).
pub fn with_borrow(peer: Peer<'_>, views: Views) -> Peer<'_> {
    let bytes = peer.bytes.clone();
    let access = views.access;
    peer.op(Op::Borrow, 1, move || u64::from(access(&bytes)))
}
