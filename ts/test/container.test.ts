// The stream container (docs/stream-container.md) read in TypeScript: the format document's example byte for
// byte, checksums, chunked messages, every cut of a file, and each refusal with the Rust runtime's kind, frame
// index and offset (the cross-language test checks Rust-written containers against Rust's own verdicts).
import assert from "node:assert/strict";
import { test } from "node:test";
import { ContainerReader, FrameError, crc32c } from "@cramberry/runtime";
import { Item, ItemCodec, OrderCodec } from "./generated/orders.js";

const bytes = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Section 7's example: header {"k": "v"}, one message (field 1 = 1), an empty trailer, no flags. */
const EXAMPLE = bytes(`
  89 43 52 41 4d 0d 0a 1a  01  00
  01 00 05 01 01 6b 01 76
  02 00 02 08 01
  05 00 01 00`);

/** Asserts `run` throws a FrameError of `kind`/`cause` for frame `frame` at `offset`. */
function refuses(run: () => unknown, kind: string, cause: string, frame: number, offset: number): FrameError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof FrameError, `not a FrameError: ${String(e)}`);
    assert.deepEqual([e.kind, e.causeKind, e.frame, e.offset], [kind, cause, frame, offset], e.message);
    return e;
  }
  assert.fail(`accepted; expected ${kind}/${cause}`);
}

test("crc32c is the Castagnoli CRC", () => {
  assert.equal(crc32c(utf8("123456789")), 0xe3069283);
  assert.equal(crc32c(utf8("56789"), crc32c(utf8("1234"))), 0xe3069283, "continues from a previous CRC");
});

test("the format document's example reads back", () => {
  const reader = ContainerReader.open(EXAMPLE);
  assert.deepEqual([...reader.headers], [["k", utf8("v")]]);
  const frame = reader.nextFrame()!;
  assert.deepEqual([frame.kind, frame.index, frame.offset, [...frame.payload]], ["message", 1, 18, [0x08, 0x01]]);
  assert.equal(reader.nextFrame(), undefined);
  assert.deepEqual(reader.trailers, new Map());
  assert.equal(reader.framesRead, 3);
});

test("every cut of the example: the frames before it, then a truncation", () => {
  for (let cut = 0; cut < EXAMPLE.length; cut++) {
    const input = EXAMPLE.subarray(0, cut);
    try {
      const reader = ContainerReader.open(input);
      while (reader.nextFrame() !== undefined);
      assert.fail(`cut ${cut}: read to the end`);
    } catch (e) {
      assert.ok(e instanceof FrameError, `cut ${cut}: ${String(e)}`);
      assert.ok(e.isTruncated, `cut ${cut}: ${e.message}`);
      const boundary = [18, 23].includes(cut);
      assert.equal(e.causeKind === "MissingTrailer", boundary, `cut ${cut}: ${e.message}`);
    }
  }
});

test("messages are decoded; a bad one is reported and skipped", () => {
  const item = ItemCodec.encode({ name: "ab", price: -3n });
  const frames = [
    bytes("89 43 52 41 4d 0d 0a 1a 01 00 01 00 01 00"),
    bytes("02 00"), Uint8Array.of(item.length), item,
    bytes("02 00 02 0a 05"), // a string of 5 bytes in 1
    bytes("02 00 00"),
    bytes("05 00 01 00"),
  ];
  const input = new Uint8Array(frames.flatMap((f) => [...f]));
  const reader = ContainerReader.open(input);
  assert.deepEqual(reader.nextMessage(ItemCodec), { name: "ab", price: -3n });
  const e = refuses(() => reader.nextMessage(ItemCodec), "Message", "LengthOutOfBounds", 2, 23);
  assert.equal(e.cause!.offset, 1, "offsets count from the message's first byte");
  assert.equal(e.isTruncated, false);
  assert.deepEqual(reader.nextMessage(ItemCodec), { name: "", price: 0n });
  assert.equal(reader.nextMessage(ItemCodec), undefined);
});

test("checksums: every frame's CRC is verified, the header's over the preamble too", () => {
  const preamble = bytes("89 43 52 41 4d 0d 0a 1a 01 01");
  const withCrc = (frame: Uint8Array, from = 0) => {
    const crc = crc32c(frame, from);
    return [...frame, crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, crc >>> 24];
  };
  const header = withCrc(bytes("01 00 01 00"), crc32c(preamble));
  const message = withCrc(bytes("02 00 02 08 01"));
  const trailer = withCrc(bytes("05 00 01 00"));
  const good = Uint8Array.from([...preamble, ...header, ...message, ...trailer]);
  const reader = ContainerReader.open(good);
  assert.deepEqual([...reader.nextFrame()!.payload], [0x08, 0x01]);
  assert.equal(reader.nextFrame(), undefined);
  const bad = good.slice();
  bad[preamble.length + header.length + 4] ^= 1; // the message's payload
  const opened = ContainerReader.open(bad);
  refuses(() => opened.nextFrame(), "Container", "ChecksumMismatch", 1, 18);
  const flipped = good.slice();
  flipped[9] = 0x03; // the preamble declares zstd too: the header's CRC no longer matches... but zstd is missing first
  refuses(() => ContainerReader.open(flipped), "Container", "MissingFeature", 0, 0);
});

test("a chunked message's elements are read one by one", () => {
  const element = (name: string) => {
    const body = ItemCodec.encode({ name, price: 1n });
    return [0x22, body.length, ...body]; // field 4 of Order: items
  };
  const chunk1 = [0x08, 0x07, ...element("a")]; // id = 7, then one item
  const chunk2 = element("bc");
  const input = Uint8Array.from([
    ...bytes("89 43 52 41 4d 0d 0a 1a 01 00 01 00 01 00"),
    0x03, 0x00, chunk1.length, ...chunk1,
    0x03, 0x00, chunk2.length, ...chunk2,
    ...bytes("04 00 00"),
    ...bytes("05 00 01 00"),
  ]);
  const reader = ContainerReader.open(input);
  const names: string[] = [];
  for (let item: Item | undefined; (item = reader.nextElement(ItemCodec, 4)) !== undefined; ) names.push(item.name);
  assert.deepEqual(names, ["a", "bc"]);
  assert.equal(reader.nextElement(ItemCodec, 4), undefined, "the stream ends after the trailer");
  assert.deepEqual(reader.trailers, new Map());
  // Read as whole messages instead, the chunked message is skipped and reported.
  const whole = ContainerReader.open(input);
  refuses(() => whole.nextMessage(OrderCodec), "Container", "OutOfPlace", 1, 14);
});

test("the container's own rules, each a typed error at the frame", () => {
  const preamble = "89 43 52 41 4d 0d 0a 1a 01 00";
  const header = "01 00 01 00";
  const cases: [string, string, string, number, number][] = [
    ["89 43 52 41 4d 0d 0a 1b 01 00", "Container", "BadMagic", 0, 0],
    ["89 43 52 41", "Decode", "Truncated", 0, 0],
    ["89 43 52 41 4d 0d 0a 1a 02 00", "Container", "UnsupportedVersion", 0, 0],
    ["89 43 52 41 4d 0d 0a 1a 01 10", "Container", "UnknownRequiredFlags", 0, 0],
    [`${preamble} 02 00 00`, "Container", "OutOfPlace", 0, 10],
    [`${preamble} 01 00 02 01 00`, "Message", "Truncated", 0, 10],
    [`${preamble} 01 00 07 02 01 62 00 01 61 00`, "Container", "MetadataKeyOrder", 0, 10],
    [`${preamble} ${header} 06 00 00`, "Container", "UnknownFrameKind", 1, 14],
    [`${preamble} ${header} 02 04 00`, "Container", "UnknownFrameFlags", 1, 14],
    [`${preamble} ${header} 02 01 00 00`, "Container", "UndeclaredCodec", 1, 14],
    [`${preamble} ${header} 04 00 00`, "Container", "OutOfPlace", 1, 14],
    [`${preamble} ${header} 01 00 01 00`, "Container", "OutOfPlace", 1, 14],
    [`${preamble} ${header} 02 00 05 08`, "Decode", "LengthOutOfBounds", 1, 14],
    [`${preamble} ${header} 02 00 ffffffffffffffffff7f`, "Decode", "VarintOverflow", 1, 14],
    [`${preamble} ${header}`, "Container", "MissingTrailer", 1, 14],
    [`${preamble} ${header} 05 00 01 00 00`, "Container", "DataAfterTrailer", 2, 18],
    [`${preamble} ${header} 40 00 01 ff 05 00 01 00`, "none", "", 0, 0], // an extension frame is read past
  ];
  for (const [input, kind, cause, frame, offset] of cases) {
    const read = () => {
      const reader = ContainerReader.open(bytes(input));
      while (reader.nextMessage(ItemCodec) !== undefined);
    };
    if (kind === "none") read();
    else refuses(read, kind, cause, frame, offset);
  }
  const limited = () => ContainerReader.open(bytes(`${preamble} 01 00 05 01 01 6b 01 76`), { maxFrameLen: 4 });
  refuses(limited, "Decode", "LimitExceeded", 0, 10);
});

test("compressed frames go through the decompressor the caller supplies", () => {
  const input = bytes("89 43 52 41 4d 0d 0a 1a 01 04  01 00 01 00  02 02 01 02 aa  05 00 01 00");
  const lz4 = (stored: Uint8Array, rawLen: number) => (stored[0] === 0xaa && rawLen === 2 ? bytes("08 01") : stored);
  const reader = ContainerReader.open(input, { decompress: { lz4 } });
  assert.deepEqual([...reader.nextFrame()!.payload], [0x08, 0x01]);
  const wrong = ContainerReader.open(input, { decompress: { lz4: () => bytes("08") } });
  refuses(() => wrong.nextFrame(), "Container", "DecompressionFailed", 1, 14);
  refuses(() => ContainerReader.open(input), "Container", "MissingFeature", 0, 0);
});
