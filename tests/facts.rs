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
