//! Views of tuples: a tuple of the elements' views (the wire form is in `field::tuple`).

use super::value::{ValueView, Viewed};
use crate::decode::Reader;
use crate::error::Result;
use crate::field::element::read_plain;
use crate::field::{tuple::read_elements, Natural};

macro_rules! tuple_views {
    ($(($($n:tt $T:ident),+);)*) => {$(
        impl<'a, $($T: ValueView<'a>),+> ValueView<'a> for ($($T,)+) {
            type View = ($($T::View,)+);
            crate::viewing::lazy_is_view!(crate::field::Natural);
            #[inline]
            fn empty_view() -> Self::View {
                ($($T::empty_view(),)+)
            }
            #[inline]
            fn view_is_default(view: &Self::View) -> bool {
                $($T::view_is_default(&view.$n))&&+
            }
            fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
                read_elements(r, Self::empty_view(), |out, tag, r| {
                    match tag.number {
                        $(n if n == $n + 1 => read_plain(&Viewed::<Natural, $T>::NEW, &mut out.$n, tag, r)?,)+
                        _ => return Ok(false),
                    }
                    Ok(true)
                })
            }
            #[inline]
            fn from_view(view: &Self::View) -> Self {
                ($($T::from_view(&view.$n),)+)
            }
        }
    )*};
}
tuple_views! {
    (0 A, 1 B);
    (0 A, 1 B, 2 C);
    (0 A, 1 B, 2 C, 3 D);
}
