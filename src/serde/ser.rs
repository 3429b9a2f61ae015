//! `Serialize` → Cramberry bytes. A struct is a message whose fields are numbered by position; each value is
//! written as the derive writes the same Rust type (see the module docs of `cramberry::serde`). The
//! serializers here turn serde's calls into the field kinds' steps; a [`Pass`] measures or writes them, and
//! `to_vec` runs the value through both.

use super::pass::{Mode, Pass};
use super::std_time::StdTime;
use super::{Error, Result};
use crate::wire::WireType;
use serde::ser::{self, Impossible, Serialize};

/// The type id of variant `index` of an enum with data, written as an interface value.
pub(super) const fn variant_type_id(index: u32) -> u64 {
    crate::field::interface::FIRST_USER_TYPE_ID + index as u64
}

/// Writes the top-level value, which must be a struct (a message).
pub(super) struct Root<'o, P> {
    pub(super) pass: &'o mut P,
}

/// Writes the fields of a message, numbered 1, 2, ... in the order serde gives them: a field serde skips
/// (`skip_serializing_if`) keeps its number, so the numbering never depends on the value.
pub(super) struct Fields<'o, P> {
    pass: &'o mut P,
    next: u32,
    /// The std struct this is, when it is one whose seconds are written as the derive writes them.
    time: Option<StdTime>,
}

impl<'o, P: Pass> Fields<'o, P> {
    fn new(pass: &'o mut P) -> Self {
        Fields { pass, next: 1, time: None }
    }

    /// The fields of the struct serde calls `name`.
    fn of_struct(pass: &'o mut P, name: &str) -> Self {
        Fields { pass, next: 1, time: StdTime::named(name) }
    }

    fn number(&mut self) -> u32 {
        let number = self.next;
        self.next += 1;
        number
    }

    fn field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let number = self.number();
        value.serialize(Field { pass: &mut *self.pass, number, mode: Mode::Plain })
    }

    /// Writes the struct field serde calls `key`.
    fn named<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        if self.time.is_some_and(|time| self.next == 1 && key == time.fields()[0]) {
            let number = self.number();
            return value.serialize(Seconds(Field { pass: &mut *self.pass, number, mode: Mode::Plain }));
        }
        self.field(value)
    }

    /// Leaves a field out, keeping its number.
    fn skip(&mut self) -> Result<()> {
        self.next += 1;
        Ok(())
    }
}

/// Writes one value as field `number`.
struct Field<'o, P> {
    pass: &'o mut P,
    number: u32,
    mode: Mode,
}

impl<P: Pass> Field<'_, P> {
    fn omit(&self, is_default: bool) -> bool {
        self.mode == Mode::Plain && is_default
    }

    /// A scalar, by the field kinds' rule for its Rust type.
    fn scalar<V: crate::field::EncodeValue>(self, value: V) -> Result<()> {
        self.pass.scalar(self.number, &value, self.mode)
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

impl<'o, P: Pass> ser::Serializer for Root<'o, P> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Fields<'o, P>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Fields<'o, P>;
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
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Fields<'o, P>> {
        Ok(Fields::new(self.pass))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'o, P>> {
        Ok(Fields::of_struct(self.pass, name))
    }
}

/// Structs and struct variants: their fields are numbered by position; the top level ends with nothing to
/// close, a nested one closes its message.
macro_rules! named_fields {
    ($ty:ident, $fields:ident, $end:expr, $($trait:ident),*) => {$(
        impl<P: Pass> ser::$trait for $ty<'_, P> {
            type Ok = ();
            type Error = Error;
            fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
                let $fields = self;
                $fields.named(key, value)
            }
            fn skip_field(&mut self, _: &'static str) -> Result<()> {
                let $fields = self;
                $fields.skip()
            }
            fn end(self) -> Result<()> {
                let end: fn(Self) -> Result<()> = $end;
                end(self)
            }
        }
    )*};
}

/// Tuples, tuple structs and the variants with data: their elements are fields 1, 2, ...
macro_rules! positional_fields {
    ($ty:ident, $fields:ident, $end:expr, $($trait:ident :: $method:ident),*) => {$(
        impl<P: Pass> ser::$trait for $ty<'_, P> {
            type Ok = ();
            type Error = Error;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                let $fields = self;
                $fields.field(value)
            }
            fn end(self) -> Result<()> {
                let end: fn(Self) -> Result<()> = $end;
                end(self)
            }
        }
    )*};
}

named_fields!(Fields, fields, |_| Ok(()), SerializeStruct, SerializeStructVariant);
positional_fields!(
    Fields,
    fields,
    |_| Ok(()),
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'o, P: Pass> ser::Serializer for Field<'o, P> {
    type Ok = ();
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    type SerializeSeq = List<'o, P>;
    type SerializeTuple = Nested<'o, P>;
    type SerializeTupleStruct = Nested<'o, P>;
    type SerializeTupleVariant = Nested<'o, P>;
    type SerializeMap = Map<'o, P>;
    type SerializeStruct = Nested<'o, P>;
    type SerializeStructVariant = Nested<'o, P>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_i128(self, v: i128) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_u128(self, v: u128) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.scalar(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.scalar(v)
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
        self.scalar(index)
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
        value.serialize(Payload { pass: &mut *nested.fields.pass })?;
        nested.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'o, P>> {
        match self.mode {
            Mode::Plain => Ok(List { pass: self.pass, number: self.number, run: None, listed: None }),
            // In `Some`: a list as one value (the derive's `Option<Vec<T>>`), so `Some(vec![])` is written.
            Mode::Present => List::listed(self.pass, self.number),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Nested<'o, P>> {
        Nested::open(self, WireType::Bytes, None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Nested<'o, P>> {
        Nested::open(self, WireType::Bytes, None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Nested<'o, P>> {
        Nested::open(self, WireType::TypeRef, Some(variant_type_id(index)))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Map<'o, P>> {
        match len {
            None => Err(Error::unsupported("flatten")),
            Some(_) => Ok(Map { pass: self.pass, number: self.number, entries: Vec::new(), open: None }),
        }
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Nested<'o, P>> {
        Nested::open_struct(self, WireType::Bytes, None, name)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Nested<'o, P>> {
        Nested::open(self, WireType::TypeRef, Some(variant_type_id(index)))
    }
}

/// The seconds of a std `Duration` or `SystemTime`: serde hands them over unsigned, the derive writes them
/// signed (SVARINT), saturating at `i64::MAX` as `Duration::from` does. Anything else (a struct of the same
/// name that is not the std one) is written as it comes.
struct Seconds<'o, P>(Field<'o, P>);

impl<'o, P: Pass> Seconds<'o, P> {
    fn field(self) -> Result<Field<'o, P>> {
        Ok(self.0)
    }
}

/// Serializer methods that hand the value to another serializer (`$to` turns `self` into it).
macro_rules! forward {
    ($to:ident: $($method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $($arg: $ty),*) -> Result<$ret> {
            ser::Serializer::$method(self.$to()?, $($arg),*)
        }
    )*};
}

/// The serializer methods that are the same for every value: forwarded to the field serializer.
macro_rules! forward_values {
    ($to:ident, $lt:lifetime) => {
        forward! { $to:
            serialize_bool(v: bool) -> (); serialize_i8(v: i8) -> (); serialize_i16(v: i16) -> ();
            serialize_i32(v: i32) -> (); serialize_i64(v: i64) -> (); serialize_i128(v: i128) -> ();
            serialize_u8(v: u8) -> (); serialize_u16(v: u16) -> (); serialize_u32(v: u32) -> ();
            serialize_u128(v: u128) -> (); serialize_f32(v: f32) -> ();
            serialize_f64(v: f64) -> (); serialize_char(v: char) -> (); serialize_str(v: &str) -> ();
            serialize_bytes(v: &[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
            serialize_unit_struct(name: &'static str) -> ();
            serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> ();
            serialize_seq(len: Option<usize>) -> List<$lt, P>; serialize_tuple(len: usize) -> Nested<$lt, P>;
            serialize_tuple_struct(name: &'static str, len: usize) -> Nested<$lt, P>;
            serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
                -> Nested<$lt, P>;
            serialize_map(len: Option<usize>) -> Map<$lt, P>;
            serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
                -> Nested<$lt, P>;
        }
        forward_generic!($to);
    };
}

/// `serialize_some` and `serialize_newtype_variant`, forwarded to the field serializer `$to` gives.
macro_rules! forward_generic {
    ($to:ident) => {
        fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<()> {
            self.$to()?.serialize_some(value)
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            name: &'static str,
            index: u32,
            variant: &'static str,
            value: &T,
        ) -> Result<()> {
            self.$to()?.serialize_newtype_variant(name, index, variant, value)
        }
    };
}

/// The associated types of a serializer whose values are fields (all but the top level and map keys).
macro_rules! value_types {
    ($lt:lifetime, $struct:ty) => {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = List<$lt, P>;
        type SerializeTuple = Nested<$lt, P>;
        type SerializeTupleStruct = Nested<$lt, P>;
        type SerializeTupleVariant = Nested<$lt, P>;
        type SerializeMap = Map<$lt, P>;
        type SerializeStruct = $struct;
        type SerializeStructVariant = Nested<$lt, P>;
        fn is_human_readable(&self) -> bool {
            false
        }
    };
}

impl<'o, P: Pass> ser::Serializer for Seconds<'o, P> {
    value_types!('o, Nested<'o, P>);
    forward_values!(field, 'o);
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.0.scalar(i64::try_from(v).unwrap_or(i64::MAX))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, name: &'static str, value: &T) -> Result<()> {
        self.0.serialize_newtype_struct(name, value)
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Nested<'o, P>> {
        self.0.serialize_struct(name, len)
    }
}

/// A nested message being written (structs, tuples, variants with data): fields after the opened tag.
pub(super) struct Nested<'o, P: Pass> {
    fields: Fields<'o, P>,
    frame: P::Frame,
}

impl<'o, P: Pass> Nested<'o, P> {
    fn open(field: Field<'o, P>, wire_type: WireType, type_id: Option<u64>) -> Result<Self> {
        Self::open_struct(field, wire_type, type_id, "")
    }

    /// [`open`](Self::open) for the fields of the struct serde calls `name`.
    fn open_struct(
        field: Field<'o, P>,
        wire_type: WireType,
        type_id: Option<u64>,
        name: &str,
    ) -> Result<Self> {
        // An empty message, or variant 0 holding one, is the default of a plain field.
        let omit_if_empty = field.omit(type_id.map_or(true, |id| id == variant_type_id(0)));
        let frame = field.pass.open(field.number, wire_type, type_id, omit_if_empty)?;
        Ok(Nested { fields: Fields::of_struct(field.pass, name), frame })
    }

    fn close(self) -> Result<()> {
        self.fields.pass.close(self.frame)
    }

    fn named<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.fields.named(key, value)
    }

    fn skip(&mut self) -> Result<()> {
        self.fields.skip()
    }

    fn field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        self.fields.field(value)
    }
}

named_fields!(Nested, nested, Nested::close, SerializeStruct, SerializeStructVariant);
positional_fields!(
    Nested,
    nested,
    Nested::close,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The payload of a newtype variant: a struct's own fields (as the derive writes an interface member), any
/// other value as field 1.
struct Payload<'o, P> {
    pass: &'o mut P,
}

impl<'o, P: Pass> Payload<'o, P> {
    fn field_one(self) -> Result<Field<'o, P>> {
        Ok(Field { pass: self.pass, number: 1, mode: Mode::Plain })
    }
}

impl<'o, P: Pass> ser::Serializer for Payload<'o, P> {
    value_types!('o, Fields<'o, P>);
    forward_values!(field_one, 'o);
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.field_one()?.serialize_u64(v)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Fields<'o, P>> {
        Ok(Fields::of_struct(self.pass, name))
    }
}

/// A list being written as field `number`: scalars packed into runs, other elements one field each.
pub(super) struct List<'o, P: Pass> {
    pass: &'o mut P,
    number: u32,
    /// The open packed run.
    run: Option<P::Frame>,
    /// For a list as one value (in `Some`, or inside a list): the value — bytes for a list of `u8` (the
    /// derive's `Vec<u8>`), otherwise a nested message whose field 1 is the list.
    listed: Option<P::Frame>,
}

impl<'o, P: Pass> List<'o, P> {
    /// A list written as one value of field `number`.
    fn listed(pass: &'o mut P, number: u32) -> Result<Self> {
        let frame = pass.open(number, WireType::Bytes, None, false)?;
        Ok(List { pass, number: 1, run: None, listed: Some(frame) })
    }

    fn close_run(&mut self) -> Result<()> {
        match self.run.take() {
            Some(run) => self.pass.close(run),
            None => Ok(()),
        }
    }

    /// The open packed run, opened at its first element.
    fn run(&mut self) -> Result<&mut P> {
        if self.run.is_none() {
            self.run = Some(self.pass.open(self.number, WireType::Bytes, None, false)?);
        }
        Ok(&mut *self.pass)
    }
}

impl<P: Pass> ser::SerializeSeq for List<'_, P> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        value.serialize(Element { list: self })
    }
    fn end(mut self) -> Result<()> {
        self.close_run()?;
        match self.listed {
            Some(listed) => self.pass.close(listed),
            None => Ok(()),
        }
    }
}

/// One element of a list.
struct Element<'l, 'o, P: Pass> {
    list: &'l mut List<'o, P>,
}

impl<'l, P: Pass> Element<'l, '_, P> {
    /// The element packed into the open run.
    fn packed<V: crate::field::EncodeValue>(self, value: V) -> Result<()> {
        self.list.run()?.packed(&value)
    }

    /// The element as a field of its own (strings, bytes, messages, variants with data), after the open run
    /// (if any) is closed.
    fn alone(self) -> Result<Field<'l, P>> {
        self.list.close_run()?;
        Ok(Field { pass: &mut *self.list.pass, number: self.list.number, mode: Mode::Present })
    }
}

impl<'l, 'o, P: Pass> ser::Serializer for Element<'l, 'o, P> {
    value_types!('l, Nested<'l, P>);

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.packed(v)
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.packed(v)
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.packed(v)
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.packed(v)
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        self.packed(v)
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        // A list of u8 is bytes, as `Vec<u8>` is in derived types: a list value's body itself, or a run.
        if self.list.listed.is_some() {
            self.list.pass.byte(v)
        } else {
            self.list.run()?.byte(v)
        }
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.packed(v)
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.packed(v)
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.packed(v)
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.packed(v)
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.packed(v)
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.packed(v)
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<()> {
        self.packed(index)
    }
    forward! { alone:
        serialize_i128(v: i128) -> (); serialize_u128(v: u128) -> (); serialize_str(v: &str) -> ();
        serialize_bytes(v: &[u8]) -> (); serialize_none() -> (); serialize_unit() -> ();
        serialize_unit_struct(name: &'static str) -> (); serialize_tuple(len: usize) -> Nested<'l, P>;
        serialize_tuple_struct(name: &'static str, len: usize) -> Nested<'l, P>;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'l, P>;
        serialize_map(len: Option<usize>) -> Map<'l, P>;
        serialize_struct(name: &'static str, len: usize) -> Nested<'l, P>;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize) -> Nested<'l, P>;
    }
    forward_generic!(alone);
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'l, P>> {
        // A list inside a list: one value (as the derive's `Vec<Vec<T>>`).
        let field = self.alone()?;
        List::listed(field.pass, field.number)
    }
}

/// A map being written as field `number`: entries written one by one, then put in ascending key order.
pub(super) struct Map<'o, P: Pass> {
    pass: &'o mut P,
    number: u32,
    entries: Vec<(SortKey, Vec<u8>)>,
    /// The entry whose key was written and whose value comes next.
    open: Option<(SortKey, P::Entry)>,
}

/// A map key's wire value, in the order entries are written.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Int(i128),
    Bytes(Vec<u8>),
}

impl<P: Pass> ser::SerializeMap for Map<'_, P> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        let entry = self.pass.open_entry(self.number)?;
        let sort = key.serialize(Key { pass: &mut *self.pass })?;
        self.open = Some((sort, entry));
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let (sort, entry) =
            self.open.take().ok_or_else(|| Error::custom_str("a map value without its key"))?;
        value.serialize(Field { pass: &mut *self.pass, number: 2, mode: Mode::Plain })?;
        if let Some(bytes) = self.pass.close_entry(entry)? {
            self.entries.push((sort, bytes));
        }
        Ok(())
    }
    fn end(mut self) -> Result<()> {
        self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        self.pass.entries(self.number, self.entries.iter().map(|(_, bytes)| bytes.as_slice()))
    }
}

/// Writes a map key as field 1 of its entry and returns its sort key (which only the writing pass needs).
struct Key<'e, P> {
    pass: &'e mut P,
}

impl<P: Pass> Key<'_, P> {
    fn field(&mut self) -> Field<'_, P> {
        Field { pass: &mut *self.pass, number: 1, mode: Mode::Plain }
    }
    fn int<V: crate::field::EncodeValue + Into<i128> + Copy>(mut self, value: V) -> Result<SortKey> {
        let sort = value.into();
        self.field().scalar(value)?;
        Ok(SortKey::Int(sort))
    }
    fn bytes(mut self, value: &[u8]) -> Result<SortKey> {
        self.field().scalar(value)?;
        Ok(SortKey::Bytes(if P::SORTS { value.to_vec() } else { Vec::new() }))
    }
}

macro_rules! refuse_key {
    ($($method:ident($($arg:ty),*) -> $ret:ty;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ret> {
            Err(Error::unsupported_key())
        }
    )*};
}

impl<P: Pass> ser::Serializer for Key<'_, P> {
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
        self.int(v)
    }
    fn serialize_i8(self, v: i8) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Result<SortKey> {
        self.int(v)
    }
    fn serialize_char(mut self, v: char) -> Result<SortKey> {
        self.field().scalar(v)?;
        Ok(SortKey::Int(u32::from(v).into()))
    }
    fn serialize_str(self, v: &str) -> Result<SortKey> {
        self.bytes(v.as_bytes())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<SortKey> {
        self.bytes(v)
    }
    fn serialize_unit_variant(self, _: &'static str, index: u32, _: &'static str) -> Result<SortKey> {
        self.int(index)
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
