//! The decode runtime: a [`Reader`] that walks the input once, checking every length against what remains
//! before anything is allocated, and reporting each error with its absolute byte offset.

mod reader;

pub use reader::{Reader, Tag};
