/**
 * zstd frames of a stream container, decompressed by `fzstd` (pure JavaScript, decompression only, ~8 KiB):
 * `ContainerReader.open(bytes, { decompress: { zstd } })`. A separate entry point (`@cramberry/runtime/zstd`),
 * so a page that reads no zstd container loads none of it; `fzstd` is an optional peer dependency.
 */

import { decompress } from "fzstd";

/** The largest first buffer: zstd's ratio has no useful bound, so the output buffer grows as it fills. */
const FIRST_GUESS = (stored: number) => 8 * stored + 64 * 1024;

/**
 * Decompresses a zstd frame's payload to exactly `rawLen` bytes (the container's claim, already checked against
 * the frame limit); memory follows the bytes that really come out, as the Rust reader's does.
 */
export function zstd(stored: Uint8Array, rawLen: number): Uint8Array {
  for (let size = Math.min(rawLen, FIRST_GUESS(stored.length)); ; size = Math.min(rawLen, 2 * size)) {
    try {
      const out = decompress(stored, new Uint8Array(size));
      if (out.length !== rawLen) throw new Error(`zstd payload decompresses to ${out.length} bytes, not ${rawLen}`);
      return out;
    } catch (e) {
      if (size >= rawLen) throw e;
    }
  }
}
