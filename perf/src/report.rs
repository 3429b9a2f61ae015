//! Tables, results files (Markdown, JSON) and an SVG chart of the ratios to prost.

use crate::measure::Timing;
use crate::suite::Size;
use std::fmt::Write;

/// Peers in display order.
pub const PEERS: [&str; 12] = [
    "cramberry",
    "cramberry-lazy",
    "cramberry-serde",
    "prost",
    "buffa",
    "bilrost",
    "postcard",
    "bincode",
    "bitcode",
    "rkyv",
    "capnp",
    "flatbuffers",
];
/// Operations in display order.
pub const OPS: [&str; 5] = ["serialize", "deserialize", "borrow", "access", "read"];

/// The prost operation an operation's ratio is taken against: prost decodes everything it reads, so every
/// reading operation is compared with prost's deserialize.
fn baseline(op: &str) -> &'static str {
    if op == "serialize" {
        "serialize"
    } else {
        "deserialize"
    }
}

fn median(timings: &[Timing], dataset: &str, peer: &str, op: &str) -> Option<f64> {
    timings
        .iter()
        .find(|t| t.dataset == dataset && t.peer == peer && t.op == op)
        .map(|t| t.median.as_nanos() as f64)
}

fn human(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The datasets present in the results, in order.
pub fn datasets(sizes: &[Size]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in sizes {
        if !out.contains(&s.dataset) {
            out.push(s.dataset);
        }
    }
    out
}

/// A Markdown table per dataset: median time and ratio to prost per operation, then sizes.
pub fn markdown(timings: &[Timing], sizes: &[Size]) -> String {
    let mut out = String::new();
    for dataset in datasets(sizes) {
        let _ = writeln!(out, "### {dataset}\n");
        let _ = writeln!(out, "| peer | {} | size | zstd size |", OPS.join(" | "));
        let _ = writeln!(out, "|---|{}---|---|", "---|".repeat(OPS.len()));
        let present = |peer: &&str| sizes.iter().any(|s| s.dataset == dataset && s.peer == *peer);
        for peer in PEERS.into_iter().filter(present) {
            let mut row = format!("| {peer} |");
            for op in OPS {
                let cell = match (
                    median(timings, dataset, peer, op),
                    median(timings, dataset, "prost", baseline(op)),
                ) {
                    (Some(ns), Some(base)) => format!(" {} ({:.2}×) |", human(ns), ns / base),
                    (Some(ns), None) => format!(" {} |", human(ns)),
                    _ => " — |".into(),
                };
                row.push_str(&cell);
            }
            let size = sizes.iter().find(|s| s.dataset == dataset && s.peer == peer);
            let prost = sizes.iter().find(|s| s.dataset == dataset && s.peer == "prost");
            match (size, prost) {
                (Some(s), Some(p)) => {
                    let _ = write!(
                        row,
                        " {} ({:.2}×) | {} ({:.2}×) |",
                        s.bytes,
                        s.bytes as f64 / p.bytes as f64,
                        s.zstd,
                        s.zstd as f64 / p.zstd as f64
                    );
                }
                _ => row.push_str(" — | — |"),
            }
            let _ = writeln!(out, "{row}");
        }
        out.push('\n');
    }
    out.push_str("Ratios are to prost in the same run: serialize to prost's serialize, every reading column (deserialize,\nborrow, access, read) to prost's deserialize, as prost reads only by decoding. Lower is better; — means the\npeer has no such operation.\n");
    out
}

/// The results as JSON.
pub fn json(timings: &[Timing], sizes: &[Size], meta: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "meta": meta,
        "timings": timings.iter().map(|t| serde_json::json!({
            "dataset": t.dataset, "peer": t.peer, "op": t.op, "median_ns": t.median.as_nanos() as u64,
        })).collect::<Vec<_>>(),
        "sizes": sizes.iter().map(|s| serde_json::json!({
            "dataset": s.dataset, "peer": s.peer, "bytes": s.bytes, "zstd_bytes": s.zstd,
        })).collect::<Vec<_>>(),
    })
}

/// The chart's colour of each peer, in [`PEERS`] order.
pub const COLORS: [&str; PEERS.len()] = [
    "#c2185b", "#e91e63", "#607d8b", "#00bcd4", "#009688", "#8bc34a", "#ff9800", "#3f51b5", "#795548",
    "#9c27b0", "#f44336", "#cddc39",
];

/// A bar chart of each peer's time relative to prost, per dataset and operation (log scale).
pub fn svg(timings: &[Timing], sizes: &[Size]) -> String {
    // One colour per peer (the array type has one per peer).
    let colors = COLORS;
    let groups: Vec<(&str, &str)> =
        datasets(sizes).into_iter().flat_map(|d| OPS.iter().map(move |op| (d, *op))).collect();
    let (bar, gap, height, top, left) = (12.0, 18.0, 320.0, 40.0, 60.0);
    let width = left + groups.len() as f64 * (PEERS.len() as f64 * bar + gap) + 20.0;
    let y = |ratio: f64| top + height / 2.0 - ratio.log10() * height / 4.0;
    let mut out = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{:.0}\" font-family=\"sans-serif\" font-size=\"10\">\n", top + height + 90.0);
    let _ = writeln!(out, "<text x=\"{left}\" y=\"20\" font-size=\"14\">Time relative to prost (log scale, lower is better)</text>");
    for ratio in [0.01, 0.1, 1.0, 10.0, 100.0] {
        let _ = writeln!(out, "<line x1=\"{left}\" x2=\"{width:.0}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#ddd\"/><text x=\"5\" y=\"{1:.1}\">{ratio}×</text>", y(ratio), y(ratio) + 3.0);
    }
    for (g, (dataset, op)) in groups.iter().enumerate() {
        let x0 = left + g as f64 * (PEERS.len() as f64 * bar + gap);
        let base = median(timings, dataset, "prost", baseline(op));
        for (p, peer) in PEERS.iter().enumerate() {
            if let (Some(ns), Some(base)) = (median(timings, dataset, peer, op), base) {
                let ratio = (ns / base).clamp(0.005, 200.0);
                let (y0, y1) = (y(1.0), y(ratio));
                let _ = writeln!(out, "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar}\" height=\"{:.1}\" fill=\"{}\"><title>{dataset} {op} {peer}: {ratio:.3}×</title></rect>", x0 + p as f64 * bar, y0.min(y1), (y0 - y1).abs().max(1.0), colors[p]);
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" transform=\"rotate(45 {0:.1} {1:.1})\">{dataset} {op}</text>",
            x0,
            top + height + 12.0
        );
    }
    for (p, peer) in PEERS.iter().enumerate() {
        let _ = writeln!(out, "<rect x=\"{:.0}\" y=\"26\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{:.0}\" y=\"35\">{peer}</text>", 300.0 + p as f64 * 85.0, colors[p], 314.0 + p as f64 * 85.0);
    }
    out.push_str("</svg>\n");
    out
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
