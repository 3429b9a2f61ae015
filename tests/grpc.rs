//! `cramberry::grpc` (feature `tonic`): what a frame decodes to in each form, and the status of a bad one.
//! The codec over a real connection is tested in examples/grpc (loopback, interop with tonic + prost).

use bytes::Bytes;
use cramberry::grpc::{status_of, Codec, FromFrame};
use cramberry::{Cramberry, DecodeOptions, Message, OwnedLazy, OwnedView};
use tonic::Code;

#[derive(Cramberry, Debug, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    symbol: String,
}

fn frame() -> Bytes {
    Order { id: 7, symbol: "BTC-USD".into() }.encode_to_bytes()
}

#[test]
fn a_frame_decodes_to_an_owned_message_a_view_or_a_lazy_view() {
    let options = DecodeOptions::secure();
    let owned = Order::from_frame(frame(), &options).unwrap();
    assert_eq!(owned, Order { id: 7, symbol: "BTC-USD".into() });
    let view = OwnedView::<Order>::from_frame(frame(), &options).unwrap();
    assert_eq!((view.get().id(), view.get().symbol()), (7, "BTC-USD"));
    let symbol = view.get().symbol().as_ptr();
    assert!(view.bytes().as_ptr_range().contains(&symbol), "the view's strings point into the frame");
    let lazy = OwnedLazy::<Order>::from_frame(frame(), &options).unwrap();
    assert_eq!(lazy.get().symbol().unwrap(), "BTC-USD");
}

#[test]
fn bad_frames_become_invalid_argument_and_limits_resource_exhausted() {
    let options = DecodeOptions::secure();
    let bad_utf8 = Bytes::from_static(&[0x08, 0x07, 0x12, 0x01, 0xff]);
    for error in [
        Order::from_frame(bad_utf8.clone(), &options).unwrap_err(),
        OwnedView::<Order>::from_frame(bad_utf8, &options).unwrap_err(),
    ] {
        let status = status_of(&error);
        assert_eq!(status.code(), Code::InvalidArgument);
        assert_eq!(status.message(), "failed to decode Order.symbol: invalid UTF-8 at byte 4");
    }
    let long = Order { id: 1, symbol: "x".repeat(100) }.encode_to_bytes();
    let tight = DecodeOptions::default().max_string_len(10);
    let status = status_of(&Order::from_frame(long, &tight).unwrap_err());
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(status.message(), "failed to decode Order.symbol: StringLen limit of 10 exceeded at byte 3");
}

#[test]
fn the_codec_decodes_under_the_secure_limits_by_default() {
    let codec = Codec::<Order, Order>::default();
    assert!(format!("{codec:?}").contains(&format!("{:?}", DecodeOptions::secure())));
    let codec = Codec::<Order, Order>::with_options(DecodeOptions::strict());
    assert!(format!("{codec:?}").contains(&format!("{:?}", DecodeOptions::strict())));
}
