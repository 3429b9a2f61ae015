//! What each field type looks like in a view.

use crate::decode::Reader;
use crate::error::Result;
use crate::field::{DecodeValue, Fixed, Natural, Value};
use std::borrow::Cow;

/// The view counterpart of [`Value`]: the type an accessor returns for a field of this type, how to read and
/// validate it, and how to turn it back into the owned value.
pub trait ValueView<'a, K = Natural>: Value<K> + Sized {
    /// What an accessor returns: the value itself for scalars, `&'a str` for strings, a nested view for
    /// messages.
    type View: Clone;

    /// The view of an absent plain field.
    fn empty_view() -> Self::View;

    /// Whether the view holds the default value (for the canonical rule on plain fields).
    fn view_is_default(view: &Self::View) -> bool;

    /// Reads and validates one value after its tag.
    fn read_view(r: &mut Reader<'a>) -> Result<Self::View>;

    /// Reads and validates one element of a packed run.
    #[inline(always)]
    fn read_view_packed(r: &mut Reader<'a>) -> Result<Self::View> {
        Self::read_view(r)
    }

    /// The owned value the view stands for.
    fn from_view(view: &Self::View) -> Self;
}

/// Scalars view as themselves.
macro_rules! scalar_views {
    ($kind:ty: $($ty:ty),*) => {$(
        impl<'a> ValueView<'a, $kind> for $ty {
            type View = $ty;
            #[inline(always)]
            fn empty_view() -> $ty {
                <$ty as DecodeValue<'a, $kind>>::empty()
            }
            #[inline(always)]
            fn view_is_default(view: &$ty) -> bool {
                <$ty as Value<$kind>>::is_default(view)
            }
            #[inline(always)]
            fn read_view(r: &mut Reader<'a>) -> Result<$ty> {
                <$ty as DecodeValue<'a, $kind>>::decode(r)
            }
            #[inline(always)]
            fn from_view(view: &$ty) -> $ty {
                *view
            }
        }
    )*};
}
scalar_views!(Natural: bool, u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);
scalar_views!(Fixed: u32, u64, i32, i64);

/// Strings and bytes view as borrowed slices of the input; `to_owned` builds the field's own type from them.
macro_rules! slice_views {
    ($([$($gen:tt)*] $ty:ty $(where $bound:lifetime : $outlived:lifetime)? => $view:ty, $read:expr, $own:expr;)*) => {$(
        impl<'a, $($gen)*> ValueView<'a> for $ty $(where $bound: $outlived)? {
            type View = $view;
            #[inline(always)]
            fn empty_view() -> $view {
                Default::default()
            }
            #[inline(always)]
            fn view_is_default(view: &$view) -> bool {
                view.is_empty()
            }
            #[inline(always)]
            fn read_view(r: &mut Reader<'a>) -> Result<$view> {
                let read: fn(&mut Reader<'a>) -> Result<$view> = $read;
                read(r)
            }
            #[inline(always)]
            fn from_view(view: &$view) -> $ty {
                let own: fn(&$view) -> $ty = $own;
                own(view)
            }
        }
    )*};
}
slice_views! {
    [] String => &'a str, crate::field::read_str, |v| (*v).to_owned();
    ['x] &'x str where 'a: 'x => &'a str, crate::field::read_str, |v| *v;
    ['x] Cow<'x, str> where 'a: 'x => &'a str, crate::field::read_str, |v| Cow::Borrowed(*v);
    [] Vec<u8> => &'a [u8], crate::field::read_bytes, |v| v.to_vec();
    ['x] &'x [u8] where 'a: 'x => &'a [u8], crate::field::read_bytes, |v| *v;
    ['x] Cow<'x, [u8]> where 'a: 'x => &'a [u8], crate::field::read_bytes, |v| Cow::Borrowed(*v);
}

/// Fixed-length bytes (hashes, keys, ids) view as a copy of the array: small, and never absent.
impl<'a, const N: usize> ValueView<'a> for [u8; N] {
    type View = [u8; N];
    #[inline(always)]
    fn empty_view() -> [u8; N] {
        [0; N]
    }
    #[inline(always)]
    fn view_is_default(view: &[u8; N]) -> bool {
        view.iter().all(|&b| b == 0)
    }
    #[inline(always)]
    fn read_view(r: &mut Reader<'a>) -> Result<[u8; N]> {
        <[u8; N] as DecodeValue<'a>>::decode(r)
    }
    #[inline(always)]
    fn from_view(view: &[u8; N]) -> [u8; N] {
        *view
    }
}
