//! Runs the `no_std` crate's round trip on the host and checks its bytes against the wire format.

use cramberry_nostd_check::round_trip;

#[test]
fn encodes_decodes_and_views_without_std() {
    let bytes = round_trip().expect("round trip");
    #[rustfmt::skip]
    let expected = [
        0x08, 0x96, 0x01,                                     // 1: id 150 (varint)
        0x12, 0x07, b'B', b'T', b'C', b'-', b'U', b'S', b'D', // 2: symbol
        0x18, 0x02,                                           // 3: side Sell
        0x22, 0x04, 0x0e, 0x05, 0x10, 0x07,                   // 4: level {price -3 (zigzag 5), qty 7}
        0x22, 0x05, 0x0e, 0xd0, 0x0f, 0x10, 0x01,             // 4: level {price 1000 (zigzag 2000), qty 1}
        0x2a, 0x08, 0x01, 0, 0, 0, 0xef, 0xbe, 0xad, 0xde,    // 5: packed fixed32 [1, 0xdeadbeef]
        0x32, 0x03, 0x00, 0x01, 0x02,                         // 6: memo
        0x3a, 0x04, 0x0e, 0x0a, 0x10, 0x02,                   // 7: best {price 5, qty 2}
    ];
    assert_eq!(bytes, expected);
}
