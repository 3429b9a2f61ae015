/**
 * The Node half of the cross-language stream test (schema/codegen-test/tests/typescript.rs runs it):
 * `node frames.js MODULE FIXTURE OUT`. The fixture holds a stream of length-delimited frames Rust wrote, the
 * messages' bytes, and Rust's `StreamReader` verdict on every cut of the stream. Here `frames` and a
 * `FrameReader` fed one byte per chunk must read the same messages and give the same verdicts (frames read,
 * then the error's kind, cause, frame index and offset); then the messages are framed again with
 * `encodeDelimited` and written to OUT, for Rust to read back. Exits 1 on the first difference, saying which.
 */

import { FrameError, FrameReader, MessageCodec, encodeDelimited, frames } from "@cramberry/runtime";
import { readFileSync, writeFileSync } from "node:fs";
import { fromHex, toHex } from "./compare.js";

interface Fixture {
  message: string;
  stream: string;
  values: string[];
  cuts: { cut: number; frames: number; error: [string, string, number, number] | null }[];
}

function fail(what: string): never {
  console.error(what);
  process.exit(1);
}

/** Frames read before the error, and the error as Rust reports it. */
function describe(read: number, e: unknown): { frames: number; error: [string, string, number, number] | null } {
  if (e === undefined) return { frames: read, error: null };
  if (!(e instanceof FrameError)) throw e;
  return { frames: read, error: [e.kind, e.causeKind, e.frame, e.offset] };
}

function readAll(codec: MessageCodec<unknown>, bytes: Uint8Array): { frames: number; error: [string, string, number, number] | null } {
  let read = 0;
  try {
    for (const _ of frames(codec, bytes)) read++;
  } catch (e) {
    return describe(read, e);
  }
  return describe(read, undefined);
}

async function* bytewise(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
}

async function readChunked(codec: MessageCodec<unknown>, bytes: Uint8Array) {
  let read = 0;
  try {
    for await (const _ of new FrameReader(codec, bytewise(bytes))) read++;
  } catch (e) {
    return describe(read, e);
  }
  return describe(read, undefined);
}

async function main(): Promise<void> {
  const [modulePath, fixturePath, outPath] = process.argv.slice(2);
  const module = (await import(modulePath!)) as { codecs: Record<string, MessageCodec<unknown>> };
  const fixture = JSON.parse(readFileSync(fixturePath!, "utf8")) as Fixture;
  const codec = module.codecs[fixture.message] ?? fail(`no codec for ${fixture.message}`);
  const stream = fromHex(fixture.stream);
  const decoded = [...frames(codec, stream)];
  const same = decoded.length === fixture.values.length && decoded.every((v, i) => toHex(codec.encode(v)) === fixture.values[i]);
  if (!same) fail(`frames read ${decoded.length} messages that differ from Rust's ${fixture.values.length}`);
  for (const expected of fixture.cuts) {
    const bytes = stream.subarray(0, expected.cut);
    const want = JSON.stringify({ frames: expected.frames, error: expected.error });
    const direct = JSON.stringify(readAll(codec, bytes));
    if (direct !== want) fail(`cut ${expected.cut}: frames gives ${direct}, Rust ${want}`);
    const chunked = JSON.stringify(await readChunked(codec, bytes));
    if (chunked !== want) fail(`cut ${expected.cut}: FrameReader gives ${chunked}, Rust ${want}`);
  }
  const parts = decoded.map((v) => toHex(encodeDelimited(codec, v)));
  writeFileSync(outPath!, JSON.stringify({ stream: parts.join("") }));
  console.log(`${fixture.message}: ${decoded.length} frames and ${fixture.cuts.length} cuts read as Rust reads them`);
}

main().catch((e: unknown) => fail(String(e)));
