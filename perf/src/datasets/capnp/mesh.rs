//! `mesh` as Cap'n Proto.

use super::{len, Builder};
use crate::datasets::mesh::{normal_bits, Mesh, Vector3};
use crate::generated::mesh_capnp::{mesh, vector3};
use crate::peers::capnp::open;

fn set(mut out: vector3::Builder<'_>, v: &Vector3) {
    out.set_x(v.x);
    out.set_y(v.y);
    out.set_z(v.z);
}

/// Populates `message` with the triangles.
pub fn build(data: &Mesh, message: &mut Builder<'_>) -> capnp::Result<()> {
    let mut list = message.init_root::<mesh::Builder<'_>>().init_triangles(len(data.triangles.len()));
    for (i, t) in data.triangles.iter().enumerate() {
        let mut out = list.reborrow().get(len(i));
        set(out.reborrow().init_v0(), &t.v0);
        set(out.reborrow().init_v1(), &t.v1);
        set(out.reborrow().init_v2(), &t.v2);
        set(out.init_normal(), &t.normal);
    }
    Ok(())
}

/// "read": the normal of every triangle.
pub fn read(bytes: &[u8]) -> capnp::Result<u64> {
    let message = open(bytes)?;
    let mut acc = 0u64;
    for t in message.get_root::<mesh::Reader<'_>>()?.get_triangles()? {
        let n = t.get_normal()?;
        acc = acc.wrapping_add(normal_bits(n.get_x(), n.get_z()));
    }
    Ok(acc)
}
