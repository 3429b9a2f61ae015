//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `name` by edit distance (ignoring case), if it is close enough to be a typo: at
/// most one edit per three characters, and at least one.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (name.chars().count() / 3).max(1);
    let mut best: Option<((usize, usize), &str)> = None;
    for candidate in candidates {
        let d = distance(&name.to_lowercase(), &candidate.to_lowercase());
        // Between equally close names, the one of the same length (a swap rather than a cut) wins.
        let rank = (d, name.len().abs_diff(candidate.len()));
        if d <= limit && best.map_or(true, |(b, _)| rank < b) {
            best = Some((rank, candidate));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Edit distance over characters, a swap of two neighbours counting as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        assert_eq!(closest("Ordr", ["Fill", "Order"]), Some("Order".into()));
        assert_eq!(closest("uint23", ["uint32", "int32"]), Some("uint32".into()));
        assert_eq!(closest("order", ["Order"]), Some("Order".into()));
        assert_eq!(closest("Widget", ["Order", "Fill"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("uint23", "uint32"), 1);
    }
}
