//! Structured round trip: any value encodes, decodes to an equal value (compared by encoding, since NaN != NaN),
//! and its view agrees.
#![no_main]

use cramberry::Message;
use cramberry_fuzz::{read_all, AllKinds};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|value: AllKinds| {
    let bytes = value.encode_to_vec();
    assert_eq!(bytes.len(), value.encoded_len());
    assert_eq!(encode_into_exact_slice(&value), bytes);
    let back = AllKinds::decode(&bytes).expect("own encoding decodes");
    assert_eq!(back.encode_to_vec(), bytes);
    let view = AllKinds::view(&bytes).expect("own encoding views");
    std::hint::black_box(read_all(&view));
    assert_eq!(view.to_message().encode_to_vec(), bytes);
});

fn encode_into_exact_slice(value: &AllKinds) -> Vec<u8> {
    let mut buf = vec![0u8; value.encoded_len()];
    let n = value.encode_to_slice(&mut buf).expect("exact size fits");
    buf.truncate(n);
    buf
}
