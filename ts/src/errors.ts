/**
 * Typed errors: what went wrong, at which byte of the input, in which field — the same kinds and offsets as
 * the Rust runtime's `DecodeErrorKind`, so both languages give the same verdict for the same bytes.
 */

/** A canonical-form rule (wire-format.md, "Canonical form") that the input broke. */
export type CanonicalRule =
  | "FieldOrder"
  | "DefaultValueWritten"
  | "OverlongVarint"
  | "UnpackedRepeated"
  | "NonCanonicalFloat"
  | "MapKeyOrder"
  | "UnknownField";

/** A limit of {@link DecodeOptions} that the input exceeded. */
export type Limit = "Depth" | "MessageLen" | "StringLen" | "BytesLen" | "Elements";

/** What went wrong while decoding, with the details of each kind (the Rust runtime's variant names). */
export type DecodeErrorDetail =
  | { kind: "Truncated" }
  | { kind: "VarintOverflow" }
  | { kind: "InvalidWireType"; wireType: number }
  | { kind: "InvalidFieldNumber"; number: bigint }
  | { kind: "WireTypeMismatch"; expected: number; found: number }
  | { kind: "IntegerOutOfRange"; value: bigint; target: string }
  | { kind: "InvalidBool"; value: bigint }
  | { kind: "InvalidUtf8" }
  | { kind: "LengthOutOfBounds"; len: bigint; remaining: number }
  | { kind: "UnknownEnumValue"; value: bigint }
  | { kind: "UnknownTypeId"; typeId: bigint }
  | { kind: "MissingRequiredField" }
  | { kind: "UnknownField"; number: number }
  | { kind: "PackedLengthNotMultiple"; len: number; width: number }
  | { kind: "FixedLengthMismatch"; expected: number; found: number }
  | { kind: "LimitExceeded"; limit: Limit; max: number }
  | { kind: "NonCanonical"; rule: CanonicalRule };

/** The name of a {@link DecodeErrorDetail} kind. */
export type DecodeErrorKind = DecodeErrorDetail["kind"];

function describe(d: DecodeErrorDetail): string {
  switch (d.kind) {
    case "Truncated":
      return "input ends in the middle of a value";
    case "VarintOverflow":
      return "varint longer than 64 bits";
    case "InvalidWireType":
      return `invalid wire type ${d.wireType}`;
    case "InvalidFieldNumber":
      return `invalid field number ${d.number}`;
    case "WireTypeMismatch":
      return `wire type ${d.found} where the field is ${d.expected}`;
    case "IntegerOutOfRange":
      return `integer ${d.value} out of range for ${d.target}`;
    case "InvalidBool":
      return `invalid bool ${d.value} (must be 0 or 1)`;
    case "InvalidUtf8":
      return "invalid UTF-8";
    case "LengthOutOfBounds":
      return `length ${d.len} exceeds the ${d.remaining} bytes remaining`;
    case "UnknownEnumValue":
      return `unknown enum value ${d.value}`;
    case "UnknownTypeId":
      return `unknown type id ${d.typeId}`;
    case "MissingRequiredField":
      return "required field is missing";
    case "UnknownField":
      return `unknown field ${d.number} (strict mode)`;
    case "PackedLengthNotMultiple":
      return `packed run of ${d.len} bytes is not a multiple of ${d.width}`;
    case "FixedLengthMismatch":
      return `fixed-length list holds ${d.found} elements, expected ${d.expected}`;
    case "LimitExceeded":
      return `${d.limit} limit of ${d.max} exceeded`;
    case "NonCanonical":
      return `not canonical: ${d.rule}`;
  }
}

/**
 * An error from decoding: its kind (with details), the byte offset in the input where the offending value
 * starts, and the path to the field (`Order.items[1].name`).
 */
export class DecodeError extends Error {
  /** What went wrong, and its details. */
  readonly detail: DecodeErrorDetail;
  /** The byte offset in the input. */
  offset: number;
  /** The path to the failing field, outermost first: a field of a message, or an element's index. */
  readonly path: PathSegment[] = [];
  /** The message type being decoded, named by the entry point. */
  messageName: string | undefined;

  constructor(detail: DecodeErrorDetail, offset: number) {
    super(describe(detail));
    this.name = "DecodeError";
    this.detail = detail;
    this.offset = offset;
  }

  /** The kind's name (`"Truncated"`, `"InvalidUtf8"`, ...). */
  get kind(): DecodeErrorKind {
    return this.detail.kind;
  }

  /** The path as text, as the Rust runtime writes it: `Order.items[1].name`. */
  get fieldPath(): string {
    let out = "";
    for (const segment of this.path) {
      if (typeof segment === "number") out += `[${segment}]`;
      else out += out === "" ? `${segment.message}.${segment.field}` : `.${segment.field}`;
    }
    return out;
  }

  /** Adds the field `message.field` (and the element `index`, when at least 0) as the error travels out. */
  within(message: string, field: string, index = -1): DecodeError {
    if (index >= 0) this.path.unshift(index);
    this.path.unshift({ message, field });
    return this;
  }

  /** Moves the offset `by` bytes later: the error of bytes that sit `by` bytes into a larger input. */
  shifted(by: number): DecodeError {
    this.offset += by;
    return this;
  }

  /** Adds the index of a map entry or list element as the error travels out. */
  atIndex(index: number): DecodeError {
    this.path.unshift(index);
    return this;
  }

  override toString(): string {
    const where = this.fieldPath !== "" ? this.fieldPath : this.messageName;
    return `failed to decode${where ? ` ${where}` : ""}: ${this.message} at byte ${this.offset}`;
  }
}

/** One step of an error's path: a field of a message, or the index of a list element or map entry. */
export type PathSegment = { readonly message: string; readonly field: string } | number;

/** Why a value cannot be encoded: what, and where (`Order.fills[2].venue`). */
export class EncodeError extends Error {
  /** The path to the value. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(`cannot encode ${path}: ${message}`);
    this.name = "EncodeError";
    this.path = path;
  }
}

/** Why JSON does not match the schema: what, and where. */
export class JsonError extends Error {
  /** The path to the value. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(path === "" ? message : `${path}: ${message}`);
    this.name = "JsonError";
    this.path = path;
  }
}
