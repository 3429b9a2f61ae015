/**
 * The Node half of the cross-language container test (schema/codegen-test/tests/typescript.rs runs it):
 * `node container.js FIXTURE`. For every container Rust wrote (every codec, checksums off and on, messages, a
 * chunked message, trailers), every cut of it and mutations of it, `ContainerReader` (with the zstd, lz4 and
 * snappy decompressors of `@cramberry/runtime/zstd`, `/lz4` and `/snappy`) must give Rust's verdict: the
 * same headers, the same frames (kind, index, offset, payload), the same trailers, and the same error (kind,
 * cause, frame index, offset) or none. Exits 1 on the first difference, saying which.
 */

import { ContainerReader, FrameError } from "@cramberry/runtime";
import { lz4 } from "@cramberry/runtime/lz4";
import { snappy } from "@cramberry/runtime/snappy";
import { zstd } from "@cramberry/runtime/zstd";
import { readFileSync } from "node:fs";
import { fromHex, toHex } from "./compare.js";

interface Fixture {
  containers: { codec: string; checksums: boolean; cases: { hex: string; verdict: unknown }[] }[];
}

function verdict(bytes: Uint8Array): unknown {
  const pairs = (m: Map<string, Uint8Array>) => [...m].map(([k, v]) => [k, toHex(v)]);
  const frames: unknown[] = [];
  const error = (e: unknown) => {
    if (!(e instanceof FrameError)) throw e;
    return [e.kind, e.causeKind, e.frame, e.offset];
  };
  let reader: ContainerReader;
  try {
    reader = ContainerReader.open(bytes, { decompress: { zstd, lz4, snappy } });
  } catch (e) {
    return { headers: null, frames, trailers: null, error: error(e) };
  }
  let failed: unknown = null;
  try {
    for (let f = reader.nextFrame(); f !== undefined; f = reader.nextFrame()) {
      frames.push([f.kind, f.index, f.offset, toHex(f.payload)]);
    }
  } catch (e) {
    failed = error(e);
  }
  const trailers = reader.trailers === undefined ? null : pairs(reader.trailers);
  return { headers: pairs(reader.headers), frames, trailers, error: failed };
}

const fixture = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Fixture;
let cases = 0;
for (const container of fixture.containers) {
  for (const c of container.cases) {
    const ours = JSON.stringify(verdict(fromHex(c.hex)));
    const theirs = JSON.stringify(c.verdict);
    if (ours !== theirs) {
      console.error(`${container.codec}, checksums ${container.checksums}, input ${c.hex}:\n  TypeScript ${ours}\n  Rust       ${theirs}`);
      process.exit(1);
    }
    cases++;
  }
}
console.log(`${cases} containers (cuts and mutations) read as Rust reads them`);
