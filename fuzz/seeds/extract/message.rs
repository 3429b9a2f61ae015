/// An order.
#[derive(Cramberry)]
#[cram(type_id = 200)]
pub struct Order<'a> {
    #[cram(1)] pub id: u64,
    #[cram(2, fixed)] pub hash: u64,
    #[cram(3)] pub fills: Vec<i64>,
    #[cram(4, required)] pub qty: i32,
    #[cram(5)] pub note: Option<&'a str>,
    #[cram(6)] pub tags: BTreeMap<String, u32>,
    #[cram(7)] pub key: [u8; 32],
    #[cram(skip)] pub cache: u64,
}
