//! The `cramberry` binary, run as a user would: exit codes, stdout, stderr.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn schemas() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cramberry"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // A command that fails before reading stdin closes it early; that is not the test's concern.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Asserts a failure: exit code 1, `expect` on stderr, and no panic.
fn assert_fails(out: &Output, expect: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.contains(expect), "stderr lacks {expect:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

const SPEC_ORDER: &str = "08 96 01 1e 01 22 03 0a 01 78 22 02 16 02 2a 03 01 ac 02 32 05 0a 01 61 10 01 32 05 0a 01 62 10 02 38 00";

#[test]
fn encode_then_decode_returns_the_same_json() {
    let schema = schemas().join("orders.cram");
    let schema = schema.to_str().unwrap();
    let json = r#"{"id":150,"symbol":"","qty":-1,"items":[{"name":"x","price":0},{"name":"","price":1}],"levels":[1,300],"tags":{"a":1,"b":2},"flag":false}"#;
    let encoded = run(&["encode", "--schema", schema, "--type", "Order", "--hex"], json.as_bytes());
    assert!(encoded.status.success(), "{}", text(&encoded.stderr));
    assert_eq!(text(&encoded.stdout).trim(), SPEC_ORDER, "the spec's worked example bytes");

    let decoded = run(&["decode", "--schema", schema, "--type", "orders.Order", "--hex"], &encoded.stdout);
    assert!(decoded.status.success(), "{}", text(&decoded.stderr));
    let back: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(json).unwrap());

    let raw = run(&["encode", "--schema", schema, "--type", "Order"], json.as_bytes());
    let raw_decoded = run(&["decode", "--schema", schema, "--type", "Order", "--canonical"], &raw.stdout);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&raw_decoded.stdout).unwrap(), back);
}

#[test]
fn inspect_prints_the_spec_example_field_tree() {
    let out = run(&["inspect", "--hex"], SPEC_ORDER.as_bytes());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let expected = "\
1: varint 150
3: svarint -1
4: message {
  1: string \"x\"
}
4: message {
  2: svarint 1
}
5: bytes 01 ac 02
6: message {
  1: string \"a\"
  2: varint 1
}
6: message {
  1: string \"b\"
  2: varint 2
}
7: varint 0
";
    assert_eq!(text(&out.stdout), expected);
}

#[test]
fn inspect_shows_typeref_ids_and_fixed_values() {
    // field 5 TYPEREF: type id 128, 9 bytes: field 1 FIXED64 1.5
    let out = run(&["inspect", "--hex"], b"2f 80 01 09 09 00 00 00 00 00 00 f8 3f");
    assert_eq!(text(&out.stdout), "5: typeref 128 {\n  1: fixed64 4609434218613702656 (float 1.5)\n}\n");
}

#[test]
fn bad_input_exits_1_with_a_clear_message() {
    let schema = schemas().join("orders.cram");
    let schema = schema.to_str().unwrap();
    assert_fails(&run(&["encode", "--schema", schema, "--type", "Order"], b"{not json"), "invalid JSON");
    assert_fails(
        &run(&["encode", "--schema", schema, "--type", "Order"], br#"{"id":"x"}"#),
        "Order.id: expected an integer, found a string",
    );
    assert_fails(
        &run(&["encode", "--schema", schema, "--type", "Order"], br#"{"nope":1}"#),
        "`Order` has no field `nope`",
    );
    assert_fails(
        &run(&["encode", "--schema", schema, "--type", "Missing"], b"{}"),
        "the schema has no message `Missing`",
    );
    assert_fails(
        &run(&["decode", "--schema", schema, "--type", "Order", "--hex"], b"12 05 61"),
        "Order.symbol: length 5 exceeds",
    );
    assert_fails(&run(&["decode", "--schema", schema, "--type", "Order", "--hex"], b"0g"), "invalid hex");
    assert_fails(&run(&["inspect", "--hex"], b"0b"), "invalid wire type 3");
    assert_fails(&run(&["check", "/nonexistent/x.cram"], b""), "cannot read");
}

#[test]
fn malformed_schemas_exit_1_with_diagnostics() {
    let dir = std::env::temp_dir().join(format!("cramberry-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.cram");
    std::fs::write(&bad, "message M {\n  int32 a = 1;\n  int32 b = 1;\n}\n").unwrap();
    let out = run(&["check", bad.to_str().unwrap()], b"");
    assert_fails(&out, "field number 1 is used twice");
    assert!(text(&out.stderr).contains("bad.cram:3:13"), "{}", text(&out.stderr));
    assert_fails(&run(&["encode", "--schema", bad.to_str().unwrap(), "--type", "M"], b"{}"), "used twice");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_generate_and_compat() {
    let everything = schemas().join("everything.cram");
    let out = run(&["check", everything.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let dir = std::env::temp_dir().join(format!("cramberry-gen-{}", std::process::id()));
    let out = run(&["generate", everything.to_str().unwrap(), "--out", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(std::fs::read_to_string(dir.join("everything.rs")).unwrap().contains("pub struct Everything {"));
    assert_eq!(
        std::fs::read_to_string(dir.join("mod.rs")).unwrap().lines().last(),
        Some("pub mod everything;")
    );

    let old = dir.join("old.cram");
    let new = dir.join("new.cram");
    std::fs::write(&old, "message M { int32 a = 1; }").unwrap();
    std::fs::write(&new, "message M { uint32 a = 1; }").unwrap();
    let out = run(&["compat", old.to_str().unwrap(), new.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("breaking: field 1 of `M`"), "{}", text(&out.stdout));
    let out = run(&["compat", old.to_str().unwrap(), old.to_str().unwrap()], b"");
    assert!(out.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn generate_typescript_writes_one_module_per_schema_file() {
    let orders = schemas().join("orders.cram");
    let dir = std::env::temp_dir().join(format!("cramberry-ts-{}", std::process::id()));
    let out =
        run(&["generate", "--lang", "ts", orders.to_str().unwrap(), "--out", dir.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let ts = std::fs::read_to_string(dir.join("orders.ts")).unwrap();
    assert!(ts.contains("export const OrderCodec: MessageCodec<Order>"), "{ts}");
    assert!(ts.contains("from \"@cramberry/runtime\""));
    assert!(!dir.join("mod.rs").exists());
    let out =
        run(&["generate", "--lang", "go", orders.to_str().unwrap(), "--out", dir.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(2), "clap rejects an unknown language");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn extract_writes_the_schema_and_reports_what_it_cannot_express() {
    let dir = std::env::temp_dir().join(format!("cramberry-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("fills.rs");
    std::fs::write(
        &source,
        "#[derive(Cramberry)]\npub struct Fill {\n    #[cram(1)] pub price: i64,\n    #[cram(2)] pub pair: (u32, u32),\n}\n",
    )
    .unwrap();
    let schema = dir.join("fills.cram");
    let out = run(&["extract", "--out", schema.to_str().unwrap(), source.to_str().unwrap()], b"");
    assert_fails(&out, "fills.rs:4:");
    assert_fails(&out, "Fill.pair: `(u32, u32)`: tuples have no .cram equivalent");
    let written = std::fs::read_to_string(&schema).unwrap();
    assert!(written.contains("package fills;") && written.contains("    int64 price = 1;\n}"), "{written}");
    let out = run(&["check", schema.to_str().unwrap()], b"");
    assert!(out.status.success(), "the partial schema is valid: {}", text(&out.stderr));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_texts_have_examples() {
    for sub in ["generate", "extract", "check", "compat", "encode", "decode", "inspect"] {
        let out = run(&[sub, "--help"], b"");
        assert!(out.status.success());
        assert!(text(&out.stdout).contains("Example:"), "{sub} --help");
    }
}

#[test]
fn decode_and_inspect_apply_limits_to_untrusted_input() {
    let schema = schemas().join("orders.cram");
    let schema = schema.to_str().unwrap();
    // 10,001 packed levels (field 5): accepted by default, refused by --secure (10,000 elements).
    let mut hostile = vec![0x2a, 0x91, 0x4e];
    hostile.extend(std::iter::repeat_n(0x01, 10_001));
    let decode = ["decode", "--schema", schema, "--type", "Order"];
    assert!(run(&decode, &hostile).status.success());
    assert_fails(&run(&[&decode[..], &["--secure"]].concat(), &hostile), "Elements limit of 10000 exceeded");
    assert_fails(&run(&[&decode[..], &["--max-elements", "3"]].concat(), &hostile), "Elements limit of 3");
    // An individual flag overrides --secure's value.
    assert!(run(&[&decode[..], &["--secure", "--max-elements", "20000"]].concat(), &hostile)
        .status
        .success());
    // The message-length limit bounds what is read, raw or hex.
    assert_fails(
        &run(&[&decode[..], &["--max-message-len", "8"]].concat(), &hostile),
        "MessageLen limit of 8",
    );
    let hex_input = cramberry_schema_hex(&hostile);
    let hex_decode = [&decode[..], &["--hex", "--max-message-len", "8"]].concat();
    assert_fails(&run(&hex_decode, hex_input.as_bytes()), "MessageLen limit of 8");
    // Strict: an unknown field (99) is an error.
    assert_fails(&run(&[&decode[..], &["--strict", "--hex"]].concat(), b"98 06 01"), "unknown field 99");

    // inspect: the bytes limit and the message-length limit.
    assert!(run(&["inspect", "--hex"], b"0a 02 61 62").status.success());
    assert_fails(&run(&["inspect", "--hex", "--max-bytes-len", "1"], b"0a 02 61 62"), "BytesLen limit of 1");
    assert_fails(&run(&["inspect", "--secure"], &vec![0u8; (1 << 20) + 1]), "MessageLen limit of 1048576");
}

/// Hex text of `bytes`, as `--hex` reads it.
fn cramberry_schema_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x} ")).collect()
}

#[test]
fn inspect_with_a_schema_names_fields() {
    let schema = schemas().join("orders.cram");
    let schema = schema.to_str().unwrap();
    // id 7, symbol "A", one item {name "x", price -1}, an unknown field 9.
    let input = b"08 07 12 01 41 22 05 0a 01 78 16 01 48 05";
    let out = run(&["inspect", "--hex", "--schema", schema, "--type", "Order"], input);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1 id: varint 7\n2 symbol: string \"A\"\n4 items: message {\n  1 name: string \"x\"\n  2 price: svarint -1\n}\n\
         9 (unknown): varint 5\n"
    );
    // Without a schema: numbers only.
    let out = run(&["inspect", "--hex"], input);
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("1: varint 7\n2: string \"A\"\n"));
    // --schema needs --type, and a misspelt type lists the messages.
    assert!(!run(&["inspect", "--hex", "--schema", schema], input).status.success());
    assert_fails(
        &run(&["inspect", "--hex", "--schema", schema, "--type", "Ordr"], input),
        "messages: Item, Order",
    );
}

#[test]
fn encode_stream_then_stream_lists_and_decodes_every_message() {
    let schema = schemas().join("orders.cram");
    let schema = schema.to_str().unwrap();
    let lines = "{\"id\":1,\"symbol\":\"A\"}\n\n{\"id\":2,\"symbol\":\"B\",\"levels\":[3]}\n";
    let dir = std::env::temp_dir().join(format!("cramberry-cli-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (flag, listing) in [("--container", "header type = \"Order\""), ("--stream", "frame 1 at ")] {
        let encoded = run(&["encode", "--schema", schema, "--type", "Order", flag], lines.as_bytes());
        assert!(encoded.status.success(), "{}", text(&encoded.stderr));
        let file = dir.join(format!("orders{flag}"));
        std::fs::write(&file, &encoded.stdout).unwrap();
        let file = file.to_str().unwrap();
        let listed = run(&["stream", file], b"");
        assert!(listed.status.success(), "{}", text(&listed.stderr));
        let listed = text(&listed.stdout);
        assert!(listed.contains(listing), "{listed}");
        assert_eq!(listed.matches("message, ").count(), 2, "{listed}");
        let decoded = run(&["stream", file, "--schema", schema, "--type", "Order"], b"");
        assert!(decoded.status.success(), "{}", text(&decoded.stderr));
        let values: Vec<serde_json::Value> =
            text(&decoded.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(values.len(), 2);
        assert_eq!((values[0]["id"].as_u64(), values[1]["symbol"].as_str()), (Some(1), Some("B")));
        // A cut file reports the truncation after the complete frames.
        let bytes = std::fs::read(file).unwrap();
        std::fs::write(file, &bytes[..bytes.len() - 2]).unwrap();
        assert_fails(&run(&["stream", file], b""), "frame ");
    }
    let listed = run(&["stream", dir.join("orders--container").to_str().unwrap()], b"");
    assert!(text(&listed.stdout).contains("frame 1 at "));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn generate_services_writes_tonic_clients_and_servers_for_rust_only() {
    let api = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/grpc/api.cram");
    let dir = std::env::temp_dir().join(format!("cramberry-services-{}", std::process::id()));
    let (api, out_dir) = (api.to_str().unwrap(), dir.to_str().unwrap());
    let out = run(&["generate", api, "--out", out_dir], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plain = std::fs::read_to_string(dir.join("exch.rs")).unwrap();
    assert!(!plain.contains("orders_server"), "services only when asked");
    let out = run(&["generate", "--services", api, "--out", out_dir], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let rust = std::fs::read_to_string(dir.join("exch.rs")).unwrap();
    assert!(rust.starts_with(&plain), "the data types are unchanged");
    for expected in ["pub mod orders_server", "pub mod orders_client", "\"/exch.Orders/Chat\""] {
        assert!(rust.contains(expected), "no {expected:?}");
    }
    assert_fails(
        &run(&["generate", "--lang", "ts", "--services", api, "--out", out_dir], b""),
        "--services generates Rust",
    );
    std::fs::remove_dir_all(&dir).ok();
}
