//! Timing cases side by side: every case is sampled in turn (interleaved), so drift on a shared machine hits
//! all peers alike; the median of the samples is reported.

use std::time::{Duration, Instant};

/// One measurement: a dataset, a peer, an operation, and the closure that performs it once.
pub struct Case<'a> {
    /// Dataset name (`log`, `mesh`, ...).
    pub dataset: &'static str,
    /// Peer name (`cramberry`, `prost`, ...).
    pub peer: &'static str,
    /// Operation (`serialize`, `deserialize`, `borrow`, `access`, `read`).
    pub op: &'static str,
    /// Performs the operation once; returns something derived from the result so it is not optimised away.
    pub run: Box<dyn FnMut() -> u64 + 'a>,
}

/// A measured median.
#[derive(Clone, Debug)]
pub struct Timing {
    /// Dataset name.
    pub dataset: &'static str,
    /// Peer name.
    pub peer: &'static str,
    /// Operation.
    pub op: &'static str,
    /// Median time of one operation.
    pub median: Duration,
}

/// Runs every case `samples` times, interleaved, each sample lasting about `sample_time`.
pub fn run(cases: &mut [Case<'_>], samples: usize, sample_time: Duration) -> Vec<Timing> {
    let total = cases.len();
    let iterations: Vec<u32> = cases
        .iter_mut()
        .map(|case| {
            let start = Instant::now();
            std::hint::black_box((case.run)());
            let once = start.elapsed().max(Duration::from_nanos(20));
            (sample_time.as_nanos() / once.as_nanos()).clamp(1, 1_000_000) as u32
        })
        .collect();
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(samples); total];
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    for sample in 0..samples {
        for (i, case) in cases.iter_mut().enumerate() {
            if progress {
                eprint!(
                    "\r\x1b[2K[sample {}/{samples}] {}/{}/{}",
                    sample + 1,
                    case.dataset,
                    case.peer,
                    case.op
                );
            }
            let n = iterations[i];
            let start = Instant::now();
            for _ in 0..n {
                std::hint::black_box((case.run)());
            }
            times[i].push(start.elapsed() / n);
        }
    }
    if progress {
        eprint!("\r\x1b[2K");
    }
    eprintln!("{total} cases x {samples} samples done");
    cases
        .iter()
        .zip(times)
        .map(|(case, mut t)| {
            t.sort();
            Timing { dataset: case.dataset, peer: case.peer, op: case.op, median: t[t.len() / 2] }
        })
        .collect()
}
