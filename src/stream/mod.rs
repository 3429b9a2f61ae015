//! Streams of messages: length-delimited frames — a varint byte length, then one message — exactly
//! protobuf's length-delimited framing (`docs/wire-format.md`, "Streams").
//!
//! - In memory: [`Message::encode_length_delimited_into`](crate::Message::encode_length_delimited_into) appends
//!   a frame, [`Message::decode_length_delimited`](crate::Message::decode_length_delimited) decodes one and
//!   advances the slice ("decode one, keep the rest"), and `T::frames(&bytes)` iterates over the views of every
//!   frame of a buffer without copying or allocating.
//! - Over I/O: [`StreamWriter`] writes frames to any `std::io::Write`, [`StreamReader`] reads them from any
//!   `std::io::Read` into one reused buffer and hands out views borrowed from it — no allocation per message
//!   once the buffer has grown to the largest frame, and never more memory than `max_frame_len` allows.
//!
//! ```
//! use cramberry::{Cramberry, Message};
//!
//! #[derive(Cramberry, Debug, PartialEq)]
//! struct Tick<'a> { #[cram(1)] symbol: &'a str, #[cram(2)] price: i64 }
//!
//! let mut stream = Vec::new();
//! Tick { symbol: "BTC", price: 100 }.encode_length_delimited_into(&mut stream);
//! Tick { symbol: "ETH", price: -5 }.encode_length_delimited_into(&mut stream);
//!
//! let prices: Vec<i64> = Tick::frames(&stream).map(|view| view.map(|t| t.price())).collect::<Result<_, _>>()?;
//! assert_eq!(prices, [100, -5]);
//!
//! let mut rest = &stream[..];
//! assert_eq!(Tick::decode_length_delimited(&mut rest)?.symbol, "BTC");
//! assert_eq!(rest.len(), 8); // the second frame: its length byte and 7 bytes of message
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "tokio")]
mod codec;
pub mod container;
mod error;
mod frame_kind;
mod frames;
mod input;
mod io;
mod prefetch;

#[cfg(feature = "tokio")]
pub use codec::DelimitedCodec;
pub use error::{ContainerErrorKind, FrameError, FrameErrorKind};
pub use frames::Frames;
pub use io::{StreamReader, StreamWriter};
