//! Always: generates the Cramberry types of the seed messages from `schemas/seed.cram` into OUT_DIR.
//! With `--features regenerate`: rewrites the committed peer code in `src/generated/` from `schemas/`
//! (needs `capnp`, `flatc` and `protoc` on PATH: Debian's capnproto, flatbuffers-compiler, protobuf-compiler).

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    cramberry_schema::compile(&[schemas.join("seed.cram")], &[&schemas])?;
    prost_orders_server();
    #[cfg(feature = "regenerate")]
    regenerate::run(&schemas)?;
    Ok(())
}

/// The client and server a tonic + prost project generates for the example's `Orders` service (Place and Watch), for
/// src/bin/services.rs: tonic-build's manual builder with prost's codec, into `$OUT_DIR/exch.Orders.rs`.
fn prost_orders_server() {
    use tonic_build::manual::{Builder, Method, Service};
    let method = |name: &str, route: &str, input: &str, output: &str| {
        Method::builder()
            .name(name)
            .route_name(route)
            .input_type(format!("super::{input}"))
            .output_type(format!("super::{output}"))
            .codec_path("tonic_prost::ProstCodec")
    };
    let service = Service::builder()
        .name("Orders")
        .package("exch")
        .method(method("place", "Place", "PbOrder", "PbAck").build())
        .method(method("watch", "Watch", "PbWatchRequest", "PbFill").server_streaming().build())
        .build();
    Builder::new().compile(&[service]);
}

#[cfg(feature = "regenerate")]
mod regenerate {
    use std::path::Path;
    use std::process::Command;

    const DATASETS: [&str; 4] = ["log", "mesh", "minecraft", "mk48"];

    pub fn run(schemas: &Path) -> Result<(), Box<dyn std::error::Error>> {
        let out = schemas.join("../src/generated");
        for name in DATASETS {
            capnpc::CompilerCommand::new()
                .src_prefix(schemas.join("capnp"))
                .file(schemas.join(format!("capnp/{name}.capnp")))
                .output_path(&out)
                .default_parent_module(vec!["generated".into()])
                .run()?;
            let status = Command::new("flatc")
                .arg("--rust")
                .arg("-o")
                .arg(&out)
                .arg(schemas.join(format!("flatbuffers/{name}.fbs")))
                .status()?;
            if !status.success() {
                return Err(format!("flatc failed on {name}.fbs").into());
            }
        }
        let protos: Vec<_> =
            DATASETS.iter().chain(&["seed"]).map(|n| schemas.join(format!("proto/{n}.proto"))).collect();
        prost_build::Config::new().out_dir(&out).compile_protos(&protos, &[schemas.join("proto")])?;
        let datasets: Vec<_> = protos[..DATASETS.len()].to_vec();
        std::fs::create_dir_all(out.join("buffa"))?;
        buffa_build::Config::new()
            .files(&datasets)
            .includes(&[schemas.join("proto")])
            .out_dir(out.join("buffa"))
            .compile()?;
        for proto in &protos {
            println!("cargo:rerun-if-changed={}", proto.display());
        }
        Ok(())
    }
}
