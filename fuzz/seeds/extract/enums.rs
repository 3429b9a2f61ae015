#[derive(Cramberry)]
pub enum Side { Buy = 0, Sell = 1 }

#[derive(Cramberry)]
pub enum Level { #[cram(0)] Unset, #[cram(other)] Other(u32) }

#[derive(Cramberry)]
pub enum Shape { #[cram(type_id = 128)] Circle(Circle), #[cram(type_id = 129)] Square(Box<Square>) }

#[derive(Cramberry)]
pub struct Circle { #[cram(1)] r: f64 }

#[derive(Cramberry)]
pub struct Square { #[cram(1)] side: f32, #[cram(2)] at: std::time::SystemTime }
