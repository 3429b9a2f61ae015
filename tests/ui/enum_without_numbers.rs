// A new user's first enum: no numbers. One error, with every variant numbered in the fix, and none where the
// enum is used.
use cramberry::{Cramberry, Message};

#[derive(Cramberry, Clone, Copy, Debug, PartialEq)]
enum Side {
    Buy,
    Sell,
}

#[derive(Cramberry, Debug, PartialEq)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(2)]
    side: Side,
}

fn main() {
    let bytes = Order { id: 1, side: Side::Sell }.encode_to_vec();
    let _ = Order::view(&bytes).map(|v| v.to_message());
}
