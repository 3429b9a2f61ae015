//! `service` declarations: the grammar, validation with positions and hints, and the generated tonic code.

use cramberry_schema::{load_str, Severity};

/// "line:col: message (hint)" of each error of `text`, which must be rejected.
fn errors(text: &str) -> Vec<String> {
    let d = load_str("t.cram", text).expect_err("schema must be rejected");
    d.items
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| {
            let (line, col) = d.sources.line_col(i.span.file, i.span.start);
            format!("{line}:{col}: {} ({})", i.message, i.hint.as_deref().unwrap_or("-"))
        })
        .collect()
}

const MESSAGES: &str = "package exch;\nmessage Order {}\nmessage Ack {}\nmessage Fill {}\nmessage Note {}\nenum Side { BUY = 0; }\n";

#[test]
fn every_streaming_form_with_docs_and_options_is_read() {
    let text = format!(
        "{MESSAGES}/// Order entry.\nservice Orders {{\n  /// Places one.\n  rpc Place(Order): Ack [view = true];\n  \
         rpc Watch(Order): stream Fill;\n  rpc Upload(stream Fill): Ack [deprecated = true];\n  \
         rpc Chat(stream Note): stream exch.Note;\n}}"
    );
    let loaded = load_str("t.cram", &text).unwrap_or_else(|d| panic!("{d}"));
    let schema = &loaded.schema;
    let [service] = &schema.services[..] else { panic!("one service: {:?}", schema.services) };
    assert_eq!(
        (service.name.as_str(), &service.package[..], &service.docs[..]),
        ("Orders", &["exch".to_string()][..], &["Order entry.".to_string()][..])
    );
    let forms: Vec<_> = service
        .methods
        .iter()
        .map(|m| {
            let (req, resp) = (&schema.messages[m.request].name, &schema.messages[m.response].name);
            (m.name.as_str(), req.as_str(), resp.as_str(), m.streaming_form(), m.view_request, m.deprecated)
        })
        .collect();
    assert_eq!(
        forms,
        [
            ("Place", "Order", "Ack", "unary", true, false),
            ("Watch", "Order", "Fill", "server streaming", false, false),
            ("Upload", "Fill", "Ack", "client streaming", false, true),
            ("Chat", "Note", "Note", "bidirectional streaming", false, false),
        ]
    );
    assert_eq!(service.methods[0].docs, ["Places one."]);
}

#[test]
fn a_message_type_named_stream_is_not_a_streaming_marker() {
    let loaded = load_str("t.cram", "message stream {} service S { rpc Get(stream): stream stream; }")
        .unwrap_or_else(|d| panic!("{d}"));
    let m = &loaded.schema.services[0].methods[0];
    assert_eq!((m.client_streaming, m.server_streaming), (false, true));
}

#[test]
fn bad_services_get_an_error_with_a_caret_and_a_hint() {
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Ordr): Ack; }}")),
        ["7:28: type `Ordr` is not defined (did you mean `Order`?)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Order): Side; }}")),
        ["7:36: an rpc's response must be a message (wrap the value in a message: a method sends and answers messages)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(uint64): Ack; }}")),
        ["7:28: type `uint64` is not defined (define it in this file or import the file that does)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Order): Ack; rpc Place(Fill): Ack; }}")),
        ["7:45: method `Place` is defined twice (each method of a service needs its own name)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{}}\nservice Orders {{}}")),
        ["8:9: service `Orders` is defined twice (-)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Order): Ack [lazy = true]; }}")),
        ["7:41: unknown rpc option `lazy` (an rpc takes `[view = true]` and `[deprecated = true]`)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Order): Ack [view = 1]; }}")),
        ["7:41: `view` takes true or false (write `[view = true]`)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ message Order {{}} }}")),
        ["7:18: expected `rpc` or `option`, found `message` (-)"]
    );
}

#[test]
fn protobuf_rpc_spelling_gets_one_error_with_the_cramberry_form() {
    assert_eq!(
        errors(&format!(
            "{MESSAGES}service Orders {{ rpc Watch(Order) returns (stream Fill) {{ option x = 1; }} }}"
        )),
        ["7:35: `returns (...)` is protobuf's spelling (write `rpc Watch(Order): stream Fill;`)"]
    );
    assert_eq!(
        errors(&format!("{MESSAGES}service Orders {{ rpc Place(Order): Ack {{}} }}")),
        ["7:40: an rpc has no body (end it with `;` and put options in `[name = value]` before the `;`)"]
    );
}

#[cfg(feature = "tonic")]
#[test]
fn services_are_generated_as_tonic_clients_and_servers_only_when_asked() {
    use cramberry_schema::{generate_rust, generate_rust_with, RustOptions};
    let text = format!(
        "{MESSAGES}import \"common.cram\";\nservice Orders {{ rpc Place(Order): Ack [view = true]; rpc Watch(Order): stream Fill; }}"
    );
    let loaded = load_str("t.cram", &text.replace("import \"common.cram\";\n", "")).unwrap();
    assert_eq!(
        generate_rust(&loaded.schema, "t.cram").unwrap(),
        generate_rust_with(&loaded.schema, "t.cram", &RustOptions::default()).unwrap(),
        "services are off by default"
    );
    assert!(!generate_rust(&loaded.schema, "t.cram").unwrap()["exch"].contains("orders_server"));
    let code = &generate_rust_with(&loaded.schema, "t.cram", &RustOptions::default().services(true)).unwrap()
        ["exch"];
    for expected in [
        "pub mod orders_server",
        "pub mod orders_client",
        "pub struct OrdersClient<T>",
        "pub struct OrdersServer<T",
        "pub trait Orders: std::marker::Send + std::marker::Sync + 'static",
        "request: tonic::Request<::cramberry::OwnedView<super::Order>>",
        "type WatchStream: tonic::codegen::tokio_stream::Stream<",
        "\"/exch.Orders/Place\"",
        "::cramberry::grpc::Codec::default()",
    ] {
        assert!(code.contains(expected), "no {expected:?} in\n{code}");
    }
    // The client sends the owned request even when the server reads a view.
    let client =
        &code[code.find("pub mod orders_client").unwrap()..code.find("pub mod orders_server").unwrap()];
    assert!(client.contains("request: impl tonic::IntoRequest<super::Order>"), "{client}");
}

#[cfg(not(feature = "tonic"))]
#[test]
fn generating_services_without_the_feature_is_a_clear_error() {
    use cramberry_schema::{generate_rust_with, RustOptions};
    let loaded =
        load_str("t.cram", &format!("{MESSAGES}service Orders {{ rpc Place(Order): Ack; }}")).unwrap();
    let error =
        generate_rust_with(&loaded.schema, "t.cram", &RustOptions::default().services(true)).unwrap_err();
    assert_eq!(error.0, "service `Orders`: generating services needs cramberry-schema's `tonic` feature");
}

#[test]
fn a_method_name_that_is_not_upper_camel_case_gets_a_warning() {
    let loaded =
        load_str("t.cram", &format!("{MESSAGES}service Orders {{ rpc place_order(Order): Ack; }}")).unwrap();
    let warnings: Vec<String> = loaded
        .warnings
        .iter()
        .map(|w| format!("{} ({})", w.message, w.hint.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        warnings,
        ["method `place_order` is not UpperCamelCase (its gRPC path uses the name as written and generated Rust \
          names types after it: write `PlaceOrder` as protobuf does)"]
    );
    assert!(load_str("t.cram", &format!("{MESSAGES}service Orders {{ rpc PlaceOrder(Order): Ack; }}"))
        .unwrap()
        .warnings
        .is_empty());
}
