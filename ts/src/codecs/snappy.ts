/**
 * snappy frames (the raw format) of a stream container, decompressed by `snappyjs` (pure JavaScript):
 * `ContainerReader.open(bytes, { decompress: { snappy } })`. A separate entry point (`@cramberry/runtime/snappy`);
 * `snappyjs` is an optional peer dependency.
 */

import snappyjs from "snappyjs";

/** Decompresses a raw snappy payload to exactly `rawLen` bytes; a claim beyond snappy's largest ratio fails first. */
export function snappy(stored: Uint8Array, rawLen: number): Uint8Array {
  // A 3-byte copy writes at most 64 bytes (the Rust reader's bound).
  if (rawLen > 22 * stored.length + 16) throw new Error(`snappy payload of ${stored.length} bytes cannot give ${rawLen}`);
  const out = snappyjs.uncompress(stored, rawLen);
  if (out.length !== rawLen) throw new Error(`snappy payload decompresses to ${out.length} bytes, not ${rawLen}`);
  return out;
}
