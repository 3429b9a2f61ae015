//! The CLI's JSON mapping: `toJson` and `fromJson` of each field.

use super::*;

impl Gen<'_> {
    /// The JSON expression of one value `v` of `kind`.
    pub(super) fn value_to_json(&self, kind: Kind, v: &str) -> String {
        match kind {
            Kind::Scalar(Scalar::F32 | Scalar::F64) => format!("floatToJson({v})"),
            Kind::Scalar(Scalar::Bytes) => format!("toBase64({v})"),
            Kind::Scalar(_) => v.to_string(),
            Kind::Enum(e) => format!("{}_toJson({v})", self.names.enums[e]),
            Kind::Message(m) => format!("{}.toJson({v})", self.codec(m)),
            Kind::Interface(i) => format!("{}_toJson({v})", self.names.interfaces[i]),
        }
    }

    pub(super) fn field_to_json(&self, out: &mut String, f: &FieldDef) {
        let v = format!("v.{}", f.name);
        let key = format!("o[{:?}]", f.name);
        let kind = f.kind;
        match f.label {
            Label::Plain if f.is_plain_interface() => {
                let _ = writeln!(out, "    if ({v} !== undefined) {key} = {};", self.value_to_json(kind, &v));
            }
            Label::Optional => {
                let _ = writeln!(out, "    if ({v} !== undefined) {key} = {};", self.value_to_json(kind, &v));
            }
            Label::Plain | Label::Required => {
                let _ = writeln!(out, "    {key} = {};", self.value_to_json(kind, &v));
            }
            Label::Repeated | Label::Array(_) => {
                let _ = writeln!(out, "    {key} = {v}.map((x) => {});", self.value_to_json(kind, "x"));
            }
            Label::Map(key_kind) => {
                let k = match self.value_to_json(key_kind, "k") {
                    plain if plain == "k" => "String(k)".to_string(),
                    named => format!("String({named})"),
                };
                let _ = writeln!(
                    out,
                    "    {{ const e: Record<string, unknown> = {{}}; for (const [k, x] of {v}) e[{k}] = {}; {key} = e; }}",
                    self.value_to_json(kind, "x")
                );
            }
        }
    }

    /// The expression of a value of `kind` from JSON `j` at error path `at`.
    pub(super) fn value_from_json(&self, kind: Kind, j: &str, at: &str) -> String {
        match kind {
            Kind::Scalar(Scalar::Bool) => {
                format!("(typeof {j} === \"boolean\" ? {j} : (() => {{ throw expected(\"a bool\", {j}, {at}); }})())")
            }
            Kind::Scalar(Scalar::F32) => format!("Math.fround(floatFromJson({j}, {at}))"),
            Kind::Scalar(Scalar::F64) => format!("floatFromJson({j}, {at})"),
            Kind::Scalar(Scalar::String) => format!(
                "(typeof {j} === \"string\" ? {j} : (() => {{ throw expected(\"a string\", {j}, {at}); }})())"
            ),
            Kind::Scalar(Scalar::Bytes) => format!(
                "(typeof {j} === \"string\" ? fromBase64({j}) ?? (() => {{ throw new JsonError({at}, \"invalid base64\"); }})() : (() => {{ throw expected(\"a base64 string\", {j}, {at}); }})())"
            ),
            Kind::Scalar(s) => {
                let t = scalar_ts(s);
                if let Some((min, max)) = t.range {
                    format!("intFromJson({j}, {min}, {max}, {:?}, {at})", s.schema_name())
                } else {
                    let (min, max) = t.big_range.unwrap_or_default();
                    format!("bigintFromJson({j}, {min}, {max}, {:?}, {at})", s.schema_name())
                }
            }
            Kind::Enum(e) => format!("{}_fromJson({j}, {at})", self.names.enums[e]),
            Kind::Message(m) => format!("{}.readJson({j}, {at})", self.codec(m)),
            Kind::Interface(i) => format!("{}_fromJson({j}, {at})", self.names.interfaces[i]),
        }
    }

    pub(super) fn field_from_json(&self, out: &mut String, f: &FieldDef) {
        let target = format!("m.{}", f.name);
        let kind = f.kind;
        let value = match f.label {
            Label::Repeated | Label::Array(_) => format!(
                "arrayFromJson(x, at).map((y, i) => {})",
                self.value_from_json(kind, "y", "joinPath(at, `[${i}]`)")
            ),
            Label::Map(key) => {
                let key_path = "joinPath(at, `[${JSON.stringify(k)}]`)";
                let key_value = match key {
                    // JSON object keys are strings: `"true"`/`"false"`, numbers written out, enum names.
                    Kind::Scalar(Scalar::Bool) => "(k === \"true\" ? true : k === \"false\" ? false : (() => { throw new JsonError(at, `map key \\`${k}\\` is not a bool`); })())".to_string(),
                    Kind::Scalar(Scalar::String) | Kind::Enum(_) => self.value_from_json(key, "k", key_path),
                    _ => self.value_from_json(key, "(() => { try { return parseJson(k); } catch { throw new JsonError(at, `map key \\`${k}\\` is not a number`); } })()", key_path),
                };
                format!(
                    "new Map(Object.entries(objectFromJson(x, at)).map(([k, y]) => [{key_value}, {}]))",
                    self.value_from_json(kind, "y", key_path)
                )
            }
            _ => self.value_from_json(kind, "x", "at"),
        };
        let _ = writeln!(out, "        case {:?}:\n          {target} = {value};\n          break;", f.name);
    }
}
