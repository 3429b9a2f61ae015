//! Imports are resolved next to the importing file and through search paths, with package-qualified and
//! aliased names.

use std::path::PathBuf;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cramberry-imports-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    dir
}

#[test]
fn imports_resolve_beside_the_file_and_through_search_paths() {
    let dir = temp_dir("ok");
    std::fs::write(
        dir.join("lib/common.cram"),
        "package common;\nmessage Money { int64 units = 1; string currency = 2; }\n",
    )
    .unwrap();
    std::fs::write(dir.join("types.cram"), "package types;\nenum Side { BUY = 0; SELL = 1; }\n").unwrap();
    std::fs::write(
        dir.join("orders.cram"),
        "package orders;\nimport \"types.cram\";\nimport \"common.cram\" as c;\n\
         message Order { common.Money price = 1; types.Side side = 2; c.Money fee = 3; Side again = 4; }\n",
    )
    .unwrap();
    let loaded = cramberry_schema::load_file(dir.join("orders.cram"), &[dir.join("lib")])
        .unwrap_or_else(|d| panic!("{d}"));
    let order = &loaded.schema.messages[loaded.schema.message("Order").unwrap()];
    assert_eq!(order.fields.len(), 4);
    let modules = cramberry_schema::generate_rust(&loaded.schema, "orders.cram").unwrap();
    assert!(modules["orders"].contains("pub price: super::common::Money,"), "{}", modules["orders"]);
    assert!(modules["orders"].contains("pub side: super::types::Side,"));
    assert_eq!(modules.keys().collect::<Vec<_>>(), ["common", "orders", "types"]);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_missing_import_is_reported_at_the_import() {
    let dir = temp_dir("missing");
    std::fs::write(dir.join("a.cram"), "import \"nowhere.cram\";\nmessage A {}\n").unwrap();
    let err = cramberry_schema::load_file(dir.join("a.cram"), &[dir.join("lib")]).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("cannot read import `nowhere.cram`"), "{text}");
    assert!(text.contains("a.cram:1:1"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The derive's types for the schema below: `SystemTime` and `std::time::Duration` are written as the
/// standard messages.
#[derive(cramberry::Cramberry, Debug, PartialEq)]
struct Event {
    #[cram(1)]
    at: std::time::SystemTime,
    #[cram(2)]
    took: std::time::Duration,
    #[cram(3)]
    note: Option<cramberry::std_types::Timestamp>,
}

#[test]
fn the_standard_schema_is_built_in_and_encodes_like_the_runtimes_standard_types() {
    let dir = temp_dir("std");
    std::fs::write(
        dir.join("events.cram"),
        "package events;\nimport \"cramberry/std.cram\";\n\
         message Event { cramberry.std.Timestamp at = 1; cramberry.std.Duration took = 2; \
         optional cramberry.std.Timestamp note = 3; }\n",
    )
    .unwrap();
    let loaded = cramberry_schema::load_file(dir.join("events.cram"), &[dir.join("lib")])
        .unwrap_or_else(|d| panic!("{d}"));
    let schema = &loaded.schema;
    let timestamp = schema.message("Timestamp").unwrap();
    assert_eq!(schema.messages[timestamp].type_id, Some(64), "the standard ids are allowed in cramberry.std");

    let json = serde_json::json!({
        "at": {"seconds": 1_700_000_000, "nanos": 5},
        "took": {"seconds": 2, "nanos": 500_000_000},
        "note": {},
    });
    let event = schema.message("Event").unwrap();
    let dynamic = cramberry_schema::json::from_json(schema, event, &json).unwrap();
    let bytes = cramberry_schema::dynamic::encode(schema, &dynamic).unwrap();
    let derived = Event {
        at: std::time::UNIX_EPOCH + std::time::Duration::new(1_700_000_000, 5),
        took: std::time::Duration::from_millis(2500),
        note: Some(cramberry::std_types::Timestamp::default()),
    };
    assert_eq!(bytes, cramberry::Message::encode_to_vec(&derived));
    assert_eq!(<Event as cramberry::Message>::decode(&bytes).unwrap(), derived);

    let modules = cramberry_schema::generate_rust(schema, "events.cram").unwrap();
    let events = &modules["events"];
    assert!(events.contains("pub at: ::cramberry::std_types::Timestamp,"), "{events}");
    assert!(events.contains("pub note: Option<::cramberry::std_types::Timestamp>,"), "{events}");
    assert_eq!(modules.keys().collect::<Vec<_>>(), ["events"], "every standard type is the runtime's own");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn standard_type_ids_are_reserved_outside_the_standard_package() {
    let err = cramberry_schema::load_str("a.cram", "package mine;\nmessage Stamp @ 64 { int64 s = 1; }\n")
        .unwrap_err();
    assert!(err.to_string().contains("type id 64 is reserved"), "{err}");
}

#[test]
fn load_str_follows_the_built_in_standard_import() {
    let text = "import \"cramberry/std.cram\";\nmessage Event { cramberry.std.Timestamp at = 1; }\n";
    let loaded = cramberry_schema::load_str("event.cram", text).unwrap_or_else(|d| panic!("{d}"));
    assert!(loaded.schema.message("Timestamp").is_some());
}
