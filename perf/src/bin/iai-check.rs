//! Compares instruction counts from `cargo bench --bench iai` (on stdin) with `perf/baselines/iai.json`; exits 1
//! when any count grew more than 5%. `--save` writes the counts as the new baseline instead.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Allowed growth before the check fails.
const TOLERANCE: f64 = 0.05;

/// Bench id -> instruction count, from gungraun's report (an id line, then an indented `Instructions:` line).
fn parse(report: &str) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in report.lines() {
        let trimmed = line.trim();
        if !line.starts_with(char::is_whitespace) && trimmed.contains("::") {
            // "iai::varints::varint_encode one_byte:(100)" -> "iai::varints::varint_encode one_byte"
            current = Some(trimmed.split(":(").next().unwrap_or(trimmed).trim().to_string());
        } else if let (Some(id), Some(rest)) = (&current, trimmed.strip_prefix("Instructions:")) {
            let digits: String = rest.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = digits.parse() {
                counts.insert(id.clone(), n);
            }
        }
    }
    counts
}

fn main() {
    let save = std::env::args().any(|a| a == "--save");
    let mut report = String::new();
    if std::io::stdin().read_to_string(&mut report).is_err() {
        eprintln!("cannot read the benchmark report on stdin");
        std::process::exit(2);
    }
    let counts = parse(&report);
    if counts.is_empty() {
        eprintln!("no instruction counts found in the report (is gungraun-runner installed?)");
        std::process::exit(2);
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("baselines/iai.json");
    if save {
        let json = serde_json::to_string_pretty(&counts).unwrap_or_default();
        match std::fs::write(&path, json + "\n") {
            Ok(()) => println!("saved {} counts to {}", counts.len(), path.display()),
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                std::process::exit(2);
            }
        }
        return;
    }
    let baseline: BTreeMap<String, u64> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let mut failed = false;
    for (id, &now) in &counts {
        match baseline.get(id) {
            Some(&before) => {
                let change = now as f64 / before.max(1) as f64 - 1.0;
                let verdict = if change > TOLERANCE { "REGRESSION" } else { "ok" };
                failed |= change > TOLERANCE;
                println!("{verdict:>10}  {id}: {before} -> {now} ({:+.1}%)", change * 100.0);
            }
            None => println!("{:>10}  {id}: {now} (no baseline)", "new"),
        }
    }
    if failed {
        eprintln!("instruction counts grew more than {:.0}% against {}", TOLERANCE * 100.0, path.display());
        std::process::exit(1);
    }
}
