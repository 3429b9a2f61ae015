//! Open polymorphism: a [`Registry`] of message types by type id, which decodes a message of any registered
//! type — from a [`TypeRef`] field, a standard [`Any`](crate::std_types::Any), or a type id and bytes — to a
//! boxed [`AnyMessage`] (downcastable to the concrete type), or validates it into an [`AnyView`].
//!
//! Interfaces (enums deriving `Cramberry`) are the closed form: their members are known when the code is
//! compiled. A registry is filled at run time (plugins, services added later), and a type id it does not know
//! is an [`UnknownTypeId`](crate::DecodeErrorKind::UnknownTypeId) error naming the id, or kept as its bytes
//! ([`UnknownTypes::Keep`]).
//!
//! ```
//! use cramberry::registry::{Registry, TypeRef};
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! #[cram(type_id = 200)]
//! struct Fill {
//!     #[cram(1)]
//!     quantity: u64,
//! }
//!
//! #[derive(Cramberry, Debug)]
//! struct Envelope {
//!     #[cram(1)]
//!     payload: Option<TypeRef>,
//! }
//!
//! let mut registry = Registry::new();
//! registry.register::<Fill>()?;
//!
//! let bytes = Envelope { payload: Some(TypeRef::pack(&Fill { quantity: 7 })) }.encode_to_vec();
//! let envelope = Envelope::decode(&bytes)?;
//! let message = registry.decode_type_ref(envelope.payload.as_ref().unwrap())?;
//! assert_eq!(message.downcast_ref::<Fill>(), Some(&Fill { quantity: 7 }));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::prelude::*;
mod any_message;
mod type_ref;

pub use crate::field::interface::{FIRST_USER_TYPE_ID, STANDARD_TYPE_IDS};
pub use crate::message::Registered;
pub use any_message::{AnyMessage, UnregisteredMessage};
pub use type_ref::{TypeRef, TypeRefView};

use crate::error::{DecodeError, DecodeErrorKind, Result};
use crate::message::DecodeMessage;
use crate::options::DecodeOptions;
use crate::view::{MessageView, Viewable};
use alloc::collections::BTreeMap;
use core::any::TypeId;
use core::fmt;

/// What a registry does with a type id it has no type for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UnknownTypes {
    /// An [`UnknownTypeId`](crate::DecodeErrorKind::UnknownTypeId) error naming the id (the default).
    #[default]
    Error,
    /// Decoding gives an [`UnregisteredMessage`] holding the bytes; a view an [`AnyView`] whose
    /// [`is_registered`](AnyView::is_registered) is false.
    Keep,
}

/// Why a type could not be registered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegistryError {
    /// Another type already has this type id.
    DuplicateTypeId {
        /// The id.
        type_id: u64,
        /// The type registered under it.
        registered: &'static str,
        /// The type that asked for it.
        rejected: &'static str,
    },
    /// The type is already registered (under `type_id`).
    DuplicateType {
        /// The type.
        type_name: &'static str,
        /// Its id.
        type_id: u64,
    },
    /// The id is reserved: 0 is nil, 1–63 built-in, 64–127 the standard types (which
    /// [`Registry::with_standard_types`] registers).
    ReservedTypeId {
        /// The id.
        type_id: u64,
        /// The type that asked for it.
        type_name: &'static str,
    },
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::DuplicateTypeId { type_id, registered, rejected } => {
                write!(f, "type id {type_id} of {rejected} is already taken by {registered}")
            }
            RegistryError::DuplicateType { type_name, type_id } => {
                write!(f, "{type_name} is already registered (type id {type_id})")
            }
            RegistryError::ReservedTypeId { type_id, type_name } => write!(
                f,
                "type id {type_id} of {type_name} is reserved (user type ids start at {FIRST_USER_TYPE_ID})"
            ),
        }
    }
}

impl core::error::Error for RegistryError {}

/// Decodes a registered type's bytes to a boxed value.
type DecodeFn = fn(&[u8], &DecodeOptions) -> Result<Box<dyn AnyMessage>>;

/// One registered type: how to decode and validate its bytes.
struct Entry {
    type_name: &'static str,
    rust_type: TypeId,
    decode: DecodeFn,
    validate: fn(&[u8], &DecodeOptions) -> Result<()>,
}

/// Message types by type id, filled at run time. See the [module docs](self).
#[derive(Default)]
pub struct Registry {
    entries: BTreeMap<u64, Entry>,
    ids: BTreeMap<TypeId, u64>,
    unknown: UnknownTypes,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(id, e)| (id, e.type_name))).finish()
    }
}

/// What a type needs to be registered: an owned message with a view.
pub trait Registrable: Viewable + for<'de> DecodeMessage<'de> + 'static {}

impl<M: Viewable + for<'de> DecodeMessage<'de> + 'static> Registrable for M {}

impl Registry {
    /// An empty registry; unknown type ids are errors.
    pub fn new() -> Self {
        Registry::default()
    }

    /// A registry holding the standard types that are messages of their own (`Timestamp`, `Duration`, the
    /// wrappers and `Empty`, type ids 64–72).
    pub fn with_standard_types() -> Self {
        use crate::std_types::*;
        let mut registry = Registry::new();
        registry.insert::<Timestamp>(Timestamp::TYPE_ID);
        registry.insert::<Duration>(Duration::TYPE_ID);
        registry.insert::<BoolValue>(BoolValue::TYPE_ID);
        registry.insert::<Int64Value>(Int64Value::TYPE_ID);
        registry.insert::<UInt64Value>(UInt64Value::TYPE_ID);
        registry.insert::<Float64Value>(Float64Value::TYPE_ID);
        registry.insert::<StringValue>(StringValue::TYPE_ID);
        registry.insert::<BytesValue>(BytesValue::TYPE_ID);
        registry.insert::<Empty>(Empty::TYPE_ID);
        registry
    }

    /// Sets what decoding does with a type id no registered type has (builder style).
    pub fn unknown_types(mut self, unknown: UnknownTypes) -> Self {
        self.unknown = unknown;
        self
    }

    /// Registers `M` under its [`Registered::TYPE_ID`] (`#[cram(type_id = N)]`). A reserved id (below 128),
    /// an id already taken, or a type already registered is an error, and the registry is left unchanged.
    pub fn register<M: Registrable + Registered>(
        &mut self,
    ) -> core::result::Result<&mut Self, RegistryError> {
        self.register_as::<M>(M::TYPE_ID)
    }

    /// Registers `M` under `type_id` (what an interface's generated `register_members` calls), with the
    /// checks of [`register`](Self::register).
    pub fn register_as<M: Registrable>(
        &mut self,
        type_id: u64,
    ) -> core::result::Result<&mut Self, RegistryError> {
        let type_name = core::any::type_name::<M>();
        if type_id < FIRST_USER_TYPE_ID {
            return Err(RegistryError::ReservedTypeId { type_id, type_name });
        }
        if let Some(&type_id) = self.ids.get(&TypeId::of::<M>()) {
            return Err(RegistryError::DuplicateType { type_name, type_id });
        }
        if let Some(entry) = self.entries.get(&type_id) {
            return Err(RegistryError::DuplicateTypeId {
                type_id,
                registered: entry.type_name,
                rejected: type_name,
            });
        }
        self.insert::<M>(type_id);
        Ok(self)
    }

    /// Runs `register` (a series of registrations) all or nothing: when it fails, every type it registered
    /// is removed again, so the registry is left as it was. Interfaces' generated `register_members` use it.
    #[doc(hidden)]
    pub fn register_all<E>(
        &mut self,
        register: impl FnOnce(&mut Self) -> core::result::Result<(), E>,
    ) -> core::result::Result<(), E> {
        let before: Vec<u64> = self.entries.keys().copied().collect();
        let result = register(self);
        if result.is_err() {
            self.entries.retain(|id, _| before.binary_search(id).is_ok());
            self.ids.retain(|_, id| before.binary_search(id).is_ok());
        }
        result
    }

    fn insert<M: Registrable>(&mut self, type_id: u64) {
        let entry = Entry {
            type_name: core::any::type_name::<M>(),
            rust_type: TypeId::of::<M>(),
            decode: |bytes, options| {
                M::decode_with(bytes, options).map(|m| Box::new(m) as Box<dyn AnyMessage>)
            },
            validate: |bytes, options| M::View::view_with(bytes, options).map(drop),
        };
        self.ids.insert(TypeId::of::<M>(), type_id);
        self.entries.insert(type_id, entry);
    }

    /// Whether a type is registered under `type_id`.
    pub fn contains(&self, type_id: u64) -> bool {
        self.entries.contains_key(&type_id)
    }

    /// The Rust type name registered under `type_id`.
    pub fn type_name(&self, type_id: u64) -> Option<&'static str> {
        self.entries.get(&type_id).map(|e| e.type_name)
    }

    /// The registered type ids, ascending.
    pub fn type_ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.entries.keys().copied()
    }

    /// Number of registered types.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no type is registered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Decodes `bytes` (a message's fields) as the type registered under `type_id`, with the default options.
    pub fn decode(&self, type_id: u64, bytes: &[u8]) -> Result<Box<dyn AnyMessage>> {
        self.decode_with(type_id, bytes, &DecodeOptions::DEFAULT)
    }

    /// [`decode`](Self::decode) with `options` (limits, strict, canonical). Error offsets are within `bytes`.
    pub fn decode_with(
        &self,
        type_id: u64,
        bytes: &[u8],
        options: &DecodeOptions,
    ) -> Result<Box<dyn AnyMessage>> {
        match self.entries.get(&type_id) {
            Some(entry) => (entry.decode)(bytes, options),
            None => self.unregistered(type_id).map(|()| {
                Box::new(UnregisteredMessage { type_id, bytes: bytes.to_vec() }) as Box<dyn AnyMessage>
            }),
        }
    }

    /// Decodes the message a [`TypeRef`] field holds.
    pub fn decode_type_ref(&self, value: &TypeRef) -> Result<Box<dyn AnyMessage>> {
        self.decode(value.type_id, &value.bytes)
    }

    /// Decodes the message a standard [`Any`](crate::std_types::Any) holds.
    pub fn decode_any(&self, any: &crate::std_types::Any) -> Result<Box<dyn AnyMessage>> {
        self.decode(any.type_id, &any.value)
    }

    /// Validates `bytes` as a view of the type registered under `type_id`, with the default options.
    pub fn view<'a>(&self, type_id: u64, bytes: &'a [u8]) -> Result<AnyView<'a>> {
        self.view_with(type_id, bytes, &DecodeOptions::DEFAULT)
    }

    /// [`view`](Self::view) with `options`. Accepts and rejects exactly what [`decode_with`](Self::decode_with)
    /// does.
    pub fn view_with<'a>(
        &self,
        type_id: u64,
        bytes: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<AnyView<'a>> {
        let validated = match self.entries.get(&type_id) {
            Some(entry) => {
                (entry.validate)(bytes, options)?;
                Some(entry.rust_type)
            }
            None => {
                self.unregistered(type_id)?;
                None
            }
        };
        Ok(AnyView { type_id, bytes, validated })
    }

    /// Validates the message a [`TypeRef`] field's view holds.
    pub fn view_type_ref<'a>(&self, value: TypeRefView<'a>) -> Result<AnyView<'a>> {
        self.view(value.type_id, value.bytes)
    }

    /// `Ok` when unknown type ids are kept, the error naming `type_id` otherwise.
    fn unregistered(&self, type_id: u64) -> Result<()> {
        match self.unknown {
            UnknownTypes::Keep => Ok(()),
            UnknownTypes::Error => Err(DecodeError::new(DecodeErrorKind::UnknownTypeId(type_id), 0)),
        }
    }
}

/// A message of a registered type, validated, borrowing its bytes: get the concrete view with
/// [`get`](Self::get).
#[derive(Clone, Copy, Debug)]
pub struct AnyView<'a> {
    type_id: u64,
    bytes: &'a [u8],
    /// The Rust type the bytes were validated as (`None` for a kept unknown type id).
    validated: Option<TypeId>,
}

impl<'a> AnyView<'a> {
    /// The type id.
    pub fn type_id(&self) -> u64 {
        self.type_id
    }

    /// The message's bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Whether a registered type validated the bytes (false for an unknown type id kept as bytes).
    pub fn is_registered(&self) -> bool {
        self.validated.is_some()
    }

    /// The view of the message as `M`, when `M` is the type that validated it (re-reading the validated bytes
    /// without checking them again); `None` otherwise.
    pub fn get<M: Viewable + 'static>(&self) -> Option<M::View<'a>> {
        (self.validated == Some(TypeId::of::<M>())).then(|| M::View::revisit_fields(self.bytes))
    }
}
