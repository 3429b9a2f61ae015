//! `mesh` as FlatBuffers: the triangles are structs, one in-place vector.

use super::Builder;
use crate::datasets::mesh::{normal_bits, Mesh, Vector3};
use crate::generated::mesh_fb::fb::mesh as fb;
use flatbuffers::InvalidFlatbuffer;

fn vector(v: &Vector3) -> fb::Vector3 {
    fb::Vector3::new(v.x, v.y, v.z)
}

/// Builds and finishes the mesh.
pub fn build(data: &Mesh, b: &mut Builder) {
    let triangles: Vec<fb::Triangle> = data
        .triangles
        .iter()
        .map(|t| fb::Triangle::new(&vector(&t.v0), &vector(&t.v1), &vector(&t.v2), &vector(&t.normal)))
        .collect();
    let triangles = Some(b.create_vector(&triangles));
    let root = fb::Mesh::create(b, &fb::MeshArgs { triangles });
    b.finish(root, None);
}

/// Verifies the buffer and gets the root.
pub fn access(bytes: &[u8]) -> Result<(), InvalidFlatbuffer> {
    fb::root_as_mesh(bytes).map(|_| ())
}

/// "read": the normal of every triangle.
pub fn read(bytes: &[u8]) -> Result<u64, InvalidFlatbuffer> {
    let root = fb::root_as_mesh(bytes)?;
    Ok(root.triangles().unwrap_or_default().iter().fold(0u64, |acc, t| {
        let n = t.normal();
        acc.wrapping_add(normal_bits(n.x(), n.z()))
    }))
}
