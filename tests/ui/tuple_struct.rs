// A tuple struct of two fields derived as a message: one error that rewrites it with named fields, and none
// where it is used. (A tuple struct of one field is a transparent newtype, see tests/newtypes.rs.)
use cramberry::{Cramberry, Message};

#[derive(Cramberry)]
struct Range(u64, u64);

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    range: Range,
}

fn main() {
    let _ = Order { range: Range(1, 7) }.encode_to_vec();
}
