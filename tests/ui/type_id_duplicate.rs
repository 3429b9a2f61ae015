use cramberry::Cramberry;

#[derive(Cramberry)]
struct Circle {
    #[cram(1)]
    radius: f64,
}

#[derive(Cramberry)]
struct Square {
    #[cram(1)]
    side: f64,
}

#[derive(Cramberry)]
enum Shape {
    #[cram(type_id = 128)]
    Circle(Circle),
    #[cram(type_id = 128)]
    Square(Square),
}

fn main() {}
