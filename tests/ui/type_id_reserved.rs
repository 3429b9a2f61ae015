use cramberry::Cramberry;

#[derive(Cramberry)]
struct Circle {
    #[cram(1)]
    radius: f64,
}

#[derive(Cramberry)]
enum Shape {
    #[cram(type_id = 64)]
    Circle(Circle),
}

fn main() {}
