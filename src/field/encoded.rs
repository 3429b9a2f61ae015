//! The write half of element descriptions: what the field kinds need to measure and write one value of a
//! kind, behind one trait.
//!
//! The field kinds' writing rules — a plain value omitted when it holds its default, an optional or required
//! one always written, lists packed in one run or one field per element, fixed-length lists omitted when all
//! default, map entries in ascending key order — are written once, in this module's siblings, generic over a
//! [`WriteValue`]. Derived code passes [`Encoded`], a zero-sized description of a static type whose calls
//! inline to the type's own [`EncodeValue`] methods; the dynamic codec in `cramberry-schema` passes a description
//! built from the schema. Every front end therefore writes the same bytes by the same code.

use super::element::Shape;
use super::EncodeValue;
use crate::encode::{LenRecorder, NoRecord, SizeCursor, Writer};
use core::marker::PhantomData;

/// How the field kinds measure and write one value of a kind: derived code passes `Encoded`, the dynamic
/// codec a description built from the schema, and the rules for each field kind are written once over it.
///
/// Measuring and writing are the two passes of [`Message`](crate::Message) encoding: `value_len` records the
/// length of every nested value it measures into the recorder, and `write` reads them back in the same order.
pub trait WriteValue {
    /// What one value is.
    type In;

    /// The kind's layout.
    fn shape(&self) -> Shape;

    /// Whether a value's length is recorded when it is measured (nested messages and interface values): a
    /// list of them tells the recorder how many are coming.
    fn records_len(&self) -> bool;

    /// Whether `value` is the kind's default (a plain field holding it is not written).
    fn is_default(&self, value: &Self::In) -> bool;

    /// Size of `value` after its tag, recording nested lengths.
    fn value_len<R: LenRecorder>(&self, value: &Self::In, rec: &mut R) -> usize;

    /// Writes `value` after its tag, reading nested lengths.
    fn write(&self, value: &Self::In, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>);

    /// Size of a plain field's payload, or `None` when the plain field is omitted (default value).
    #[inline(always)]
    fn plain_len<R: LenRecorder>(&self, value: &Self::In, rec: &mut R) -> Option<usize> {
        if self.is_default(value) {
            None
        } else {
            Some(self.value_len(value, rec))
        }
    }

    /// Writes plain field `number` (tag and value) unless the value is the default.
    #[inline(always)]
    fn write_plain(&self, value: &Self::In, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        if !self.is_default(value) {
            w.put_tag(number, self.shape().wire_type);
            self.write(value, w, sizes);
        }
    }

    /// Size of `value` as an element of a packed run.
    #[inline(always)]
    fn packed_len(&self, value: &Self::In) -> usize {
        self.value_len(value, &mut NoRecord)
    }

    /// Writes `value` as an element of a packed run (no tag, no length).
    #[inline(always)]
    fn write_packed(&self, value: &Self::In, w: &mut Writer<'_>) {
        self.write(value, w, &mut SizeCursor::new(&[]));
    }

    /// Writes a whole packed run in one step, if the kind can (pods: one copy); `false` has the run written
    /// element by element.
    #[inline(always)]
    fn write_run(&self, values: &[Self::In], w: &mut Writer<'_>) -> bool {
        let _ = (values, w);
        false
    }
}

/// Writes values of static type `V` (encoding `K`): what derived code uses. Zero-sized; every call inlines
/// to `V`'s own [`EncodeValue`] method.
pub struct Encoded<K, V>(PhantomData<fn() -> (K, V)>);

impl<K, V> Encoded<K, V> {
    /// The (zero-sized) description.
    pub const NEW: Self = Encoded(PhantomData);
}

impl<K, V: EncodeValue<K>> WriteValue for Encoded<K, V> {
    type In = V;
    #[inline(always)]
    fn shape(&self) -> Shape {
        Shape::of::<K, V>()
    }
    #[inline(always)]
    fn records_len(&self) -> bool {
        V::RECORDS_LEN
    }
    #[inline(always)]
    fn is_default(&self, value: &V) -> bool {
        value.is_default()
    }
    #[inline(always)]
    fn value_len<R: LenRecorder>(&self, value: &V, rec: &mut R) -> usize {
        value.value_len(rec)
    }
    #[inline(always)]
    fn write(&self, value: &V, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        value.encode(w, sizes);
    }
    #[inline(always)]
    fn plain_len<R: LenRecorder>(&self, value: &V, rec: &mut R) -> Option<usize> {
        value.plain_len(rec)
    }
    #[inline(always)]
    fn write_plain(&self, value: &V, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        value.encode_plain(number, w, sizes);
    }
    #[inline(always)]
    fn packed_len(&self, value: &V) -> usize {
        value.packed_len()
    }
    #[inline(always)]
    fn write_packed(&self, value: &V, w: &mut Writer<'_>) {
        value.encode_packed(w);
    }
    #[inline(always)]
    fn write_run(&self, values: &[V], w: &mut Writer<'_>) -> bool {
        V::encode_run(values, w)
    }
}
