// Length-delimited frames: the bytes protobuf's writeDelimited and the Rust runtime write, "decode one, keep the
// rest", `frames` over a buffer and `FrameReader` over chunks split anywhere — with framing errors of the Rust
// runtime's kinds, frame indexes and offsets (the cross-language test checks the same verdicts against Rust).
import assert from "node:assert/strict";
import { ReadableStream } from "node:stream/web";
import { test } from "node:test";
import {
  ChunkSource,
  DecodeError,
  FrameError,
  FrameReader,
  decodeDelimited,
  decodeOptions,
  encodeDelimited,
  frames,
  readFrames,
} from "@cramberry/runtime";
import { Item, ItemCodec } from "./generated/orders.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));

const ITEMS: Item[] = [
  { name: "ab", price: -3n },
  { name: "", price: 0n },
  { name: "x".repeat(200), price: 1n << 40n },
];
const STREAM = concat(ITEMS.map((item) => encodeDelimited(ItemCodec, item)));
/** Where each frame of STREAM starts, and its end. */
const STARTS = [0, 7, 8];

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `data` as a source of chunks of `size` bytes. */
async function* chunked(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/** Asserts `e` is a FrameError of `kind` with a cause of `cause` at `offset`, for frame `frame`. */
function isFrameError(e: unknown, kind: string, cause: string, frame: number, offset: number): FrameError {
  assert.ok(e instanceof FrameError, `not a FrameError: ${String(e)}`);
  assert.deepEqual([e.kind, e.causeKind, e.frame, e.offset], [kind, cause, frame, offset], e.message);
  return e;
}

test("a frame is the varint length, then the message", () => {
  assert.equal(hex(encodeDelimited(ItemCodec, ITEMS[0]!)), "060a0261621605");
  assert.equal(hex(encodeDelimited(ItemCodec, ITEMS[1]!)), "00");
  const long = encodeDelimited(ItemCodec, ITEMS[2]!);
  assert.equal(hex(long.subarray(0, 4)), "d2010ac8", "210 bytes: a two-byte prefix");
});

test("decodeDelimited decodes one frame and keeps the rest", () => {
  const { value, rest } = decodeDelimited(ItemCodec, STREAM);
  assert.deepEqual(value, ITEMS[0]);
  assert.equal(rest.length, STREAM.length - 7);
  assert.deepEqual(decodeDelimited(ItemCodec, rest).value, ITEMS[1]);
});

test("decodeDelimited errors count from the frame's first byte", () => {
  const cases: [string, string, number][] = [
    ["050a", "LengthOutOfBounds", 0],
    ["80", "Truncated", 0],
    ["ffffffffffffffffff7f", "VarintOverflow", 0],
    ["020a05", "LengthOutOfBounds", 2], // the message's own error, one prefix byte later
  ];
  for (const [input, kind, offset] of cases) {
    assert.throws(
      () => decodeDelimited(ItemCodec, bytes(input)),
      (e: unknown) => e instanceof DecodeError && e.kind === kind && e.offset === offset,
      input,
    );
  }
  assert.throws(
    () => decodeDelimited(ItemCodec, STREAM, decodeOptions({ maxMessageLen: 5 })),
    (e: unknown) => e instanceof DecodeError && e.kind === "LimitExceeded" && e.offset === 0,
  );
});

test("frames yields every frame; a cut stream yields the whole frames, then the truncation", () => {
  assert.deepEqual([...frames(ItemCodec, STREAM)], ITEMS);
  for (let cut = 0; cut < STREAM.length; cut++) {
    const got: Item[] = [];
    const whole = STARTS.filter((s, i) => (STARTS[i + 1] ?? STREAM.length) <= cut && s < cut).length;
    try {
      for (const item of frames(ItemCodec, STREAM.subarray(0, cut))) got.push(item);
      assert.equal(cut, STARTS[whole] ?? STREAM.length, `cut ${cut}: no error, so the cut is between frames`);
    } catch (e) {
      const error = isFrameError(e, "Decode", (e as FrameError).causeKind, whole, STARTS[whole]!);
      assert.ok(error.isTruncated, `cut ${cut}: ${error.message}`);
    }
    assert.deepEqual(got, ITEMS.slice(0, whole), `cut ${cut}`);
  }
});

test("a frame whose message is bad ends frames with a Message error, offsets in the message", () => {
  const bad = concat([encodeDelimited(ItemCodec, ITEMS[0]!), bytes("020a05"), encodeDelimited(ItemCodec, ITEMS[1]!)]);
  const got: Item[] = [];
  try {
    for (const item of frames(ItemCodec, bad)) got.push(item);
    assert.fail("accepted");
  } catch (e) {
    const error = isFrameError(e, "Message", "LengthOutOfBounds", 1, 7);
    assert.equal(error.cause!.offset, 1);
    assert.equal(error.isTruncated, false);
  }
  assert.deepEqual(got, ITEMS.slice(0, 1));
});

test("FrameReader reads frames split across chunks of any size, one byte included", async () => {
  for (const size of [1, 2, 3, 7, 64, 1 << 20]) {
    const got: Item[] = [];
    for await (const item of readFrames(ItemCodec, chunked(STREAM, size))) got.push(item);
    assert.deepEqual(got, ITEMS, `chunks of ${size}`);
  }
});

test("FrameReader gives the same verdict as frames on every cut, in one-byte chunks", async () => {
  for (let cut = 0; cut <= STREAM.length; cut++) {
    const input = STREAM.subarray(0, cut);
    const expected = verdict(() => [...frames(ItemCodec, input)]);
    const got: Item[] = [];
    const reader = new FrameReader(ItemCodec, chunked(input, 1));
    const actual = await verdictAsync(async () => {
      for await (const item of reader) got.push(item);
      return got;
    });
    assert.deepEqual(actual, expected, `cut ${cut}`);
  }
});

/** What reading gives: the items, or the error's kind, cause, frame and offset. */
function verdict(read: () => Item[]): unknown {
  try {
    return { items: read() };
  } catch (e) {
    const f = e as FrameError;
    return { error: [f.kind, f.causeKind, f.frame, f.offset] };
  }
}

async function verdictAsync(read: () => Promise<Item[]>): Promise<unknown> {
  try {
    return { items: await read() };
  } catch (e) {
    const f = e as FrameError;
    return { error: [f.kind, f.causeKind, f.frame, f.offset] };
  }
}

test("FrameReader skips a frame whose message is bad and goes on", async () => {
  const bad = concat([encodeDelimited(ItemCodec, ITEMS[0]!), bytes("020a05"), encodeDelimited(ItemCodec, ITEMS[1]!)]);
  const reader = new FrameReader(ItemCodec, chunked(bad, 2));
  assert.deepEqual(await reader.next(), ITEMS[0]);
  await assert.rejects(reader.next(), (e: unknown) => isFrameError(e, "Message", "LengthOutOfBounds", 1, 7) !== undefined);
  assert.deepEqual(await reader.next(), ITEMS[1]);
  assert.equal(await reader.next(), undefined);
  assert.equal(reader.framesRead, 3);
});

test("a frame over maxFrameLen is refused before its bytes are read", async () => {
  let asked = 0;
  const source: ChunkSource = {
    async *[Symbol.asyncIterator]() {
      asked++;
      yield bytes("ffff03"); // claims 65535 bytes
      throw new Error("read past the prefix");
    },
  };
  const reader = new FrameReader(ItemCodec, source, { maxFrameLen: 1000 });
  await assert.rejects(reader.next(), (e: unknown) => {
    const error = isFrameError(e, "Decode", "LimitExceeded", 0, 0);
    return !error.isTruncated;
  });
  assert.equal(asked, 1);
  assert.equal(await reader.next(), undefined, "a framing error ends the stream");
});

test("a prefix of more than 64 bits is VarintOverflow, not truncation", async () => {
  const input = bytes("ffffffffffffffffffff01");
  const reader = new FrameReader(ItemCodec, chunked(input, 1));
  await assert.rejects(reader.next(), (e: unknown) => !isFrameError(e, "Decode", "VarintOverflow", 0, 0).isTruncated);
});

test("FrameReader reads a web ReadableStream", async () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < STREAM.length; at += 5) controller.enqueue(STREAM.slice(at, at + 5));
      controller.close();
    },
  });
  const got: Item[] = [];
  // Through getReader() alone, as a browser's stream without async iteration is read.
  for await (const item of readFrames(ItemCodec, { getReader: () => stream.getReader() })) got.push(item);
  assert.deepEqual(got, ITEMS);
});
