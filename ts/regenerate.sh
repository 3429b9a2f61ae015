#!/usr/bin/env bash
# Rewrites ts/test/generated from the schemas the TypeScript tests use (run after changing the TS generator).
set -euo pipefail
cd "$(dirname "$0")/.."
for schema in schemas/everything.cram schemas/orders.cram perf/schemas/seed.cram; do
  cargo run -q -p cramberry-cli -- generate --lang ts --out ts/test/generated "$schema"
done
