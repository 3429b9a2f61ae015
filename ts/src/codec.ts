/**
 * What generated code is built from: the {@link MessageCodec} shape, the encode and decode entry points, and
 * value kinds for map keys and values.
 */

import { DecodeError, EncodeError } from "./errors.js";
import { DEFAULT_OPTIONS, DecodeOptions } from "./options.js";
import { high, low, splitSigned, splitUnsigned, varintLenOfHalves, zigzagHigh, zigzagLow } from "./int64.js";
import { Reader, UnknownField } from "./reader.js";
import { compareUtf8 } from "./utf8.js";
import { BYTES, FIXED32, FIXED64, SVARINT, TYPEREF, VARINT, tag, varintLen, zigzag32 } from "./wire.js";
import { Sizes, Writer } from "./writer.js";

/** The symbol under which a decoded message keeps its unknown fields (with `keepUnknown`). */
export const UNKNOWN: unique symbol = Symbol("cramberry.unknown");

/** A message that may carry kept unknown fields. */
export interface WithUnknown {
  [UNKNOWN]?: UnknownField[];
}

/** What a field holds: a scalar (by schema name), an enum, a message or an interface. */
export type KindInfo =
  | { readonly scalar: keyof typeof kinds }
  | { readonly values: readonly number[]; readonly open: boolean }
  | { readonly message: () => MessageCodec<unknown> }
  | { readonly members: readonly Member[] };

/** A field of a message, as the schema declares it. */
export interface FieldInfo {
  /** The schema's field name (also the property name). */
  readonly name: string;
  /** The field number. */
  readonly number: number;
  /** How many values it holds and how absence is told. */
  readonly label: "plain" | "optional" | "required" | "repeated" | "array" | "map";
  /** The length of an `array` field. */
  readonly length?: number;
  /** The key kind of a `map` field. */
  readonly key?: KindInfo;
  /** The kind of the value (of each element or map value). */
  readonly kind: KindInfo;
}

/** The codec of one message type, as generated. */
export interface MessageCodec<T> {
  /** The message's schema name. */
  readonly name: string;
  /** Its fields, in declaration order (reflection). */
  readonly fields: readonly FieldInfo[];
  /** A message with every field at its default. */
  create(): T;
  /** The encoding of `value`: one `Uint8Array` of exactly {@link encodedLen} bytes. */
  encode(value: T): Uint8Array;
  /** Decodes `bytes` (with the limits and checks of `options`). Throws {@link DecodeError}. */
  decode(bytes: Uint8Array, options?: DecodeOptions): T;
  /** The exact encoded size of `value`. */
  encodedLen(value: T): number;
  /** The CLI's JSON for `value` (64-bit integers as `bigint`; see `stringifyJson`). */
  toJson(value: T): unknown;
  /** A value from the CLI's JSON. Throws `JsonError`. */
  fromJson(json: unknown): T;
  /** {@link fromJson} for the value at `path` (which errors name). */
  readJson(json: unknown, path: string): T;
  /** Measures the fields of `value`, recording nested lengths in `s`. */
  measure(value: T, s: Sizes): number;
  /** Writes the fields of `value`. */
  write(value: T, w: Writer): void;
  /** Reads the fields of the current message of `r`. */
  read(r: Reader): T;
}

const shared = new Sizes();

// Outputs of 65..4096 bytes are cut from a shared slab, as Node's Buffer pool does: a fresh ArrayBuffer of a few
// hundred bytes costs ten times what the cut does. Up to 64 bytes V8 allocates typed arrays cheaply on its heap.
const SLAB_SIZE = 65536;
const SLAB_MAX = 4096;
let slab = new Uint8Array(0);
let slabAt = 0;

/** A zeroed `Uint8Array` of `size` bytes, possibly a view into a shared slab. */
function allocate(size: number): Uint8Array {
  if (size <= 64 || size > SLAB_MAX) return new Uint8Array(size);
  if (slabAt + size > slab.length) {
    slab = new Uint8Array(SLAB_SIZE);
    slabAt = 0;
  }
  const out = slab.subarray(slabAt, slabAt + size);
  slabAt = (slabAt + size + 7) & ~7;
  return out;
}

/**
 * Encodes `value` with `codec`: measure once, write once. Outputs of 65 to 4096 bytes are views into a shared
 * 64 KiB `ArrayBuffer` (as Node's `Buffer.allocUnsafe` pool gives): use the `Uint8Array` itself, or `slice()`
 * it before transferring its `buffer` to a worker.
 */
export function encodeWith<T>(codec: MessageCodec<T>, value: T): Uint8Array {
  shared.clear();
  const size = codec.measure(value, shared);
  const w = new Writer(size, shared, allocate(size));
  codec.write(value, w);
  if (w.pos !== size) throw new EncodeError(codec.name, `wrote ${w.pos} bytes after measuring ${size}`);
  return w.buf;
}

/** The encoded size of `value`. */
export function encodedLenWith<T>(codec: MessageCodec<T>, value: T): number {
  const s = new Sizes();
  return codec.measure(value, s);
}

/** Decoding runs no user code, so one decode never starts inside another: one reader serves them all. */
const sharedReader = new Reader(new Uint8Array(0));

/** Decodes `bytes` as a `codec` message. */
export function decodeWith<T>(codec: MessageCodec<T>, bytes: Uint8Array, options: DecodeOptions = DEFAULT_OPTIONS): T {
  try {
    return codec.read(sharedReader.reset(bytes, options));
  } catch (e) {
    if (e instanceof DecodeError) e.messageName ??= codec.name;
    throw e;
  } finally {
    sharedReader.release();
  }
}

/** Reads a nested message (length, then its fields) one level deeper. */
export function readNested<T>(r: Reader, codec: MessageCodec<T>): T {
  const outer = r.enter();
  const value = codec.read(r);
  r.leave(outer);
  return value;
}

/**
 * Adds the field `field` of `message` to an error's path, and the index of the list element being read when
 * the error is in one (`index` at least 0).
 */
export function inField(e: unknown, message: string, field: string | undefined, index = -1): unknown {
  if (e instanceof DecodeError && field !== undefined) e.within(message, field, index);
  return e;
}

/** Keeps an unknown field on `m`, in field-number order (stable), as the Rust runtime keeps them. */
export function keepUnknown(m: WithUnknown, field: UnknownField): void {
  const list = (m[UNKNOWN] ??= []);
  let at = list.length;
  while (at > 0 && list[at - 1]!.number > field.number) at--;
  list.splice(at, 0, field);
}

/** Bytes of the unknown fields kept on `m`. */
export function unknownLen(m: WithUnknown): number {
  const list = m[UNKNOWN];
  if (list === undefined) return 0;
  let n = 0;
  for (const f of list) n += f.bytes.length;
  return n;
}

/** Writes the unknown fields kept on `m` (after the known fields). */
export function writeUnknown(m: WithUnknown, w: Writer): void {
  const list = m[UNKNOWN];
  if (list !== undefined) for (const f of list) w.raw(f.bytes);
}

/** The error for an unencodable value at `path`. */
export function encodeError(path: string, message: string): EncodeError {
  return new EncodeError(path, message);
}

/** Checks a 32-bit-or-smaller integer field's value; returns it. */
export function checkInt(v: number, min: number, max: number, kind: string, path: string): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new EncodeError(path, `${v} is out of range for ${kind}`);
  return v;
}

/** Checks a 64-bit integer field's value; returns it. */
export function checkBigint(v: bigint, min: bigint, max: bigint, kind: string, path: string): bigint {
  if (typeof v !== "bigint" || v < min || v > max) throw outOfRange(v, kind, path);
  return v;
}

/** The error for a value `v` that is not a `kind` integer, at `path`. */
function outOfRange(v: unknown, kind: string, path: string): EncodeError {
  return new EncodeError(path, `${String(v)} is out of range for ${kind}`);
}

/** Bytes of the varint of a `uint64` field's value `v`; an `EncodeError` at `path` if it is not a u64 bigint. */
export function uint64Len(v: bigint, path: string): number {
  if (typeof v === "bigint" && splitUnsigned(v)) return varintLenOfHalves(low(), high());
  throw outOfRange(v, "uint64", path);
}

/** Bytes of the ZigZag varint of an `int64` field's value `v`; an `EncodeError` at `path` if it is not an i64. */
export function int64Len(v: bigint, path: string): number {
  if (typeof v === "bigint" && splitSigned(v)) return varintLenOfHalves(zigzagLow(), zigzagHigh());
  throw outOfRange(v, "int64", path);
}

/** Checks a fixed-length list's length. */
export function checkLength(list: readonly unknown[], n: number, path: string): void {
  if (list.length !== n) throw new EncodeError(path, `expected ${n} elements, found ${list.length}`);
}

// ------------------------------------------------------------------------------------------------ kinds

/** A value kind, as map keys and values need it: wire type, default, and its reading and writing. */
export interface Kind<T> {
  /** The wire type of one value. */
  readonly wire: number;
  /** The default value. */
  def(): T;
  /** Whether `v` is the default (a plain field holding it is not written). */
  isDefault(v: T): boolean;
  /** Bytes of `v` after its tag (recording nested lengths). */
  measure(v: T, s: Sizes): number;
  /** Writes `v` after its tag. */
  write(v: T, w: Writer): void;
  /** Reads one value. */
  read(r: Reader): T;
  /** Orders keys by their wire value (map keys only). */
  compare?(a: T, b: T): number;
  /** Message kinds: the body's bytes (a plain field with an empty body is not written). */
  body?(v: T, s: Sizes): number;
  /** Message kinds: writes the body. */
  writeBody?(v: T, w: Writer): void;
  /** Whether a decoded `v` is the default, where that differs from {@link isDefault} (interfaces). */
  isDefaultDecoded?(v: T): boolean;
  /** Whether the kind is a message. */
  readonly message?: boolean;
}

function numberKind(wire: number, read: (r: Reader) => number, len: (v: number) => number, write: (w: Writer, v: number) => void): Kind<number> {
  return {
    wire,
    def: () => 0,
    isDefault: (v) => v === 0,
    measure: (v) => len(v),
    write: (v, w) => write(w, v),
    read,
    compare: (a, b) => a - b,
  };
}

function bigintKind(wire: number, read: (r: Reader) => bigint, len: (v: bigint) => number, write: (w: Writer, v: bigint) => void): Kind<bigint> {
  return {
    wire,
    def: () => 0n,
    isDefault: (v) => v === 0n,
    measure: (v) => len(v),
    write: (v, w) => write(w, v),
    read,
    compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  };
}


/** The scalar kinds, by schema name. */
export const kinds = {
  bool: {
    wire: VARINT,
    def: () => false,
    isDefault: (v: boolean) => !v,
    measure: () => 1,
    write: (v: boolean, w: Writer) => w.byte(v ? 1 : 0),
    read: (r: Reader) => r.bool(),
    compare: (a: boolean, b: boolean) => Number(a) - Number(b),
  } as Kind<boolean>,
  uint8: numberKind(VARINT, (r) => r.uint(0xff, "u8"), varintLen, (w, v) => w.varint(v)),
  uint16: numberKind(VARINT, (r) => r.uint(0xffff, "u16"), varintLen, (w, v) => w.varint(v)),
  uint32: numberKind(VARINT, (r) => r.uint(0xffffffff, "u32"), varintLen, (w, v) => w.varint(v)),
  uint64: bigintKind(VARINT, (r) => r.varint64(), (v) => uint64Len(v, "a map entry"), (w, v) => w.varint64(v)),
  int8: numberKind(SVARINT, (r) => r.sint(0x7f, "i8"), (v) => varintLen(zigzag32(v)), (w, v) => w.svarint(v)),
  int16: numberKind(SVARINT, (r) => r.sint(0x7fff, "i16"), (v) => varintLen(zigzag32(v)), (w, v) => w.svarint(v)),
  int32: numberKind(SVARINT, (r) => r.sint(0x7fffffff, "i32"), (v) => varintLen(zigzag32(v)), (w, v) => w.svarint(v)),
  int64: bigintKind(SVARINT, (r) => r.sint64(), (v) => int64Len(v, "a map entry"), (w, v) => w.svarint64(v)),
  fixed32: numberKind(FIXED32, (r) => r.fixed32(), () => 4, (w, v) => w.fixed32(v)),
  sfixed32: numberKind(FIXED32, (r) => r.sfixed32(), () => 4, (w, v) => w.fixed32(v)),
  fixed64: bigintKind(FIXED64, (r) => r.fixed64(), () => 8, (w, v) => w.fixed64(v)),
  sfixed64: bigintKind(FIXED64, (r) => r.sfixed64(), () => 8, (w, v) => w.fixed64(v)),
  float32: { ...numberKind(FIXED32, (r) => r.float32(), () => 4, (w, v) => w.float32(v)), compare: undefined } as Kind<number>,
  float64: { ...numberKind(FIXED64, (r) => r.float64(), () => 8, (w, v) => w.float64(v)), compare: undefined } as Kind<number>,
  string: {
    wire: BYTES,
    def: () => "",
    isDefault: (v: string) => v === "",
    measure: (v: string, s: Sizes) => {
      const len = s.string(v);
      return varintLen(len) + len;
    },
    write: (v: string, w: Writer) => w.string(v),
    read: (r: Reader) => r.string(),
    compare: compareUtf8,
  } as Kind<string>,
  bytes: {
    wire: BYTES,
    def: () => new Uint8Array(0),
    isDefault: (v: Uint8Array) => v.length === 0,
    measure: (v: Uint8Array) => varintLen(v.length) + v.length,
    write: (v: Uint8Array, w: Writer) => w.bytes(v),
    read: (r: Reader) => r.bytes(),
  } as Kind<Uint8Array>,
};

/** The kind of an enum: `known` says which numbers it has (`null`: an open enum, every u32). */
export function enumKind(known: ((n: number) => boolean) | null): Kind<number> {
  return numberKind(VARINT, (r) => r.enumNumber(known), varintLen, (w, v) => w.varint(v));
}

/** The kind of a message type. */
export function messageKind<T>(codec: () => MessageCodec<T>): Kind<T> {
  return {
    wire: BYTES,
    message: true,
    def: () => codec().create(),
    // Asked only of decoded values in canonical mode, where an empty body is the one default.
    isDefault: (v) => encodedLenWith(codec(), v) === 0,
    measure: (v, s) => {
      const slot = s.reserve();
      const n = codec().measure(v, s);
      s.fill(slot, n);
      return varintLen(n) + n;
    },
    body: (v, s) => codec().measure(v, s),
    writeBody: (v, w) => codec().write(v, w),
    write: (v, w) => {
      const n = w.next();
      w.varint(n);
      if (n !== 0) codec().write(v, w);
    },
    read: (r) => readNested(r, codec()),
  };
}

/** An interface value: the member's type id and its message. */
export interface InterfaceValue {
  readonly typeId: number;
  readonly value: unknown;
}

/** A member of an interface: its type id, name and codec. */
export interface Member {
  readonly typeId: number;
  readonly name: string;
  readonly codec: () => MessageCodec<unknown>;
}

/** Finds the member of type id `typeId`. */
function member(members: readonly Member[], typeId: number): Member | undefined {
  for (const m of members) if (m.typeId === typeId) return m;
  return undefined;
}

/** Bytes of an interface value after its tag: type id, length, message. */
export function interfaceLen(name: string, members: readonly Member[], v: InterfaceValue, s: Sizes, path: string): number {
  const m = member(members, v.typeId);
  if (m === undefined) throw new EncodeError(path, `type id ${v.typeId} is not a member of \`${name}\``);
  const slot = s.reserve();
  const n = m.codec().measure(v.value, s);
  s.fill(slot, n);
  return varintLen(v.typeId) + varintLen(n) + n;
}

/** Writes an interface value after its tag. */
export function writeInterface(members: readonly Member[], v: InterfaceValue, w: Writer): void {
  w.varint(v.typeId);
  const n = w.next();
  w.varint(n);
  if (n !== 0) member(members, v.typeId)!.codec().write(v.value, w);
}

/** Reads an interface value after its tag: an unknown type id is an error. */
export function readInterface(r: Reader, name: string, members: readonly Member[]): InterfaceValue {
  const at = r.pos;
  const typeId = r.typeId();
  const m = member(members, typeId);
  if (m === undefined) throw r.unknownTypeId(at);
  try {
    return { typeId, value: readNested(r, m.codec()) };
  } catch (e) {
    throw inField(e, name, m.name);
  }
}

/** The kind of an interface (as a map value). */
export function interfaceKind(name: string, members: readonly Member[]): Kind<InterfaceValue> {
  const first = members[0]!;
  return {
    wire: TYPEREF,
    def: () => ({ typeId: first.typeId, value: first.codec().create() }),
    isDefault: () => false,
    isDefaultDecoded: (v) => v.typeId === first.typeId && encodedLenWith(first.codec(), v.value) === 0,
    measure: (v, s) => interfaceLen(name, members, v, s, name),
    write: (v, w) => writeInterface(members, v, w),
    read: (r) => readInterface(r, name, members),
  };
}

// ------------------------------------------------------------------------------------------------- maps

function entryFieldLen<T>(kind: Kind<T>, v: T, s: Sizes): number {
  if (kind.body !== undefined) {
    const slot = s.reserve();
    const n = kind.body(v, s);
    s.fill(slot, n);
    return n === 0 ? 0 : 1 + varintLen(n) + n;
  }
  return kind.isDefault(v) ? 0 : 1 + kind.measure(v, s);
}

function writeEntryField<T>(t: number, kind: Kind<T>, v: T, w: Writer): void {
  if (kind.writeBody !== undefined) {
    const n = w.next();
    if (n !== 0) {
      w.byte(t);
      w.varint(n);
      kind.writeBody(v, w);
    }
  } else if (!kind.isDefault(v)) {
    w.byte(t);
    kind.write(v, w);
  }
}

/** A map's keys and values in the order they are written: ascending keys. */
export interface SortedEntries<K, V> {
  readonly keys: K[];
  readonly values: V[];
}

/** The entries of `map` sorted by key with `compare` (the order in which they are written). */
export function sortedEntries<K, V>(map: ReadonlyMap<K, V>, compare: (a: K, b: K) => number): SortedEntries<K, V> {
  const keys: K[] = [];
  const values: V[] = [];
  if (map.size <= 16) {
    // Insertion into parallel arrays: for the small maps messages carry, three times faster than sorting pairs.
    for (const [k, v] of map) {
      let i = keys.length;
      keys.push(k);
      values.push(v);
      while (i > 0 && compare(keys[i - 1]!, k) > 0) {
        keys[i] = keys[i - 1]!;
        values[i] = values[i - 1]!;
        i--;
      }
      keys[i] = k;
      values[i] = v;
    }
  } else {
    for (const [k, v] of [...map].sort((a, b) => compare(a[0], b[0]))) {
      keys.push(k);
      values.push(v);
    }
  }
  return { keys, values };
}

/** Orders numbers (map keys of 32-bit and smaller integers and enums). */
export function compareNumbers(a: number, b: number): number {
  return a - b;
}

/** Orders bigints (map keys of 64-bit integers). */
export function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders booleans, `false` first. */
export function compareBools(a: boolean, b: boolean): number {
  return Number(a) - Number(b);
}

/** Bytes of map field `number`: one entry per key, in ascending wire order of the keys. */
export function mapLen<K, V>(number: number, map: ReadonlyMap<K, V>, key: Kind<K>, value: Kind<V>, s: Sizes): number {
  if (map.size === 0) return 0;
  const entries = s.keep(sortedEntries(map, key.compare!));
  const tagLen = varintLen(tag(number, BYTES));
  let total = 0;
  for (let i = 0; i < entries.keys.length; i++) {
    const slot = s.reserve();
    const body = entryFieldLen(key, entries.keys[i]!, s) + entryFieldLen(value, entries.values[i]!, s);
    s.fill(slot, body);
    total += tagLen + varintLen(body) + body;
  }
  return total;
}

/** Writes map field tag `t` (measured by {@link mapLen}). */
export function writeMap<K, V>(t: number, map: ReadonlyMap<K, V>, key: Kind<K>, value: Kind<V>, w: Writer): void {
  if (map.size === 0) return;
  const entries = w.nextObj<SortedEntries<K, V>>();
  const keyTag = 8 | key.wire;
  const valueTag = 16 | value.wire;
  for (let i = 0; i < entries.keys.length; i++) {
    w.varint(t);
    const n = w.next();
    w.varint(n);
    if (n !== 0) {
      writeEntryField(keyTag, key, entries.keys[i]!, w);
      writeEntryField(valueTag, value, entries.values[i]!, w);
    }
  }
}

/** The wire types of a map entry's fields for `Reader.other`: none beyond the key and value. */
export const NO_FIELDS: ReadonlyMap<number, number> = new Map();

function readEntryField<T>(r: Reader, kind: Kind<T>, tagAt: number): T {
  const v = kind.read(r);
  if (r.canonical && (kind.isDefaultDecoded ?? kind.isDefault)(v)) throw r.defaultWritten(tagAt);
  return v;
}

/**
 * Reads the entries of a map field whose tag was just read, the run of entries that follows it; `count` is
 * the number of entries of this field read so far (for the element limit). Returns the new count.
 */
export function readMap<K, V>(r: Reader, map: Map<K, V>, key: Kind<K>, value: Kind<V>, count: number): number {
  const runAt = r.tagAt;
  const runLen = r.tagLen;
  const keyTag = 8 | key.wire;
  const valueTag = 16 | value.wire;
  let at = runAt;
  let previous: K | undefined;
  for (;;) {
    r.room(count + 1, -1, at);
    let k = key.def();
    let v = value.def();
    try {
      const outer = r.within();
      let last = 0;
      while (r.pos < r.end) {
        const t = r.tag(last);
        last = t >>> 3;
        const tagAt = r.tagAt;
        if (t === keyTag) k = readEntryField(r, key, tagAt);
        else if (t === valueTag) v = readEntryField(r, value, tagAt);
        else if (last === 1) throw r.mismatch(t, key.wire);
        else if (last === 2) throw r.mismatch(t, value.wire);
        else r.other(t, NO_FIELDS);
      }
      r.end = outer;
    } catch (e) {
      if (e instanceof DecodeError) e.atIndex(count);
      throw e;
    }
    if (r.canonical) {
      if (count > 0 && previous !== undefined && key.compare!(previous, k) >= 0) throw r.nonCanonical("MapKeyOrder", at);
      previous = k;
    }
    count++;
    map.set(k, v);
    at = r.repeat(runAt, runLen);
    if (at < 0) return count;
  }
}
