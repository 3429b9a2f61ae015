//! Tuples `(A, B)` … `(A, B, C, D)`: a nested message whose fields 1, 2, … are the elements. Each element is
//! written as a field of that message would be: a plain value as a plain field (written unless it holds its
//! default), an `Option` as an optional field (written whenever `Some`), a `Vec<T>` as a repeated field
//! (packed for scalars) and a `[T; N]` as a fixed-length list field. The derive picks each element's form
//! with a kind marker ([`AsPlain`], [`AsOptional`], [`AsList`], [`AsArray`]) in the tuple's kind
//! [`Tupled`]; a tuple of plain values has the natural kind too, with the same bytes. Views give a tuple of
//! the elements' views.

use super::element::{read_plain, Decoded};
use super::message::{read_nested, recorded_len};
use super::{array, optional, plain, repeated, DecodeValue, EncodeValue, Natural};
use crate::decode::{Reader, Tag};
use crate::encode::{LenRecorder, SizeCursor, Writer};
use crate::error::Result;
use crate::prelude::*;
use crate::wire::WireType;
use core::marker::PhantomData;

/// Kind marker: a tuple whose elements are written in the forms `Ks` names (a tuple of element markers).
#[derive(Debug)]
pub struct Tupled<Ks>(PhantomData<Ks>);
/// Element marker: a plain value of kind `K`.
#[derive(Debug)]
pub struct AsPlain<K>(PhantomData<K>);
/// Element marker: an `Option<T>`, `T` of kind `K`, written as an optional field.
#[derive(Debug)]
pub struct AsOptional<K>(PhantomData<K>);
/// Element marker: a `Vec<T>`, `T` of kind `K`, written as a repeated field.
#[derive(Debug)]
pub struct AsList<K>(PhantomData<K>);
/// Element marker: a `[T; N]`, `T` of kind `K`, written as a fixed-length list field.
#[derive(Debug)]
pub struct AsArray<K>(PhantomData<K>);

/// How a tuple element is written as field `number` of the tuple's message, in the form `F` names.
pub trait Element<F> {
    /// Whether the element holds its default (a tuple of defaults is the default).
    fn is_default(&self) -> bool;
    /// The encoded size of the element as field `number` (0 when it is not written).
    fn field_len<R: LenRecorder>(&self, number: u32, rec: &mut R) -> usize;
    /// Writes the element as field `number`.
    fn write_field(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>);
}

/// How a tuple element is read back: its value when absent, and one occurrence merged in.
pub trait DecodeElement<'de, F>: Element<F> + Sized {
    /// The element when its field is absent.
    fn empty() -> Self;
    /// Merges one occurrence of the element's field, whose tag was just read.
    fn merge_field(&mut self, tag: &Tag, r: &mut Reader<'de>) -> Result<()>;
}

impl<K, T: EncodeValue<K>> Element<AsPlain<K>> for T {
    #[inline]
    fn is_default(&self) -> bool {
        EncodeValue::is_default(self)
    }
    #[inline]
    fn field_len<R: LenRecorder>(&self, number: u32, rec: &mut R) -> usize {
        plain::len(number, self, rec)
    }
    #[inline]
    fn write_field(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        plain::write(number, self, w, sizes)
    }
}

impl<'de, K, T: DecodeValue<'de, K>> DecodeElement<'de, AsPlain<K>> for T {
    #[inline]
    fn empty() -> Self {
        T::empty()
    }
    #[inline]
    fn merge_field(&mut self, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        read_plain(&Decoded::<K, T>::NEW, self, tag, r)
    }
}

impl<K, T: EncodeValue<K>> Element<AsOptional<K>> for Option<T> {
    #[inline]
    fn is_default(&self) -> bool {
        self.is_none()
    }
    #[inline]
    fn field_len<R: LenRecorder>(&self, number: u32, rec: &mut R) -> usize {
        optional::len(number, self, rec)
    }
    #[inline]
    fn write_field(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        optional::write(number, self, w, sizes)
    }
}

impl<'de, K, T: DecodeValue<'de, K>> DecodeElement<'de, AsOptional<K>> for Option<T> {
    #[inline]
    fn empty() -> Self {
        None
    }
    #[inline]
    fn merge_field(&mut self, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        optional::merge::<K, T>(self, tag, r)
    }
}

impl<K, T: EncodeValue<K>> Element<AsList<K>> for Vec<T> {
    #[inline]
    fn is_default(&self) -> bool {
        self.is_empty()
    }
    #[inline]
    fn field_len<R: LenRecorder>(&self, number: u32, rec: &mut R) -> usize {
        repeated::len(number, self, rec)
    }
    #[inline]
    fn write_field(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        repeated::write(number, self, w, sizes)
    }
}

impl<'de, K, T: DecodeValue<'de, K>> DecodeElement<'de, AsList<K>> for Vec<T> {
    #[inline]
    fn empty() -> Self {
        Vec::new()
    }
    #[inline]
    fn merge_field(&mut self, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        repeated::merge::<K, T>(self, tag, r)
    }
}

impl<K, T: EncodeValue<K>, const N: usize> Element<AsArray<K>> for [T; N] {
    #[inline]
    fn is_default(&self) -> bool {
        array::all_default(self)
    }
    #[inline]
    fn field_len<R: LenRecorder>(&self, number: u32, rec: &mut R) -> usize {
        array::len(number, self, rec)
    }
    #[inline]
    fn write_field(&self, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        array::write(number, self, w, sizes)
    }
}

impl<'de, K, T: DecodeValue<'de, K>, const N: usize> DecodeElement<'de, AsArray<K>> for [T; N] {
    #[inline]
    fn empty() -> Self {
        array::empty::<K, T, N>()
    }
    #[inline]
    fn merge_field(&mut self, tag: &Tag, r: &mut Reader<'de>) -> Result<()> {
        array::merge::<K, T, N>(self, tag, r)
    }
}

/// Reads a tuple's nested message into `out`: `element` reads the element a tag names (after the tag) and
/// returns `false` for a number past the tuple's, whose field is then skipped like any unknown field.
pub(crate) fn read_elements<'de, T>(
    r: &mut Reader<'de>,
    mut out: T,
    mut element: impl FnMut(&mut T, &Tag, &mut Reader<'de>) -> Result<bool>,
) -> Result<T> {
    read_nested(r, |r| {
        let mut last = 0;
        while let Some(tag) = r.next_field(&mut last)? {
            if !element(&mut out, &tag, r)? {
                r.skip_unknown(&tag)?;
            }
        }
        Ok(out)
    })
}

/// The element marker of a plain element of the natural kind (whatever its argument, which only counts).
macro_rules! plain_natural {
    ($element:ident) => {
        AsPlain<Natural>
    };
}
pub(crate) use plain_natural;

macro_rules! tuples {
    ($(($($n:tt $T:ident $F:ident),+);)*) => {$(
        impl<$($F, $T: Element<$F>),+> EncodeValue<Tupled<($($F,)+)>> for ($($T,)+) {
            const WIRE_TYPE: WireType = WireType::Bytes;
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                $(Element::<$F>::is_default(&self.$n))&&+
            }
            #[inline]
            fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
                recorded_len(rec, |rec| 0 $(+ Element::<$F>::field_len(&self.$n, $n + 1, rec))+)
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
                let body = sizes.next_len();
                w.put_varint(body as u64);
                // An empty body recorded no lengths inside it (see `LenRecorder::fill_empty`): nothing to write.
                if body != 0 {
                    $(Element::<$F>::write_field(&self.$n, $n + 1, w, sizes);)+
                }
            }
        }

        impl<'de, $($F, $T: DecodeElement<'de, $F>),+> DecodeValue<'de, Tupled<($($F,)+)>> for ($($T,)+) {
            #[inline]
            fn empty() -> Self {
                ($(DecodeElement::<$F>::empty(),)+)
            }
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                let empty = <Self as DecodeValue<'de, Tupled<($($F,)+)>>>::empty();
                read_elements(r, empty, |out, tag, r| {
                    match tag.number {
                        $(n if n == $n + 1 => DecodeElement::<$F>::merge_field(&mut out.$n, tag, r)?,)+
                        _ => return Ok(false),
                    }
                    Ok(true)
                })
            }
        }

        /// A tuple of plain values: the same bytes as its `Tupled` kind with every element plain.
        impl<$($T: EncodeValue),+> EncodeValue for ($($T,)+) {
            const WIRE_TYPE: WireType = WireType::Bytes;
            const RECORDS_LEN: bool = true;
            #[inline]
            fn is_default(&self) -> bool {
                <Self as EncodeValue<Tupled<($(plain_natural!($F),)+)>>>::is_default(self)
            }
            #[inline]
            fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
                <Self as EncodeValue<Tupled<($(plain_natural!($F),)+)>>>::value_len(self, rec)
            }
            #[inline]
            fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
                <Self as EncodeValue<Tupled<($(plain_natural!($F),)+)>>>::encode(self, w, sizes)
            }
        }

        impl<'de, $($T: DecodeValue<'de>),+> DecodeValue<'de> for ($($T,)+) {
            #[inline]
            fn empty() -> Self {
                <Self as DecodeValue<'de, Tupled<($(plain_natural!($F),)+)>>>::empty()
            }
            fn decode(r: &mut Reader<'de>) -> Result<Self> {
                <Self as DecodeValue<'de, Tupled<($(plain_natural!($F),)+)>>>::decode(r)
            }
        }
    )*};
}
tuples! {
    (0 A FA, 1 B FB);
    (0 A FA, 1 B FB, 2 C FC);
    (0 A FA, 1 B FB, 2 C FC, 3 D FD);
}
