#!/usr/bin/env bash
# Runs the instruction-count benches and fails when a count grew more than 5% against perf/baselines/iai.json.
# Needs valgrind and gungraun-runner 0.20.0 (cargo install gungraun-runner --version 0.20.0 --locked).
# Pass --save to record new baselines.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench iai 2>&1 | tee /tmp/cramberry-iai.txt | grep -E '^[a-z_]+::|Instructions' || true
cargo run --release -q -p cramberry-perf --bin iai-check -- "$@" < /tmp/cramberry-iai.txt
