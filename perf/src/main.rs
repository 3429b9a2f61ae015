//! The comparison runner: `cargo run --release -p cramberry-perf -- [--quick] [--dataset NAME] [--filter TEXT]`.
//!
//! Runs every peer on every dataset in one process (cases interleaved, medians reported), prints the tables,
//! and writes `perf/results/<date>.md`, `.json` and `.svg`.

use cramberry_perf::{measure, report, suite};
use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!(
            "usage: cramberry-perf [--quick] [--dataset log|mesh|minecraft|mk48|seed] [--filter TEXT] [--no-write]\n\
             --quick      fewer, shorter samples (under 3 minutes on 2 cores)\n\
             --dataset    only datasets whose name starts with this\n\
             --filter     only cases whose dataset/peer/op contains this (e.g. cramberry, /read)\n\
             --no-write   print the tables only; do not write perf/results/"
        );
        return;
    }
    let value = |flag: &str| args.windows(2).find(|w| w[0] == flag).map(|w| w[1].clone());
    let quick = args.iter().any(|a| a == "--quick");
    let selection = suite::Selection { dataset: value("--dataset"), filter: value("--filter") };
    let write = !args.iter().any(|a| a == "--no-write");

    eprintln!("generating datasets (fixed seed) and checking every round trip...");
    let data = suite::Data::generate();
    let (mut cases, sizes) = suite::cases(&data, &selection);
    let (samples, sample_time) =
        if quick { (7, Duration::from_millis(25)) } else { (25, Duration::from_millis(80)) };
    let timings = measure::run(&mut cases, samples, sample_time);

    let table = report::markdown(&timings, &sizes);
    println!("{table}");
    if write {
        let date = report::today();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("results");
        let mode = if quick { "quick" } else { "full" };
        let meta = serde_json::json!({
            "date": date,
            "mode": mode,
            "samples": samples,
            "machine": machine(),
            "rustc": option_env!("RUSTC_VERSION").unwrap_or("see rustc -V"),
        });
        let header = format!("# Cramberry vs peers — {date} ({mode} run)\n\nMachine: {}\n\n", machine());
        let stem = if quick { format!("{date}-quick") } else { date };
        let writes = [
            (format!("{stem}.md"), format!("{header}{table}")),
            (
                format!("{stem}.json"),
                serde_json::to_string_pretty(&report::json(&timings, &sizes, &meta)).unwrap_or_default(),
            ),
            (format!("{stem}.svg"), report::svg(&timings, &sizes)),
        ];
        for (name, text) in writes {
            let path = dir.join(name);
            match std::fs::write(&path, text) {
                Ok(()) => eprintln!("wrote {}", path.display()),
                Err(e) => eprintln!("cannot write {}: {e}", path.display()),
            }
        }
    }
}

/// CPU model and core count, for the results header.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}
