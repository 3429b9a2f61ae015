/**
 * Varint prefixes of frames and container headers, read as the Rust runtime's `decode_varint` reads them
 * (lenient: overlong forms accepted): a double for lengths, exact bigints for errors' details and flags.
 * Internal to the runtime (not exported from the package).
 */

/**
 * A varint: its value (a double: exact below 2^53, and any larger length is over every limit) and its own
 * length in bytes, or why it does not decode.
 */
export type Prefix = { len: number; header: number } | { error: "Truncated" | "VarintOverflow" };

/** Reads the varint at `at` in `buf` (before `end`). */
export function readPrefix(buf: Uint8Array, at: number, end: number): Prefix {
  let len = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at + i >= end) return { error: "Truncated" };
    const b = buf[at + i]!;
    if (i === 9 && b > 1) return { error: "VarintOverflow" };
    len += (b & 0x7f) * scale;
    if (b < 0x80) return { len, header: i + 1 };
    scale *= 128;
  }
  return { error: "VarintOverflow" };
}

/** The exact value of the (valid) varint of `header` bytes at `at`. */
export function exactLen(buf: Uint8Array, at: number, header: number): bigint {
  let len = 0n;
  for (let i = 0; i < header; i++) len |= BigInt(buf[at + i]! & 0x7f) << BigInt(7 * i);
  return len;
}
