//! Prints the Rust generated for a schema: `cargo run -p cramberry-schema --example generate -- FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("a .cram file");
    let loaded = cramberry_schema::load_file(&path, &["."]).unwrap_or_else(|d| panic!("{d}"));
    for (module, source) in cramberry_schema::generate_rust(&loaded.schema, &path).unwrap() {
        println!("// ===== module {module}\n{source}");
    }
}
