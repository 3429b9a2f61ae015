//! Cramberry bytes → `Deserialize`. Structs and tuples are read as sequences of their fields 1, 2, ... (an
//! absent field reads as its type's default, as in derived types), lists from packed runs or one field per
//! element, maps from entry messages, enums from a VARINT (unit variants) or a TYPEREF (variants with data).

use super::ser::variant_type_id;
use super::std_time::StdTime;
use super::wire::{parse, Ctx, Message, Occurrence, Raw};
use super::{Error, Result};
use crate::error::DecodeErrorKind;
use crate::std_types::NANOS_PER_SECOND;
use crate::wire::{decode_varint, zigzag_decode, WireType};
use alloc::borrow::Cow;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// Reads a whole input as the fields of a struct.
pub(super) struct Root<'de, 'o> {
    pub(super) bytes: &'de [u8],
    pub(super) ctx: Ctx<'o>,
}

impl<'de> de::Deserializer<'de> for Root<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error::top_level())
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visit_struct(&parse(self.bytes, 0, self.ctx)?, name, fields, self.ctx, visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        visit_fields(&parse(self.bytes, 0, self.ctx)?, len, self.ctx, visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(Root { ctx: self.ctx.hop(0)?, ..self })
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit seq
        tuple map enum identifier ignored_any
    }
}

/// Hands `visitor` the fields of `message` as the struct serde calls `name`, with `fields`: as a sequence of
/// fields 1, 2, ... (see [`visit_fields`]) — or, when the message holds fields the struct does not know and
/// the options are not strict, as a map keyed by field index, so that the type decides about them (serde's
/// `deny_unknown_fields` refuses them, as `UnknownField`; other types skip them). std's `Duration` and
/// `SystemTime` are read as the derive writes them ([`StdTime`]).
fn visit_struct<'de, V: Visitor<'de>>(
    message: &Message<'de>,
    name: &'static str,
    fields: &'static [&'static str],
    ctx: Ctx<'_>,
    visitor: V,
) -> Result<V::Value> {
    visit_struct_at(message, 0, name, fields, ctx, visitor)
}

/// [`visit_struct`] of a struct whose value (its length prefix) is at `at`, where its range errors are.
fn visit_struct_at<'de, V: Visitor<'de>>(
    message: &Message<'de>,
    at: usize,
    name: &'static str,
    fields: &'static [&'static str],
    ctx: Ctx<'_>,
    visitor: V,
) -> Result<V::Value> {
    if let Some(time) = StdTime::with_fields(name, fields) {
        return visit_std_time(time, message, at, ctx, visitor);
    }
    match message.first_above(fields.len()) {
        Some(_) if !ctx.options.strict => {
            visitor.visit_map(FieldMap { message, count: fields.len() as u32, current: 0, ctx })
        }
        _ => visit_fields(message, fields.len(), ctx, visitor),
    }
}

/// Reads std's `Duration` or `SystemTime` from the standard message the derive writes (seconds SVARINT,
/// nanoseconds VARINT), with the derive's range errors (at `at`, the message's value), and hands serde its
/// unsigned seconds and nanoseconds.
fn visit_std_time<'de, V: Visitor<'de>>(
    time: StdTime,
    message: &Message<'de>,
    at: usize,
    ctx: Ctx<'_>,
    visitor: V,
) -> Result<V::Value> {
    if ctx.options.strict {
        if let Some(unknown) = message.first_above(2) {
            return Err(Error::at(DecodeErrorKind::UnknownField(unknown.number), unknown.tag_offset));
        }
    }
    let field = |number| Value { occurrences: message.field(number), ctx, optional: false };
    let out_of_range =
        |value: i128, target| Error::at(DecodeErrorKind::IntegerOutOfRange { value, target }, at);
    let (seconds, _) = field(1).signed()?;
    let seconds = u64::try_from(seconds).map_err(|_| out_of_range(seconds.into(), time.target()))?;
    let (nanos, _) = field(2).unsigned()?;
    if nanos >= u64::from(NANOS_PER_SECOND) {
        return Err(out_of_range(nanos.into(), "nanos"));
    }
    visitor.visit_seq(serde::de::value::SeqDeserializer::new([seconds, nanos].into_iter()))
}

/// A struct's fields as a map keyed by field index (0 for field 1): every field the struct has, present or
/// not (an absent one reads as its default), then each field the message holds beyond them, which the type
/// skips or refuses.
struct FieldMap<'m, 'de, 'o> {
    message: &'m Message<'de>,
    /// The struct's field count as serde gives it (its names, aliases included).
    count: u32,
    /// The number of the field whose key was handed out last.
    current: u32,
    ctx: Ctx<'o>,
}

impl<'de> de::MapAccess<'de> for FieldMap<'_, 'de, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let number = if self.current < self.count {
            self.current + 1
        } else {
            match self.message.next_number_above(self.current) {
                Some(unknown) => unknown.number,
                None => return Ok(None),
            }
        };
        self.current = number;
        let index = u64::from(number - 1).into_deserializer();
        seed.deserialize(index).map(Some).map_err(|_: Error| {
            // The type refuses the field (serde's `deny_unknown_fields`): name the first unknown one.
            let unknown = self.message.field(number).first();
            let unknown = unknown.or_else(|| self.message.first_above(self.count as usize));
            unknown.map_or_else(
                || Error::custom_str("the struct refused a field"),
                |o| Error::at(DecodeErrorKind::UnknownField(o.number), o.tag_offset),
            )
        })
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(Value {
            occurrences: self.message.field(self.current),
            ctx: self.ctx,
            optional: false,
        })
    }
}

/// Hands `visitor` the first `count` fields of `message` as a sequence.
fn visit_fields<'de, V: Visitor<'de>>(
    message: &Message<'de>,
    count: usize,
    ctx: Ctx<'_>,
    visitor: V,
) -> Result<V::Value> {
    if ctx.options.strict {
        if let Some(unknown) = message.first_above(count) {
            return Err(Error::at(DecodeErrorKind::UnknownField(unknown.number), unknown.tag_offset));
        }
    }
    visitor.visit_seq(FieldSeq { message, next: 1, count, ctx })
}

/// The fields of a message, as the elements of a sequence.
struct FieldSeq<'m, 'de, 'o> {
    message: &'m Message<'de>,
    next: u32,
    count: usize,
    ctx: Ctx<'o>,
}

impl<'de> de::SeqAccess<'de> for FieldSeq<'_, 'de, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.next as usize > self.count {
            return Ok(None);
        }
        let number = self.next;
        self.next += 1;
        seed.deserialize(Value { occurrences: self.message.field(number), ctx: self.ctx, optional: false })
            .map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.count + 1 - self.next as usize)
    }
}

/// One field's value: its occurrences (the last one counts for single values; none means absent, which reads
/// as the default).
#[derive(Clone, Copy)]
struct Value<'a, 'de, 'o> {
    occurrences: &'a [Occurrence<'de>],
    ctx: Ctx<'o>,
    /// Inside `Some`: a list is one value (the derive's `Option<Vec<T>>`).
    optional: bool,
}

/// Range-checked integer conversion, or `IntegerOutOfRange` at the occurrence.
fn ranged<T: TryFrom<i128>>(value: i128, o: Option<&Occurrence<'_>>) -> Result<T> {
    ranged_at(value, o.map_or(0, |o| o.offset))
}

/// Range-checked integer conversion, or `IntegerOutOfRange` at offset `at` (where the value starts, as the
/// derive reports it).
fn ranged_at<T: TryFrom<i128>>(value: i128, at: usize) -> Result<T> {
    T::try_from(value).map_err(|_| {
        let kind = DecodeErrorKind::IntegerOutOfRange { value, target: core::any::type_name::<T>() };
        Error::at(kind, at)
    })
}

/// The char of scalar value `value`, or `IntegerOutOfRange` (target `char`) at `at`, as the derive reads it.
fn char_at(value: u64, at: usize) -> Result<char> {
    u32::try_from(value).ok().and_then(char::from_u32).ok_or_else(|| {
        Error::at(DecodeErrorKind::IntegerOutOfRange { value: value.into(), target: "char" }, at)
    })
}

impl<'a, 'de, 'o> Value<'a, 'de, 'o> {
    fn last(&self) -> Option<&'a Occurrence<'de>> {
        self.occurrences.last()
    }

    fn unsigned(&self) -> Result<(u64, Option<&'a Occurrence<'de>>)> {
        match self.last() {
            None => Ok((0, None)),
            Some(o) => match o.raw {
                Raw::Varint(v) => Ok((v, Some(o))),
                _ => Err(o.mismatch(WireType::Varint)),
            },
        }
    }

    fn signed(&self) -> Result<(i64, Option<&'a Occurrence<'de>>)> {
        match self.last() {
            None => Ok((0, None)),
            Some(o) => match o.raw {
                Raw::Svarint(v) => Ok((zigzag_decode(v), Some(o))),
                _ => Err(o.mismatch(WireType::Svarint)),
            },
        }
    }

    fn delimited(&self) -> Result<(&'de [u8], Option<&'a Occurrence<'de>>)> {
        match self.last() {
            None => Ok((&[], None)),
            Some(o) => match o.raw {
                Raw::Bytes(b) => Ok((b, Some(o))),
                _ => Err(o.mismatch(WireType::Bytes)),
            },
        }
    }

    fn wide(&self) -> Result<[u8; 16]> {
        match self.delimited()? {
            (&[], _) => Ok([0; 16]),
            (b, Some(o)) => b
                .try_into()
                .map_err(|_| o.error(DecodeErrorKind::FixedLengthMismatch { expected: 16, found: b.len() })),
            (_, None) => Ok([0; 16]),
        }
    }

    /// The nested message of the last occurrence (empty when absent).
    fn message(&self) -> Result<Message<'de>> {
        let (bytes, o) = self.delimited()?;
        parse(bytes, o.map_or(0, |o| o.offset), self.nested_ctx())
    }

    fn nested_ctx(&self) -> Ctx<'o> {
        self.ctx.nested()
    }

    /// The offset of the last occurrence's value: for a length-delimited one, of its length prefix.
    fn value_offset(&self) -> usize {
        match self.last() {
            Some(o @ Occurrence { raw: Raw::Bytes(b), .. }) => {
                o.offset - crate::wire::varint_len(b.len() as u64)
            }
            Some(o) => o.offset,
            None => 0,
        }
    }

    /// The context of a value entered without reading anything (see [`Ctx::hop`]).
    fn hop(&self) -> Result<Ctx<'o>> {
        self.ctx.hop(self.last().map_or(0, |o| o.offset))
    }
}

impl<'de> de::Deserializer<'de> for Value<'_, 'de, '_> {
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error::unsupported("deserialize_any"))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.unsigned()? {
            (0, _) => visitor.visit_bool(false),
            (1, _) => visitor.visit_bool(true),
            (v, o) => Err(o.map_or_else(
                || Error::at(DecodeErrorKind::InvalidBool(v), 0),
                |o| o.error(DecodeErrorKind::InvalidBool(v)),
            )),
        }
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.unsigned()?;
        visitor.visit_u8(ranged(v.into(), o)?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.unsigned()?;
        visitor.visit_u16(ranged(v.into(), o)?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.unsigned()?;
        visitor.visit_u32(ranged(v.into(), o)?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?.0)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.signed()?;
        visitor.visit_i8(ranged(v.into(), o)?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.signed()?;
        visitor.visit_i16(ranged(v.into(), o)?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.signed()?;
        visitor.visit_i32(ranged(v.into(), o)?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?.0)
    }
    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u128(u128::from_le_bytes(self.wide()?))
    }
    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i128(i128::from_le_bytes(self.wide()?))
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.last() {
            None => visitor.visit_f32(0.0),
            Some(Occurrence { raw: Raw::Fixed32(b), .. }) => visitor.visit_f32(f32::from_le_bytes(*b)),
            Some(o) => Err(o.mismatch(WireType::Fixed32)),
        }
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.last() {
            None => visitor.visit_f64(0.0),
            Some(Occurrence { raw: Raw::Fixed64(b), .. }) => visitor.visit_f64(f64::from_le_bytes(*b)),
            Some(o) => Err(o.mismatch(WireType::Fixed64)),
        }
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, o) = self.unsigned()?;
        visitor.visit_char(char_at(v, o.map_or(0, |o| o.offset))?)
    }
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (bytes, o) = self.delimited()?;
        match core::str::from_utf8(bytes) {
            Ok(s) => visitor.visit_borrowed_str(s),
            Err(e) => {
                Err(Error::at(DecodeErrorKind::InvalidUtf8, o.map_or(0, |o| o.offset) + e.valid_up_to()))
            }
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_bytes(self.delimited()?.0)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.occurrences.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(Value { optional: true, ctx: self.hop()?, ..self })
        }
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.message()?;
        visitor.visit_unit()
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(Value { ctx: self.hop()?, ..self })
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.optional {
            let (payload, o) = self.delimited()?;
            return visitor.visit_seq(Elements::listed(
                payload,
                o.map_or(0, |o| o.offset),
                self.nested_ctx(),
            ));
        }
        visitor.visit_seq(Elements::new(self.occurrences, self.ctx))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        visit_fields(&self.message()?, len, self.nested_ctx(), visitor)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_tuple(len, visitor)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_map(Entries {
            occurrences: self.occurrences,
            next: 0,
            entry: None,
            ctx: self.nested_ctx(),
        })
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let message = self.message()?;
        visit_struct_at(&message, self.value_offset(), name, fields, self.nested_ctx(), visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let (index, payload) = match self.last() {
            None => (0, None),
            Some(o) => match o.raw {
                Raw::Varint(index) => (ranged(index.into(), Some(o))?, None),
                Raw::TypeRef(id, bytes) => {
                    let index = id
                        .checked_sub(variant_type_id(0))
                        .ok_or_else(|| o.error(DecodeErrorKind::UnknownTypeId(id)))?;
                    (ranged(index.into(), Some(o))?, Some((bytes, o.offset)))
                }
                _ => return Err(o.mismatch(WireType::Varint)),
            },
        };
        visitor.visit_enum(Variant { index, payload, ctx: self.nested_ctx() })
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error::unsupported("deserialize_identifier"))
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// An enum value: the variant's index and, for a variant with data, its payload (a message) and offset.
struct Variant<'de, 'o> {
    index: u32,
    payload: Option<(&'de [u8], usize)>,
    ctx: Ctx<'o>,
}

impl<'de, 'o> de::EnumAccess<'de> for Variant<'de, 'o> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self)> {
        let value = seed.deserialize(self.index.into_deserializer())?;
        Ok((value, self))
    }
}

impl<'de> Variant<'de, '_> {
    fn message(&self) -> Result<Message<'de>> {
        let (bytes, offset) = self.payload.unwrap_or((&[], 0));
        parse(bytes, offset, self.ctx)
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de, '_> {
    type Error = Error;
    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        let message = self.message()?;
        seed.deserialize(Payload { message: &message, ctx: self.ctx })
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value> {
        visit_fields(&self.message()?, len, self.ctx, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visit_struct(&self.message()?, "", fields, self.ctx, visitor)
    }
}

/// A newtype variant's payload: a struct's own fields, any other value field 1.
struct Payload<'m, 'de, 'o> {
    message: &'m Message<'de>,
    ctx: Ctx<'o>,
}

impl<'m, 'de, 'o> Payload<'m, 'de, 'o> {
    fn field_one(self) -> Value<'m, 'de, 'o> {
        Value { occurrences: self.message.field(1), ctx: self.ctx, optional: false }
    }
}

/// Deserializer methods that hand the request to another deserializer (`$to` turns `self` into it).
macro_rules! forward {
    ($to:ident: $($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value> {
            de::Deserializer::$method(self.$to(), $($arg,)* visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Payload<'_, 'de, '_> {
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visit_struct(self.message, name, fields, self.ctx, visitor)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        visitor.visit_newtype_struct(Payload { ctx: self.ctx.hop(0)?, ..self })
    }
    forward! { field_one:
        deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
        deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
        deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
        deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
        deserialize_option(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_seq(); deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier(); deserialize_ignored_any();
    }
}

/// A list's elements: from packed runs (scalars) or one occurrence each.
struct Elements<'a, 'de, 'o> {
    occurrences: Cow<'a, [Occurrence<'de>]>,
    /// A list as one value not yet looked into: its payload and offset. Bytes when the elements are `u8`
    /// (the derive's `Vec<u8>`), otherwise a nested message whose field 1 is the list.
    value: Option<(&'de [u8], usize)>,
    next: usize,
    /// The packed run being read: its bytes, the position in them, and their absolute offset.
    run: Option<(&'de [u8], usize, usize)>,
    ctx: Ctx<'o>,
}

impl<'a, 'de, 'o> Elements<'a, 'de, 'o> {
    fn new(occurrences: &'a [Occurrence<'de>], ctx: Ctx<'o>) -> Self {
        Elements { occurrences: Cow::Borrowed(occurrences), value: None, next: 0, run: None, ctx }
    }

    /// The elements of a list written as one value (`payload` at absolute offset `offset`).
    fn listed(payload: &'de [u8], offset: usize, ctx: Ctx<'o>) -> Self {
        let value = (!payload.is_empty()).then_some((payload, offset));
        Elements { occurrences: Cow::Borrowed(&[]), value, next: 0, run: None, ctx }
    }

    /// Looks into a list value for elements other than `u8`: the occurrences of its field 1.
    fn open_value(&mut self) -> Result<()> {
        if let Some((payload, offset)) = self.value.take() {
            let message = parse(payload, offset, self.ctx)?;
            self.occurrences = Cow::Owned(message.field(1).to_vec());
        }
        Ok(())
    }

    /// The next occurrence, taken whole.
    fn whole(&mut self) -> Result<Occurrence<'de>> {
        self.open_value()?;
        let o = *self.occurrences.get(self.next).ok_or_else(|| Error::unsupported("empty packed run"))?;
        self.next += 1;
        Ok(o)
    }

    /// The packed run to read the next scalar from, entering the next non-empty BYTES occurrence as one.
    fn run(&mut self) -> Result<Option<(&'de [u8], &mut usize, usize)>> {
        self.open_value()?;
        if self.run.is_none() {
            if let Some(Occurrence { raw: Raw::Bytes(b), offset, .. }) = self.occurrences.get(self.next) {
                if b.is_empty() {
                    return Err(Error::unsupported("empty packed run"));
                }
                self.next += 1;
                self.run = Some((b, 0, *offset));
            }
        }
        Ok(self.run.as_mut().map(|(b, pos, base)| (*b, pos, *base)))
    }

    /// The next `u8`: a byte of a bytes value or run.
    fn byte(&mut self) -> Result<Option<u8>> {
        if let Some((payload, offset)) = self.value.take() {
            self.run = Some((payload, 0, offset));
        }
        let Some((bytes, pos, _)) = self.run()? else { return Ok(None) };
        let byte = bytes[*pos];
        *pos += 1;
        self.end_run_if_done();
        Ok(Some(byte))
    }

    fn end_run_if_done(&mut self) {
        if matches!(self.run, Some((b, pos, _)) if pos >= b.len()) {
            self.run = None;
        }
    }

    /// The next scalar as a raw varint (packed or unpacked with `wire_type`), and the offset it starts at.
    fn varint(&mut self, wire_type: WireType) -> Result<(u64, usize)> {
        if let Some((bytes, pos, base)) = self.run()? {
            let at = base + *pos;
            let (value, n) =
                decode_varint(&bytes[*pos..]).map_err(|_| Error::at(DecodeErrorKind::Truncated, at))?;
            *pos += n;
            self.end_run_if_done();
            return Ok((value, at));
        }
        let o = self.whole()?;
        match o.raw {
            Raw::Varint(v) if wire_type == WireType::Varint => Ok((v, o.offset)),
            Raw::Svarint(v) if wire_type == WireType::Svarint => Ok((v, o.offset)),
            _ => Err(o.mismatch(wire_type)),
        }
    }

    /// The next fixed-width scalar of `N` bytes.
    fn fixed<const N: usize>(&mut self, wire_type: WireType) -> Result<[u8; N]> {
        if let Some((bytes, pos, base)) = self.run()? {
            let Some(chunk) = bytes.get(*pos..*pos + N) else {
                let kind = DecodeErrorKind::PackedLengthNotMultiple { len: bytes.len(), width: N };
                return Err(Error::at(kind, base));
            };
            *pos += N;
            let out = chunk.try_into().expect("N bytes");
            self.end_run_if_done();
            return Ok(out);
        }
        let o = self.whole()?;
        match (o.raw, N) {
            (Raw::Fixed32(b), 4) => Ok(b[..].try_into().expect("4 bytes")),
            (Raw::Fixed64(b), 8) => Ok(b[..].try_into().expect("8 bytes")),
            _ => Err(o.mismatch(wire_type)),
        }
    }
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de, '_> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.run.is_none() && self.value.is_none() && self.next >= self.occurrences.len() {
            return Ok(None);
        }
        if self.next >= self.ctx.options.max_elements {
            let max = self.ctx.options.max_elements;
            return Err(Error::at(DecodeErrorKind::LimitExceeded { limit: crate::Limit::Elements, max }, 0));
        }
        seed.deserialize(Element { list: self, hops: 0 }).map(Some)
    }
}

/// One element of a list.
struct Element<'l, 'a, 'de, 'o> {
    list: &'l mut Elements<'a, 'de, 'o>,
    /// Newtypes entered so far without reading anything (see [`Ctx::hop`]).
    hops: u32,
}

impl<'a, 'de, 'o> Element<'_, 'a, 'de, 'o> {
    /// The element as an occurrence of its own (kept in `slot`, which the value borrows).
    fn own<'s>(self, slot: &'s mut Option<Occurrence<'de>>) -> Result<Value<'s, 'de, 'o>> {
        let ctx = self.list.ctx;
        let o = slot.insert(self.list.whole()?);
        Ok(Value { occurrences: core::slice::from_ref(o), ctx, optional: false })
    }
    fn unsigned<T: TryFrom<i128>>(self) -> Result<T> {
        let (value, at) = self.list.varint(WireType::Varint)?;
        ranged_at(value.into(), at)
    }
    fn signed<T: TryFrom<i128>>(self) -> Result<T> {
        let (value, at) = self.list.varint(WireType::Svarint)?;
        ranged_at(zigzag_decode(value).into(), at)
    }
}

/// Deserializer methods of `Element` that read the next occurrence whole.
macro_rules! forward_own {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value> {
            let mut slot = None;
            de::Deserializer::$method(self.own(&mut slot)?, $($arg,)* visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Element<'_, '_, 'de, '_> {
    type Error = Error;
    fn is_human_readable(&self) -> bool {
        false
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.list.varint(WireType::Varint)? {
            (0, _) => visitor.visit_bool(false),
            (1, _) => visitor.visit_bool(true),
            (v, at) => Err(Error::at(DecodeErrorKind::InvalidBool(v), at)),
        }
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // A list of u8 is bytes (as `Vec<u8>` is in derived types): one byte each.
        match self.list.byte()? {
            Some(byte) => visitor.visit_u8(byte),
            None => visitor.visit_u8(self.unsigned()?),
        }
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u16(self.unsigned()?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u32(self.unsigned()?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i8(self.signed()?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i16(self.signed()?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i32(self.signed()?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f32(f32::from_le_bytes(self.list.fixed::<4>(WireType::Fixed32)?))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(f64::from_le_bytes(self.list.fixed::<8>(WireType::Fixed64)?))
    }
    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        let (v, at) = self.list.varint(WireType::Varint)?;
        visitor.visit_char(char_at(v, at)?)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // Unit variants pack as varints; variants with data are one TYPEREF field each.
        self.list.open_value()?;
        let next = self.list.occurrences.get(self.list.next);
        if self.list.run.is_none() && matches!(next, Some(Occurrence { raw: Raw::TypeRef(..), .. })) {
            let mut slot = None;
            return self.own(&mut slot)?.deserialize_enum(name, variants, visitor);
        }
        let ctx = self.list.ctx;
        let index: u32 = self.unsigned()?;
        visitor.visit_enum(Variant { index, payload: None, ctx })
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        // A list inside a list: one value.
        let mut slot = None;
        let value = self.own(&mut slot)?;
        let (payload, o) = value.delimited()?;
        visitor.visit_seq(Elements::listed(payload, o.map_or(0, |o| o.offset), value.nested_ctx()))
    }
    fn deserialize_option<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Error::unsupported("Option inside a list"))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value> {
        let hops = Ctx { hops: self.hops, ..self.list.ctx }.hop(0)?.hops;
        visitor.visit_newtype_struct(Element { hops, ..self })
    }
    forward_own! {
        deserialize_any(); deserialize_i128(); deserialize_u128(); deserialize_str(); deserialize_string();
        deserialize_bytes(); deserialize_byte_buf(); deserialize_unit(); deserialize_unit_struct(name: &'static str);
        deserialize_tuple(len: usize); deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]); deserialize_identifier();
        deserialize_ignored_any();
    }
}

/// A map's entries, each a message whose field 1 is the key and field 2 the value.
struct Entries<'a, 'de, 'o> {
    occurrences: &'a [Occurrence<'de>],
    next: usize,
    entry: Option<Message<'de>>,
    ctx: Ctx<'o>,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de, '_> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let Some(o) = self.occurrences.get(self.next) else { return Ok(None) };
        if self.next >= self.ctx.options.max_elements {
            let max = self.ctx.options.max_elements;
            return Err(o.error(DecodeErrorKind::LimitExceeded { limit: crate::Limit::Elements, max }));
        }
        self.next += 1;
        let bytes = match o.raw {
            Raw::Bytes(b) => b,
            _ => return Err(o.mismatch(WireType::Bytes)),
        };
        let entry = self.entry.insert(parse(bytes, o.offset, self.ctx)?);
        seed.deserialize(Value { occurrences: entry.field(1), ctx: self.ctx, optional: false }).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let entry = self.entry.take().ok_or_else(|| Error::custom_str("a map value asked before its key"))?;
        seed.deserialize(Value { occurrences: entry.field(2), ctx: self.ctx, optional: false })
    }
}
