//! The same orders as prost messages: what a protobuf user writes for this shape (signed numbers as `sint64`,
//! the checksum as `fixed64`, the map ordered like ours).

use std::collections::BTreeMap;

/// Buy or sell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, prost::Enumeration)]
#[repr(i32)]
pub enum Side {
    Buy = 0,
    Sell = 1,
}

/// One fill.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Fill {
    #[prost(string, tag = "1")]
    pub venue: String,
    #[prost(sint64, tag = "2")]
    pub price: i64,
    #[prost(uint32, tag = "3")]
    pub qty: u32,
}

/// An order.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Order {
    #[prost(uint64, tag = "1")]
    pub id: u64,
    #[prost(string, tag = "2")]
    pub symbol: String,
    #[prost(enumeration = "Side", tag = "3")]
    pub side: i32,
    #[prost(sint64, tag = "4")]
    pub price: i64,
    #[prost(uint32, tag = "5")]
    pub qty: u32,
    #[prost(message, repeated, tag = "6")]
    pub fills: Vec<Fill>,
    #[prost(uint32, repeated, tag = "7")]
    pub levels: Vec<u32>,
    #[prost(btree_map = "string, uint32", tag = "8")]
    pub tags: BTreeMap<String, u32>,
    #[prost(string, optional, tag = "9")]
    pub client_tag: Option<String>,
    #[prost(fixed64, tag = "10")]
    pub checksum: u64,
}

impl From<&super::Order<'_>> for Order {
    fn from(o: &super::Order<'_>) -> Self {
        Order {
            id: o.id,
            symbol: o.symbol.into(),
            side: match o.side {
                super::Side::Buy => Side::Buy as i32,
                super::Side::Sell => Side::Sell as i32,
            },
            price: o.price,
            qty: o.qty,
            fills: o
                .fills
                .iter()
                .map(|f| Fill { venue: f.venue.into(), price: f.price, qty: f.qty })
                .collect(),
            levels: o.levels.clone(),
            tags: o.tags.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            client_tag: o.client_tag.map(Into::into),
            checksum: o.checksum,
        }
    }
}

/// Reads every field, as `read_view` does for ours.
pub fn read_all(o: &Order) -> u64 {
    let mut acc = o.id ^ o.price as u64 ^ u64::from(o.qty) ^ o.checksum ^ o.symbol.len() as u64;
    acc ^= o.side as u64 ^ o.client_tag.as_deref().map_or(0, str::len) as u64;
    for f in &o.fills {
        acc ^= f.price as u64 ^ f.venue.len() as u64 ^ u64::from(f.qty);
    }
    acc ^= o.levels.iter().map(|&l| u64::from(l)).sum::<u64>();
    for (k, n) in &o.tags {
        acc ^= k.len() as u64 ^ u64::from(*n);
    }
    acc
}
