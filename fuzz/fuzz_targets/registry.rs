//! Registry-driven open values and the list/custom field forms: an envelope of `TypeRef`s and an `Any`, each
//! decoded through a registry (user types, an interface's members, the standard types) and viewed; both must
//! give the same verdict, a decoded message must re-encode to bytes that decode to the same message, and the
//! envelope itself (with `Option<Vec<T>>`, `Vec<Vec<T>>`, `SmallVec` and `with` fields) must agree between
//! decode and view and re-encode canonically.
#![no_main]

use cramberry::registry::{Registry, TypeRef, UnknownTypes};
use cramberry::std_types::Any;
use cramberry::{Cramberry, DecodeOptions, Message};
use libfuzzer_sys::fuzz_target;

#[derive(Cramberry, Debug, PartialEq, Clone)]
#[cram(type_id = 200)]
struct Fill {
    #[cram(1)]
    quantity: u64,
    #[cram(2)]
    venue: String,
    #[cram(3)]
    legs: Vec<Vec<i32>>,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Cancel {
    #[cram(1)]
    order: u64,
    #[cram(2)]
    reason: Option<Vec<String>>,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
enum Event {
    #[cram(type_id = 300)]
    Cancel(Cancel),
    #[cram(type_id = 301)]
    Fill(Fill),
}

/// Four bytes, or nothing for zero; anything else is refused.
mod word {
    use cramberry::with::Invalid;
    pub type View<'a> = u32;
    pub fn encoded_len(v: &u32) -> usize {
        if *v == 0 {
            0
        } else {
            4
        }
    }
    pub fn encode(v: &u32, out: &mut [u8]) {
        out.copy_from_slice(&v.to_le_bytes());
    }
    pub fn decode(payload: &[u8]) -> Result<u32, Invalid> {
        match payload {
            [] => Ok(0),
            &[a, b, c, d] => Ok(u32::from_le_bytes([a, b, c, d])),
            _ => Err(Invalid::new("4 bytes")),
        }
    }
    pub fn empty() -> u32 {
        0
    }
    pub fn view(payload: &[u8]) -> Result<u32, Invalid> {
        decode(payload)
    }
    pub fn from_view(v: &u32) -> u32 {
        *v
    }
    pub fn empty_view<'a>() -> View<'a> {
        0
    }
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Envelope {
    #[cram(1)]
    payload: Option<TypeRef>,
    #[cram(2)]
    batch: Vec<TypeRef>,
    #[cram(3)]
    any: Option<Any>,
    #[cram(4)]
    maybe: Option<Vec<u32>>,
    #[cram(5)]
    small: smallvec::SmallVec<[u16; 4]>,
    #[cram(6, with = "word")]
    words: Vec<u32>,
}

fn registries() -> [Registry; 2] {
    let mut strict = Registry::with_standard_types();
    strict.register::<Fill>().unwrap();
    Event::register_members(&mut strict).ok(); // Fill is registered already: Cancel may follow or not
    let mut keeping = Registry::new().unknown_types(UnknownTypes::Keep);
    keeping.register_as::<Cancel>(300).unwrap();
    [strict, keeping]
}

fn check_open_value(registry: &Registry, type_id: u64, bytes: &[u8], options: &DecodeOptions) {
    let decoded = registry.decode_with(type_id, bytes, options);
    match (registry.view_with(type_id, bytes, options), &decoded) {
        (Ok(view), Ok(_)) => assert_eq!(view.is_registered(), registry.contains(type_id)),
        (Err(v), Err(d)) => assert_eq!((v.kind(), v.offset()), (d.kind(), d.offset())),
        (v, d) => panic!("view {:?} but decode {:?}", v.map(drop), d.as_ref().map(drop)),
    }
    if let Ok(message) = decoded {
        let again = message.encode_to_vec();
        let twice = registry.decode_with(type_id, &again, &DecodeOptions::canonical()).expect("our bytes decode");
        assert_eq!(twice.encode_to_vec(), again, "re-encoding is stable");
    }
}

fuzz_target!(|data: &[u8]| {
    let registries = registries();
    for options in [DecodeOptions::default(), DecodeOptions::canonical()] {
        let decoded = Envelope::decode_with(data, &options);
        match (Envelope::view_with(data, &options), &decoded) {
            (Ok(view), Ok(value)) => assert_eq!(&view.to_message(), value, "view and decode agree"),
            (Err(v), Err(d)) => assert_eq!((v.kind(), v.offset()), (d.kind(), d.offset())),
            (v, d) => panic!("view {:?} but decode {:?}", v.map(drop), d.as_ref().map(drop)),
        }
        let Ok(envelope) = decoded else { continue };
        let bytes = envelope.encode_to_vec();
        let again = Envelope::decode_with(&bytes, &DecodeOptions::canonical()).expect("our bytes are canonical");
        assert_eq!(again, envelope);
        if options == DecodeOptions::canonical() {
            assert_eq!(bytes, data, "canonical input re-encodes to itself");
        }
        let open = envelope.payload.iter().chain(&envelope.batch).map(|t| (t.type_id, &t.bytes[..]));
        let any = envelope.any.iter().map(|a| (a.type_id, &a.value[..]));
        for (type_id, bytes) in open.chain(any) {
            for registry in &registries {
                check_open_value(registry, type_id, bytes, &options);
            }
        }
    }
});
