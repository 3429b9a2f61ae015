//! Feature `bytes`: `Bytes` fields share a `Bytes` input instead of copying, `OwnedView` carries a validated
//! message across threads, and encoding to `Bytes` / `BytesMut` gives the usual bytes.
#![cfg(feature = "bytes")]

use bytes::{Bytes, BytesMut};
use cramberry::{Cramberry, DecodeErrorKind, DecodeOptions, Message, OwnedView};

#[derive(Cramberry, Debug, Clone, PartialEq)]
struct Packet {
    #[cram(1)]
    seq: u64,
    #[cram(2)]
    payload: Bytes,
    #[cram(3)]
    chunks: Vec<Bytes>,
}

fn packet() -> Packet {
    Packet {
        seq: 9,
        payload: Bytes::from_static(b"hello world"),
        chunks: vec![Bytes::from_static(b"a"), Bytes::new()],
    }
}

fn within(part: &Bytes, whole: &Bytes) -> bool {
    let range = whole.as_ptr() as usize..whole.as_ptr() as usize + whole.len();
    range.contains(&(part.as_ptr() as usize))
}

#[test]
fn bytes_fields_share_a_bytes_input_and_copy_from_a_slice() {
    let input = packet().encode_to_bytes();
    assert_eq!(input[..], packet().encode_to_vec()[..]);
    let shared = Packet::decode_shared(&input).unwrap();
    assert_eq!(shared, packet());
    assert!(within(&shared.payload, &input), "the payload is a slice of the input");
    assert!(within(&shared.chunks[0], &input));
    let copied = Packet::decode(&input).unwrap();
    assert_eq!(copied, packet());
    assert!(!within(&copied.payload, &input), "from a plain slice the payload is copied");
    // Errors and options as for `decode`.
    let err = Packet::decode_shared_with(&input, &DecodeOptions::default().max_bytes_len(3)).unwrap_err();
    assert!(matches!(err.kind(), DecodeErrorKind::LimitExceeded { .. }));
    assert_eq!(err.offset(), 3, "at the length prefix");
}

#[test]
fn views_read_bytes_fields_as_slices() {
    let input = packet().encode_to_vec();
    let view = Packet::view(&input).unwrap();
    assert_eq!(view.payload(), b"hello world");
    assert_eq!(view.to_message(), packet());
}

#[test]
fn an_owned_view_crosses_threads_and_rereads_without_validating_again() {
    let view: OwnedView<Packet> = OwnedView::new(packet().encode_to_bytes()).unwrap();
    let copy = view.clone();
    let seq = std::thread::spawn(move || copy.get().seq()).join().unwrap();
    assert_eq!(seq, 9);
    assert_eq!(view.get().payload(), b"hello world");
    assert_eq!(view.get().to_message(), packet());
    assert_eq!(view.bytes().len(), packet().encoded_len());
    fn send_static<T: Send + Sync + 'static>(_: &T) {}
    send_static(&view);
    // Validation happens once, at construction, with the options given.
    let bad = Bytes::from_static(&[0x12, 0x05, 0x01]);
    assert_eq!(
        OwnedView::<Packet>::new(bad).unwrap_err().kind(),
        &DecodeErrorKind::LengthOutOfBounds { len: 5, remaining: 1 }
    );
    let unknown = Bytes::from_static(&[0x48, 0x01]);
    assert!(OwnedView::<Packet>::new(unknown.clone()).is_ok());
    assert!(OwnedView::<Packet>::with_options(unknown, &DecodeOptions::strict()).is_err());
}

#[test]
fn encoding_into_bytes_mut_appends() {
    let mut out = BytesMut::from(&b"xy"[..]);
    packet().encode_into_bytes_mut(&mut out);
    assert_eq!(&out[..2], b"xy");
    assert_eq!(out[2..], packet().encode_to_vec()[..]);
    let frozen = out.split_off(2).freeze();
    assert_eq!(Packet::decode_shared(&frozen).unwrap(), packet());
}
