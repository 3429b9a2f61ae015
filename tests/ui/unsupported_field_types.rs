// Field types users reach for that have no wire form: one error each, at the type, saying what to use; the
// message still derives, so its uses raise nothing.
use cramberry::{Cramberry, Message};
use std::collections::{BTreeMap, HashSet};

#[derive(Cramberry)]
struct Everything {
    #[cram(4)]
    pair: (u32, BTreeMap<u32, u32>),
    #[cram(5)]
    matrix: Vec<HashSet<u32>>,
    #[cram(6)]
    maybe_list: Option<[u32; 4]>,
    #[cram(9)]
    tags: HashSet<String>,
    #[cram(10)]
    prices: BTreeMap<f64, u32>,
    #[cram(11)]
    since: std::time::Instant,
    #[cram(12)]
    ok: u32,
}

fn main() {
    fn encode(e: &Everything) -> Vec<u8> {
        e.encode_to_vec()
    }
    let _ = encode;
}
