//! Rust generated from `.cram` schemas at build time (see build.rs).
#![allow(missing_docs)]

/// Generated from `schemas/everything.cram`.
pub mod everything {
    include!(concat!(env!("OUT_DIR"), "/everything.rs"));
}

/// Generated from the schema `cramberry extract` writes for tests/common/types.rs (see build.rs).
pub mod extracted {
    include!(concat!(env!("OUT_DIR"), "/extracted.rs"));
}

/// Generated from `shared/schemas/messages.cram`.
#[cfg(shared_schemas)]
pub mod benchmark {
    include!(concat!(env!("OUT_DIR"), "/benchmark.rs"));
}

/// Generated from `shared/schemas/interop.cram`.
#[cfg(shared_schemas)]
pub mod interop {
    include!(concat!(env!("OUT_DIR"), "/interop.rs"));
}

/// The differential check shared by the tests and the `dynamic` fuzz target: generated code, its view and the
/// dynamic codec must give the same verdict on any input.
pub mod differential {
    use cramberry::{DecodeError, DecodeMessage, DecodeOptions, Message, MessageView, Viewable};
    use cramberry_schema::{dynamic, Schema};

    /// The options every input is decoded under: default, secure, strict, canonical, and limits tight
    /// enough that random inputs reach them.
    pub fn option_sets() -> Vec<(&'static str, DecodeOptions)> {
        vec![
            ("default", DecodeOptions::default()),
            ("secure", DecodeOptions::secure()),
            ("strict", DecodeOptions::strict()),
            ("canonical", DecodeOptions::canonical()),
            (
                "tight",
                DecodeOptions::default().max_depth(3).max_elements(2).max_string_len(3).max_bytes_len(2),
            ),
        ]
    }

    /// A field path with the naming conventions removed (`Order.userId` in a schema is `Order.user_id` in
    /// Rust).
    pub fn normalized_path(e: &DecodeError) -> String {
        e.path_string().chars().filter(|c| *c != '_').flat_map(char::to_lowercase).collect()
    }

    /// Decodes `bytes` as message `index` of `schema` with the generated type `T`, its view and the dynamic
    /// codec under every option set: all three accept (and re-encode to the same bytes) or all three reject
    /// with the same kind, offset and path. Panics on a difference; returns how many decodings it compared.
    pub fn same_verdict<T>(schema: &Schema, index: usize, name: &str, bytes: &[u8]) -> usize
    where
        T: Message + for<'a> DecodeMessage<'a> + Viewable + std::fmt::Debug,
        for<'a> <T as Viewable>::View<'a>: MessageView<'a, Owned = T>,
    {
        let sets = option_sets();
        for (label, options) in &sets {
            let derived = T::decode_with(bytes, options);
            let viewed = <T as Viewable>::View::view_with(bytes, options);
            let dynamic = dynamic::decode(schema, index, bytes, options);
            let context = || format!("{name} under {label} options, input {bytes:02x?}");
            match (&derived, &viewed, &dynamic) {
                (Ok(d), Ok(v), Ok(m)) => {
                    let again = d.encode_to_vec();
                    assert_eq!(MessageView::to_message(v).encode_to_vec(), again, "view: {}", context());
                    assert_eq!(dynamic::encode(schema, m).unwrap(), again, "dynamic: {}", context());
                }
                (Err(d), Err(v), Err(m)) => {
                    for (who, e) in [("view", v), ("dynamic", m)] {
                        assert_eq!(
                            (e.kind(), e.offset(), normalized_path(e)),
                            (d.kind(), d.offset(), normalized_path(d)),
                            "{who} vs derived: {}",
                            context()
                        );
                    }
                }
                _ => panic!(
                    "verdicts differ: derived {:?}, view {:?}, dynamic {:?}: {}",
                    derived.as_ref().err(),
                    viewed.as_ref().err(),
                    dynamic.as_ref().err(),
                    context()
                ),
            }
        }
        sets.len()
    }
}

/// Random values of any schema's messages, and random mutations of their bytes, for differential tests.
pub mod random {
    use cramberry_schema::dynamic::{DynMessage, Value};
    use cramberry_schema::model::{Kind, Label, Scalar, Schema};

    /// A xorshift generator: the same seed gives the same values in every run.
    pub struct Rng(pub u64);

    impl Rng {
        /// The next 64 random bits.
        pub fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        /// A number below `n` (0 when `n` is 0).
        pub fn below(&mut self, n: u64) -> u64 {
            self.next_u64() % n.max(1)
        }
    }

    /// A random value of `kind`: small and default values often, nesting bounded by `depth`.
    pub fn random_value(schema: &Schema, kind: Kind, rng: &mut Rng, depth: u32) -> Value {
        let small = rng.below(4) == 0;
        match kind {
            Kind::Scalar(s) => {
                let raw = if small { rng.below(3) } else { rng.next_u64() };
                match s {
                    Scalar::Bool => Value::Bool(raw & 1 == 1),
                    Scalar::U8 => Value::Uint(raw % 256),
                    Scalar::U16 => Value::Uint(raw % 65_536),
                    Scalar::U32 | Scalar::Fixed32 => Value::Uint(raw % (1 << 32)),
                    Scalar::U64 | Scalar::Fixed64 => Value::Uint(raw),
                    Scalar::I8 => Value::Int((raw as i64) % 128),
                    Scalar::I16 => Value::Int((raw as i64) % 32_768),
                    Scalar::I32 | Scalar::SFixed32 => Value::Int((raw as i64) % (1 << 31)),
                    Scalar::I64 | Scalar::SFixed64 => Value::Int(raw as i64),
                    Scalar::F32 => Value::F32(if small { 0.0 } else { (raw as f32) / 7.0 }),
                    Scalar::F64 => Value::F64(if small { 0.0 } else { (raw as f64) / 3.0 - 1e12 }),
                    Scalar::String => {
                        Value::String(["", "a", "héllo", "ünïcode ✓", "BTC-USD"][(raw % 5) as usize].into())
                    }
                    Scalar::Bytes => Value::Bytes((0..raw % 6).map(|i| (i * 37 + raw) as u8).collect()),
                }
            }
            Kind::Enum(e) => {
                let values = &schema.enums[e].values;
                Value::Enum(values[rng.below(values.len() as u64) as usize].number)
            }
            Kind::Message(m) => Value::Message(random_message(schema, m, rng, depth + 1)),
            Kind::Interface(i) => {
                let members = &schema.interfaces[i].members;
                let (_, m, _) = members[rng.below(members.len() as u64) as usize];
                Value::Interface(Box::new(random_message(schema, m, rng, depth + 1)))
            }
        }
    }

    /// A random value of message `message`: each non-required field present three times in four.
    pub fn random_message(schema: &Schema, message: usize, rng: &mut Rng, depth: u32) -> DynMessage {
        let mut out = DynMessage::new(message);
        for f in &schema.messages[message].fields {
            let recursive = matches!(f.kind, Kind::Message(_) | Kind::Interface(_));
            if depth > 3 && recursive && f.label != Label::Required && !matches!(f.label, Label::Array(_)) {
                continue;
            }
            let present = f.label == Label::Required || rng.below(4) != 0;
            if !present {
                continue;
            }
            let value = match f.label {
                Label::Repeated => {
                    Value::List((0..rng.below(4)).map(|_| random_value(schema, f.kind, rng, depth)).collect())
                }
                Label::Array(n) => {
                    Value::List((0..n).map(|_| random_value(schema, f.kind, rng, depth)).collect())
                }
                Label::Map(key) => {
                    let mut entries: Vec<(Value, Value)> = Vec::new();
                    for _ in 0..rng.below(4) {
                        let k = random_value(schema, key, rng, depth);
                        if !entries.iter().any(|(e, _)| *e == k) {
                            entries.push((k, random_value(schema, f.kind, rng, depth)));
                        }
                    }
                    Value::Map(entries)
                }
                _ => random_value(schema, f.kind, rng, depth),
            };
            out.fields.insert(f.number, value);
        }
        out
    }

    /// One mutation of `bytes`, chosen by `rng`.
    pub fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
        let mut out = bytes.to_vec();
        let at = |rng: &mut Rng, len: usize| rng.below(len as u64 + 1) as usize;
        for _ in 0..=rng.below(2) {
            let i = at(rng, out.len());
            match rng.below(6) {
                0 if i < out.len() => out[i] ^= 1 << rng.below(8),
                1 if i < out.len() => out[i] = rng.next_u64() as u8,
                2 => out.insert(i, rng.next_u64() as u8),
                3 if i < out.len() => {
                    out.remove(i);
                }
                4 => out.truncate(i),
                _ if i < out.len() => out[i] = [0x00, 0x7f, 0x80, 0xff][rng.below(4) as usize],
                _ => out.push(rng.next_u64() as u8),
            }
        }
        out
    }
}
