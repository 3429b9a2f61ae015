//! The registry: message types by type id, decoding `TypeRef` fields, `Any`s and raw bytes to boxed values
//! of the registered types (downcastable) or validated views, with typed errors for every refusal.

use cramberry::registry::{Registry, RegistryError, TypeRef, UnknownTypes, UnregisteredMessage};
use cramberry::std_types::{Any, Timestamp};
use cramberry::{Cramberry, DecodeErrorKind, Message};

#[derive(Cramberry, Debug, PartialEq, Clone)]
#[cram(type_id = 200)]
struct Fill {
    #[cram(1)]
    quantity: u64,
    #[cram(2)]
    venue: String,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
#[cram(type_id = 201)]
struct Cancel {
    #[cram(1)]
    order: u64,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
#[cram(type_id = 200)]
struct Impostor {
    #[cram(1)]
    x: u32,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
#[cram(type_id = 100)]
struct TooLow {
    #[cram(1)]
    x: u32,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
struct Envelope {
    #[cram(1)]
    sequence: u64,
    #[cram(2)]
    payload: Option<TypeRef>,
    #[cram(3)]
    batch: Vec<TypeRef>,
}

#[derive(Cramberry, Debug, PartialEq, Clone)]
enum Event {
    #[cram(type_id = 300)]
    Fill(Fill),
    #[cram(type_id = 301)]
    Cancel(Cancel),
}

fn registry() -> Registry {
    let mut registry = Registry::new();
    registry.register::<Fill>().unwrap().register::<Cancel>().unwrap();
    registry
}

fn fill() -> Fill {
    Fill { quantity: 7, venue: "XNAS".into() }
}

#[test]
fn a_type_ref_field_decodes_to_the_registered_type() {
    let registry = registry();
    let envelope = Envelope {
        sequence: 1,
        payload: Some(TypeRef::pack(&fill())),
        batch: vec![TypeRef::pack(&Cancel { order: 9 }), TypeRef::pack(&fill())],
    };
    let bytes = envelope.encode_to_vec();
    let back = Envelope::decode(&bytes).unwrap();
    assert_eq!(back, envelope);

    let message = registry.decode_type_ref(back.payload.as_ref().unwrap()).unwrap();
    assert!(message.is::<Fill>());
    assert_eq!(message.downcast_ref::<Fill>(), Some(&fill()));
    assert_eq!(message.downcast_ref::<Cancel>(), None);
    assert_eq!(message.encode_to_vec(), fill().encode_to_vec());
    let cancel = registry.decode_type_ref(&back.batch[0]).unwrap();
    assert_eq!(*cancel.downcast::<Cancel>().unwrap(), Cancel { order: 9 });
    let wrong = registry.decode_type_ref(&back.batch[1]).unwrap();
    assert!(wrong.downcast::<Cancel>().is_err(), "a downcast to another type gives the value back");

    // Views: the field borrows the bytes; the registry validates them as the registered type.
    let view = Envelope::view(&bytes).unwrap();
    let payload = view.payload().unwrap();
    assert_eq!(payload.type_id, 200);
    let any = registry.view_type_ref(payload).unwrap();
    assert!(any.is_registered());
    assert_eq!(any.get::<Fill>().map(|f| (f.quantity(), f.venue())), Some((7, "XNAS")));
    assert!(any.get::<Cancel>().is_none());
    assert!(any.get::<Impostor>().is_none(), "the same type id on another type is not that type");
}

#[test]
fn type_ref_fields_write_their_bytes_unchanged() {
    // TYPEREF field 2: type id 999, 3 bytes that are not a message of any type.
    let bytes = [0x17, 0xe7, 0x07, 0x03, 0xff, 0xff, 0xff];
    let envelope = Envelope::decode(&bytes).unwrap();
    assert_eq!(envelope.payload, Some(TypeRef { type_id: 999, bytes: vec![0xff; 3] }));
    assert_eq!(envelope.encode_to_vec(), bytes);
    assert_eq!(Envelope::view(&bytes).unwrap().to_message(), envelope);
}

#[test]
fn registration_refusals_are_typed_and_leave_the_registry_unchanged() {
    let mut registry = registry();
    assert_eq!(
        registry.register::<Impostor>().unwrap_err(),
        RegistryError::DuplicateTypeId {
            type_id: 200,
            registered: std::any::type_name::<Fill>(),
            rejected: std::any::type_name::<Impostor>(),
        }
    );
    assert!(matches!(
        registry.register_as::<Fill>(500).unwrap_err(),
        RegistryError::DuplicateType { type_id: 200, .. }
    ));
    let reserved = registry.register::<TooLow>().unwrap_err();
    assert!(matches!(reserved, RegistryError::ReservedTypeId { type_id: 100, .. }));
    assert!(reserved.to_string().contains("reserved"), "{reserved}");
    assert_eq!(registry.type_ids().collect::<Vec<_>>(), [200, 201]);
    assert_eq!(registry.type_name(200), Some(std::any::type_name::<Fill>()));
}

#[test]
fn an_unknown_type_id_is_an_error_naming_it_or_kept_as_bytes() {
    let registry = registry();
    for err in [registry.decode(999, &[]).unwrap_err(), registry.view(999, &[]).unwrap_err()] {
        assert_eq!(err.kind(), &DecodeErrorKind::UnknownTypeId(999));
        assert!(err.to_string().contains("999"), "{err}");
    }
    let keeping = self::registry().unknown_types(UnknownTypes::Keep);
    let kept = keeping.decode(999, &[0xff, 0x01]).unwrap();
    assert_eq!(
        kept.downcast_ref::<UnregisteredMessage>(),
        Some(&UnregisteredMessage { type_id: 999, bytes: vec![0xff, 0x01] })
    );
    assert_eq!(kept.encode_to_vec(), [0xff, 0x01]);
    let view = keeping.view(999, &[0xff]).unwrap();
    assert!(!view.is_registered());
    assert!(view.get::<Fill>().is_none());
}

#[test]
fn bad_bytes_get_the_same_verdict_decoded_and_viewed() {
    let registry = registry();
    let bytes = [0x12, 0x02, 0xc3, 0x28]; // Fill.venue: invalid UTF-8
    let decoded = registry.decode(200, &bytes).unwrap_err();
    let viewed = registry.view(200, &bytes).unwrap_err();
    assert_eq!(decoded.kind(), &DecodeErrorKind::InvalidUtf8);
    assert_eq!((decoded.kind(), decoded.offset()), (viewed.kind(), viewed.offset()));
    assert!(decoded.to_string().contains("venue"), "{decoded}");
}

#[test]
fn interfaces_register_their_members_under_their_type_ids() {
    let mut registry = Registry::new();
    Event::register_members(&mut registry).unwrap();
    assert_eq!(registry.type_ids().collect::<Vec<_>>(), [300, 301]);
    let decoded = registry.decode(301, &Cancel { order: 4 }.encode_to_vec()).unwrap();
    assert_eq!(decoded.downcast_ref::<Cancel>(), Some(&Cancel { order: 4 }));
    assert!(matches!(Event::register_members(&mut registry), Err(RegistryError::DuplicateType { .. })));
}

#[test]
fn standard_types_and_any() {
    let registry = Registry::with_standard_types();
    assert_eq!(registry.type_ids().collect::<Vec<_>>(), (64..=72).collect::<Vec<_>>());
    let stamp = Timestamp { seconds: 5, nanos: 6 };
    let any = Any::pack(&stamp);
    assert_eq!(any.type_id, 64);
    assert_eq!(registry.decode_any(&any).unwrap().downcast_ref::<Timestamp>(), Some(&stamp));
    assert_eq!(any.unpack::<Timestamp>().unwrap(), Some(stamp));
    assert_eq!(any.unpack::<Fill>().unwrap(), None);
    let broken = Any { type_id: 64, value: vec![0x0e] }; // field 1 (SVARINT) without its value
    assert_eq!(broken.unpack::<Timestamp>().unwrap_err().kind(), &DecodeErrorKind::Truncated);
}
