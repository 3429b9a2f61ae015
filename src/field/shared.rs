//! `bytes::Bytes` as a field (feature `bytes`): written like `Vec<u8>`; decoded by slicing the input when the
//! input is itself a `Bytes` (`T::decode_shared`), by copying otherwise. A view reads it as `&[u8]`.

use super::{read_bytes, DecodeValue, Value};
use crate::decode::Reader;
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::wire::{varint_len, WireType};
use bytes::Bytes;

impl Value for Bytes {
    const WIRE_TYPE: WireType = WireType::Bytes;
    #[inline(always)]
    fn is_default(&self) -> bool {
        self.is_empty()
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, _: &mut R) -> usize {
        varint_len(self.len() as u64) + self.len()
    }
    #[inline(always)]
    fn encode(&self, w: &mut Writer<'_>, _: &mut SizeCursor<'_>) {
        w.put_varint(self.len() as u64);
        w.put_slice(self);
    }
}

impl<'de> DecodeValue<'de> for Bytes {
    #[inline(always)]
    fn empty() -> Self {
        Bytes::new()
    }
    #[inline(always)]
    fn decode(r: &mut Reader<'de>) -> Result<Self> {
        let payload = read_bytes(r)?;
        Ok(match r.source() {
            // `payload` lies inside `source`: every reader over a shared input reads slices of it.
            Some(source) => source.slice_ref(payload),
            None => Bytes::copy_from_slice(payload),
        })
    }
}
