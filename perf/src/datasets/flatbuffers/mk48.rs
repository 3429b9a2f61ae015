//! `mk48` as FlatBuffers.

use super::Builder;
use crate::datasets::mk48::{Contact, TerrainUpdate, Update, Updates};
use crate::generated::mk48_fb::fb::mk_48 as fb;
use flatbuffers::{InvalidFlatbuffer, WIPOffset};

fn contact<'b>(c: &Contact, b: &mut Builder) -> WIPOffset<fb::Contact<'b>> {
    let t = &c.transform;
    let args = fb::ContactArgs {
        damage: c.damage,
        entity_id: c.entity_id,
        entity_type: c.entity_type.map(|t| fb::EntityType(t as u8)),
        guidance: Some(&fb::Guidance::new(c.guidance.angle, c.guidance.submerge, c.guidance.velocity)),
        player_id: c.player_id,
        reloads: Some(b.create_vector(&c.reloads)),
        transform: Some(&fb::Transform::new(
            t.altitude,
            t.angle,
            &fb::Vector2::new(t.position.x, t.position.y),
            t.velocity,
        )),
        turret_angles: Some(b.create_vector(&c.turret_angles)),
    };
    fb::Contact::create(b, &args)
}

fn terrain<'b>(t: &TerrainUpdate, b: &mut Builder) -> WIPOffset<fb::TerrainUpdate<'b>> {
    let data = Some(b.create_vector(&t.data));
    fb::TerrainUpdate::create(b, &fb::TerrainUpdateArgs { chunk_x: t.chunk_x, chunk_y: t.chunk_y, data })
}

fn update<'b>(u: &Update, b: &mut Builder) -> WIPOffset<fb::Update<'b>> {
    let contacts: Vec<_> = u.contacts.iter().map(|c| contact(c, b)).collect();
    let terrain_updates: Vec<_> = u.terrain_updates.iter().map(|t| terrain(t, b)).collect();
    let args = fb::UpdateArgs {
        contacts: Some(b.create_vector(&contacts)),
        score: u.score,
        world_radius: u.world_radius,
        terrain_updates: Some(b.create_vector(&terrain_updates)),
    };
    fb::Update::create(b, &args)
}

/// Builds and finishes the updates.
pub fn build(data: &Updates, b: &mut Builder) {
    let updates: Vec<_> = data.updates.iter().map(|u| update(u, b)).collect();
    let updates = Some(b.create_vector(&updates));
    let root = fb::Updates::create(b, &fb::UpdatesArgs { updates });
    b.finish(root, None);
}

/// Verifies the buffer and gets the root.
pub fn access(bytes: &[u8]) -> Result<(), InvalidFlatbuffer> {
    fb::root_as_updates(bytes).map(|_| ())
}

/// "read": the score of every update.
pub fn read(bytes: &[u8]) -> Result<u64, InvalidFlatbuffer> {
    let root = fb::root_as_updates(bytes)?;
    Ok(root.updates().map_or(0, |u| u.iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.score())))))
}
