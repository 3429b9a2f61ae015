//! Recording nested lengths in the measuring pass and reading them back in the writing pass.

use smallvec::SmallVec;

/// Where the measuring pass records lengths of nested values, in pre-order.
///
/// A length-delimited value first [`reserve`](LenRecorder::reserve)s a slot, then measures its contents (which
/// may reserve slots of their own after it), then [`fill`](LenRecorder::fill)s its slot. A value that measures
/// zero bytes calls [`fill_empty`](LenRecorder::fill_empty), which also drops the slots of its contents, since
/// the writing pass will not descend into it.
pub trait LenRecorder {
    /// Reserves the next slot and returns its index.
    fn reserve(&mut self) -> usize;
    /// Stores `len` in slot `slot`.
    fn fill(&mut self, slot: usize, len: usize);
    /// Stores 0 in `slot` and forgets every slot reserved after it.
    fn fill_empty(&mut self, slot: usize);
    /// At least `additional` more slots are coming (a list of messages): room for them in one step.
    #[inline(always)]
    fn expect(&mut self, additional: usize) {
        let _ = additional;
    }
}

/// Measures without recording: what [`Message::encoded_len`](crate::Message::encoded_len) uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoRecord;

impl LenRecorder for NoRecord {
    #[inline(always)]
    fn reserve(&mut self) -> usize {
        0
    }
    #[inline(always)]
    fn fill(&mut self, _slot: usize, _len: usize) {}
    #[inline(always)]
    fn fill_empty(&mut self, _slot: usize) {}
}

/// Recorded lengths on the stack (spilling to the heap only for messages with more than 128 nested values).
#[derive(Clone, Debug, Default)]
pub struct SizeCache {
    lens: SmallVec<[usize; 128]>,
}

impl SizeCache {
    /// A reader over the recorded lengths, for the writing pass.
    pub fn cursor(&self) -> SizeCursor<'_> {
        SizeCursor::new(&self.lens)
    }
}

impl LenRecorder for SizeCache {
    #[inline(always)]
    fn expect(&mut self, additional: usize) {
        self.lens.reserve(additional);
    }
    #[inline(always)]
    fn reserve(&mut self) -> usize {
        self.lens.push(0);
        self.lens.len() - 1
    }
    #[inline(always)]
    fn fill(&mut self, slot: usize, len: usize) {
        self.lens[slot] = len;
    }
    #[inline(always)]
    fn fill_empty(&mut self, slot: usize) {
        self.lens.truncate(slot + 1);
        self.lens[slot] = 0;
    }
}

/// Recorded lengths in a bumpalo arena, so encoding into an arena touches no other allocator.
pub struct BumpSizes<'b> {
    lens: bumpalo::collections::Vec<'b, usize>,
}

impl<'b> BumpSizes<'b> {
    /// An empty recorder whose storage lives in `bump`.
    pub fn new_in(bump: &'b bumpalo::Bump) -> Self {
        BumpSizes { lens: bumpalo::collections::Vec::new_in(bump) }
    }

    /// A reader over the recorded lengths, for the writing pass.
    pub fn cursor(&self) -> SizeCursor<'_> {
        SizeCursor::new(&self.lens)
    }
}

impl LenRecorder for BumpSizes<'_> {
    #[inline(always)]
    fn expect(&mut self, additional: usize) {
        self.lens.reserve(additional);
    }
    #[inline(always)]
    fn reserve(&mut self) -> usize {
        self.lens.push(0);
        self.lens.len() - 1
    }
    #[inline(always)]
    fn fill(&mut self, slot: usize, len: usize) {
        self.lens[slot] = len;
    }
    #[inline(always)]
    fn fill_empty(&mut self, slot: usize) {
        self.lens.truncate(slot + 1);
        self.lens[slot] = 0;
    }
}

/// Reads recorded lengths back, in the order they were reserved.
#[derive(Debug)]
pub struct SizeCursor<'c> {
    lens: &'c [usize],
    next: usize,
}

impl<'c> SizeCursor<'c> {
    /// A cursor at the first recorded length.
    pub fn new(lens: &'c [usize]) -> Self {
        SizeCursor { lens, next: 0 }
    }

    /// The next recorded length.
    ///
    /// Panics if the writing pass asks for more lengths than the measuring pass recorded, which only a
    /// hand-written `Message` implementation whose two passes disagree can cause.
    #[inline(always)]
    pub fn next_len(&mut self) -> usize {
        let len = self.lens[self.next];
        self.next += 1;
        len
    }

    /// The next recorded length, or `None` when every one was read: for a writing pass that cannot trust
    /// its measuring pass (one over a serde value, which may serialize differently the second time).
    #[inline(always)]
    pub fn try_next_len(&mut self) -> Option<usize> {
        let len = self.lens.get(self.next).copied();
        self.next += usize::from(len.is_some());
        len
    }

    /// Whether every recorded length was read.
    pub fn is_exhausted(&self) -> bool {
        self.next == self.lens.len()
    }
}
