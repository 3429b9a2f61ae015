//! Encoding cost is linear at any nesting depth: on a 1000-deep chain, each level is measured once and written
//! once (nested lengths are recorded by the measuring pass, not recomputed by the writing pass).

use cramberry::__private::{
    message, optional, plain, EncodeValue, LenRecorder, Natural, SizeCursor, WireType, Writer,
};
use cramberry::{Cramberry, DecodeOptions, Message};
use std::cell::Cell;

thread_local! {
    static MEASURED: Cell<usize> = const { Cell::new(0) };
    static WRITTEN: Cell<usize> = const { Cell::new(0) };
}

/// A chain link with a hand-written `Message` impl (the same calls the derive generates) that counts how often
/// each level is measured and written.
struct Link {
    next: Option<Box<Link>>,
    value: u32,
}

impl Message for Link {
    fn measure_fields<R: LenRecorder>(&self, rec: &mut R) -> usize {
        MEASURED.with(|c| c.set(c.get() + 1));
        optional::len::<Natural, _, _>(1, &self.next, rec) + plain::len::<Natural, _, _>(2, &self.value, rec)
    }
    fn write_fields(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        WRITTEN.with(|c| c.set(c.get() + 1));
        optional::write::<Natural, _>(1, &self.next, w, sizes);
        plain::write::<Natural, _>(2, &self.value, w, sizes);
    }
}

impl EncodeValue for Link {
    const WIRE_TYPE: WireType = WireType::Bytes;
    fn is_default(&self) -> bool {
        self.next.is_none() && self.value == 0
    }
    fn value_len<R: LenRecorder>(&self, rec: &mut R) -> usize {
        message::len(self, rec)
    }
    fn encode(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        message::encode(self, w, sizes)
    }
}

fn link_chain(depth: u32) -> Link {
    let mut link = Link { next: None, value: depth };
    for value in (0..depth - 1).rev() {
        link = Link { next: Some(Box::new(link)), value };
    }
    link
}

#[derive(Cramberry, Debug, PartialEq)]
struct Chain {
    #[cram(1)]
    next: Option<Box<Chain>>,
    #[cram(2)]
    value: u32,
}

fn chain(depth: u32) -> Chain {
    let mut link = Chain { next: None, value: depth };
    for value in (0..depth - 1).rev() {
        link = Chain { next: Some(Box::new(link)), value };
    }
    link
}

/// Runs `f` on a thread with a stack big enough for 1000 levels of unoptimised (debug-build) recursion.
fn with_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap();
}

#[test]
fn a_thousand_deep_chain_is_measured_and_written_once_per_level() {
    with_big_stack(thousand_deep);
}

fn thousand_deep() {
    let link = link_chain(1000);
    MEASURED.with(|c| c.set(0));
    WRITTEN.with(|c| c.set(0));
    let bytes = link.encode_to_vec();
    assert_eq!(MEASURED.with(Cell::get), 1000);
    assert_eq!(WRITTEN.with(Cell::get), 1000);

    // The derived type writes the same bytes and decodes back with a raised depth limit.
    let derived = chain(1000);
    assert_eq!(derived.encode_to_vec(), bytes);
    let back = Chain::decode_with(&bytes, &DecodeOptions::default().max_depth(1000)).unwrap();
    assert_eq!(back, derived);
    assert!(Chain::decode(&bytes).is_err(), "the default depth limit of 100 stops it");
}
