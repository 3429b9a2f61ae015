//! CRC32C of frames (the `crc32c` feature). Without the feature, streams with checksums cannot be written, and
//! reading one is a typed error naming the feature.

/// The CRC32C of `bytes` extending `crc` (0 to start).
#[cfg(feature = "crc32c")]
pub(crate) fn crc32c_append(crc: u32, bytes: &[u8]) -> Option<u32> {
    Some(crc32c::crc32c_append(crc, bytes))
}

/// Checksums are not compiled in: `None`.
#[cfg(not(feature = "crc32c"))]
pub(crate) fn crc32c_append(_crc: u32, _bytes: &[u8]) -> Option<u32> {
    None
}
