// `with` on fields it cannot apply to: one error each, at the module path.
use cramberry::Cramberry;
use std::collections::BTreeMap;

mod m {}

#[derive(Cramberry)]
struct Wrong<'a> {
    #[cram(1, with = "m")]
    by_name: BTreeMap<u32, u32>,
    #[cram(2, fixed, with = "m")]
    fixed: u32,
    #[cram(3, with = "m")]
    borrowed: &'a str,
    #[cram(4, with = "m")]
    nested: Vec<Vec<u32>>,
    #[cram(5, with = "not a path")]
    broken: u32,
}

fn main() {}
