/**
 * Message types by type id (the Rust runtime's `cramberry::registry`): decode a `cramberry.std.Any` (a type id
 * and a message's bytes) to the registered type, or keep the bytes of an unknown one so they re-encode
 * unchanged. Generated modules register their messages with `registerTypes(registry)`.
 */

import { decodeWith, encodeWith, MessageCodec } from "./codec.js";
import { DecodeError } from "./errors.js";
import { DEFAULT_OPTIONS, DecodeOptions } from "./options.js";

/** Type ids below this are reserved: 0 nil, 1-63 built-in, 64-127 the standard types. */
export const FIRST_USER_TYPE_ID = 128n;
/** The first standard type id (`cramberry.std`). */
export const FIRST_STANDARD_TYPE_ID = 64n;

/** What a registry does with a type id it has no type for: an `UnknownTypeId` error, or keep the bytes. */
export type UnknownTypes = "error" | "keep";

/** Why a type could not be registered (the Rust runtime's `RegistryError` variants). */
export type RegistryErrorKind = "DuplicateTypeId" | "DuplicateType" | "ReservedTypeId";

/** A refused registration: its kind, the type id and the type, and the type already holding the id. */
export class RegistryError extends Error {
  readonly kind: RegistryErrorKind;
  readonly typeId: bigint;
  readonly typeName: string;
  readonly registered: string | undefined;

  constructor(kind: RegistryErrorKind, typeId: bigint, typeName: string, registered?: string) {
    const why =
      kind === "DuplicateTypeId"
        ? `type id ${typeId} of ${typeName} is already taken by ${registered}`
        : kind === "DuplicateType"
          ? `${typeName} is already registered (type id ${registered})`
          : `type id ${typeId} of ${typeName} is reserved (user type ids start at ${FIRST_USER_TYPE_ID})`;
    super(why);
    this.name = "RegistryError";
    this.kind = kind;
    this.typeId = typeId;
    this.typeName = typeName;
    this.registered = registered;
  }
}

/** A decoded message of a registered type. */
export interface RegisteredMessage<T = unknown> {
  readonly typeId: bigint;
  readonly codec: MessageCodec<T>;
  readonly value: T;
}

/** A message of a type id the registry does not know, kept as its bytes (re-encoded unchanged). */
export interface UnregisteredMessage {
  readonly typeId: bigint;
  readonly bytes: Uint8Array;
}

/** A decoded `Any`: a registered message, or the kept bytes of an unknown one. */
export type AnyMessage<T = unknown> = RegisteredMessage<T> | UnregisteredMessage;

/** The fields of a `cramberry.std.Any` (the generated `Any`'s shape). */
export interface AnyValue {
  type_id: bigint;
  value: Uint8Array;
}

/** Message codecs by type id. */
export class Registry {
  private readonly byId = new Map<bigint, MessageCodec<unknown>>();
  private readonly ids = new Map<MessageCodec<unknown>, bigint>();
  private unknown: UnknownTypes = "error";

  /** Sets what decoding does with an unknown type id (builder style). */
  unknownTypes(unknown: UnknownTypes): this {
    this.unknown = unknown;
    return this;
  }

  /** Registers `codec` under `typeId` (128 and up). Throws {@link RegistryError}. */
  register<T>(typeId: bigint | number, codec: MessageCodec<T>): this {
    return this.registerAll([[typeId, codec]]);
  }

  /**
   * Registers every `[typeId, codec]` pair, or none of them when one is refused (what generated
   * `registerTypes` uses). `standard` admits the standard ids 64-127, for the `cramberry.std` messages, which
   * every module importing the standard schema registers: one already registered under its id is kept.
   */
  registerAll(entries: readonly (readonly [bigint | number, MessageCodec<any>])[], standard = false): this {
    const added: [bigint, MessageCodec<unknown>][] = [];
    const taken = (id: bigint) => this.byId.get(id) ?? added.find(([a]) => a === id)?.[1];
    const known = (codec: MessageCodec<unknown>) => this.ids.get(codec) ?? added.find(([, c]) => c === codec)?.[0];
    for (const [raw, codec] of entries) {
      const id = BigInt(raw);
      const floor = standard ? FIRST_STANDARD_TYPE_ID : FIRST_USER_TYPE_ID;
      if (id < floor) throw new RegistryError("ReservedTypeId", id, codec.name);
      const holder = taken(id);
      if (standard && holder !== undefined && holder.name === codec.name) continue;
      if (holder !== undefined) throw new RegistryError("DuplicateTypeId", id, codec.name, holder.name);
      const previous = known(codec);
      if (previous !== undefined) throw new RegistryError("DuplicateType", id, codec.name, String(previous));
      added.push([id, codec]);
    }
    for (const [id, codec] of added) {
      this.byId.set(id, codec);
      this.ids.set(codec, id);
    }
    return this;
  }

  /** Whether a type is registered under `typeId`. */
  contains(typeId: bigint | number): boolean {
    return this.byId.has(BigInt(typeId));
  }

  /** The schema name of the type registered under `typeId`. */
  typeName(typeId: bigint | number): string | undefined {
    return this.byId.get(BigInt(typeId))?.name;
  }

  /** The registered type ids, in ascending order. */
  typeIds(): bigint[] {
    return [...this.byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** The type id `codec` is registered under. */
  typeIdOf(codec: MessageCodec<unknown>): bigint | undefined {
    return this.ids.get(codec);
  }

  /**
   * Decodes `bytes` as the type registered under `typeId`. An unknown id is a `DecodeError` of kind
   * `UnknownTypeId` (at offset 0), or, with `unknownTypes("keep")`, the bytes kept.
   */
  decode(typeId: bigint | number, bytes: Uint8Array, options: DecodeOptions = DEFAULT_OPTIONS): AnyMessage {
    const id = BigInt(typeId);
    const codec = this.byId.get(id);
    if (codec === undefined) {
      if (this.unknown === "keep") return { typeId: id, bytes };
      throw new DecodeError({ kind: "UnknownTypeId", typeId: id }, 0);
    }
    return { typeId: id, codec, value: decodeWith(codec, bytes, options) };
  }

  /** Decodes the message an `Any` holds (see {@link decode}). */
  decodeAny(any: AnyValue, options: DecodeOptions = DEFAULT_OPTIONS): AnyMessage {
    return this.decode(any.type_id, any.value, options);
  }

  /** The `Any` of a message: a registered one encoded, a kept one's bytes as they were. */
  toAny(message: AnyMessage): AnyValue {
    if ("bytes" in message) return { type_id: message.typeId, value: message.bytes };
    return { type_id: message.typeId, value: encodeWith(message.codec, message.value) };
  }

}
