//! Compatibility: every breaking kind is detected, every compatible change accepted.

use cramberry_schema::{check_compatibility, load_str, Severity};

fn verdict(old: &str, new: &str) -> (bool, Vec<String>) {
    let old = load_str("old.cram", old).unwrap_or_else(|d| panic!("{d}"));
    let new = load_str("new.cram", new).unwrap_or_else(|d| panic!("{d}"));
    let report = check_compatibility(&old, &new);
    let text = report.to_string();
    (
        report.is_breaking(),
        report.changes.iter().map(|c| format!("{:?}: {}", c.severity, c.message)).chain([text]).collect(),
    )
}

fn breaking(old: &str, new: &str, expect: &str) {
    let (is, changes) = verdict(old, new);
    assert!(is, "expected breaking: {changes:?}");
    assert!(changes.iter().any(|c| c.contains(expect)), "no change mentions {expect:?}: {changes:?}");
}

fn compatible(old: &str, new: &str) {
    let (is, changes) = verdict(old, new);
    assert!(!is, "expected compatible: {changes:?}");
}

#[test]
fn removing_a_type_is_breaking() {
    breaking("message A {} message B {}", "message A {}", "message `B` was removed");
    breaking("enum E { X = 0; }", "", "enum `E` was removed");
    breaking("message M {} interface I { 128 = M; }", "message M {}", "interface `I` was removed");
}

#[test]
fn changing_a_wire_type_is_breaking() {
    breaking("message M { int32 a = 1; }", "message M { uint32 a = 1; }", "wire type SVARINT -> VARINT");
    breaking("message M { float32 a = 1; }", "message M { float64 a = 1; }", "wire type FIXED32 -> FIXED64");
    breaking("message M { string a = 1; }", "message M { int64 a = 1; }", "type string -> int64");
}

#[test]
fn reusing_a_number_for_another_type_is_breaking() {
    breaking(
        "message A {} message B {} message M { A x = 1; }",
        "message A {} message B {} message M { B y = 1; }",
        "type A -> B",
    );
}

#[test]
fn adding_or_removing_repeated_is_breaking() {
    breaking("message M { int32 a = 1; }", "message M { repeated int32 a = 1; }", "single value <-> list");
    breaking("message M { []string a = 1; }", "message M { string a = 1; }", "single value <-> list");
}

#[test]
fn adding_or_removing_required_is_breaking() {
    breaking(
        "message M { int32 a = 1; }",
        "message M { int32 a = 1; required int32 b = 2; }",
        "required field `M.b` (2) was added",
    );
    breaking("message M { required int32 a = 1; }", "message M {}", "required field `M.a` (1) was removed");
    breaking(
        "message M { int32 a = 1; }",
        "message M { required int32 a = 1; }",
        "`required` was added or removed",
    );
}

#[test]
fn enum_values_removed_or_renumbered_are_breaking() {
    breaking("enum E { A = 0; B = 1; }", "enum E { A = 0; }", "enum value `E.B` (1) was removed");
    breaking("enum E { A = 0; B = 1; }", "enum E { A = 0; B = 2; }", "renumbered 1 -> 2");
}

#[test]
fn interface_type_id_changes_are_breaking() {
    breaking(
        "message M {} interface I { 128 = M; }",
        "message M {} interface I { 129 = M; }",
        "changed type id 128 -> 129",
    );
    breaking(
        "message M {} message N {} interface I { 128 = M; 129 = N; }",
        "message M {} message N {} interface I { 128 = M; }",
        "member `N` (129) was removed",
    );
}

#[test]
fn widening_within_a_wire_type_and_additions_are_compatible() {
    compatible("message M { int8 a = 1; uint8 b = 2; }", "message M { int64 a = 1; uint64 b = 2; }");
    compatible("message M { float32 a = 1; }", "message M { float32 renamed = 1; }");
    compatible("message M { int32 a = 1; }", "message M { int32 a = 1; string b = 2; *int32 c = 3; }");
    compatible("enum E { A = 0; }", "enum E { A = 0; B = 1; }");
    compatible(
        "message M {} interface I { 128 = M; }",
        "message M {} message N {} interface I { 128 = M; 129 = N; }",
    );
    compatible("message M { int32 a = 1; }", "message M { int32 a = 1; }");
}

#[test]
fn removing_an_optional_field_is_a_warning() {
    let (is, changes) = verdict("message M { *int32 a = 1; }", "message M {}");
    assert!(!is);
    assert!(changes[0].starts_with("Warning: optional field `M.a` (1) was removed"), "{changes:?}");
    assert!(changes.last().unwrap().contains("old: old.cram:1:20"), "both locations are named: {changes:?}");
}

#[test]
fn narrowing_is_a_warning_not_a_break() {
    let (is, changes) = verdict("message M { int64 a = 1; }", "message M { int32 a = 1; }");
    assert!(!is);
    assert_eq!(changes[0].split(':').next(), Some(&format!("{:?}", Severity::Warning)[..]));
}

const SERVICE_V1: &str = "package exch; message Order {} message Ack {} message Fill {}
service Orders { rpc Place(Order): Ack; rpc Watch(Order): stream Fill; }";

#[test]
fn service_changes_that_break_callers_are_breaking() {
    breaking(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}",
        "service `exch.Orders` was removed",
    );
    breaking(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {} service Orders { rpc Place(Order): Ack; }",
        "method `exch.Orders.Watch` was removed; its callers get UNIMPLEMENTED",
    );
    breaking(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}
         service Orders { rpc Place(Fill): Ack; rpc Watch(Order): stream Fill; }",
        "method `exch.Orders.Place` changed its request type `exch.Order` -> `exch.Fill`",
    );
    breaking(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}
         service Orders { rpc Place(Order): Fill; rpc Watch(Order): stream Fill; }",
        "method `exch.Orders.Place` changed its response type `exch.Ack` -> `exch.Fill`",
    );
    breaking(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}
         service Orders { rpc Place(Order): Ack; rpc Watch(stream Order): stream Fill; }",
        "method `exch.Orders.Watch` changed from server streaming to bidirectional streaming",
    );
}

#[test]
fn adding_a_method_or_a_service_is_compatible() {
    compatible(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}
         service Orders { rpc Place(Order): Ack; rpc Watch(Order): stream Fill; rpc Cancel(Order): Ack; }
         service Admin { rpc Halt(Order): Ack; }",
    );
    // Options and docs are not on the wire.
    compatible(
        SERVICE_V1,
        "package exch; message Order {} message Ack {} message Fill {}
         /// Documented now.
         service Orders { rpc Place(Order): Ack [view = true]; rpc Watch(Order): stream Fill [deprecated = true]; }",
    );
}
