use cramberry::Cramberry;

#[derive(Cramberry, Clone, Copy)]
#[cram(pod)]
#[repr(C)]
struct Padded {
    a: u8,
    b: u32,
}

fn main() {}
