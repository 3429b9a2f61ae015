/** UTF-8: byte lengths and encoding of JavaScript strings, and strict validation (invalid input is an error). */

const encoder = new TextEncoder();
const fromCharCode = String.fromCharCode;
/** Strict (an exception on invalid input, the error's offset is found after) and keeping a leading BOM. */
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Strings up to this many UTF-16 units are measured and written by JavaScript loops; longer ones natively. */
const SHORT = 24;

/** Node's native Latin-1 decoding (of any `Uint8Array`), where there is one: for short ASCII, the fastest. */
const latin1Slice: ((this: Uint8Array, start: number, end: number) => string) | undefined = (() => {
  const buffer = (globalThis as { Buffer?: { prototype?: { latin1Slice?: unknown } } }).Buffer;
  const slice = buffer?.prototype?.latin1Slice;
  return typeof slice === "function" ? (slice as (this: Uint8Array, start: number, end: number) => string) : undefined;
})();

/** Node's native UTF-8 byte count, where there is one. */
const nativeByteLength: ((s: string) => number) | undefined = (() => {
  const buffer = (globalThis as { Buffer?: { byteLength?: (s: string, encoding: string) => number } }).Buffer;
  const byteLength = buffer?.byteLength;
  return typeof byteLength === "function" ? (s: string) => byteLength.call(buffer, s, "utf8") : undefined;
})();

/** The UTF-8 byte length of `s` (a lone surrogate counts as U+FFFD, as the encoder writes it). */
export function utf8Length(s: string): number {
  const n = s.length;
  if (n > SHORT && nativeByteLength !== undefined) return nativeByteLength(s);
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      len += 1;
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else {
      len += 2;
    }
  }
  return len;
}

/** Writes `s` as UTF-8 at `pos` of `buf` (which has room for `len` = utf8Length(s) bytes). */
export function writeUtf8(buf: Uint8Array, pos: number, s: string, len: number): void {
  if (len > SHORT) {
    encoder.encodeInto(s, buf.subarray(pos, pos + len));
    return;
  }
  if (len === s.length) {
    for (let i = 0; i < len; i++) buf[pos + i] = s.charCodeAt(i);
    return;
  }
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      buf[pos++] = c;
    } else if (c < 0x800) {
      buf[pos++] = 0xc0 | (c >> 6);
      buf[pos++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c < 0xe000) {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c < 0xdc00 && (next & 0xfc00) === 0xdc00) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          buf[pos++] = 0xf0 | (c >> 18);
          buf[pos++] = 0x80 | ((c >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
          buf[pos++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      buf[pos++] = 0xe0 | (c >> 12);
      buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
      buf[pos++] = 0x80 | (c & 0x3f);
    }
  }
}

/**
 * The offset of the first byte of `buf[start..end)` that does not begin a valid UTF-8 sequence (the Rust
 * standard library's `valid_up_to`), or -1 when all of it is valid.
 */
export function invalidUtf8At(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      return i;
    }
    if (i + need >= end) return i;
    const b1 = buf[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = buf[i + k]!;
      if (bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * The string of the UTF-8 in `buf[start..end)`, or `null` when it is not valid UTF-8 (the caller then finds
 * where with {@link invalidUtf8At}). Short ASCII is decoded by a loop, the rest by the platform's strict decoder.
 */
export function decodeUtf8(buf: Uint8Array, start: number, end: number): string | null {
  const n = end - start;
  if (n <= 16) {
    const ascii = asciiString(buf, start, n);
    if (ascii !== null) return ascii;
  } else if (n <= SHORT && latin1Slice !== undefined) {
    let high = 0;
    for (let i = start; i < end; i++) high |= buf[i]!;
    if (high < 0x80) return latin1Slice.call(buf, start, end);
  }
  try {
    return strictDecoder.decode(buf.subarray(start, end));
  } catch {
    return null;
  }
}

/**
 * The string of `n` (at most 16) bytes at `s` if they are all ASCII, else `null`: each byte loaded once, tested,
 * and passed to one `fromCharCode` call (three times faster than a native slice for strings this short, and a
 * loop of `+=` builds one string per byte).
 */
function asciiString(b: Uint8Array, s: number, n: number): string | null {
  switch (n) {
    case 0:
      return "";
    case 1: {
      const c0 = b[s]!;
      return c0 < 0x80 ? fromCharCode(c0) : null;
    }
    case 2: {
      const c0 = b[s]!, c1 = b[s + 1]!;
      return (c0 | c1) < 0x80 ? fromCharCode(c0, c1) : null;
    }
    case 3: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!;
      return (c0 | c1 | c2) < 0x80 ? fromCharCode(c0, c1, c2) : null;
    }
    case 4: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!;
      return (c0 | c1 | c2 | c3) < 0x80 ? fromCharCode(c0, c1, c2, c3) : null;
    }
    case 5: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!;
      return (c0 | c1 | c2 | c3 | c4) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4) : null;
    }
    case 6: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!;
      return (c0 | c1 | c2 | c3 | c4 | c5) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5) : null;
    }
    case 7: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6) : null;
    }
    case 8: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7) : null;
    }
    case 9: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8) : null;
    }
    case 10: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9) : null;
    }
    case 11: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10) : null;
    }
    case 12: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!, c11 = b[s + 11]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11) : null;
    }
    case 13: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!, c11 = b[s + 11]!, c12 = b[s + 12]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12) : null;
    }
    case 14: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!, c11 = b[s + 11]!, c12 = b[s + 12]!, c13 = b[s + 13]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13) : null;
    }
    case 15: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!, c11 = b[s + 11]!, c12 = b[s + 12]!, c13 = b[s + 13]!, c14 = b[s + 14]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14) : null;
    }
    case 16: {
      const c0 = b[s]!, c1 = b[s + 1]!, c2 = b[s + 2]!, c3 = b[s + 3]!, c4 = b[s + 4]!, c5 = b[s + 5]!, c6 = b[s + 6]!, c7 = b[s + 7]!, c8 = b[s + 8]!, c9 = b[s + 9]!, c10 = b[s + 10]!, c11 = b[s + 11]!, c12 = b[s + 12]!, c13 = b[s + 13]!, c14 = b[s + 14]!, c15 = b[s + 15]!;
      return (c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) < 0x80 ? fromCharCode(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15) : null;
    }
    default:
      throw new RangeError(`asciiString of ${n} bytes`);
  }
}

/** Orders two strings by their UTF-8 bytes (code point order), as map keys are written. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 puts the surrogates (code points above U+FFFF) below U+E000..U+FFFF; code point order does not.
    if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}
