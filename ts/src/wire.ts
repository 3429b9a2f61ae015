/** Wire-level constants and pure functions: wire types, tags, varint sizes, ZigZag. */

import { high, low, splitUnsigned, varintLenOfHalves } from "./int64.js";

/** VARINT: bool, unsigned integers, enums. */
export const VARINT = 0;
/** FIXED64: f64, fixed64, sfixed64. */
export const FIXED64 = 1;
/** BYTES: strings, bytes, nested messages, packed lists, map entries. */
export const BYTES = 2;
/** FIXED32: f32, fixed32, sfixed32. */
export const FIXED32 = 5;
/** SVARINT: ZigZag-encoded signed integers. */
export const SVARINT = 6;
/** TYPEREF: type id, length, then an interface value's message. */
export const TYPEREF = 7;

/** The largest field number, 2^29 - 1. */
export const MAX_FIELD_NUMBER = 536_870_911;

const U64_MAX = (1n << 64n) - 1n;

/** The tag of field `number` with `wireType`, as a number (below 2^32). */
export function tag(number: number, wireType: number): number {
  return number * 8 + wireType;
}

/** Bytes of the varint of `n`, a non-negative integer below 2^53. */
export function varintLen(n: number): number {
  if (n < 0x80) return 1;
  if (n < 0x4000) return 2;
  if (n < 0x200000) return 3;
  if (n < 0x10000000) return 4;
  let len = 5;
  for (let v = Math.floor(n / 0x800000000); v > 0; v = Math.floor(v / 128)) len++;
  return len;
}

/** Bytes of the varint of a 64-bit unsigned `n`. */
export function varint64Len(n: bigint): number {
  splitUnsigned(n);
  return varintLenOfHalves(low(), high());
}

/** ZigZag of a 32-bit signed integer, as an unsigned 32-bit number. */
export function zigzag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

/** ZigZag of a 64-bit signed integer. */
export function zigzag64(n: bigint): bigint {
  return n >= 0n ? n << 1n : ((-n) << 1n) - 1n;
}

/** The signed integer a ZigZag varint holds. */
export function unzigzag64(z: bigint): bigint {
  return (z & 1n) === 0n ? z >> 1n : -((z + 1n) >> 1n);
}

/** Whether `n` is an unsigned 64-bit integer. */
export function isU64(n: bigint): boolean {
  return n >= 0n && n <= U64_MAX;
}

/** Whether `n` is a signed 64-bit integer. */
export function isI64(n: bigint): boolean {
  return n >= -(1n << 63n) && n < 1n << 63n;
}
