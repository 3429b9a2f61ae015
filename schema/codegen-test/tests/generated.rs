//! Generated code, views and the dynamic codec agree, for every message type of the project's example schema
//! and of the shared schemas: random values built from the schema model are encoded by the dynamic codec,
//! decoded by the generated types, viewed, re-encoded, and sent through JSON; then mutations of those bytes
//! (bit flips, overwritten, inserted and deleted bytes, cuts) get the same verdict from all three under
//! default, secure, strict, canonical and tight-limit options: the same value (the same bytes re-encoded) or
//! the same error kind, offset and path.
#![allow(deprecated)]

use cramberry::{DecodeOptions, Message, MessageView};
use cramberry_codegen_test::differential::same_verdict;
use cramberry_codegen_test::random::{mutate, random_message, Rng};
use cramberry_schema::dynamic;
use cramberry_schema::json::{from_json, to_json};
use cramberry_schema::model::Schema;
use cramberry_schema::reflect::DynamicMessage;
use std::path::Path;

/// Inputs each type's differential ran, summed over the whole test (reported at the end).
static COMPARED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// For every listed generated type: random dynamic values encode to bytes the generated type decodes, views
/// and re-encodes identically; the dynamic codec and JSON round-trip to the same bytes; mutated bytes get the
/// same verdict from the generated type, its view and the dynamic codec.
fn check<T>(schema: &Schema, name: &str, seed: u64)
where
    T: Message + for<'a> cramberry::DecodeMessage<'a> + cramberry::Viewable + std::fmt::Debug,
    for<'a> <T as cramberry::Viewable>::View<'a>: MessageView<'a, Owned = T>,
{
    let index = schema.message(name).unwrap_or_else(|| panic!("no message {name}"));
    let mut rng = Rng(seed);
    let mut compared = 0;
    for _ in 0..200 {
        let value = random_message(schema, index, &mut rng, 0);
        let bytes = dynamic::encode(schema, &value).unwrap_or_else(|e| panic!("{name}: {e}"));
        let derived = T::decode(&bytes).unwrap_or_else(|e| panic!("{name}: derived decode: {e}\n{value:?}"));
        assert_eq!(derived.encode_to_vec(), bytes, "{name}: derived re-encoding");
        let view = <T as cramberry::Viewable>::View::view(&bytes).expect("view");
        assert_eq!(MessageView::to_message(&view).encode_to_vec(), bytes, "{name}: view");
        let canonical = T::decode_with(&bytes, &DecodeOptions::canonical())
            .unwrap_or_else(|e| panic!("{name}: canonical: {e}"));
        assert_eq!(canonical.encode_to_vec(), bytes);
        let back = dynamic::decode(schema, index, &bytes, &DecodeOptions::default()).expect("dynamic decode");
        assert_eq!(dynamic::encode(schema, &back).unwrap(), bytes, "{name}: dynamic re-encoding");
        let json = to_json(schema, &back);
        let from = from_json(schema, index, &json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"));
        assert_eq!(dynamic::encode(schema, &from).unwrap(), bytes, "{name}: JSON round trip\n{json}");
        let reflected = DynamicMessage::from_dyn(schema, back.clone()).expect("a decoded value is valid");
        assert_eq!(reflected.encode_to_vec().unwrap(), bytes, "{name}: reflection");
        compared += same_verdict::<T>(schema, index, name, &bytes);
        for _ in 0..20 {
            compared += same_verdict::<T>(schema, index, name, &mutate(&bytes, &mut rng));
        }
    }
    COMPARED.fetch_add(compared, std::sync::atomic::Ordering::Relaxed);
    eprintln!("{name}: {compared} decodings compared (derived, view, dynamic)");
}

fn load(path: &Path) -> Schema {
    cramberry_schema::load_file(path, &[path.parent().unwrap()]).unwrap_or_else(|d| panic!("{d}")).schema
}

#[test]
fn everything_schema_agrees_across_derived_views_dynamic_and_json() {
    use cramberry_codegen_test::everything::*;
    let schema = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas/everything.cram"));
    check::<Point>(&schema, "Point", 1);
    check::<Circle>(&schema, "Circle", 2);
    check::<Polygon>(&schema, "Polygon", 3);
    check::<Node>(&schema, "Node", 4);
    check::<Everything>(&schema, "Everything", 5);
}

/// Where the shared schemas are, when `../shared` is beside the project (build.rs sets `shared_schemas`).
#[cfg(shared_schemas)]
fn shared() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas")
}

#[cfg(shared_schemas)]
#[test]
fn shared_schemas_parse_and_validate_unchanged() {
    for file in ["messages.cram", "interop.cram"] {
        let loaded =
            cramberry_schema::load_file(shared().join(file), &[shared()]).unwrap_or_else(|d| panic!("{d}"));
        assert!(!loaded.schema.messages.is_empty());
        assert!(loaded.warnings.is_empty(), "{file}: {:?}", loaded.warnings);
    }
}

#[cfg(not(shared_schemas))]
#[test]
#[ignore = "needs ../shared/schemas beside the project"]
fn shared_schemas_parse_and_validate_unchanged() {}

#[cfg(not(shared_schemas))]
#[test]
#[ignore = "needs ../shared/schemas beside the project"]
fn shared_schemas_agree_across_derived_views_dynamic_and_json() {}

#[cfg(shared_schemas)]
#[test]
fn shared_schemas_agree_across_derived_views_dynamic_and_json() {
    use cramberry_codegen_test::{benchmark as b, interop as i};
    let schema = load(&shared().join("messages.cram"));
    check::<b::Point>(&schema, "Point", 10);
    check::<b::Timestamp>(&schema, "Timestamp", 11);
    check::<b::Duration>(&schema, "Duration", 12);
    check::<b::Metrics>(&schema, "Metrics", 13);
    check::<b::SmallMessage>(&schema, "SmallMessage", 14);
    check::<b::Address>(&schema, "Address", 15);
    check::<b::ContactInfo>(&schema, "ContactInfo", 16);
    check::<b::Person>(&schema, "Person", 17);
    check::<b::Organization>(&schema, "Organization", 18);
    check::<b::Tag>(&schema, "Tag", 19);
    check::<b::Attachment>(&schema, "Attachment", 20);
    check::<b::Comment>(&schema, "Comment", 21);
    check::<b::Document>(&schema, "Document", 22);
    check::<b::EventSource>(&schema, "EventSource", 23);
    check::<b::Event>(&schema, "Event", 24);
    check::<b::LogEntry>(&schema, "LogEntry", 25);
    check::<b::UserProfile>(&schema, "UserProfile", 26);
    check::<b::BatchRequest>(&schema, "BatchRequest", 27);
    check::<b::BatchResponse>(&schema, "BatchResponse", 28);
    let schema = load(&shared().join("interop.cram"));
    check::<i::ScalarTypes>(&schema, "ScalarTypes", 30);
    check::<i::RepeatedTypes>(&schema, "RepeatedTypes", 31);
    check::<i::NestedMessage>(&schema, "NestedMessage", 32);
    check::<i::ComplexTypes>(&schema, "ComplexTypes", 33);
    check::<i::EdgeCases>(&schema, "EdgeCases", 34);
    check::<i::AllFieldNumbers>(&schema, "AllFieldNumbers", 35);
}
