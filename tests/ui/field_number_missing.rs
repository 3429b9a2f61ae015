use cramberry::Cramberry;

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    id: u64,
    qty: u32,
}

fn main() {}
