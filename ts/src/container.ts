/**
 * The stream container (docs/stream-container.md), read from a whole buffer: preamble, header metadata, message,
 * chunk, end-message and extension frames, trailers, CRC32C checksums; compressed frames through decompressors
 * the caller supplies (so a page that needs none loads none). Every refusal is a {@link FrameError} with the
 * Rust runtime's kind, frame index and offset.
 */

import { decodeWith, MessageCodec } from "./codec.js";
import { DecodeError, DecodeErrorDetail } from "./errors.js";
import { ContainerErrorDetail, FrameError } from "./frames.js";
import { DEFAULT_OPTIONS, DecodeOptions } from "./options.js";
import { exactLen, readPrefix } from "./prefix.js";
import { Reader } from "./reader.js";
import { compareUtf8, decodeUtf8 } from "./utf8.js";
import { BYTES } from "./wire.js";

const MAGIC = [0x89, 0x43, 0x52, 0x41, 0x4d, 0x0d, 0x0a, 0x1a];
const FLAG_CHECKSUMS = 1n;
const KNOWN_FLAGS = 0b1111n;
const REQUIRED_FLAGS = 0xffff_ffffn;
const FIRST_EXTENSION_KIND = 0x40;
const DEFAULT_MAX_FRAME_LEN = 64 * 1024 * 1024;
const CODECS = ["zstd", "lz4", "snappy"] as const;

/** A compression codec of the container format. */
export type Codec = (typeof CODECS)[number];

/** Decompresses a frame's stored payload; must return exactly `rawLen` bytes (or anything else to refuse it). */
export type Decompressor = (stored: Uint8Array, rawLen: number) => Uint8Array;

/** Settings of a {@link ContainerReader}. */
export interface ContainerOptions {
  /** How messages are decoded (default: {@link DEFAULT_OPTIONS}). */
  options?: DecodeOptions;
  /** The longest frame, stored or decompressed (default: the options' message-length limit, at most 64 MiB). */
  maxFrameLen?: number;
  /** Decompressors by codec: a stream that declares a codec without one is refused (`MissingFeature`). */
  decompress?: Partial<Record<Codec, Decompressor>>;
}

/** The kinds of frame after the header. */
export type ContainerFrameKind = "header" | "message" | "chunk" | "end-message" | "trailer" | "extension";

/** A frame read from a container. */
export interface ContainerFrame {
  /** What it holds. */
  kind: ContainerFrameKind;
  /** Its kind byte (an extension frame's own). */
  byte: number;
  /** Its index in the stream (0 is the header frame). */
  index: number;
  /** The stream offset where it starts. */
  offset: number;
  /** The payload, decompressed. */
  payload: Uint8Array;
}

const KIND_NAMES: Record<number, ContainerFrameKind> = {
  1: "header",
  2: "message",
  3: "chunk",
  4: "end-message",
  5: "trailer",
};

/** The CRC32C table (Castagnoli polynomial, reflected). */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC32C of `bytes`, continuing from `crc` (0 to start): `crc32c(utf8("123456789")) === 0xe3069283`. */
export function crc32c(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** A varint at `at`, exactly (as a bigint), or why it does not decode. */
function varintAt(buf: Uint8Array, at: number): { value: bigint; len: number } | "Truncated" | "VarintOverflow" {
  const prefix = readPrefix(buf, at, buf.length);
  return "error" in prefix ? prefix.error : { value: exactLen(buf, at, prefix.header), len: prefix.header };
}

/** Decodes metadata pairs (section 5); errors' offsets count from the payload's start. */
function decodeMetadata(bytes: Uint8Array): Map<string, Uint8Array> | ContainerErrorDetail {
  let at = 0;
  const varint = (): bigint => {
    const v = varintAt(bytes, at);
    if (typeof v === "string") throw new DecodeError({ kind: v }, at);
    at += v.len;
    return v.value;
  };
  const delimited = (): Uint8Array => {
    const start = at;
    const len = varint();
    const remaining = bytes.length - at;
    if (len > BigInt(remaining)) throw new DecodeError({ kind: "LengthOutOfBounds", len, remaining }, start);
    const part = bytes.subarray(at, at + Number(len));
    at += Number(len);
    return part;
  };
  const count = varint();
  if (count > BigInt(bytes.length)) throw new DecodeError({ kind: "LengthOutOfBounds", len: count, remaining: bytes.length }, 0);
  const out = new Map<string, Uint8Array>();
  let last: string | undefined;
  for (let i = 0n; i < count; i++) {
    const keyAt = at;
    const raw = delimited();
    const key = decodeUtf8(raw, 0, raw.length);
    if (key === null) throw new DecodeError({ kind: "InvalidUtf8" }, keyAt);
    if (last !== undefined && compareUtf8(last, key) >= 0) return { kind: "MetadataKeyOrder", key };
    out.set(key, delimited().slice());
    last = key;
  }
  if (at !== bytes.length) throw new DecodeError({ kind: "LengthOutOfBounds", len: count, remaining: bytes.length - at }, at);
  return out;
}

/**
 * Reads a stream container held in one buffer (a file read whole, a fetched page): `open` checks the preamble
 * and reads the header frame; then {@link nextFrame}, {@link nextMessage} and {@link nextElement} read on;
 * `trailers` is set once the trailer frame has been read. A message that does not decode is reported (a
 * `"Message"` {@link FrameError}) and skipped; every other error ends the stream.
 */
export class ContainerReader {
  /** The header frame's metadata. */
  headers: Map<string, Uint8Array> = new Map();
  /** The trailer frame's metadata, once it has been read. */
  trailers: Map<string, Uint8Array> | undefined;
  /** The preamble's flags. */
  flags = 0n;
  private readonly bytes: Uint8Array;
  private readonly options: DecodeOptions;
  private readonly maxFrameLen: number;
  private readonly decompressors: Partial<Record<Codec, Decompressor>>;
  private checksums = false;
  private preambleLen = 0;
  private at = 0;
  private frame = 0;
  private state: "messages" | "chunked" | "done" = "messages";
  /** The chunk being walked by {@link nextElement}, and where. */
  private chunk: { frame: ContainerFrame; at: number } | undefined;

  private constructor(bytes: Uint8Array, settings: ContainerOptions) {
    this.bytes = bytes;
    this.options = settings.options ?? DEFAULT_OPTIONS;
    this.maxFrameLen = settings.maxFrameLen ?? Math.min(this.options.maxMessageLen, DEFAULT_MAX_FRAME_LEN);
    this.decompressors = settings.decompress ?? {};
  }

  /** Opens the container in `bytes`: checks its preamble and reads its header frame. Throws {@link FrameError}. */
  static open(bytes: Uint8Array, settings: ContainerOptions = {}): ContainerReader {
    const reader = new ContainerReader(bytes, settings);
    reader.readPreamble();
    const header = reader.readFrame();
    if (header === undefined) throw reader.decode("Truncated");
    if (header.byte !== 1) throw reader.containerAt(header, { kind: "OutOfPlace", frameKind: header.kind, reason: "comes before the header frame" });
    reader.headers = reader.metadata(header);
    return reader;
  }

  /** Frames read so far, the header included. */
  get framesRead(): number {
    return this.frame;
  }

  /** The next frame after the header (the trailer frame fills {@link trailers} and ends the stream). */
  nextFrame(): ContainerFrame | undefined {
    this.chunk = undefined;
    return this.advance();
  }

  /**
   * The next whole message, decoded with `codec`; extension frames are skipped. A chunked message is skipped
   * and reported (`OutOfPlace`: read it with {@link nextElement}).
   */
  nextMessage<T>(codec: MessageCodec<T>): T | undefined {
    this.chunk = undefined;
    for (;;) {
      const frame = this.advance();
      if (frame === undefined) return undefined;
      if (frame.kind === "message") return this.decodeIn(codec, frame.payload, frame);
      if (frame.kind === "chunk") {
        while (this.state === "chunked") this.advance();
        throw this.containerAt(frame, { kind: "OutOfPlace", frameKind: "chunk", reason: "starts a chunked message, skipped: read it with next_element" });
      }
    }
  }

  /**
   * The next element of the repeated message field `field` of the chunked message being read (starting the
   * next one when none is open), decoded with `codec`; other fields are skipped. `undefined` at the end of the
   * chunked message (the next call starts the next one) and at the end of the stream.
   */
  nextElement<T>(codec: MessageCodec<T>, field: number): T | undefined {
    for (;;) {
      if (this.chunk !== undefined) {
        const element = this.nextFieldInChunk(this.chunk, field);
        if (element !== undefined) return this.decodeIn(codec, element, this.chunk.frame);
        this.chunk = undefined;
        continue;
      }
      const frame = this.advance();
      if (frame === undefined) return undefined;
      if (frame.kind === "chunk") this.chunk = { frame, at: 0 };
      else if (frame.kind === "end-message") return undefined;
      else if (frame.kind === "message") {
        throw this.containerAt(frame, { kind: "OutOfPlace", frameKind: "message", reason: "is not a chunked message: read it with next_view" });
      }
    }
  }

  /** The whole messages of the stream, decoded with `codec`, stopping at the first error (which is thrown). */
  *messages<T>(codec: MessageCodec<T>): Generator<T, void, undefined> {
    for (;;) {
      const value = this.nextMessage(codec);
      if (value === undefined) return;
      yield value;
    }
  }

  /** The payload of the next field `field` of the chunk, moving past it; `undefined` at the chunk's end. */
  private nextFieldInChunk(chunk: { frame: ContainerFrame; at: number }, field: number): Uint8Array | undefined {
    const payload = chunk.frame.payload;
    const r = new Reader(payload.subarray(chunk.at));
    try {
      while (r.pos < r.end) {
        const t = r.tag(0);
        if (t >>> 3 === field) {
          if ((t & 7) !== BYTES) throw r.mismatch(t, BYTES);
          const len = r.len();
          const body = payload.subarray(chunk.at + r.pos, chunk.at + r.pos + len);
          r.pos += len;
          chunk.at += r.pos;
          return body;
        }
        r.skip(t & 7);
      }
    } catch (e) {
      if (e instanceof DecodeError) throw new FrameError(chunk.frame.index, chunk.frame.offset, "Message", e.shifted(chunk.at));
      throw e;
    }
    return undefined;
  }

  private decodeIn<T>(codec: MessageCodec<T>, bytes: Uint8Array, frame: ContainerFrame): T {
    try {
      return decodeWith(codec, bytes, this.options);
    } catch (e) {
      if (e instanceof DecodeError) throw new FrameError(frame.index, frame.offset, "Message", e);
      throw e;
    }
  }

  /** The next frame, with the order rules applied; `undefined` after the trailer or an error. */
  private advance(): ContainerFrame | undefined {
    if (this.state === "done") return undefined;
    try {
      return this.advanceInner();
    } catch (e) {
      this.state = "done";
      throw e;
    }
  }

  private advanceInner(): ContainerFrame | undefined {
    const frame = this.readFrame();
    if (frame === undefined) throw this.container({ kind: "MissingTrailer" });
    const chunked = this.state === "chunked";
    const place = (reason: string) => this.containerAt(frame, { kind: "OutOfPlace", frameKind: frame.kind, reason });
    if (frame.byte === 1) throw place("appears after the first frame");
    if ((frame.kind === "message" || frame.kind === "trailer") && chunked) {
      throw place("appears inside a chunked message, before its end-message frame");
    }
    if (frame.kind === "end-message" && !chunked) throw place("ends no chunked message");
    if (frame.kind === "end-message" && frame.payload.length !== 0) throw place("has a payload");
    if (frame.kind === "chunk") this.state = "chunked";
    if (frame.kind === "end-message") this.state = "messages";
    if (frame.kind === "trailer") {
      this.trailers = this.metadata(frame);
      this.state = "done";
      if (this.at < this.bytes.length) throw this.container({ kind: "DataAfterTrailer" });
      return undefined;
    }
    return frame;
  }

  private readPreamble(): void {
    const head = this.bytes.subarray(0, MAGIC.length);
    if (!head.every((b, i) => b === MAGIC[i])) throw this.container({ kind: "BadMagic" });
    if (head.length < MAGIC.length) throw this.decode("Truncated");
    const version = this.varint(MAGIC.length);
    if (version.value !== 1n) throw this.container({ kind: "UnsupportedVersion", version: version.value });
    const flags = this.varint(MAGIC.length + version.len);
    const unknown = flags.value & REQUIRED_FLAGS & ~KNOWN_FLAGS;
    if (unknown !== 0n) throw this.container({ kind: "UnknownRequiredFlags", flags: unknown });
    CODECS.forEach((codec, i) => {
      if ((flags.value & (1n << BigInt(i + 1))) !== 0n && this.decompressors[codec] === undefined) {
        throw this.container({ kind: "MissingFeature", capability: `${codec} compression` });
      }
    });
    this.flags = flags.value;
    this.checksums = (flags.value & FLAG_CHECKSUMS) !== 0n;
    this.preambleLen = this.at = MAGIC.length + version.len + flags.len;
  }

  /** The varint at `at` of the preamble; a framing error when it does not decode. */
  private varint(at: number): { value: bigint; len: number } {
    const v = varintAt(this.bytes, at);
    if (typeof v === "string") throw this.decode(v);
    return v;
  }

  /** Reads the next frame whole (limit, checksum, decompression), or `undefined` at the end of the input. */
  private readFrame(): ContainerFrame | undefined {
    const bytes = this.bytes;
    const start = this.at;
    if (start >= bytes.length) return undefined;
    if (start + 2 > bytes.length) throw this.decode("Truncated");
    const byte = bytes[start]!;
    const flags = bytes[start + 1]!;
    const stored = varintAt(bytes, start + 2);
    if (typeof stored === "string") throw this.decode(stored);
    const codecBits = flags & 0b11;
    let raw = { value: stored.value, len: 0 };
    if (codecBits !== 0) {
      const r = varintAt(bytes, start + 2 + stored.len);
      if (typeof r === "string") throw this.decode(r);
      raw = r;
    }
    const headerLen = 2 + stored.len + raw.len;
    const name = KIND_NAMES[byte] ?? (byte >= FIRST_EXTENSION_KIND ? "extension" : undefined);
    if (name === undefined) throw this.container({ kind: "UnknownFrameKind", frameKind: byte });
    if ((flags & ~0b11) !== 0) throw this.container({ kind: "UnknownFrameFlags", flags });
    const codec = codecBits === 0 ? undefined : CODECS[codecBits - 1]!;
    if (codec !== undefined && (this.flags & (1n << BigInt(codecBits))) === 0n) {
      throw this.container({ kind: "UndeclaredCodec", codec });
    }
    const max = this.maxFrameLen;
    if (stored.value > BigInt(max)) throw this.decode({ kind: "LimitExceeded", limit: "MessageLen", max });
    if (raw.value > BigInt(max)) throw this.container({ kind: "DecompressedTooLarge", len: raw.value, max });
    const storedLen = Number(stored.value);
    const checksumLen = this.checksums ? 4 : 0;
    const total = headerLen + storedLen + checksumLen;
    if (start + total > bytes.length) {
      const remaining = Math.max(0, bytes.length - start - headerLen);
      throw this.decode({ kind: "LengthOutOfBounds", len: stored.value, remaining });
    }
    if (this.checksums) {
      const end = start + headerLen + storedLen;
      const from = byte === 1 ? crc32c(bytes.subarray(0, this.preambleLen)) : 0;
      const computed = crc32c(bytes.subarray(start, end), from);
      const at = end;
      const storedCrc = (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
      if (storedCrc !== computed) throw this.container({ kind: "ChecksumMismatch", stored: storedCrc, computed });
    }
    const frame: ContainerFrame = {
      kind: name,
      byte,
      index: this.frame,
      offset: start,
      payload: bytes.subarray(start + headerLen, start + headerLen + storedLen),
    };
    this.at = start + total;
    this.frame++;
    if (codec !== undefined) {
      const rawLen = Number(raw.value);
      let out: Uint8Array | undefined;
      try {
        out = this.decompressors[codec]!(frame.payload, rawLen);
      } catch {
        out = undefined;
      }
      if (out === undefined || out.length !== rawLen) throw this.containerAt(frame, { kind: "DecompressionFailed", codec });
      frame.payload = out;
    }
    return frame;
  }

  /** The metadata of a header or trailer frame. */
  private metadata(frame: ContainerFrame): Map<string, Uint8Array> {
    let decoded;
    try {
      decoded = decodeMetadata(frame.payload);
    } catch (e) {
      if (e instanceof DecodeError) throw new FrameError(frame.index, frame.offset, "Message", e);
      throw e;
    }
    if (decoded instanceof Map) return decoded;
    throw this.containerAt(frame, decoded);
  }

  /** A framing error of the frame about to be read, at its start. */
  private decode(detail: DecodeErrorDetail | "Truncated" | "VarintOverflow"): FrameError {
    const d = typeof detail === "string" ? { kind: detail } : detail;
    return new FrameError(this.frame, this.at, "Decode", new DecodeError(d as DecodeErrorDetail, this.at));
  }

  /** A container error of the frame about to be read. */
  private container(detail: ContainerErrorDetail): FrameError {
    return FrameError.container(this.frame, this.at, detail);
  }

  /** A container error of `frame`, already read. */
  private containerAt(frame: ContainerFrame, detail: ContainerErrorDetail): FrameError {
    return FrameError.container(frame.index, frame.offset, detail);
  }
}
