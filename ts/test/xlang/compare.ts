/** Comparisons of the cross-language test: hex, JSON values, error verdicts. */

import { DecodeError } from "@cramberry/runtime";

/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/** The bytes of lowercase or uppercase hex. */
export function fromHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The error's kind as the Rust test names it: the kind, and the limit or canonical rule. */
export function verdictName(e: DecodeError): string {
  const d = e.detail;
  if (d.kind === "LimitExceeded") return `${d.kind}:${d.limit}`;
  if (d.kind === "NonCanonical") return `${d.kind}:${d.rule}`;
  return d.kind;
}

function sameNumber(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === "bigint" && typeof b === "bigint") return a === b;
  // A large float prints as an integer that reads back as a bigint; a float32 printed by Rust at its shortest
  // reads back as a float64 next to ours.
  const x = Number(a);
  const y = Number(b);
  return x === y || Math.fround(x) === Math.fround(y);
}

/** Where two parsed JSON values differ (`null`: nowhere). Numbers compare by value. */
export function sameJson(a: unknown, b: unknown, path: string): string | null {
  const numeric = (v: unknown) => typeof v === "number" || typeof v === "bigint";
  if (numeric(a) && numeric(b)) return sameNumber(a as number, b as number) ? null : path;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path} (length ${a.length} vs ${b.length})`;
    for (let i = 0; i < a.length; i++) {
      const d = sameJson(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path} (keys ${ka.join()} vs ${kb.join()})`;
    for (const k of ka) {
      const d = sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    return null;
  }
  return a === b ? null : path;
}
