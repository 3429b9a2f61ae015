//! The comparison cases for every dataset and peer, with each round trip checked once before timing.

use crate::datasets::{log, mesh, minecraft, mk48};
use crate::measure::Case;
use crate::rng::Rng;
use cramberry::Message;
use prost::Message as _;
use std::cell::RefCell;

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
}

impl Data {
    /// Generates all four datasets.
    pub fn generate() -> Data {
        let mut rng = Rng::new(0x5eed_cafe);
        Data {
            log: log::generate(&mut rng),
            mesh: mesh::generate(&mut rng),
            minecraft: minecraft::generate(&mut rng),
            mk48: mk48::generate(&mut rng),
        }
    }
}

fn size(dataset: &'static str, peer: &'static str, bytes: &[u8]) -> Size {
    Size { dataset, peer, bytes: bytes.len(), zstd: zstd::encode_all(bytes, 3).map_or(0, |z| z.len()) }
}

/// Builds the cases for one dataset: `$m` is the dataset module, `$data` the value, `$name` its name.
macro_rules! dataset_cases {
    ($cases:ident, $sizes:ident, $m:ident, $data:expr, $name:literal, $Ty:ident) => {{
        let data: &$m::$Ty = $data;
        let proto = $m::to_prost(data);

        // Encodings, each checked by a round trip before anything is timed.
        let ours = data.encode_to_vec();
        assert_eq!(&<$m::$Ty>::decode(&ours).expect("cramberry decodes"), data, "cramberry round trip");
        assert_eq!(&<$m::$Ty>::view(&ours).expect("cramberry views").to_owned(), data, "cramberry view");
        let theirs = proto.encode_to_vec();
        assert_eq!(
            <$m::pb::$Ty as prost::Message>::decode(&theirs[..]).expect("prost decodes"),
            proto,
            "prost round trip"
        );
        let postcard_bytes = postcard::to_allocvec(data).expect("postcard encodes");
        assert_eq!(&postcard::from_bytes::<$m::$Ty>(&postcard_bytes).expect("postcard decodes"), data);
        let bitcode_bytes = bitcode::encode(data);
        assert_eq!(&bitcode::decode::<$m::$Ty>(&bitcode_bytes).expect("bitcode decodes"), data);
        let rkyv_bytes = rkyv::to_bytes::<rkyv::rancor::Error>(data).expect("rkyv encodes");
        assert_eq!(
            &rkyv::from_bytes::<$m::$Ty, rkyv::rancor::Error>(&rkyv_bytes).expect("rkyv decodes"),
            data
        );
        for (peer, bytes) in [
            ("cramberry", &ours[..]),
            ("prost", &theirs[..]),
            ("postcard", &postcard_bytes[..]),
            ("bitcode", &bitcode_bytes[..]),
            ("rkyv", &rkyv_bytes[..]),
        ] {
            $sizes.push(size($name, peer, bytes));
        }

        let arena = RefCell::new(bumpalo::Bump::new());
        $cases.push(Case {
            dataset: $name,
            peer: "cramberry",
            op: "serialize",
            run: Box::new(move || {
                let mut arena = arena.borrow_mut();
                arena.reset();
                data.encode_in(&arena).len() as u64
            }),
        });
        let mut buf = Vec::with_capacity(theirs.len() * 2);
        let p = proto.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "prost",
            op: "serialize",
            run: Box::new(move || {
                buf.clear();
                p.encode(&mut buf).expect("capacity");
                buf.len() as u64
            }),
        });
        let mut pbuf = Vec::with_capacity(postcard_bytes.len() * 2);
        $cases.push(Case {
            dataset: $name,
            peer: "postcard",
            op: "serialize",
            run: Box::new(move || {
                pbuf.clear();
                pbuf = postcard::to_extend(data, std::mem::take(&mut pbuf)).expect("postcard");
                pbuf.len() as u64
            }),
        });
        let mut bbuf = bitcode::Buffer::new();
        $cases.push(Case {
            dataset: $name,
            peer: "bitcode",
            op: "serialize",
            run: Box::new(move || bbuf.encode(data).len() as u64),
        });
        let mut arena_rkyv = rkyv::ser::allocator::Arena::new();
        $cases.push(Case {
            dataset: $name,
            peer: "rkyv",
            op: "serialize",
            run: Box::new(move || {
                let out = rkyv::api::high::to_bytes_with_alloc::<_, rkyv::rancor::Error>(
                    data,
                    arena_rkyv.acquire(),
                )
                .expect("rkyv");
                out.len() as u64
            }),
        });

        let o = ours.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "cramberry",
            op: "deserialize",
            run: Box::new(move || <$m::$Ty>::decode(&o).map_or(0, |d| std::mem::size_of_val(&d) as u64)),
        });
        let t = theirs.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "prost",
            op: "deserialize",
            run: Box::new(move || <$m::pb::$Ty as prost::Message>::decode(&t[..]).map_or(0, |_| 1)),
        });
        let pc = postcard_bytes.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "postcard",
            op: "deserialize",
            run: Box::new(move || postcard::from_bytes::<$m::$Ty>(&pc).map_or(0, |_| 1)),
        });
        let bc = bitcode_bytes.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "bitcode",
            op: "deserialize",
            run: Box::new(move || bitcode::decode::<$m::$Ty>(&bc).map_or(0, |_| 1)),
        });
        let rk = rkyv_bytes.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "rkyv",
            op: "deserialize",
            run: Box::new(move || rkyv::from_bytes::<$m::$Ty, rkyv::rancor::Error>(&rk).map_or(0, |_| 1)),
        });

        let o = ours.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "cramberry",
            op: "access",
            run: Box::new(move || {
                <$m::$Ty>::view(&o).map_or(0, |v| cramberry::MessageView::as_bytes(&v).len() as u64)
            }),
        });
        let rk = rkyv_bytes.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "rkyv",
            op: "access",
            run: Box::new(move || {
                rkyv::access::<<$m::$Ty as rkyv::Archive>::Archived, rkyv::rancor::Error>(&rk)
                    .map_or(0, |_| 1)
            }),
        });
        let o = ours.clone();
        $cases.push(Case {
            dataset: $name,
            peer: "cramberry",
            op: "access+read",
            run: Box::new(move || <$m::$Ty>::view(&o).map_or(0, |v| $m::read_view(&v))),
        });
        let rk = rkyv_bytes;
        $cases.push(Case {
            dataset: $name,
            peer: "rkyv",
            op: "access+read",
            run: Box::new(move || {
                rkyv::access::<<$m::$Ty as rkyv::Archive>::Archived, rkyv::rancor::Error>(&rk)
                    .map_or(0, $m::read_rkyv)
            }),
        });
    }};
}

/// All cases for the selected datasets, plus the sizes.
pub fn cases<'a>(data: &'a Data, only: Option<&str>) -> (Vec<Case<'a>>, Vec<Size>) {
    let mut cases = Vec::new();
    let mut sizes = Vec::new();
    let wanted = |name: &str| only.is_none_or(|o| name.starts_with(o));
    if wanted("log") {
        dataset_cases!(cases, sizes, log, &data.log, "log", Logs);
    }
    if wanted("mesh") {
        dataset_cases!(cases, sizes, mesh, &data.mesh, "mesh", Mesh);
    }
    if wanted("minecraft") {
        dataset_cases!(cases, sizes, minecraft, &data.minecraft, "minecraft", Players);
    }
    if wanted("mk48") {
        dataset_cases!(cases, sizes, mk48, &data.mk48, "mk48", Updates);
    }
    (cases, sizes)
}
