//! Every peer of every dataset encodes the same data and round-trips it: building the cases runs each operation
//! once and checks its result (decoded value, read sum, encoded length) before anything would be timed.

use cramberry_perf::suite::{cases, Data, Selection};

#[test]
fn every_peer_round_trips_every_dataset() {
    let data = Data::generate();
    let (cases, sizes) = cases(&data, &Selection::default());
    let datasets = cramberry_perf::report::datasets(&sizes);
    assert_eq!(datasets.len(), 11, "4 community datasets + 7 seed messages: {datasets:?}");
    for dataset in ["log", "mesh", "minecraft", "mk48"] {
        let peers: Vec<_> = sizes.iter().filter(|s| s.dataset == dataset).map(|s| s.peer).collect();
        assert_eq!(peers, cramberry_perf::report::PEERS, "{dataset}");
    }
    for dataset in ["log", "minecraft"] {
        let borrow: Vec<_> =
            cases.iter().filter(|c| c.dataset == dataset && c.op == "borrow").map(|c| c.peer).collect();
        assert_eq!(
            borrow,
            ["cramberry", "cramberry-serde", "buffa", "postcard", "bincode", "bitcode"],
            "{dataset}"
        );
    }
}

#[test]
fn selection_keeps_only_matching_cases() {
    let data = Data::generate();
    let selection = Selection { dataset: Some("seed/small".into()), filter: Some("cramberry/read".into()) };
    let (cases, sizes) = cases(&data, &selection);
    let ids: Vec<_> = cases.iter().map(|c| format!("{}/{}/{}", c.dataset, c.peer, c.op)).collect();
    assert_eq!(ids, ["seed/small/cramberry/read"]);
    assert_eq!(sizes.len(), 2, "sizes of every peer of the selected dataset");
}
