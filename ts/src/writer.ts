/**
 * Encoding in two passes over the value, like the Rust encoder: a measuring pass computes the exact size and
 * records every nested length (and string byte length) in a {@link Sizes}; the writing pass fills one
 * `Uint8Array` of exactly that size, taking the recorded lengths in the same order.
 */

import { utf8Length, writeUtf8 } from "./utf8.js";
import { LITTLE_ENDIAN, high, low, splitSigned, splitUnsigned, varintLenOfHalves, zigzagHigh, zigzagLow } from "./int64.js";
import { varintLen, zigzag32, zigzag64 } from "./wire.js";

/**
 * Lengths recorded by the measuring pass, in the order the writing pass needs them. The arrays are reused from
 * one encode to the next: `count` says how many entries are live (cheaper than truncating the arrays).
 */
export class Sizes {
  /** Recorded lengths; the first {@link count} are live. */
  lens: number[] = [];
  /** Live entries of {@link lens}. */
  count = 0;
  /** Recorded objects (sorted map entries), in order; the first {@link objCount} are live. */
  objs: unknown[] = [];
  /** Live entries of {@link objs}. */
  objCount = 0;

  /** Reserves a slot for a length known after its contents are measured; returns the slot. */
  reserve(): number {
    const slot = this.count++;
    this.lens[slot] = 0;
    return slot;
  }

  /** Fills `slot` with `len`; an empty nested message drops what its contents recorded. */
  fill(slot: number, len: number): void {
    if (len === 0) this.count = slot + 1;
    this.lens[slot] = len;
  }

  /** The UTF-8 length of `s`, recorded for the writer. */
  string(s: string): number {
    const len = s.length === 0 ? 0 : utf8Length(s);
    this.lens[this.count++] = len;
    return len;
  }

  /** Records an object for the writer. */
  keep<T>(o: T): T {
    this.objs[this.objCount++] = o;
    return o;
  }

  /** Empties the record for the next value (keeping the arrays' storage). */
  clear(): void {
    this.count = 0;
    if (this.objCount !== 0) {
      this.objs.fill(undefined, 0, this.objCount);
      this.objCount = 0;
    }
  }
}

const F32 = new Float32Array(1);
const F32_BYTES = new Uint8Array(F32.buffer);
const F64 = new Float64Array(1);
const F64_BYTES = new Uint8Array(F64.buffer);

/** Writes one value into a buffer of the measured size. Used by generated code. */
export class Writer {
  /** The output. */
  readonly buf: Uint8Array;
  /** The next offset to write. */
  pos: number;
  private readonly lens: number[];
  private readonly objs: unknown[];
  private lenAt = 0;
  private objAt = 0;

  /** A writer of `size` bytes taking the lengths recorded in `sizes`. */
  constructor(size: number, sizes: Sizes, buf: Uint8Array = new Uint8Array(size), pos = 0) {
    this.buf = buf;
    this.pos = pos;
    this.lens = sizes.lens;
    this.objs = sizes.objs;
  }

  /** The next recorded length. */
  next(): number {
    return this.lens[this.lenAt++]!;
  }

  /** The next recorded object. */
  nextObj<T>(): T {
    return this.objs[this.objAt++] as T;
  }

  /** One byte (a one-byte tag, a bool). */
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** A varint of a non-negative integer below 2^53. */
  varint(n: number): void {
    const buf = this.buf;
    let pos = this.pos;
    while (n >= 0x80) {
      buf[pos++] = (n & 0x7f) | 0x80;
      n = n >= 0x10000000 ? Math.floor(n / 128) : n >>> 7;
    }
    buf[pos++] = n;
    this.pos = pos;
  }

  /** A varint of an unsigned 64-bit integer. */
  varint64(n: bigint): void {
    splitUnsigned(n);
    this.halves(low(), high());
  }

  /** The varint of the unsigned 64-bit integer of 32-bit halves `lo` and `hi`. */
  private halves(lo: number, hi: number): void {
    const buf = this.buf;
    let pos = this.pos;
    while (hi > 0 || lo >= 0x80) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** A ZigZag varint of a 32-bit signed integer. */
  svarint(n: number): void {
    this.varint(zigzag32(n));
  }

  /** A ZigZag varint of a 64-bit signed integer. */
  svarint64(n: bigint): void {
    splitSigned(n);
    this.halves(zigzagLow(), zigzagHigh());
  }

  /** Four little-endian bytes of an unsigned or signed 32-bit integer. */
  fixed32(n: number): void {
    const buf = this.buf;
    const pos = this.pos;
    buf[pos] = n;
    buf[pos + 1] = n >>> 8;
    buf[pos + 2] = n >>> 16;
    buf[pos + 3] = n >>> 24;
    this.pos = pos + 4;
  }

  /** Eight little-endian bytes of a 64-bit integer (two's complement for negative values). */
  fixed64(n: bigint): void {
    splitSigned(n);
    this.fixed32(low());
    this.fixed32(high());
  }

  /** A float32, canonical: -0.0 as +0.0, every NaN as 0x7fc00000. */
  float32(v: number): void {
    if (v !== v) {
      this.fixed32(0x7fc00000);
      return;
    }
    F32[0] = v + 0;
    this.raw8(F32_BYTES, 4);
  }

  /** A float64, canonical: -0.0 as +0.0, every NaN as 0x7ff8000000000000. */
  float64(v: number): void {
    if (v !== v) {
      this.fixed32(0);
      this.fixed32(0x7ff80000);
      return;
    }
    F64[0] = v + 0;
    this.raw8(F64_BYTES, 8);
  }

  private raw8(bytes: Uint8Array, width: number): void {
    const buf = this.buf;
    const pos = this.pos;
    if (LITTLE_ENDIAN) {
      for (let i = 0; i < width; i++) buf[pos + i] = bytes[i]!;
    } else {
      for (let i = 0; i < width; i++) buf[pos + i] = bytes[width - 1 - i]!;
    }
    this.pos = pos + width;
  }

  /** A string: its recorded length, then its UTF-8 bytes. */
  string(s: string): void {
    const len = this.next();
    this.varint(len);
    writeUtf8(this.buf, this.pos, s, len);
    this.pos += len;
  }

  /** A bytes value: length, then the bytes. */
  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Raw bytes (kept unknown fields). */
  raw(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
}

/** Bytes of the varint of the ZigZag of a 64-bit signed integer. */
export function svarint64Len(n: bigint): number {
  splitSigned(n);
  return varintLenOfHalves(zigzagLow(), zigzagHigh());
}

/** Bytes of a varint of the ZigZag of a 32-bit signed integer. */
export function svarintLen(n: number): number {
  return varintLen(zigzag32(n));
}

/** Bytes of a string of UTF-8 length `len` after its tag: prefix and bytes. */
export function delimitedLen(len: number): number {
  return varintLen(len) + len;
}

export { zigzag64 };
