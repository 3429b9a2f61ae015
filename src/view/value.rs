//! What each field type looks like in a view.

use crate::decode::Cursor;
use crate::decode::Reader;
use crate::error::Result;
use crate::field::element::{ReadValue, Shape};
use crate::field::{DecodeValue, EncodeValue, Fixed, Natural};
use crate::options::DecodeOptions;
use crate::prelude::*;
use crate::wire::zigzag_decode;
use alloc::borrow::Cow;
use alloc::rc::Rc;
use alloc::sync::Arc;
use core::marker::PhantomData;

/// The view counterpart of [`EncodeValue`]: the type an accessor returns for a field of this type, how to read and
/// validate it, and how to turn it back into the owned value.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot appear in a Cramberry view",
    label = "this type has no Cramberry view",
    note = "derive Cramberry on it: a struct with numbered fields is a message, a fieldless enum with numbers an enumeration, a `#[repr(C)] #[cram(pod)]` struct a pod",
    note = "supported field types: bool, u8-u128, usize, i8-i128, isize, f32, f64, char, String / &str / Cow<str> / Box<str> / Arc<str>, Vec<u8> / &[u8] / Box<[u8]> / [u8; N], Box<T>, Option<T>, Vec<T> / SmallVec<[T; N]> (and Option<Vec<T>>, Vec<Vec<T>>), [T; N], BTreeMap / HashMap, tuples of up to 4 of these, and types deriving Cramberry; `#[cram(N, fixed)]` applies to u32, u64, i32 and i64 only"
)]
pub trait ValueView<'a, K = Natural>: EncodeValue<K> + Sized {
    /// What an accessor returns: the value itself for scalars, `&'a str` for strings, a nested view for
    /// messages.
    type View: Clone;

    /// The view of an absent plain field.
    fn empty_view() -> Self::View;

    /// Whether the view holds the default value (for the canonical rule on plain fields).
    fn view_is_default(view: &Self::View) -> bool;

    /// Reads and validates one value after its tag.
    fn read_view(r: &mut Reader<'a>) -> Result<Self::View>;

    /// Validates one value after its tag without keeping its view (list elements of a view built without an
    /// arena are checked, counted and dropped). Accepts and rejects exactly what `read_view` does.
    #[inline(always)]
    fn validate(r: &mut Reader<'a>) -> Result<()> {
        Self::read_view(r).map(drop)
    }

    /// Reads and validates one element of a packed run.
    #[inline(always)]
    fn read_view_packed(r: &mut Reader<'a>) -> Result<Self::View> {
        Self::read_view(r)
    }

    /// The owned value the view stands for.
    fn from_view(view: &Self::View) -> Self;

    /// Re-reads one value (after its tag) that [`read_view`](Self::read_view) already accepted: lists, maps
    /// and boxed values re-read their elements this way when iterated. The default runs `read_view` again;
    /// the common types skip every check the first pass made.
    #[inline(always)]
    fn revisit_view(c: &mut Cursor<'a>) -> Self::View {
        c.with_reader(Self::read_view).unwrap_or_else(Self::empty_view)
    }

    /// Re-reads one element of a packed run that [`read_view_packed`](Self::read_view_packed) accepted.
    #[inline(always)]
    fn revisit_view_packed(c: &mut Cursor<'a>) -> Self::View {
        c.with_reader(Self::read_view_packed).unwrap_or_else(Self::empty_view)
    }

    /// What a lazy view's accessor returns for a value of this type: its [`View`](Self::View), except for a
    /// message, whose lazy view it is.
    type Lazy: Clone;

    /// The lazy value of an absent plain field.
    fn empty_lazy() -> Self::Lazy;

    /// Reads one value after its tag for a lazy accessor: as [`read_view`](Self::read_view), except that a
    /// message is only framed (its length, the depth limit) and opened as a lazy view.
    fn read_lazy(r: &mut Reader<'a>) -> Result<Self::Lazy>;

    /// Whether a lazily read value is the default (for the canonical rule on plain fields).
    fn lazy_is_default(lazy: &Self::Lazy) -> bool;

    /// The owned value, validating what the lazy value left unread (a message's other fields).
    fn lazy_to_owned(lazy: &Self::Lazy) -> Result<Self>;

    /// Validates what the lazy value left unread, as the view would have on reading it: a message replaced by
    /// a later occurrence of its field is checked this way, since the view checks every occurrence.
    fn lazy_validate(lazy: &Self::Lazy) -> Result<()>;

    /// Whether [`frame`](Self::frame) checks less than [`validate`](Self::validate) (a message: only its
    /// framing), so that a lazy list must validate an element where the view's order of checks needs it.
    const FRAME_SKIPS_CONTENT: bool = false;

    /// Checks one value after its tag as a lazy list checks its elements: as [`validate`](Self::validate),
    /// except that a message is only framed (its length and the depth limit).
    #[inline(always)]
    fn frame(r: &mut Reader<'a>) -> Result<()> {
        Self::validate(r)
    }

    /// Re-reads one element (after its tag) that [`frame`](Self::frame) accepted, as a lazy list hands it
    /// out; `place` says where a message lies.
    fn revisit_lazy(c: &mut Cursor<'a>, place: &LazyPlace<'a>) -> Self::Lazy;

    /// The lazy value of a view (of a packed or recorded list element: never a message).
    fn view_to_lazy(view: Self::View) -> Self::Lazy;
}

/// Where a lazy list's elements lie: the whole input, the options, and the depth of the message holding
/// the list (what [`ValueView::revisit_lazy`] needs to open a message element lazily).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct LazyPlace<'a> {
    pub(super) input: &'a [u8],
    pub(super) options: DecodeOptions,
    pub(super) depth: u32,
}

/// The [`ValueView`] items of a type whose lazy value is its view (everything but messages).
macro_rules! lazy_is_view {
    ($kind:ty) => {
        type Lazy = Self::View;
        #[inline(always)]
        fn empty_lazy() -> Self::View {
            <Self as $crate::view::ValueView<'a, $kind>>::empty_view()
        }
        #[inline(always)]
        fn read_lazy(r: &mut $crate::decode::Reader<'a>) -> $crate::error::Result<Self::View> {
            <Self as $crate::view::ValueView<'a, $kind>>::read_view(r)
        }
        #[inline(always)]
        fn lazy_is_default(lazy: &Self::View) -> bool {
            <Self as $crate::view::ValueView<'a, $kind>>::view_is_default(lazy)
        }
        #[inline(always)]
        fn lazy_to_owned(lazy: &Self::View) -> $crate::error::Result<Self> {
            Ok(<Self as $crate::view::ValueView<'a, $kind>>::from_view(lazy))
        }
        #[inline(always)]
        fn lazy_validate(_: &Self::View) -> $crate::error::Result<()> {
            Ok(())
        }
        #[inline(always)]
        fn revisit_lazy(
            c: &mut $crate::decode::Cursor<'a>,
            _: &$crate::view::value::LazyPlace<'a>,
        ) -> Self::View {
            <Self as $crate::view::ValueView<'a, $kind>>::revisit_view(c)
        }
        #[inline(always)]
        fn view_to_lazy(view: Self::View) -> Self::View {
            view
        }
    };
}
pub(crate) use lazy_is_view;

/// Scalars view as themselves; `$revisit` re-reads one from validated bytes.
macro_rules! scalar_views {
    ($kind:ty: $($ty:ty => $revisit:expr),*) => {$(
        impl<'a> ValueView<'a, $kind> for $ty {
            type View = $ty;
            lazy_is_view!($kind);
            #[inline(always)]
            fn empty_view() -> $ty {
                <$ty as DecodeValue<'a, $kind>>::empty()
            }
            #[inline(always)]
            fn view_is_default(view: &$ty) -> bool {
                <$ty as EncodeValue<$kind>>::is_default(view)
            }
            #[inline(always)]
            fn read_view(r: &mut Reader<'a>) -> Result<$ty> {
                <$ty as DecodeValue<'a, $kind>>::decode(r)
            }
            #[inline(always)]
            fn from_view(view: &$ty) -> $ty {
                *view
            }
            #[inline(always)]
            fn revisit_view(c: &mut Cursor<'a>) -> $ty {
                let revisit: fn(&mut Cursor<'a>) -> $ty = $revisit;
                revisit(c)
            }
            #[inline(always)]
            fn revisit_view_packed(c: &mut Cursor<'a>) -> $ty {
                <$ty as ValueView<'a, $kind>>::revisit_view(c)
            }
        }
    )*};
}
// The first pass checked ranges, so the narrowing casts below are exact.
scalar_views!(Natural:
    bool => |c| c.varint() != 0,
    u8 => |c| c.varint() as u8,
    u16 => |c| c.varint() as u16,
    u32 => |c| c.varint() as u32,
    u64 => |c| c.varint(),
    usize => |c| c.varint() as usize,
    char => |c| char::from_u32(c.varint() as u32).unwrap_or_default(),
    i8 => |c| zigzag_decode(c.varint()) as i8,
    i16 => |c| zigzag_decode(c.varint()) as i16,
    i32 => |c| zigzag_decode(c.varint()) as i32,
    i64 => |c| zigzag_decode(c.varint()),
    isize => |c| zigzag_decode(c.varint()) as isize,
    f32 => |c| f32::from_le_bytes(c.array()),
    f64 => |c| f64::from_le_bytes(c.array())
);
scalar_views!(Fixed:
    u32 => |c| u32::from_le_bytes(c.array()),
    u64 => |c| u64::from_le_bytes(c.array()),
    i32 => |c| i32::from_le_bytes(c.array()),
    i64 => |c| i64::from_le_bytes(c.array())
);

/// The 16 bytes of a validated `u128` / `i128`.
#[inline(always)]
fn revisit_wide(c: &mut Cursor<'_>) -> [u8; 16] {
    c.len_delimited().try_into().unwrap_or_default()
}
scalar_views!(Natural:
    u128 => |c| u128::from_le_bytes(revisit_wide(c)),
    i128 => |c| i128::from_le_bytes(revisit_wide(c))
);

/// Strings and bytes view as borrowed slices of the input; `to_owned` builds the field's own type from them.
macro_rules! slice_views {
    ($([$($gen:tt)*] $ty:ty $(where $bound:lifetime : $outlived:lifetime)? => $view:ty, $read:expr, $revisit:expr, $own:expr;)*) => {$(
        impl<'a, $($gen)*> ValueView<'a> for $ty $(where $bound: $outlived)? {
            type View = $view;
            lazy_is_view!(Natural);
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
            #[inline(always)]
            fn revisit_view(c: &mut Cursor<'a>) -> $view {
                let revisit: fn(&mut Cursor<'a>) -> $view = $revisit;
                revisit(c)
            }
        }
    )*};
}

/// A validated string, re-read (still checked for UTF-8, through the ASCII fast path, so that even bytes that
/// were somehow not validated cannot yield an invalid `&str`).
#[inline(always)]
fn revisit_str<'a>(c: &mut Cursor<'a>) -> &'a str {
    crate::utf8::to_str(c.len_delimited()).unwrap_or_default()
}
slice_views! {
    [] String => &'a str, crate::field::read_str, revisit_str, |v| (*v).to_owned();
    ['x] &'x str where 'a: 'x => &'a str, crate::field::read_str, revisit_str, |v| *v;
    ['x] Cow<'x, str> where 'a: 'x => &'a str, crate::field::read_str, revisit_str, |v| Cow::Borrowed(*v);
    [] Box<str> => &'a str, crate::field::read_str, revisit_str, |v| Box::from(*v);
    [] Arc<str> => &'a str, crate::field::read_str, revisit_str, |v| Arc::from(*v);
    [] Rc<str> => &'a str, crate::field::read_str, revisit_str, |v| Rc::from(*v);
    [] Vec<u8> => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| v.to_vec();
    ['x] &'x [u8] where 'a: 'x => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| *v;
    ['x] Cow<'x, [u8]> where 'a: 'x => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| Cow::Borrowed(*v);
    [] Box<[u8]> => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| Box::from(*v);
    [] Arc<[u8]> => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| Arc::from(*v);
    [] Rc<[u8]> => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| Rc::from(*v);
    [const N: usize] smallvec::SmallVec<[u8; N]> => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| smallvec::SmallVec::from_slice(v);
}
#[cfg(feature = "bytes")]
slice_views! {
    [] bytes::Bytes => &'a [u8], crate::field::read_bytes, Cursor::len_delimited, |v| bytes::Bytes::copy_from_slice(v);
}

/// Fixed-length bytes (hashes, keys, ids) view as a copy of the array: small, and never absent.
impl<'a, const N: usize> ValueView<'a> for [u8; N] {
    type View = [u8; N];
    lazy_is_view!(Natural);
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
    /// A validated value holds exactly `N` bytes (another length is `FixedLengthMismatch`): copied as they are.
    #[inline(always)]
    fn revisit_view(c: &mut Cursor<'a>) -> [u8; N] {
        c.len_delimited().try_into().unwrap_or([0; N])
    }
}

/// Reads values as lazy accessors return them (see [`ValueView::Lazy`]): the element description of a lazy
/// view's plain and optional fields.
pub struct LazyViewed<K, T>(PhantomData<fn() -> (K, T)>);

impl<K, T> LazyViewed<K, T> {
    /// The (zero-sized) description.
    pub const NEW: Self = LazyViewed(PhantomData);
}

impl<'a, K, T: ValueView<'a, K>> ReadValue<'a> for LazyViewed<K, T> {
    type Out = T::Lazy;
    #[inline(always)]
    fn shape(&self) -> Shape {
        Shape::of::<K, T>()
    }
    #[inline(always)]
    fn empty(&self) -> T::Lazy {
        T::empty_lazy()
    }
    #[inline(always)]
    fn read(&self, r: &mut Reader<'a>) -> Result<T::Lazy> {
        T::read_lazy(r)
    }
    #[inline(always)]
    fn is_default(&self, lazy: &T::Lazy) -> bool {
        T::lazy_is_default(lazy)
    }
}

/// Reads values as validated views: the element description the view layer passes to the field loops.
pub struct Viewed<K, T>(PhantomData<fn() -> (K, T)>);

impl<K, T> Viewed<K, T> {
    /// The (zero-sized) description.
    pub const NEW: Self = Viewed(PhantomData);
}

impl<'a, K, T: ValueView<'a, K>> ReadValue<'a> for Viewed<K, T> {
    type Out = T::View;
    #[inline(always)]
    fn shape(&self) -> Shape {
        Shape::of::<K, T>()
    }
    #[inline(always)]
    fn empty(&self) -> T::View {
        T::empty_view()
    }
    #[inline(always)]
    fn read(&self, r: &mut Reader<'a>) -> Result<T::View> {
        T::read_view(r)
    }
    #[inline(always)]
    fn read_packed(&self, r: &mut Reader<'a>) -> Result<T::View> {
        T::read_view_packed(r)
    }
    #[inline(always)]
    fn is_default(&self, view: &T::View) -> bool {
        T::view_is_default(view)
    }
    // Element views are kept only for lists of strings, bytes and messages, never packed: no bulk runs.
}
