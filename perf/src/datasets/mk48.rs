//! `mk48`: 1,000 game-state updates (many small numbers, nested lists). Signed fields use ZigZag (SVARINT).

use crate::peers::{Dataset, Peer};
use crate::rng::Rng;

super::peer_types! {
    /// What kind of entity a contact is.
    #[derive(Copy)]
    pub enum EntityType {
        ArleighBurke = 0,
        Bismarck = 1,
        Clemenceau = 2,
        Fletcher = 3,
        G5 = 4,
        Iowa = 5,
        Kolkata = 6,
        Osa = 7,
        Yasen = 8,
        Zubr = 9,
    }

    /// Steering.
    pub struct Guidance {
        #[cram(1)]
        pub angle: u16,
        #[cram(2)]
        pub submerge: bool,
        #[cram(3)]
        pub velocity: i16,
    }

    /// A position in the plane.
    #[derive(Copy)]
    #[cram(pod)]
    #[repr(C)]
    pub struct Vector2 {
        pub x: f32,
        pub y: f32,
    }

    /// Where a contact is and how it moves.
    pub struct Transform {
        #[cram(1)]
        #[bilrost(encoding(varint))]
        pub altitude: i8,
        #[cram(2)]
        pub angle: u16,
        #[cram(3)]
        pub position: Vector2,
        #[cram(4)]
        pub velocity: i16,
    }

    /// Something a player sees.
    pub struct Contact {
        #[cram(1)]
        #[bilrost(encoding(varint))]
        pub damage: u8,
        #[cram(2)]
        pub entity_id: u32,
        #[cram(3)]
        pub entity_type: Option<EntityType>,
        #[cram(4)]
        pub guidance: Guidance,
        #[cram(5)]
        pub player_id: Option<u16>,
        #[cram(6)]
        pub reloads: Vec<bool>,
        #[cram(7)]
        pub transform: Transform,
        #[cram(8)]
        pub turret_angles: Vec<u16>,
    }

    /// A chunk of terrain that changed.
    pub struct TerrainUpdate {
        #[cram(1)]
        #[bilrost(encoding(varint))]
        pub chunk_x: i8,
        #[cram(2)]
        #[bilrost(encoding(varint))]
        pub chunk_y: i8,
        #[cram(3)]
        #[bilrost(encoding(plainbytes))]
        pub data: Vec<u8>,
    }

    /// One update.
    pub struct Update {
        #[cram(1)]
        pub contacts: Vec<Contact>,
        #[cram(2)]
        pub score: u32,
        #[cram(3)]
        pub world_radius: f32,
        #[cram(4)]
        pub terrain_updates: Vec<TerrainUpdate>,
    }

    /// The dataset.
    pub struct Updates {
        #[cram(1)]
        pub updates: Vec<Update>,
    }
}

const TYPES: [(EntityType, u64); 10] = [
    (EntityType::ArleighBurke, 10),
    (EntityType::Bismarck, 8),
    (EntityType::Clemenceau, 3),
    (EntityType::Fletcher, 15),
    (EntityType::G5, 20),
    (EntityType::Iowa, 5),
    (EntityType::Kolkata, 7),
    (EntityType::Osa, 12),
    (EntityType::Yasen, 6),
    (EntityType::Zubr, 14),
];

fn entity_type(rng: &mut Rng) -> EntityType {
    let total: u64 = TYPES.iter().map(|(_, w)| w).sum();
    let mut pick = rng.below(total);
    for (t, w) in TYPES {
        if pick < w {
            return t;
        }
        pick -= w;
    }
    EntityType::Zubr
}

fn signed(rng: &mut Rng, max: u64) -> i64 {
    rng.below(2 * max + 1) as i64 - max as i64
}

/// 1,000 updates with the community benchmark's distributions.
pub fn generate(rng: &mut Rng) -> Updates {
    let updates = (0..1000)
        .map(|_| Update {
            contacts: (0..rng.range(20, 40))
                .map(|_| Contact {
                    damage: rng.below(256) as u8,
                    entity_id: rng.next_u64() as u32,
                    entity_type: rng.chance(0.9).then(|| entity_type(rng)),
                    guidance: Guidance {
                        angle: rng.below(65_536) as u16,
                        submerge: rng.chance(0.1),
                        velocity: signed(rng, 200) as i16,
                    },
                    player_id: rng.chance(0.5).then(|| rng.below(1000) as u16),
                    reloads: (0..rng.range(2, 28)).map(|_| rng.chance(0.8)).collect(),
                    transform: Transform {
                        altitude: signed(rng, 100) as i8,
                        angle: rng.below(65_536) as u16,
                        position: Vector2 {
                            x: rng.unit_f32() * 1500.0 - 750.0,
                            y: rng.unit_f32() * 1500.0 - 750.0,
                        },
                        velocity: signed(rng, 300) as i16,
                    },
                    turret_angles: (0..rng.below(5)).map(|_| rng.below(65_536) as u16).collect(),
                })
                .collect(),
            score: (rng.below(1000) * rng.below(1000) / 1000) as u32,
            world_radius: 500.0 + rng.unit_f32() * 1000.0,
            terrain_updates: (0..rng.range(3, 10))
                .map(|_| TerrainUpdate {
                    chunk_x: signed(rng, 100) as i8,
                    chunk_y: signed(rng, 100) as i8,
                    data: {
                        let len = if rng.chance(0.98) { rng.range(3, 9) } else { rng.range(900, 1100) };
                        (0..len).map(|_| rng.below(256) as u8).collect()
                    },
                })
                .collect(),
        })
        .collect();
    Updates { updates }
}

/// The view call a hot path would use for this dataset's read, which reads only each update's score, not its contacts: recording them would be wasted.
pub const READ_VIA: crate::peers::cramberry::ReadVia = crate::peers::cramberry::ReadVia::View;

pub use crate::generated::mk48_pb as pb;

/// The same data as prost types.
pub fn to_prost(data: &Updates) -> pb::Updates {
    pb::Updates {
        updates: data
            .updates
            .iter()
            .map(|u| pb::Update {
                contacts: u
                    .contacts
                    .iter()
                    .map(|c| pb::Contact {
                        damage: c.damage.into(),
                        entity_id: c.entity_id,
                        entity_type: c.entity_type.map(|t| t as i32),
                        guidance: Some(pb::Guidance {
                            angle: c.guidance.angle.into(),
                            submerge: c.guidance.submerge,
                            velocity: c.guidance.velocity.into(),
                        }),
                        player_id: c.player_id.map(u32::from),
                        reloads: c.reloads.clone(),
                        transform: Some(pb::Transform {
                            altitude: c.transform.altitude.into(),
                            angle: c.transform.angle.into(),
                            x: c.transform.position.x,
                            y: c.transform.position.y,
                            velocity: c.transform.velocity.into(),
                        }),
                        turret_angles: c.turret_angles.iter().map(|&a| a.into()).collect(),
                    })
                    .collect(),
                score: u.score,
                world_radius: u.world_radius,
                terrain_updates: u
                    .terrain_updates
                    .iter()
                    .map(|t| pb::TerrainUpdate {
                        chunk_x: t.chunk_x.into(),
                        chunk_y: t.chunk_y.into(),
                        data: t.data.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// "read" through the lazy view: each update's score, nothing else validated.
pub fn read_lazy(v: &UpdatesLazy<'_>) -> cramberry::Result<u64> {
    v.updates()?.iter().try_fold(0u64, |acc, u| Ok(acc.wrapping_add(u64::from(u?.score()?))))
}

/// "read": the score of every update, through a Cramberry view.
pub fn read_view(v: &UpdatesView<'_>) -> u64 {
    v.updates().iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.score())))
}

/// "read" through an rkyv archive.
pub fn read_rkyv(v: &ArchivedUpdates) -> u64 {
    v.updates.iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.score.to_native())))
}

impl Dataset for Updates {
    fn name(&self) -> &'static str {
        "mk48"
    }

    fn read(&self) -> u64 {
        self.updates.iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.score)))
    }

    fn peers(&self) -> Vec<Peer<'_>> {
        super::community_peers!(self, mk48, crate::generated::mk48_buffa::Updates, MK48)
    }
}
