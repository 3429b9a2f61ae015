//! view() of arbitrary bytes, then every accessor: it must accept exactly what decode accepts (same error
//! kind and offset otherwise), agree on the value, and never panic afterwards; `view_in` (elements recorded
//! in an arena) must agree with `view`.
#![no_main]

use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::{read_all, AllKinds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let arena = cramberry::bumpalo::Bump::new();
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let decoded = AllKinds::decode_with(data, &options);
        match (AllKinds::view_in_with(data, &options, &arena), AllKinds::view_with(data, &options)) {
            (Ok(recorded), Ok(plain)) => {
                assert_eq!(read_all(&recorded), read_all(&plain), "view_in and view agree")
            }
            (Err(a), Err(b)) => assert_eq!((a.kind(), a.offset()), (b.kind(), b.offset())),
            (a, b) => panic!("view_in {:?} but view {:?}", a.map(drop), b.map(drop)),
        }
        match (AllKinds::view_with(data, &options), decoded) {
            (Ok(view), Ok(value)) => {
                std::hint::black_box(read_all(&view));
                assert_eq!(view.to_message().encode_to_vec(), value.encode_to_vec(), "view and decode agree");
            }
            (Err(v), Err(d)) => {
                assert_eq!(v.kind(), d.kind());
                assert_eq!(v.offset(), d.offset());
            }
            (v, d) => panic!("view {:?} but decode {:?}", v.map(drop), d.map(drop)),
        }
    }
});
