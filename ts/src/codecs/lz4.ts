/**
 * lz4 frames (the block format) of a stream container, decompressed by `lz4js` (pure JavaScript):
 * `ContainerReader.open(bytes, { decompress: { lz4 } })`. A separate entry point (`@cramberry/runtime/lz4`); `lz4js`
 * is an optional peer dependency.
 */

import lz4js from "lz4js";

/** Decompresses an lz4 block to exactly `rawLen` bytes; a claim beyond lz4's largest ratio fails before allocating. */
export function lz4(stored: Uint8Array, rawLen: number): Uint8Array {
  // A match's length grows by 255 per input byte: more than that is not lz4 (the Rust reader's bound).
  if (rawLen > 255 * stored.length + 16) throw new Error(`lz4 payload of ${stored.length} bytes cannot give ${rawLen}`);
  const out = new Uint8Array(rawLen);
  const end = lz4js.decompressBlock(stored, out, 0, stored.length, 0);
  if (end !== rawLen) throw new Error(`lz4 payload decompresses to ${end} bytes, not ${rawLen}`);
  return out;
}
