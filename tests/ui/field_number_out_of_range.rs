use cramberry::Cramberry;

#[derive(Cramberry)]
struct Order {
    #[cram(536870912)]
    id: u64,
}

fn main() {}
