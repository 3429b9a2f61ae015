use cramberry::Cramberry;

#[derive(Cramberry, Clone, Copy)]
#[cram(pod)]
struct Loose {
    a: u32,
    b: u32,
}

fn main() {}
