//! Lazy views of arbitrary bytes against `view`, under five option sets: walking every lazy accessor (and
//! every nested lazy view in turn) accepts exactly what `view` accepts, with the same value, and otherwise
//! fails with `view`'s error (kind, offset, field path); opening never fails but on the length; and when the
//! message is valid, every plain and optional accessor gives the view's value, indexed or not, and calling
//! every top-level accessor allocates nothing (counting allocator).
#![no_main]

use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::{lazy_accessors_match, peak_during, AllKinds, PeakAlloc};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

fuzz_target!(|data: &[u8]| {
    let options = [
        DecodeOptions::default(),
        DecodeOptions::strict(),
        DecodeOptions::canonical(),
        DecodeOptions::secure().max_elements(3).max_string_len(5).max_bytes_len(5),
        DecodeOptions::default().max_depth(2),
    ];
    for options in options {
        let lazy = AllKinds::lazy_with(data, &options).expect("opening checks only the length");
        match (AllKinds::view_with(data, &options), lazy.__walk()) {
            (Ok(view), Ok(walked)) => {
                assert_eq!(walked.encode_to_vec(), view.to_message().encode_to_vec(), "same value");
                lazy_accessors_match(&lazy, &view).expect("accessors give the view's values");
                lazy_accessors_match(&lazy.with_index(), &view).expect("indexed accessors give the view's values");
                let ((), peak) = peak_during(|| {
                    let _ = std::hint::black_box((lazy.flag(), lazy.u64(), lazy.i64(), lazy.text(), lazy.bytes()));
                    let _ = std::hint::black_box((lazy.inner(), lazy.maybe_inner(), lazy.names(), lazy.points()));
                    let _ = std::hint::black_box((lazy.packed_u64(), lazy.must(), lazy.boxed(), lazy.to_view()));
                });
                assert_eq!(peak, 0, "lazy accessors allocated");
            }
            (Err(v), Err(w)) => {
                assert_eq!((v.kind(), v.offset()), (w.kind(), w.offset()), "view: {v}\nlazy: {w}");
                assert_eq!(v.path_string(), w.path_string(), "view: {v}\nlazy: {w}");
            }
            (v, w) => panic!("view {:?} but lazy walk {:?}", v.map(drop), w.map(drop)),
        }
    }
});
