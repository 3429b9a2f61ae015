//! Encoding dynamic values. A checking pass first reports what cannot be encoded — a value of the wrong kind,
//! an integer out of range, a non-member in an interface field, a fixed-length list of the wrong length, a
//! field the message does not have — with its path. Then the runtime's two passes, measure and write, run
//! over the schema's kinds through the field kinds' own rules ([`WriteValue`]): plain values omitted when
//! default, lists packed or one field per element, fixed-length lists omitted when all default, map entries
//! in ascending key order. The bytes are the generated types' bytes because they are written by the same code.

use super::{default_value, mismatch, Described, DynMessage, EncodeError, EncodeErrorKind, Value};
use crate::model::*;
use cramberry::__private::dynamic::write::{
    array_len, array_write, interface_len, interface_write, map_len, map_write, message_len,
    message_plain_len, message_write, message_write_plain, plain_len, plain_write, present_len, repeated_len,
    repeated_write, write_present,
};
use cramberry::__private::dynamic::{
    is_default_number, LenRecorder, MapKey, NoRecord, Shape, SizeCursor, SortedEntries, WriteValue, Writer,
};
use cramberry::wire::varint_len;
use cramberry::Message;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Encodes `message` exactly as the generated type would.
pub fn encode(schema: &Schema, message: &DynMessage) -> Result<Vec<u8>, EncodeError> {
    check_fields(schema, message).map_err(|e| e.within(&schema.messages[message.message].name))?;
    Ok(Encoding { schema, message }.encode_to_vec())
}

/// What the checking pass found wrong with a value that the writing passes could not write.
const CHECKED: &str = "values are checked before they are measured and written";

/// The fields of `message` that are written, in ascending number, with their values: an absent required
/// field is written holding its default.
fn written_fields<'s>(
    schema: &'s Schema,
    message: &'s DynMessage,
) -> impl Iterator<Item = (&'s FieldDef, Cow<'s, Value>)> {
    let declared = &schema.messages[message.message].fields;
    // Fields are usually declared in ascending number: then they are walked as they are, with no list made.
    let (as_declared, sorted) = if declared.windows(2).all(|w| w[0].number <= w[1].number) {
        (Some(declared.iter()), None)
    } else {
        let mut fields: Vec<&FieldDef> = declared.iter().collect();
        fields.sort_by_key(|f| f.number);
        (None, Some(fields))
    };
    let in_order = as_declared.into_iter().flatten().chain(sorted.into_iter().flatten());
    in_order.filter_map(move |f| match (message.fields.get(&f.number), f.label) {
        (Some(v), _) => Some((f, Cow::Borrowed(v))),
        (None, Label::Required) => Some((f, Cow::Owned(default_value(schema, f.kind)))),
        (None, _) => None,
    })
}

/// How a field's value is written: the field kind's rule, chosen by the field's label.
enum Rule<'v> {
    /// Tag and value whenever present (optional and required fields, a plain interface field).
    Present(&'v Value),
    /// Tag and value unless the value is the default.
    Plain(&'v Value),
    /// A list: one packed run, or one field per element.
    List(&'v [Value]),
    /// A fixed-length list: as a list, unless every element is the default.
    Array(&'v [Value]),
    /// Map entries with keys of this kind.
    Map(Kind, &'v [(Value, Value)]),
}

/// The rule field `f` writes `value` by; `None` when the value is not of the label's shape (a list for a
/// list field, a map for a map field).
fn rule<'v>(f: &FieldDef, value: &'v Value) -> Option<Rule<'v>> {
    Some(match (f.label, value) {
        (Label::Plain, v) if f.is_plain_interface() => Rule::Present(v),
        (Label::Plain, v) => Rule::Plain(v),
        (Label::Optional | Label::Required, v) => Rule::Present(v),
        (Label::Repeated, Value::List(items)) => Rule::List(items),
        (Label::Array(_), Value::List(items)) => Rule::Array(items),
        (Label::Map(key), Value::Map(entries)) => Rule::Map(key, entries),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------------- checking

/// Checks every field of `message` in the order they are written (errors name the field).
fn check_fields(schema: &Schema, message: &DynMessage) -> Result<(), EncodeError> {
    let def = &schema.messages[message.message];
    if let Some(n) = message.fields.keys().find(|n| def.field(**n).is_none()) {
        return Err(EncodeError::new(EncodeErrorKind::NoSuchField(*n)));
    }
    for (f, value) in written_fields(schema, message) {
        check_field(schema, f, &value).map_err(|e| e.within(&f.name))?;
    }
    Ok(())
}

fn check_field(schema: &Schema, f: &FieldDef, value: &Value) -> Result<(), EncodeError> {
    let kind = f.kind;
    let Some(rule) = rule(f, value) else {
        let expected = match f.label {
            Label::Map(_) => "a map".into(),
            _ => format!("a list of {}", schema.kind_name(kind)),
        };
        return Err(EncodeError::new(EncodeErrorKind::Mismatch { expected, found: value.kind_name() }));
    };
    match rule {
        Rule::Present(v) => check_value(schema, kind, v),
        Rule::Plain(v) => check_plain(schema, kind, v),
        Rule::List(items) => check_list(schema, kind, items),
        Rule::Array(items) => {
            let expected = match f.label {
                Label::Array(n) => n,
                _ => unreachable!("an array rule is a fixed-length list's"),
            };
            if items.len() as u64 != expected {
                return Err(EncodeError::new(EncodeErrorKind::ArrayLength { expected, found: items.len() }));
            }
            // Like any plain field, a list whose elements are all default is the default: not written. Each
            // element is asked first, so what that question finds wrong is reported without an index.
            let mut all_default = true;
            for v in items {
                all_default &= is_default(schema, kind, v)?;
            }
            if all_default {
                return Ok(());
            }
            check_list(schema, kind, items)
        }
        Rule::Map(key, entries) => check_map(schema, key, kind, entries),
    }
}

/// Checks a value written as a plain field: whether it is the default first, then the value.
fn check_plain(schema: &Schema, kind: Kind, v: &Value) -> Result<(), EncodeError> {
    if let (Kind::Message(m), Value::Message(msg)) = (kind, v) {
        if msg.message != m {
            return Err(EncodeError::new(mismatch(schema, kind, v)));
        }
        return check_fields(schema, msg);
    }
    if is_default(schema, kind, v)? {
        return Ok(());
    }
    check_value(schema, kind, v)
}

/// Whether `v` is the default of `kind` (the runtime's test for scalars; number 0 for enums; a message that
/// encodes to nothing), checking it on the way.
pub(super) fn is_default(schema: &Schema, kind: Kind, v: &Value) -> Result<bool, EncodeError> {
    match (kind, v) {
        (Kind::Scalar(s), v) => {
            let scalar = v.as_scalar().ok_or_else(|| EncodeError::new(mismatch(schema, kind, v)))?;
            s.is_default(scalar).map_err(|e| EncodeError::scalar(e, schema, kind, v))
        }
        (Kind::Enum(_), Value::Enum(n)) => Ok(is_default_number(*n)),
        (Kind::Message(_), Value::Message(m)) => {
            check_fields(schema, m)?;
            Ok(Encoding { schema, message: m }.measure_fields(&mut NoRecord) == 0)
        }
        (Kind::Interface(_), Value::Interface(_)) => Ok(false),
        (kind, v) => Err(EncodeError::new(mismatch(schema, kind, v))),
    }
}

/// Checks the elements of a list (errors name the element's index).
fn check_list(schema: &Schema, kind: Kind, items: &[Value]) -> Result<(), EncodeError> {
    for (i, v) in items.iter().enumerate() {
        check_value(schema, kind, v).map_err(|e| e.within(&format!("[{i}]")))?;
    }
    Ok(())
}

/// Checks a map's entries in the order they are written (errors name the entry's index in that order).
fn check_map(
    schema: &Schema,
    key_kind: Kind,
    kind: Kind,
    entries: &[(Value, Value)],
) -> Result<(), EncodeError> {
    for (i, (k, v)) in in_wire_order(entries).into_iter().enumerate() {
        check_plain(schema, key_kind, k)
            .and_then(|()| check_plain(schema, kind, v))
            .map_err(|e| e.within(&format!("[{i}]")))?;
    }
    Ok(())
}

/// Checks one value: its kind, range, interface membership, and a message's fields.
fn check_value(schema: &Schema, kind: Kind, v: &Value) -> Result<(), EncodeError> {
    match (kind, v) {
        (Kind::Scalar(s), v) => {
            let scalar = v.as_scalar().ok_or_else(|| EncodeError::new(mismatch(schema, kind, v)))?;
            s.check(scalar).map_err(|e| EncodeError::scalar(e, schema, kind, v))
        }
        (Kind::Enum(_), Value::Enum(_)) => Ok(()),
        (Kind::Message(m), Value::Message(msg)) if msg.message == m => check_fields(schema, msg),
        (Kind::Interface(i), Value::Interface(msg)) => {
            let interface = &schema.interfaces[i];
            if !interface.members.iter().any(|(_, m, _)| *m == msg.message) {
                return Err(EncodeError::new(EncodeErrorKind::NotAMember {
                    message: schema.messages[msg.message].name.clone(),
                    interface: interface.name.clone(),
                }));
            }
            check_fields(schema, msg)
        }
        (kind, v) => Err(EncodeError::new(mismatch(schema, kind, v))),
    }
}

/// A map's entries in ascending wire order of their keys; of equal keys, the one given last.
fn in_wire_order(entries: &[(Value, Value)]) -> Vec<&(Value, Value)> {
    let mut sorted: Vec<&(Value, Value)> = entries.iter().collect();
    sorted.sort_by(|a, b| a.0.wire_cmp(&b.0));
    // After a stable sort, the last of equal keys is the one given last.
    let mut kept: Vec<&(Value, Value)> = Vec::with_capacity(sorted.len());
    for entry in sorted {
        match kept.last_mut() {
            Some(last) if last.0.wire_cmp(&entry.0) == Ordering::Equal => *last = entry,
            _ => kept.push(entry),
        }
    }
    kept
}

// ---------------------------------------------------------------------------------------------- writing

/// A checked message as the runtime encodes it: measured, then written.
struct Encoding<'s> {
    schema: &'s Schema,
    message: &'s DynMessage,
}

impl Message for Encoding<'_> {
    fn measure_fields<R: LenRecorder>(&self, rec: &mut R) -> usize {
        let schema = self.schema;
        written_fields(schema, self.message)
            .map(|(f, v)| {
                let (d, n) = (&Described { schema, kind: f.kind }, f.number);
                match rule(f, &v).expect(CHECKED) {
                    Rule::Present(v) => present_len(d, n, v, rec),
                    Rule::Plain(v) => plain_len(d, n, v, rec),
                    Rule::List(items) => repeated_len(d, n, items, rec),
                    Rule::Array(items) => array_len(d, n, items, rec),
                    Rule::Map(key, entries) => {
                        map_len(&Described { schema, kind: key }, d, n, &WireOrder::new(entries), rec)
                    }
                }
            })
            .sum()
    }

    fn write_fields(&self, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        let schema = self.schema;
        for (f, v) in written_fields(schema, self.message) {
            let (d, n) = (&Described { schema, kind: f.kind }, f.number);
            match rule(f, &v).expect(CHECKED) {
                Rule::Present(v) => write_present(d, n, v, w, sizes),
                Rule::Plain(v) => plain_write(d, n, v, w, sizes),
                Rule::List(items) => repeated_write(d, n, items, w, sizes),
                Rule::Array(items) => array_write(d, n, items, w, sizes),
                Rule::Map(key, entries) => {
                    map_write(&Described { schema, kind: key }, d, n, &WireOrder::new(entries), w, sizes)
                }
            }
        }
    }
}

/// A map's entries as the runtime's map rule walks them, put in order once per pass (see [`in_wire_order`]).
struct WireOrder<'m>(Vec<&'m (Value, Value)>);

impl<'m> WireOrder<'m> {
    fn new(entries: &'m [(Value, Value)]) -> Self {
        WireOrder(in_wire_order(entries))
    }
}

impl SortedEntries<Value, Value> for WireOrder<'_> {
    fn for_each_sorted(&self, mut f: impl FnMut(&Value, &Value)) {
        self.0.iter().for_each(|(k, v)| f(k, v));
    }
    fn entry_count(&self) -> usize {
        self.0.len()
    }
}

impl<'s> Described<'s> {
    fn encoding(&self, message: &'s DynMessage) -> Encoding<'s> {
        Encoding { schema: self.schema, message }
    }

    /// The type id an interface value of member `message` is written with.
    fn type_id(&self, interface: usize, message: &DynMessage) -> u64 {
        let members = &self.schema.interfaces[interface].members;
        members.iter().find(|(_, m, _)| *m == message.message).map(|&(id, _, _)| id).expect(CHECKED)
    }
}

/// A schema kind described to the runtime's field kinds for writing (values checked first).
impl WriteValue for Described<'_> {
    type In = Value;

    fn shape(&self) -> Shape {
        self.kind.shape()
    }

    fn records_len(&self) -> bool {
        matches!(self.kind, Kind::Message(_) | Kind::Interface(_))
    }

    /// Asked of fixed-length list elements, after the checking pass: a message is the default when it measures
    /// to nothing (measured, not checked again); anything else as [`is_default`] says.
    fn is_default(&self, value: &Value) -> bool {
        match value {
            Value::Message(m) => self.encoding(m).measure_fields(&mut NoRecord) == 0,
            v => is_default(self.schema, self.kind, v).expect(CHECKED),
        }
    }

    fn value_len<R: LenRecorder>(&self, value: &Value, rec: &mut R) -> usize {
        match (self.kind, value) {
            (Kind::Scalar(s), v) => s.value_len(v.as_scalar().expect(CHECKED)).expect(CHECKED),
            (Kind::Enum(_), Value::Enum(n)) => varint_len(u64::from(*n)),
            (Kind::Message(_), Value::Message(m)) => message_len(&self.encoding(m), rec),
            (Kind::Interface(i), Value::Interface(m)) => {
                interface_len(self.type_id(i, m), &self.encoding(m), rec)
            }
            _ => unreachable!("{CHECKED}"),
        }
    }

    fn write(&self, value: &Value, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        match (self.kind, value) {
            (Kind::Scalar(s), v) => s.write(v.as_scalar().expect(CHECKED), w).expect(CHECKED),
            (Kind::Enum(_), Value::Enum(n)) => w.put_varint(u64::from(*n)),
            (Kind::Message(_), Value::Message(m)) => message_write(&self.encoding(m), w, sizes),
            (Kind::Interface(i), Value::Interface(m)) => {
                interface_write(self.type_id(i, m), &self.encoding(m), w, sizes)
            }
            _ => unreachable!("{CHECKED}"),
        }
    }

    /// A plain message is omitted when it encodes to nothing, decided from its recorded length.
    fn plain_len<R: LenRecorder>(&self, value: &Value, rec: &mut R) -> Option<usize> {
        match value {
            Value::Message(m) => message_plain_len(&self.encoding(m), rec),
            v if WriteValue::is_default(self, v) => None,
            v => Some(self.value_len(v, rec)),
        }
    }

    fn write_plain(&self, value: &Value, number: u32, w: &mut Writer<'_>, sizes: &mut SizeCursor<'_>) {
        match value {
            Value::Message(m) => message_write_plain(&self.encoding(m), number, w, sizes),
            v if !WriteValue::is_default(self, v) => {
                w.put_tag(number, self.kind.wire_type());
                self.write(v, w, sizes);
            }
            _ => {}
        }
    }
}
