//! Generates the data types and the tonic client and server of `api.cram`.
fn main() -> Result<(), cramberry_schema::CompileError> {
    cramberry_schema::Builder::new().services(true).compile(&["api.cram"], &["."])?;
    Ok(())
}
