// Message types by type id, as the Rust runtime's registry: generated registerTypes, refusals (reserved ids,
// duplicates) all or none, and cramberry.std.Any decoded to the registered type or kept as its bytes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DecodeError, Registry, RegistryError } from "@cramberry/runtime";
import { AnyCodec, CircleCodec, PointCodec, PolygonCodec, registerTypes } from "./generated/everything.js";

test("generated registerTypes registers every message with a type id, the standard ones too", () => {
  const registry = registerTypes(new Registry());
  assert.deepEqual(registry.typeIds(), [64n, 65n, 66n, 67n, 68n, 69n, 70n, 71n, 72n, 73n, 130n, 131n, 132n]);
  assert.equal(registry.typeName(130), "Point");
  assert.equal(registry.typeIdOf(PolygonCodec), 132n);
});

test("refusals: reserved ids, a taken id, a type twice — and nothing of a refused batch stays", () => {
  const refused = (run: () => unknown, kind: string) =>
    assert.throws(run, (e: unknown) => e instanceof RegistryError && e.kind === kind);
  refused(() => new Registry().register(127, PointCodec), "ReservedTypeId");
  refused(() => new Registry().register(0n, PointCodec), "ReservedTypeId");
  const registry = new Registry().register(200, PointCodec);
  refused(() => registry.register(200, CircleCodec), "DuplicateTypeId");
  refused(() => registry.register(201, PointCodec), "DuplicateType");
  refused(() => registry.registerAll([[300, CircleCodec], [301, CircleCodec]]), "DuplicateType");
  assert.equal(registry.contains(300), false, "a refused batch registers nothing");
  refused(() => registerTypes(new Registry().register(130, CircleCodec)), "DuplicateTypeId");
});

test("a module's standard types register again without a conflict", () => {
  const registry = registerTypes(new Registry());
  assert.doesNotThrow(() => registry.registerAll([[64n, { ...PointCodec, name: "Timestamp" }]], true));
  assert.throws(() => registry.registerAll([[64n, PointCodec]], true), RegistryError);
});

test("an Any decodes to its registered type; an unknown one is an error or kept, re-encoding its bytes", () => {
  const registry = registerTypes(new Registry());
  const point = { x: 1.5, y: -2, z: 0 };
  const any = { type_id: 130n, value: PointCodec.encode(point) };
  const bytes = AnyCodec.encode(any);
  const decoded = registry.decodeAny(AnyCodec.decode(bytes));
  assert.ok("codec" in decoded && decoded.codec === PointCodec);
  assert.deepEqual(decoded.value, point);
  assert.deepEqual(AnyCodec.encode(registry.toAny(decoded)), bytes);
  const unknown = { type_id: 999n, value: Uint8Array.of(0x08, 0x01) };
  assert.throws(
    () => registry.decodeAny(unknown),
    (e: unknown) => e instanceof DecodeError && e.kind === "UnknownTypeId" && e.offset === 0,
  );
  const kept = registry.unknownTypes("keep").decodeAny(unknown);
  assert.deepEqual(kept, { typeId: 999n, bytes: unknown.value });
  assert.deepEqual(registry.toAny(kept), unknown);
});
