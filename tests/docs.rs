//! Docs that cannot drift silently: every relative link in the README, the changelog and docs/ resolves inside
//! the repository; the standard types the docs name exist in the standard schema; every fuzz target is
//! documented; no doc names a file outside the repository.

use std::fs;
use std::path::{Path, PathBuf};

/// The repository's root (this package's manifest directory).
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, CHANGELOG.md, docs/*.md and the other packages' READMEs.
fn markdown_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["README.md", "CHANGELOG.md", "fuzz/README.md", "ts/README.md"]
        .iter()
        .map(|f| root().join(f))
        .chain(["derive", "schema", "cli"].iter().map(|c| root().join(c).join("README.md")))
        .collect();
    for entry in fs::read_dir(root().join("docs")).expect("docs/ exists") {
        let path = entry.expect("a docs/ entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

/// The targets of the markdown links `[text](target)` in `text`, outside code spans and blocks.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        // Drop code spans, whose brackets are not links.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(open) = rest.find("](") {
            let after = &rest[open + 2..];
            let Some(close) = after.find(')') else { break };
            targets.push(after[..close].to_owned());
            rest = &after[close..];
        }
    }
    targets
}

/// Whether `target` is a link to a place on the web or in the same page (not a file).
fn is_external(target: &str) -> bool {
    ["http://", "https://", "mailto:", "#"].iter().any(|p| target.starts_with(p))
}

#[test]
fn every_relative_link_resolves_inside_the_repository() {
    let root = root().canonicalize().expect("the root resolves");
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in markdown_files() {
        let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for target in link_targets(&text) {
            if is_external(&target) {
                continue;
            }
            checked += 1;
            let path = target.split('#').next().unwrap_or_default();
            let resolved = file.parent().expect("a file's folder").join(path).canonicalize();
            match resolved {
                Ok(p) if p.starts_with(&root) => {}
                Ok(p) => broken.push(format!(
                    "{}: {target} leaves the repository ({})",
                    file.display(),
                    p.display()
                )),
                Err(_) => broken.push(format!("{}: {target} does not exist", file.display())),
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(checked >= 10, "only {checked} relative links found: is the link parser broken?");
}

#[test]
fn the_link_parser_finds_links_outside_code_only() {
    let text = "see [a](docs/a.md) and `[b](b.md)`\n```\n[c](c.md)\n```\n[d](https://x.y) [e](#f)";
    assert_eq!(link_targets(text), ["docs/a.md", "https://x.y", "#f"]);
}

#[test]
fn no_doc_names_a_file_outside_the_repository() {
    for file in markdown_files() {
        let text = fs::read_to_string(&file).expect("readable");
        for (n, line) in text.lines().enumerate() {
            assert!(
                !line.contains("shared/"),
                "{}:{}: names a path outside the repository: {line}",
                file.display(),
                n + 1
            );
        }
    }
}

#[test]
fn every_standard_type_the_docs_name_is_in_the_standard_schema() {
    let schema =
        fs::read_to_string(root().join("schema/std/cramberry/std.cram")).expect("the standard schema");
    let mut named = 0;
    for file in markdown_files() {
        let text = fs::read_to_string(&file).expect("readable");
        for (_, rest) in text.match_indices("cramberry.std.").map(|(i, _)| ((), &text[i + 14..])) {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if name.is_empty() {
                continue;
            }
            named += 1;
            assert!(
                schema.contains(&format!("message {name} @")),
                "{} names cramberry.std.{name}, which the standard schema does not define",
                file.display()
            );
        }
    }
    assert!(named >= 10, "the docs name {named} standard types");
}

/// The fuzz targets: the `[[bin]]` names of fuzz/Cargo.toml.
fn fuzz_targets() -> Vec<String> {
    let manifest = fs::read_to_string(root().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    let mut targets = Vec::new();
    let mut in_bin = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            in_bin = line == "[[bin]]";
        } else if let Some(name) = line.strip_prefix("name = \"").filter(|_| in_bin) {
            targets.push(name.trim_end_matches('"').to_owned());
        }
    }
    targets
}

#[test]
fn every_fuzz_target_is_documented_and_ci_runs_them_all() {
    let targets = fuzz_targets();
    assert!(targets.len() >= 14, "fuzz targets found: {targets:?}");
    let readme = fs::read_to_string(root().join("fuzz/README.md")).expect("fuzz/README.md");
    for target in &targets {
        assert!(readme.contains(&format!("`{target}`")), "fuzz/README.md does not describe `{target}`");
        assert!(root().join("fuzz/fuzz_targets").join(format!("{target}.rs")).exists(), "{target}'s source");
    }
    let ci = fs::read_to_string(root().join(".ci/run")).expect(".ci/run");
    assert!(ci.contains("cargo fuzz list"), ".ci/run takes the target list from cargo-fuzz, not from a copy");
}
