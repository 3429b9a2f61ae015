//! One broken schema per validation rule: the message and the position (line:column) are asserted.

use cramberry_schema::{load_str, Severity};

/// Loads `text`, expects errors, and returns "line:col: message" for each.
fn errors(text: &str) -> Vec<String> {
    let d = load_str("t.cram", text).expect_err("schema must be rejected");
    d.items
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| {
            let (line, col) = d.sources.line_col(i.span.file, i.span.start);
            format!("{line}:{col}: {}", i.message)
        })
        .collect()
}

#[test]
fn field_number_out_of_range() {
    assert_eq!(errors("message M {\n  int32 a = 0;\n}"), ["2:13: field number 0 is out of range"]);
    assert_eq!(
        errors("message M { int32 a = 536870912; }"),
        ["1:23: field number 536870912 is out of range"]
    );
}

#[test]
fn field_number_used_twice() {
    assert_eq!(
        errors("message M {\n  int32 a = 1;\n  int32 b = 1;\n}"),
        ["3:13: field number 1 is used twice"]
    );
}

#[test]
fn field_name_defined_twice() {
    assert_eq!(errors("message M { int32 a = 1; string a = 2; }"), ["1:33: field `a` is defined twice"]);
}

#[test]
fn type_names_unique() {
    assert_eq!(errors("message A {}\nenum A { X = 0; }"), ["2:6: `A` is defined twice"]);
    assert_eq!(
        errors("enum E { X = 0; }\ninterface E { 128 = M; }\nmessage M {}"),
        ["2:11: `E` is defined twice"]
    );
}

#[test]
fn required_and_optional_together() {
    let e = errors("message M { required optional int32 a = 1; }");
    assert_eq!(e[0], "1:22: a field cannot be both required and optional");
}

#[test]
fn enum_values_non_negative_and_unique() {
    assert_eq!(errors("enum E { A = 0; B = -1; }"), ["1:21: enum value `B` is negative"]);
    assert_eq!(errors("enum E { A = 0; B = 0; }"), ["1:21: enum number 0 is used twice"]);
}

#[test]
fn interface_type_ids_reserved_and_unique() {
    assert_eq!(errors("message M {}\ninterface I { 127 = M; }"), ["2:15: type id 127 is reserved"]);
    assert_eq!(
        errors("message M {}\nmessage N {}\ninterface I { 128 = M; 128 = N; }"),
        ["3:24: type id 128 is used twice"]
    );
}

#[test]
fn named_types_must_be_defined() {
    assert_eq!(errors("message M { Missing x = 1; }"), ["1:13: type `Missing` is not defined"]);
    assert_eq!(errors("message M {}\ninterface I { 128 = Nope; }"), ["2:21: type `Nope` is not defined"]);
}

#[test]
fn map_keys_of_allowed_types() {
    assert_eq!(errors("message M { map[float64]string x = 1; }"), ["1:17: `float64` cannot be a map key"]);
    assert_eq!(errors("message K {}\nmessage M { map[K]string x = 1; }"), ["2:17: `K` cannot be a map key"]);
}

#[test]
fn no_message_contains_itself_by_value() {
    assert_eq!(
        errors("message A { B b = 1; }\nmessage B { A a = 1; }"),
        ["1:15: message `A` contains itself by value", "2:15: message `B` contains itself by value"]
    );
    assert!(load_str("t.cram", "message A { *A next = 1; []A children = 2; }").is_ok());
}

#[test]
fn complex_types_are_rejected_clearly() {
    assert_eq!(errors("message M { complex64 c = 1; }"), ["1:13: `complex64` is not supported"]);
}

#[test]
fn syntax_errors_recover_and_report_several() {
    let e = errors("message A { int32 a = ; }\nmessage B { string = 2; }\nmessage C { int32 c = 1 }");
    assert_eq!(
        e,
        [
            "1:23: expected a field number, found `;`",
            "2:20: expected a field name, found `=`",
            "3:25: expected `;`, found `}`"
        ]
    );
}

#[test]
fn rendered_diagnostics_show_the_line_a_caret_and_a_hint() {
    let d = load_str("orders.cram", "message M {\n  int32 a = 1;\n  int32 b = 1;\n}").unwrap_err();
    let text = d.to_string();
    assert!(text.contains("error: field number 1 is used twice"), "{text}");
    assert!(text.contains("--> orders.cram:3:13"), "{text}");
    assert!(text.contains("3 |   int32 b = 1;"), "{text}");
    assert!(text.contains("  |             ^"), "{text}");
    assert!(text.contains("hint: each field needs its own number"), "{text}");
    assert!(text.contains("note: first used here"), "{text}");
}

#[test]
fn shared_schemas_parse_and_validate_unchanged() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas");
    if !dir.is_dir() {
        eprintln!("../shared/schemas not present; skipped");
        return;
    }
    for file in ["messages.cram", "interop.cram"] {
        let loaded = cramberry_schema::load_file(dir.join(file), &[&dir]).unwrap_or_else(|d| panic!("{d}"));
        assert!(!loaded.schema.messages.is_empty());
    }
}
