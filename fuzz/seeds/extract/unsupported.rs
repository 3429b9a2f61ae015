mod inner {
    #[derive(Cramberry)]
    #[cram(pod)]
    #[repr(C)]
    pub struct V { x: f32 }

    #[derive(Cramberry)]
    pub struct Id(u64);

    #[derive(Cramberry)]
    pub struct Grid {
        #[cram(1)] rows: Vec<Vec<u32>>,
        #[cram(2)] pair: (u32, String),
        #[cram(3, with = "crate::ip")] ip: Ipv4Addr,
        #[cram(4)] v: V,
        #[cram(5)] ids: Vec<Id>,
        #[cram(6)] maybe: Option<Vec<u8>>,
    }
}
