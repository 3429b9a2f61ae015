//! Compatibility between two versions of a schema (old → new), judged by what is on the wire: a change is
//! breaking when bytes written by one side would be misread or rejected by the other.

use crate::diagnostic::{Severity, Span};
use crate::load::Loaded;
use crate::model::{qualified, FieldDef, Kind, Label, Schema};
use std::fmt;

/// One difference between the versions.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Breaking (an error) or worth a look (a warning).
    pub severity: Severity,
    /// What changed.
    pub message: String,
    /// Where it was in the old version.
    pub old: Option<Span>,
    /// Where it is in the new version.
    pub new: Option<Span>,
}

/// The result of [`check_compatibility`], renderable with both versions' sources.
pub struct CompatReport<'a> {
    /// Every change found, breaking ones first.
    pub changes: Vec<Change>,
    old: &'a Loaded,
    new: &'a Loaded,
}

impl CompatReport<'_> {
    /// Whether any change is breaking.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.severity == Severity::Error)
    }
}

impl fmt::Display for CompatReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in &self.changes {
            let label = if c.severity == Severity::Error { "breaking" } else { "warning" };
            writeln!(f, "{label}: {}", c.message)?;
            for (side, span, loaded) in [("old", c.old, self.old), ("new", c.new, self.new)] {
                if let Some(span) = span {
                    let (line, col) = loaded.sources.line_col(span.file, span.start);
                    let text = loaded.sources.text(span.file).lines().nth(line - 1).unwrap_or("").trim();
                    writeln!(f, "  {side}: {}:{line}:{col}: {text}", loaded.sources.path(span.file))?;
                }
            }
        }
        Ok(())
    }
}

/// Compares `old` with `new` by the rules of `docs/compatibility.md`.
///
/// ```
/// use cramberry_schema::{check_compatibility, load_str};
/// let old = load_str("v1.cram", "message M { int32 a = 1; }").unwrap();
/// let new = load_str("v2.cram", "message M { uint32 a = 1; }").unwrap();
/// assert!(check_compatibility(&old, &new).is_breaking()); // SVARINT -> VARINT
/// ```
pub fn check_compatibility<'a>(old: &'a Loaded, new: &'a Loaded) -> CompatReport<'a> {
    let mut changes = Vec::new();
    let (o, n) = (&old.schema, &new.schema);
    for om in &o.messages {
        let name = qualified(&om.package, &om.name);
        let Some(nm) = n.messages.iter().find(|m| qualified(&m.package, &m.name) == name) else {
            changes.push(breaking(format!("message `{name}` was removed"), Some(om.span), None));
            continue;
        };
        for of in &om.fields {
            match nm.field(of.number) {
                Some(nf) => compare_fields(&name, of, nf, o, n, &mut changes),
                None if of.label == Label::Required => changes.push(breaking(
                    format!("required field `{name}.{}` ({}) was removed", of.name, of.number),
                    Some(of.span),
                    Some(nm.span),
                )),
                None if of.label == Label::Optional => changes.push(warning(
                    format!(
                        "optional field `{name}.{}` ({}) was removed; never reuse its number",
                        of.name, of.number
                    ),
                    Some(of.span),
                    Some(nm.span),
                )),
                None => {}
            }
        }
        for nf in nm.fields.iter().filter(|f| f.label == Label::Required && om.field(f.number).is_none()) {
            changes.push(breaking(
                format!(
                    "required field `{name}.{}` ({}) was added; old writers never send it",
                    nf.name, nf.number
                ),
                Some(om.span),
                Some(nf.span),
            ));
        }
    }
    for oe in &o.enums {
        let name = qualified(&oe.package, &oe.name);
        let Some(ne) = n.enums.iter().find(|e| qualified(&e.package, &e.name) == name) else {
            changes.push(breaking(format!("enum `{name}` was removed"), Some(oe.span), None));
            continue;
        };
        for ov in &oe.values {
            match ne.values.iter().find(|v| v.name == ov.name) {
                Some(nv) if nv.number != ov.number => changes.push(breaking(
                    format!("enum value `{name}.{}` was renumbered {} -> {}", ov.name, ov.number, nv.number),
                    Some(ov.span),
                    Some(nv.span),
                )),
                Some(_) => {}
                None if ne.values.iter().any(|v| v.number == ov.number) => {}
                None => changes.push(breaking(
                    format!("enum value `{name}.{}` ({}) was removed", ov.name, ov.number),
                    Some(ov.span),
                    Some(ne.span),
                )),
            }
        }
    }
    for oi in &o.interfaces {
        let name = qualified(&oi.package, &oi.name);
        let Some(ni) = n.interfaces.iter().find(|i| qualified(&i.package, &i.name) == name) else {
            changes.push(breaking(format!("interface `{name}` was removed"), Some(oi.span), None));
            continue;
        };
        for &(id, member, span) in &oi.members {
            let member_name = &o.messages[member].name;
            match ni.members.iter().find(|(_, m, _)| &n.messages[*m].name == member_name) {
                Some(&(new_id, _, new_span)) if new_id != id => changes.push(breaking(
                    format!("interface `{name}` member `{member_name}` changed type id {id} -> {new_id}"),
                    Some(span),
                    Some(new_span),
                )),
                Some(_) => {}
                None => changes.push(breaking(
                    format!("interface `{name}` member `{member_name}` ({id}) was removed"),
                    Some(span),
                    Some(ni.span),
                )),
            }
        }
    }
    compare_services(o, n, &mut changes);
    changes.sort_by_key(|c| c.severity != Severity::Error);
    CompatReport { changes, old, new }
}

/// Services: a removed service or method, or a method whose request type, response type or streaming form
/// changed, breaks its callers (the server answers `UNIMPLEMENTED` or misreads the frames); an added method
/// does not.
fn compare_services(o: &Schema, n: &Schema, changes: &mut Vec<Change>) {
    for os in &o.services {
        let name = qualified(&os.package, &os.name);
        let Some(ns) = n.services.iter().find(|s| qualified(&s.package, &s.name) == name) else {
            changes.push(breaking(format!("service `{name}` was removed"), Some(os.span), None));
            continue;
        };
        for om in &os.methods {
            let Some(nm) = ns.methods.iter().find(|m| m.name == om.name) else {
                let message =
                    format!("method `{name}.{}` was removed; its callers get UNIMPLEMENTED", om.name);
                changes.push(breaking(message, Some(om.span), Some(ns.span)));
                continue;
            };
            let message_name = |schema: &Schema, index: usize| {
                let m = &schema.messages[index];
                qualified(&m.package, &m.name)
            };
            for (side, old_index, new_index) in
                [("request", om.request, nm.request), ("response", om.response, nm.response)]
            {
                let (before, after) = (message_name(o, old_index), message_name(n, new_index));
                if before != after {
                    changes.push(breaking(
                        format!(
                            "method `{name}.{}` changed its {side} type `{before}` -> `{after}`",
                            om.name
                        ),
                        Some(om.span),
                        Some(nm.span),
                    ));
                }
            }
            if om.streaming_form() != nm.streaming_form() {
                changes.push(breaking(
                    format!(
                        "method `{name}.{}` changed from {} to {}",
                        om.name,
                        om.streaming_form(),
                        nm.streaming_form()
                    ),
                    Some(om.span),
                    Some(nm.span),
                ));
            }
        }
    }
}

fn compare_fields(
    message: &str,
    of: &FieldDef,
    nf: &FieldDef,
    o: &Schema,
    n: &Schema,
    out: &mut Vec<Change>,
) {
    let what = format!("field {} of `{message}` (`{}` -> `{}`)", of.number, of.name, nf.name);
    let spans = (Some(of.span), Some(nf.span));
    let (old_kind, new_kind) = (o.kind_name(of.kind), n.kind_name(nf.kind));
    if !same_kind(of.kind, nf.kind, o, n) {
        let detail = if of.kind.wire_type() != nf.kind.wire_type() {
            format!("wire type {} -> {}", of.kind.wire_type(), nf.kind.wire_type())
        } else {
            "another type".to_string()
        };
        out.push(breaking(format!("{what}: type {old_kind} -> {new_kind} ({detail})"), spans.0, spans.1));
        return;
    }
    let list = |l: Label| matches!(l, Label::Repeated | Label::Array(_));
    match (of.label, nf.label) {
        (a, b) if a == b => {}
        (Label::Map(k1), Label::Map(k2)) if !same_kind(k1, k2, o, n) => {
            out.push(breaking(format!("{what}: map key type changed"), spans.0, spans.1));
        }
        (Label::Map(_), Label::Map(_)) => {}
        (Label::Required, _) | (_, Label::Required) => {
            out.push(breaking(format!("{what}: `required` was added or removed"), spans.0, spans.1));
        }
        (Label::Array(a), Label::Array(b)) => {
            out.push(breaking(format!("{what}: fixed length {a} -> {b}"), spans.0, spans.1));
        }
        (a, b) if list(a) && list(b) => {
            out.push(warning(
                format!("{what}: fixed-length and repeated lists differ in length checks"),
                spans.0,
                spans.1,
            ));
        }
        (a, b) if list(a) != list(b) || matches!(a, Label::Map(_)) || matches!(b, Label::Map(_)) => {
            out.push(breaking(format!("{what}: single value <-> list or map"), spans.0, spans.1));
        }
        _ => out.push(warning(format!("{what}: presence changed (plain <-> optional)"), spans.0, spans.1)),
    }
    if let (Kind::Scalar(a), Kind::Scalar(b)) = (of.kind, nf.kind) {
        if width_rank(b) < width_rank(a) {
            let message =
                format!("{what}: narrowed {old_kind} -> {new_kind}; larger values will fail to decode");
            out.push(warning(message, spans.0, spans.1));
        }
    }
}

/// Order of widths within one wire type (widening is compatible, narrowing may reject values).
fn width_rank(s: crate::model::Scalar) -> u8 {
    use crate::model::Scalar::*;
    match s {
        Bool | I8 | U8 | String | Bytes | F32 | F64 | Fixed32 | SFixed32 | Fixed64 | SFixed64 => 0,
        I16 | U16 => 1,
        I32 | U32 => 2,
        I64 | U64 => 3,
    }
}

/// Same wire type and, for named types, the same name; scalars may widen within a wire type.
fn same_kind(a: Kind, b: Kind, o: &Schema, n: &Schema) -> bool {
    match (a, b) {
        (Kind::Scalar(x), Kind::Scalar(y)) => x.wire_type() == y.wire_type(),
        (Kind::Enum(_), Kind::Enum(_))
        | (Kind::Message(_), Kind::Message(_))
        | (Kind::Interface(_), Kind::Interface(_)) => o.kind_name(a) == n.kind_name(b),
        _ => false,
    }
}

fn breaking(message: String, old: Option<Span>, new: Option<Span>) -> Change {
    Change { severity: Severity::Error, message, old, new }
}

fn warning(message: String, old: Option<Span>, new: Option<Span>) -> Change {
    Change { severity: Severity::Warning, message, old, new }
}
