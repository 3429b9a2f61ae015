/**
 * A bounds-checked reader over the input of one decode. Offsets are absolute: a nested message narrows
 * `end` but positions stay those of the whole input, so every error says where in *your* buffer it is.
 * Every check and error is the Rust runtime's, in the same order (see `src/decode/reader.rs`).
 */

import { CanonicalRule, DecodeError, DecodeErrorDetail, Limit } from "./errors.js";
import { DEFAULT_OPTIONS, DecodeOptions } from "./options.js";
import { HI, LO, signedOfHalves, unsignedOfHalves } from "./int64.js";
import { decodeUtf8, invalidUtf8At } from "./utf8.js";
import { BYTES, FIXED32, FIXED64, MAX_FIELD_NUMBER, SVARINT, TYPEREF, VARINT, unzigzag64 } from "./wire.js";

// Floats are read through scratch arrays sharing one buffer: cheaper than a DataView per input.
const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer);
/** Below this, `BigInt(number)` takes V8's small-integer path (cheaper than the shared 64-bit buffer). */
const SMALL_INT = 0x40000000;

const EMPTY = new Uint8Array(0);

/** A kept unknown field: its number, and its tag and payload as they were on the wire. */
export interface UnknownField {
  readonly number: number;
  readonly bytes: Uint8Array;
}

/** Reads one input. Used by generated code; the reading methods are its building blocks. */
export class Reader {
  /** The whole input. */
  buf: Uint8Array;
  /** The current offset. */
  pos: number;
  /** The end of the current message (or packed run, or map entry). */
  end: number;
  /** Nesting depth of the current message. */
  depth = 0;
  /** The options of this decode. */
  opts: DecodeOptions;
  /** `opts.canonical`, for the hot paths. */
  canonical: boolean;
  /** Offset of the last tag read. */
  tagAt = 0;
  /** Byte length of the last tag read. */
  tagLen = 0;

  /** A reader over all of `buf`; fails if it is longer than the message length limit. */
  constructor(buf: Uint8Array, opts: DecodeOptions = DEFAULT_OPTIONS) {
    this.buf = buf;
    this.pos = 0;
    this.end = buf.length;
    this.opts = opts;
    this.canonical = opts.canonical;
    if (buf.length > opts.maxMessageLen) throw this.limit("MessageLen", opts.maxMessageLen, 0);
  }

  /** Starts reading `buf` afresh, as a new reader would (a reused reader saves an allocation per decode). */
  reset(buf: Uint8Array, opts: DecodeOptions): this {
    this.buf = buf;
    this.pos = 0;
    this.end = buf.length;
    this.depth = 0;
    this.opts = opts;
    this.canonical = opts.canonical;
    if (buf.length > opts.maxMessageLen) throw this.limit("MessageLen", opts.maxMessageLen, 0);
    return this;
  }

  /** Lets go of the input at the end of a decode (a reused reader must not keep a large buffer alive). */
  release(): void {
    this.buf = EMPTY;
  }

  /** An error of `detail` at `offset`. */
  error(detail: DecodeErrorDetail, offset: number): DecodeError {
    return new DecodeError(detail, offset);
  }

  /** The error that canonical `rule` broke at `offset`. */
  nonCanonical(rule: CanonicalRule, offset: number): DecodeError {
    return new DecodeError({ kind: "NonCanonical", rule }, offset);
  }

  private limit(limit: Limit, max: number, offset: number): DecodeError {
    return new DecodeError({ kind: "LimitExceeded", limit, max }, offset);
  }

  // ------------------------------------------------------------------------------------------ varints

  /** Reads a varint as a number: exact below 2^53 (larger values only feed range errors). */
  varint(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varintSlow();
  }

  private varintSlow(): number {
    const buf = this.buf;
    const start = this.pos;
    const end = this.end;
    if (start + 10 <= end && !this.canonical) {
      // Room for the longest varint: no bounds check per byte; 28 bits in int arithmetic, the rest in doubles.
      let x = buf[start + 1]!;
      let v = (buf[start]! & 0x7f) | ((x & 0x7f) << 7);
      if (x < 0x80) return this.endVarint(start + 2, v);
      x = buf[start + 2]!;
      v |= (x & 0x7f) << 14;
      if (x < 0x80) return this.endVarint(start + 3, v);
      x = buf[start + 3]!;
      v |= (x & 0x7f) << 21;
      if (x < 0x80) return this.endVarint(start + 4, v);
      let scale = 0x10000000;
      for (let i = 4; i < 10; i++) {
        x = buf[start + i]!;
        if (i === 9 && x > 1) break;
        v += (x & 0x7f) * scale;
        if (x < 0x80) return this.endVarint(start + i + 1, v);
        scale *= 128;
      }
      throw this.error({ kind: "VarintOverflow" }, start);
    }
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (start + i >= end) throw this.error({ kind: "Truncated" }, start);
      const b = buf[start + i]!;
      if (i === 9 && b > 1) throw this.error({ kind: "VarintOverflow" }, start);
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (this.canonical && i > 0 && b === 0) throw this.nonCanonical("OverlongVarint", start);
        this.pos = start + i + 1;
        return value;
      }
      scale *= 128;
    }
    throw this.error({ kind: "VarintOverflow" }, start);
  }

  private endVarint(pos: number, value: number): number {
    this.pos = pos;
    return value;
  }

  /** The exact value of the (valid) varint at `start`. */
  private varintAt(start: number): bigint {
    this.halvesAt(start);
    return unsignedOfHalves(this.lo, this.hi);
  }

  /** The low and high 32 bits of the last varint split by {@link halvesAt}. */
  private lo = 0;
  private hi = 0;

  /** Splits the (valid) varint at `at` into its low and high 32 bits, in `lo` and `hi`. */
  private halvesAt(at: number): void {
    const b = this.buf;
    let lo = 0;
    let hi = 0;
    let x = 0;
    for (let i = 0; i < 4; i++) {
      x = b[at + i]!;
      lo |= (x & 0x7f) << (7 * i);
      if (x < 0x80) {
        this.lo = lo >>> 0;
        this.hi = 0;
        return;
      }
    }
    x = b[at + 4]!;
    lo |= (x & 0x7f) << 28;
    hi = (x & 0x7f) >>> 4;
    for (let i = 5; i < 10 && x >= 0x80; i++) {
      x = b[at + i]!;
      hi |= (x & 0x7f) << (7 * i - 32);
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /**
   * The fast path of the 64-bit reads: unless decoding is canonical, splits the varint at `pos` into
   * {@link lo} and {@link hi} in 32-bit arithmetic and steps over it. Returns false (consuming nothing) in
   * canonical mode and for a truncated or overlong varint, whose error the checked path then gives.
   */
  private take64(): boolean {
    const b = this.buf;
    const at = this.pos;
    const room = this.end - at;
    if (this.canonical || room <= 0) return false;
    let x = b[at]!;
    let lo = x & 0x7f;
    let hi = 0;
    let i = 1;
    for (let shift = 7; x >= 0x80 && i < 4; i++, shift += 7) {
      if (i === room) return false;
      x = b[at + i]!;
      lo |= (x & 0x7f) << shift;
    }
    if (x >= 0x80) {
      // The fifth byte holds bits 28-34: four for the low half, three for the high.
      if (room === 4) return false;
      x = b[at + 4]!;
      lo |= x << 28;
      hi = (x & 0x7f) >>> 4;
      i = 5;
      for (let shift = 3; x >= 0x80; i++, shift += 7) {
        if (i === 10 || i === room) return false;
        x = b[at + i]!;
        if (i === 9 && x > 1) return false;
        hi |= (x & 0x7f) << shift;
      }
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    this.pos = at + i;
    return true;
  }

  /**
   * Splits the varint at `pos` into {@link lo} and {@link hi} and steps over it: by {@link take64}, or (in
   * canonical mode, near the end, or for an invalid varint) through the checked `varint`, which throws.
   */
  private split64(): void {
    if (this.take64()) return;
    const at = this.pos;
    this.varint();
    this.halvesAt(at);
  }

  /** Reads a varint as a 64-bit unsigned integer. */
  varint64(): bigint {
    this.split64();
    const lo = this.lo;
    const hi = this.hi;
    return hi === 0 && lo < SMALL_INT ? BigInt(lo) : unsignedOfHalves(lo, hi);
  }

  // ---------------------------------------------------------------------------------------------- tags

  /**
   * Reads the next tag: rejects field number 0 and numbers above 2^29 - 1, wire types 3 and 4, and in
   * canonical mode a field number not above `last`. Returns the tag (`number * 8 + wireType`).
   */
  tag(last: number): number {
    const at = this.pos;
    this.tagAt = at;
    const b = this.buf[at]!;
    if (b >= 8 && b < 0x80 && !this.canonical && (b & 7) !== 3 && (b & 7) !== 4) {
      this.pos = at + 1;
      this.tagLen = 1;
      return b;
    }
    const raw = this.varint();
    if (this.pos - at > 5) {
      // Six bytes or more hold a field number above 2^29 - 1 (or a wire type 3/4 in the low bits).
      const exact = this.varintAt(at);
      const bits = Number(exact & 7n);
      if (bits === 3 || bits === 4) throw this.error({ kind: "InvalidWireType", wireType: bits }, at);
      throw this.error({ kind: "InvalidFieldNumber", number: exact >> 3n }, at);
    }
    // Up to five bytes: below 2^35, exact in a double.
    const bits = raw % 8;
    if (bits === 3 || bits === 4) throw this.error({ kind: "InvalidWireType", wireType: bits }, at);
    const number = Math.floor(raw / 8);
    if (number === 0 || number > MAX_FIELD_NUMBER) {
      throw this.error({ kind: "InvalidFieldNumber", number: BigInt(number) }, at);
    }
    if (this.canonical && number <= last) throw this.nonCanonical("FieldOrder", at);
    this.tagLen = this.pos - at;
    return raw;
  }

  /**
   * If the next bytes repeat the tag at `tagAt` (`tagLen` bytes), consumes them and returns their offset
   * (the next element of a run); otherwise -1.
   */
  repeat(tagAt: number, tagLen: number): number {
    const pos = this.pos;
    if (pos + tagLen > this.end) return -1;
    const buf = this.buf;
    for (let i = 0; i < tagLen; i++) if (buf[pos + i] !== buf[tagAt + i]) return -1;
    this.pos = pos + tagLen;
    this.tagAt = pos;
    return pos;
  }

  /** The error for a known field whose tag `t` has another wire type than `expected`. */
  mismatch(t: number, expected: number): DecodeError {
    return this.error({ kind: "WireTypeMismatch", expected, found: t & 7 }, this.tagAt);
  }

  /**
   * Handles field tag `t` that no case took: a known field (its wire type in `wire`) with another wire type
   * is an error; an unknown one is an error in strict or canonical mode, else skipped, and returned when
   * unknown fields are kept.
   */
  other(t: number, wire: ReadonlyMap<number, number>): UnknownField | undefined {
    const number = t >>> 3;
    const expected = wire.get(number);
    if (expected !== undefined) throw this.mismatch(t, expected);
    const at = this.tagAt;
    if (this.canonical) throw this.nonCanonical("UnknownField", at);
    if (this.opts.strict) throw this.error({ kind: "UnknownField", number }, at);
    this.skip(t & 7);
    return this.opts.keepUnknown ? { number, bytes: this.buf.subarray(at, this.pos) } : undefined;
  }

  /** Steps over one payload of `wireType`. */
  skip(wireType: number): void {
    switch (wireType) {
      case VARINT:
      case SVARINT:
        this.varint();
        return;
      case FIXED64:
        this.fixed(8);
        return;
      case FIXED32:
        this.fixed(4);
        return;
      case TYPEREF:
        this.varint();
        this.skipPayload();
        return;
      case BYTES:
        this.skipPayload();
        return;
    }
  }

  /** Steps over a length-prefixed payload (the length is read before `pos` is moved past it). */
  private skipPayload(): void {
    const n = this.len();
    this.pos += n;
  }

  /** The error for a required field missing at the end of the current message. */
  missing(): DecodeError {
    return this.error({ kind: "MissingRequiredField" }, this.pos);
  }

  /** The error for a plain field holding its default, in canonical mode. */
  defaultWritten(tagAt: number): DecodeError {
    return this.nonCanonical("DefaultValueWritten", tagAt);
  }

  // --------------------------------------------------------------------------------------------- scalars

  /** A bool: 0 or 1. */
  bool(): boolean {
    const at = this.pos;
    const v = this.varint();
    if (v === 0) return false;
    if (v === 1) return true;
    throw this.error({ kind: "InvalidBool", value: this.varintAt(at) }, at);
  }

  /** An unsigned integer of at most `max` (u8, u16, u32; `target` names the type for errors). */
  uint(max: number, target: string): number {
    const at = this.pos;
    const v = this.varint();
    if (v <= max) return v;
    throw this.error({ kind: "IntegerOutOfRange", value: this.varintAt(at), target }, at);
  }

  /** A ZigZag signed integer within [-max-1, max] (i8, i16, i32). */
  sint(max: number, target: string): number {
    const at = this.pos;
    const z = this.varint();
    const v = this.buf[at]! & 1 ? -(z + 1) / 2 : z / 2;
    if (v <= max && v >= -max - 1) return v;
    throw this.error({ kind: "IntegerOutOfRange", value: unzigzag64(this.varintAt(at)), target }, at);
  }

  /** A ZigZag signed 64-bit integer. */
  sint64(): bigint {
    this.split64();
    const lo = this.lo;
    const hi = this.hi;
    // (z >>> 1) ^ -(z & 1) on the halves; below 2^31 the int32 arithmetic is exact.
    if (hi === 0 && lo < 0x80000000) return BigInt((lo >>> 1) ^ -(lo & 1));
    const negative = -(lo & 1);
    return signedOfHalves(((lo >>> 1) | (hi << 31)) ^ negative, (hi >>> 1) ^ negative);
  }

  private fixed(width: number): number {
    const at = this.pos;
    if (at + width > this.end) throw this.error({ kind: "Truncated" }, at);
    this.pos = at + width;
    return at;
  }

  /** Four little-endian bytes, unsigned. */
  fixed32(): number {
    const at = this.fixed(4);
    const b = this.buf;
    return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + b[at + 3]! * 0x1000000;
  }

  /** Four little-endian bytes, two's complement. */
  sfixed32(): number {
    const at = this.fixed(4);
    const b = this.buf;
    return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
  }

  /** Eight little-endian bytes, unsigned. */
  fixed64(): bigint {
    const at = this.fixed(8);
    return unsignedOfHalves(this.sfixed32At(at) >>> 0, this.sfixed32At(at + 4) >>> 0);
  }

  /** Eight little-endian bytes, two's complement. */
  sfixed64(): bigint {
    const at = this.fixed(8);
    return signedOfHalves(this.sfixed32At(at) >>> 0, this.sfixed32At(at + 4));
  }

  /** An IEEE 754 float32 (in canonical mode only +0.0 for zero and the quiet NaN). */
  float32(): number {
    const at = this.fixed(4);
    const bits = this.sfixed32At(at) >>> 0;
    F32_BITS[0] = bits;
    const v = F32[0]!;
    if (this.canonical && (bits === 0x80000000 || (v !== v && bits !== 0x7fc00000))) {
      throw this.nonCanonical("NonCanonicalFloat", at);
    }
    return v;
  }

  /** An IEEE 754 float64 (in canonical mode only +0.0 for zero and the quiet NaN). */
  float64(): number {
    const at = this.fixed(8);
    const lo = this.sfixed32At(at) >>> 0;
    const hi = this.sfixed32At(at + 4) >>> 0;
    F64_WORDS[LO] = lo;
    F64_WORDS[HI] = hi;
    const v = F64[0]!;
    if (this.canonical && ((hi === 0x80000000 && lo === 0) || (v !== v && (hi !== 0x7ff80000 || lo !== 0)))) {
      throw this.nonCanonical("NonCanonicalFloat", at);
    }
    return v;
  }

  private sfixed32At(at: number): number {
    const b = this.buf;
    return b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24);
  }

  // ------------------------------------------------------------------------------------ length-delimited

  /** Reads a length prefix and checks it against the bytes left in the current message. */
  len(): number {
    const at = this.pos;
    const len = this.varint();
    if (len > this.end - this.pos) {
      const exact = this.pos - at > 7 ? this.varintAt(at) : BigInt(len);
      throw this.error({ kind: "LengthOutOfBounds", len: exact, remaining: this.end - this.pos }, at);
    }
    return len;
  }

  /** A UTF-8 string (invalid UTF-8 is an error at the first bad byte). */
  string(): string {
    const at = this.pos;
    const len = this.len();
    if (len > this.opts.maxStringLen) throw this.limit("StringLen", this.opts.maxStringLen, at);
    const start = this.pos;
    const end = start + len;
    this.pos = end;
    const text = decodeUtf8(this.buf, start, end);
    if (text === null) throw this.error({ kind: "InvalidUtf8" }, invalidUtf8At(this.buf, start, end));
    return text;
  }

  /** A bytes value: a subarray of the input, not a copy. */
  bytes(): Uint8Array {
    const at = this.pos;
    const len = this.len();
    if (len > this.opts.maxBytesLen) throw this.limit("BytesLen", this.opts.maxBytesLen, at);
    const start = this.pos;
    this.pos = start + len;
    return this.buf.subarray(start, start + len);
  }

  /**
   * Reads a nested message's length and enters it, one level deeper (checked against the depth limit);
   * returns the outer end, for {@link leave}.
   */
  enter(): number {
    const len = this.len();
    if (this.depth >= this.opts.maxDepth) throw this.limit("Depth", this.opts.maxDepth, this.pos);
    this.depth++;
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Leaves a nested message entered with {@link enter}. */
  leave(outer: number): void {
    this.depth--;
    this.pos = this.end;
    this.end = outer;
  }

  /**
   * Leaves a nested message entered with {@link enter} and returns `value`, its contents: generated code reads
   * one as `r.leaveWith(r.enter(), Codec.read(r))`.
   */
  leaveWith<T>(outer: number, value: T): T {
    this.leave(outer);
    return value;
  }

  /** Reads a length and narrows the reader to it at the same depth (a map entry); returns the outer end. */
  within(): number {
    const len = this.len();
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Reads an interface value's type id. */
  typeId(): number {
    return this.varint();
  }

  /** The error for an interface type id (read at `at`) that is not a member. */
  unknownTypeId(at: number): DecodeError {
    return this.error({ kind: "UnknownTypeId", typeId: this.varintAt(at) }, at);
  }

  /** An enum number; `known(n)` says whether the enum has it (open enums accept every u32). */
  enumNumber(known: ((n: number) => boolean) | null): number {
    const at = this.pos;
    const v = this.varint();
    if (v <= 0xffffffff && (known === null || known(v))) return v;
    throw this.error({ kind: "UnknownEnumValue", value: this.varintAt(at) }, at);
  }

  // -------------------------------------------------------------------------------------------- lists

  /**
   * Starts a packed run of field tag at `tagAt` whose elements are `width` bytes (0: varints): checks the
   * length, canonical form, and that `count` elements plus those of a fixed-width run stay within the limit
   * (`n` >= 0: a fixed-length list of `n`). Narrows the reader to the run; returns the outer end.
   */
  packed(tagAt: number, width: number, count: number, n: number): number {
    const len = this.len();
    if (len === 0 && this.canonical) throw this.defaultWritten(tagAt);
    if (width !== 0) {
      if (len % width !== 0) throw this.error({ kind: "PackedLengthNotMultiple", len, width }, tagAt);
      this.room(count + len / width, n, tagAt);
    }
    const outer = this.end;
    this.end = this.pos + len;
    return outer;
  }

  /** Ends a packed run started by {@link packed}. */
  endPacked(outer: number): void {
    this.end = outer;
  }

  /** Checks that a list (`n` >= 0: of fixed length `n`) may hold `count` elements; `at` is for the error. */
  room(count: number, n: number, at: number): void {
    if (n >= 0) {
      if (count > n) throw this.error({ kind: "FixedLengthMismatch", expected: n, found: count }, at);
    } else if (count > this.opts.maxElements) {
      throw this.limit("Elements", this.opts.maxElements, at);
    }
  }

  /** The error for an unpacked element of a packable list, in canonical mode. */
  unpacked(tagAt: number): DecodeError {
    return this.nonCanonical("UnpackedRepeated", tagAt);
  }

  /** Checks that a fixed-length list read at `tagAt` has exactly `n` elements. */
  exactly(n: number, count: number, tagAt: number): void {
    if (count !== n) throw this.error({ kind: "FixedLengthMismatch", expected: n, found: count }, tagAt);
  }
}
