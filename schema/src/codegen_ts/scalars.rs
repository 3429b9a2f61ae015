//! How each scalar reads, writes, measures and defaults in TypeScript, and the map key order.

use super::*;

/// How a scalar reads, writes, measures and defaults in TypeScript (`{v}` stands for the value).
pub(super) struct ScalarTs {
    pub(super) ty: &'static str,
    pub(super) default: &'static str,
    pub(super) is_default: &'static str,
    pub(super) len: &'static str,
    pub(super) write: &'static str,
    pub(super) read: String,
    /// Element width in a packed run (0: varints).
    pub(super) width: usize,
    /// `(min, max)` of a number-typed integer, checked when encoding, as TypeScript literals.
    pub(super) range: Option<Bounds>,
    /// `(min, max)` of a bigint-typed integer, as TypeScript literals.
    pub(super) big_range: Option<Bounds>,
}

/// An integer kind's `(min, max)` as TypeScript literals.
pub(super) type Bounds = (String, String);

/// The kind's range ([`Scalar::int_range`], the runtime's) as TypeScript literals: numbers for the kinds
/// up to 32 bits, bigints (`n`) for the 64-bit ones, whose values a `number` cannot hold exactly.
fn ts_range(s: Scalar) -> (Option<Bounds>, Option<Bounds>) {
    match s.int_range() {
        Some((min, max)) if max > i128::from(u32::MAX) => {
            (None, Some((format!("{min}n"), format!("{max}n"))))
        }
        Some((min, max)) => (Some((min.to_string(), max.to_string())), None),
        None => (None, None),
    }
}

/// The runtime function ordering map keys of `kind` by their wire value.
pub(super) fn key_order(kind: Kind) -> &'static str {
    match kind {
        Kind::Scalar(Scalar::String) => "compareUtf8",
        Kind::Scalar(Scalar::Bool) => "compareBools",
        Kind::Scalar(s) if scalar_ts(s).big_range.is_some() => "compareBigints",
        _ => "compareNumbers",
    }
}

/// Whether values of `kind` are messages or interfaces (read by `readMap` with its value kinds, not inlined).
pub(super) fn is_composite(kind: Kind) -> bool {
    matches!(kind, Kind::Message(_) | Kind::Interface(_))
}

/// The range check of an integer value `v` (which returns it), for scalars whose TypeScript type is wider.
pub(super) fn range_check(s: Scalar, v: &str, path: &str) -> Option<String> {
    let t = scalar_ts(s);
    if let Some((min, max)) = t.range {
        Some(format!("checkInt({v}, {min}, {max}, {:?}, {path:?})", s.schema_name()))
    } else {
        t.big_range
            .map(|(min, max)| format!("checkBigint({v}, {min}, {max}, {:?}, {path:?})", s.schema_name()))
    }
}

pub(super) fn scalar_ts(s: Scalar) -> ScalarTs {
    let (range, big_range) = ts_range(s);
    // A varint integer narrower than its TypeScript type is read with the runtime's range check; its
    // name in errors is the Rust type's, as the Rust front ends name it.
    let checked = |read: &str| {
        let max = s.int_range().map_or(0, |(_, max)| max);
        format!("r.{read}({max}, {:?})", s.rust_type())
    };
    let int = |len, write, read: String| ScalarTs {
        ty: "number",
        default: "0",
        is_default: "{v} === 0",
        len,
        write,
        read,
        width: 0,
        range: range.clone(),
        big_range: None,
    };
    let big = |len, write, read: &str, width| ScalarTs {
        ty: "bigint",
        default: "0n",
        is_default: "{v} === 0n",
        len,
        write,
        read: read.to_string(),
        width,
        range: None,
        big_range: big_range.clone(),
    };
    let float = |len, write, read: &str, width| ScalarTs {
        ty: "number",
        default: "0",
        is_default: "{v} === 0",
        len,
        write,
        read: read.to_string(),
        width,
        range: None,
        big_range: None,
    };
    match s {
        Scalar::Bool => ScalarTs {
            ty: "boolean",
            default: "false",
            is_default: "!{v}",
            len: "1",
            write: "w.byte({v} ? 1 : 0)",
            read: "r.bool()".to_string(),
            width: 1,
            range: None,
            big_range: None,
        },
        Scalar::U8 | Scalar::U16 | Scalar::U32 => int("varintLen({v})", "w.varint({v})", checked("uint")),
        Scalar::I8 | Scalar::I16 | Scalar::I32 => int("svarintLen({v})", "w.svarint({v})", checked("sint")),
        Scalar::Fixed32 => ScalarTs { width: 4, ..int("4", "w.fixed32({v})", "r.fixed32()".to_string()) },
        Scalar::SFixed32 => ScalarTs { width: 4, ..int("4", "w.fixed32({v})", "r.sfixed32()".to_string()) },
        Scalar::U64 => big("varint64Len({v})", "w.varint64({v})", "r.varint64()", 0),
        Scalar::I64 => big("svarint64Len({v})", "w.svarint64({v})", "r.sint64()", 0),
        Scalar::Fixed64 => big("8", "w.fixed64({v})", "r.fixed64()", 8),
        Scalar::SFixed64 => big("8", "w.fixed64({v})", "r.sfixed64()", 8),
        Scalar::F32 => float("4", "w.float32({v})", "r.float32()", 4),
        Scalar::F64 => float("8", "w.float64({v})", "r.float64()", 8),
        Scalar::String => ScalarTs {
            ty: "string",
            default: "\"\"",
            is_default: "{v} === \"\"",
            len: "(_l = s.string({v}), varintLen(_l) + _l)",
            write: "w.string({v})",
            read: "r.string()".to_string(),
            width: 0,
            range: None,
            big_range: None,
        },
        Scalar::Bytes => ScalarTs {
            ty: "Uint8Array",
            default: "new Uint8Array(0)",
            is_default: "{v}.length === 0",
            len: "varintLen({v}.length) + {v}.length",
            write: "w.bytes({v})",
            read: "r.bytes()".to_string(),
            width: 0,
            range: None,
            big_range: None,
        },
    }
}
