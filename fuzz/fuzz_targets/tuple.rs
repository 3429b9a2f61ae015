//! Composed tuples on arbitrary bytes, under four option sets: owned decoding, the view and a walk of the lazy
//! view give the same verdict (and, on success, the same value, whose encoding decodes to itself), with the
//! same error kind and offset otherwise.
#![no_main]

use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::tuples::Composed;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = [
        DecodeOptions::default(),
        DecodeOptions::strict(),
        DecodeOptions::canonical(),
        DecodeOptions::secure().max_elements(3).max_string_len(5).max_depth(3),
    ];
    for options in options {
        let decoded = Composed::decode_with(data, &options).map(|m| m.encode_to_vec());
        let viewed = Composed::view_with(data, &options).map(|v| v.to_message().encode_to_vec());
        let walked = Composed::lazy_with(data, &options).and_then(|l| l.__walk()).map(|m| m.encode_to_vec());
        for other in [&viewed, &walked] {
            match (&decoded, other) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "same value"),
                (Err(a), Err(b)) => assert_eq!((a.kind(), a.offset()), (b.kind(), b.offset()), "{a} / {b}"),
                (a, b) => panic!("decode {:?} but {:?}", a.as_ref().map(drop), b.as_ref().map(drop)),
            }
        }
        if let Ok(bytes) = decoded {
            let again = Composed::decode(&bytes).expect("own encoding decodes").encode_to_vec();
            assert_eq!(again, bytes, "re-encoding is stable");
        }
    }
});
