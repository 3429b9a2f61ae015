//! Checks a schema file and prints its diagnostics: `cargo run -p cramberry-schema --example check -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a .cram file");
    match cramberry_schema::load_file(&path, &["."]) {
        Ok(l) => println!(
            "ok: {} messages, {} enums, {} interfaces",
            l.schema.messages.len(),
            l.schema.enums.len(),
            l.schema.interfaces.len()
        ),
        Err(d) => print!("{d}"),
    }
}
