//! The dynamic codec on hostile input: regression inputs found by the `dynamic` fuzz target.

use cramberry::{DecodeErrorKind, DecodeOptions};
use cramberry_schema::dynamic;
use std::path::Path;

fn everything() -> (cramberry_schema::Schema, usize) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/everything.cram");
    let schema = cramberry_schema::load_file(&path, &[path.parent().unwrap()]).unwrap().schema;
    let index = schema.message("Everything").unwrap();
    (schema, index)
}

/// A fixed-length list (`[3]float64 vector = 28`) arriving as an empty packed run must be rejected, as the
/// derived type rejects it, not accepted and then refused by the encoder.
#[test]
fn fixed_length_list_with_the_wrong_count_is_rejected() {
    let (schema, index) = everything();
    let input = [0xb8, 0xc8, 0x01, 0x00, 0xda, 0x09, 0x02, 0xff, 0xff, 0xe2, 0x01, 0x00];
    let err = dynamic::decode(&schema, index, &input, &DecodeOptions::default()).unwrap_err();
    assert_eq!(err.kind(), &DecodeErrorKind::FixedLengthMismatch { expected: 3, found: 0 });
    assert_eq!(err.path_string(), "Everything.vector");
}

/// Found reviewing the `inspect` fuzz target's speed: nested BYTES used to be parsed twice per level
/// (exponential in depth) with no depth bound. Now each level is parsed once, and nesting shown is capped.
#[test]
fn inspect_is_linear_and_bounded_on_deep_nesting() {
    let mut bytes: Vec<u8> = Vec::new();
    for _ in 0..2000 {
        let mut outer = vec![0x0a];
        let mut len = bytes.len();
        loop {
            let byte = (len & 0x7f) as u8;
            len >>= 7;
            if len == 0 {
                outer.push(byte);
                break;
            }
            outer.push(byte | 0x80);
        }
        outer.extend_from_slice(&bytes);
        bytes = outer;
    }
    let tree = cramberry_schema::inspect(&bytes).expect("a valid (deep) message");
    assert!(tree.lines().count() < 200, "nesting shown is capped");
    assert!(tree.contains("bytes 0a"), "deeper levels print as hex");
}
