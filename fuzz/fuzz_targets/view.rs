//! view() of arbitrary bytes, then every accessor: it must accept exactly what decode accepts (same error
//! kind and offset otherwise), agree on the value, and never panic afterwards.
#![no_main]

use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::{read_all, AllKinds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let decoded = AllKinds::decode_with(data, &options);
        match (AllKinds::view_with(data, &options), decoded) {
            (Ok(view), Ok(value)) => {
                std::hint::black_box(read_all(&view));
                assert_eq!(view.to_owned().encode_to_vec(), value.encode_to_vec(), "view and decode agree");
            }
            (Err(v), Err(d)) => {
                assert_eq!(v.kind(), d.kind());
                assert_eq!(v.offset(), d.offset());
            }
            (v, d) => panic!("view {:?} but decode {:?}", v.map(drop), d.map(drop)),
        }
    }
});
