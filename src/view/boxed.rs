//! Boxed fields in views: kept as validated bytes and opened on demand, so recursive types have finite views.

use super::value::ValueView;
use crate::decode::Reader;
use crate::error::Result;
use crate::prelude::*;
use core::marker::PhantomData;

/// The view of a `Box<T>` field: `get()` opens the value (re-reading bytes the parent view already validated).
pub struct Boxed<'a, T, K = crate::field::Natural> {
    bytes: &'a [u8],
    marker: PhantomData<fn() -> (T, K)>,
}

impl<T, K> Clone for Boxed<'_, T, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, K> Copy for Boxed<'_, T, K> {}

impl<T, K> core::fmt::Debug for Boxed<'_, T, K> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Boxed").field("len", &self.bytes.len()).finish()
    }
}

impl<'a, K, T: ValueView<'a, K>> Boxed<'a, T, K> {
    /// The boxed value's view.
    #[inline]
    pub fn get(&self) -> T::View {
        super::generated::revisit::<K, T>(self.bytes)
    }

    /// The encoded value (after its tag).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }
}

impl<'a, K, T: ValueView<'a, K>> ValueView<'a, K> for Box<T> {
    type View = Boxed<'a, T, K>;
    crate::view::lazy_is_view!(K);
    #[inline]
    fn empty_view() -> Self::View {
        Boxed { bytes: &[], marker: PhantomData }
    }
    #[inline]
    fn view_is_default(view: &Self::View) -> bool {
        T::view_is_default(&view.get())
    }
    #[inline]
    fn read_view(r: &mut Reader<'a>) -> Result<Self::View> {
        let start = r.position();
        T::read_view(r)?;
        Ok(Boxed { bytes: r.slice(start, r.position()), marker: PhantomData })
    }
    #[inline]
    fn from_view(view: &Self::View) -> Self {
        Box::new(T::from_view(&view.get()))
    }
}
