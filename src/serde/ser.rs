//! `Serialize` → Cramberry bytes. A struct is a message whose fields are numbered by position; each value is
//! written as the derive writes the same Rust type (see the module docs of `cramberry::serde`).

use super::std_time::StdTime;
use super::{Error, Result};
use crate::wire::{
    canonical_f32_bits, canonical_f64_bits, decode_varint, encode_varint, make_tag, put_tag, put_varint,
    zigzag_encode, WireType, MAX_VARINT_LEN,
};
use serde::ser::{self, Impossible, Serialize};

/// The type id of variant `index` of an enum with data, written as an interface value.
pub(super) const fn variant_type_id(index: u32) -> u64 {
    crate::field::interface::FIRST_USER_TYPE_ID + index as u64
}

/// Puts the length of everything written since `body_start` in front of it.
fn prefix_len(out: &mut Vec<u8>, body_start: usize) {
    let mut buf = [0; MAX_VARINT_LEN];
    let end = out.len();
    let n = encode_varint((end - body_start) as u64, &mut buf);
    out.extend_from_slice(&buf[..n]);
    out.copy_within(body_start..end, body_start + n);
    out[body_start..body_start + n].copy_from_slice(&buf[..n]);
}

/// Writes the top-level value, which must be a struct (a message).
pub(super) struct Root<'o> {
    pub(super) out: &'o mut Vec<u8>,
}

/// Writes the fields of a message, numbered 1, 2, ... in the order serde gives them: a field serde skips
/// (`skip_serializing_if`) keeps its number, so the numbering never depends on the value.
pub(super) struct Fields<'o> {
    out: &'o mut Vec<u8>,
    next: u32,
    /// The std struct this is, when it is one whose seconds are written as the derive writes them.
    time: Option<StdTime>,
}

impl<'o> Fields<'o> {
    fn new(out: &'o mut Vec<u8>) -> Self {
        Fields { out, next: 1, time: None }
    }

    /// The fields of the struct serde calls `name`.
    fn of_struct(out: &'o mut Vec<u8>, name: &str) -> Self {
        Fields { out, next: 1, time: StdTime::named(name) }
    }

    fn field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let number = self.next;
        self.next += 1;
        value.serialize(Field { out: self.out, number, mode: Mode::Plain })
    }

    /// Writes the struct field serde calls `key`.
    fn named<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let start = self.out.len();
        let seconds = self.time.is_some_and(|time| self.next == 1 && key == time.fields()[0]);
        self.field(value)?;
        if seconds {
            self.resign_seconds(start);
        }
        Ok(())
    }

    /// Rewrites the unsigned seconds just written at `start` (field 1, VARINT, or nothing for 0) as the
    /// derive writes them: SVARINT, saturating at `i64::MAX` as `Duration::from` does.
    fn resign_seconds(&mut self, start: usize) {
        let unsigned = make_tag(1, WireType::Varint) as u8;
        if let [tag, ref varint @ ..] = self.out[start..] {
            if let (true, Ok((seconds, _))) = (tag == unsigned, decode_varint(varint)) {
                self.out.truncate(start);
                put_tag(self.out, 1, WireType::Svarint);
                put_varint(self.out, zigzag_encode(i64::try_from(seconds).unwrap_or(i64::MAX)));
            }
        }
    }

    /// Leaves a field out, keeping its number.
    fn skip(&mut self) -> Result<()> {
        self.next += 1;
        Ok(())
    }
}

/// How a field value is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A plain field: omitted when it holds the default.
    Plain,
    /// Inside `Some`, or an element of a list: always written.
    Present,
}

/// Writes one value as field `number`.
struct Field<'o> {
    out: &'o mut Vec<u8>,
    number: u32,
    mode: Mode,
}

impl Field<'_> {
    fn omit(&self, is_default: bool) -> bool {
        self.mode == Mode::Plain && is_default
    }

    fn varint(self, value: u64) -> Result<()> {
        if !self.omit(value == 0) {
            put_tag(self.out, self.number, WireType::Varint);
            put_varint(self.out, value);
        }
        Ok(())
    }

    fn svarint(self, value: i64) -> Result<()> {
        if !self.omit(value == 0) {
            put_tag(self.out, self.number, WireType::Svarint);
            put_varint(self.out, zigzag_encode(value));
        }
        Ok(())
    }

    fn delimited(self, bytes: &[u8]) -> Result<()> {
        if !self.omit(bytes.is_empty()) {
            put_tag(self.out, self.number, WireType::Bytes);
            put_varint(self.out, bytes.len() as u64);
            self.out.extend_from_slice(bytes);
        }
        Ok(())
    }
}

/// Serializer items shared by the serializers that refuse most values.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret> {
            Err(Error::top_level())
        }
    )*};
}

impl<'o> ser::Serializer for Root<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Fields<'o>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Fields<'o>;
    type SerializeStructVariant = Impossible<(), Error>;

    refuse! {
        serialize_bool(bool) -> (); serialize_i8(i8) -> (); serialize_i16(i16) -> (); serialize_i32(i32) -> ();
        serialize_i64(i64) -> (); serialize_u8(u8) -> (); serialize_u16(u16) -> (); serialize_u32(u32) -> ();
        serialize_u64(u64) -> (); serialize_f32(f32) -> (); serialize_f64(f64) -> (); serialize_char(char) -> ();
        serialize_str(&str) -> (); serialize_bytes(&[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_variant(&'static str, u32, &'static str) -> ();
        serialize_seq(Option<usize>) -> Self::SerializeSeq; serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<()> {
        Err(Error::top_level())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        Err(Error::top_level())
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap> {
        Err(if len.is_none() { Error::unsupported("flatten") } else { Error::top_level() })
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Fields<'o>> {
        Ok(Fields::new(self.out))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'o>> {
        Ok(Fields::of_struct(self.out, name))
    }
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.named(key, value)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.skip()
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

/// Tuples, tuple structs and the variants with data: their elements are fields 1, 2, ...
macro_rules! positional {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Fields<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.field(value)
            }
            fn end(self) -> Result<()> {
                Ok(())
            }
        }
    )*};
}
positional!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStructVariant for Fields<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.named(key, value)
    }
    fn skip_field(&mut self, _: &'static str) -> Result<()> {
        self.skip()
    }
    fn end(self) -> Result<()> {
        Ok(())
    }
}

impl<'o> ser::Serializer for Field<'o> {
    type Ok = ();
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    type SerializeSeq = List<'o>;
    type SerializeTuple = Nested<'o>;
    type SerializeTupleStruct = Nested<'o>;
    type SerializeTupleVariant = Nested<'o>;
    type SerializeMap = Map<'o>;
    type SerializeStruct = Nested<'o>;
    type SerializeStructVariant = Nested<'o>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.varint(u64::from(v))
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.svarint(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.svarint(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.svarint(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.svarint(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        let bytes = v.to_le_bytes();
        self.delimited(if v == 0 { &[] } else { &bytes })
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.varint(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.varint(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.varint(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.varint(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        let bytes = v.to_le_bytes();
        self.delimited(if v == 0 { &[] } else { &bytes })
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        let bits = canonical_f32_bits(v);
        if !self.omit(bits == 0) {
            put_tag(self.out, self.number, WireType::Fixed32);
            self.out.extend_from_slice(&bits.to_le_bytes());
        }
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        let bits = canonical_f64_bits(v);
        if !self.omit(bits == 0) {
            put_tag(self.out, self.number, WireType::Fixed64);
            self.out.extend_from_slice(&bits.to_le_bytes());
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.varint(u64::from(v))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.delimited(v.as_bytes())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.delimited(v)
    }
    fn serialize_none(self) -> Result<()> {
        if self.mode == Mode::Present {
            return Err(Error::unsupported("Option inside a list"));
        }
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        if self.mode == Mode::Present {
            return Err(Error::unsupported("Option inside a list"));
        }
        value.serialize(Field { mode: Mode::Present, ..self })
    }
    fn serialize_unit(self) -> Result<()> {
        Nested::open(self, WireType::Bytes, None)?.close()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.varint(index.into())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        let nested = Nested::open(self, WireType::TypeRef, Some(variant_type_id(index)))?;
        value.serialize(Payload { out: &mut *nested.fields.out })?;
        nested.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'o>> {
        match self.mode {
            Mode::Plain => Ok(List { out: self.out, number: self.number, run: None, listed: None }),
            // In `Some`: a list as one value (the derive's `Option<Vec<T>>`), so `Some(vec![])` is written.
            Mode::Present => Ok(List::listed(self.out, self.number)),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Nested<'o>> {
        Nested::open(self, WireType::Bytes, None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Nested<'o>> {
        Nested::open(self, WireType::Bytes, None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Nested<'o>> {
        Nested::open(self, WireType::TypeRef, Some(variant_type_id(index)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map<'o>> {
        match len {
            None => Err(Error::unsupported("flatten")),
            Some(_) => Ok(Map { out: self.out, number: self.number, entries: Vec::new(), key: None }),
        }
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Nested<'o>> {
        Nested::open_struct(self, WireType::Bytes, None, name)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Nested<'o>> {
        Nested::open(self, WireType::TypeRef, Some(variant_type_id(index)))
    }
}

/// A nested message being written (structs, tuples, variants with data): fields after the opened tag.
pub(super) struct Nested<'o> {
    fields: Fields<'o>,
    start: usize,
    body_start: usize,
    omit_if_empty: bool,
}

impl<'o> Nested<'o> {
    fn open(field: Field<'o>, wire_type: WireType, type_id: Option<u64>) -> Result<Self> {
        Self::open_struct(field, wire_type, type_id, "")
    }

    /// [`open`](Self::open) for the fields of the struct serde calls `name`.
    fn open_struct(field: Field<'o>, wire_type: WireType, type_id: Option<u64>, name: &str) -> Result<Self> {
        let start = field.out.len();
        put_tag(field.out, field.number, wire_type);
        if let Some(id) = type_id {
            put_varint(field.out, id);
        }
        // An empty message, or variant 0 holding one, is the default of a plain field.
        let omit_if_empty = field.omit(type_id.map_or(true, |id| id == variant_type_id(0)));
        Ok(Nested {
            body_start: field.out.len(),
            fields: Fields::of_struct(field.out, name),
            start,
            omit_if_empty,
        })
    }

    fn close(self) -> Result<()> {
        let out = self.fields.out;
        if self.omit_if_empty && out.len() == self.body_start {
            out.truncate(self.start);
        } else {
            prefix_len(out, self.body_start);
        }
        Ok(())
    }
}

macro_rules! nested_positional {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Nested<'_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.fields.field(value)
            }
            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}
nested_positional!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! nested_named {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Nested<'_> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
                self.fields.named(key, value)
            }
            fn skip_field(&mut self, _: &'static str) -> Result<()> {
                self.fields.skip()
            }
            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}
nested_named!(SerializeStruct, SerializeStructVariant);

/// The payload of a newtype variant: a struct's own fields (as the derive writes an interface member), any
/// other value as field 1.
struct Payload<'o> {
    out: &'o mut Vec<u8>,
}

impl<'o> Payload<'o> {
    fn field_one(self) -> Field<'o> {
        Field { out: self.out, number: 1, mode: Mode::Plain }
    }
}

/// Serializer methods that hand the value to another serializer (`$to` turns `self` into it).
macro_rules! forward {
    ($to:ident: $($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<$ret> {
            ser::Serializer::$method(self.$to(), $($arg),*)
        }
    )*};
}

impl<'o> ser::Serializer for Payload<'o> {
    type Ok = ();
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    type SerializeSeq = List<'o>;
    type SerializeTuple = Nested<'o>;
    type SerializeTupleStruct = Nested<'o>;
    type SerializeTupleVariant = Nested<'o>;
    type SerializeMap = Map<'o>;
    type SerializeStruct = Fields<'o>;
    type SerializeStructVariant = Nested<'o>;

    forward! { field_one:
        serialize_bool(v: bool) -> (); serialize_i8(v: i8) -> (); serialize_i16(v: i16) -> ();
        serialize_i32(v: i32) -> (); serialize_i64(v: i64) -> (); serialize_i128(v: i128) -> ();
        serialize_u8(v: u8) -> (); serialize_u16(v: u16) -> (); serialize_u32(v: u32) -> ();
        serialize_u64(v: u64) -> (); serialize_u128(v: u128) -> (); serialize_f32(v: f32) -> ();
        serialize_f64(v: f64) -> (); serialize_char(v: char) -> (); serialize_str(v: &str) -> ();
        serialize_bytes(v: &[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> ();
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> ();
        serialize_seq(len: Option<usize>) -> List<'o>; serialize_tuple(len: usize) -> Nested<'o>;
        serialize_tuple_struct(name: &'static str, len: usize) -> Nested<'o>;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'o>;
        serialize_map(len: Option<usize>) -> Map<'o>;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'o>;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        self.field_one().serialize_some(value)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.field_one().serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'o>> {
        Ok(Fields::of_struct(self.out, name))
    }
}

/// A list being written as field `number`: scalars packed into runs, other elements one field each.
pub(super) struct List<'o> {
    out: &'o mut Vec<u8>,
    number: u32,
    /// Where the body of the open packed run starts.
    run: Option<usize>,
    /// For a list as one value (in `Some`, or inside a list): where the body of the value starts — bytes for
    /// a list of `u8` (the derive's `Vec<u8>`), otherwise a nested message whose field 1 is the list.
    listed: Option<usize>,
}

impl<'o> List<'o> {
    /// A list written as one value of field `number`.
    fn listed(out: &'o mut Vec<u8>, number: u32) -> Self {
        put_tag(out, number, WireType::Bytes);
        let body_start = out.len();
        List { out, number: 1, run: None, listed: Some(body_start) }
    }

    fn close_run(&mut self) {
        if let Some(body_start) = self.run.take() {
            prefix_len(self.out, body_start);
        }
    }

    fn run(&mut self) -> &mut Vec<u8> {
        if self.run.is_none() {
            put_tag(self.out, self.number, WireType::Bytes);
            self.run = Some(self.out.len());
        }
        self.out
    }
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(Element { list: self })
    }
    fn end(mut self) -> Result<()> {
        self.close_run();
        if let Some(body_start) = self.listed {
            prefix_len(self.out, body_start);
        }
        Ok(())
    }
}

/// One element of a list.
struct Element<'l, 'o> {
    list: &'l mut List<'o>,
}

impl<'l, 'o> Element<'l, 'o> {
    /// The element as a field of its own (strings, bytes, messages, variants with data).
    fn own_field(self) -> Field<'l> {
        self.list.close_run();
        Field { out: self.list.out, number: self.list.number, mode: Mode::Present }
    }

    fn packed_varint(self, value: u64) -> Result<()> {
        put_varint(self.list.run(), value);
        Ok(())
    }
}

impl<'l, 'o> ser::Serializer for Element<'l, 'o> {
    type Ok = ();
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    type SerializeSeq = List<'l>;
    type SerializeTuple = Nested<'l>;
    type SerializeTupleStruct = Nested<'l>;
    type SerializeTupleVariant = Nested<'l>;
    type SerializeMap = Map<'l>;
    type SerializeStruct = Nested<'l>;
    type SerializeStructVariant = Nested<'l>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.packed_varint(u64::from(v))
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.packed_varint(zigzag_encode(v))
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        // A list of u8 is bytes, as `Vec<u8>` is in derived types: a list value's body itself, or a run.
        if self.list.listed.is_some() {
            self.list.out.push(v);
        } else {
            self.list.run().push(v);
        }
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.packed_varint(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.packed_varint(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.packed_varint(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.list.run().extend_from_slice(&canonical_f32_bits(v).to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.list.run().extend_from_slice(&canonical_f64_bits(v).to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.packed_varint(u64::from(v))
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.packed_varint(index.into())
    }
    forward! { own_field:
        serialize_i128(v: i128) -> (); serialize_u128(v: u128) -> (); serialize_str(v: &str) -> ();
        serialize_bytes(v: &[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> (); serialize_tuple(len: usize) -> Nested<'l>;
        serialize_tuple_struct(name: &'static str, len: usize) -> Nested<'l>;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'l>;
        serialize_map(len: Option<usize>) -> Map<'l>;
        serialize_struct(name: &'static str, len: usize) -> Nested<'l>;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'l>;
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
        self.own_field().serialize_some(value)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.own_field().serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'l>> {
        // A list inside a list: one value (as the derive's `Vec<Vec<T>>`).
        let field = self.own_field();
        Ok(List::listed(field.out, field.number))
    }
}

/// A map being written as field `number`: entries collected, then written in ascending key order.
pub(super) struct Map<'o> {
    out: &'o mut Vec<u8>,
    number: u32,
    entries: Vec<(SortKey, Vec<u8>)>,
    key: Option<(SortKey, Vec<u8>)>,
}

/// A map key's wire value, in the order entries are written.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Int(i128),
    Bytes(Vec<u8>),
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let mut entry = Vec::new();
        let sort = key.serialize(Key { entry: &mut entry })?;
        self.key = Some((sort, entry));
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let (sort, mut entry) =
            self.key.take().ok_or_else(|| Error::custom_str("a map value without its key"))?;
        value.serialize(Field { out: &mut entry, number: 2, mode: Mode::Plain })?;
        self.entries.push((sort, entry));
        Ok(())
    }
    fn end(mut self) -> Result<()> {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, entry) in &self.entries {
            put_tag(self.out, self.number, WireType::Bytes);
            put_varint(self.out, entry.len() as u64);
            self.out.extend_from_slice(entry);
        }
        Ok(())
    }
}

/// Writes a map key as field 1 of its entry and returns its sort key.
struct Key<'e> {
    entry: &'e mut Vec<u8>,
}

impl Key<'_> {
    fn field(&mut self) -> Field<'_> {
        Field { out: self.entry, number: 1, mode: Mode::Plain }
    }
    fn int(mut self, value: i128, write: impl FnOnce(Field<'_>) -> Result<()>) -> Result<SortKey> {
        write(self.field())?;
        Ok(SortKey::Int(value))
    }
}

macro_rules! refuse_key {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret> {
            Err(Error::unsupported_key())
        }
    )*};
}

impl ser::Serializer for Key<'_> {
    type Ok = SortKey;
    type Error = Error;
    type SerializeSeq = Impossible<SortKey, Error>;
    type SerializeTuple = Impossible<SortKey, Error>;
    type SerializeTupleStruct = Impossible<SortKey, Error>;
    type SerializeTupleVariant = Impossible<SortKey, Error>;
    type SerializeMap = Impossible<SortKey, Error>;
    type SerializeStruct = Impossible<SortKey, Error>;
    type SerializeStructVariant = Impossible<SortKey, Error>;

    fn serialize_bool(self, v: bool) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_i8(v))
    }
    fn serialize_i16(self, v: i16) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_i16(v))
    }
    fn serialize_i32(self, v: i32) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_i32(v))
    }
    fn serialize_i64(self, v: i64) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_i64(v))
    }
    fn serialize_u8(self, v: u8) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_u8(v))
    }
    fn serialize_u16(self, v: u16) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_u16(v))
    }
    fn serialize_u32(self, v: u32) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_u32(v))
    }
    fn serialize_u64(self, v: u64) -> Result<SortKey> {
        self.int(v.into(), |f| f.serialize_u64(v))
    }
    fn serialize_char(self, v: char) -> Result<SortKey> {
        self.int(u32::from(v).into(), |f| f.serialize_char(v))
    }
    fn serialize_str(mut self, v: &str) -> Result<SortKey> {
        self.field().serialize_str(v)?;
        Ok(SortKey::Bytes(v.as_bytes().to_vec()))
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<SortKey> {
        self.field().serialize_bytes(v)?;
        Ok(SortKey::Bytes(v.to_vec()))
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<SortKey> {
        self.int(index.into(), |f| f.serialize_u32(index))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<SortKey> {
        value.serialize(self)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<SortKey> {
        Err(Error::unsupported_key())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<SortKey> {
        Err(Error::unsupported_key())
    }
    refuse_key! {
        serialize_f32(f32) -> SortKey; serialize_f64(f64) -> SortKey; serialize_none() -> SortKey;
        serialize_unit() -> SortKey; serialize_unit_struct(&'static str) -> SortKey;
        serialize_seq(Option<usize>) -> Self::SerializeSeq; serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}
