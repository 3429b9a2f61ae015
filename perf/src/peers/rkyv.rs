//! rkyv: serialize with a reused arena, deserialize owned, access (validated) and read the archive.

use super::{Dataset, Op, Peer};
use rkyv::api::high::{HighDeserializer, HighSerializer, HighValidator};
use rkyv::bytecheck::CheckBytes;
use rkyv::rancor::Error;
use rkyv::ser::allocator::{Arena, ArenaHandle};
use rkyv::util::AlignedVec;
use rkyv::{Archive, Deserialize, Portable, Serialize};
use std::fmt::Debug;

/// The rkyv peer; `read` is the dataset's read on the archived value.
pub fn peer<'a, T>(data: &'a T, read: fn(&T::Archived) -> u64) -> Peer<'a>
where
    T: Dataset
        + Archive
        + for<'s> Serialize<HighSerializer<AlignedVec, ArenaHandle<'s>, Error>>
        + PartialEq
        + Debug,
    T::Archived:
        Portable + for<'v> CheckBytes<HighValidator<'v, Error>> + Deserialize<T, HighDeserializer<Error>>,
{
    let aligned = rkyv::to_bytes::<Error>(data).expect("rkyv encodes");
    assert_eq!(&rkyv::from_bytes::<T, Error>(&aligned).expect("rkyv decodes"), data, "rkyv round trip");
    let mut arena = Arena::new();
    let len = aligned.len() as u64;
    let (b1, b2, b3) = (aligned.clone(), aligned.clone(), aligned.clone());
    Peer::new("rkyv", aligned.to_vec())
        .op(Op::Serialize, len, move || {
            rkyv::api::high::to_bytes_with_alloc::<_, Error>(data, arena.acquire())
                .map_or(0, |b| b.len() as u64)
        })
        .op(Op::Deserialize, 1, move || rkyv::from_bytes::<T, Error>(&b1).map_or(0, |_| 1))
        .op(Op::Access, 1, move || rkyv::access::<T::Archived, Error>(&b2).map_or(0, |_| 1))
        .op(Op::Read, data.read(), move || rkyv::access::<T::Archived, Error>(&b3).map_or(0, read))
}
