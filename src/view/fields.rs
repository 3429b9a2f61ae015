//! Field strategies for views, mirroring [`crate::field`]: the same checks as owned decoding, recording views.

use super::value::{LazyViewed, ValueView, Viewed};
use crate::decode::Cursor;
use crate::decode::{Reader, Tag};
use crate::error::Result;
use crate::field::element::{read_one, read_plain};

/// Reads one value after its tag, checking the wire type.
#[inline(always)]
fn read<'a, K, V: ValueView<'a, K>>(tag: &Tag, r: &mut Reader<'a>) -> Result<V::View> {
    read_one(&Viewed::<K, V>::NEW, tag, r)
}

/// Plain fields: the last occurrence wins; in canonical mode a default value is an error.
pub mod plain {
    use super::*;

    /// Reads a plain field whose tag was just read into its view slot.
    #[inline(always)]
    pub fn merge<'a, K, V: ValueView<'a, K>>(
        slot: &mut V::View,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        read_plain(&Viewed::<K, V>::NEW, slot, tag, r)
    }

    /// [`merge`] for a lazy accessor: a message is opened lazily; one that a later occurrence replaces is
    /// validated, as the view validates every occurrence.
    #[inline(always)]
    pub fn merge_lazy<'a, K, V: ValueView<'a, K>>(
        slot: &mut V::Lazy,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        let mut value = V::empty_lazy();
        read_plain(&LazyViewed::<K, V>::NEW, &mut value, tag, r)?;
        V::lazy_validate(&core::mem::replace(slot, value))
    }

    /// Re-reads a plain field of validated bytes.
    #[inline(always)]
    pub fn revisit<'a, K, V: ValueView<'a, K>>(slot: &mut V::View, c: &mut Cursor<'a>) {
        *slot = V::revisit_view(c);
    }
}

/// Optional fields.
pub mod optional {
    use super::*;

    /// Reads an optional field whose tag was just read.
    #[inline(always)]
    pub fn merge<'a, K, V: ValueView<'a, K>>(
        slot: &mut Option<V::View>,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        *slot = Some(read::<K, V>(tag, r)?);
        Ok(())
    }

    /// [`merge`] for a lazy accessor: a message is opened lazily; one that a later occurrence replaces is
    /// validated, as the view validates every occurrence.
    #[inline(always)]
    pub fn merge_lazy<'a, K, V: ValueView<'a, K>>(
        slot: &mut Option<V::Lazy>,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        let value = read_one(&LazyViewed::<K, V>::NEW, tag, r)?;
        match slot.replace(value) {
            Some(old) => V::lazy_validate(&old),
            None => Ok(()),
        }
    }

    /// Re-reads an optional field of validated bytes.
    #[inline(always)]
    pub fn revisit<'a, K, V: ValueView<'a, K>>(slot: &mut Option<V::View>, c: &mut Cursor<'a>) {
        *slot = Some(V::revisit_view(c));
    }
}

/// Required fields (the caller tracks presence).
pub mod required {
    use super::*;

    /// Reads a required field whose tag was just read.
    #[inline(always)]
    pub fn merge<'a, K, V: ValueView<'a, K>>(
        slot: &mut V::View,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        *slot = read::<K, V>(tag, r)?;
        Ok(())
    }

    /// [`merge`] for a lazy accessor: a message is opened lazily; one that a later occurrence replaces is
    /// validated, as the view validates every occurrence.
    #[inline(always)]
    pub fn merge_lazy<'a, K, V: ValueView<'a, K>>(
        slot: &mut V::Lazy,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        let value = read_one(&LazyViewed::<K, V>::NEW, tag, r)?;
        V::lazy_validate(&core::mem::replace(slot, value))
    }

    pub use super::plain::revisit;
}

/// Fixed-length lists: each occurrence must hold exactly `N` elements and replaces the previous one.
pub mod array {
    use super::super::repeated::{merge_bounded, Repeated};
    use super::*;
    use crate::field::array::{check_at_most, check_exactly, reject_all_default_if_canonical};

    /// Reads a fixed-length list field whose tag was just read.
    pub fn merge<'a, K, V: ValueView<'a, K>, const N: usize>(
        list: &mut Repeated<'a, V, K>,
        tag: &Tag,
        r: &mut Reader<'a>,
    ) -> Result<()> {
        let mut occurrence = Repeated::empty();
        merge_bounded(&mut occurrence, tag, r, N, |count, r, offset| check_at_most(N, count, r, offset))?;
        check_exactly(N, occurrence.len(), r, tag)?;
        reject_all_default_if_canonical(|| occurrence.iter().all(|v| V::view_is_default(&v)), r, tag)?;
        *list = occurrence;
        Ok(())
    }

    /// Re-reads a fixed-length list field of validated bytes: each occurrence replaces the previous one.
    #[inline]
    pub fn revisit<'a, K, V: ValueView<'a, K>>(
        list: &mut Repeated<'a, V, K>,
        tag: &super::super::RevisitTag,
        c: &mut Cursor<'a>,
    ) {
        let mut occurrence = Repeated::empty();
        super::super::repeated::revisit(&mut occurrence, tag, c);
        *list = occurrence;
    }
}
