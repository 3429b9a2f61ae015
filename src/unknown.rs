//! Unknown fields kept for re-encoding.

use crate::prelude::*;
/// Fields a message did not know, kept byte for byte (tag and payload) so that re-encoding preserves them.
///
/// Opt in with a field `#[cram(unknown_fields)] unknown: cramberry::UnknownFields`. The fields are kept sorted
/// by field number (stable for equal numbers) and written after the message's known fields.
///
/// ```
/// use cramberry::{Message, UnknownFields};
/// #[derive(cramberry::Cramberry, Debug, PartialEq)]
/// struct V1 { #[cram(1)] id: u64, #[cram(unknown_fields)] unknown: UnknownFields }
///
/// let v2_bytes = [0x08, 0x07, 0x12, 0x02, b'h', b'i']; // id = 7, and a field 2 that V1 does not know
/// let v1 = V1::decode(&v2_bytes).unwrap();
/// assert_eq!(v1.unknown.len(), 4);
/// assert_eq!(v1.encode_to_vec(), v2_bytes);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct UnknownFields {
    bytes: Vec<u8>,
    /// (field number, start offset in `bytes`), sorted by field number.
    fields: Vec<(u32, usize)>,
}

impl UnknownFields {
    /// No unknown fields.
    pub const fn new() -> Self {
        UnknownFields { bytes: Vec::new(), fields: Vec::new() }
    }

    /// Total encoded size of the kept fields.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether no field is kept.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The kept fields' bytes, in field-number order.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Field numbers of the kept fields, in order.
    pub fn numbers(&self) -> impl Iterator<Item = u32> + '_ {
        self.fields.iter().map(|&(number, _)| number)
    }

    /// Keeps one field: `field` is its tag and payload as they were on the wire.
    pub fn push(&mut self, number: u32, field: &[u8]) {
        let at = self.fields.partition_point(|&(n, _)| n <= number);
        if at == self.fields.len() {
            self.fields.push((number, self.bytes.len()));
            self.bytes.extend_from_slice(field);
            return;
        }
        let start = self.fields[at].1;
        self.bytes.splice(start..start, field.iter().copied());
        for entry in &mut self.fields[at..] {
            entry.1 += field.len();
        }
        self.fields.insert(at, (number, start));
    }

    /// Removes every kept field.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.fields.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_fields_sorted_by_number_and_stable() {
        let mut u = UnknownFields::new();
        u.push(9, &[0x48, 0x01]);
        u.push(3, &[0x18, 0x02]);
        u.push(9, &[0x48, 0x03]);
        u.push(5, &[0x28, 0x04]);
        assert_eq!(u.as_bytes(), &[0x18, 0x02, 0x28, 0x04, 0x48, 0x01, 0x48, 0x03]);
        assert_eq!(u.numbers().collect::<Vec<_>>(), vec![3, 5, 9, 9]);
    }
}
