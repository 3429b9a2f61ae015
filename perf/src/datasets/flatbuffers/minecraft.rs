//! `minecraft_savedata` as FlatBuffers.

use super::Builder;
use crate::datasets::minecraft::{Entity, Item, Player, Players, Vector3d};
use crate::generated::minecraft_fb::fb::minecraft as fb;
use flatbuffers::{ForwardsUOffset, InvalidFlatbuffer, Vector, WIPOffset};

type Offset<'b, T> = WIPOffset<T>;

fn item<'b>(i: &Item, b: &mut Builder) -> Offset<'b, fb::Item<'b>> {
    let id = Some(b.create_string(&i.id));
    fb::Item::create(b, &fb::ItemArgs { count: i.count, slot: i.slot, id })
}

fn items<'b>(list: &[Item], b: &mut Builder) -> Offset<'b, Vector<'b, ForwardsUOffset<fb::Item<'b>>>> {
    let offsets: Vec<_> = list.iter().map(|i| item(i, b)).collect();
    b.create_vector(&offsets)
}

fn strings<'b>(list: &[String], b: &mut Builder) -> Offset<'b, Vector<'b, ForwardsUOffset<&'b str>>> {
    let offsets: Vec<_> = list.iter().map(|s| b.create_string(s)).collect();
    b.create_vector(&offsets)
}

fn v3(v: &Vector3d) -> fb::Vector3d {
    fb::Vector3d::new(v.x, v.y, v.z)
}

fn uuid(u: &[u32; 4]) -> fb::Uuid {
    fb::Uuid::new(u[0], u[1], u[2], u[3])
}

fn entity<'b>(e: &Entity, b: &mut Builder) -> Offset<'b, fb::Entity<'b>> {
    let id = Some(b.create_string(&e.id));
    let custom_name = e.custom_name.as_ref().map(|n| b.create_string(n));
    let args = fb::EntityArgs {
        id,
        pos: Some(&v3(&e.pos)),
        motion: Some(&v3(&e.motion)),
        rotation: Some(&fb::Vector2f::new(e.rotation.x, e.rotation.y)),
        fall_distance: e.fall_distance,
        fire: e.fire,
        air: e.air,
        on_ground: e.on_ground,
        no_gravity: e.no_gravity,
        invulnerable: e.invulnerable,
        portal_cooldown: e.portal_cooldown,
        uuid: Some(&uuid(&e.uuid)),
        custom_name,
        custom_name_visible: e.custom_name_visible,
        silent: e.silent,
        glowing: e.glowing,
    };
    fb::Entity::create(b, &args)
}

fn player<'b>(p: &Player, b: &mut Builder) -> Offset<'b, fb::Player<'b>> {
    let dimension = Some(b.create_string(&p.dimension));
    let selected_item = Some(item(&p.selected_item, b));
    let spawn_dimension = p.spawn_dimension.as_ref().map(|d| b.create_string(d));
    let inventory = Some(items(&p.inventory, b));
    let ender_items = Some(items(&p.ender_items, b));
    let root_vehicle = p.root_vehicle.as_ref().map(|v| {
        let entity = Some(entity(&v.entity, b));
        fb::Vehicle::create(b, &fb::VehicleArgs { uuid: Some(&uuid(&v.uuid)), entity })
    });
    let shoulder_entity_left = p.shoulder_entity_left.as_ref().map(|e| entity(e, b));
    let shoulder_entity_right = p.shoulder_entity_right.as_ref().map(|e| entity(e, b));
    let r = &p.recipe_book;
    let recipes = Some(strings(&r.recipes, b));
    let to_be_displayed = Some(strings(&r.to_be_displayed, b));
    let book = fb::RecipeBookArgs {
        recipes,
        to_be_displayed,
        is_filtering_craftable: r.is_filtering_craftable,
        is_gui_open: r.is_gui_open,
        is_furnace_filtering_craftable: r.is_furnace_filtering_craftable,
        is_furnace_gui_open: r.is_furnace_gui_open,
        is_blasting_furnace_filtering_craftable: r.is_blasting_furnace_filtering_craftable,
        is_blasting_furnace_gui_open: r.is_blasting_furnace_gui_open,
        is_smoker_filtering_craftable: r.is_smoker_filtering_craftable,
        is_smoker_gui_open: r.is_smoker_gui_open,
    };
    let recipe_book = Some(fb::RecipeBook::create(b, &book));
    let a = &p.abilities;
    let abilities = fb::Abilities::new(
        a.walk_speed,
        a.fly_speed,
        a.may_fly,
        a.flying,
        a.invulnerable,
        a.may_build,
        a.instabuild,
    );
    let entered_nether_position = p.entered_nether_position.as_ref().map(v3);
    let args = fb::PlayerArgs {
        game_type: fb::GameType(p.game_type as u8),
        previous_game_type: fb::GameType(p.previous_game_type as u8),
        score: p.score,
        dimension,
        selected_item_slot: p.selected_item_slot,
        selected_item,
        spawn_dimension,
        spawn_x: p.spawn_x,
        spawn_y: p.spawn_y,
        spawn_z: p.spawn_z,
        spawn_forced: p.spawn_forced,
        sleep_timer: p.sleep_timer,
        food_exhaustion_level: p.food_exhaustion_level,
        food_saturation_level: p.food_saturation_level,
        food_tick_timer: p.food_tick_timer,
        xp_level: p.xp_level,
        xp_p: p.xp_p,
        xp_total: p.xp_total,
        xp_seed: p.xp_seed,
        inventory,
        ender_items,
        abilities: Some(&abilities),
        entered_nether_position: entered_nether_position.as_ref(),
        root_vehicle,
        shoulder_entity_left,
        shoulder_entity_right,
        seen_credits: p.seen_credits,
        recipe_book,
    };
    fb::Player::create(b, &args)
}

/// Builds and finishes the players.
pub fn build(data: &Players, b: &mut Builder) {
    let players: Vec<_> = data.players.iter().map(|p| player(p, b)).collect();
    let players = Some(b.create_vector(&players));
    let root = fb::Players::create(b, &fb::PlayersArgs { players });
    b.finish(root, None);
}

/// Verifies the buffer and gets the root.
pub fn access(bytes: &[u8]) -> Result<(), InvalidFlatbuffer> {
    fb::root_as_players(bytes).map(|_| ())
}

/// "read": the game type of every player.
pub fn read(bytes: &[u8]) -> Result<u64, InvalidFlatbuffer> {
    let root = fb::root_as_players(bytes)?;
    Ok(root
        .players()
        .map_or(0, |p| p.iter().fold(0u64, |acc, p| acc.wrapping_add(u64::from(p.game_type().0)))))
}
