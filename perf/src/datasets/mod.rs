//! The four community datasets (shared/spec/datasets.md), generated with a fixed seed.

pub mod log;
pub mod mesh;
pub mod minecraft;
pub mod mk48;
