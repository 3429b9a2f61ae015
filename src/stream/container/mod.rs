//! The stream container: a versioned file format for sequences of messages — recordings, logs, snapshots —
//! with metadata headers and trailers, optional CRC32C checksums and per-frame compression, and chunked
//! messages whose repeated field is written and read one element at a time. `docs/stream-container.md` is the
//! specification; this module implements it.
//!
//! A file is a preamble (magic, version, flags), a header frame (key → bytes metadata), any number of message
//! frames and chunked messages, and a trailer frame (key → bytes). A file cut at any byte reads back every
//! complete frame before the cut, then reports the truncation.
//!
//! ```
//! use cramberry::stream::container::{ContainerReader, WriterOptions};
//! use cramberry::Cramberry;
//!
//! #[derive(Cramberry)]
//! struct Tick<'a> { #[cram(1)] symbol: &'a str, #[cram(2)] price: i64 }
//!
//! let mut writer = WriterOptions::new().header("producer", "doc test").open(Vec::new())?;
//! writer.write(&Tick { symbol: "BTC", price: 100 })?;
//! writer.write(&Tick { symbol: "ETH", price: -5 })?;
//! writer.set_trailer("count", "2");
//! let file = writer.finish()?;
//!
//! let mut reader = ContainerReader::open(&file[..])?;
//! assert_eq!(reader.header().get("producer"), Some(&b"doc test"[..]));
//! let mut prices = Vec::new();
//! while let Some(tick) = reader.next_view::<Tick>() {
//!     prices.push(tick?.price());
//! }
//! assert_eq!(prices, [100, -5]);
//! assert_eq!(reader.trailers().and_then(|t| t.get("count")), Some(&b"2"[..]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod checksum;
mod compress;
mod format;
mod metadata;
mod reader;
mod writer;

pub use compress::Compression;
pub use format::{FrameKind, MAGIC, VERSION};
pub use metadata::Metadata;
pub use reader::{ContainerReader, Frame, FrameInfo, ReaderOptions};
pub use writer::{ChunkedWriter, ContainerWriter, WriterOptions};
