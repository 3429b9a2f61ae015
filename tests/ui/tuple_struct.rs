// A newtype ID derived as a message: one error that rewrites it with named fields, and none where it is used.
use cramberry::{Cramberry, Message};

#[derive(Cramberry)]
struct OrderId(u64);

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    id: OrderId,
}

fn main() {
    let _ = Order { id: OrderId(7) }.encode_to_vec();
}
