//! Cramberry: encode into a reset bumpalo arena, decode owned, view (validated once) for access, and read
//! through the view call a hot path would use: `view_in` (list elements recorded in a reset arena, so reading
//! them re-parses nothing) where the read iterates lists of messages or strings, `view` where it does not.

/// Which view call the read column uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadVia {
    /// `T::view(&bytes)`: validate, keep spans; lists are re-read when iterated.
    View,
    /// `T::view_in(&bytes, &arena)`: validate and record list elements in a reset arena.
    ViewIn,
}

use super::{Borrowing, Dataset, Op, Peer};
use cramberry::{DecodeMessage, LazyView, Lazyable, Message, MessageView, Viewable};
use std::cell::RefCell;
use std::fmt::Debug;

/// The Cramberry peer; `read` is the dataset's read through a view.
pub fn peer<'a, T, R>(data: &'a T, via: ReadVia, read: R) -> Peer<'a>
where
    T: Dataset + Message + for<'de> DecodeMessage<'de> + Viewable + PartialEq + Debug,
    R: for<'v> Fn(&T::View<'v>) -> u64 + 'a,
{
    let bytes = data.encode_to_vec();
    assert_eq!(&T::decode(&bytes).expect("cramberry decodes"), data, "cramberry round trip");
    let arena = RefCell::new(bumpalo::Bump::new());
    let view_arena = RefCell::new(bumpalo::Bump::new());
    let len = bytes.len() as u64;
    let b = bytes.clone();
    let (b1, b2, b3) = (b.clone(), b.clone(), b);
    Peer::new("cramberry", bytes)
        .op(Op::Serialize, len, move || {
            let mut arena = arena.borrow_mut();
            arena.reset();
            data.encode_in(&arena).len() as u64
        })
        .op(Op::Deserialize, 1, move || T::decode(&b1).map_or(0, |_| 1))
        .op(Op::Access, len, move || T::View::<'_>::view(&b2).map_or(0, |v| v.as_bytes().len() as u64))
        .op(Op::Read, data.read(), move || {
            if via == ReadVia::View {
                return T::View::<'_>::view(&b3).map_or(0, |v| read(&v));
            }
            let mut arena = view_arena.borrow_mut();
            arena.reset();
            T::View::<'_>::view_in(&b3, &arena).map_or(0, |v| read(&v))
        })
}

/// Adds the borrow column: decode into the dataset's borrowing twin.
pub fn with_borrow<'a, T>(peer: Peer<'a>, data: &'a T) -> Peer<'a>
where
    T: Borrowing,
    for<'b> T::Borrowed<'b>: DecodeMessage<'b>,
{
    let bytes = peer.bytes.clone();
    let same = T::Borrowed::<'_>::decode(&bytes).is_ok_and(|b| T::same(&b, data));
    assert!(same, "cramberry borrowed decode differs");
    peer.op(Op::Borrow, 1, move || T::Borrowed::<'_>::decode(&bytes).map_or(0, |_| 1))
}

/// The lazy view as a peer of its own (`cramberry-lazy`): access opens the message (`T::lazy`, O(1): only
/// the length is checked), and `read` reads through lazy accessors, each validating only what it reads.
pub fn lazy_peer<'a, T, R>(data: &'a T, read: R) -> Peer<'a>
where
    T: Dataset + Message + Lazyable,
    R: for<'v> Fn(&T::Lazy<'v>) -> cramberry::Result<u64> + 'a,
{
    let bytes = data.encode_to_vec();
    let len = bytes.len() as u64;
    let (b1, b2) = (bytes.clone(), bytes.clone());
    Peer::new("cramberry-lazy", bytes)
        .op(Op::Access, len, move || T::Lazy::<'_>::lazy(&b1).map_or(0, |v| v.as_bytes().len() as u64))
        .op(Op::Read, data.read(), move || T::Lazy::<'_>::lazy(&b2).and_then(|v| read(&v)).unwrap_or(0))
}
