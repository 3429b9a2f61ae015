//! Rust for `service` declarations (feature `tonic`): for `service Orders` a module `orders_server` (the
//! `Orders` trait and `OrdersServer<T>`) and a module `orders_client` (`OrdersClient<T>`), made by tonic-build's
//! own generator so names, shapes and gRPC paths are exactly what tonic users know — with
//! `cramberry::grpc::Codec` in place of prost's. A method marked `[view = true]` hands the server's handler
//! `cramberry::OwnedView<Request>`; its client still sends the owned `Request`.

use crate::model::{Kind, Schema, ServiceDef};
use crate::rust_names::{field_ident, type_path};
use proc_macro2::TokenStream;

/// Appends the client and server modules of `service` to `out`.
pub(crate) fn service(out: &mut String, schema: &Schema, service: &ServiceDef) {
    let builder = tonic_build::CodeGenBuilder::new();
    let client = builder.generate_client(&Described::new(schema, service, false), "");
    let server = builder.generate_server(&Described::new(schema, service, true), "");
    let file: syn::File = syn::parse2(quote::quote! { #client #server }).expect("tonic-build writes Rust");
    out.push('\n');
    out.push_str(&prettyplease::unparse(&file));
}

/// A service as tonic-build's generator takes it, for the client or the server.
struct Described {
    name: String,
    package: String,
    docs: Vec<String>,
    methods: Vec<DescribedMethod>,
}

struct DescribedMethod {
    rust_name: String,
    route_name: String,
    docs: Vec<String>,
    request: String,
    response: String,
    client_streaming: bool,
    server_streaming: bool,
    deprecated: bool,
}

impl Described {
    fn new(schema: &Schema, service: &ServiceDef, server: bool) -> Self {
        let path = |index| message_path(schema, &service.package, index);
        let methods = service
            .methods
            .iter()
            .map(|m| DescribedMethod {
                rust_name: field_ident(&m.name),
                route_name: m.name.clone(),
                docs: m.docs.clone(),
                request: if server && m.view_request {
                    format!("::cramberry::OwnedView<{}>", path(m.request))
                } else {
                    path(m.request)
                },
                response: path(m.response),
                client_streaming: m.client_streaming,
                server_streaming: m.server_streaming,
                deprecated: m.deprecated,
            })
            .collect();
        Described {
            name: service.name.clone(),
            package: service.package.join("."),
            docs: service.docs.clone(),
            methods,
        }
    }
}

impl tonic_build::Service for Described {
    type Comment = String;
    type Method = DescribedMethod;

    fn name(&self) -> &str {
        &self.name
    }

    fn package(&self) -> &str {
        &self.package
    }

    fn identifier(&self) -> &str {
        &self.name
    }

    fn methods(&self) -> &[DescribedMethod] {
        &self.methods
    }

    fn comment(&self) -> &[String] {
        &self.docs
    }
}

impl tonic_build::Method for DescribedMethod {
    type Comment = String;

    fn name(&self) -> &str {
        &self.rust_name
    }

    fn identifier(&self) -> &str {
        &self.route_name
    }

    fn codec_path(&self) -> &str {
        "::cramberry::grpc::Codec"
    }

    fn client_streaming(&self) -> bool {
        self.client_streaming
    }

    fn server_streaming(&self) -> bool {
        self.server_streaming
    }

    fn comment(&self) -> &[String] {
        &self.docs
    }

    fn deprecated(&self) -> bool {
        self.deprecated
    }

    fn request_response_name(&self, _: &str, _: bool) -> (TokenStream, TokenStream) {
        let parse = |path: &str| path.parse().expect("a Rust type path");
        (parse(&self.request), parse(&self.response))
    }
}

/// The Rust path of message `index` seen from the generated `<service>_client` / `<service>_server` modules,
/// which sit inside the module of `package`.
fn message_path(schema: &Schema, package: &[String], index: usize) -> String {
    let path = type_path(schema, package, Kind::Message(index));
    if path.starts_with("::") {
        path
    } else {
        format!("super::{path}")
    }
}
