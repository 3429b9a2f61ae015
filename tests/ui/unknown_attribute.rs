use cramberry::Cramberry;

#[derive(Cramberry)]
struct Order {
    #[cram(1, packed)]
    levels: Vec<u32>,
}

fn main() {}
