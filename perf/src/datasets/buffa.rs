//! buffa's access and read for each dataset, over its views generated from `schemas/proto`.

use crate::generated::{log_buffa, mesh_buffa, minecraft_buffa, mk48_buffa};
use crate::peers::buffa::Views;
use buffa::MessageView;

/// `log`: address, code and size of every log.
pub const LOG: Views = Views {
    access: |b| log_buffa::LogsView::decode_view(b).is_ok(),
    read: |b| {
        let v = log_buffa::LogsView::decode_view(b).ok()?;
        Some(v.logs.iter().fold(0u64, |acc, l| {
            let a = &*l.address;
            acc.wrapping_add(u64::from(a.x0) + u64::from(a.x3) + u64::from(l.code) + l.size)
        }))
    },
};

/// `mesh`: the normal of every triangle.
pub const MESH: Views = Views {
    access: |b| mesh_buffa::MeshView::decode_view(b).is_ok(),
    read: |b| {
        let v = mesh_buffa::MeshView::decode_view(b).ok()?;
        Some(
            v.triangles
                .iter()
                .fold(0u64, |acc, t| acc.wrapping_add(super::mesh::normal_bits(t.normal.x, t.normal.z))),
        )
    },
};

/// `minecraft`: the game type of every player.
pub const MINECRAFT: Views = Views {
    access: |b| minecraft_buffa::PlayersView::decode_view(b).is_ok(),
    read: |b| {
        let v = minecraft_buffa::PlayersView::decode_view(b).ok()?;
        Some(v.players.iter().fold(0u64, |acc, p| acc.wrapping_add(p.game_type.to_i32() as u64)))
    },
};

/// `mk48`: the score of every update.
pub const MK48: Views = Views {
    access: |b| mk48_buffa::UpdatesView::decode_view(b).is_ok(),
    read: |b| {
        let v = mk48_buffa::UpdatesView::decode_view(b).ok()?;
        Some(v.updates.iter().fold(0u64, |acc, u| acc.wrapping_add(u64::from(u.score))))
    },
};
