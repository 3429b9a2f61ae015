// A field of a type that does not derive Cramberry: the derive cannot see that, so the field traits say it.
use cramberry::Cramberry;

struct OrderId(u64);

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    id: OrderId,
}

fn main() {}
