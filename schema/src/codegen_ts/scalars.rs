//! How each scalar reads, writes, measures and defaults in TypeScript, and the map key order.

use super::*;

/// How a scalar reads, writes, measures and defaults in TypeScript (`{v}` stands for the value).
pub(super) struct ScalarTs {
    pub(super) ty: &'static str,
    pub(super) default: &'static str,
    pub(super) is_default: &'static str,
    pub(super) len: &'static str,
    pub(super) write: &'static str,
    pub(super) read: &'static str,
    /// Element width in a packed run (0: varints).
    pub(super) width: usize,
    /// `(min, max)` of a number-typed integer, checked when encoding.
    pub(super) range: Option<(&'static str, &'static str)>,
    /// `(min, max)` of a bigint-typed integer.
    pub(super) big_range: Option<(&'static str, &'static str)>,
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
    let int = |len, write, read, range| ScalarTs {
        ty: "number",
        default: "0",
        is_default: "{v} === 0",
        len,
        write,
        read,
        width: 0,
        range: Some(range),
        big_range: None,
    };
    let big = |len, write, read, width, range| ScalarTs {
        ty: "bigint",
        default: "0n",
        is_default: "{v} === 0n",
        len,
        write,
        read,
        width,
        range: None,
        big_range: Some(range),
    };
    let float = |len, write, read, width| ScalarTs {
        ty: "number",
        default: "0",
        is_default: "{v} === 0",
        len,
        write,
        read,
        width,
        range: None,
        big_range: None,
    };
    const U64: (&str, &str) = ("0n", "18446744073709551615n");
    const I64: (&str, &str) = ("-9223372036854775808n", "9223372036854775807n");
    const U32: (&str, &str) = ("0", "4294967295");
    const I32: (&str, &str) = ("-2147483648", "2147483647");
    match s {
        Scalar::Bool => ScalarTs {
            ty: "boolean",
            default: "false",
            is_default: "!{v}",
            len: "1",
            write: "w.byte({v} ? 1 : 0)",
            read: "r.bool()",
            width: 1,
            range: None,
            big_range: None,
        },
        Scalar::U8 => int("varintLen({v})", "w.varint({v})", "r.uint(255, \"u8\")", ("0", "255")),
        Scalar::U16 => int("varintLen({v})", "w.varint({v})", "r.uint(65535, \"u16\")", ("0", "65535")),
        Scalar::U32 => int("varintLen({v})", "w.varint({v})", "r.uint(4294967295, \"u32\")", U32),
        Scalar::I8 => int("svarintLen({v})", "w.svarint({v})", "r.sint(127, \"i8\")", ("-128", "127")),
        Scalar::I16 => {
            int("svarintLen({v})", "w.svarint({v})", "r.sint(32767, \"i16\")", ("-32768", "32767"))
        }
        Scalar::I32 => int("svarintLen({v})", "w.svarint({v})", "r.sint(2147483647, \"i32\")", I32),
        Scalar::Fixed32 => ScalarTs { width: 4, ..int("4", "w.fixed32({v})", "r.fixed32()", U32) },
        Scalar::SFixed32 => ScalarTs { width: 4, ..int("4", "w.fixed32({v})", "r.sfixed32()", I32) },
        Scalar::U64 => big("varint64Len({v})", "w.varint64({v})", "r.varint64()", 0, U64),
        Scalar::I64 => big("svarint64Len({v})", "w.svarint64({v})", "r.sint64()", 0, I64),
        Scalar::Fixed64 => big("8", "w.fixed64({v})", "r.fixed64()", 8, U64),
        Scalar::SFixed64 => big("8", "w.fixed64({v})", "r.sfixed64()", 8, I64),
        Scalar::F32 => float("4", "w.float32({v})", "r.float32()", 4),
        Scalar::F64 => float("8", "w.float64({v})", "r.float64()", 8),
        Scalar::String => ScalarTs {
            ty: "string",
            default: "\"\"",
            is_default: "{v} === \"\"",
            len: "(_l = s.string({v}), varintLen(_l) + _l)",
            write: "w.string({v})",
            read: "r.string()",
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
            read: "r.bytes()",
            width: 0,
            range: None,
            big_range: None,
        },
    }
}
