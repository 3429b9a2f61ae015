/**
 * A fuzzer of the TypeScript decoders: `node build/test/fuzz/run.js [SECONDS]` (default 60). Inputs are random
 * bytes and mutations (bit flips, overwritten, inserted and deleted bytes, cuts) of valid encodings of random
 * values of every message type of the project's schemas, decoded under default, secure, strict, canonical,
 * keep-unknown and tight-limit options. Every input must either throw a `DecodeError` (nothing else: no
 * `TypeError`, `RangeError`, stack overflow) or decode to a value whose encoding decodes again to the same
 * encoding; canonical acceptance must give back the input itself. Streams of length-delimited frames of such
 * values, mutated the same way, must give `frames` and a `FrameReader` (fed chunks of random sizes) the same
 * verdict — the same messages, then the same `FrameError` or none — and nothing but a `FrameError`. Stream
 * containers of such values (checksums on and off, chunked messages, trailers), mutated, must give
 * `ContainerReader` a frame sequence or a `FrameError` and nothing else, and every frame it returns must be
 * whole. Exits 1 with the input on a failure.
 */

import {
  ContainerReader, DEFAULT_OPTIONS, DecodeError, DecodeOptions, FrameError, FrameReader, MessageCodec,
  canonicalOptions, crc32c, decodeOptions, encodeDelimited, frames, secureOptions, strictOptions,
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

/** What reading `stream` gives: the messages' encodings, then the error (or none). */
function framesVerdict(codec: MessageCodec<unknown>, stream: Uint8Array): string {
  const read: string[] = [];
  try {
    for (const value of frames(codec, stream)) read.push(hex(codec.encode(value)));
  } catch (e) {
    if (!(e instanceof FrameError)) fail("frames threw something other than a FrameError", codec, "default", stream, e);
    return JSON.stringify([read, e.kind, e.causeKind, e.frame, e.offset]);
  }
  return JSON.stringify([read]);
}

/** `data` in chunks of random sizes (1 to 16 bytes). */
async function* randomChunks(data: Uint8Array, rng: Rng): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; ) {
    const n = rng.below(16) + 1;
    yield data.subarray(at, at + n);
    at += n;
  }
}

async function readerVerdict(codec: MessageCodec<unknown>, stream: Uint8Array, rng: Rng): Promise<string> {
  const read: string[] = [];
  try {
    const reader = new FrameReader(codec, randomChunks(stream, rng), { maxFrameLen: Number.MAX_SAFE_INTEGER });
    for await (const value of reader) read.push(hex(codec.encode(value)));
  } catch (e) {
    if (!(e instanceof FrameError)) fail("FrameReader threw something other than a FrameError", codec, "default", stream, e);
    return JSON.stringify([read, e.kind, e.causeKind, e.frame, e.offset]);
  }
  return JSON.stringify([read]);
}

/** A stream of a few frames of random values, mutated: `frames` and `FrameReader` agree on it. */
async function checkStream(codec: MessageCodec<unknown>, rng: Rng): Promise<void> {
  const parts = Array.from({ length: rng.below(4) + 1 }, () => encodeDelimited(codec, randomMessage(codec, rng)));
  const whole = Uint8Array.from(parts.flatMap((p) => [...p]));
  const stream = rng.below(4) === 0 ? whole : mutate(whole, rng);
  const direct = framesVerdict(codec, stream);
  const chunked = await readerVerdict(codec, stream, rng);
  if (direct !== chunked) fail(`frames gives ${direct}, FrameReader ${chunked}`, codec, "default", stream);
}

/** A varint's bytes. */
function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
}

/** A container of a few frames of random values (some in chunks), written by hand as the format says. */
function container(codec: MessageCodec<unknown>, rng: Rng): Uint8Array {
  const checksums = rng.below(2) === 1;
  const preamble = [0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a, 0x01, checksums ? 1 : 0];
  const out = [...preamble];
  const frame = (kind: number, payload: Uint8Array | number[]) => {
    const bytes = [kind, 0, ...varint(payload.length), ...payload];
    out.push(...bytes);
    if (checksums) {
      const from = kind === 1 ? crc32c(Uint8Array.from(preamble)) : 0;
      const crc = crc32c(Uint8Array.from(bytes), from);
      out.push(crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24);
    }
  };
  frame(1, [1, 1, 0x6b, 1, 0x76]);
  for (let n = rng.below(4); n > 0; n--) {
    const body = codec.encode(randomMessage(codec, rng));
    if (rng.below(3) === 0) {
      const cut = rng.below(body.length + 1);
      frame(3, body.subarray(0, cut));
      frame(3, body.subarray(cut));
      frame(4, []);
    } else {
      frame(2, body);
    }
  }
  frame(5, [0]);
  return Uint8Array.from(out);
}

/** A mutated container: `ContainerReader` reads frames or throws a `FrameError`, nothing else. */
function checkContainer(codec: MessageCodec<unknown>, rng: Rng): void {
  const whole = container(codec, rng);
  const input = rng.below(4) === 0 ? whole : mutate(whole, rng);
  try {
    const reader = ContainerReader.open(input);
    let end = 0;
    for (let f = reader.nextFrame(); f !== undefined; f = reader.nextFrame()) {
      if (f.offset < end || f.payload.length > input.length) fail("a frame overlaps the one before", codec, "default", input);
      end = f.offset;
      if (f.kind === "message") {
        try {
          codec.decode(f.payload);
        } catch (e) {
          if (!(e instanceof DecodeError)) fail("a container's message threw something other than a DecodeError", codec, "default", input, e);
        }
      }
    }
    if (input === whole && reader.trailers === undefined) fail("a whole container read without its trailers", codec, "default", input);
  } catch (e) {
    if (!(e instanceof FrameError)) fail("ContainerReader threw something other than a FrameError", codec, "default", input, e);
    if (input === whole) fail(`a whole container was refused: ${e.message}`, codec, "default", input);
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 60);
  const all = [...new Set([...Object.values(everything), ...Object.values(orders), ...Object.values(seed)])];
  const rng = new Rng(Date.now() % 0x7fffffff);
  const stop = Date.now() + seconds * 1000;
  let inputs = 0;
  let streams = 0;
  while (Date.now() < stop) {
    for (const codec of all) {
      const valid = codec.encode(randomMessage(codec, rng));
      check(codec, valid);
      for (let i = 0; i < 20; i++) check(codec, mutate(valid, rng));
      check(codec, Uint8Array.from({ length: rng.below(24) }, () => rng.below(256)));
      inputs += 22;
      await checkStream(codec, rng);
      checkContainer(codec, rng);
      streams++;
    }
  }
  console.log(`${inputs} inputs x ${OPTIONS.length} option sets in ${seconds} s: every one a value or a DecodeError`);
  console.log(`${streams} streams: frames and FrameReader gave the same messages and the same FrameError or none`);
  console.log(`${streams} containers: ContainerReader gave whole frames or a FrameError, nothing else`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
