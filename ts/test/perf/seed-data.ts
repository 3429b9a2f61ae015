/**
 * The seed's benchmark messages, built as the Rust perf runner builds them (perf/src/datasets/seed.rs): the
 * same shapes, sizes and value ranges (ids below 2^40, timestamps of this era, sentences of a 12-word list),
 * so Node's numbers describe the same workload.
 */

import { Rng } from "../random.js";
import {
  Address, BatchRequest, Document, Event, EventType, Metrics, Person, Priority, SmallMessage, Status, Timestamp,
} from "../generated/seed.js";

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];

const word = (rng: Rng) => WORDS[rng.below(WORDS.length)]!;
const sentence = (rng: Rng, n: number) => Array.from({ length: n }, () => word(rng)).join(" ");
const id = (rng: Rng) => rng.next() & ((1n << 40n) - 1n);
const range = (rng: Rng, lo: number, hi: number) => lo + rng.below(hi - lo + 1);
const chance = (rng: Rng, p: number) => rng.below(1_000_000) < p * 1_000_000;
const bytes = (rng: Rng, n: number) => Uint8Array.from({ length: n }, () => rng.below(256));

function timestamp(rng: Rng): Timestamp {
  return { seconds: BigInt(range(rng, 1_500_000_000, 1_800_000_000)), nanos: rng.below(1_000_000_000) };
}

function small(rng: Rng): SmallMessage {
  return { id: id(rng), name: `${word(rng)}-${rng.below(1000)}`, active: chance(rng, 0.5) };
}

function address(rng: Rng): Address {
  return {
    street1: `${range(rng, 1, 9999)} ${word(rng)} Street`,
    street2: chance(rng, 0.3) ? `Suite ${range(rng, 1, 500)}` : undefined,
    city: word(rng),
    state: "CA",
    postal_code: String(rng.below(100_000)).padStart(5, "0"),
    country: "US",
    coordinates: chance(rng, 0.5) ? { x: Math.fround(rng.below(1 << 24) / (1 << 24)), y: Math.fround(rng.below(1 << 24) / (1 << 24)), z: 0 } : undefined,
  };
}

function map(rng: Rng, entries: number): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < entries; i++) out.set(`${word(rng)}-${i}`, sentence(rng, 2));
  return out;
}

function batch(rng: Rng, items: number): BatchRequest {
  return {
    request_id: `req-${id(rng)}`,
    items: Array.from({ length: items }, () => small(rng)),
    headers: map(rng, 4),
    submitted_at: timestamp(rng),
    timeout: { seconds: 30n, nanos: 0 },
    priority: Priority.MEDIUM,
  };
}

/** One value of each seed message, by the name the report gives it. */
export function seedMessages(rng: Rng): [string, string, unknown][] {
  const person: Person = {
    id: id(rng),
    first_name: word(rng),
    last_name: word(rng),
    middle_name: word(rng),
    date_of_birth: timestamp(rng),
    contact: {
      email: `${word(rng)}@${word(rng)}.example`,
      phone: "+1-555-0100",
      mailing_address: address(rng),
      billing_address: address(rng),
    },
    status: Status.ACTIVE,
    created_at: timestamp(rng),
    updated_at: timestamp(rng),
  };
  const document: Document = {
    id: id(rng),
    title: sentence(rng, 5),
    content: sentence(rng, 200),
    author_id: id(rng),
    status: Status.ACTIVE,
    priority: Priority.HIGH,
    tags: Array.from({ length: 5 }, () => ({ key: word(rng), value: word(rng), color: "#ff8800" })),
    attachments: Array.from({ length: 3 }, (_, i) => ({
      id: `att-${i}`,
      filename: `${word(rng)}.pdf`,
      mime_type: "application/pdf",
      size_bytes: BigInt(rng.below(10_000_000)),
      checksum: bytes(rng, 32),
      url: `https://files.example/${word(rng)}`,
      uploaded_at: timestamp(rng),
    })),
    comments: Array.from({ length: 10 }, () => ({
      id: id(rng),
      author_id: id(rng),
      content: sentence(rng, 20),
      created_at: timestamp(rng),
      edited_at: chance(rng, 0.3) ? timestamp(rng) : undefined,
      reactions: Array.from({ length: rng.below(8) }, () => BigInt(rng.below(1000))),
    })),
    metadata: map(rng, 8),
    collaborators: Array.from({ length: 6 }, () => id(rng)),
    created_at: timestamp(rng),
    updated_at: timestamp(rng),
  };
  const event: Event = {
    id: `evt-${id(rng)}`,
    type: EventType.UPDATED,
    entity_type: "document",
    entity_id: `doc-${id(rng)}`,
    source: { service: "indexer", instance: `indexer-${rng.below(64)}`, version: "2.4.1", region: "eu-west-1" },
    timestamp: timestamp(rng),
    attributes: map(rng, 5),
    payload: bytes(rng, 256),
    correlation_id: `corr-${id(rng)}`,
  };
  const metrics: Metrics = {
    count: 1_204_332n,
    sum: 98_231.5,
    min: 0.25,
    max: 1_834.75,
    avg: 81.56,
    p50: 42.0,
    p95: 310.5,
    p99: 922.125,
    total_bytes: 77_231_009_112n,
    error_count: 17n,
  };
  return [
    ["SmallMessage", "SmallMessage", small(rng)],
    ["Metrics", "Metrics", metrics],
    ["Person", "Person", person],
    ["Document", "Document", document],
    ["Event", "Event", event],
    ["BatchRequest (100)", "BatchRequest", batch(rng, 100)],
    ["BatchRequest (1000)", "BatchRequest", batch(rng, 1000)],
  ];
}
