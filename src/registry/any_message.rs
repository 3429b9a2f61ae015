//! Messages behind a pointer whose type is known at run time: [`AnyMessage`], downcastable to the concrete type.

use crate::message::Message;
use crate::prelude::*;
use core::any::Any;
use core::fmt::Debug;

/// A decoded message of a registered type, type-erased: encode it, or downcast it to its type.
///
/// Implemented for every owned `Message` (`'static`).
pub trait AnyMessage {
    /// Its Rust type's name, for messages and diagnostics.
    fn type_name(&self) -> &'static str;
    /// Encoded size of its fields.
    fn encoded_len(&self) -> usize;
    /// Its fields' bytes.
    fn encode_to_vec(&self) -> Vec<u8>;
    /// As `&dyn Any`, for downcasting.
    fn as_any(&self) -> &dyn Any;
    /// As `Box<dyn Any>`, for downcasting by value.
    fn into_any(self: Box<Self>) -> Box<dyn Any>;
}

impl<M: Message + 'static> AnyMessage for M {
    fn type_name(&self) -> &'static str {
        core::any::type_name::<M>()
    }
    fn encoded_len(&self) -> usize {
        Message::encoded_len(self)
    }
    fn encode_to_vec(&self) -> Vec<u8> {
        Message::encode_to_vec(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}

impl Debug for dyn AnyMessage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "AnyMessage({}, {} bytes)", self.type_name(), self.encoded_len())
    }
}

impl dyn AnyMessage {
    /// Whether it is an `M`.
    pub fn is<M: 'static>(&self) -> bool {
        self.as_any().is::<M>()
    }

    /// The `M` it is, if it is one.
    pub fn downcast_ref<M: 'static>(&self) -> Option<&M> {
        self.as_any().downcast_ref()
    }

    /// The `M` it is, or itself back if it is not one.
    pub fn downcast<M: 'static>(self: Box<Self>) -> Result<Box<M>, Box<Self>> {
        if self.is::<M>() {
            Ok(self.into_any().downcast().expect("checked by `is`"))
        } else {
            Err(self)
        }
    }
}

/// A message whose type id no registered type has, kept as its bytes (with
/// [`UnknownTypes::Keep`](super::UnknownTypes::Keep)); it encodes back to exactly those bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnregisteredMessage {
    /// The type id read.
    pub type_id: u64,
    /// The message's bytes, unchanged.
    pub bytes: Vec<u8>,
}

impl AnyMessage for UnregisteredMessage {
    fn type_name(&self) -> &'static str {
        "unregistered message"
    }
    fn encoded_len(&self) -> usize {
        self.bytes.len()
    }
    fn encode_to_vec(&self) -> Vec<u8> {
        self.bytes.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn into_any(self: Box<Self>) -> Box<dyn Any> {
        self
    }
}
