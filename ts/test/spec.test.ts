// The worked examples of shared/spec/wire-format.md (schemas/orders.cram) as exact bytes, and the decoding
// rules the spec names: errors with their kind, offset and path, canonical checking, limits, unknown fields.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DecodeError, canonicalOptions, decodeOptions, secureOptions, strictOptions } from "@cramberry/runtime";
import { ItemCodec, Order, OrderCodec } from "./generated/orders.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const bytes = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"));

const ORDER_HEX = "089601 1e01 22030a0178 22021602 2a0301ac02 32050a01611001 32050a01621002 3800";

function order(): Order {
  return {
    id: 150n,
    symbol: "",
    qty: -1,
    items: [{ name: "x", price: 0n }, { name: "", price: 1n }],
    levels: [1, 300],
    tags: new Map([["b", 2], ["a", 1]]),
    flag: false,
  };
}

/** Asserts that `run` throws a DecodeError of `kind` at `offset` (and `path`, when given). */
function rejects(run: () => unknown, kind: string, offset: number, path?: string): DecodeError {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof DecodeError, `not a DecodeError: ${String(e)}`);
    assert.deepEqual([e.kind, e.offset], [kind, offset], e.toString());
    if (path !== undefined) assert.equal(e.fieldPath, path);
    return e;
  }
  assert.fail(`accepted; expected ${kind} at ${offset}`);
}

test("Item{name: 'ab', price: -3} is 0a 02 61 62 16 05", () => {
  const item = { name: "ab", price: -3n };
  assert.equal(hex(ItemCodec.encode(item)), "0a026162 1605".replace(" ", ""));
  assert.equal(ItemCodec.encodedLen(item), 6);
  assert.deepEqual(ItemCodec.decode(bytes("0a 02 61 62 16 05")), item);
});

test("the worked Order example encodes to the spec's bytes and decodes back", () => {
  const encoded = OrderCodec.encode(order());
  assert.equal(hex(encoded), ORDER_HEX.replace(/ /g, ""));
  const decoded = OrderCodec.decode(encoded, canonicalOptions());
  assert.deepEqual({ ...decoded, tags: [...decoded.tags].sort() }, { ...order(), tags: [...order().tags].sort() });
});

test("the empty message encodes to zero bytes", () => {
  assert.equal(OrderCodec.encode({ ...OrderCodec.create() }).length, 0);
  assert.equal(ItemCodec.encode(ItemCodec.create()).length, 0);
});

test("bytes decode as subarrays of the input, without a copy", async () => {
  const { EverythingCodec } = await import("./generated/everything.js");
  const value = EverythingCodec.create();
  value.payload = new Uint8Array([1, 2, 3]);
  value.id = 1n;
  const input = EverythingCodec.encode(value);
  const decoded = EverythingCodec.decode(input);
  assert.equal(decoded.payload.buffer, input.buffer);
  assert.deepEqual([...decoded.payload], [1, 2, 3]);
});

test("truncated input: Truncated or LengthOutOfBounds at the value's offset, with the field path", () => {
  const input = bytes(ORDER_HEX);
  rejects(() => OrderCodec.decode(input.subarray(0, 2)), "Truncated", 1, "Order.id");
  rejects(() => OrderCodec.decode(input.subarray(0, 7)), "LengthOutOfBounds", 6, "Order.items[0]");
});

test("a bad nested field names its path through the list index", () => {
  // items[1] holds a string field with invalid UTF-8 at byte 9.
  rejects(() => OrderCodec.decode(bytes("22030a0178 2203 0a01ff")), "InvalidUtf8", 9, "Order.items[1].name");
});

test("invalid UTF-8 is an error, not U+FFFD", () => {
  rejects(() => ItemCodec.decode(bytes("0a02c328")), "InvalidUtf8", 2);
  assert.equal(ItemCodec.decode(bytes("0a02c3a9")).name, "é");
});

test("wire type mismatch, invalid wire types and field numbers", () => {
  rejects(() => ItemCodec.decode(bytes("0801")), "WireTypeMismatch", 0);
  rejects(() => ItemCodec.decode(bytes("0b")), "InvalidWireType", 0);
  rejects(() => ItemCodec.decode(bytes("0001")), "InvalidFieldNumber", 0);
  rejects(() => ItemCodec.decode(bytes("08ffffffffffffffffff02")), "WireTypeMismatch", 0);
});

test("varints: overflow, and 64-bit values as bigint", () => {
  rejects(() => OrderCodec.decode(bytes("08ffffffffffffffffff02")), "VarintOverflow", 1);
  rejects(() => OrderCodec.decode(bytes("08ffffffffffffffffff02 3800")), "VarintOverflow", 1);
  rejects(() => OrderCodec.decode(bytes("08ffffffffffffffffffff01 3800")), "VarintOverflow", 1);
  rejects(() => ItemCodec.decode(bytes("16ffffffffffffffffff02 7a00")), "VarintOverflow", 1);
  // Truncated at the end of the input, and at the end of a nested message with more input after it.
  rejects(() => OrderCodec.decode(bytes("08ffffffffff")), "Truncated", 1);
  rejects(() => OrderCodec.decode(bytes("08ffff")), "Truncated", 1);
  rejects(() => OrderCodec.decode(bytes("2206 16ffffffffff 3800")), "Truncated", 3, "Order.items[0].price");
  rejects(() => OrderCodec.decode(bytes("2203 16ffff 3800")), "Truncated", 3, "Order.items[0].price");
  assert.equal(OrderCodec.decode(bytes("08ffffffffffffffffff01 3800")).id, 18446744073709551615n);
  assert.equal(ItemCodec.decode(bytes("16ffffffffffffffffff01 7a00")).price, -(2n ** 63n));
  assert.equal(ItemCodec.decode(bytes("16feffffffffffffffff01 7a00")).price, 2n ** 63n - 1n);
  assert.equal(OrderCodec.decode(bytes("08ffffffffffffffffff01")).id, 18446744073709551615n);
  rejects(() => OrderCodec.decode(bytes("1e8080808020")), "IntegerOutOfRange", 1, "Order.qty");
});

/** Bytes of the varint of a non-negative bigint, by bigint arithmetic (independent of the runtime's halves). */
function varintBytes(n: bigint): number {
  let len = 1;
  while (n >= 0x80n) {
    n >>= 7n;
    len++;
  }
  return len;
}

test("64-bit integers round trip at every power-of-two boundary, with the varint length of their value", () => {
  const edges: bigint[] = [];
  for (let bit = 0; bit <= 64; bit++) for (const d of [-1n, 0n, 1n]) edges.push((1n << BigInt(bit)) + d);
  for (const u of edges.filter((x) => x > 0n && x < 1n << 64n)) {
    const encoded = OrderCodec.encode({ ...order(), id: u });
    assert.equal(OrderCodec.decode(encoded).id, u);
    assert.equal(encoded.length, ORDER_HEX.replace(/\s+/g, "").length / 2 - 2 + varintBytes(u), `uint64 ${u}`);
  }
  for (const m of edges.flatMap((x) => [x, -x]).filter((x) => x !== 0n && x >= -(1n << 63n) && x < 1n << 63n)) {
    const encoded = ItemCodec.encode({ name: "", price: m });
    const zigzag = m >= 0n ? m << 1n : ((-m) << 1n) - 1n;
    assert.equal(hex(encoded.subarray(1)), hex(OrderCodec.encode({ ...order(), id: zigzag }).subarray(1, 1 + varintBytes(zigzag))));
    assert.equal(ItemCodec.decode(encoded).price, m, `int64 ${m}`);
    // Followed by an unknown field: room for the longest varint, the reader's fast path.
    const padded = new Uint8Array([...encoded, 0x7a, 10, ...new Array<number>(10).fill(0)]);
    assert.equal(ItemCodec.decode(padded).price, m, `int64 ${m} with room`);
  }
});

test("unknown fields are skipped, rejected in strict mode, or kept and re-encoded", () => {
  const input = bytes("0a0161 4805 1602");
  assert.deepEqual(ItemCodec.decode(input), { name: "a", price: 1n });
  rejects(() => ItemCodec.decode(input, strictOptions()), "UnknownField", 3);
  const kept = ItemCodec.decode(input, decodeOptions({ keepUnknown: true }));
  // Known fields first, then the unknown ones: the canonical order of a re-encoding.
  assert.equal(hex(ItemCodec.encode(kept)), "0a0161160248 05".replace(" ", ""));
});

test("canonical decoding names the rule it finds broken", () => {
  const c = canonicalOptions();
  const rule = (input: string, name: string, offset: number) => {
    const e = rejects(() => OrderCodec.decode(bytes(input), c), "NonCanonical", offset);
    assert.equal(e.detail.kind === "NonCanonical" && e.detail.rule, name);
  };
  rule("1e01 0801", "FieldOrder", 2);
  rule("0800", "DefaultValueWritten", 0);
  rule("088100", "OverlongVarint", 1);
  rule("2801 2802", "UnpackedRepeated", 0);
  rule("32050a01621002 32050a01611001", "MapKeyOrder", 7);
  rule("4805", "UnknownField", 0);
  assert.ok(OrderCodec.decode(bytes(ORDER_HEX), c));
});

test("limits: elements, string length and depth, at the offending value", () => {
  // The second element of a packed run is one too many: the error points at it.
  rejects(() => OrderCodec.decode(bytes("2a0301ac02"), decodeOptions({ maxElements: 1 })), "LimitExceeded", 3);
  rejects(() => ItemCodec.decode(bytes("0a03616263"), decodeOptions({ maxStringLen: 2 })), "LimitExceeded", 1);
  rejects(() => OrderCodec.decode(bytes("22030a0178"), decodeOptions({ maxDepth: 0 })), "LimitExceeded", 2);
  assert.equal(secureOptions().maxDepth, 32);
});

test("every decode starts afresh: depth, options and position of a failed one do not carry over", () => {
  // Fails inside the nested item (depth 1), in canonical mode.
  rejects(() => OrderCodec.decode(bytes("22030a0578"), canonicalOptions()), "LengthOutOfBounds", 3);
  const order = OrderCodec.decode(bytes("22030a0178"), decodeOptions({ maxDepth: 1 }));
  assert.equal(order.items[0]!.name, "x");
  // Not canonical (a default written), accepted by the default options.
  assert.equal(ItemCodec.decode(bytes("0a00")).name, "");
});

test("a length prefix larger than the input is an error, not an allocation", () => {
  rejects(() => ItemCodec.decode(bytes("0affffffff0f")), "LengthOutOfBounds", 1);
});

test("encoding checks integer ranges", () => {
  assert.throws(() => ItemCodec.encode({ name: "", price: 1n << 63n }), /out of range for int64/);
  assert.throws(() => ItemCodec.encode({ name: "", price: -(1n << 63n) - 1n }), /out of range for int64/);
  assert.throws(() => ItemCodec.encode({ name: "", price: 5 as unknown as bigint }), /out of range for int64/);
  assert.throws(() => OrderCodec.encode({ ...order(), id: 1n << 64n }), /out of range for uint64/);
  assert.throws(() => OrderCodec.encode({ ...order(), id: -1n }), /out of range for uint64/);
  assert.throws(() => OrderCodec.encode({ ...order(), qty: 2 ** 31 }), /out of range for int32/);
  assert.throws(() => OrderCodec.encode({ ...order(), qty: 1.5 }), /out of range/);
});

test("JSON is the CLI's mapping and reads back", () => {
  const json = OrderCodec.toJson(order()) as Record<string, unknown>;
  assert.equal(json["id"], 150n);
  assert.deepEqual(json["tags"], { a: 1, b: 2 });
  assert.equal(json["flag"], false);
  assert.equal(hex(OrderCodec.encode(OrderCodec.fromJson(json))), ORDER_HEX.replace(/ /g, ""));
  assert.throws(() => OrderCodec.fromJson({ id: "x" }), /id/);
  assert.throws(() => OrderCodec.fromJson({ nope: 1 }), /has no field `nope`/);
});

test("maps are written in ascending key order, small or large", () => {
  for (const size of [3, 40]) {
    const keys = Array.from({ length: size }, (_, i) => `k${(i * 7919) % size}`);
    const tags = new Map(keys.map((k, i) => [k, i]));
    const decoded = OrderCodec.decode(OrderCodec.encode({ ...OrderCodec.create(), tags }), canonicalOptions());
    assert.deepEqual([...decoded.tags.keys()], [...keys].sort());
  }
  // Code point order, not UTF-16 order: U+FF5E sorts before U+1F600 (a surrogate pair in UTF-16).
  const tags = new Map([["😀", 1], ["～", 2]]);
  const decoded = OrderCodec.decode(OrderCodec.encode({ ...OrderCodec.create(), tags }), canonicalOptions());
  assert.deepEqual([...decoded.tags.keys()], ["～", "😀"]);
});

test("strings of every length keep their characters: BOM, astral, long; invalid UTF-8 found at its byte", () => {
  for (const name of ["\uFEFFbom", "😀", "a".repeat(9), "é".repeat(20), "x".repeat(300) + "✓"]) {
    assert.equal(ItemCodec.decode(ItemCodec.encode({ name, price: 0n })).name, name);
  }
  const long = ItemCodec.encode({ name: "a".repeat(40), price: 0n });
  long[30] = 0xff;
  rejects(() => ItemCodec.decode(long), "InvalidUtf8", 30);
  // An encoded surrogate (CESU-8) and an overlong encoding are not UTF-8.
  rejects(() => ItemCodec.decode(bytes("0a03eda080")), "InvalidUtf8", 2);
  rejects(() => ItemCodec.decode(bytes("0a02c0af")), "InvalidUtf8", 2);
});

test("codecs describe their fields (reflection)", () => {
  assert.deepEqual(
    OrderCodec.fields.map((f) => [f.name, f.number, f.label]),
    [["id", 1, "plain"], ["symbol", 2, "plain"], ["qty", 3, "plain"], ["items", 4, "repeated"], ["levels", 5, "repeated"], ["tags", 6, "map"], ["flag", 7, "optional"]],
  );
  const items = OrderCodec.fields[3]!.kind;
  assert.ok("message" in items && items.message() === ItemCodec);
});

test("encodings cut from the shared slab stay intact as later ones are written", () => {
  const big = (i: number) => ({ ...OrderCodec.create(), symbol: `s${i}`.repeat(40), id: BigInt(i) });
  const outputs = Array.from({ length: 2000 }, (_, i) => OrderCodec.encode(big(i)));
  outputs.forEach((bytes, i) => assert.equal(OrderCodec.decode(bytes).symbol, `s${i}`.repeat(40)));
});
