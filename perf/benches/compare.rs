//! The comparison as criterion benches (`cargo bench -p cramberry-perf`), over the same cases as the runner,
//! for people who prefer criterion's reports. Filter with a dataset name: `cargo bench -p cramberry-perf -- log`.

use cramberry_perf::suite::{cases, Data, Selection};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;

fn compare(c: &mut Criterion) {
    let data = Data::generate();
    let (all, _) = cases(&data, &Selection::default());
    let mut group = c.benchmark_group("compare");
    group.sample_size(20).measurement_time(Duration::from_secs(2)).warm_up_time(Duration::from_millis(500));
    for mut case in all {
        let id = format!("{}/{}/{}", case.dataset, case.op, case.peer);
        group.bench_function(id, |b| b.iter(|| (case.run)()));
    }
    group.finish();
}

criterion_group!(benches, compare);
criterion_main!(benches);
