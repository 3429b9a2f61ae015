//! Interface (polymorphic) values: TYPEREF — type id, length, then the concrete message's fields.
//!
//! The derive implements [`EncodeValue`](super::EncodeValue) for an enum whose variants each hold one message by calling
//! these functions with the variant's type id.

use super::message;
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{DecodeError, DecodeErrorKind};
use crate::message::Message;
use crate::wire::varint_len;

/// Type ids below this are reserved (0 nil, 1-63 built-in, 64-127 the standard types): user message types
/// and interface members take ids from here on.
pub const FIRST_USER_TYPE_ID: u64 = 128;

/// The type ids of the standard types (`cramberry.std`, [`crate::std_types`]).
pub const STANDARD_TYPE_IDS: core::ops::Range<u64> = 64..FIRST_USER_TYPE_ID;

/// Measures an interface value holding `m` with `type_id`.
#[inline(always)]
pub fn len<M: Message, R: LenRecorder>(type_id: u64, m: &M, rec: &mut R) -> usize {
    varint_len(type_id) + message::len(m, rec)
}

/// Writes an interface value holding `m` with `type_id`.
#[inline(always)]
pub fn encode<M: Message>(type_id: u64, m: &M, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
    w.put_varint(type_id);
    message::encode(m, w, sizes);
}

/// Reads the type id of an interface value; returns it with its offset.
#[inline(always)]
pub fn read_type_id(r: &mut Reader<'_>) -> crate::Result<(u64, usize)> {
    let at = r.position();
    r.read_varint().map(|id| (id, at))
}

/// The error for a type id that is not a member of the interface.
#[cold]
pub fn unknown_type_id(type_id: u64, offset: usize) -> DecodeError {
    DecodeError::new(DecodeErrorKind::UnknownTypeId(type_id), offset)
}

/// Measures an interface value as a plain field: `None` when it holds the default (the first member, encoding
/// to nothing), decided from the recorded length so the member is measured once, not once more per check.
#[inline(always)]
pub fn plain_len<M: Message, R: LenRecorder>(type_id: u64, first: bool, m: &M, rec: &mut R) -> Option<usize> {
    let n = message::len(m, rec);
    if first && n == 1 {
        None
    } else {
        Some(varint_len(type_id) + n)
    }
}

/// Writes an interface value as plain field `number`, unless it holds the default (see [`plain_len`]).
#[inline(always)]
pub fn encode_plain<M: Message>(
    type_id: u64,
    first: bool,
    m: &M,
    number: u32,
    w: &mut Writer<'_>,
    sizes: &mut SizeCursor<'_>,
) {
    let body = sizes.next_len();
    if first && body == 0 {
        return;
    }
    w.put_tag(number, crate::wire::WireType::TypeRef);
    w.put_varint(type_id);
    w.put_varint(body as u64);
    if body != 0 {
        m.write_fields(w, sizes);
    }
}
