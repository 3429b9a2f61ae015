/** How decoding treats untrusted input: limits, strictness and canonical checking. */
export interface DecodeOptions {
  /** Nesting depth of messages and interface values (default 100). */
  readonly maxDepth: number;
  /** Length of the whole input in bytes. */
  readonly maxMessageLen: number;
  /** Length of one string in bytes. */
  readonly maxStringLen: number;
  /** Length of one bytes value. */
  readonly maxBytesLen: number;
  /** Elements in one list or entries in one map. */
  readonly maxElements: number;
  /** Unknown fields are errors. */
  readonly strict: boolean;
  /** Only canonical bytes are accepted (implies strict). */
  readonly canonical: boolean;
  /** Unknown fields are kept on the decoded object and written again by `encode` (default: skipped). */
  readonly keepUnknown: boolean;
}

/** Lenient decoding: unknown fields skipped, the only limit a nesting depth of 100. */
export const DEFAULT_OPTIONS: DecodeOptions = Object.freeze({
  maxDepth: 100,
  maxMessageLen: Number.MAX_SAFE_INTEGER,
  maxStringLen: Number.MAX_SAFE_INTEGER,
  maxBytesLen: Number.MAX_SAFE_INTEGER,
  maxElements: Number.MAX_SAFE_INTEGER,
  strict: false,
  canonical: false,
  keepUnknown: false,
});

/** The default options with some changed: `decodeOptions({ strict: true })`. */
export function decodeOptions(changes: Partial<DecodeOptions> = {}): DecodeOptions {
  return Object.freeze({ ...DEFAULT_OPTIONS, ...changes });
}

/** Limits for input from the network: depth 32, message 1 MiB, string 1 MiB, bytes 10 MiB, 10 000 elements. */
export function secureOptions(changes: Partial<DecodeOptions> = {}): DecodeOptions {
  return decodeOptions({
    maxDepth: 32,
    maxMessageLen: 1 << 20,
    maxStringLen: 1 << 20,
    maxBytesLen: 10 << 20,
    maxElements: 10_000,
    ...changes,
  });
}

/** Defaults, plus unknown fields are errors. */
export function strictOptions(): DecodeOptions {
  return decodeOptions({ strict: true });
}

/** Accepts only canonical bytes: every violation is an error naming the rule. */
export function canonicalOptions(): DecodeOptions {
  return decodeOptions({ canonical: true });
}
