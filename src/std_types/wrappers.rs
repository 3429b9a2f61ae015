//! The standard wrappers, `Empty` and `Any` (docs/standard-types.md): a wrapper makes an absent value and a
//! default one differ (`Option<Int64Value>` holding 0 is written, as an empty message); `Any` carries a
//! message of any type as its type id and bytes, re-encoded unchanged.

use crate::prelude::*;
use crate::Cramberry;

macro_rules! wrappers {
    ($($(#[$doc:meta])* $name:ident($ty:ty) = $id:literal $(, $eq:ident)?;)*) => {$(
        $(#[$doc])*
        #[derive(Cramberry, Clone, Debug, Default, PartialEq $(, $eq)?)]
        #[cram(type_id = $id)]
        pub struct $name {
            /// The wrapped value.
            #[cram(1)]
            pub value: $ty,
        }
    )*};
}
wrappers! {
    /// A `bool` whose absence differs from `false`. Standard type id 66.
    BoolValue(bool) = 66, Eq;
    /// An `int64` whose absence differs from 0. Standard type id 67.
    Int64Value(i64) = 67, Eq;
    /// A `uint64` whose absence differs from 0. Standard type id 68.
    UInt64Value(u64) = 68, Eq;
    /// A `float64` whose absence differs from 0. Standard type id 69.
    Float64Value(f64) = 69;
    /// A string whose absence differs from "". Standard type id 70.
    StringValue(String) = 70, Eq;
    /// Bytes whose absence differs from empty. Standard type id 71.
    BytesValue(Vec<u8>) = 71, Eq;
}

/// A message with no fields. Standard type id 72.
#[derive(Cramberry, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cram(type_id = 72)]
pub struct Empty {}

/// A message of any type: its type id and its encoded bytes, kept as they are. Standard type id 73.
#[derive(Cramberry, Clone, Debug, Default, PartialEq, Eq)]
#[cram(type_id = 73)]
pub struct Any {
    /// The type id of the message in `value`.
    #[cram(1)]
    pub type_id: u64,
    /// The message's bytes.
    #[cram(2)]
    pub value: Vec<u8>,
}

impl Any {
    /// `message` with its type's id.
    pub fn pack<M: crate::Message + crate::message::Registered>(message: &M) -> Self {
        Any { type_id: M::TYPE_ID, value: message.encode_to_vec() }
    }

    /// The message as an `M`: `None` when it holds another type id, the decoding error when its bytes are
    /// not an `M`.
    pub fn unpack<M>(&self) -> crate::Result<Option<M>>
    where
        M: crate::message::Registered + for<'de> crate::DecodeMessage<'de>,
    {
        if self.type_id != M::TYPE_ID {
            return Ok(None);
        }
        M::decode(&self.value).map(Some)
    }
}
