/**
 * Encode and decode throughput against protobufjs on the seed's benchmark messages (perf/schemas/seed.cram and
 * its protobuf twin perf/schemas/proto/seed.proto): the same values, side by side in one process, rounds
 * alternating between the two libraries, the best round of each kept. `npm run perf` (add `--quick` for a short
 * run, `--only NAME` for the rows of messages whose name contains NAME). Prints Markdown tables — messages per
 * second and Cramberry's speed relative to protobufjs; then frames read per second from a buffer of
 * length-delimited frames, `frames` against protobufjs's `decodeDelimited` — and writes them to perf/results/<date>-node.md
 * (`--no-write`: only print; a run with `--only` never writes).
 */

import { encodeDelimited, frames } from "@cramberry/runtime";
import type { FieldInfo, KindInfo, MessageCodec } from "@cramberry/runtime";
import protobuf from "protobufjs";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Rng, randomMessage } from "../random.js";
import { codecs } from "../generated/seed.js";
import { seedMessages } from "./seed-data.js";

const quick = process.argv.includes("--quick");
const ROUND_MS = quick ? 40 : 200;
const ROUNDS = quick ? 2 : 5;
const VALUES = 64;
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] ?? "" : "";

/** The protobufjs object of one of our values: 64-bit integers as numbers, maps as objects. */
function toProtoObject(codec: MessageCodec<unknown>, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const f of codec.fields) {
    const v = record[f.name];
    if (v === undefined) continue;
    out[f.name] = fieldToProto(f, v);
  }
  return out;
}

function fieldToProto(f: FieldInfo, v: unknown): unknown {
  if (f.label === "repeated" || f.label === "array") return (v as unknown[]).map((x) => kindToProto(f.kind, x));
  if (f.label === "map") {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v as Map<unknown, unknown>) o[String(k)] = kindToProto(f.kind, x);
    return o;
  }
  return kindToProto(f.kind, v);
}

function kindToProto(kind: KindInfo, v: unknown): unknown {
  if ("message" in kind) return toProtoObject(kind.message(), v);
  return typeof v === "bigint" ? Number(v) : v;
}

/** The best values-per-second of `run` (which handles `count` values per call) over the rounds given it. */
class Meter {
  best = 0;

  round(count: number, run: () => void): void {
    // Calls in batches that double until the clock is read about once a millisecond: reading it costs as
    // much as encoding a small message.
    let calls = 0;
    let batch = 1;
    let elapsed = 0;
    const start = process.hrtime.bigint();
    do {
      for (let i = 0; i < batch; i++) run();
      calls += batch;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (elapsed < 1) batch *= 2;
    } while (elapsed < ROUND_MS);
    this.best = Math.max(this.best, (calls * count) / (elapsed / 1000));
  }
}

const proto = fileURLToPath(new URL("../../../../perf/schemas/proto/seed.proto", import.meta.url));
const root = new protobuf.Root().loadSync(proto, { keepCase: true });

let sink = 0;

/** The installed protobufjs's version. */
function protobufVersion(): string {
  const manifest = fileURLToPath(new URL("../../../node_modules/protobufjs/package.json", import.meta.url));
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

const report: string[] = [];
const say = (line: string) => {
  console.log(line);
  report.push(line);
};

/** Measures one row: `values` of `codec`, and the same values as protobufjs messages of the same type. */
function row(label: string, codec: MessageCodec<unknown>, values: unknown[]): void {
  if (!codec.name.includes(only)) return;
  const type = root.lookupType(`perf.seed.${codec.name}`);
  const messages = values.map((v) => type.fromObject(toProtoObject(codec, v)));
  const ours = values.map((v) => codec.encode(v));
  const theirs = messages.map((m) => type.encode(m).finish());
  const meters = { oursEncode: new Meter(), theirsEncode: new Meter(), oursDecode: new Meter(), theirsDecode: new Meter() };
  const n = values.length;
  for (let round = 0; round < ROUNDS; round++) {
    meters.oursEncode.round(n, () => {
      for (const v of values) sink += codec.encode(v).length;
    });
    meters.theirsEncode.round(n, () => {
      for (const m of messages) sink += type.encode(m).finish().length;
    });
    meters.oursDecode.round(n, () => {
      for (const b of ours) sink += codec.decode(b) === null ? 1 : 0;
    });
    meters.theirsDecode.round(n, () => {
      for (const b of theirs) sink += type.decode(b) === null ? 1 : 0;
    });
  }
  const bytes = (list: Uint8Array[]) => list.reduce((total, b) => total + b.length, 0) / list.length;
  const rate = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`);
  const ratio = (a: Meter, b: Meter) => `**${(a.best / b.best).toFixed(2)}×**`;
  say(
    `| ${label} | ${bytes(ours).toFixed(0)} / ${bytes(theirs).toFixed(0)} | ${rate(meters.oursEncode.best)} | ` +
    `${rate(meters.theirsEncode.best)} | ${ratio(meters.oursEncode, meters.theirsEncode)} | ` +
    `${rate(meters.oursDecode.best)} | ${rate(meters.theirsDecode.best)} | ${ratio(meters.oursDecode, meters.theirsDecode)} |`
  );
}

/** Frames in the buffer of the frames table. */
const FRAMES = 1000;

/** Frames read per second from a buffer of FRAMES frames of `value`: `frames` against `decodeDelimited`. */
function frameRow(label: string, codec: MessageCodec<unknown>, value: unknown): void {
  if (!codec.name.includes(only)) return;
  const type = root.lookupType(`perf.seed.${codec.name}`);
  const message = type.fromObject(toProtoObject(codec, value));
  const join = (parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
    return out;
  };
  const ours = join(Array.from({ length: FRAMES }, () => encodeDelimited(codec, value)));
  const theirs = join(Array.from({ length: FRAMES }, () => type.encodeDelimited(message).finish()));
  const [mine, other] = [new Meter(), new Meter()];
  for (let round = 0; round < ROUNDS; round++) {
    mine.round(FRAMES, () => {
      for (const v of frames(codec, ours)) sink += v === null ? 1 : 0;
    });
    other.round(FRAMES, () => {
      const reader = protobuf.Reader.create(theirs);
      while (reader.pos < reader.len) sink += type.decodeDelimited(reader) === null ? 1 : 0;
    });
  }
  const rate = (v: number) => (v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`);
  say(`| ${label} | ${rate(mine.best)} | ${rate(other.best)} | **${(mine.best / other.best).toFixed(2)}×** |`);
}

const HEADER =
  "| message | bytes (Cramberry / protobuf) | encode/s: Cramberry | protobufjs | ratio | decode/s: Cramberry | protobufjs | ratio |\n" +
  "|---|---|---|---|---|---|---|---|";


say(`Node ${process.version}, protobufjs ${protobufVersion()} (its reflection-generated code; 64-bit integers as \`Long\`s, Cramberry's as \`bigint\`s).`);
say(`Messages per second, best of ${ROUNDS} rounds of ${ROUND_MS} ms per library, rounds alternating.\n`);
say("The seed messages (as the Rust perf runner builds them):\n");
say(HEADER);
for (const [label, name, value] of seedMessages(new Rng(0x5eed))) {
  row(label, codecs[name]!, [value]);
}
say(`\nRandom values (test/random.ts: full-range integers, short strings), ${VALUES} per type:\n`);
say(HEADER);
for (const [name, codec] of Object.entries(codecs)) {
  if (name.includes(".")) continue;
  const rng = new Rng(0xbe7c);
  row(name, codec, Array.from({ length: VALUES }, () => randomMessage(codec, rng)));
}
say(`\nFrames read per second from a buffer of ${FRAMES} length-delimited frames: \`frames(codec, bytes)\` against protobufjs's \`decodeDelimited\` over a \`Reader\`:\n`);
say("| message | frames/s: Cramberry | protobufjs | ratio |\n|---|---|---|---|");
for (const [label, name, value] of seedMessages(new Rng(0x5eed))) {
  frameRow(label, codecs[name]!, value);
}
if (sink === -1) console.log(sink);
if (!process.argv.includes("--no-write") && only === "") {
  const name = `${new Date().toISOString().slice(0, 10)}${quick ? "-quick" : ""}-node.md`;
  const out = fileURLToPath(new URL(`../../../../perf/results/${name}`, import.meta.url));
  writeFileSync(out, `# Node: Cramberry vs protobufjs (\`cd ts && npm run perf\`)\n\n${report.join("\n")}\n`);
  console.log(`\nwrote ${out}`);
}
