//! Views of tuples: a tuple of the elements' views, each as a view's field of its form gives it (a value, an
//! `Option` of one, a [`Repeated`] list); the wire form is in `field::tuple`.

use super::fields::{array, optional, plain};
use super::repeated::{merge as list_merge, Repeated};
use super::value::ValueView;
use crate::decode::{Reader, Tag};
use crate::error::Result;
use crate::field::tuple::{
    plain_natural, read_elements, AsArray, AsList, AsOptional, AsPlain, Element, Tupled,
};
use crate::field::Natural;
use crate::prelude::*;

/// The view of a tuple element in the form `F` names.
pub trait ElementView<'a, F>: Element<F> + Sized {
    /// What the tuple's view holds for the element.
    type View: Clone;
    /// The view of an absent element.
    fn empty_view() -> Self::View;
    /// Whether the view holds the element's default.
    fn view_is_default(view: &Self::View) -> bool;
    /// Reads and validates one occurrence of the element's field, whose tag was just read.
    fn merge_view(view: &mut Self::View, tag: &Tag, r: &mut Reader<'a>) -> Result<()>;
    /// The owned element the view stands for.
    fn from_view(view: &Self::View) -> Self;
}

impl<'a, K, T: ValueView<'a, K>> ElementView<'a, AsPlain<K>> for T {
    type View = T::View;
    #[inline]
    fn empty_view() -> T::View {
        T::empty_view()
    }
    #[inline]
    fn view_is_default(view: &T::View) -> bool {
        T::view_is_default(view)
    }
    #[inline]
    fn merge_view(view: &mut T::View, tag: &Tag, r: &mut Reader<'a>) -> Result<()> {
        plain::merge::<K, T>(view, tag, r)
    }
    #[inline]
    fn from_view(view: &T::View) -> Self {
        T::from_view(view)
    }
}

impl<'a, K, T: ValueView<'a, K>> ElementView<'a, AsOptional<K>> for Option<T> {
    type View = Option<T::View>;
    #[inline]
    fn empty_view() -> Self::View {
        None
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        view.is_none()
    }
    #[inline]
    fn merge_view(view: &mut Self::View, tag: &Tag, r: &mut Reader<'a>) -> Result<()> {
        optional::merge::<K, T>(view, tag, r)
    }
    #[inline]
    fn from_view(view: &Self::View) -> Self {
        view.as_ref().map(T::from_view)
    }
}

impl<'a, K, T: ValueView<'a, K>> ElementView<'a, AsList<K>> for Vec<T>
where
    T::View: 'a,
{
    type View = Repeated<'a, T, K>;
    #[inline]
    fn empty_view() -> Self::View {
        Repeated::empty()
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        view.is_empty()
    }
    #[inline]
    fn merge_view(view: &mut Self::View, tag: &Tag, r: &mut Reader<'a>) -> Result<()> {
        list_merge(view, tag, r)
    }
    #[inline]
    fn from_view(view: &Self::View) -> Self {
        view.to_vec()
    }
}

impl<'a, K, T: ValueView<'a, K>, const N: usize> ElementView<'a, AsArray<K>> for [T; N]
where
    T::View: 'a,
{
    type View = Repeated<'a, T, K>;
    #[inline]
    fn empty_view() -> Self::View {
        Repeated::absent_array(N)
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        view.iter().all(|v| T::view_is_default(&v))
    }
    #[inline]
    fn merge_view(view: &mut Self::View, tag: &Tag, r: &mut Reader<'a>) -> Result<()> {
        array::merge::<K, T, N>(view, tag, r)
    }
    #[inline]
    fn from_view(view: &Self::View) -> Self {
        view.to_array()
    }
}

macro_rules! tuple_views {
    ($(($($n:tt $T:ident $F:ident),+);)*) => {$(
        impl<'a, $($F, $T: ElementView<'a, $F>),+> ValueView<'a, Tupled<($($F,)+)>> for ($($T,)+) {
            type View = ($(<$T as ElementView<'a, $F>>::View,)+);
            crate::view::lazy_is_view!(Tupled<($($F,)+)>);
            #[inline]
            fn empty_view() -> Self::View {
                ($(<$T as ElementView<'a, $F>>::empty_view(),)+)
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                $(<$T as ElementView<'a, $F>>::view_is_default(&view.$n))&&+
            }
            fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
                let empty = <Self as ValueView<'a, Tupled<($($F,)+)>>>::empty_view();
                read_elements(r, empty, |out, tag, r| {
                    match tag.number {
                        $(n if n == $n + 1 => <$T as ElementView<'a, $F>>::merge_view(&mut out.$n, tag, r)?,)+
                        _ => return Ok(false),
                    }
                    Ok(true)
                })
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                ($(<$T as ElementView<'a, $F>>::from_view(&view.$n),)+)
            }
        }

        /// A tuple of plain values: the view of its `Tupled` kind with every element plain.
        impl<'a, $($T: ValueView<'a>),+> ValueView<'a> for ($($T,)+) {
            type View = ($($T::View,)+);
            crate::view::lazy_is_view!(Natural);
            #[inline]
            fn empty_view() -> Self::View {
                <Self as ValueView<'a, Tupled<($(plain_natural!($F),)+)>>>::empty_view()
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                <Self as ValueView<'a, Tupled<($(plain_natural!($F),)+)>>>::view_is_default(view)
            }
            fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
                <Self as ValueView<'a, Tupled<($(plain_natural!($F),)+)>>>::read_view(r)
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                <Self as ValueView<'a, Tupled<($(plain_natural!($F),)+)>>>::from_view(view)
            }
        }
    )*};
}
tuple_views! {
    (0 A FA, 1 B FB);
    (0 A FA, 1 B FB, 2 C FC);
    (0 A FA, 1 B FB, 2 C FC, 3 D FD);
}
