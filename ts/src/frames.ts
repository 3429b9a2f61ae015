/**
 * Length-delimited frames (wire-format.md, "Streams"): each message after the varint of its length, as
 * protobuf's `writeDelimited` frames them and as the Rust runtime's `encode_length_delimited`, `frames` and
 * `StreamReader` write and read them. Framing errors have the Rust runtime's kinds, frame indexes and offsets.
 */

import { decodeWith, encodeWith, MessageCodec } from "./codec.js";
import { DecodeError, DecodeErrorDetail } from "./errors.js";
import { DEFAULT_OPTIONS, DecodeOptions } from "./options.js";
import { exactLen, readPrefix } from "./prefix.js";
import { varintLen } from "./wire.js";

/**
 * Whether a frame's framing is broken (`"Decode"`), its whole message does not decode (`"Message"`), or a stream
 * container's own rules are broken (`"Container"`, docs/stream-container.md).
 */
export type FrameErrorKind = "Decode" | "Message" | "Container";

/** How a stream container breaks the rules of its format (the Rust runtime's `ContainerErrorKind`). */
export type ContainerErrorDetail =
  | { kind: "BadMagic" }
  | { kind: "UnsupportedVersion"; version: bigint }
  | { kind: "UnknownRequiredFlags"; flags: bigint }
  | { kind: "MissingFeature"; capability: string }
  | { kind: "UnknownFrameKind"; frameKind: number }
  | { kind: "UnknownFrameFlags"; flags: number }
  | { kind: "UndeclaredCodec"; codec: string }
  | { kind: "ChecksumMismatch"; stored: number; computed: number }
  | { kind: "DecompressedTooLarge"; len: bigint; max: number }
  | { kind: "DecompressionFailed"; codec: string }
  | { kind: "OutOfPlace"; frameKind: string; reason: string }
  | { kind: "MetadataKeyOrder"; key: string }
  | { kind: "MissingTrailer" }
  | { kind: "DataAfterTrailer" };

/**
 * A frame that could not be read: its index in the stream (0 for the first), the byte offset where its length
 * prefix starts, and the cause. A framing error's `cause` (kind `"Decode"`) has its offset in the stream; a
 * message's (kind `"Message"`) has it in the message's bytes, as decoding them alone reports it — the Rust
 * runtime's `FrameError`.
 */
export class FrameError extends Error {
  /** The index of the frame. */
  readonly frame: number;
  /** The stream offset of the frame's length prefix. */
  readonly offset: number;
  /** Framing, message or container. */
  readonly kind: FrameErrorKind;
  /** The decode error of a `"Decode"` or `"Message"` error. */
  override readonly cause: DecodeError | undefined;
  /** The broken rule of a `"Container"` error. */
  readonly container: ContainerErrorDetail | undefined;

  constructor(frame: number, offset: number, kind: FrameErrorKind, cause: DecodeError | undefined, container?: ContainerErrorDetail) {
    const what = kind === "Message" ? "bad message (offsets from its first byte): " : "";
    super(`frame ${frame} (at byte ${offset}): ${what}${cause?.message ?? container?.kind ?? ""}`);
    this.name = "FrameError";
    this.frame = frame;
    this.offset = offset;
    this.kind = kind;
    this.cause = cause;
    this.container = container;
  }

  /** A container error of the frame `frame` at `offset`. */
  static container(frame: number, offset: number, detail: ContainerErrorDetail): FrameError {
    return new FrameError(frame, offset, "Container", undefined, detail);
  }

  /** The cause's kind: the decode error's or the container rule's (`"Truncated"`, `"ChecksumMismatch"`...). */
  get causeKind(): string {
    return this.cause?.kind ?? this.container?.kind ?? "";
  }

  /**
   * Whether the input ends inside this frame (a writer that stopped mid-frame) or, for a container, at a frame
   * boundary before its trailer: every frame before it was whole.
   */
  get isTruncated(): boolean {
    if (this.kind === "Container") return this.container?.kind === "MissingTrailer";
    return this.kind === "Decode" && (this.cause?.kind === "Truncated" || this.cause?.kind === "LengthOutOfBounds");
  }
}

/** One frame: `value`'s length as a varint, then its encoding (protobuf's length-delimited framing). */
export function encodeDelimited<T>(codec: MessageCodec<T>, value: T): Uint8Array {
  const body = encodeWith(codec, value);
  const out = new Uint8Array(varintLen(body.length) + body.length);
  let at = 0;
  for (let n = body.length; ; n = Math.floor(n / 128)) {
    if (n < 0x80) {
      out[at++] = n;
      break;
    }
    out[at++] = (n & 0x7f) | 0x80;
  }
  out.set(body, at);
  return out;
}

/** The framing error `detail` of the frame at stream offset `offset`. */
function framing(frame: number, offset: number, detail: DecodeErrorDetail): FrameError {
  return new FrameError(frame, offset, "Decode", new DecodeError(detail, offset));
}

/**
 * Splits the frame at `at` in `buf` (the stream's bytes up to `end`): its prefix length and message length, or
 * the framing error — a message longer than `max` is `LimitExceeded` before anything else is looked at, one cut
 * short is `LengthOutOfBounds`, a cut prefix `Truncated`, a prefix of more than 64 bits `VarintOverflow`.
 */
function splitFrame(buf: Uint8Array, at: number, end: number, max: number, frame: number): { header: number; len: number } {
  const prefix = readPrefix(buf, at, end);
  if ("error" in prefix) throw framing(frame, at, { kind: prefix.error });
  const remaining = end - at - prefix.header;
  if (prefix.len > max) throw framing(frame, at, { kind: "LimitExceeded", limit: "MessageLen", max });
  if (prefix.len > remaining) {
    throw framing(frame, at, { kind: "LengthOutOfBounds", len: exactLen(buf, at, prefix.header), remaining });
  }
  return { header: prefix.header, len: prefix.len };
}

/** The decoded value of one frame and the bytes after it. */
export interface Delimited<T> {
  /** The frame's message. */
  value: T;
  /** The bytes after the frame. */
  rest: Uint8Array;
}

/**
 * Decodes the frame at the start of `bytes` ("decode one, keep the rest"), its length bounded by the options'
 * message-length limit. Throws a `DecodeError` whose offset counts from the frame's first byte, as the Rust
 * runtime's `decode_length_delimited`.
 */
export function decodeDelimited<T>(codec: MessageCodec<T>, bytes: Uint8Array, options: DecodeOptions = DEFAULT_OPTIONS): Delimited<T> {
  let split;
  try {
    split = splitFrame(bytes, 0, bytes.length, options.maxMessageLen, 0);
  } catch (e) {
    const cause = (e as FrameError).cause!;
    cause.messageName = codec.name;
    throw cause;
  }
  const start = split.header;
  let value: T;
  try {
    value = decodeWith(codec, bytes.subarray(start, start + split.len), options);
  } catch (e) {
    throw e instanceof DecodeError ? e.shifted(start) : e;
  }
  return { value, rest: bytes.subarray(start + split.len) };
}

/**
 * The messages of the frames in `bytes`, in order. The first bad frame throws a {@link FrameError} (naming the
 * frame and its offset) and ends the iteration; every frame before it has been yielded. As the Rust runtime's
 * `T::frames`, frames are bounded by the options' message-length limit.
 */
export function* frames<T>(codec: MessageCodec<T>, bytes: Uint8Array, options: DecodeOptions = DEFAULT_OPTIONS): Generator<T, void, undefined> {
  let at = 0;
  for (let frame = 0; at < bytes.length; frame++) {
    const { header, len } = splitFrame(bytes, at, bytes.length, options.maxMessageLen, frame);
    const start = at + header;
    yield decodeMessage(codec, bytes.subarray(start, start + len), options, frame, at);
    at = start + len;
  }
}

/** Decodes one frame's message, its error a `"Message"` frame error. */
function decodeMessage<T>(codec: MessageCodec<T>, body: Uint8Array, options: DecodeOptions, frame: number, offset: number): T {
  try {
    return decodeWith(codec, body, options);
  } catch (e) {
    if (e instanceof DecodeError) throw new FrameError(frame, offset, "Message", e);
    throw e;
  }
}

/** What a {@link FrameReader} uses of a WHATWG `ReadableStream` (declared here so the build needs no DOM types). */
export interface ChunkStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    releaseLock(): void;
  };
}

/** Where a {@link FrameReader} reads chunks from: a Node `Readable`, a web `ReadableStream`, or any async iterable. */
export type ChunkSource = AsyncIterable<Uint8Array> | ChunkStream;

/** Settings of a {@link FrameReader}. */
export interface FrameReaderOptions {
  /** How messages are decoded (default: {@link DEFAULT_OPTIONS}). */
  options?: DecodeOptions;
  /**
   * The longest frame accepted, in bytes of message (default: the options' message-length limit, at most 64 MiB,
   * as the Rust `StreamReader`). A longer frame is an error before any of its bytes are buffered.
   */
  maxFrameLen?: number;
}

/** The frame limit when neither the options nor `maxFrameLen` set one (the Rust `StreamReader`'s). */
const DEFAULT_MAX_FRAME_LEN = 64 * 1024 * 1024;

/** The chunks of `source`, one at a time. */
function chunksOf(source: ChunkSource): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const reader = source.getReader();
  return {
    next: async () => {
      const { done, value } = await reader.read();
      return done || value === undefined ? { done: true, value: undefined } : { done: false, value };
    },
    return: async () => {
      reader.releaseLock();
      return { done: true, value: undefined };
    },
  };
}

/**
 * Reads length-delimited frames from a stream of chunks, split anywhere (one byte per chunk included), as the
 * Rust runtime's `StreamReader`: {@link next} gives the next frame's message. Memory grows with the bytes
 * received, never with what a prefix claims, and no frame longer than `maxFrameLen` is buffered.
 *
 * A framing problem (a stream cut inside a frame, a frame over the limit, a bad prefix) is thrown as a
 * {@link FrameError} and ends the stream: every complete frame before it has been read. A frame whose message
 * does not decode is thrown as a `"Message"` frame error and skipped: the framing is intact, so the next call
 * goes on with the next frame. Iterating (`for await`) stops at the first error of either kind.
 */
export class FrameReader<T> implements AsyncIterable<T> {
  private readonly codec: MessageCodec<T>;
  private readonly chunks: AsyncIterator<Uint8Array>;
  private readonly options: DecodeOptions;
  private readonly maxFrameLen: number;
  private buf = new Uint8Array(0);
  /** The unread bytes are `buf[start..end]`. */
  private start = 0;
  private end = 0;
  /** The stream offset of `buf[start]`. */
  private offset = 0;
  private frame = 0;
  private done = false;
  private failed = false;

  constructor(codec: MessageCodec<T>, source: ChunkSource, settings: FrameReaderOptions = {}) {
    this.codec = codec;
    this.chunks = chunksOf(source);
    this.options = settings.options ?? DEFAULT_OPTIONS;
    this.maxFrameLen = settings.maxFrameLen ?? Math.min(this.options.maxMessageLen, DEFAULT_MAX_FRAME_LEN);
  }

  /** Frames read so far (including ones whose message failed to decode). */
  get framesRead(): number {
    return this.frame;
  }

  /** The stream offset of the next frame. */
  get position(): number {
    return this.offset;
  }

  /** The next frame's message, or `undefined` at the end of the stream. Throws {@link FrameError}. */
  async next(): Promise<T | undefined> {
    const body = await this.nextFrame();
    if (body === undefined) return undefined;
    return decodeMessage(this.codec, body.bytes, this.options, body.frame, body.offset);
  }

  /** The next frame's message bytes (a copy the reader does not reuse), or `undefined` at the end. */
  async nextFrame(): Promise<{ bytes: Uint8Array; frame: number; offset: number } | undefined> {
    if (this.failed) return undefined;
    try {
      for (;;) {
        const prefix = readPrefix(this.buf, this.start, this.end);
        if ("len" in prefix) {
          if (prefix.len > this.maxFrameLen) {
            throw framing(this.frame, this.offset, { kind: "LimitExceeded", limit: "MessageLen", max: this.maxFrameLen });
          }
          const total = prefix.header + prefix.len;
          if (this.end - this.start >= total) return this.take(prefix.header, total);
          if (!(await this.fill())) {
            const remaining = this.end - this.start - prefix.header;
            const len = exactLen(this.buf, this.start, prefix.header);
            throw framing(this.frame, this.offset, { kind: "LengthOutOfBounds", len, remaining });
          }
        } else if (prefix.error === "Truncated") {
          if (!(await this.fill())) {
            if (this.end === this.start) return undefined;
            throw framing(this.frame, this.offset, { kind: "Truncated" });
          }
        } else {
          throw framing(this.frame, this.offset, { kind: "VarintOverflow" });
        }
      }
    } catch (e) {
      this.failed = true;
      await this.chunks.return?.();
      throw e;
    }
  }

  /** Consumes the whole frame of `total` bytes at the front (its prefix is `header` bytes). */
  private take(header: number, total: number): { bytes: Uint8Array; frame: number; offset: number } {
    const bytes = this.buf.slice(this.start + header, this.start + total);
    const frame = { bytes, frame: this.frame, offset: this.offset };
    this.start += total;
    this.offset += total;
    this.frame++;
    return frame;
  }

  /** Appends the next chunk to the unread bytes; false at the end of the source. */
  private async fill(): Promise<boolean> {
    let chunk: Uint8Array;
    do {
      if (this.done) return false;
      const next = await this.chunks.next();
      if (next.done) {
        this.done = true;
        return false;
      }
      chunk = next.value;
    } while (chunk.length === 0);
    const unread = this.end - this.start;
    if (this.buf.length - this.end < chunk.length) {
      // Move the unread bytes to the front, growing (by doubling) only when they and the chunk do not fit.
      const need = unread + chunk.length;
      const grown = need > this.buf.length ? new Uint8Array(Math.max(need, 2 * this.buf.length, 8192)) : this.buf;
      grown.set(this.buf.subarray(this.start, this.end), 0);
      this.buf = grown;
      this.start = 0;
      this.end = unread;
    }
    this.buf.set(chunk, this.end);
    this.end += chunk.length;
    return true;
  }

  /** The messages of the frames, stopping at the first error (which is thrown). */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const value = await this.next();
      if (value === undefined) return;
      yield value;
    }
  }
}

/** The messages of the length-delimited frames of `source` (see {@link FrameReader}), stopping at the first error. */
export function readFrames<T>(codec: MessageCodec<T>, source: ChunkSource, settings: FrameReaderOptions = {}): AsyncIterable<T> {
  return new FrameReader(codec, source, settings);
}
