use cramberry::Cramberry;

#[derive(Cramberry, Clone, Copy)]
enum Side {
    Buy = 1,
    Sell = 2,
}

fn main() {}
