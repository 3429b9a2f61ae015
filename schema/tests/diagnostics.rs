//! One broken schema per validation rule: the message and the position (line:column) are asserted.

use cramberry_schema::{load_str, Severity};

/// Loads `text`, expects errors, and returns "line:col: message" for each.
fn errors(text: &str) -> Vec<String> {
    rendered(text, |_| String::new())
}

/// "line:col: message" and `extra` of each error of `text`, which must be rejected.
fn rendered(text: &str, extra: impl Fn(&cramberry_schema::Diagnostic) -> String) -> Vec<String> {
    let d = load_str("t.cram", text).expect_err("schema must be rejected");
    d.items
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| {
            let (line, col) = d.sources.line_col(i.span.file, i.span.start);
            format!("{line}:{col}: {}{}", i.message, extra(i))
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

/// "line:col: message (hint)" for each error.
fn errors_with_hints(text: &str) -> Vec<String> {
    rendered(text, |d| format!(" ({})", d.hint.as_deref().unwrap_or("-")))
}

#[test]
fn misspelt_type_names_get_a_suggestion() {
    assert_eq!(
        errors_with_hints("message Order { uint64 id = 1; }\nmessage Book { Ordr best = 1; }"),
        ["2:16: type `Ordr` is not defined (did you mean `Order`?)"]
    );
    assert_eq!(
        errors_with_hints("message M { uint23 a = 1; }"),
        ["1:13: type `uint23` is not defined (did you mean `uint32`?)"]
    );
    assert_eq!(
        errors_with_hints("message M { Widget w = 1; }"),
        ["1:13: type `Widget` is not defined (define it in this file or import the file that does)"]
    );
    // Another language's scalar names get the schema's.
    let double = errors_with_hints("message M { double price = 1; }");
    assert!(double[0]
        .starts_with("1:13: type `double` is not defined (did you mean `float64`? (scalar names: bool,"));
    assert!(errors_with_hints("message M { u32 n = 1; }")[0].contains("did you mean `uint32`?"));
    // An interface member names a message, so scalars are not suggested there.
    assert_eq!(
        errors_with_hints("message Circle {}\ninterface Shape { 128 = Circel; }"),
        ["2:25: type `Circel` is not defined (did you mean `Circle`?)"]
    );
}

#[test]
fn protobuf_habits_get_the_cramberry_spelling() {
    let e = errors_with_hints("syntax = \"proto3\";\nmessage M { map<string, uint32> counts = 1; }");
    assert_eq!(
        e,
        [
            "1:1: `syntax` is protobuf's; a .cram file has no syntax line (remove it: the schema language has one \
             version (see docs/schema-language.md, \"Coming from protobuf\"))",
            "2:13: `map<K, V>` is protobuf's spelling (write `map[string]uint32`)",
        ]
    );
    // The rest of the file is still checked: one error per mistake, no cascade.
    let e = errors_with_hints(
        "message M {\n  oneof shape { Circle c = 1; Square s = 2; }\n  reserved 2, 3;\n  Nope n = 4;\n}\nservice S { rpc Get(M) returns (M) {} }",
    );
    assert_eq!(e.len(), 4, "{e:#?}");
    assert!(
        e[0].starts_with("2:3: `oneof` is protobuf's; a .cram schema uses an interface (declare `interface")
    );
    assert!(e[1].starts_with("3:3: `reserved` is not part of the schema language"));
    assert_eq!(
        e[2], "6:24: `returns (...)` is protobuf's spelling (write `rpc Get(M): M;`)",
        "one error for the rpc, its `{{}}` body skipped"
    );
    assert!(e[3].starts_with("4:3: type `Nope` is not defined"));
}

#[test]
fn compile_errors_render_as_diagnostics_in_display_and_debug() {
    let dir = std::env::temp_dir().join(format!("cram-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("typo.cram");
    std::fs::write(&schema, "package shop;\nmessage Order {\n  uint64 id = 1;\n  strng symbol = 2;\n}\n")
        .unwrap();
    let err = cramberry_schema::compile_to(&[&schema], &[&dir], &dir).unwrap_err();
    let shown = format!("{err}");
    let expected = format!(
        "invalid schema\n\nerror: type `strng` is not defined\n --> {}:4:3\n  |\n4 |   strng symbol = 2;\n  |   \
         ^^^^^\n  = hint: did you mean `string`?\n\n",
        schema.display()
    );
    assert_eq!(shown, expected);
    // A build script's `main` returning the error prints its Debug: the same text, not a struct dump.
    assert_eq!(format!("{err:?}"), expected);
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert_eq!(format!("{boxed:?}"), expected);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn warnings_become_cargo_warning_lines() {
    let loaded =
        load_str("w.cram", "enum OrderStatus {\n  OPEN = 1;\n}\nmessage M { OrderStatus s = 1; }").unwrap();
    assert_eq!(
        cramberry_schema::cargo_warnings(&loaded),
        [
            "cargo:warning=warning: enum `OrderStatus` has no value 0, so an absent field reads as the unrecognized number 0",
            "cargo:warning= --> w.cram:1:6",
            "cargo:warning=  |",
            "cargo:warning=1 | enum OrderStatus {",
            "cargo:warning=  |      ^^^^^^^^^^^",
            "cargo:warning=  = hint: add a default first: `ORDER_STATUS_UNSPECIFIED = 0;`",
        ]
    );
}

#[test]
fn nested_lists_point_to_the_wrapper_message_rusts_nested_lists_write() {
    for (text, at) in
        [("message M { [][]int32 grid = 1; }", "1:15"), ("message M { *[]int32 maybe = 1; }", "1:14")]
    {
        let [error] = &errors_with_hints(text)[..] else { panic!("one error for {text}") };
        assert!(
            error.starts_with(&format!("{at}: nested list, map or pointer types are not supported here")),
            "{error}"
        );
        assert!(
            error.contains("message Row { []T values = 1; }") && error.contains("Vec<Vec<T>>"),
            "{error}"
        );
    }
}
