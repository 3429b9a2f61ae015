use cramberry::{Cramberry, Message};

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    id: u64,
    qty: u32,
}

fn main() {
    let _ = Order { id: 1, qty: 2 }.encode_to_vec();
}
