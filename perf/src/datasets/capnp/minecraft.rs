//! `minecraft_savedata` as Cap'n Proto.

use super::{len, Builder};
use crate::datasets::minecraft::{Entity, Item, Player, Players, Vector3d};
use crate::generated::minecraft_capnp::{entity, item, player, players, uuid, vector3d, GameType};
use crate::peers::capnp::open;

fn set_item(i: &Item, mut out: item::Builder<'_>) {
    out.set_count(i.count);
    out.set_slot(i.slot);
    out.set_id(i.id.as_str());
}

fn set_v3(v: &Vector3d, mut out: vector3d::Builder<'_>) {
    out.set_x(v.x);
    out.set_y(v.y);
    out.set_z(v.z);
}

fn set_uuid(u: &[u32; 4], mut out: uuid::Builder<'_>) {
    out.set_x0(u[0]);
    out.set_x1(u[1]);
    out.set_x2(u[2]);
    out.set_x3(u[3]);
}

fn set_items(items: &[Item], mut out: capnp::struct_list::Builder<'_, item::Owned>) {
    for (i, item) in items.iter().enumerate() {
        set_item(item, out.reborrow().get(len(i)));
    }
}

fn set_texts(texts: &[String], mut out: capnp::text_list::Builder<'_>) {
    for (i, text) in texts.iter().enumerate() {
        out.set(len(i), text.as_str());
    }
}

fn set_entity(e: &Entity, mut out: entity::Builder<'_>) {
    out.set_id(e.id.as_str());
    set_v3(&e.pos, out.reborrow().init_pos());
    set_v3(&e.motion, out.reborrow().init_motion());
    let mut rotation = out.reborrow().init_rotation();
    rotation.set_x(e.rotation.x);
    rotation.set_y(e.rotation.y);
    out.set_fall_distance(e.fall_distance);
    out.set_fire(e.fire);
    out.set_air(e.air);
    out.set_on_ground(e.on_ground);
    out.set_no_gravity(e.no_gravity);
    out.set_invulnerable(e.invulnerable);
    out.set_portal_cooldown(e.portal_cooldown);
    set_uuid(&e.uuid, out.reborrow().init_uuid());
    if let Some(name) = &e.custom_name {
        out.set_custom_name(name.as_str());
    }
    out.set_custom_name_visible(e.custom_name_visible);
    out.set_silent(e.silent);
    out.set_glowing(e.glowing);
}

fn set_player(p: &Player, mut out: player::Builder<'_>) -> capnp::Result<()> {
    out.set_game_type(GameType::try_from(p.game_type as u16)?);
    out.set_previous_game_type(GameType::try_from(p.previous_game_type as u16)?);
    out.set_score(p.score);
    out.set_dimension(p.dimension.as_str());
    out.set_selected_item_slot(p.selected_item_slot);
    set_item(&p.selected_item, out.reborrow().init_selected_item());
    if let Some(d) = &p.spawn_dimension {
        out.set_spawn_dimension(d.as_str());
    }
    out.set_spawn_x(p.spawn_x);
    out.set_spawn_y(p.spawn_y);
    out.set_spawn_z(p.spawn_z);
    match p.spawn_forced {
        Some(forced) => out.reborrow().init_spawn_forced().set_some(forced),
        None => out.reborrow().init_spawn_forced().set_none(()),
    }
    out.set_sleep_timer(p.sleep_timer);
    out.set_food_exhaustion_level(p.food_exhaustion_level);
    out.set_food_saturation_level(p.food_saturation_level);
    out.set_food_tick_timer(p.food_tick_timer);
    out.set_xp_level(p.xp_level);
    out.set_xp_p(p.xp_p);
    out.set_xp_total(p.xp_total);
    out.set_xp_seed(p.xp_seed);
    set_items(&p.inventory, out.reborrow().init_inventory(len(p.inventory.len())));
    set_items(&p.ender_items, out.reborrow().init_ender_items(len(p.ender_items.len())));
    let a = &p.abilities;
    let mut abilities = out.reborrow().init_abilities();
    abilities.set_walk_speed(a.walk_speed);
    abilities.set_fly_speed(a.fly_speed);
    abilities.set_may_fly(a.may_fly);
    abilities.set_flying(a.flying);
    abilities.set_invulnerable(a.invulnerable);
    abilities.set_may_build(a.may_build);
    abilities.set_instabuild(a.instabuild);
    if let Some(v) = &p.entered_nether_position {
        set_v3(v, out.reborrow().init_entered_nether_position());
    }
    if let Some(v) = &p.root_vehicle {
        let mut vehicle = out.reborrow().init_root_vehicle();
        set_uuid(&v.uuid, vehicle.reborrow().init_uuid());
        set_entity(&v.entity, vehicle.init_entity());
    }
    if let Some(e) = &p.shoulder_entity_left {
        set_entity(e, out.reborrow().init_shoulder_entity_left());
    }
    if let Some(e) = &p.shoulder_entity_right {
        set_entity(e, out.reborrow().init_shoulder_entity_right());
    }
    out.set_seen_credits(p.seen_credits);
    let r = &p.recipe_book;
    let mut book = out.init_recipe_book();
    set_texts(&r.recipes, book.reborrow().init_recipes(len(r.recipes.len())));
    set_texts(&r.to_be_displayed, book.reborrow().init_to_be_displayed(len(r.to_be_displayed.len())));
    book.set_is_filtering_craftable(r.is_filtering_craftable);
    book.set_is_gui_open(r.is_gui_open);
    book.set_is_furnace_filtering_craftable(r.is_furnace_filtering_craftable);
    book.set_is_furnace_gui_open(r.is_furnace_gui_open);
    book.set_is_blasting_furnace_filtering_craftable(r.is_blasting_furnace_filtering_craftable);
    book.set_is_blasting_furnace_gui_open(r.is_blasting_furnace_gui_open);
    book.set_is_smoker_filtering_craftable(r.is_smoker_filtering_craftable);
    book.set_is_smoker_gui_open(r.is_smoker_gui_open);
    Ok(())
}

/// Populates `message` with the players.
pub fn build(data: &Players, message: &mut Builder<'_>) -> capnp::Result<()> {
    let mut list = message.init_root::<players::Builder<'_>>().init_players(len(data.players.len()));
    for (i, p) in data.players.iter().enumerate() {
        set_player(p, list.reborrow().get(len(i)))?;
    }
    Ok(())
}

/// "read": the game type of every player.
pub fn read(bytes: &[u8]) -> capnp::Result<u64> {
    let message = open(bytes)?;
    let mut acc = 0u64;
    for p in message.get_root::<players::Reader<'_>>()?.get_players()? {
        acc = acc.wrapping_add(p.get_game_type()? as u64);
    }
    Ok(acc)
}
