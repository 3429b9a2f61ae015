//! Borrowing twins of the strings-heavy datasets (log, minecraft_savedata), for the "borrow" column: the same
//! fields and numbers as the plain types, with `&str` where those own a `String`, so Cramberry, postcard
//! and bitcode decode them without allocating strings.

use super::{log, minecraft};

/// `log`: one line, its strings borrowed.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Log<'a> {
    #[cram(1)]
    pub address: log::Address,
    #[cram(2)]
    pub identity: &'a str,
    #[cram(3)]
    pub userid: &'a str,
    #[cram(4)]
    pub date: &'a str,
    #[cram(5)]
    pub request: &'a str,
    #[cram(6)]
    pub code: u16,
    #[cram(7)]
    pub size: u64,
}

/// `log`: the dataset, borrowing.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Logs<'a> {
    #[cram(1)]
    #[serde(borrow)]
    pub logs: Vec<Log<'a>>,
}

/// `minecraft_savedata`: an inventory item, its id borrowed.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Item<'a> {
    #[cram(1)]
    pub count: i8,
    #[cram(2)]
    pub slot: u8,
    #[cram(3)]
    pub id: &'a str,
}

/// `minecraft_savedata`: a mob or vehicle, its strings borrowed.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Entity<'a> {
    #[cram(1)]
    pub id: &'a str,
    #[cram(2)]
    pub pos: minecraft::Vector3d,
    #[cram(3)]
    pub motion: minecraft::Vector3d,
    #[cram(4)]
    pub rotation: minecraft::Vector2f,
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
    pub uuid: [u32; 4],
    #[cram(13)]
    pub custom_name: Option<&'a str>,
    #[cram(14)]
    pub custom_name_visible: bool,
    #[cram(15)]
    pub silent: bool,
    #[cram(16)]
    pub glowing: bool,
}

/// `minecraft_savedata`: the vehicle a player rides.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Vehicle<'a> {
    #[cram(1, fixed)]
    pub uuid: [u32; 4],
    #[cram(2)]
    #[serde(borrow)]
    pub entity: Entity<'a>,
}

/// `minecraft_savedata`: unlocked recipes, borrowed.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct RecipeBook<'a> {
    #[cram(1)]
    #[serde(borrow)]
    pub recipes: Vec<&'a str>,
    #[cram(2)]
    #[serde(borrow)]
    pub to_be_displayed: Vec<&'a str>,
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

/// `minecraft_savedata`: a player's save data, its strings borrowed.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Player<'a> {
    #[cram(1)]
    pub game_type: minecraft::GameType,
    #[cram(2)]
    pub previous_game_type: minecraft::GameType,
    #[cram(3)]
    pub score: i64,
    #[cram(4)]
    pub dimension: &'a str,
    #[cram(5)]
    pub selected_item_slot: u32,
    #[cram(6)]
    #[serde(borrow)]
    pub selected_item: Item<'a>,
    #[cram(7)]
    pub spawn_dimension: Option<&'a str>,
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
    #[serde(borrow)]
    pub inventory: Vec<Item<'a>>,
    #[cram(21)]
    #[serde(borrow)]
    pub ender_items: Vec<Item<'a>>,
    #[cram(22)]
    pub abilities: minecraft::Abilities,
    #[cram(23)]
    pub entered_nether_position: Option<minecraft::Vector3d>,
    #[cram(24)]
    #[serde(borrow)]
    pub root_vehicle: Option<Vehicle<'a>>,
    #[cram(25)]
    #[serde(borrow)]
    pub shoulder_entity_left: Option<Entity<'a>>,
    #[cram(26)]
    #[serde(borrow)]
    pub shoulder_entity_right: Option<Entity<'a>>,
    #[cram(27)]
    pub seen_credits: bool,
    #[cram(28)]
    #[serde(borrow)]
    pub recipe_book: RecipeBook<'a>,
}

/// `minecraft_savedata`: the dataset, borrowing.
#[derive(cramberry::Cramberry, serde::Deserialize, bitcode::Decode, Debug)]
pub struct Players<'a> {
    #[cram(1)]
    #[serde(borrow)]
    pub players: Vec<Player<'a>>,
}
