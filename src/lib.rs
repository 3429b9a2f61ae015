//! # Cramberry
//!
//! A zero-copy, arena-based binary serializer with a schema-evolvable, canonical wire format. The format is
//! specified in the repository's `docs/wire-format.md` (every wire type, canonical form, maps, interfaces,
//! streams, decoding limits); the schema language in `docs/schema-language.md`, the rules for evolving a
//! schema in `docs/compatibility.md`. [`bumpalo`] is re-exported: use `cramberry::bumpalo::Bump` and the
//! versions always match.
//!
//! The things a user does:
//!
//! 1. **Derive** — put `#[derive(Cramberry)]` on a struct and give each field a number with `#[cram(N)]`.
//! 2. **Encode into an arena** — [`Message::encode_in`] measures the exact size, then writes once into a
//!    [`bumpalo::Bump`]; with a warmed-up arena nothing touches the global allocator. `encode_to_vec`,
//!    `encode_into` (append) and `encode_to_slice` write elsewhere.
//! 3. **View** — `T::view(&bytes)` validates once and reads in place with no allocation (see [Views](#views)).
//! 4. **Decode** — [`Message::decode`] checks everything (lengths against the input before allocating,
//!    UTF-8, integer ranges, enum values) and borrows `&str` / `&[u8]` fields straight from the input.
//!
//! ```
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Order<'a> {
//!     #[cram(1)] id: u64,
//!     #[cram(2)] symbol: &'a str,
//!     #[cram(3)] qty: i32,
//!     #[cram(4)] levels: Vec<u32>,
//! }
//!
//! let order = Order { id: 150, symbol: "BTC-USD", qty: -1, levels: vec![1, 300] };
//! let mut arena = bumpalo::Bump::new();
//! let bytes = order.encode_in(&arena);
//! let back = Order::decode(bytes)?;
//! assert_eq!(back, order);
//! assert_eq!(back.symbol.as_ptr(), bytes[5..].as_ptr()); // borrowed, not copied
//! arena.reset();
//! # Ok::<(), cramberry::DecodeError>(())
//! ```
//!
//! ## Views
//!
//! For every message `T` the derive also generates `TView<'a>`. `T::view(&bytes)` validates the bytes once —
//! structure, lengths, UTF-8, integer ranges, enum values, limits, required fields, and under
//! [`DecodeOptions::canonical`] every canonical rule — with the same errors `decode` gives. After that every
//! accessor is infallible and allocation-free: scalars by value, `&'a str` and `&'a [u8]` into the input,
//! nested views, lazy iterators for lists and maps ([`view::Repeated`], [`view::MapView`], with `len()` in
//! O(1)), and in-place slices of packed fixed-width numbers. `view.to_message()` gives exactly what `decode`
//! gives. A view works over any `&[u8]`: a `Vec`, a network buffer, a memory-mapped file.
//!
//! ```
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Order {
//!     #[cram(1)] id: u64,
//!     #[cram(2)] symbol: String,
//!     #[cram(3)] prices: Vec<f64>,
//! }
//!
//! let bytes = Order { id: 1, symbol: "ETH-USD".into(), prices: vec![1.5, 2.5] }.encode_to_vec();
//! let v = Order::view(&bytes)?;
//! assert_eq!(v.symbol(), "ETH-USD");
//! let prices = v.prices().as_slice().unwrap(); // in place: &[little_endian::F64], no copy
//! assert_eq!(prices[1].get(), 2.5);
//! # Ok::<(), cramberry::DecodeError>(())
//! ```
//!
//! Views are small and live on the stack: a view records, per field, the scalar value, a slice, or for lists
//! and maps a span and a count — a 20-field message (scalars, strings, lists, a map) has a 304-byte view on
//! x86-64. Boxed fields (`Box<T>`, how recursive types nest) are kept as bytes and opened with `.get()`.
//!
//! Iterating a list of strings, bytes or messages re-reads its (already validated) bytes. When a hot path
//! iterates such lists, `T::view_in(&bytes, &arena)` validates the same way and also keeps every element's
//! view in a [`bumpalo::Bump`] (re-exported as [`bumpalo`]), so iteration and `get(i)` re-read nothing:
//!
//! ```
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Fill { #[cram(1)] venue: String, #[cram(2)] qty: u32 }
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Order { #[cram(1)] fills: Vec<Fill> }
//!
//! let bytes = Order { fills: vec![Fill { venue: "X".into(), qty: 5 }] }.encode_to_vec();
//! let mut arena = cramberry::bumpalo::Bump::new();
//! let order = Order::view_in(&bytes, &arena)?;    // same checks and errors as Order::view
//! assert_eq!(order.fills().get(0).map(|f| f.qty()), Some(5)); // O(1), nothing re-read
//! drop(order);
//! arena.reset();                                    // reuse the arena for the next message
//! # Ok::<(), cramberry::DecodeError>(())
//! ```
//!
//! ## Field attributes
//! - `#[cram(N)]`: field number `N` (1 to 2^29 - 1). Plain fields holding their default are not written.
//! - `#[cram(N, required)]`: always written; decoding fails if it is missing.
//! - `#[cram(N, fixed)]`: `u32`/`u64`/`i32`/`i64` (also inside `Option`/`Vec`) as fixed32/fixed64/sfixed.
//! - `#[cram(skip)]`: not encoded; decoded as `Default::default()`.
//! - `#[cram(unknown_fields)]` on a [`UnknownFields`] field: keeps unknown fields and re-encodes them.
//!
//! Field types: `bool`, `u8`–`u64`, `usize`, `i8`–`i64` (ZigZag), `isize`, `u128`/`i128` (16 bytes), `f32`, `f64`, `char`, `String`,
//! `&str`, `Cow<str>`, `Box<str>`, `Arc<str>`, `Rc<str>`, `Vec<u8>`, `&[u8]`, `Cow<[u8]>`, `Box<[u8]>`,
//! `Arc<[u8]>`, `Rc<[u8]>`, `[u8; N]`, tuples of up to 4 elements (each a value, `Option`, `Vec` or array),
//! `SystemTime` and `Duration` (as the standard types), nested messages (also boxed), derived enums, interface enums,
//! `#[cram(pod)]` structs, and `Option<T>`, `Vec<T>`, `&[T]`, `[T; N]`, `BTreeMap`, `HashMap` of those. The
//! derive reads how a type composes (a tuple holding a list, a list of lists) from the field's syntax: write
//! such a type out in the field rather than behind a type alias.
//! A struct with a borrowed list `&[T]` (T not `u8`) encodes without allocating but is encode-only: its
//! elements are not in the input in that form (decode into `Vec<T>` instead).
//!
//! ## Newtypes
//! A tuple struct of one field, like `struct OrderId(u64)`, is transparent: written, read and viewed exactly
//! as its field (so `OrderId` costs nothing on the wire, and a view's accessor returns the `u64`). Mark any
//! other one-field struct `#[cram(transparent)]` for the same.
//!
//! ```
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct OrderId(u64);
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Cancel { #[cram(1)] id: OrderId }
//!
//! let bytes = Cancel { id: OrderId(300) }.encode_to_vec();
//! assert_eq!(bytes, [0x08, 0xac, 0x02]); // field 1, varint 300: the u64's bytes
//! assert_eq!(Cancel::view(&bytes)?.id(), 300);
//! # Ok::<(), cramberry::DecodeError>(())
//! ```
//!
//! ## Enums and interfaces
//! A fieldless enum needs explicit numbers (`A = 0` or `#[cram(0)] A`) and a variant numbered 0 (the
//! default); an unknown number is an error unless a `#[cram(other)] Other(u32)` variant keeps it. An enum
//! whose variants each hold one message, with `#[cram(type_id = N)]` (N ≥ 128) on each, is an interface:
//! written as TYPEREF. A plain interface field is always written; use `Option<Interface>` for "no value".

#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

// The derive names the runtime as `::cramberry`; this lets the runtime derive its own standard types.
extern crate alloc;
extern crate self as cramberry;

/// The `alloc` names the standard prelude would give every module (this crate is `no_std` without the `std`
/// feature).
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::boxed::Box;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec::Vec;
}

mod decode;
mod encode;
mod error;
mod field;
#[cfg(feature = "tonic")]
pub mod grpc;
mod message;
mod options;
#[cfg(feature = "bytes")]
mod owned;
pub mod registry;
#[cfg(feature = "serde")]
pub mod serde;
pub mod std_types;
pub use field::with;
#[cfg(feature = "std")]
pub mod stream;
mod unknown;
mod utf8;
pub mod view;
pub mod wire;

/// The arena crate encoding (`encode_in`) and recording views (`view_in`) use, re-exported so your `Bump`
/// is always the matching version.
pub use bumpalo;
pub use cramberry_derive::Cramberry;
pub use error::{CanonicalRule, DecodeError, DecodeErrorKind, EncodeError, Limit, PathSegment, Result};
pub use field::{Enumeration, ScalarError, ScalarKind, ScalarValue};
pub use message::{DecodeMessage, Message};
pub use options::DecodeOptions;
#[cfg(feature = "bytes")]
pub use owned::{OwnedLazy, OwnedView};
pub use unknown::UnknownFields;
pub use view::{LazyView, Lazyable, MessageView, Viewable};
pub use wire::{WireType, MAX_FIELD_NUMBER};

/// What code generated by `#[derive(Cramberry)]` (and the schema crate's Rust generator, which emits the
/// derive) calls, item by item, plus [`dynamic`](__private::dynamic): what the schema crate's dynamic codec and
/// `inspect` call. Nothing else reaches into the runtime. Not a stable API; it changes with any release.
#[doc(hidden)]
pub mod __private {
    /// View internals that generated views and lazy views call.
    pub mod view {
        pub use crate::decode::Cursor;
        pub use crate::view::fields::{array, optional, plain, required};
        pub use crate::view::generated::{
            collect_unknown, read_nested, revisit_nested, validate_nested, ListType, MapType, OptionType,
        };
        pub use crate::view::lazy;
        pub use crate::view::map::{merge as map_merge, revisit as map_revisit};
        pub use crate::view::repeated::{merge as repeated_merge, revisit as repeated_revisit};
        pub use crate::view::Repeated;
    }
    /// The read and write layers and field kinds as the schema crate's dynamic codec and `inspect` use them:
    /// a codec driven by a schema at run time, reading through the same `ReadValue` kinds and writing by the
    /// same `WriteValue` rules as derived code.
    pub mod dynamic {
        pub use crate::decode::{Reader, Tag};
        pub use crate::encode::{LenRecorder, NoRecord, SizeCursor, Writer};
        pub use crate::field::element::{read_one, read_plain, ReadValue, Shape};
        pub use crate::field::encoded::WriteValue;
        pub use crate::field::map::{read_entries, MapInsert, MapKey, SortedEntries};
        /// The field kinds' measuring and writing rules, over a [`WriteValue`].
        pub mod write {
            pub use crate::field::array::{len_with as array_len, write_with as array_write};
            pub use crate::field::interface::{encode as interface_write, len as interface_len};
            pub use crate::field::map::{len_with as map_len, write_with as map_write};
            pub use crate::field::message::{
                encode as message_write, encode_plain as message_write_plain, len as message_len,
                plain_len as message_plain_len,
            };
            pub use crate::field::optional::{present_len, write_present};
            pub use crate::field::plain::{len_with as plain_len, write_with as plain_write};
            pub use crate::field::repeated::{len_with as repeated_len, write_with as repeated_write};
        }
        pub use crate::field::{
            array::{check_exactly, reject_all_default_if_canonical, AtMost},
            interface::{read_type_id, unknown_type_id},
            message::read_nested,
            repeated::read_elements,
            required::missing,
            scalar_enum::{is_default_number, read_number},
            Repeat,
        };
    }
    pub use crate::decode::{Cursor, Reader};
    pub use crate::encode::{LenRecorder, SizeCursor, Writer};
    pub use crate::field::{
        array, element, interface,
        listed::Listed,
        map, message, optional, plain, pod, repeated, required, scalar_enum as enumeration,
        tuple::{AsArray, AsList, AsOptional, AsPlain, Tupled},
        DecodeValue, EncodeValue, Fixed, Natural, Repeat,
    };
    pub use crate::view::value::ValueView;
    pub use crate::wire::WireType;
    pub use bumpalo;
    /// The `alloc` crate, for derived code in `no_std` crates.
    pub mod alloc {
        pub use ::alloc::{boxed, string, vec};
    }
    pub use bytemuck;
    pub use core;

    /// Expands to its items only when the runtime has its `std` feature: derived code wraps what needs
    /// `std` (a view's `frames`) in it, since the derive cannot see the runtime's features.
    #[cfg(feature = "std")]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __if_std {
        ($($items:tt)*) => { $($items)* };
    }
    /// Expands to nothing: the runtime was built without its `std` feature.
    #[cfg(not(feature = "std"))]
    #[macro_export]
    #[doc(hidden)]
    macro_rules! __if_std {
        ($($items:tt)*) => {};
    }
    pub use crate::__if_std as if_std;

    /// Stands in for a value the derive could not generate code for (a field or type it reported an error
    /// on), so the rest of the expansion type-checks and only that error is shown. Never runs: the crate
    /// does not compile while the error stands.
    pub fn broken<T>() -> T {
        unreachable!("code of a #[derive(Cramberry)] that reported an error")
    }
}
