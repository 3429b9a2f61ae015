//! `minecraft_savedata`: 500 players (mixed, borrowable). Signed fields use ZigZag; uuids are fixed32.

use crate::peers::{Borrowing, Dataset, Peer};
use crate::rng::Rng;

super::peer_types! {
    /// Game mode.
    #[derive(Copy)]
    pub enum GameType {
        Survival = 0,
        Creative = 1,
        Adventure = 2,
        Spectator = 3,
    }

    /// An inventory item.
    pub struct Item {
        #[cram(1)]
        #[bilrost(encoding(varint))]
        pub count: i8,
        #[cram(2)]
        #[bilrost(encoding(varint))]
        pub slot: u8,
        #[cram(3)]
        pub id: String,
    }

    /// What a player may do.
    pub struct Abilities {
        #[cram(1)]
        pub walk_speed: f32,
        #[cram(2)]
        pub fly_speed: f32,
        #[cram(3)]
        pub may_fly: bool,
        #[cram(4)]
        pub flying: bool,
        #[cram(5)]
        pub invulnerable: bool,
        #[cram(6)]
        pub may_build: bool,
        #[cram(7)]
        pub instabuild: bool,
    }

    /// Three doubles.
    #[derive(Copy)]
    #[cram(pod)]
    #[repr(C)]
    pub struct Vector3d {
        pub x: f64,
        pub y: f64,
        pub z: f64,
    }

    /// Two floats.
    #[derive(Copy)]
    #[cram(pod)]
    #[repr(C)]
    pub struct Vector2f {
        pub x: f32,
        pub y: f32,
    }

    /// A mob or vehicle.
    pub struct Entity {
        #[cram(1)]
        pub id: String,
        #[cram(2)]
        pub pos: Vector3d,
        #[cram(3)]
        pub motion: Vector3d,
        #[cram(4)]
        pub rotation: Vector2f,
        #[cram(5)]
        pub fall_distance: f32,
        #[cram(6)]
        pub fire: u16,
        #[cram(7)]
        pub air: u16,
        #[cram(8)]
        pub on_ground: bool,
        #[cram(9)]
        pub no_gravity: bool,
        #[cram(10)]
        pub invulnerable: bool,
        #[cram(11)]
        pub portal_cooldown: i32,
        #[cram(12, fixed)]
        #[bilrost(encoding(packed))]
        pub uuid: [u32; 4],
        #[cram(13)]
        pub custom_name: Option<String>,
        #[cram(14)]
        pub custom_name_visible: bool,
        #[cram(15)]
        pub silent: bool,
        #[cram(16)]
        pub glowing: bool,
    }

    /// The vehicle a player rides.
    pub struct Vehicle {
        #[cram(1, fixed)]
        #[bilrost(encoding(packed))]
        pub uuid: [u32; 4],
        #[cram(2)]
        pub entity: Entity,
    }

    /// Unlocked recipes.
    pub struct RecipeBook {
        #[cram(1)]
        pub recipes: Vec<String>,
        #[cram(2)]
        pub to_be_displayed: Vec<String>,
        #[cram(3)]
        pub is_filtering_craftable: bool,
        #[cram(4)]
        pub is_gui_open: bool,
        #[cram(5)]
        pub is_furnace_filtering_craftable: bool,
        #[cram(6)]
        pub is_furnace_gui_open: bool,
        #[cram(7)]
        pub is_blasting_furnace_filtering_craftable: bool,
        #[cram(8)]
        pub is_blasting_furnace_gui_open: bool,
        #[cram(9)]
        pub is_smoker_filtering_craftable: bool,
        #[cram(10)]
        pub is_smoker_gui_open: bool,
    }

    /// A player's save data.
    pub struct Player {
        #[cram(1)]
        pub game_type: GameType,
        #[cram(2)]
        pub previous_game_type: GameType,
        #[cram(3)]
        pub score: i64,
        #[cram(4)]
        pub dimension: String,
        #[cram(5)]
        pub selected_item_slot: u32,
        #[cram(6)]
        pub selected_item: Item,
        #[cram(7)]
        pub spawn_dimension: Option<String>,
        #[cram(8)]
        pub spawn_x: i64,
        #[cram(9)]
        pub spawn_y: i64,
        #[cram(10)]
        pub spawn_z: i64,
        #[cram(11)]
        pub spawn_forced: Option<bool>,
        #[cram(12)]
        pub sleep_timer: u16,
        #[cram(13)]
        pub food_exhaustion_level: f32,
        #[cram(14)]
        pub food_saturation_level: f32,
        #[cram(15)]
        pub food_tick_timer: u32,
        #[cram(16)]
        pub xp_level: u32,
        #[cram(17)]
        pub xp_p: f32,
        #[cram(18)]
        pub xp_total: i32,
        #[cram(19)]
        pub xp_seed: i32,
        #[cram(20)]
        pub inventory: Vec<Item>,
        #[cram(21)]
        pub ender_items: Vec<Item>,
        #[cram(22)]
        pub abilities: Abilities,
        #[cram(23)]
        pub entered_nether_position: Option<Vector3d>,
        #[cram(24)]
        pub root_vehicle: Option<Vehicle>,
        #[cram(25)]
        pub shoulder_entity_left: Option<Entity>,
        #[cram(26)]
        pub shoulder_entity_right: Option<Entity>,
        #[cram(27)]
        pub seen_credits: bool,
        #[cram(28)]
        pub recipe_book: RecipeBook,
    }

    /// The dataset.
    pub struct Players {
        #[cram(1)]
        pub players: Vec<Player>,
    }
}

const ITEMS: [&str; 8] = ["dirt", "stone", "pickaxe", "sand", "gravel", "shovel", "chestplate", "steak"];
const DIMENSIONS: [&str; 3] = ["overworld", "nether", "end"];
const ENTITIES: [&str; 8] = ["cow", "sheep", "zombie", "skeleton", "spider", "creeper", "parrot", "bee"];
const RECIPES: [&str; 8] = ["pickaxe", "torch", "bow", "crafting_table", "furnace", "shears", "arrow", "tnt"];

fn game_type(rng: &mut Rng) -> GameType {
    *rng.pick(&[GameType::Survival, GameType::Creative, GameType::Adventure, GameType::Spectator])
}

fn item(rng: &mut Rng) -> Item {
    Item { count: rng.next_u64() as i8, slot: rng.next_u64() as u8, id: rng.pick(&ITEMS).to_string() }
}

fn v3(rng: &mut Rng) -> Vector3d {
    let f = |rng: &mut Rng| (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    Vector3d { x: f(rng), y: f(rng), z: f(rng) }
}

fn uuid(rng: &mut Rng) -> [u32; 4] {
    [rng.next_u64() as u32, rng.next_u64() as u32, rng.next_u64() as u32, rng.next_u64() as u32]
}

fn entity(rng: &mut Rng) -> Entity {
    Entity {
        id: rng.pick(&ENTITIES).to_string(),
        pos: v3(rng),
        motion: v3(rng),
        rotation: Vector2f { x: rng.unit_f32(), y: rng.unit_f32() },
        fall_distance: rng.unit_f32(),
        fire: rng.next_u64() as u16,
        air: rng.next_u64() as u16,
        on_ground: rng.chance(0.5),
        no_gravity: rng.chance(0.5),
        invulnerable: rng.chance(0.5),
        portal_cooldown: rng.next_u64() as i32,
        uuid: uuid(rng),
        custom_name: rng.chance(0.5).then(|| "Dinnerbone".to_string()),
        custom_name_visible: rng.chance(0.5),
        silent: rng.chance(0.5),
        glowing: rng.chance(0.5),
    }
}

fn player(rng: &mut Rng) -> Player {
    Player {
        game_type: game_type(rng),
        previous_game_type: game_type(rng),
        score: rng.next_u64() as i64,
        dimension: rng.pick(&DIMENSIONS).to_string(),
        selected_item_slot: rng.next_u64() as u32,
        selected_item: item(rng),
        spawn_dimension: rng.chance(0.5).then(|| rng.pick(&DIMENSIONS).to_string()),
        spawn_x: rng.next_u64() as i64,
        spawn_y: rng.next_u64() as i64,
        spawn_z: rng.next_u64() as i64,
        spawn_forced: rng.chance(0.5).then(|| rng.chance(0.5)),
        sleep_timer: rng.next_u64() as u16,
        food_exhaustion_level: rng.unit_f32(),
        food_saturation_level: rng.unit_f32(),
        food_tick_timer: rng.next_u64() as u32,
        xp_level: rng.next_u64() as u32,
        xp_p: rng.unit_f32(),
        xp_total: rng.next_u64() as i32,
        xp_seed: rng.next_u64() as i32,
        inventory: (0..rng.below(41)).map(|_| item(rng)).collect(),
        ender_items: (0..rng.below(28)).map(|_| item(rng)).collect(),
        abilities: Abilities {
            walk_speed: rng.unit_f32(),
            fly_speed: rng.unit_f32(),
            may_fly: rng.chance(0.5),
            flying: rng.chance(0.5),
            invulnerable: rng.chance(0.5),
            may_build: rng.chance(0.5),
            instabuild: rng.chance(0.5),
        },
        entered_nether_position: rng.chance(0.5).then(|| v3(rng)),
        root_vehicle: rng.chance(0.5).then(|| Vehicle { uuid: uuid(rng), entity: entity(rng) }),
        shoulder_entity_left: rng.chance(0.5).then(|| entity(rng)),
        shoulder_entity_right: rng.chance(0.5).then(|| entity(rng)),
        seen_credits: rng.chance(0.5),
        recipe_book: RecipeBook {
            recipes: (0..rng.below(31)).map(|_| rng.pick(&RECIPES).to_string()).collect(),
            to_be_displayed: (0..rng.below(11)).map(|_| rng.pick(&RECIPES).to_string()).collect(),
            is_filtering_craftable: rng.chance(0.5),
            is_gui_open: rng.chance(0.5),
            is_furnace_filtering_craftable: rng.chance(0.5),
            is_furnace_gui_open: rng.chance(0.5),
            is_blasting_furnace_filtering_craftable: rng.chance(0.5),
            is_blasting_furnace_gui_open: rng.chance(0.5),
            is_smoker_filtering_craftable: rng.chance(0.5),
            is_smoker_gui_open: rng.chance(0.5),
        },
    }
}

/// 500 players with the community benchmark's distributions.
pub fn generate(rng: &mut Rng) -> Players {
    Players { players: (0..500).map(|_| player(rng)).collect() }
}

/// The view call a hot path would use for this dataset's read, which reads every player of the list.
pub const READ_VIA: crate::peers::cramberry::ReadVia = crate::peers::cramberry::ReadVia::ViewIn;

pub use crate::generated::minecraft_pb as pb;

/// The same data as prost types.
pub fn to_prost(data: &Players) -> pb::Players {
    pb::Players {
        players: data
            .players
            .iter()
            .map(|p| pb::Player {
                game_type: p.game_type as i32,
                previous_game_type: p.previous_game_type as i32,
                score: p.score,
                dimension: p.dimension.clone(),
                selected_item_slot: p.selected_item_slot,
                selected_item: Some(pb_item(&p.selected_item)),
                spawn_dimension: p.spawn_dimension.clone(),
                spawn_x: p.spawn_x,
                spawn_y: p.spawn_y,
                spawn_z: p.spawn_z,
                spawn_forced: p.spawn_forced,
                sleep_timer: p.sleep_timer.into(),
                food_exhaustion_level: p.food_exhaustion_level,
                food_saturation_level: p.food_saturation_level,
                food_tick_timer: p.food_tick_timer,
                xp_level: p.xp_level,
                xp_p: p.xp_p,
                xp_total: p.xp_total,
                xp_seed: p.xp_seed,
                inventory: p.inventory.iter().map(pb_item).collect(),
                ender_items: p.ender_items.iter().map(pb_item).collect(),
                abilities: Some(pb::Abilities {
                    walk_speed: p.abilities.walk_speed,
                    fly_speed: p.abilities.fly_speed,
                    may_fly: p.abilities.may_fly,
                    flying: p.abilities.flying,
                    invulnerable: p.abilities.invulnerable,
                    may_build: p.abilities.may_build,
                    instabuild: p.abilities.instabuild,
                }),
                entered_nether_position: p.entered_nether_position.as_ref().map(pb_v3),
                root_vehicle: p
                    .root_vehicle
                    .as_ref()
                    .map(|v| pb::Vehicle { uuid: v.uuid.to_vec(), entity: Some(pb_entity(&v.entity)) }),
                shoulder_entity_left: p.shoulder_entity_left.as_ref().map(pb_entity),
                shoulder_entity_right: p.shoulder_entity_right.as_ref().map(pb_entity),
                seen_credits: p.seen_credits,
                recipe_book: Some(pb::RecipeBook {
                    recipes: p.recipe_book.recipes.clone(),
                    to_be_displayed: p.recipe_book.to_be_displayed.clone(),
                    flags: vec![
                        p.recipe_book.is_filtering_craftable,
                        p.recipe_book.is_gui_open,
                        p.recipe_book.is_furnace_filtering_craftable,
                        p.recipe_book.is_furnace_gui_open,
                        p.recipe_book.is_blasting_furnace_filtering_craftable,
                        p.recipe_book.is_blasting_furnace_gui_open,
                        p.recipe_book.is_smoker_filtering_craftable,
                        p.recipe_book.is_smoker_gui_open,
                    ],
                }),
            })
            .collect(),
    }
}

fn pb_item(i: &Item) -> pb::Item {
    pb::Item { count: i.count.into(), slot: i.slot.into(), id: i.id.clone() }
}

fn pb_v3(v: &Vector3d) -> pb::Vector3d {
    pb::Vector3d { x: v.x, y: v.y, z: v.z }
}

fn pb_entity(e: &Entity) -> pb::Entity {
    pb::Entity {
        id: e.id.clone(),
        pos: Some(pb_v3(&e.pos)),
        motion: Some(pb_v3(&e.motion)),
        rotation_x: e.rotation.x,
        rotation_y: e.rotation.y,
        fall_distance: e.fall_distance,
        fire: e.fire.into(),
        air: e.air.into(),
        on_ground: e.on_ground,
        no_gravity: e.no_gravity,
        invulnerable: e.invulnerable,
        portal_cooldown: e.portal_cooldown,
        uuid: e.uuid.to_vec(),
        custom_name: e.custom_name.clone(),
        custom_name_visible: e.custom_name_visible,
        silent: e.silent,
        glowing: e.glowing,
    }
}

/// "read" through the lazy view: each player's game type, nothing else validated.
pub fn read_lazy(v: &PlayersLazy<'_>) -> cramberry::Result<u64> {
    v.players()?.iter().try_fold(0u64, |acc, p| Ok(acc.wrapping_add(p?.game_type()? as u64)))
}

/// "read": the game type of every player, through a Cramberry view.
pub fn read_view(v: &PlayersView<'_>) -> u64 {
    v.players().iter().fold(0u64, |acc, p| acc.wrapping_add(p.game_type() as u64))
}

/// "read" through an rkyv archive.
pub fn read_rkyv(v: &ArchivedPlayers) -> u64 {
    v.players.iter().fold(0u64, |acc, p| {
        let game_type = match p.game_type {
            ArchivedGameType::Survival => 0,
            ArchivedGameType::Creative => 1,
            ArchivedGameType::Adventure => 2,
            ArchivedGameType::Spectator => 3,
        };
        acc.wrapping_add(game_type)
    })
}

impl Dataset for Players {
    fn name(&self) -> &'static str {
        "minecraft"
    }

    fn read(&self) -> u64 {
        self.players.iter().fold(0u64, |acc, p| acc.wrapping_add(p.game_type as u64))
    }

    fn peers(&self) -> Vec<Peer<'_>> {
        let all =
            super::community_peers!(self, minecraft, crate::generated::minecraft_buffa::Players, MINECRAFT);
        all.into_iter().map(|peer| super::with_borrow(peer, self, super::buffa::MINECRAFT)).collect()
    }
}

impl Borrowing for Players {
    type Borrowed<'b> = super::borrowed::Players<'b>;
}
