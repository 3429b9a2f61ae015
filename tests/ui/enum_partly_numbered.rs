// Some variants numbered, none 0: one error whose fix numbers the rest as Rust does and names the default's rule.
use cramberry::Cramberry;

#[derive(Cramberry, Clone, Copy)]
enum Status {
    Open = 1,
    Filled,
    Cancelled = 5,
    Rejected,
}

fn main() {}
