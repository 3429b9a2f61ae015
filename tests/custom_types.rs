//! `#[cram(N, with = "module")]`: a field of a type the crate does not own, encoded by the module's functions
//! as a BYTES value. Values, `Option`s, lists and arrays of it round-trip through owned decoding and views,
//! bad payloads are `InvalidValue` at the payload's offset under the field's name, and canonical decoding
//! rejects payloads the module would not write.

use cramberry::{CanonicalRule, Cramberry, DecodeErrorKind, DecodeOptions, Message, MessageView};
use std::net::Ipv4Addr;

/// IPv4 addresses as their 4 bytes (0.0.0.0 is the default and writes nothing); accepts 4 zero bytes too,
/// which it never writes.
mod ipv4 {
    use cramberry::with::Invalid;
    use std::net::Ipv4Addr;

    pub type View<'a> = Ipv4Addr;
    pub fn encoded_len(ip: &Ipv4Addr) -> usize {
        if ip.is_unspecified() {
            0
        } else {
            4
        }
    }
    pub fn encode(ip: &Ipv4Addr, out: &mut [u8]) {
        out.copy_from_slice(&ip.octets());
    }
    pub fn decode(payload: &[u8]) -> Result<Ipv4Addr, Invalid> {
        match payload {
            [] => Ok(Ipv4Addr::UNSPECIFIED),
            &[a, b, c, d] => Ok(Ipv4Addr::new(a, b, c, d)),
            _ => Err(Invalid::new("an IPv4 address is 4 bytes")),
        }
    }
    pub fn empty() -> Ipv4Addr {
        Ipv4Addr::UNSPECIFIED
    }
    pub fn view(payload: &[u8]) -> Result<Ipv4Addr, Invalid> {
        decode(payload)
    }
    pub fn from_view(ip: &Ipv4Addr) -> Ipv4Addr {
        *ip
    }
    pub fn empty_view<'a>() -> View<'a> {
        empty()
    }
}

/// A foreign "label" type viewed without copying: the view borrows the payload's text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Label(String);

mod label {
    use super::Label;
    use cramberry::with::Invalid;

    pub type View<'a> = &'a str;
    pub fn encoded_len(label: &Label) -> usize {
        label.0.len()
    }
    pub fn encode(label: &Label, out: &mut [u8]) {
        out.copy_from_slice(label.0.as_bytes());
    }
    pub fn decode(payload: &[u8]) -> Result<Label, Invalid> {
        view(payload).map(|s| Label(s.to_owned()))
    }
    pub fn empty() -> Label {
        Label::default()
    }
    pub fn view(payload: &[u8]) -> Result<&str, Invalid> {
        match std::str::from_utf8(payload) {
            Ok(s) if s.bytes().all(|b| b.is_ascii_lowercase()) => Ok(s),
            _ => Err(Invalid::new("a label is lowercase ASCII letters")),
        }
    }
    pub fn from_view(view: &&str) -> Label {
        Label((*view).to_owned())
    }
    pub fn empty_view<'a>() -> View<'a> {
        ""
    }
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Peer {
    #[cram(1, with = "ipv4")]
    address: Ipv4Addr,
    #[cram(2, with = "ipv4")]
    gateway: Option<Ipv4Addr>,
    #[cram(3, with = "ipv4")]
    fallbacks: Vec<Ipv4Addr>,
    #[cram(4, with = "ipv4")]
    pair: [Ipv4Addr; 2],
    #[cram(5, with = "label")]
    name: Label,
    #[cram(6)]
    port: u16,
}

fn peer() -> Peer {
    Peer {
        address: Ipv4Addr::new(10, 0, 0, 1),
        gateway: Some(Ipv4Addr::UNSPECIFIED),
        fallbacks: vec![Ipv4Addr::LOCALHOST, Ipv4Addr::UNSPECIFIED],
        pair: [Ipv4Addr::new(1, 2, 3, 4), Ipv4Addr::UNSPECIFIED],
        name: Label("edge".into()),
        port: 443,
    }
}

#[test]
fn exact_bytes_and_round_trips() {
    let peer = peer();
    let bytes = peer.encode_to_vec();
    #[rustfmt::skip]
    assert_eq!(bytes, [
        0x0a, 0x04, 10, 0, 0, 1,                         // address
        0x12, 0x00,                                      // gateway: Some(default) is written, empty
        0x1a, 0x04, 127, 0, 0, 1, 0x1a, 0x00,            // fallbacks: one field per element
        0x22, 0x04, 1, 2, 3, 4, 0x22, 0x00,              // pair
        0x2a, 0x04, b'e', b'd', b'g', b'e',              // name
        0x30, 0xbb, 0x03,                                // port
    ]);
    assert_eq!(bytes.len(), peer.encoded_len());
    assert_eq!(Peer::decode(&bytes).unwrap(), peer);
    assert_eq!(Peer::decode_with(&bytes, &DecodeOptions::canonical()).unwrap(), peer);

    let view = Peer::view(&bytes).unwrap();
    assert_eq!(view.address(), Ipv4Addr::new(10, 0, 0, 1));
    assert_eq!(view.gateway(), Some(Ipv4Addr::UNSPECIFIED));
    assert_eq!(view.fallbacks().iter().collect::<Vec<_>>(), peer.fallbacks);
    let name: &str = view.name();
    assert_eq!(name, "edge");
    assert_eq!(name.as_ptr(), bytes[26..].as_ptr(), "the view borrows the payload");
    assert_eq!(view.to_message(), peer);
    let arena = bumpalo::Bump::new();
    assert_eq!(PeerView::view_in(&bytes, &arena).unwrap().to_message(), peer);
}

#[test]
fn absent_fields_are_the_modules_empty_values() {
    let empty = Peer::decode(&[]).unwrap();
    assert_eq!(empty.address, Ipv4Addr::UNSPECIFIED);
    assert_eq!(empty.gateway, None);
    assert_eq!(empty.pair, [Ipv4Addr::UNSPECIFIED; 2]);
    assert!(empty.encode_to_vec().is_empty(), "default custom values are not written");
    let view = Peer::view(&[]).unwrap();
    assert_eq!((view.address(), view.name()), (Ipv4Addr::UNSPECIFIED, ""));
}

#[test]
fn a_rejected_payload_is_an_invalid_value_at_its_offset() {
    let bytes = [0x30, 0x01, 0x0a, 0x03, 1, 2, 3]; // port, then a 3-byte address
    for err in [Peer::decode(&bytes).unwrap_err(), Peer::view(&bytes).unwrap_err()] {
        assert_eq!(
            err.kind(),
            &DecodeErrorKind::InvalidValue { reason: "an IPv4 address is 4 bytes" },
            "{err}"
        );
        assert_eq!(err.offset(), 4);
        assert!(err.to_string().contains("address"), "{err}");
    }
    let bytes = [0x2a, 0x02, b'U', b'p'];
    for err in [Peer::decode(&bytes).unwrap_err(), Peer::view(&bytes).unwrap_err()] {
        assert!(matches!(err.kind(), DecodeErrorKind::InvalidValue { .. }), "{err}");
        assert_eq!(err.offset(), 2);
        assert!(err.to_string().contains("name"), "{err}");
    }
}

#[test]
fn canonical_decoding_rejects_payloads_the_module_would_not_write() {
    let bytes = [0x12, 0x04, 0, 0, 0, 0]; // gateway Some(0.0.0.0) spelt as 4 bytes; the encoder writes 0
    assert_eq!(Peer::decode(&bytes).unwrap().gateway, Some(Ipv4Addr::UNSPECIFIED));
    assert!(Peer::view(&bytes).is_ok());
    let canonical = DecodeOptions::canonical();
    for err in
        [Peer::decode_with(&bytes, &canonical).unwrap_err(), Peer::view_with(&bytes, &canonical).unwrap_err()]
    {
        assert_eq!(err.kind(), &DecodeErrorKind::NonCanonical(CanonicalRule::Reencoding), "{err}");
        assert_eq!(err.offset(), 2);
    }
}
