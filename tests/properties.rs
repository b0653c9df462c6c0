//! Properties of the whole pipeline on cases made from the real fixtures: random subsets of a
//! bundle plus objects that travel with it, in random order, split into files at random, each
//! file with random whitespace / CRLF / BOM damage that the PEM reader repairs.

mod common;

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use base64::Engine;
use certlens::finding::Arg;
use certlens::input::{decode, Source, MAX_BLOCKS};
use certlens::{inspect, Family, Input, Options, Report, Severity};
use common::{fixture, input, AT};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

/// Bundles as users deploy or paste them.
const BUNDLES: &[&str] = &[
    "fullchain.pem",
    "misordered.pem",
    "misordered-intermediates.pem",
    "missing-intermediate.pem",
    "with-root.pem",
    "duplicate.pem",
    "extra-unrelated.pem",
    "forged-chain.pem",
    "two-leaves.pem",
    "bundle-with-key.pem",
    "mismatched-key.pem",
];

/// Objects that end up next to a bundle: other leaves and CAs, keys, a CSR, a public key.
const EXTRAS: &[&str] = &[
    "leaf-rsa2048.pem",
    "leaf-p256.pem",
    "leaf-expired.pem",
    "leaf-badwild.pem",
    "int2.pem",
    "int1.pem",
    "root.pem",
    "other-root.pem",
    "forged-int2.pem",
    "leaf-rsa2048.key",
    "leaf-p256.key",
    "leaf-rsa2048.enc-pbkdf2.key",
    "csr-rsa2048.pem",
    "leaf-rsa2048.pub.pem",
];

/// Names some leaves cover and others do not.
const HOSTS: &[&str] = &["www.example.com", "example.com", "a.b.example.com"];

/// One PEM block of a fixture, by fixture name and position.
#[derive(Clone, Copy, PartialEq, Eq)]
struct BlockRef {
    fixture: &'static str,
    index: usize,
}

impl fmt::Debug for BlockRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.fixture, self.index)
    }
}

impl BlockRef {
    /// The block as openssl wrote it, BEGIN to END line, each line ending in `\n`.
    fn text(self) -> &'static str {
        &fixture_blocks(self.fixture)[self.index]
    }

    /// What the block holds: its text, except that an encrypted key is the key it opens to.
    fn identity(self) -> &'static str {
        match self.fixture {
            "leaf-rsa2048.enc-pbkdf2.key" => fixture_blocks("leaf-rsa2048.key")[0].as_str(),
            _ => self.text(),
        }
    }

    /// The DER inside, decoded without certlens's reader.
    fn der(self) -> Vec<u8> {
        let base64: String = self
            .text()
            .lines()
            .filter(|line| !line.starts_with("-----"))
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(base64)
            .expect("fixtures are clean PEM")
    }
}

/// The PEM blocks of every fixture used, read once.
fn fixture_blocks(name: &str) -> &'static [String] {
    static BLOCKS: OnceLock<HashMap<&'static str, Vec<String>>> = OnceLock::new();
    let all = BLOCKS.get_or_init(|| {
        BUNDLES
            .iter()
            .chain(EXTRAS)
            .map(|&name| (name, split_pem(&String::from_utf8(fixture(name)).unwrap())))
            .collect()
    });
    &all[name]
}

fn split_pem(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        current.push_str(line);
        current.push('\n');
        if line.starts_with("-----END ") {
            blocks.push(std::mem::take(&mut current));
        }
    }
    blocks
}

fn blocks_of(fixture: &'static str) -> Vec<BlockRef> {
    (0..fixture_blocks(fixture).len())
        .map(|index| BlockRef { fixture, index })
        .collect()
}

/// Pasting and editing damage that certlens repairs (each with a warning or info finding).
#[derive(Clone, Copy, Debug)]
struct Damage {
    bom: bool,
    crlf: bool,
    /// Spaces before and a tab after every n-th line.
    stray_whitespace: Option<usize>,
    /// A blank line after every n-th line.
    blank_lines: Option<usize>,
    no_final_newline: bool,
}

impl Damage {
    fn apply(self, clean: &str) -> String {
        let mut lines = Vec::new();
        for (index, line) in clean.lines().enumerate() {
            match self.stray_whitespace {
                Some(n) if index % n == 0 => lines.push(format!("  {line}\t")),
                _ => lines.push(line.to_string()),
            }
            if self.blank_lines.is_some_and(|n| index % n == n - 1) {
                lines.push(String::new());
            }
        }
        let end_of_line = if self.crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(end_of_line);
        if !self.no_final_newline {
            text.push_str(end_of_line);
        }
        if self.bom {
            text.insert(0, '\u{feff}');
        }
        text
    }
}

fn damage() -> impl Strategy<Value = Damage> {
    let every = || proptest::option::of(1..6usize);
    (
        any::<bool>(),
        any::<bool>(),
        every(),
        every(),
        any::<bool>(),
    )
        .prop_map(
            |(bom, crlf, stray_whitespace, blank_lines, no_final_newline)| Damage {
                bom,
                crlf,
                stray_whitespace,
                blank_lines,
                no_final_newline,
            },
        )
}

#[derive(Clone, Debug)]
struct File {
    name: String,
    blocks: Vec<BlockRef>,
    damage: Damage,
}

impl File {
    fn input(&self) -> Input {
        let clean: String = self.blocks.iter().map(|b| b.text()).collect();
        Input::new(self.name.clone(), self.damage.apply(&clean))
    }
}

#[derive(Clone, Copy, Debug)]
enum Trust {
    /// The fixtures' own root.
    TestRoot,
    /// A root that anchors nothing here.
    OtherRoot,
    /// Mozilla's roots, which anchor nothing here either.
    Public,
}

#[derive(Clone, Debug)]
struct Case {
    files: Vec<File>,
    trust: Trust,
    hosts: Vec<&'static str>,
    /// Whether the password of the encrypted key is given.
    password: bool,
}

impl Case {
    fn inputs(&self) -> Vec<Input> {
        self.files.iter().map(File::input).collect()
    }

    fn options(&self) -> Options {
        let trust = match self.trust {
            Trust::TestRoot => vec![input("root.pem")],
            Trust::OtherRoot => vec![input("other-root.pem")],
            Trust::Public => Vec::new(),
        };
        Options {
            hosts: self.hosts.iter().map(|h| h.to_string()).collect(),
            at: AT,
            password: self.password.then(|| b"correct horse".to_vec()),
            trust,
            ..Options::default()
        }
    }

    fn inspect(&self) -> Report {
        inspect(&self.inputs(), &self.options())
    }

    /// The case with every object in one file at most: of two copies in different files,
    /// the first is the original and the one chains use, so which is first legitimately
    /// follows the order of the files.
    fn without_objects_in_two_files(mut self) -> Case {
        let mut file_of: HashMap<&str, usize> = HashMap::new();
        for (index, file) in self.files.iter_mut().enumerate() {
            file.blocks
                .retain(|block| *file_of.entry(block.identity()).or_insert(index) == index);
        }
        self.files.retain(|file| !file.blocks.is_empty());
        self
    }

    /// The fixture block an object was read from.
    fn block_at(&self, source: &Source) -> BlockRef {
        let file = self.files.iter().find(|f| f.name == source.input);
        file.and_then(|f| f.blocks.get(source.block))
            .copied()
            .unwrap_or_else(|| panic!("no block at {source:?}"))
    }
}

/// A bundle's blocks (a random subset, in order or shuffled) and up to three extras, cut
/// into files at random points; each file damaged its own way.
fn case() -> impl Strategy<Value = Case> {
    let bundle = prop::sample::select(BUNDLES);
    let extras = prop::sample::subsequence(EXTRAS, 0..=3);
    (bundle, extras)
        .prop_flat_map(|(bundle, extras)| {
            let blocks = blocks_of(bundle);
            let subset = prop::sample::subsequence(blocks.clone(), 1..=blocks.len());
            let extras: Vec<BlockRef> = extras.into_iter().flat_map(blocks_of).collect();
            let ordered = (subset, Just(extras)).prop_map(|(mut subset, extras)| {
                subset.extend(extras);
                subset
            });
            let blocks = prop_oneof![
                ordered.clone(),
                ordered.prop_flat_map(|blocks| Just(blocks).prop_shuffle()),
            ];
            (blocks, prop::collection::vec(any::<bool>(), 8))
        })
        .prop_flat_map(|(blocks, cut_after)| {
            let mut files: Vec<Vec<BlockRef>> = vec![Vec::new()];
            for (index, block) in blocks.into_iter().enumerate() {
                files.last_mut().unwrap().push(block);
                if cut_after.get(index).copied().unwrap_or(false) {
                    files.push(Vec::new());
                }
            }
            files.retain(|f| !f.is_empty());
            let damages = prop::collection::vec(damage(), files.len());
            let trust = prop_oneof![
                Just(Trust::TestRoot),
                Just(Trust::OtherRoot),
                Just(Trust::Public)
            ];
            let hosts = prop::sample::subsequence(HOSTS, 0..=2);
            (Just(files), damages, trust, hosts, any::<bool>())
        })
        .prop_map(|(files, damages, trust, hosts, password)| Case {
            files: files
                .into_iter()
                .zip(damages)
                .enumerate()
                .map(|(index, (blocks, damage))| File {
                    name: format!("part{}.pem", index + 1),
                    blocks,
                    damage,
                })
                .collect(),
            trust,
            hosts,
            password,
        })
}

/// A case and a permutation of its files.
fn case_and_permutation(
    case: impl Strategy<Value = Case>,
) -> impl Strategy<Value = (Case, Vec<usize>)> {
    case.prop_flat_map(|case| {
        let order: Vec<usize> = (0..case.files.len()).collect();
        (Just(case), Just(order).prop_shuffle())
    })
}

/// The case with its files in `order`, except that the first file holding the main leaf of
/// `report` (a copy of it, if there are several) goes in front: the main leaf is the one the
/// key matches, else the first one given.
fn permuted(case: &Case, report: &Report, order: &[usize]) -> Case {
    let mut files: Vec<File> = order.iter().map(|&i| case.files[i].clone()).collect();
    if let Some(leaf) = report.chain.leaf {
        let leaf = case.block_at(&report.objects[leaf].source).identity();
        let holds_leaf = |file: &File| file.blocks.iter().any(|b| b.identity() == leaf);
        let at = files.iter().position(holds_leaf).expect("the leaf's file");
        files[..=at].rotate_right(1);
    }
    Case {
        files,
        ..case.clone()
    }
}

fn json(report: &Report) -> String {
    serde_json::to_string(report).expect("a report serializes")
}

/// The findings with object ids (in `objects` and in `params`) replaced by where each object
/// came from, sorted. Ids number objects across all inputs in input order, and findings are
/// listed in input order: both follow the order of the inputs. Nothing else may.
fn canonical_findings(report: &Report) -> Vec<String> {
    fn canonical_arg(report: &Report, arg: &Arg) -> serde_json::Value {
        match arg {
            Arg::Object(object) => serde_json::to_value(&report.objects[object.id].source)
                .expect("a source serializes"),
            Arg::List(items) | Arg::Sequence(items) => items
                .iter()
                .map(|item| canonical_arg(report, item))
                .collect(),
            other => serde_json::to_value(other).expect("a param serializes"),
        }
    }
    let mut findings: Vec<String> = report
        .findings
        .iter()
        .map(|finding| {
            let sources: Vec<&Source> = finding
                .objects
                .iter()
                .map(|&id| &report.objects[id].source)
                .collect();
            let mut value = serde_json::to_value(finding).expect("a finding serializes");
            value["objects"] = serde_json::to_value(sources).expect("sources serialize");
            for (name, arg) in &finding.params {
                value["params"][*name] = canonical_arg(report, arg);
            }
            value.to_string()
        })
        .collect();
    findings.sort();
    findings
}

/// Family, severity and code of every finding, sorted.
fn codes(report: &Report) -> Vec<(Family, Severity, &'static str)> {
    let mut codes: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.check, f.severity, f.code))
        .collect();
    codes.sort();
    codes
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 128,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn inspecting_is_deterministic(case in case()) {
        let (inputs, options) = (case.inputs(), case.options());
        prop_assert_eq!(json(&inspect(&inputs, &options)), json(&inspect(&inputs, &options)));
    }

    #[test]
    fn the_order_of_the_inputs_does_not_change_the_findings(
        (case, order) in case_and_permutation(case().prop_map(Case::without_objects_in_two_files))
    ) {
        let report = case.inspect();
        let permuted = permuted(&case, &report, &order).inspect();
        prop_assert_eq!(canonical_findings(&report), canonical_findings(&permuted));
    }

    /// With copies in several files, which copy a finding names follows the order (the first
    /// is the original); what is found does not.
    #[test]
    fn the_order_of_the_inputs_does_not_change_what_is_found(
        (case, order) in case_and_permutation(case())
    ) {
        let report = case.inspect();
        let permuted = permuted(&case, &report, &order).inspect();
        prop_assert_eq!(codes(&report), codes(&permuted));
    }

    #[test]
    fn the_corrected_fullchain_has_no_order_finding(case in case()) {
        let report = case.inspect();
        if let Some(fullchain) = report.fullchain_pem {
            let again = inspect(&[Input::new("fullchain.pem", fullchain)], &case.options());
            let order: Vec<_> = again
                .findings
                .iter()
                .filter(|f| f.check == Family::Order)
                .collect();
            prop_assert!(order.is_empty(), "{:#?}", order);
        }
    }

    #[test]
    fn written_pem_reads_back_identically(case in case()) {
        let options = case.options();
        let report = case.inspect();
        let blocks: usize = case.files.iter().map(|f| f.blocks.len()).sum();
        prop_assert_eq!(report.objects.len(), blocks, "the damage was not all repaired");
        for object in &report.objects {
            let Some(pem) = &object.pem else { continue };
            let written = Input::new("written.pem", pem.as_str());
            let read_back = decode(&written, MAX_BLOCKS);
            prop_assert!(read_back.issues.is_empty(), "{:?}", read_back.issues);
            prop_assert_eq!(read_back.blocks.len(), 1);
            prop_assert_eq!(&read_back.blocks[0].der, &case.block_at(&object.source).der());
            let rewritten = inspect(&[written], &options);
            prop_assert_eq!(rewritten.objects[0].pem.as_ref(), Some(pem));
        }
        if let Some(fullchain) = &report.fullchain_pem {
            let written = Input::new("fullchain.pem", fullchain.as_str());
            let read_back = decode(&written, MAX_BLOCKS);
            prop_assert!(read_back.issues.is_empty(), "{:?}", read_back.issues);
            let read: Vec<Vec<u8>> = read_back.blocks.into_iter().map(|b| b.der).collect();
            let chain: Vec<Vec<u8>> = report
                .chain
                .order
                .iter()
                .map(|&id| case.block_at(&report.objects[id].source).der())
                .collect();
            // Leaf first, then each issuer; only a root at the end may be left out.
            prop_assert!(
                !read.is_empty() && chain.starts_with(&read) && read.len() + 1 >= chain.len(),
                "{} certificates written for a chain of {}",
                read.len(),
                chain.len()
            );
            let rewritten: String = inspect(&[written], &options)
                .objects
                .iter()
                .filter_map(|o| o.pem.as_deref())
                .collect();
            prop_assert_eq!(&rewritten, fullchain);
        }
    }
}
