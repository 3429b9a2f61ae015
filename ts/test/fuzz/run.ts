/**
 * A fuzzer of the TypeScript decoders: `node build/test/fuzz/run.js [SECONDS]` (default 60). Inputs are random
 * bytes and mutations (bit flips, overwritten, inserted and deleted bytes, cuts) of valid encodings of random
 * values of every message type of the project's schemas, decoded under default, secure, strict, canonical,
 * keep-unknown and tight-limit options. Every input must either throw a `DecodeError` (nothing else: no
 * `TypeError`, `RangeError`, stack overflow) or decode to a value whose encoding decodes again to the same
 * encoding; canonical acceptance must give back the input itself. Exits 1 with the input on a failure.
 */

import {
  DEFAULT_OPTIONS, DecodeError, DecodeOptions, MessageCodec, canonicalOptions, decodeOptions, secureOptions,
  strictOptions,
} from "@cramberry/runtime";
import { Rng, randomMessage } from "../random.js";
import { codecs as everything } from "../generated/everything.js";
import { codecs as orders } from "../generated/orders.js";
import { codecs as seed } from "../generated/seed.js";

const OPTIONS: [string, DecodeOptions][] = [
  ["default", DEFAULT_OPTIONS],
  ["secure", secureOptions()],
  ["strict", strictOptions()],
  ["canonical", canonicalOptions()],
  ["keepUnknown", decodeOptions({ keepUnknown: true })],
  ["tight", decodeOptions({ maxDepth: 3, maxElements: 2, maxStringLen: 3, maxBytesLen: 2 })],
];

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function mutate(input: Uint8Array, rng: Rng): Uint8Array {
  const out = [...input];
  for (let n = rng.below(3) + 1; n > 0; n--) {
    const at = rng.below(out.length + 1);
    switch (rng.below(6)) {
      case 0:
        if (at < out.length) out[at]! ^= 1 << rng.below(8);
        break;
      case 1:
        if (at < out.length) out[at] = rng.below(256);
        break;
      case 2:
        out.splice(at, 0, rng.below(256));
        break;
      case 3:
        out.splice(at, 1);
        break;
      case 4:
        out.length = at;
        break;
      default:
        if (at < out.length) out[at] = [0x00, 0x7f, 0x80, 0xff][rng.below(4)]!;
    }
  }
  return Uint8Array.from(out);
}

function fail(what: string, codec: MessageCodec<unknown>, label: string, input: Uint8Array, e?: unknown): never {
  console.error(`${codec.name} under ${label} options, input ${hex(input)}: ${what}`);
  if (e !== undefined) console.error(e);
  process.exit(1);
}

function check(codec: MessageCodec<unknown>, input: Uint8Array): void {
  for (const [label, options] of OPTIONS) {
    let value: unknown;
    try {
      value = codec.decode(input, options);
    } catch (e) {
      if (e instanceof DecodeError) continue;
      fail("threw something other than a DecodeError", codec, label, input, e);
    }
    let again: Uint8Array;
    try {
      again = codec.encode(value);
    } catch (e) {
      fail("a decoded value does not encode", codec, label, input, e);
    }
    if (label === "canonical" && hex(again) !== hex(input)) fail(`canonical acceptance re-encodes to ${hex(again)}`, codec, label, input);
    const twice = codec.encode(codec.decode(again, options));
    if (hex(twice) !== hex(again)) fail(`not idempotent: ${hex(again)} then ${hex(twice)}`, codec, label, input);
  }
}

const seconds = Number(process.argv[2] ?? 60);
const all = [...new Set([...Object.values(everything), ...Object.values(orders), ...Object.values(seed)])];
const rng = new Rng(Date.now() % 0x7fffffff);
const stop = Date.now() + seconds * 1000;
let inputs = 0;
while (Date.now() < stop) {
  for (const codec of all) {
    const valid = codec.encode(randomMessage(codec, rng));
    check(codec, valid);
    for (let i = 0; i < 20; i++) check(codec, mutate(valid, rng));
    check(codec, Uint8Array.from({ length: rng.below(24) }, () => rng.below(256)));
    inputs += 22;
  }
}
console.log(`${inputs} inputs x ${OPTIONS.length} option sets in ${seconds} s: every one a value or a DecodeError`);
