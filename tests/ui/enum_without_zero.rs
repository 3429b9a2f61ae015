// Numbered, but none is 0: one error naming both ways out, and none where the enum is used.
use cramberry::{Cramberry, Message};

#[derive(Cramberry, Clone, Copy)]
enum Side {
    Buy = 1,
    Sell = 2,
}

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    side: Side,
}

fn main() {
    let _ = Order { side: Side::Buy }.encode_to_vec();
}
