//! `uuid::Uuid` fields (feature `uuid`): its 16 bytes, the wire form of `[16]uint8`. The nil UUID is the
//! default, not written.

use super::written_as;

written_as!(uuid::Uuid as [u8; 16], default uuid::Uuid::nil(), to |u| *u.as_bytes(), from |b| Ok(uuid::Uuid::from_bytes(b)));
