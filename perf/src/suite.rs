//! Turns every dataset's peers into timing cases and size rows, each peer's round trip checked before timing.

use crate::datasets::{log, mesh, minecraft, mk48, seed};
use crate::measure::Case;
use crate::peers::Dataset;
use crate::rng::Rng;

/// Sizes of one peer's encoding of a dataset.
#[derive(Clone, Debug)]
pub struct Size {
    /// Dataset name.
    pub dataset: &'static str,
    /// Peer name.
    pub peer: &'static str,
    /// Encoded bytes.
    pub bytes: usize,
    /// Bytes after zstd (level 3).
    pub zstd: usize,
}

/// Every dataset's data, generated with the fixed seed.
pub struct Data {
    /// `log`
    pub log: log::Logs,
    /// `mesh`
    pub mesh: mesh::Mesh,
    /// `minecraft_savedata`
    pub minecraft: minecraft::Players,
    /// `mk48`
    pub mk48: mk48::Updates,
    /// The seed's benchmark messages.
    pub seed: seed::Messages,
}

impl Data {
    /// Generates every dataset.
    pub fn generate() -> Data {
        let mut rng = Rng::new(0x5eed_cafe);
        Data {
            log: log::generate(&mut rng),
            mesh: mesh::generate(&mut rng),
            minecraft: minecraft::generate(&mut rng),
            mk48: mk48::generate(&mut rng),
            seed: seed::generate(&mut rng),
        }
    }
}

/// Which cases to build: by dataset name prefix and by a substring of `dataset/peer/op`.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// Keep datasets whose name starts with this.
    pub dataset: Option<String>,
    /// Keep cases whose `dataset/peer/op` contains this.
    pub filter: Option<String>,
}

impl Selection {
    fn dataset(&self, name: &str) -> bool {
        self.dataset.as_deref().is_none_or(|d| name.starts_with(d))
    }

    fn case(&self, id: &str) -> bool {
        self.filter.as_deref().is_none_or(|f| id.contains(f))
    }
}

/// All selected cases, plus the sizes of every selected dataset's encodings.
pub fn cases<'a>(data: &'a Data, selection: &Selection) -> (Vec<Case<'a>>, Vec<Size>) {
    let mut out = (Vec::new(), Vec::new());
    add(&data.log, selection, &mut out);
    add(&data.mesh, selection, &mut out);
    add(&data.minecraft, selection, &mut out);
    add(&data.mk48, selection, &mut out);
    let seed = &data.seed;
    add(&seed.small, selection, &mut out);
    add(&seed.metrics, selection, &mut out);
    add(&seed.person, selection, &mut out);
    add(&seed.document, selection, &mut out);
    add(&seed.event, selection, &mut out);
    add(&seed.batch100, selection, &mut out);
    add(&seed.batch1000, selection, &mut out);
    out
}

/// Adds one dataset's peers: a size row per peer and a case per selected operation.
pub fn add<'a, D: Dataset>(
    data: &'a D,
    selection: &Selection,
    (cases, sizes): &mut (Vec<Case<'a>>, Vec<Size>),
) {
    let dataset = data.name();
    if !selection.dataset(dataset) {
        return;
    }
    eprintln!("  {dataset}: encoding with every peer and checking each round trip");
    for peer in data.peers() {
        let zstd = zstd::encode_all(&peer.bytes[..], 3).map_or(0, |z| z.len());
        sizes.push(Size { dataset, peer: peer.name, bytes: peer.bytes.len(), zstd });
        for (op, run) in peer.ops {
            if selection.case(&format!("{dataset}/{}/{}", peer.name, op.name())) {
                cases.push(Case { dataset, peer: peer.name, op: op.name(), run });
            }
        }
    }
}
