//! The names of the files a conversion writes: by role in the chain and by subject, made
//! safe on every system.

use super::Item;
use crate::chain;
use crate::input::Content;
use crate::model::{self, Body, Model, Object};
use crate::trust_store::TrustStore;

/// The certificates' chain (for order and roles) and the file names of the objects.
pub(super) struct Names {
    /// Item indexes of the main chain, leaf first.
    pub(super) chain: Vec<usize>,
    /// True when the chain holds every certificate of the inputs (copies aside).
    pub(super) complete: bool,
    /// True when its last certificate is a self-issued root.
    pub(super) ends_in_root: bool,
}

impl Names {
    pub(super) fn new(items: &[Item], at: i64) -> Names {
        let certs: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].cert.is_some())
            .collect();
        let model = Model {
            objects: certs
                .iter()
                .enumerate()
                .filter_map(|(id, &i)| {
                    let cert = items[i].cert.clone()?;
                    Some(Object {
                        id,
                        source: items[i].source.clone(),
                        body: Body::Certificate(Box::new(cert)),
                        added: false,
                    })
                })
                .collect(),
            issues: Vec::new(),
        };
        let chains = chain::build(&model, &TrustStore::given(Vec::new()), at);
        let chain: Vec<usize> = chains
            .main(None)
            .map(|c| {
                c.certs
                    .iter()
                    .filter_map(|&id| certs.get(id).copied())
                    .collect()
            })
            .unwrap_or_default();
        let complete = !chain.is_empty()
            && items
                .iter()
                .filter(|i| i.content == Content::Certificate)
                .all(|i| chain.iter().any(|&c| items[c].der == i.der));
        let ends_in_root = chain.len() > 1
            && chain
                .last()
                .and_then(|&i| items[i].cert.as_ref())
                .is_some_and(|c| c.is_self_issued());
        Names {
            chain,
            complete,
            ends_in_root,
        }
    }

    /// The order of a PEM bundle: as found, except that certificates from PKCS#7 bundles
    /// that form one chain come first, leaf first.
    pub(super) fn bundle_order(&self, items: &[Item]) -> Vec<usize> {
        let from_pkcs7 = items.iter().any(|i| i.source.member.is_some());
        if !(from_pkcs7 && self.complete) {
            return (0..items.len()).collect();
        }
        let mut order = self.chain.clone();
        order.extend((0..items.len()).filter(|&i| items[i].content != Content::Certificate));
        order
    }

    /// Every object with its file name (without extension): the chain first (`1-<leaf>`,
    /// `2-intermediate-<name>`, `3-root-<name>`), then the rest as found.
    pub(super) fn split_order(&self, items: &[Item]) -> Vec<(usize, String)> {
        let mut out: Vec<(usize, String)> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        let mut add = |i: usize, name: String, out: &mut Vec<(usize, String)>| {
            let base = safe_name(&name);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            out.push((i, name));
        };
        let cert_name = |i: usize| {
            items[i]
                .cert
                .as_ref()
                .map(model::display_name)
                .unwrap_or_else(|| "certificate".into())
        };
        for (position, &i) in self.chain.iter().enumerate() {
            let role = if position == 0 {
                String::new()
            } else if self.ends_in_root && position + 1 == self.chain.len() {
                "root-".into()
            } else {
                "intermediate-".into()
            };
            add(
                i,
                format!("{}-{role}{}", position + 1, cert_name(i)),
                &mut out,
            );
        }
        let mut keys = 0;
        for (i, item) in items.iter().enumerate() {
            if self.chain.contains(&i) {
                continue;
            }
            let name = match item.content {
                Content::Certificate => format!("cert-{}", cert_name(i)),
                Content::Csr => match crate::model::Csr::parse(&item.der) {
                    Ok(csr) => format!("csr-{}", csr_name(&csr)),
                    Err(_) => "csr".into(),
                },
                Content::PublicKey | Content::RsaPublicKey => "pubkey".into(),
                _ => {
                    keys += 1;
                    key_name(keys)
                }
            };
            add(i, name, &mut out);
        }
        out
    }
}

pub(super) fn key_name(n: usize) -> String {
    if n == 1 {
        "key".into()
    } else {
        format!("key-{n}")
    }
}

fn csr_name(csr: &crate::model::Csr) -> String {
    // "CN=www.example.com, O=…" → "www.example.com"
    csr.subject
        .split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .map(str::to_string)
        .unwrap_or_else(|| "request".into())
}

/// A file name from anything, safe on every system: ASCII letters, digits, `.`, `_` and `-`
/// kept, `*` spelled `wildcard`, anything else `_`; no leading or trailing dot, at most 100
/// bytes; Windows device names (`CON`, `NUL`, `COM1` …) get a `_` after them.
pub fn safe_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '-' | '_' => out.push(c),
            '*' => out.push_str("wildcard"),
            _ => {
                if !out.ends_with('_') {
                    out.push('_')
                }
            }
        }
    }
    let trimmed = out.trim_start_matches(['.', '-']);
    let mut out: String = trimmed.chars().take(100).collect();
    // Windows drops trailing dots: "a." would be written as "a".
    out.truncate(out.trim_end_matches('.').len());
    if out.is_empty() || out.chars().all(|c| c == '_') {
        out = "unnamed".into();
    }
    // On Windows these names open a device, whatever the extension ("NUL.pfx" is NUL).
    let stem = out
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let device = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if device {
        out.insert(stem.len(), '_');
    }
    out
}

/// The last path component without its extension (`dir/chain.p7b` → `chain`).
pub(super) fn file_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.split_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => base.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("1-www.example.com"), "1-www.example.com");
        assert_eq!(safe_name("1-*.example.com"), "1-wildcard.example.com");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("..."), "unnamed");
        assert_eq!(safe_name("a.pem."), "a.pem");
        for (device, safe) in [
            ("NUL.pfx", "NUL_.pfx"),
            ("con", "con_"),
            ("Aux.pem", "Aux_.pem"),
            ("COM1.der", "COM1_.der"),
            ("lpt9.pem", "lpt9_.pem"),
            ("PRN.key.pem", "PRN_.key.pem"),
        ] {
            assert_eq!(safe_name(device), safe);
        }
        for ordinary in [
            "CONTOSO.pfx",
            "COMPANY.pem",
            "LPT.pem",
            "null.pem",
            "1-NUL.pem",
        ] {
            assert_eq!(safe_name(ordinary), ordinary);
        }
        assert_eq!(
            safe_name("2-intermediate-certlens Test/CA"),
            "2-intermediate-certlens_Test_CA"
        );
        assert_eq!(safe_name(&"a".repeat(300)).len(), 100);
    }
}
