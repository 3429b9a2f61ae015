/**
 * The Node half of the cross-language test (schema/codegen-test/tests/typescript.rs runs it):
 * `node check.js MODULE FIXTURE OUT`. For each case of the fixture, Rust's bytes decode, give Rust's JSON and
 * re-encode to the same bytes; Rust's JSON reads back to them; each mutation gets Rust's verdict under every
 * option set. Then random values made here are written to OUT for Rust to check. Exits 1 on the first
 * difference, saying which.
 */

import {
  DEFAULT_OPTIONS, DecodeError, DecodeOptions, MessageCodec, canonicalOptions, decodeOptions, parseJson,
  secureOptions, stringifyJson, strictOptions,
} from "@cramberry/runtime";
import { readFileSync, writeFileSync } from "node:fs";
import { Rng, randomMessage } from "../random.js";
import { fromHex, sameJson, toHex, verdictName } from "./compare.js";

interface Verdict {
  ok?: string;
  error?: string;
  offset?: number;
  path?: string;
}

interface Case {
  message: string;
  hex: string;
  json: string;
  mutations: { hex: string; verdicts: Record<string, Verdict> }[];
}

const OPTION_SETS: Record<string, DecodeOptions> = {
  default: DEFAULT_OPTIONS,
  secure: secureOptions(),
  strict: strictOptions(),
  canonical: canonicalOptions(),
  tight: decodeOptions({ maxDepth: 3, maxElements: 2, maxStringLen: 3, maxBytesLen: 2 }),
};

function fail(what: string): never {
  console.error(what);
  process.exit(1);
}

function verdictOf(codec: MessageCodec<unknown>, bytes: Uint8Array, options: DecodeOptions): Verdict {
  try {
    return { ok: toHex(codec.encode(codec.decode(bytes, options))) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { error: verdictName(e), offset: e.offset, path: e.fieldPath };
  }
}

const [modulePath, fixturePath, outPath] = process.argv.slice(2);
if (modulePath === undefined || fixturePath === undefined || outPath === undefined) fail("usage: check.js MODULE FIXTURE OUT");
const module = (await import(modulePath)) as { codecs: Record<string, MessageCodec<unknown>> };
const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as { cases: Case[] };

let verdicts = 0;
const names = new Set<string>();
for (const c of fixture.cases) {
  const codec = module.codecs[c.message] ?? fail(`no codec for ${c.message}`);
  names.add(c.message);
  const bytes = fromHex(c.hex);
  const value = codec.decode(bytes);
  const again = toHex(codec.encode(value));
  if (again !== c.hex) fail(`${c.message}: re-encoded ${again}, Rust wrote ${c.hex}`);
  if (codec.encodedLen(value) !== bytes.length) fail(`${c.message}: encodedLen ${codec.encodedLen(value)} for ${bytes.length} bytes`);
  const rustJson = parseJson(c.json);
  const ours = parseJson(stringifyJson(codec.toJson(value)));
  const difference = sameJson(ours, rustJson, c.message);
  if (difference !== null) fail(`${c.message}: JSON differs at ${difference}\nours: ${stringifyJson(ours)}\nRust: ${c.json}`);
  const fromJson = toHex(codec.encode(codec.fromJson(rustJson)));
  if (fromJson !== c.hex) fail(`${c.message}: Rust's JSON encodes to ${fromJson}, not ${c.hex}\n${c.json}`);
  for (const m of c.mutations) {
    const input = fromHex(m.hex);
    for (const [label, expected] of Object.entries(m.verdicts)) {
      const got = verdictOf(codec, input, OPTION_SETS[label]!);
      if (got.ok !== expected.ok || got.error !== expected.error || got.offset !== expected.offset || got.path !== expected.path) {
        fail(`${c.message} under ${label} options, input ${m.hex}:\n  TypeScript ${JSON.stringify(got)}\n  Rust       ${JSON.stringify(expected)}`);
      }
      verdicts++;
    }
  }
}

const rng = new Rng(0x7523);
const values = [];
for (const name of names) {
  const codec = module.codecs[name]!;
  for (let i = 0; i < 40; i++) {
    const value = randomMessage(codec, rng);
    values.push({ message: name, hex: toHex(codec.encode(value)), json: stringifyJson(codec.toJson(value)) });
  }
}
writeFileSync(outPath, JSON.stringify({ values }));
console.log(`${fixturePath}: ${fixture.cases.length} values and ${verdicts} verdicts agree with Rust; ${values.length} values written`);
