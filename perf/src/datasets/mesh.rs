//! `mesh`: 125,000 triangles (bulk f32). Cramberry writes the triangles as pods: one run of their bytes.

use crate::peers::{Dataset, Peer};
use crate::rng::Rng;

super::peer_types! {
    /// A vector of three floats.
    #[derive(Copy)]
    #[cram(pod)]
    #[repr(C)]
    pub struct Vector3 {
        pub x: f32,
        pub y: f32,
        pub z: f32,
    }

    /// A triangle and its normal.
    #[derive(Copy)]
    #[cram(pod)]
    #[repr(C)]
    pub struct Triangle {
        pub v0: Vector3,
        pub v1: Vector3,
        pub v2: Vector3,
        pub normal: Vector3,
    }

    /// The dataset.
    pub struct Mesh {
        #[cram(1)]
        pub triangles: Vec<Triangle>,
    }
}

fn vector(rng: &mut Rng) -> Vector3 {
    Vector3 { x: rng.unit_f32(), y: rng.unit_f32(), z: rng.unit_f32() }
}

/// 125,000 triangles with coordinates uniform in [0, 1).
pub fn generate(rng: &mut Rng) -> Mesh {
    Mesh {
        triangles: (0..125_000)
            .map(|_| Triangle { v0: vector(rng), v1: vector(rng), v2: vector(rng), normal: vector(rng) })
            .collect(),
    }
}

/// The view call a hot path would use for this dataset's read, which reads the packed triangles in place: nothing to record.
pub const READ_VIA: crate::peers::cramberry::ReadVia = crate::peers::cramberry::ReadVia::View;

pub use crate::generated::mesh_pb as pb;

/// The same data as prost types.
pub fn to_prost(data: &Mesh) -> pb::Mesh {
    let v = |v: &Vector3| Some(pb::Vector3 { x: v.x, y: v.y, z: v.z });
    pb::Mesh {
        triangles: data
            .triangles
            .iter()
            .map(|t| pb::Triangle { v0: v(&t.v0), v1: v(&t.v1), v2: v(&t.v2), normal: v(&t.normal) })
            .collect(),
    }
}

/// "read" through the lazy view: each triangle's normal.
pub fn read_lazy(v: &MeshLazy<'_>) -> cramberry::Result<u64> {
    v.triangles()?.iter().try_fold(0u64, |acc, t| {
        let t = t?;
        Ok(acc.wrapping_add(normal_bits(t.normal.x, t.normal.z)))
    })
}

/// "read": the normal of every triangle, through a Cramberry view.
pub fn read_view(v: &MeshView<'_>) -> u64 {
    v.triangles().iter().fold(0u64, |acc, t| acc.wrapping_add(normal_bits(t.normal.x, t.normal.z)))
}

/// "read" through an rkyv archive.
pub fn read_rkyv(v: &ArchivedMesh) -> u64 {
    v.triangles
        .iter()
        .fold(0u64, |acc, t| acc.wrapping_add(normal_bits(t.normal.x.to_native(), t.normal.z.to_native())))
}

/// The bits every mesh "read" sums for one normal.
pub fn normal_bits(x: f32, z: f32) -> u64 {
    u64::from(x.to_bits() ^ z.to_bits())
}

impl Dataset for Mesh {
    fn name(&self) -> &'static str {
        "mesh"
    }

    fn read(&self) -> u64 {
        self.triangles.iter().fold(0u64, |acc, t| acc.wrapping_add(normal_bits(t.normal.x, t.normal.z)))
    }

    fn peers(&self) -> Vec<Peer<'_>> {
        super::community_peers!(self, mesh, crate::generated::mesh_buffa::Mesh, MESH)
    }
}
