//! Decoding: the read loop's cases, with the Rust runtime's checks in its order.

use super::*;

impl Gen<'_> {
    /// The expression reading one value of `kind`.
    pub(super) fn value_read(&self, kind: Kind) -> String {
        match kind {
            Kind::Scalar(s) => scalar_ts(s).read,
            Kind::Enum(e) => {
                if self.is_open_enum(e) {
                    "r.enumNumber(null)".to_string()
                } else {
                    let name = &self.names.enums[e];
                    format!("(r.enumNumber(is{name}) as {name})")
                }
            }
            // The codec's `read` called here rather than through `readNested`: a call site of its own stays
            // monomorphic, so V8 inlines it.
            Kind::Message(m) => format!("r.leaveWith(r.enter(), {}.read(r))", self.codec(m)),
            Kind::Interface(i) => format!(
                "(readInterface(r, {:?}, {}_MEMBERS) as {})",
                self.schema.interfaces[i].name, self.names.interfaces[i], self.names.interfaces[i]
            ),
        }
    }

    /// The reading of a run of map entries whose key and value are scalars or enums, inlined (monomorphic,
    /// and without the closures of `readMap`, which composite kinds use): the same checks in the same order.
    pub(super) fn read_map_inline(
        &self,
        out: &mut String,
        number: u32,
        target: &str,
        key: Kind,
        value: Kind,
    ) {
        let wire = |k: Kind| wire_bits(k.wire_type());
        let (key_tag, value_tag) = (8 | wire(key), 16 | wire(value));
        let order = if key == Kind::Scalar(Scalar::String) { "compareUtf8(p, k) >= 0" } else { "p >= k" };
        let lines = [
            "const runAt = r.tagAt;".to_string(),
            "const runLen = r.tagLen;".to_string(),
            format!("const map = {target};"),
            "let at = runAt;".to_string(),
            format!("let p: {} | undefined;", self.type_name(key)),
            "for (;;) {".to_string(),
            format!("  r.room(entries{number} + 1, -1, at);"),
            format!("  let k: {} = {};", self.type_name(key), self.default_of(key)),
            format!("  let v: {} = {};", self.type_name(value), self.default_of(value)),
            format!("  i = entries{number};"),
            "  const outer = r.within();".to_string(),
            "  let el = 0;".to_string(),
            "  while (r.pos < r.end) {".to_string(),
            "    const t = r.tag(el);".to_string(),
            "    el = t >>> 3;".to_string(),
            "    const ta = r.tagAt;".to_string(),
            format!(
                "    if (t === {key_tag}) {{ k = {}; if (r.canonical && {}) throw r.defaultWritten(ta); }}",
                self.value_read(key),
                self.is_default_expr(key, "k")
            ),
            format!(
                "    else if (t === {value_tag}) {{ v = {}; if (r.canonical && {}) throw r.defaultWritten(ta); }}",
                self.value_read(value),
                self.is_default_expr(value, "v")
            ),
            format!("    else if (el === 1) throw r.mismatch(t, {});", wire(key)),
            format!("    else if (el === 2) throw r.mismatch(t, {});", wire(value)),
            "    else r.other(t, NO_FIELDS);".to_string(),
            "  }".to_string(),
            "  r.end = outer;".to_string(),
            "  i = -1;".to_string(),
            "  if (r.canonical) {".to_string(),
            format!(
                "    if (entries{number} > 0 && p !== undefined && {order}) throw r.nonCanonical(\"MapKeyOrder\", at);"
            ),
            "    p = k;".to_string(),
            "  }".to_string(),
            format!("  entries{number}++;"),
            "  map.set(k, v);".to_string(),
            "  at = r.repeat(runAt, runLen);".to_string(),
            "  if (at < 0) break;".to_string(),
            "}".to_string(),
        ];
        for line in lines {
            let _ = writeln!(out, "            {line}");
        }
    }

    pub(super) fn read_field(&mut self, out: &mut String, f: &FieldDef) {
        let target = format!("m.{}", f.name);
        let kind = f.kind;
        let read = self.value_read(kind);
        let case = |wire| format!("          case {}: {{", tag_of(f.number, wire).0);
        match f.label {
            Label::Plain if !f.is_plain_interface() => {
                let check = match kind {
                    // In canonical mode a nested message is the default exactly when its body is empty.
                    Kind::Message(_) => format!(
                        "if (r.canonical && r.pos - ta === {}) throw r.defaultWritten(ta);",
                        varint_len(tag_of(f.number, WireType::Bytes).0) + 1
                    ),
                    _ => format!(
                        "if (r.canonical && {}) throw r.defaultWritten(ta);",
                        self.is_default_expr(kind, "x")
                    ),
                };
                let _ = writeln!(
                    out,
                    "{}\n            const ta = r.tagAt;\n            const x = {read};\n            {check}\n            {target} = x;\n            break;\n          }}",
                    case(kind.wire_type())
                );
            }
            Label::Plain | Label::Optional | Label::Required => {
                let has = if f.label == Label::Required {
                    format!(" has{} = true;", f.number)
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{}\n            {target} = {read};{has}\n            break;\n          }}",
                    case(kind.wire_type())
                );
            }
            Label::Repeated | Label::Array(_) => {
                let (n, list, finish) = match f.label {
                    Label::Array(n) => {
                        let all_default = self.is_default_expr(kind, "y");
                        (
                            n.to_string(),
                            format!("const a: {}[] = []", self.type_name(kind)),
                            format!(
                                "\n            r.exactly({n}, a.length, ta);\n            if (r.canonical && a.every((y) => {all_default})) throw r.defaultWritten(ta);\n            {target} = a;"
                            ),
                        )
                    }
                    _ => ("-1".to_string(), format!("const a = {target}"), String::new()),
                };
                if kind.packs() {
                    let width = match kind {
                        Kind::Scalar(s) => scalar_ts(s).width,
                        _ => 0,
                    };
                    let _ = writeln!(
                        out,
                        "{}\n            const ta = r.tagAt;\n            {list};\n            const outer = r.packed(ta, {width}, a.length, {n});\n            while (r.pos < r.end) {{\n              const at = r.pos;\n              i = a.length;\n              const x = {read};\n              i = -1;\n              r.room(a.length + 1, {n}, at);\n              a.push(x);\n            }}\n            r.endPacked(outer);{finish}\n            break;\n          }}",
                        case(WireType::Bytes)
                    );
                }
                let canonical =
                    if kind.packs() { "\n            if (r.canonical) throw r.unpacked(ta);" } else { "" };
                let _ = writeln!(
                    out,
                    "{}\n            const ta = r.tagAt;\n            const tl = r.tagLen;{canonical}\n            {list};\n            let at = ta;\n            do {{\n              i = a.length;\n              const x = {read};\n              i = -1;\n              r.room(a.length + 1, {n}, at);\n              a.push(x);\n            }} while ((at = r.repeat(ta, tl)) >= 0);{finish}\n            break;\n          }}",
                    case(kind.wire_type())
                );
            }
            Label::Map(key) if !is_composite(key) && !is_composite(kind) => {
                let _ = writeln!(out, "{}", case(WireType::Bytes));
                self.read_map_inline(out, f.number, &target, key, kind);
                out.push_str("            break;\n          }\n");
            }
            Label::Map(key) => {
                let k = self.kind_const(key);
                let val = self.kind_const(kind);
                let _ = writeln!(
                    out,
                    "{}\n            entries{n} = readMap(r, {target}, {k}, {val}, entries{n});\n            break;\n          }}",
                    case(WireType::Bytes),
                    n = f.number
                );
            }
        }
    }
}
