//! The read layer below field kinds and views: a [`Cursor`] that re-reads validated bytes without checks,
//! and a [`Reader`] that walks the input once, checking every length against what remains
//! before anything is allocated, and reporting each error with its absolute byte offset.

mod cursor;
mod frame;
mod reader;

pub use cursor::{Cursor, RevisitTag};
pub(crate) use frame::split_frame;
#[cfg(feature = "std")]
pub(crate) use frame::whole_frame;
pub(crate) use reader::check_message_len;
pub use reader::{Reader, Tag};
