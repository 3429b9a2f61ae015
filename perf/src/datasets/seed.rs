//! The seed's benchmark messages (SmallMessage, Metrics, Person, Document, Event, BatchRequest of 100 and 1000
//! items). The Cramberry types are generated at build time from `schemas/seed.cram`, the prost types from
//! `schemas/proto/seed.proto`; both carry the same fields with the same numbers.

use crate::peers::{self, Dataset, Peer};
use crate::rng::Rng;
use cramberry::Enumeration;
use std::collections::BTreeMap;

/// The Cramberry types generated from `schemas/seed.cram`.
#[allow(missing_docs)]
pub mod types {
    include!(concat!(env!("OUT_DIR"), "/seed.rs"));
}
pub use crate::generated::seed_pb as pb;
use types::*;

/// One value of each seed message.
pub struct Messages {
    /// `SmallMessage`
    pub small: SmallMessage,
    /// `Metrics`
    pub metrics: Metrics,
    /// `Person`, with both addresses.
    pub person: Person,
    /// `Document` with tags, attachments, comments and metadata.
    pub document: Document,
    /// `Event` with attributes and a payload.
    pub event: Event,
    /// `BatchRequest` of 100 items.
    pub batch100: BatchRequest,
    /// `BatchRequest` of 1000 items.
    pub batch1000: BatchRequest,
}

const WORDS: [&str; 12] = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo",
    "lima",
];

fn word(rng: &mut Rng) -> String {
    rng.pick(&WORDS).to_string()
}

fn sentence(rng: &mut Rng, words: u64) -> String {
    (0..words).map(|_| *rng.pick(&WORDS)).collect::<Vec<_>>().join(" ")
}

fn id(rng: &mut Rng) -> i64 {
    rng.below(1 << 40) as i64
}

fn timestamp(rng: &mut Rng) -> Timestamp {
    Timestamp {
        seconds: rng.range(1_500_000_000, 1_800_000_000) as i64,
        nanos: rng.below(1_000_000_000) as i32,
    }
}

fn small(rng: &mut Rng) -> SmallMessage {
    SmallMessage { id: id(rng), name: format!("{}-{}", word(rng), rng.below(1000)), active: rng.chance(0.5) }
}

fn address(rng: &mut Rng) -> Address {
    Address {
        street1: format!("{} {} Street", rng.range(1, 9999), word(rng)),
        street2: rng.chance(0.3).then(|| format!("Suite {}", rng.range(1, 500))),
        city: word(rng),
        state: "CA".into(),
        postal_code: format!("{:05}", rng.below(100_000)),
        country: "US".into(),
        coordinates: rng.chance(0.5).then(|| Point {
            x: f64::from(rng.unit_f32()),
            y: f64::from(rng.unit_f32()),
            z: 0.0,
        }),
    }
}

fn map(rng: &mut Rng, entries: u64) -> BTreeMap<String, String> {
    (0..entries).map(|i| (format!("{}-{i}", word(rng)), sentence(rng, 2))).collect()
}

/// Generates one value of each message.
pub fn generate(rng: &mut Rng) -> Messages {
    let person = Person {
        id: id(rng),
        first_name: word(rng),
        last_name: word(rng),
        middle_name: Some(word(rng)),
        date_of_birth: Some(timestamp(rng)),
        contact: ContactInfo {
            email: format!("{}@{}.example", word(rng), word(rng)),
            phone: Some("+1-555-0100".into()),
            mobile: None,
            fax: None,
            mailing_address: Some(address(rng)),
            billing_address: Some(address(rng)),
        },
        status: Status::Active,
        created_at: timestamp(rng),
        updated_at: Some(timestamp(rng)),
    };
    let document = Document {
        id: id(rng),
        title: sentence(rng, 5),
        content: sentence(rng, 200),
        author_id: id(rng),
        status: Status::Active,
        priority: Priority::High,
        tags: (0..5)
            .map(|_| Tag { key: word(rng), value: word(rng), color: Some("#ff8800".into()) })
            .collect(),
        attachments: (0..3)
            .map(|i| Attachment {
                id: format!("att-{i}"),
                filename: format!("{}.pdf", word(rng)),
                mime_type: "application/pdf".into(),
                size_bytes: rng.below(10_000_000) as i64,
                checksum: (0..32).map(|_| rng.next_u64() as u8).collect(),
                url: Some(format!("https://files.example/{}", word(rng))),
                uploaded_at: timestamp(rng),
            })
            .collect(),
        comments: (0..10)
            .map(|_| Comment {
                id: id(rng),
                author_id: id(rng),
                content: sentence(rng, 20),
                created_at: timestamp(rng),
                edited_at: rng.chance(0.3).then(|| timestamp(rng)),
                reactions: (0..rng.below(8)).map(|_| rng.below(1000) as i64).collect(),
            })
            .collect(),
        metadata: map(rng, 8),
        collaborators: (0..6).map(|_| id(rng)).collect(),
        created_at: timestamp(rng),
        updated_at: Some(timestamp(rng)),
        published_at: None,
    };
    let event = Event {
        id: format!("evt-{}", id(rng)),
        r#type: EventType::Updated,
        entity_type: "document".into(),
        entity_id: format!("doc-{}", id(rng)),
        source: EventSource {
            service: "indexer".into(),
            instance: format!("indexer-{}", rng.below(64)),
            version: "2.4.1".into(),
            region: Some("eu-west-1".into()),
        },
        timestamp: timestamp(rng),
        attributes: map(rng, 5),
        payload: Some((0..256).map(|_| rng.next_u64() as u8).collect()),
        correlation_id: Some(format!("corr-{}", id(rng))),
        causation_id: None,
    };
    let mut batch = |items: usize| BatchRequest {
        request_id: format!("req-{}", id(rng)),
        items: (0..items).map(|_| small(rng)).collect(),
        headers: map(rng, 4),
        submitted_at: timestamp(rng),
        timeout: Some(Duration { seconds: 30, nanos: 0 }),
        priority: Priority::Medium,
    };
    let (batch100, batch1000) = (batch(100), batch(1000));
    Messages {
        small: small(rng),
        metrics: Metrics {
            count: 1_204_332,
            sum: 98_231.5,
            min: 0.25,
            max: 1_834.75,
            avg: 81.56,
            p50: 42.0,
            p95: 310.5,
            p99: 922.125,
            total_bytes: 77_231_009_112,
            error_count: 17,
        },
        person,
        document,
        event,
        batch100,
        batch1000,
    }
}

impl From<&Timestamp> for pb::Timestamp {
    fn from(t: &Timestamp) -> Self {
        pb::Timestamp { seconds: t.seconds, nanos: t.nanos }
    }
}

impl From<&SmallMessage> for pb::SmallMessage {
    fn from(m: &SmallMessage) -> Self {
        pb::SmallMessage { id: m.id, name: m.name.clone(), active: m.active }
    }
}

impl From<&Metrics> for pb::Metrics {
    fn from(m: &Metrics) -> Self {
        pb::Metrics {
            count: m.count,
            sum: m.sum,
            min: m.min,
            max: m.max,
            avg: m.avg,
            p50: m.p50,
            p95: m.p95,
            p99: m.p99,
            total_bytes: m.total_bytes,
            error_count: m.error_count,
        }
    }
}

impl From<&Address> for pb::Address {
    fn from(a: &Address) -> Self {
        pb::Address {
            street1: a.street1.clone(),
            street2: a.street2.clone(),
            city: a.city.clone(),
            state: a.state.clone(),
            postal_code: a.postal_code.clone(),
            country: a.country.clone(),
            coordinates: a.coordinates.as_ref().map(|p| pb::Point { x: p.x, y: p.y, z: p.z }),
        }
    }
}

impl From<&Person> for pb::Person {
    fn from(p: &Person) -> Self {
        let c = &p.contact;
        pb::Person {
            id: p.id,
            first_name: p.first_name.clone(),
            last_name: p.last_name.clone(),
            middle_name: p.middle_name.clone(),
            date_of_birth: p.date_of_birth.as_ref().map(Into::into),
            contact: Some(pb::ContactInfo {
                email: c.email.clone(),
                phone: c.phone.clone(),
                mobile: c.mobile.clone(),
                fax: c.fax.clone(),
                mailing_address: c.mailing_address.as_ref().map(Into::into),
                billing_address: c.billing_address.as_ref().map(Into::into),
            }),
            status: number(p.status),
            created_at: Some((&p.created_at).into()),
            updated_at: p.updated_at.as_ref().map(Into::into),
        }
    }
}

impl From<&Document> for pb::Document {
    fn from(d: &Document) -> Self {
        pb::Document {
            id: d.id,
            title: d.title.clone(),
            content: d.content.clone(),
            author_id: d.author_id,
            status: number(d.status),
            priority: number(d.priority),
            tags: d
                .tags
                .iter()
                .map(|t| pb::Tag { key: t.key.clone(), value: t.value.clone(), color: t.color.clone() })
                .collect(),
            attachments: d
                .attachments
                .iter()
                .map(|a| pb::Attachment {
                    id: a.id.clone(),
                    filename: a.filename.clone(),
                    mime_type: a.mime_type.clone(),
                    size_bytes: a.size_bytes,
                    checksum: a.checksum.clone(),
                    url: a.url.clone(),
                    uploaded_at: Some((&a.uploaded_at).into()),
                })
                .collect(),
            comments: d
                .comments
                .iter()
                .map(|c| pb::Comment {
                    id: c.id,
                    author_id: c.author_id,
                    content: c.content.clone(),
                    created_at: Some((&c.created_at).into()),
                    edited_at: c.edited_at.as_ref().map(Into::into),
                    reactions: c.reactions.clone(),
                })
                .collect(),
            metadata: d.metadata.clone().into_iter().collect(),
            collaborators: d.collaborators.clone(),
            created_at: Some((&d.created_at).into()),
            updated_at: d.updated_at.as_ref().map(Into::into),
            published_at: d.published_at.as_ref().map(Into::into),
        }
    }
}

impl From<&Event> for pb::Event {
    fn from(e: &Event) -> Self {
        let s = &e.source;
        pb::Event {
            id: e.id.clone(),
            r#type: number(e.r#type),
            entity_type: e.entity_type.clone(),
            entity_id: e.entity_id.clone(),
            source: Some(pb::EventSource {
                service: s.service.clone(),
                instance: s.instance.clone(),
                version: s.version.clone(),
                region: s.region.clone(),
            }),
            timestamp: Some((&e.timestamp).into()),
            attributes: e.attributes.clone().into_iter().collect(),
            payload: e.payload.clone(),
            correlation_id: e.correlation_id.clone(),
            causation_id: e.causation_id.clone(),
        }
    }
}

impl From<&BatchRequest> for pb::BatchRequest {
    fn from(b: &BatchRequest) -> Self {
        pb::BatchRequest {
            request_id: b.request_id.clone(),
            items: b.items.iter().map(Into::into).collect(),
            headers: b.headers.clone().into_iter().collect(),
            submitted_at: Some((&b.submitted_at).into()),
            timeout: b.timeout.as_ref().map(|t| pb::Duration { seconds: t.seconds, nanos: t.nanos }),
            priority: number(b.priority),
        }
    }
}

/// An enumeration's number as prost stores it.
fn number(e: impl Enumeration) -> i32 {
    e.number() as i32
}

/// Implements [`Dataset`] for a seed message: its name, the view call its read uses (`View`, or `ViewIn` where
/// the read iterates a list of messages), its "read" on the plain value and through a view,
/// and the two peers (the seed messages compare Cramberry with prost, the seed's reference).
macro_rules! seed_dataset {
    ($ty:ident, $name:expr, $via:ident, |$m:ident| $read:expr, |$v:ident| $read_view:expr) => {
        impl Dataset for $ty {
            #[allow(unused_variables)]
            fn name(&self) -> &'static str {
                let $m = self;
                $name
            }

            fn read(&self) -> u64 {
                let $m = self;
                $read
            }

            fn peers(&self) -> Vec<Peer<'_>> {
                fn read_view($v: &<$ty as cramberry::Viewable>::View<'_>) -> u64 {
                    $read_view
                }
                vec![
                    peers::cramberry::peer(self, peers::cramberry::ReadVia::$via, read_view),
                    peers::prost::peer(pb::$ty::from(self)),
                ]
            }
        }
    };
}

fn len(n: usize) -> u64 {
    n as u64
}

seed_dataset!(SmallMessage, "seed/small", View, |m| (m.id as u64).wrapping_add(len(m.name.len())), |v| {
    (v.id() as u64).wrapping_add(len(v.name().len()))
});
seed_dataset!(
    Metrics,
    "seed/metrics",
    View,
    |m| (m.count as u64).wrapping_add(m.total_bytes as u64).wrapping_add(m.p99.to_bits()),
    |v| (v.count() as u64).wrapping_add(v.total_bytes() as u64).wrapping_add(v.p99().to_bits())
);
seed_dataset!(
    Person,
    "seed/person",
    View,
    |m| (m.id as u64).wrapping_add(len(m.contact.email.len())).wrapping_add(m.created_at.seconds as u64),
    |v| (v.id() as u64)
        .wrapping_add(len(v.contact().email().len()))
        .wrapping_add(v.created_at().seconds() as u64)
);
seed_dataset!(
    Document,
    "seed/document",
    ViewIn,
    |m| (m.id as u64)
        .wrapping_add(len(m.tags.len()))
        .wrapping_add(m.comments.iter().map(|c| len(c.reactions.len())).sum::<u64>()),
    |v| (v.id() as u64)
        .wrapping_add(len(v.tags().len()))
        .wrapping_add(v.comments().iter().map(|c| len(c.reactions().len())).sum::<u64>())
);
seed_dataset!(
    Event,
    "seed/event",
    View,
    |m| len(m.id.len() + m.attributes.len() + m.payload.as_ref().map_or(0, Vec::len)),
    |v| len(v.id().len() + v.attributes().len() + v.payload().map_or(0, <[u8]>::len))
);
seed_dataset!(
    BatchRequest,
    if m.items.len() >= 1000 { "seed/batch1000" } else { "seed/batch100" },
    ViewIn,
    |m| m.items.iter().fold(0u64, |acc, i| acc.wrapping_add(i.id as u64)),
    |v| v.items().iter().fold(0u64, |acc, i| acc.wrapping_add(i.id() as u64))
);
