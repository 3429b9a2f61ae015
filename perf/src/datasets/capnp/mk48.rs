//! `mk48` as Cap'n Proto.

use super::{len, Builder};
use crate::datasets::mk48::{Contact, TerrainUpdate, Update, Updates};
use crate::generated::mk48_capnp::{contact, terrain_update, update, updates, EntityType};
use crate::peers::capnp::open;

fn contact(c: &Contact, mut out: contact::Builder<'_>) -> capnp::Result<()> {
    out.set_damage(c.damage);
    out.set_entity_id(c.entity_id);
    match c.entity_type {
        Some(t) => out.reborrow().init_entity_type().set_some(EntityType::try_from(t as u16)?),
        None => out.reborrow().init_entity_type().set_none(()),
    }
    let mut guidance = out.reborrow().init_guidance();
    guidance.set_angle(c.guidance.angle);
    guidance.set_submerge(c.guidance.submerge);
    guidance.set_velocity(c.guidance.velocity);
    match c.player_id {
        Some(id) => out.reborrow().init_player_id().set_some(id),
        None => out.reborrow().init_player_id().set_none(()),
    }
    out.set_reloads(&c.reloads[..])?;
    let mut transform = out.reborrow().init_transform();
    transform.set_altitude(c.transform.altitude);
    transform.set_angle(c.transform.angle);
    transform.set_velocity(c.transform.velocity);
    let mut position = transform.init_position();
    position.set_x(c.transform.position.x);
    position.set_y(c.transform.position.y);
    out.set_turret_angles(&c.turret_angles[..])
}

fn terrain(t: &TerrainUpdate, mut out: terrain_update::Builder<'_>) {
    out.set_chunk_x(t.chunk_x);
    out.set_chunk_y(t.chunk_y);
    out.set_data(&t.data);
}

fn update(u: &Update, mut out: update::Builder<'_>) -> capnp::Result<()> {
    out.set_score(u.score);
    out.set_world_radius(u.world_radius);
    let mut contacts = out.reborrow().init_contacts(len(u.contacts.len()));
    for (i, c) in u.contacts.iter().enumerate() {
        contact(c, contacts.reborrow().get(len(i)))?;
    }
    let mut terrain_updates = out.init_terrain_updates(len(u.terrain_updates.len()));
    for (i, t) in u.terrain_updates.iter().enumerate() {
        terrain(t, terrain_updates.reborrow().get(len(i)));
    }
    Ok(())
}

/// Populates `message` with the updates.
pub fn build(data: &Updates, message: &mut Builder<'_>) -> capnp::Result<()> {
    let mut list = message.init_root::<updates::Builder<'_>>().init_updates(len(data.updates.len()));
    for (i, u) in data.updates.iter().enumerate() {
        update(u, list.reborrow().get(len(i)))?;
    }
    Ok(())
}

/// "read": the score of every update.
pub fn read(bytes: &[u8]) -> capnp::Result<u64> {
    let message = open(bytes)?;
    let root = message.get_root::<updates::Reader<'_>>()?;
    Ok(root.get_updates()?.iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.get_score()))))
}
