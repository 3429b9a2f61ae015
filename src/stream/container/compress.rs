//! Per-frame compression: the codecs a container may use, each behind its own cargo feature (`zstd`,
//! `lz4_flex`, `snap`). A frame records its codec in its flags and its decompressed length in its header, so a
//! reader checks that length against its limit before it decompresses anything.

/// How a [`ContainerWriter`](super::ContainerWriter) compresses frames whose payload reaches the threshold
/// ([`WriterOptions::compress_above`](super::WriterOptions::compress_above)). A frame that would not get
/// smaller is stored as it is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Compression {
    /// No compression (the default).
    #[default]
    None,
    /// Zstandard at a level (1 to 22; 3 is zstd's default; negative levels are faster still).
    #[cfg(feature = "zstd")]
    Zstd(i32),
    /// LZ4 block compression (lz4_flex).
    #[cfg(feature = "lz4_flex")]
    Lz4,
    /// Snappy raw (block) compression.
    #[cfg(feature = "snap")]
    Snappy,
}

/// A codec as numbered on the wire (frame flags bits 0–1; stream flag bit `codec + 0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Zstd = 1,
    Lz4 = 2,
    Snappy = 3,
}

impl Codec {
    /// The codec numbered `bits` (1 to 3).
    pub(crate) fn from_bits(bits: u8) -> Option<Codec> {
        match bits {
            1 => Some(Codec::Zstd),
            2 => Some(Codec::Lz4),
            3 => Some(Codec::Snappy),
            _ => None,
        }
    }

    /// The codec's name in errors and the CLI.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Codec::Zstd => "zstd",
            Codec::Lz4 => "lz4",
            Codec::Snappy => "snappy",
        }
    }

    /// What reading this codec needs, as a container error: `None` when this build has it.
    pub(crate) fn missing_feature(self) -> Option<(&'static str, &'static str)> {
        match self {
            Codec::Zstd if !cfg!(feature = "zstd") => Some(("zstd compression", "zstd")),
            Codec::Lz4 if !cfg!(feature = "lz4_flex") => Some(("lz4 compression", "lz4_flex")),
            Codec::Snappy if !cfg!(feature = "snap") => Some(("snappy compression", "snap")),
            _ => None,
        }
    }

    /// Decompresses `input` into the whole of `out`; `false` unless it decompresses to exactly `out.len()`
    /// bytes. Never writes past `out`, whatever `input` holds.
    pub(crate) fn decompress(self, contexts: &mut Contexts, input: &[u8], out: &mut [u8]) -> bool {
        let _ = &contexts;
        match self {
            #[cfg(feature = "zstd")]
            Codec::Zstd => match contexts.zstd_decompressor() {
                Some(zstd) => zstd.decompress_to_buffer(input, out).is_ok_and(|n| n == out.len()),
                None => false,
            },
            #[cfg(feature = "lz4_flex")]
            Codec::Lz4 => lz4_flex::block::decompress_into(input, out).is_ok_and(|n| n == out.len()),
            #[cfg(feature = "snap")]
            Codec::Snappy => {
                snap::raw::decompress_len(input).is_ok_and(|n| n == out.len())
                    && snap::raw::Decoder::new().decompress(input, out).is_ok_and(|n| n == out.len())
            }
            #[allow(unreachable_patterns)]
            _ => {
                let _ = (input, out);
                false
            }
        }
    }
}

impl Compression {
    /// The codec, or `None` for no compression.
    pub(crate) fn codec(self) -> Option<Codec> {
        match self {
            Compression::None => None,
            #[cfg(feature = "zstd")]
            Compression::Zstd(_) => Some(Codec::Zstd),
            #[cfg(feature = "lz4_flex")]
            Compression::Lz4 => Some(Codec::Lz4),
            #[cfg(feature = "snap")]
            Compression::Snappy => Some(Codec::Snappy),
        }
    }

    /// Compresses `input`, replacing the contents of `out`; `false` when it was not compressed (no codec, a
    /// bad zstd level, or an input over snappy's 4 GiB block limit), and then the frame is stored as it is.
    pub(crate) fn compress(self, contexts: &mut Contexts, input: &[u8], out: &mut Vec<u8>) -> bool {
        let _ = &contexts;
        out.clear();
        match self {
            Compression::None => {
                let _ = input;
                false
            }
            #[cfg(feature = "zstd")]
            Compression::Zstd(level) => {
                out.resize(zstd::zstd_safe::compress_bound(input.len()), 0);
                let written = match contexts.zstd_compressor(level) {
                    Some(zstd) => zstd.compress_to_buffer(input, &mut out[..]),
                    None => Err(std::io::ErrorKind::InvalidInput.into()),
                };
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
            #[cfg(feature = "lz4_flex")]
            Compression::Lz4 => {
                out.resize(lz4_flex::block::get_maximum_output_size(input.len()), 0);
                let written = lz4_flex::block::compress_into(input, out);
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
            #[cfg(feature = "snap")]
            Compression::Snappy => {
                out.resize(snap::raw::max_compress_len(input.len()), 0);
                let written = snap::raw::Encoder::new().compress(input, out);
                out.truncate(*written.as_ref().unwrap_or(&0));
                written.is_ok()
            }
        }
    }
}

/// Codec state kept from frame to frame, so compressing or decompressing a frame allocates nothing once warm
/// (zstd's contexts; the other codecs need none).
#[derive(Default)]
pub(crate) struct Contexts {
    #[cfg(feature = "zstd")]
    zstd_compressor: Option<(i32, zstd::bulk::Compressor<'static>)>,
    #[cfg(feature = "zstd")]
    zstd_decompressor: Option<zstd::bulk::Decompressor<'static>>,
}

#[cfg(feature = "zstd")]
impl Contexts {
    /// The zstd compressor at `level`; `None` when zstd refuses the level.
    fn zstd_compressor(&mut self, level: i32) -> Option<&mut zstd::bulk::Compressor<'static>> {
        if !matches!(self.zstd_compressor, Some((l, _)) if l == level) {
            self.zstd_compressor = zstd::bulk::Compressor::new(level).ok().map(|c| (level, c));
        }
        self.zstd_compressor.as_mut().map(|(_, c)| c)
    }

    fn zstd_decompressor(&mut self) -> Option<&mut zstd::bulk::Decompressor<'static>> {
        if self.zstd_decompressor.is_none() {
            self.zstd_decompressor = zstd::bulk::Decompressor::new().ok();
        }
        self.zstd_decompressor.as_mut()
    }
}
