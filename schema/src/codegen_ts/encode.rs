//! Encoding: the measuring pass (exact sizes, recorded lengths) and the writing pass of each field.

use super::*;

impl Gen<'_> {
    /// Statements adding the bytes of one value `v` (after its tag) to `n`, with range checks.
    pub(super) fn value_len(&mut self, kind: Kind, v: &str, path: &str) -> String {
        match kind {
            // The 64-bit varints check their range only off the fast path of safe integers.
            Kind::Scalar(Scalar::U64) => format!("n += uint64Len({v}, {path:?});"),
            Kind::Scalar(Scalar::I64) => format!("n += int64Len({v}, {path:?});"),
            Kind::Scalar(s) => {
                let t = scalar_ts(s);
                let checked = range_check(s, v, path).unwrap_or_else(|| v.to_string());
                format!("n += {};", subst(t.len, &checked))
            }
            Kind::Enum(_) => format!("n += varintLen(checkInt({v}, 0, 4294967295, \"enum\", {path:?}));"),
            Kind::Message(m) => format!(
                "{{ const slot = s.reserve(); const b = {}.measure({v}, s); s.fill(slot, b); n += varintLen(b) + b; }}",
                self.codec(m)
            ),
            Kind::Interface(i) => {
                format!(
                    "n += interfaceLen({:?}, {}_MEMBERS, {v}, s, {path:?});",
                    self.schema.interfaces[i].name, self.names.interfaces[i]
                )
            }
        }
    }

    /// Statements writing one value `v` after its tag.
    pub(super) fn value_write(&self, kind: Kind, v: &str) -> String {
        match kind {
            Kind::Scalar(s) => format!("{};", subst(scalar_ts(s).write, v)),
            Kind::Enum(_) => format!("w.varint({v});"),
            Kind::Message(m) => {
                format!(
                    "{{ const b = w.next(); w.varint(b); if (b !== 0) {}.write({v}, w); }}",
                    self.codec(m)
                )
            }
            Kind::Interface(i) => format!("writeInterface({}_MEMBERS, {v}, w);", self.names.interfaces[i]),
        }
    }

    pub(super) fn is_default_expr(&self, kind: Kind, v: &str) -> String {
        match kind {
            Kind::Scalar(s) => subst(scalar_ts(s).is_default, v),
            Kind::Enum(_) => format!("{v} === 0"),
            Kind::Message(m) => format!("{}.encodedLen({v}) === 0", self.codec(m)),
            Kind::Interface(_) => "false".into(),
        }
    }

    pub(super) fn measure_field(&mut self, out: &mut String, f: &FieldDef, path: &str) {
        let v = format!("v.{}", f.name);
        let kind = f.kind;
        let tag_len = |wire| varint_len(tag_of(f.number, wire).0);
        match f.label {
            Label::Plain if f.is_plain_interface() => {
                let tl = tag_len(WireType::TypeRef);
                let len = self.value_len(kind, &v, path);
                let _ = writeln!(out, "    if ({v} !== undefined) {{ n += {tl}; {len} }}");
            }
            Label::Plain => match kind {
                Kind::Message(m) => {
                    let tl = tag_len(WireType::Bytes);
                    let _ = writeln!(
                        out,
                        "    {{ const slot = s.reserve(); const b = {}.measure({v}, s); s.fill(slot, b); if (b !== 0) n += {tl} + varintLen(b) + b; }}",
                        self.codec(m)
                    );
                }
                _ => {
                    let tl = tag_len(kind.wire_type());
                    let len = self.value_len(kind, &v, path);
                    let _ = writeln!(
                        out,
                        "    if (!({})) {{ n += {tl}; {len} }}",
                        self.is_default_expr(kind, &v)
                    );
                }
            },
            Label::Optional => {
                let tl = tag_len(kind.wire_type());
                let len = self.value_len(kind, &v, path);
                let _ = writeln!(out, "    if ({v} !== undefined) {{ n += {tl}; {len} }}");
            }
            Label::Required => {
                let tl = tag_len(kind.wire_type());
                let len = self.value_len(kind, &v, path);
                let _ = writeln!(out, "    n += {tl}; {len}");
            }
            Label::Repeated | Label::Array(_) => {
                let mut guard = format!("{v}.length !== 0");
                if let Label::Array(len) = f.label {
                    let _ = writeln!(out, "    checkLength({v}, {len}, {path:?});");
                    let all_default = self.is_default_expr(kind, "x");
                    guard = format!("!{v}.every((x) => {all_default})");
                }
                if kind.packs() {
                    let tl = tag_len(WireType::Bytes);
                    let width = match kind {
                        Kind::Scalar(s) => scalar_ts(s).width,
                        _ => 0,
                    };
                    if width != 0 {
                        let check = match kind {
                            Kind::Scalar(s) => range_check(s, "x", path)
                                .map(|c| format!(" for (const x of {v}) {c};"))
                                .unwrap_or_default(),
                            _ => String::new(),
                        };
                        let _ = writeln!(
                            out,
                            "    if ({guard}) {{{check} const b = {v}.length * {width}; n += {tl} + varintLen(b) + b; }}"
                        );
                    } else {
                        let each = self.value_len(kind, "x", path);
                        let _ = writeln!(
                            out,
                            "    if ({guard}) {{ const slot = s.reserve(); let b = n; for (const x of {v}) {{ {each} }} b = n - b; n -= b; s.fill(slot, b); n += {tl} + varintLen(b) + b; }}"
                        );
                    }
                } else {
                    let tl = tag_len(kind.wire_type());
                    let each = self.value_len(kind, "x", path);
                    let _ = writeln!(out, "    if ({guard}) for (const x of {v}) {{ n += {tl}; {each} }}");
                }
            }
            Label::Map(key) if !is_composite(key) && !is_composite(kind) => {
                // Inlined for scalar and enum keys and values: entries sorted by key, each a nested message
                // whose length is recorded; key and value written when not default.
                let tl = tag_len(WireType::Bytes);
                let key_len = self.value_len(key, "k", path);
                let value_len = self.value_len(kind, "x", path);
                let _ = writeln!(
                    out,
                    "    if ({v}.size !== 0) {{ const e = s.keep(sortedEntries({v}, {})); for (let j = 0; j < e.keys.length; j++) {{ const k = e.keys[j]!; const x = e.values[j]!; const slot = s.reserve(); const before = n; if (!({})) {{ n += 1; {key_len} }} if (!({})) {{ n += 1; {value_len} }} const b = n - before; s.fill(slot, b); n += {tl} + varintLen(b); }} }}",
                    key_order(key),
                    self.is_default_expr(key, "k"),
                    self.is_default_expr(kind, "x"),
                );
            }
            Label::Map(key) => {
                let k = self.kind_const(key);
                let val = self.kind_const(kind);
                let _ = writeln!(out, "    n += mapLen({}, {v}, {k}, {val}, s);", f.number);
            }
        }
    }

    pub(super) fn write_field(&mut self, out: &mut String, f: &FieldDef) {
        let v = format!("v.{}", f.name);
        let kind = f.kind;
        match f.label {
            Label::Plain if f.is_plain_interface() => {
                let (_, tag) = tag_of(f.number, WireType::TypeRef);
                let _ =
                    writeln!(out, "    if ({v} !== undefined) {{ {tag}; {} }}", self.value_write(kind, &v));
            }
            Label::Plain => match kind {
                Kind::Message(m) => {
                    let (_, tag) = tag_of(f.number, WireType::Bytes);
                    let _ = writeln!(
                        out,
                        "    {{ const b = w.next(); if (b !== 0) {{ {tag}; w.varint(b); {}.write({v}, w); }} }}",
                        self.codec(m)
                    );
                }
                _ => {
                    let (_, tag) = tag_of(f.number, kind.wire_type());
                    let _ = writeln!(
                        out,
                        "    if (!({})) {{ {tag}; {} }}",
                        self.is_default_expr(kind, &v),
                        self.value_write(kind, &v)
                    );
                }
            },
            Label::Optional => {
                let (_, tag) = tag_of(f.number, kind.wire_type());
                let _ =
                    writeln!(out, "    if ({v} !== undefined) {{ {tag}; {} }}", self.value_write(kind, &v));
            }
            Label::Required => {
                let (_, tag) = tag_of(f.number, kind.wire_type());
                let _ = writeln!(out, "    {tag}; {}", self.value_write(kind, &v));
            }
            Label::Repeated | Label::Array(_) => {
                let guard = if let Label::Array(_) = f.label {
                    format!("!{v}.every((x) => {})", self.is_default_expr(kind, "x"))
                } else {
                    format!("{v}.length !== 0")
                };
                if kind.packs() {
                    let (_, tag) = tag_of(f.number, WireType::Bytes);
                    let width = match kind {
                        Kind::Scalar(s) => scalar_ts(s).width,
                        _ => 0,
                    };
                    let body = if width != 0 { format!("{v}.length * {width}") } else { "w.next()".into() };
                    let each = self.value_write(kind, "x");
                    let _ = writeln!(
                        out,
                        "    if ({guard}) {{ {tag}; w.varint({body}); for (const x of {v}) {each} }}"
                    );
                } else {
                    let (_, tag) = tag_of(f.number, kind.wire_type());
                    let each = self.value_write(kind, "x");
                    let _ = writeln!(out, "    if ({guard}) for (const x of {v}) {{ {tag}; {each} }}");
                }
            }
            Label::Map(key) if !is_composite(key) && !is_composite(kind) => {
                let (_, tag) = tag_of(f.number, WireType::Bytes);
                let _ = writeln!(
                    out,
                    "    if ({v}.size !== 0) {{ const e = w.nextObj<SortedEntries<{}, {}>>(); for (let j = 0; j < e.keys.length; j++) {{ const k = e.keys[j]!; const x = e.values[j]!; {tag}; const b = w.next(); w.varint(b); if (!({})) {{ w.byte({}); {} }} if (!({})) {{ w.byte({}); {} }} }} }}",
                    self.type_name(key),
                    self.type_name(kind),
                    self.is_default_expr(key, "k"),
                    8 | wire_bits(key.wire_type()),
                    self.value_write(key, "k"),
                    self.is_default_expr(kind, "x"),
                    16 | wire_bits(kind.wire_type()),
                    self.value_write(kind, "x"),
                );
            }
            Label::Map(key) => {
                let (t, _) = tag_of(f.number, WireType::Bytes);
                let k = self.kind_const(key);
                let val = self.kind_const(kind);
                let _ = writeln!(out, "    writeMap({t}, {v}, {k}, {val}, w);");
            }
        }
    }
}
