//! Views of lists written as values (`Option<Vec<T>>`, `Vec<Vec<T>>`; the wire form is in `field::listed`):
//! the inner list's [`Repeated`] view.

use super::repeated::{merge, Repeated};
use super::value::ValueView;
use crate::decode::Reader;
use crate::error::Result;
use crate::field::listed::{Listed, LIST_FIELD};
use crate::field::message::read_nested;
use crate::prelude::*;

impl<'a, K, T: ValueView<'a, K>> ValueView<'a, Listed<K>> for Vec<T>
where
    T::View: 'a,
{
    type View = Repeated<'a, T, K>;
    crate::view::lazy_is_view!(crate::field::listed::Listed<K>);
    #[inline]
    fn empty_view() -> Self::View {
        Repeated::empty()
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        view.is_empty()
    }
    fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
        read_nested(r, |r| {
            let (mut list, mut last) = (Repeated::empty(), 0);
            while let Some(tag) = r.next_field(&mut last)? {
                if tag.number == LIST_FIELD {
                    merge(&mut list, &tag, r)?;
                } else {
                    r.skip_unknown(&tag)?;
                }
            }
            Ok(list)
        })
    }
    #[inline]
    fn from_view(view: &Self::View) -> Self {
        view.to_vec()
    }
}
