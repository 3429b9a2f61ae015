//! Facts that live in more than one place because the places cannot share code (a proc-macro crate cannot
//! depend on the runtime, TypeScript cannot import Rust) are checked against the runtime's constants here:
//! the boundaries the derive accepts (its refusals are the UI tests `field_number_out_of_range` and
//! `type_id_reserved`), and the TypeScript runtime's copy.

use cramberry::registry::{Registered, FIRST_USER_TYPE_ID, STANDARD_TYPE_IDS};
use cramberry::{Cramberry, Message, MAX_FIELD_NUMBER};

/// The largest field number and the first user type id, as the derive accepts them.
#[derive(Cramberry, Debug, PartialEq)]
#[cram(type_id = 128)]
struct Edges {
    #[cram(536870911)]
    last: u32,
}

#[test]
fn the_derive_accepts_exactly_the_runtimes_field_numbers_and_type_ids() {
    assert_eq!(MAX_FIELD_NUMBER, 536_870_911, "the derive's bound (derive/src/attr.rs) is 536870911");
    assert_eq!(Edges::TYPE_ID, FIRST_USER_TYPE_ID);
    assert_eq!(STANDARD_TYPE_IDS.end, FIRST_USER_TYPE_ID);
    let bytes = Edges { last: 1 }.encode_to_vec();
    assert_eq!(bytes, [0xf8, 0xff, 0xff, 0xff, 0x0f, 0x01], "tag (2^29 - 1) << 3, value 1");
    assert_eq!(Edges::decode(&bytes).unwrap(), Edges { last: 1 });
}

#[test]
fn the_typescript_runtime_has_the_same_largest_field_number() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ts/src/wire.ts");
    let source = std::fs::read_to_string(path).expect("ts/src/wire.ts");
    let line = source.lines().find(|l| l.contains("export const MAX_FIELD_NUMBER")).expect("the constant");
    let value: u32 = line
        .split('=')
        .nth(1)
        .expect("a value")
        .trim()
        .trim_end_matches(';')
        .replace('_', "")
        .parse()
        .unwrap();
    assert_eq!(value, MAX_FIELD_NUMBER);
}

#[test]
fn the_typescript_registry_has_the_same_type_id_ranges() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ts/src/registry.ts");
    let source = std::fs::read_to_string(path).expect("ts/src/registry.ts");
    let constant = |name: &str| -> u64 {
        let line = source.lines().find(|l| l.contains(&format!("export const {name} ="))).expect(name);
        line.split('=').nth(1).unwrap().trim().trim_end_matches(';').trim_end_matches('n').parse().unwrap()
    };
    assert_eq!(constant("FIRST_USER_TYPE_ID"), FIRST_USER_TYPE_ID);
    assert_eq!(constant("FIRST_STANDARD_TYPE_ID"), STANDARD_TYPE_IDS.start);
}

/// The integer ranges the TypeScript generator and runtime take from `ScalarKind::int_range` are the ranges
/// the runtime checks when it writes a dynamic value.
#[test]
fn scalar_int_ranges_are_the_ranges_the_runtime_checks() {
    use cramberry::{ScalarKind, ScalarValue};
    let value = |kind: ScalarKind, v: i128| -> Option<ScalarValue<'static>> {
        if kind.is_signed_integer() {
            i64::try_from(v).ok().map(ScalarValue::Int)
        } else {
            u64::try_from(v).ok().map(ScalarValue::Uint)
        }
    };
    let mut integers = 0;
    for kind in ScalarKind::ALL {
        let Some((min, max)) = kind.int_range() else {
            assert!(!kind.is_signed_integer() && !kind.is_unsigned_integer(), "{kind:?} is an integer");
            continue;
        };
        integers += 1;
        for inside in [min, max] {
            assert_eq!(kind.check(value(kind, inside).unwrap()), Ok(()), "{kind:?} holds {inside}");
        }
        for outside in [min - 1, max + 1] {
            if let Some(v) = value(kind, outside) {
                assert!(kind.check(v).is_err(), "{kind:?} refuses {outside}");
            }
        }
    }
    assert_eq!(integers, 12);
}

/// The TypeScript runtime's kind table (`kinds` in ts/src/codec.ts) gives every scalar the runtime's wire
/// type, and reads the narrow integers with the runtime's range and type name.
#[test]
fn the_typescript_kind_table_matches_the_scalar_kinds() {
    use cramberry::{ScalarKind, WireType};
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ts/src/codec.ts");
    let source = std::fs::read_to_string(path).expect("ts/src/codec.ts");
    let table = &source[source.find("export const kinds = {").expect("the kinds table")..];
    let mut checked = 0;
    for kind in ScalarKind::ALL {
        let name = kind.schema_name();
        let start = table.find(&format!("\n  {name}: ")).unwrap_or_else(|| panic!("kinds.{name}")) + 1;
        let line_end = start + table[start..].find('\n').unwrap();
        // A call (`numberKind(...)`) is one line; an object literal runs to its closing brace.
        let end = if table[..line_end].ends_with('{') {
            start + table[start..].find("\n  }").unwrap()
        } else {
            line_end
        };
        let entry = &table[start..end];
        let wire = ["VARINT", "SVARINT", "FIXED32", "FIXED64", "BYTES"]
            .into_iter()
            .find(|w| entry.contains(&format!("Kind({w},")) || entry.contains(&format!("wire: {w},")))
            .unwrap_or_else(|| panic!("the wire type of kinds.{name}: {entry}"));
        let expected = match kind.wire_type() {
            WireType::Varint => "VARINT",
            WireType::Svarint => "SVARINT",
            WireType::Fixed32 => "FIXED32",
            WireType::Fixed64 => "FIXED64",
            WireType::Bytes => "BYTES",
            WireType::TypeRef => unreachable!("no scalar is a TYPEREF"),
        };
        assert_eq!(wire, expected, "kinds.{name}");
        let checked_read = ["r.uint(0x", "r.sint(0x"].into_iter().find_map(|call| entry.split_once(call));
        if let Some((_, args)) = checked_read {
            let (max, rest) = args.split_once(", \"").expect("max, then the type name");
            let max = i128::from_str_radix(max, 16).expect("a hex maximum");
            assert_eq!(Some(max), kind.int_range().map(|(_, max)| max), "kinds.{name}'s range");
            assert_eq!(rest.split('"').next(), Some(kind.rust_type()), "kinds.{name}'s type name");
            checked += 1;
        }
    }
    assert_eq!(checked, 6, "uint8..uint32 and int8..int32 are read with a range check");
}
