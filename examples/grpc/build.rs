//! Generates the data types and the tonic client and server of `api.cram`; and, for tests/interop.rs, the
//! server a stock tonic + prost project would write for the same service (tonic-build's manual builder with
//! prost's codec).
use tonic_build::manual::{Builder, Method, Service};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    cramberry_schema::Builder::new().services(true).compile(&["api.cram"], &["."])?;
    let method = |name: &str, route: &str, input: &str, output: &str| {
        Method::builder()
            .name(name)
            .route_name(route)
            .input_type(format!("super::{input}"))
            .output_type(format!("super::{output}"))
            .codec_path("tonic_prost::ProstCodec")
    };
    let prost_service = Service::builder()
        .name("Orders")
        .package("exch")
        .method(method("place", "Place", "ProstOrder", "ProstAck").build())
        .method(method("watch", "Watch", "ProstWatchRequest", "ProstFill").server_streaming().build())
        .method(method("upload", "Upload", "ProstFill", "ProstSummary").client_streaming().build())
        .build();
    Builder::new().build_client(false).compile(&[prost_service]);
    Ok(())
}
