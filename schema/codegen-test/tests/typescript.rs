//! Identical bytes across languages: for every message type of the project's schemas, of the schema extracted
//! from the derive test types, and of ../shared/schemas when present, random values made in Rust go to Node as bytes and JSON; the generated TypeScript decodes
//! them, checks the JSON, re-encodes to the same bytes, and gives the same verdict as the Rust dynamic codec
//! (the same re-encoding, or the same error kind, offset and field path) on mutations of those bytes under default,
//! secure, strict, canonical and tight-limit options. Then values made in TypeScript (random, from the
//! generated field descriptors) come back: Rust decodes them and re-encodes the same bytes, and reads their
//! JSON to the same value. Length-delimited frames cross too: TypeScript reads a stream Rust wrote, with Rust's
//! verdict on every cut, and frames the messages again into the same bytes.
//!
//! Needs Node and `npm ci` in `ts/`; without them the test is reported as ignored with the reason (the build
//! script looks), unless `CRAMBERRY_XLANG=require` (as `.ci/run` sets it), which makes it run and fail.

use cramberry::{DecodeErrorKind, DecodeOptions};
use cramberry_codegen_test::differential::option_sets;
use cramberry_codegen_test::random::{mutate, random_message, Rng};
use cramberry_schema::json::{from_json, to_json};
use cramberry_schema::{dynamic, generate_typescript, Schema};
use serde_json::{json, Value as Json};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Values per message type, and mutations per value.
const VALUES: usize = 40;
const MUTATIONS: usize = 12;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}

/// The error kind's name as the TypeScript runtime spells it: the variant, and the limit or rule.
fn kind_name(kind: &DecodeErrorKind) -> String {
    let debug = format!("{kind:?}");
    let variant: String = debug.chars().take_while(|c| c.is_alphanumeric()).collect();
    match kind {
        DecodeErrorKind::LimitExceeded { limit, .. } => format!("{variant}:{limit:?}"),
        DecodeErrorKind::NonCanonical(rule) => format!("{variant}:{rule:?}"),
        _ => variant,
    }
}

/// What the dynamic codec says of `bytes` under `options`: the re-encoding, or the error.
fn verdict(schema: &Schema, index: usize, bytes: &[u8], options: &DecodeOptions) -> Json {
    match dynamic::decode(schema, index, bytes, options) {
        Ok(m) => json!({ "ok": hex(&dynamic::encode(schema, &m).expect("a decoded value encodes")) }),
        Err(e) => json!({ "error": kind_name(e.kind()), "offset": e.offset(), "path": e.path_string() }),
    }
}

/// The fixture of one schema: per message, values (bytes and JSON text) and mutations with their verdicts.
fn fixture(schema: &Schema, seed: u64) -> Json {
    let mut rng = Rng(seed);
    let sets = option_sets();
    let mut cases = Vec::new();
    for (index, message) in schema.messages.iter().enumerate() {
        for _ in 0..VALUES {
            let value = random_message(schema, index, &mut rng, 0);
            let bytes = dynamic::encode(schema, &value).expect("random values encode");
            let mutations: Vec<Json> = (0..MUTATIONS)
                .map(|_| {
                    let input = mutate(&bytes, &mut rng);
                    let verdicts: serde_json::Map<String, Json> = sets
                        .iter()
                        .map(|(label, options)| (label.to_string(), verdict(schema, index, &input, options)))
                        .collect();
                    json!({ "hex": hex(&input), "verdicts": verdicts })
                })
                .collect();
            cases.push(json!({
                "message": message.name,
                "hex": hex(&bytes),
                "json": to_json(schema, &value).to_string(),
                "mutations": mutations,
            }));
        }
    }
    json!({ "cases": cases })
}

/// Fails, saying why, when Node or the TypeScript dev dependencies are missing (the build script makes the
/// test ignored then, unless `CRAMBERRY_XLANG=require`).
fn require_node(ts: &Path) {
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(node, "cross-language test: Node is not installed");
    assert!(ts.join("node_modules/typescript").is_dir(), "cross-language test: run `npm ci` in ts/");
}

fn run(ts: &Path, program: &str, args: &[&str]) {
    let out = Command::new(program).args(args).current_dir(ts).output().expect("run");
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprint!("{}", String::from_utf8_lossy(&out.stdout));
}

/// Values made by TypeScript (`<stem>.out.json`): Rust decodes each to the same bytes and reads its JSON.
fn check_typescript_values(schema: &Schema, out: &Path) -> usize {
    let text = std::fs::read_to_string(out).expect("the checker's output");
    let values: Json = serde_json::from_str(&text).expect("JSON");
    let values = values["values"].as_array().expect("values");
    for v in values {
        let name = v["message"].as_str().unwrap();
        let index = schema.message(name).unwrap();
        let bytes = unhex(v["hex"].as_str().unwrap());
        let decoded = dynamic::decode(schema, index, &bytes, &DecodeOptions::canonical())
            .unwrap_or_else(|e| panic!("{name} from TypeScript: {e}\n{}", v["hex"]));
        assert_eq!(hex(&dynamic::encode(schema, &decoded).unwrap()), v["hex"].as_str().unwrap(), "{name}");
        let json: Json = serde_json::from_str(v["json"].as_str().unwrap()).expect("TypeScript's JSON");
        let from = from_json(schema, index, &json).unwrap_or_else(|e| panic!("{name}: {e}\n{json}"));
        assert_eq!(dynamic::encode(schema, &from).unwrap(), bytes, "{name}: TypeScript's JSON\n{json}");
    }
    values.len()
}

#[test]
#[cfg_attr(xlang_no_node, ignore = "Node is not installed (CRAMBERRY_XLANG=require makes this a failure)")]
#[cfg_attr(
    xlang_no_deps,
    ignore = "run `npm ci` in ts/ first (CRAMBERRY_XLANG=require makes this a failure)"
)]
fn typescript_gives_the_same_bytes_and_verdicts_as_rust() {
    let ts = root().join("ts");
    require_node(&ts);
    // The project's schemas, the one `cramberry extract` writes for the derive test types (build.rs), and the
    // shared schemas when they are beside the project.
    let mut schemas = vec![
        root().join("schemas/everything.cram"),
        root().join("schemas/orders.cram"),
        PathBuf::from(concat!(env!("OUT_DIR"), "/extracted.cram")),
    ];
    let shared = root().join("../shared/schemas");
    for file in ["messages.cram", "interop.cram"] {
        if shared.join(file).is_file() {
            schemas.push(shared.join(file));
        }
    }
    let gen = ts.join("test/xlang/gen");
    let work = ts.join("build/xlang");
    let _ = std::fs::remove_dir_all(&gen);
    std::fs::create_dir_all(&gen).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let mut loaded = Vec::new();
    for (seed, path) in schemas.iter().enumerate() {
        let schema =
            cramberry_schema::load_file(path, &[path.parent().unwrap()]).unwrap_or_else(|d| panic!("{d}"));
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let source = generate_typescript(&schema.schema, &format!("{stem}.cram")).expect("generate");
        std::fs::write(gen.join(format!("{stem}.ts")), source).unwrap();
        let fixture = fixture(&schema.schema, 0x5eed + seed as u64);
        std::fs::write(work.join(format!("{stem}.fixture.json")), fixture.to_string()).unwrap();
        loaded.push((stem, schema.schema));
    }
    let stream = write_frames_fixture(&ts);
    write_container_fixture(&ts);
    run(&ts, "npx", &["tsc", "-p", "tsconfig.json"]);
    run(&ts, "npx", &["tsc", "-p", "test/xlang/tsconfig.json"]);
    check_frames(&ts, &stream);
    check_containers(&ts);
    for (stem, schema) in &loaded {
        let fixture = format!("build/xlang/{stem}.fixture.json");
        let out = format!("build/xlang/{stem}.out.json");
        run(&ts, "node", &["build/test/xlang/check.js", &format!("./gen/{stem}.js"), &fixture, &out]);
        let n = check_typescript_values(schema, &ts.join(&out));
        eprintln!("{stem}: {n} values from TypeScript decoded and re-encoded identically by Rust");
    }
}

/// Rust's verdict on a stream of frames: how many `StreamReader` reads, then its error (kind, cause, frame
/// index, offset) as the TypeScript runtime names them.
fn stream_verdict(bytes: &[u8]) -> Json {
    let mut reader = cramberry::stream::StreamReader::new(bytes);
    let mut frames = 0;
    while let Some(frame) = reader.next_frame() {
        match frame {
            Ok(_) => frames += 1,
            Err(e) => {
                let kind = match e.kind() {
                    cramberry::stream::FrameErrorKind::Decode(_) => "Decode",
                    cramberry::stream::FrameErrorKind::Message(_) => "Message",
                    other => panic!("not a frame error of a byte slice: {other:?}"),
                };
                let cause = kind_name(e.decode_error().expect("a decode error").kind());
                let cause = cause.split(':').next().unwrap().to_owned();
                return json!({ "frames": frames, "error": [kind, cause, e.frame(), e.offset()] });
            }
        }
    }
    json!({ "frames": frames, "error": null })
}

/// Length-delimited frames across languages, part one: a stream Rust writes (values of `Everything`, an empty
/// one among them, so frames of one byte and of hundreds sit side by side), with Rust's verdict on every cut of
/// it, and the generated module the Node half reads it with. Returns the stream.
fn write_frames_fixture(ts: &Path) -> Vec<u8> {
    let path = root().join("schemas/everything.cram");
    let loaded =
        cramberry_schema::load_file(&path, &[path.parent().unwrap()]).unwrap_or_else(|d| panic!("{d}"));
    let schema = &loaded.schema;
    let index = schema.message("Everything").expect("the Everything message");
    let mut rng = Rng(0xf4a3e5);
    let (mut stream, mut values) = (Vec::new(), Vec::new());
    for i in 0..6 {
        let value =
            if i == 2 { dynamic::DynMessage::new(index) } else { random_message(schema, index, &mut rng, 0) };
        let bytes = dynamic::encode(schema, &value).expect("random values encode");
        cramberry::wire::put_varint(&mut stream, bytes.len() as u64);
        stream.extend_from_slice(&bytes);
        values.push(hex(&bytes));
    }
    let cuts: Vec<Json> = (0..=stream.len())
        .map(|cut| {
            let mut verdict = stream_verdict(&stream[..cut]);
            verdict["cut"] = json!(cut);
            verdict
        })
        .collect();
    let fixture = json!({ "message": "Everything", "stream": hex(&stream), "values": values, "cuts": cuts });
    let source = generate_typescript(schema, "everything.cram").expect("generate");
    std::fs::write(ts.join("test/xlang/gen/frames_everything.ts"), source).unwrap();
    std::fs::write(ts.join("build/xlang/frames.fixture.json"), fixture.to_string()).unwrap();
    stream
}

/// Part two, once the Node half is built: TypeScript reads every message of the stream, gives Rust's verdict on
/// every cut through `frames` and a `FrameReader` fed one byte at a time, and frames the messages again into
/// the very bytes Rust wrote.
fn check_frames(ts: &Path, stream: &[u8]) {
    let args =
        ["build/test/xlang/frames.js", "./gen/frames_everything.js", "build/xlang/frames.fixture.json"];
    run(ts, "node", &[args[0], args[1], args[2], "build/xlang/frames.out.json"]);
    let out =
        std::fs::read_to_string(ts.join("build/xlang/frames.out.json")).expect("the Node half's output");
    let out: Json = serde_json::from_str(&out).expect("JSON");
    assert_eq!(out["stream"].as_str().unwrap(), hex(stream), "TypeScript's frames are Rust's bytes");
}

/// Rust's verdict on a stream container: its headers, every frame after them (kind, index, offset, payload),
/// its trailers, and the error that ended reading (kind, cause, frame index, offset), named as the
/// TypeScript runtime names them.
fn container_verdict(bytes: &[u8]) -> Json {
    use cramberry::stream::container::{ContainerReader, Metadata};
    use cramberry::stream::{FrameError, FrameErrorKind};
    let pairs = |m: &Metadata| -> Vec<Json> { m.iter().map(|(k, v)| json!([k, hex(v)])).collect() };
    let error = |e: FrameError| -> Json {
        let (kind, cause) = match e.kind() {
            FrameErrorKind::Decode(d) => ("Decode", kind_name(d.kind())),
            FrameErrorKind::Message(d) => ("Message", kind_name(d.kind())),
            FrameErrorKind::Container(c) => {
                ("Container", format!("{c:?}").chars().take_while(|c| c.is_alphanumeric()).collect())
            }
            other => panic!("not an error of a byte slice: {other:?}"),
        };
        let cause = cause.split(':').next().unwrap().to_owned();
        json!([kind, cause, e.frame(), e.offset()])
    };
    let mut reader = match ContainerReader::open(bytes) {
        Ok(reader) => reader,
        Err(e) => return json!({ "headers": null, "frames": [], "trailers": null, "error": error(e) }),
    };
    let headers = pairs(reader.header());
    let mut frames = Vec::new();
    let mut failed = Json::Null;
    while let Some(frame) = reader.next_frame() {
        match frame {
            Ok(f) => frames.push(json!([f.info.kind.name(), f.info.index, f.info.offset, hex(f.payload)])),
            Err(e) => {
                failed = error(e);
                break;
            }
        }
    }
    let trailers = reader.trailers().map(pairs);
    json!({ "headers": headers, "frames": frames, "trailers": trailers, "error": failed })
}

/// Containers Rust writes (every codec, checksums off and on; messages, a chunked message, trailers), each with
/// Rust's verdict on every cut and on mutations of it, for the Node half (`test/xlang/container.js`) to match.
/// Compressed containers are mutated only with checksums on: without them a damaged payload reaches the
/// decompressor, and two libraries need not refuse garbage in the same way.
fn write_container_fixture(ts: &Path) {
    use cramberry::stream::container::{Compression, WriterOptions};
    use cramberry_codegen_test::everything::Node;
    let mut rng = Rng(0xc0e7a1);
    let mut containers = Vec::new();
    let codecs = [
        ("none", Compression::None),
        ("zstd", Compression::Zstd(3)),
        ("lz4", Compression::Lz4),
        ("snappy", Compression::Snappy),
    ];
    for ((codec, compression), checksums) in codecs.into_iter().flat_map(|c| [(c, false), (c, true)]) {
        let options = WriterOptions::new()
            .checksums(checksums)
            .compression(compression)
            .compress_above(16)
            .chunk_len(48)
            .header("type", "everything.Node");
        let mut writer = options.open(Vec::new()).expect("in memory");
        let leaf = |label: &str| Node { label: label.into(), ..Node::default() };
        writer.write(&leaf("first")).unwrap();
        writer.write(&leaf(&"a long label that compresses well ".repeat(4))).unwrap();
        let mut chunked = writer.begin_chunked(&leaf("root")).unwrap();
        for i in 0..5 {
            chunked.push(3, &leaf(&format!("child {i}"))).unwrap();
        }
        chunked.finish().unwrap();
        writer.write(&Node::default()).unwrap();
        writer.set_trailer("count", [3]);
        let bytes = writer.finish().unwrap();
        let mut reader = cramberry::stream::container::ContainerReader::open(&bytes[..]).unwrap();
        let mut compressed = 0;
        while let Some(frame) = reader.next_frame() {
            compressed += usize::from(frame.unwrap().info.codec.is_some());
        }
        assert_eq!(compressed > 0, codec != "none", "{codec}: {compressed} compressed frames");
        let mut cases: Vec<Vec<u8>> = (0..=bytes.len()).map(|cut| bytes[..cut].to_vec()).collect();
        if codec == "none" || checksums {
            cases.extend((0..60).map(|_| mutate(&bytes, &mut rng)));
        }
        let verdicts: Vec<Json> =
            cases.iter().map(|c| json!({ "hex": hex(c), "verdict": container_verdict(c) })).collect();
        containers.push(json!({ "codec": codec, "checksums": checksums, "cases": verdicts }));
    }
    let fixture = json!({ "containers": containers });
    std::fs::write(ts.join("build/xlang/container.fixture.json"), fixture.to_string()).unwrap();
}

/// Runs the Node half of the container check.
fn check_containers(ts: &Path) {
    run(ts, "node", &["build/test/xlang/container.js", "build/xlang/container.fixture.json"]);
}

/// The generated modules the TypeScript unit tests import (ts/test/generated) are what the generator writes
/// today: regenerate them with `cramberry generate --lang ts --out ts/test/generated <dir>/<file>.cram`.
#[test]
fn committed_typescript_modules_are_up_to_date() {
    for (dir, stem) in [("schemas", "everything"), ("schemas", "orders"), ("perf/schemas", "seed")] {
        let path = root().join(format!("{dir}/{stem}.cram"));
        let loaded =
            cramberry_schema::load_file(&path, &[path.parent().unwrap()]).unwrap_or_else(|d| panic!("{d}"));
        let fresh = generate_typescript(&loaded.schema, &format!("{dir}/{stem}.cram")).expect("generate");
        let committed = std::fs::read_to_string(root().join(format!("ts/test/generated/{stem}.ts"))).unwrap();
        assert!(committed == fresh, "ts/test/generated/{stem}.ts is stale: regenerate it");
    }
}
