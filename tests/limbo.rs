//! x509-limbo conformance: every SERVER case of the path-validation suite vendored in
//! tests/x509-limbo, run in process the way `certlens check` maps it (README there):
//! the leaf then the intermediates as one bundle, the trusted roots as `--trust`, the peer
//! name as `--host`, the validation time as `--at`; accepted = no error finding.
//! Prints agreement overall, per id group, and the accept/reject rates; fails below the floor.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use certlens::{inspect, Input, Options, Severity};
use serde_json::Value;

/// Raise as conformance improves; the README states the current figures.
const AGREEMENT_FLOOR: f64 = 0.996;
const ACCEPT_FLOOR: f64 = 0.997;
const REJECT_FLOOR: f64 = 0.995;

/// `$LIMBO_JSON_XZ`, else the vendored copy.
fn suite_path() -> PathBuf {
    std::env::var_os("LIMBO_JSON_XZ").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/x509-limbo/limbo.json.xz"),
        PathBuf::from,
    )
}

#[derive(Default)]
struct Tally {
    cases: usize,
    agree: usize,
    success_cases: usize,
    accepted_successes: usize,
    failure_cases: usize,
    rejected_failures: usize,
}

impl Tally {
    fn add(&mut self, expected_success: bool, accepted: bool) {
        self.cases += 1;
        if expected_success == accepted {
            self.agree += 1;
        }
        if expected_success {
            self.success_cases += 1;
            self.accepted_successes += usize::from(accepted);
        } else {
            self.failure_cases += 1;
            self.rejected_failures += usize::from(!accepted);
        }
    }
    fn rate(part: usize, whole: usize) -> f64 {
        if whole == 0 {
            1.0
        } else {
            part as f64 / whole as f64
        }
    }
    fn agreement(&self) -> f64 {
        Tally::rate(self.agree, self.cases)
    }
    fn accept_rate(&self) -> f64 {
        Tally::rate(self.accepted_successes, self.success_cases)
    }
    fn reject_rate(&self) -> f64 {
        Tally::rate(self.rejected_failures, self.failure_cases)
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<32} {:>5} cases  agreement {:>7.2}%  accept {:>4}/{:<4} ({:>6.2}%)  reject {:>4}/{:<4} ({:>6.2}%)",
            self.cases,
            100.0 * self.agreement(),
            self.accepted_successes,
            self.success_cases,
            100.0 * self.accept_rate(),
            self.rejected_failures,
            self.failure_cases,
            100.0 * self.reject_rate()
        )
    }
}

fn group(id: &str) -> String {
    match id.rsplit_once("::") {
        Some((group, _)) => group.to_string(),
        None => id.to_string(),
    }
}

#[test]
fn x509_limbo_server_cases() {
    let path = suite_path();
    let Ok(file) = std::fs::File::open(&path) else {
        panic!(
            "{} is missing: the conformance suite must be present",
            path.display()
        );
    };
    let mut json = String::new();
    xz2::read::XzDecoder::new(file)
        .read_to_string(&mut json)
        .expect("limbo.json.xz decompresses");
    let suite: Value = serde_json::from_str(&json).expect("limbo.json parses");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;

    let mut overall = Tally::default();
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for case in suite["testcases"].as_array().expect("testcases") {
        if case["validation_kind"] != "SERVER" {
            continue;
        }
        let id = case["id"].as_str().unwrap_or_default();
        let pems = |field: &str| -> String {
            case[field]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .unwrap_or_default()
        };
        let bundle = format!(
            "{}\n{}",
            case["peer_certificate"].as_str().unwrap_or_default(),
            pems("untrusted_intermediates")
        );
        let at = match case["validation_time"].as_str() {
            Some(time) => certlens::instant::parse_rfc3339(time).expect("validation_time"),
            None => now,
        };
        let options = Options {
            hosts: case["expected_peer_name"]["value"]
                .as_str()
                .map(|h| vec![h.to_string()])
                .unwrap_or_default(),
            at,
            password: None,
            trust: vec![Input::new("trusted.pem", pems("trusted_certs"))],
            ..Options::default()
        };
        let report = inspect(&[Input::new("bundle.pem", bundle)], &options);
        let accepted = report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error);
        let expected_success = case["expected_result"] == "SUCCESS";
        overall.add(expected_success, accepted);
        groups
            .entry(group(id))
            .or_default()
            .add(expected_success, accepted);
        if expected_success != accepted {
            let why: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.code)
                .collect();
            disagreements.push(format!(
                "{id}\texpected {}\terrors {why:?}",
                case["expected_result"]
            ));
        }
    }

    println!(
        "x509-limbo SERVER cases (certlens {})",
        env!("CARGO_PKG_VERSION")
    );
    println!("{}", overall.line("overall"));
    for (name, tally) in &groups {
        println!("{}", tally.line(name));
    }
    let listing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("limbo-disagreements.tsv");
    std::fs::write(&listing, disagreements.join("\n")).expect("write disagreements");
    println!(
        "{} disagreements listed in {}",
        disagreements.len(),
        listing.display()
    );
    for line in disagreements.iter().take(40) {
        println!("  {line}");
    }
    assert!(
        overall.cases >= 9_770,
        "only {} SERVER cases read",
        overall.cases
    );
    assert!(
        overall.agreement() >= AGREEMENT_FLOOR,
        "agreement {:.4} below the floor {AGREEMENT_FLOOR}",
        overall.agreement()
    );
    assert!(
        overall.reject_rate() >= REJECT_FLOOR,
        "reject rate {:.4} below the floor {REJECT_FLOOR}",
        overall.reject_rate()
    );
    assert!(
        overall.accept_rate() >= ACCEPT_FLOOR,
        "accept rate {:.4} below the floor {ACCEPT_FLOOR}",
        overall.accept_rate()
    );
}
