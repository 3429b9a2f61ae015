/**
 * Random values of any generated message, built from its field descriptors (`codec.fields`): the TypeScript
 * side of the cross-language tests, and the data of the perf comparison.
 */

import type { FieldInfo, KindInfo, MessageCodec } from "@cramberry/runtime";

/** A xorshift generator: the same seed gives the same values. */
export class Rng {
  private state: bigint;

  constructor(seed: number) {
    this.state = BigInt(seed) | 1n;
  }

  /** The next 64 random bits. */
  next(): bigint {
    let x = this.state;
    x ^= (x << 13n) & 0xffffffffffffffffn;
    x ^= x >> 7n;
    x ^= (x << 17n) & 0xffffffffffffffffn;
    this.state = x;
    return x;
  }

  /** A number below `n` (0 when `n` is 0). */
  below(n: number): number {
    return n <= 0 ? 0 : Number(this.next() % BigInt(n));
  }
}

const STRINGS = ["", "a", "héllo", "ünïcode ✓", "BTC-USD", "😀 astral", "\u0000nul"];

/** Integer ranges of the number-typed scalars. */
const RANGES: Record<string, [number, number]> = {
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  fixed32: [0, 4294967295],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  sfixed32: [-2147483648, 2147483647],
};

function randomScalar(name: string, rng: Rng): unknown {
  const small = rng.below(4) === 0;
  const range = RANGES[name];
  if (range !== undefined) {
    if (small) return Math.max(range[0], Math.min(range[1], rng.below(3) - (range[0] < 0 ? 1 : 0)));
    return range[0] + rng.below(range[1] - range[0] + 1);
  }
  switch (name) {
    case "bool":
      return rng.below(2) === 1;
    case "uint64":
    case "fixed64":
      return small ? BigInt(rng.below(3)) : rng.next();
    case "int64":
    case "sfixed64":
      return small ? BigInt(rng.below(3) - 1) : BigInt.asIntN(64, rng.next());
    case "float32":
      return small ? [0, -0, 1.5][rng.below(3)] : Math.fround((rng.below(2_000_000) - 1_000_000) / 7);
    case "float64":
      return small ? [0, -0, Infinity][rng.below(3)] : Number(BigInt.asIntN(64, rng.next())) / 3;
    case "string":
      return STRINGS[rng.below(STRINGS.length)];
    case "bytes":
      return Uint8Array.from({ length: rng.below(6) }, (_, i) => (i * 37 + rng.below(256)) & 0xff);
  }
  throw new Error(`no random ${name}`);
}

function randomKind(kind: KindInfo, rng: Rng, depth: number): unknown {
  if ("scalar" in kind) return randomScalar(kind.scalar, rng);
  if ("values" in kind) {
    if (kind.open && rng.below(8) === 0) return 1000 + rng.below(1000);
    return kind.values[rng.below(kind.values.length)];
  }
  if ("message" in kind) return randomMessage(kind.message(), rng, depth + 1);
  const member = kind.members[rng.below(kind.members.length)]!;
  return { typeId: member.typeId, value: randomMessage(member.codec(), rng, depth + 1) };
}

function isRecursive(f: FieldInfo): boolean {
  return "message" in f.kind || "members" in f.kind;
}

/** A random value of `codec`'s message: each non-required field set three times in four. */
export function randomMessage<T>(codec: MessageCodec<T>, rng: Rng, depth = 0): T {
  const m = codec.create() as Record<string, unknown>;
  for (const f of codec.fields) {
    if (depth > 3 && isRecursive(f) && f.label !== "required" && f.label !== "array") continue;
    if (f.label !== "required" && rng.below(4) === 0) continue;
    switch (f.label) {
      case "repeated":
        m[f.name] = Array.from({ length: rng.below(4) }, () => randomKind(f.kind, rng, depth));
        break;
      case "array":
        m[f.name] = Array.from({ length: f.length! }, () => randomKind(f.kind, rng, depth));
        break;
      case "map": {
        const map = new Map<unknown, unknown>();
        for (let i = rng.below(4); i > 0; i--) map.set(randomKind(f.key!, rng, depth), randomKind(f.kind, rng, depth));
        m[f.name] = map;
        break;
      }
      default:
        m[f.name] = randomKind(f.kind, rng, depth);
    }
  }
  return m as T;
}
