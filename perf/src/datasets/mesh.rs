//! `mesh`: 125,000 triangles (bulk f32). Cramberry writes the triangles as pods: one run of their bytes.

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

/// The protobuf types prost-build generates for the same schema.
pub mod pb {
    /// A vector.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Vector3 {
        #[prost(float, tag = "1")]
        pub x: f32,
        #[prost(float, tag = "2")]
        pub y: f32,
        #[prost(float, tag = "3")]
        pub z: f32,
    }

    /// A triangle.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Triangle {
        #[prost(message, optional, tag = "1")]
        pub v0: Option<Vector3>,
        #[prost(message, optional, tag = "2")]
        pub v1: Option<Vector3>,
        #[prost(message, optional, tag = "3")]
        pub v2: Option<Vector3>,
        #[prost(message, optional, tag = "4")]
        pub normal: Option<Vector3>,
    }

    /// The dataset.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Mesh {
        #[prost(message, repeated, tag = "1")]
        pub triangles: Vec<Triangle>,
    }
}

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

/// "read": the normal of every triangle, through a Cramberry view.
pub fn read_view(v: &MeshView<'_>) -> u64 {
    v.triangles()
        .iter()
        .fold(0u64, |acc, t| acc.wrapping_add(u64::from(t.normal.x.to_bits() ^ t.normal.z.to_bits())))
}

/// "read" through an rkyv archive.
pub fn read_rkyv(v: &ArchivedMesh) -> u64 {
    v.triangles.iter().fold(0u64, |acc, t| {
        acc.wrapping_add(u64::from(t.normal.x.to_native().to_bits() ^ t.normal.z.to_native().to_bits()))
    })
}
