//! `cramberry stream`: lists the frames, headers and trailers of a stream (a container, or plain
//! length-delimited frames) or decodes its messages to JSON lines; and the stream side of `encode`.

use cramberry::stream::container::{ContainerReader, FrameKind, Metadata, MAGIC};
use cramberry::stream::StreamReader;
use cramberry::DecodeOptions;
use cramberry_schema::{dynamic, json, Loaded};

/// A schema and the message type the stream holds, to decode with.
pub struct Typed<'a> {
    pub loaded: &'a Loaded,
    pub index: usize,
}

impl Typed<'_> {
    fn json_line(&self, bytes: &[u8], options: &DecodeOptions) -> Result<String, String> {
        let message =
            dynamic::decode(&self.loaded.schema, self.index, bytes, options).map_err(|e| e.to_string())?;
        serde_json::to_string(&json::to_json(&self.loaded.schema, &message)).map_err(|e| e.to_string())
    }
}

/// Prints the stream in `bytes`: a listing, or with `typed` one JSON line per message.
pub fn show(bytes: &[u8], typed: Option<&Typed>, options: &DecodeOptions) -> Result<(), String> {
    if bytes.starts_with(&MAGIC) {
        show_container(bytes, typed, options)
    } else {
        show_delimited(bytes, typed, options)
    }
}

fn show_container(bytes: &[u8], typed: Option<&Typed>, options: &DecodeOptions) -> Result<(), String> {
    let mut reader = ContainerReader::open(bytes).map_err(|e| e.to_string())?;
    if typed.is_none() {
        println!(
            "container, flags {:#x}{}",
            reader.flags(),
            if reader.has_checksums() { " (checksums)" } else { "" }
        );
        print_metadata("header", reader.header());
    }
    let mut chunked = Vec::new();
    while let Some(frame) = reader.next_frame() {
        let frame = frame.map_err(|e| e.to_string())?;
        let info = frame.info;
        match typed {
            None => {
                let codec =
                    info.codec.map(|c| format!(" ({c}, {} stored)", info.stored_len)).unwrap_or_default();
                let crc = info.checksum.map(|c| format!(" crc32c {c:#010x}")).unwrap_or_default();
                println!(
                    "frame {} at {}: {}, {} bytes{codec}{crc}",
                    info.index,
                    info.offset,
                    info.kind.name(),
                    info.len
                );
            }
            Some(typed) => match info.kind {
                FrameKind::Message => println!("{}", typed.json_line(frame.payload, options)?),
                FrameKind::Chunk => chunked.extend_from_slice(frame.payload),
                FrameKind::EndMessage => {
                    println!("{}", typed.json_line(&chunked, options)?);
                    chunked.clear();
                }
                _ => {}
            },
        }
    }
    if let (None, Some(trailers)) = (typed, reader.trailers()) {
        print_metadata("trailer", trailers);
    }
    Ok(())
}

fn show_delimited(bytes: &[u8], typed: Option<&Typed>, options: &DecodeOptions) -> Result<(), String> {
    let mut reader = StreamReader::new(bytes).with_options(options);
    loop {
        let offset = reader.position();
        let index = reader.frames_read();
        let Some(frame) = reader.next_frame() else { return Ok(()) };
        let frame = frame.map_err(|e| e.to_string())?;
        match typed {
            None => println!("frame {index} at {offset}: message, {} bytes", frame.len()),
            Some(typed) => println!("{}", typed.json_line(frame, options)?),
        }
    }
}

fn print_metadata(what: &str, metadata: &Metadata) {
    for (key, value) in metadata.iter() {
        match std::str::from_utf8(value) {
            Ok(text) => println!("{what} {key} = {text:?}"),
            Err(_) => {
                println!("{what} {key} = 0x{}", value.iter().map(|b| format!("{b:02x}")).collect::<String>())
            }
        }
    }
}

/// Encodes each non-empty line of `text` (a JSON message) and writes the stream: a container with the type
/// as its header, or plain length-delimited frames.
pub fn encode_lines(typed: &Typed, type_name: &str, text: &str, container: bool) -> Result<Vec<u8>, String> {
    let mut messages = Vec::new();
    for (line_no, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("line {}: invalid JSON: {e}", line_no + 1))?;
        let message = json::from_json(&typed.loaded.schema, typed.index, &value)
            .map_err(|e| format!("line {}: {e}", line_no + 1))?;
        messages.push(dynamic::encode(&typed.loaded.schema, &message).map_err(|e| e.to_string())?);
    }
    if !container {
        let mut out = Vec::new();
        for message in &messages {
            let mut len = [0; 10];
            let n = cramberry::wire::encode_varint(message.len() as u64, &mut len);
            out.extend_from_slice(&len[..n]);
            out.extend_from_slice(message);
        }
        return Ok(out);
    }
    let io = |e: std::io::Error| e.to_string();
    let mut writer = cramberry::stream::container::WriterOptions::new()
        .header("type", type_name)
        .open(Vec::new())
        .map_err(io)?;
    for message in &messages {
        writer.write_encoded(message).map_err(io)?;
    }
    writer.set_trailer("count", messages.len().to_string());
    writer.finish().map_err(io)
}
