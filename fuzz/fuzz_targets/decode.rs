//! Owned decode of arbitrary bytes: a typed error or a value; decode -> encode -> decode gives an equal value,
//! and under canonical options the re-encoding equals the input byte for byte.
#![no_main]

use cramberry::{DecodeOptions, Message};
use cramberry_fuzz::AllKinds;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = AllKinds::decode(data) {
        let bytes = value.encode_to_vec();
        assert_eq!(bytes.len(), value.encoded_len());
        let again = AllKinds::decode(&bytes).expect("re-encoded bytes decode");
        assert_eq!(again.encode_to_vec(), bytes, "decode -> encode is stable");
    }
    if let Ok(value) = AllKinds::decode_with(data, &DecodeOptions::canonical()) {
        assert_eq!(value.encode_to_vec(), data, "canonical input re-encodes to itself");
    }
    let _ = AllKinds::decode_with(data, &DecodeOptions::secure());
});
