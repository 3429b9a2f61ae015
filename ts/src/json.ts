/**
 * The CLI's JSON mapping, for generated `toJson` / `fromJson`: bytes as standard base64, non-finite floats as
 * the strings "NaN", "Infinity" and "-Infinity", 64-bit integers as `bigint` (written as JSON numbers by
 * {@link stringifyJson}, read back exactly by {@link parseJson}).
 */

import { JsonError } from "./errors.js";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const left = bytes.length - i;
  if (left === 1) {
    const n = bytes[i]! << 16;
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + "==";
  } else if (left === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + "=";
  }
  return out;
}

/** Decodes standard base64 (padding required, as the CLI writes it); `null` if `text` is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const last = i + 4 === text.length;
      if (c === 61 && last && k >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = c < 256 ? LOOKUP[c]! : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** A float as JSON: finite numbers as they are, the others as strings. */
export function floatToJson(v: number): number | string {
  if (Number.isFinite(v)) return v;
  return v !== v ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
}

/** A float from JSON: a number, or one of the strings "NaN", "Infinity", "-Infinity". */
export function floatFromJson(json: unknown, path: string): number {
  if (typeof json === "number") return json;
  if (typeof json === "bigint") return Number(json);
  if (json === "NaN") return NaN;
  if (json === "Infinity") return Infinity;
  if (json === "-Infinity") return -Infinity;
  throw expected("a number", json, path);
}

/** What a JSON value is, for errors. */
export function jsonKind(json: unknown): string {
  if (json === null) return "null";
  if (Array.isArray(json)) return "an array";
  switch (typeof json) {
    case "boolean":
      return "a bool";
    case "number":
    case "bigint":
      return "a number";
    case "string":
      return "a string";
    default:
      return "an object";
  }
}

/** The error for `json` where the schema needs `what`. */
export function expected(what: string, json: unknown, path: string): JsonError {
  return new JsonError(path, `expected ${what}, found ${jsonKind(json)}`);
}

/** An integer from JSON within [min, max] (`kind` names the schema type for errors), as a number. */
export function intFromJson(json: unknown, min: number, max: number, kind: string, path: string): number {
  const v = typeof json === "bigint" ? Number(json) : json;
  if (typeof v !== "number" || !Number.isInteger(v)) throw expected("an integer", json, path);
  if (v < min || v > max) throw new JsonError(path, `${String(json)} is out of range for ${kind}`);
  return v;
}

/** A 64-bit integer from JSON within [min, max], as a bigint. */
export function bigintFromJson(json: unknown, min: bigint, max: bigint, kind: string, path: string): bigint {
  let v: bigint;
  if (typeof json === "bigint") v = json;
  else if (typeof json === "number" && Number.isInteger(json)) v = BigInt(json);
  else throw expected("an integer", json, path);
  if (v < min || v > max) throw new JsonError(path, `${v} is out of range for ${kind}`);
  return v;
}

/** An object from JSON (each member is checked by the caller). */
export function objectFromJson(json: unknown, path: string): Record<string, unknown> {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw expected("an object", json, path);
  return json as Record<string, unknown>;
}

/** An array from JSON. */
export function arrayFromJson(json: unknown, path: string): unknown[] {
  if (!Array.isArray(json)) throw expected("an array", json, path);
  return json;
}

/** `segment` then `path`, as error paths join (`Order.fills[2].venue`). */
export function joinPath(path: string, segment: string): string {
  return path === "" || segment.startsWith("[") ? path + segment : `${path}.${segment}`;
}

/** JSON text of `value`, writing `bigint`s as JSON numbers (as the CLI writes 64-bit integers). */
export function stringifyJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? { $bigint: v.toString() } : v), indent).replace(
    /\{"\$bigint":"(-?\d+)"\}/g,
    "$1",
  );
}

/** Parses JSON text, reading integers outside the safe range exactly, as `bigint`. */
export function parseJson(text: string): unknown {
  const marked = text.replace(/("(?:[^"\\]|\\.)*")|(-?\d{16,})(?![\d.eE])/g, (m, str: string | undefined, big: string) =>
    str !== undefined ? m : `{"$bigint":"${big}"}`,
  );
  return JSON.parse(marked, (_, v) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v) && typeof v.$bigint === "string" && Object.keys(v).length === 1) {
      const b = BigInt(v.$bigint);
      return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
    }
    return v;
  });
}
