use cramberry::Cramberry;

#[derive(Cramberry)]
struct Order {
    #[cram(1)]
    id: u64,
    #[cram(1)]
    qty: u32,
}

fn main() {}
