//! [`TypeRef`]: an open interface value — any message, as its type id and bytes — that a message holds as a
//! field (TYPEREF on the wire) and writes back unchanged; a [`Registry`](super::Registry) turns it into the
//! registered type.

use super::Registered;
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::{Limit, Result};
use crate::field::{DecodeValue, EncodeValue};
use crate::message::Message;
use crate::prelude::*;
use crate::view::ValueView;
use crate::wire::{varint_len, WireType};

/// A message of any type held by a field: its type id and its bytes, kept as read (so re-encoding writes
/// them unchanged). Written as TYPEREF: the type id, the length, the bytes. The default (type id 0, "nil",
/// with no bytes) is not written in a plain field; use `Option<TypeRef>` to tell absent from nil.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct TypeRef {
    /// The message's type id.
    pub type_id: u64,
    /// The message's fields, encoded.
    pub bytes: Vec<u8>,
}

impl TypeRef {
    /// `message` with its type's id.
    pub fn pack<M: Message + Registered>(message: &M) -> Self {
        TypeRef { type_id: M::TYPE_ID, bytes: message.encode_to_vec() }
    }

    /// The view of these bytes (for [`Registry::view_type_ref`](super::Registry::view_type_ref)).
    pub fn as_view(&self) -> TypeRefView<'_> {
        TypeRefView { type_id: self.type_id, bytes: &self.bytes }
    }
}

/// A [`TypeRef`] in a view: the type id, and the bytes borrowed from the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TypeRefView<'a> {
    /// The message's type id.
    pub type_id: u64,
    /// The message's fields, encoded, borrowed from the input.
    pub bytes: &'a [u8],
}

impl EncodeValue for TypeRef {
    const WIRE_TYPE: WireType = WireType::TypeRef;
    #[inline]
    fn is_default(&self) -> bool {
        self.type_id == 0 && self.bytes.is_empty()
    }
    #[inline]
    fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
        varint_len(self.type_id) + varint_len(self.bytes.len() as u64) + self.bytes.len()
    }
    #[inline]
    fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
        w.put_varint(self.type_id);
        w.put_varint(self.bytes.len() as u64);
        w.put_slice(&self.bytes);
    }
}

/// Reads a TYPEREF value after its tag: the type id, then the length-delimited bytes.
fn read_type_ref<'de>(r: &mut Reader<'de>) -> Result<TypeRefView<'de>> {
    let type_id = r.read_varint()?;
    let bytes = r.read_len_delimited(Limit::BytesLen)?;
    Ok(TypeRefView { type_id, bytes })
}

impl<'de> DecodeValue<'de> for TypeRef {
    #[inline]
    fn empty() -> Self {
        TypeRef::default()
    }
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        read_type_ref(r).map(|v| TypeRef { type_id: v.type_id, bytes: v.bytes.to_vec() })
    }
}

impl<'a> ValueView<'a> for TypeRef {
    type View = TypeRefView<'a>;
    crate::view::lazy_is_view!(crate::field::Natural);
    #[inline]
    fn empty_view() -> Self::View {
        TypeRefView::default()
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        view.type_id == 0 && view.bytes.is_empty()
    }
    fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
        read_type_ref(r)
    }
    fn from_view(view: &Self::View) -> Self {
        TypeRef { type_id: view.type_id, bytes: view.bytes.to_vec() }
    }
}
