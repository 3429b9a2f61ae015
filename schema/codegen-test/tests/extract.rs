//! `cramberry extract` on the runtime's derive test types (tests/common/types.rs): the schema it writes,
//! compiled back to Rust by the generator (module `extracted`, see build.rs), encodes every value to the same
//! bytes as the original derived types, and what the schema cannot express is reported with file and line.
//! (The TypeScript generated from the same schema reads these bytes in tests/typescript.rs.)

#[allow(dead_code, clippy::all)]
#[path = "../../../tests/common/types.rs"]
mod original;

use cramberry::{DecodeMessage, Message};
use cramberry_codegen_test::extracted as x;
use cramberry_codegen_test::random::{random_message, Rng};
use cramberry_schema::dynamic::{self, DynMessage, Value};
use cramberry_schema::Schema;

fn extracted_schema() -> Schema {
    let path = concat!(env!("OUT_DIR"), "/extracted.cram");
    cramberry_schema::load_file(path, &[] as &[&str]).unwrap_or_else(|d| panic!("{d}")).schema
}

/// Re-encodes what a type decodes from the bytes.
type Reencode = fn(&[u8]) -> cramberry::Result<Vec<u8>>;

/// The re-encoding of `T`.
fn reencode<T: Message + for<'a> DecodeMessage<'a>>(bytes: &[u8]) -> cramberry::Result<Vec<u8>> {
    T::decode(bytes).map(|v| v.encode_to_vec())
}

/// The re-encoding of the borrowing `Borrowed<'a>` (decoded from the bytes it borrows).
fn borrowed(bytes: &[u8]) -> cramberry::Result<Vec<u8>> {
    original::Borrowed::decode(bytes).map(|v| v.encode_to_vec())
}

/// Random values of `name` (made from the extracted schema, adjusted by `fix`) decode with the original
/// type and the generated type, and both re-encode to the same bytes.
fn same_bytes(schema: &Schema, name: &str, seed: u64, fix: &dyn Fn(&mut DynMessage), types: [Reencode; 2]) {
    let index = schema.message(name).unwrap_or_else(|| panic!("{name} not extracted"));
    let mut rng = Rng(seed);
    for _ in 0..300 {
        let mut value = random_message(schema, index, &mut rng, 0);
        fix(&mut value);
        let bytes = dynamic::encode(schema, &value).unwrap();
        for (who, again) in ["original", "generated"].into_iter().zip(types) {
            let again = again(&bytes).unwrap_or_else(|e| panic!("{name}: {who}: {e}\n{value:?}"));
            assert_eq!(again, bytes, "{name}: {who} re-encoding\n{value:?}");
        }
    }
}

#[test]
fn extracted_schema_writes_the_bytes_of_the_original_types() {
    let schema = extracted_schema();
    let none = |_: &mut DynMessage| {};
    same_bytes(&schema, "Inner", 1, &none, [reencode::<original::Inner>, reencode::<x::Inner>]);
    same_bytes(&schema, "Circle", 2, &none, [reencode::<original::Circle>, reencode::<x::Circle>]);
    let keeps = [reencode::<original::KeepsUnknown>, reencode::<x::KeepsUnknown>];
    same_bytes(&schema, "KeepsUnknown", 3, &none, keeps);
    same_bytes(&schema, "Borrowed", 4, &none, [borrowed, reencode::<x::Borrowed>]);
    // `hash` is `[u8; 4]`, extracted as `bytes` (reported): give it the length the Rust type has.
    let hash = schema.messages[schema.message("AllKinds").unwrap()].fields.iter().find(|f| f.name == "hash");
    let hash = hash.expect("AllKinds.hash").number;
    let four_bytes = |m: &mut DynMessage| {
        if let Some(Value::Bytes(b)) = m.fields.get_mut(&hash) {
            b.resize(4, 0x5a);
        }
    };
    same_bytes(
        &schema,
        "AllKinds",
        5,
        &four_bytes,
        [reencode::<original::AllKinds>, reencode::<x::AllKinds>],
    );
}

#[test]
fn what_the_schema_cannot_express_is_reported_with_file_and_line() {
    let text = include_str!("../../../tests/common/types.rs");
    let out = cramberry_schema::extract::extract(&[("types.rs", text)], Some("extracted")).unwrap();
    let report: Vec<String> =
        out.problems.iter().map(|p| format!("{}:{} {}", p.file, p.line, p.item)).collect();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert_eq!(
        report,
        [
            format!("types.rs:{} Level::Other", line_of("Other(u32)")),
            format!("types.rs:{} Vec3", line_of("pub struct Vec3")),
            format!("types.rs:{} AllKinds.hash", line_of("pub hash:")),
            format!("types.rs:{} AllKinds.point", line_of("pub point:")),
            format!("types.rs:{} AllKinds.points", line_of("pub points:")),
        ]
    );
    assert!(out.problems[1].message.contains("pod"), "{}", out.problems[1]);
    // Skipped fields and kept unknown fields are not on the wire: left out without a report.
    assert!(!out.schema.contains(" cache = ") && !out.schema.contains(" unknown = "), "{}", out.schema);
    assert!(out.schema.contains("interface Shape {\n    128 = Inner;\n    300 = Circle;\n}"));
    assert!(out.schema.contains("    required uint32 must = 46;\n"));
    assert!(out
        .schema
        .contains("/// An enumeration without a catch-all: unknown numbers are errors.\nenum Color {"));
}

#[test]
fn unparsable_sources_are_an_error_with_the_line() {
    let err = cramberry_schema::extract::extract(&[("bad.rs", "struct A {\n  x: u32,\n  y: \n}")], None)
        .unwrap_err();
    assert_eq!((err.file.as_str(), err.line), ("bad.rs", 4));
}

/// The standard types are listed once (`cramberry::std_types::STANDARD_TYPES`); the built-in standard schema
/// defines exactly those, with the same type ids.
#[test]
fn the_standard_schema_defines_exactly_the_runtimes_standard_types() {
    let loaded = cramberry_schema::load_str("uses_std.cram", "import \"cramberry/std.cram\";\n").unwrap();
    let mut in_schema: Vec<(String, u64)> = loaded
        .schema
        .messages
        .iter()
        .filter(|m| m.package == ["cramberry", "std"])
        .map(|m| (m.name.clone(), m.type_id.expect("standard types have ids")))
        .collect();
    let mut listed: Vec<(String, u64)> =
        cramberry::std_types::STANDARD_TYPES.iter().map(|&(n, id)| (n.to_owned(), id)).collect();
    in_schema.sort();
    listed.sort();
    assert_eq!(in_schema, listed);
}

/// Every standard type (and the foreign time types written as Timestamp) extracts to the standard type of
/// that name, and the extracted schema loads: no name the standard schema does not define.
#[test]
fn every_standard_type_extracts_to_a_type_the_standard_schema_defines() {
    let mut fields: Vec<(String, String)> =
        cramberry::std_types::STANDARD_TYPES.iter().map(|&(n, _)| (n.to_owned(), n.to_owned())).collect();
    for foreign in ["SystemTime", "DateTime", "OffsetDateTime"] {
        fields.push((foreign.to_owned(), "Timestamp".to_owned()));
    }
    let body: String = fields
        .iter()
        .enumerate()
        .map(|(i, (ty, _))| format!("    #[cram({})]\n    f{}: {ty},\n", i + 1, i + 1))
        .collect();
    let source = format!("#[derive(Cramberry)]\nstruct Everything {{\n{body}}}\n");
    let out = cramberry_schema::extract::extract(&[("std.rs", &source)], Some("probe")).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    for (i, (ty, standard)) in fields.iter().enumerate() {
        let line = format!("cramberry.std.{standard} f{} = {};", i + 1, i + 1);
        assert!(out.schema.contains(&line), "{ty}: {line} not in\n{}", out.schema);
    }
    let loaded = cramberry_schema::load_str("probe.cram", &out.schema);
    assert!(loaded.is_ok(), "the extracted schema does not load:\n{}", out.schema);
}
