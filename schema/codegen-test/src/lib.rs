//! Rust generated from `.cram` schemas at build time (see build.rs).
#![allow(missing_docs)]

/// Generated from `schemas/everything.cram`.
pub mod everything {
    include!(concat!(env!("OUT_DIR"), "/everything.rs"));
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
