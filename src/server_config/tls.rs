//! Protocol lists and cipher strings as the servers read them.
//!
//! Protocols: nginx's `ssl_protocols` lists the enabled versions; Apache's `SSLProtocol`
//! adds (`+X`), removes (`-X`) or sets (`X`) versions, `all` standing for TLSv1 to TLSv1.3
//! (SSLv3 only when added by name: OpenSSL builds have lacked it for years).
//!
//! Ciphers: an OpenSSL cipher string (`:`, `,` or space separated; `!X` removes for good,
//! `-X` removes, `+X` only reorders, `A+B` is the intersection, `@STRENGTH`/`@SECLEVEL=n`
//! are options). certlens does not expand OpenSSL's aliases in full (what they hold depends
//! on the OpenSSL version); it recognises exactly these, and says so:
//! - weak classes by name: `RC4`, `3DES`, `DES` (single DES, like `LOW`), `NULL`/`eNULL`,
//!   `aNULL`/`ADH`/`AECDH`, `EXPORT`/`EXP`/`EXPORT40`/`EXPORT56`, `LOW`, `MD5`, `IDEA`,
//!   `SEED`, and full cipher names holding them (`DES-CBC3-SHA`, `RC4-MD5`, `EXP-…`, `ADH-…`);
//! - `ALL` (everything but NULL: on older OpenSSL versions that includes RC4, 3DES, DES,
//!   EXPORT, IDEA, SEED, anonymous and MD5 suites), `HIGH` (includes the anonymous suites),
//!   `MEDIUM` (RC4, 3DES, IDEA, SEED, MD5 and anonymous suites), `COMPLEMENTOFALL` (NULL);
//! - in an intersection, `ECDHE`/`EECDH`/`DHE`/`EDH`/`aRSA`/`aECDSA`/`ECDSA` exclude the
//!   anonymous suites, and `AES*`/`AESGCM`/`CHACHA20`/`CAMELLIA`/`ARIA` exclude every class
//!   but the anonymous suites.
//!
//! Any other word (`DEFAULT`, `RSA`, `SHA1`, `kEECDH`, …) is taken to add no weak class.

use serde::Serialize;

/// A protocol version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Protocol {
    #[serde(rename = "SSLv2")]
    Ssl2,
    #[serde(rename = "SSLv3")]
    Ssl3,
    #[serde(rename = "TLSv1")]
    Tls1,
    #[serde(rename = "TLSv1.1")]
    Tls11,
    #[serde(rename = "TLSv1.2")]
    Tls12,
    #[serde(rename = "TLSv1.3")]
    Tls13,
}

impl Protocol {
    pub const ALL: [Protocol; 6] = [
        Protocol::Ssl2,
        Protocol::Ssl3,
        Protocol::Tls1,
        Protocol::Tls11,
        Protocol::Tls12,
        Protocol::Tls13,
    ];

    /// The name both servers use (`TLSv1.2`).
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Ssl2 => "SSLv2",
            Protocol::Ssl3 => "SSLv3",
            Protocol::Tls1 => "TLSv1",
            Protocol::Tls11 => "TLSv1.1",
            Protocol::Tls12 => "TLSv1.2",
            Protocol::Tls13 => "TLSv1.3",
        }
    }

    /// Reads a name, ignoring ASCII case (Apache's names are case-insensitive).
    pub fn from_name(name: &str) -> Option<Protocol> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }

    /// Versions browsers no longer accept.
    pub fn outdated(self) -> bool {
        self < Protocol::Tls12
    }
}

/// nginx's `ssl_protocols`: the versions named; unknown names are returned apart.
pub fn nginx_protocols(args: &[String]) -> (Vec<Protocol>, Vec<String>) {
    let mut enabled = Vec::new();
    let mut unknown = Vec::new();
    for arg in args {
        match Protocol::from_name(arg) {
            Some(p) if !enabled.contains(&p) => enabled.push(p),
            Some(_) => {}
            None => unknown.push(arg.clone()),
        }
    }
    enabled.sort();
    (enabled, unknown)
}

/// Apache's `SSLProtocol`: the enabled set after each `+X`, `-X` or `X` in turn (`all`:
/// TLSv1 to TLSv1.3); unknown names are returned apart.
pub fn apache_protocols(args: &[String]) -> (Vec<Protocol>, Vec<String>) {
    let all = [
        Protocol::Tls1,
        Protocol::Tls11,
        Protocol::Tls12,
        Protocol::Tls13,
    ];
    let mut enabled: Vec<Protocol> = Vec::new();
    let mut unknown = Vec::new();
    for arg in args {
        let (action, name) = match arg.as_bytes().first() {
            Some(b'+') => ('+', &arg[1..]),
            Some(b'-') => ('-', &arg[1..]),
            _ => ('=', arg.as_str()),
        };
        let named: Vec<Protocol> = if name.eq_ignore_ascii_case("all") {
            all.to_vec()
        } else {
            match Protocol::from_name(name) {
                Some(p) => vec![p],
                None => {
                    unknown.push(arg.clone());
                    continue;
                }
            }
        };
        match action {
            '-' => enabled.retain(|p| !named.contains(p)),
            '+' => enabled.extend(named),
            _ => enabled = named,
        }
    }
    enabled.sort();
    enabled.dedup();
    (enabled, unknown)
}

/// A class of weak cipher suites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum WeakCipher {
    /// No encryption at all.
    #[serde(rename = "NULL")]
    Null,
    /// No server authentication: anyone in the middle can pose as the server.
    #[serde(rename = "aNULL")]
    Anonymous,
    /// 40- and 56-bit export ciphers (FREAK, Logjam).
    #[serde(rename = "EXPORT")]
    Export,
    /// 56-bit single DES and other `LOW` suites.
    #[serde(rename = "LOW")]
    Low,
    #[serde(rename = "RC4")]
    Rc4,
    /// 64-bit blocks (Sweet32).
    #[serde(rename = "3DES")]
    TripleDes,
    #[serde(rename = "IDEA")]
    Idea,
    #[serde(rename = "SEED")]
    Seed,
    #[serde(rename = "MD5")]
    Md5,
}

impl WeakCipher {
    const ALL: [WeakCipher; 9] = [
        WeakCipher::Null,
        WeakCipher::Anonymous,
        WeakCipher::Export,
        WeakCipher::Low,
        WeakCipher::Rc4,
        WeakCipher::TripleDes,
        WeakCipher::Idea,
        WeakCipher::Seed,
        WeakCipher::Md5,
    ];

    /// The OpenSSL keyword that removes the class (`!RC4`).
    pub fn keyword(self) -> &'static str {
        match self {
            WeakCipher::Null => "eNULL",
            WeakCipher::Anonymous => "aNULL",
            WeakCipher::Export => "EXPORT",
            WeakCipher::Low => "LOW",
            WeakCipher::Rc4 => "RC4",
            WeakCipher::TripleDes => "3DES",
            WeakCipher::Idea => "IDEA",
            WeakCipher::Seed => "SEED",
            WeakCipher::Md5 => "MD5",
        }
    }

    /// Broken outright (an error), rather than outdated (a warning).
    pub fn broken(self) -> bool {
        matches!(
            self,
            WeakCipher::Null
                | WeakCipher::Anonymous
                | WeakCipher::Export
                | WeakCipher::Low
                | WeakCipher::Rc4
                | WeakCipher::Md5
        )
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

const EVERY: u16 = (1 << 9) - 1;

fn set(classes: &[WeakCipher]) -> u16 {
    classes.iter().fold(0, |acc, c| acc | c.bit())
}

/// What one word of a cipher string can add. `None`: a word certlens does not expand.
fn word_classes(word: &str) -> Option<u16> {
    use WeakCipher::*;
    let upper = word.to_ascii_uppercase();
    Some(match upper.as_str() {
        "ALL" => set(&[Anonymous, Export, Low, Rc4, TripleDes, Idea, Seed, Md5]),
        "HIGH" => set(&[Anonymous]),
        "MEDIUM" => set(&[Anonymous, Rc4, TripleDes, Idea, Seed, Md5]),
        "LOW" | "DES" => set(&[Low]),
        "EXPORT" | "EXP" | "EXPORT40" | "EXPORT56" => set(&[Export]),
        "NULL" | "ENULL" | "COMPLEMENTOFALL" => set(&[Null]),
        "ANULL" | "ADH" | "AECDH" => set(&[Anonymous]),
        "RC4" => set(&[Rc4]),
        "3DES" => set(&[TripleDes]),
        "IDEA" => set(&[Idea]),
        "SEED" => set(&[Seed]),
        "MD5" => set(&[Md5]),
        // In an intersection: these exclude the anonymous suites...
        "ECDHE" | "EECDH" | "DHE" | "EDH" | "ARSA" | "AECDSA" | "ECDSA" => EVERY & !Anonymous.bit(),
        // ...and these every class but the anonymous one.
        "AES" | "AES128" | "AES256" | "AESGCM" | "AESCCM" | "AESCCM8" | "CHACHA20" | "CAMELLIA"
        | "CAMELLIA128" | "CAMELLIA256" | "ARIA" | "ARIA128" | "ARIA256" => Anonymous.bit(),
        _ => return cipher_name_classes(&upper),
    })
}

/// A full cipher suite name (`ECDHE-RSA-DES-CBC3-SHA`): the weak classes it belongs to.
fn cipher_name_classes(upper: &str) -> Option<u16> {
    use WeakCipher::*;
    if !upper.contains('-') {
        return None;
    }
    let mut classes = 0;
    if upper.contains("RC4") {
        classes |= Rc4.bit();
    }
    if upper.contains("DES-CBC3") || upper.contains("3DES") {
        classes |= TripleDes.bit();
    } else if upper.contains("DES-CBC") || upper.contains("DES40") {
        classes |= Low.bit();
    }
    if upper.contains("NULL") {
        classes |= Null.bit();
    }
    if upper.starts_with("ADH-") || upper.starts_with("AECDH-") || upper.contains("-ANON-") {
        classes |= Anonymous.bit();
    }
    if upper.starts_with("EXP-") || upper.starts_with("EXP1024-") {
        classes |= Export.bit();
    }
    if upper.ends_with("-MD5") {
        classes |= Md5.bit();
    }
    if upper.contains("IDEA") {
        classes |= Idea.bit();
    }
    if upper.contains("SEED") {
        classes |= Seed.bit();
    }
    Some(classes)
}

/// The weak classes a cipher string leaves enabled, each with the word that added it.
pub fn weak_ciphers(cipher_string: &str) -> Vec<(WeakCipher, String)> {
    let mut added: [Option<String>; 9] = Default::default();
    let mut killed = 0u16;
    for token in cipher_string
        .split([':', ',', ' ', '\t'])
        .filter(|t| !t.is_empty())
    {
        if token.starts_with('@') {
            continue;
        }
        let (action, body) = match token.as_bytes().first() {
            Some(b'!') => ('!', &token[1..]),
            Some(b'-') => ('-', &token[1..]),
            Some(b'+') => ('+', &token[1..]),
            _ => ('=', token),
        };
        let parts: Vec<Option<u16>> = body.split('+').map(word_classes).collect();
        let classes = if parts.iter().all(Option::is_none) {
            0
        } else {
            parts.iter().fold(EVERY, |acc, p| acc & p.unwrap_or(EVERY))
        };
        match action {
            '+' => {}
            '=' => {
                for class in WeakCipher::ALL {
                    let index = class as usize;
                    if classes & class.bit() != 0 && killed & class.bit() == 0 {
                        if let Some(slot) = added.get_mut(index) {
                            slot.get_or_insert_with(|| token.to_string());
                        }
                    }
                }
            }
            _ => {
                // Only a class removed by its own name is gone; `!HIGH` removes only part of
                // the anonymous suites, and an intersection only part of a class.
                if parts.len() == 1 {
                    for class in WeakCipher::ALL {
                        if classes == class.bit() {
                            if let Some(slot) = added.get_mut(class as usize) {
                                *slot = None;
                            }
                            if action == '!' {
                                killed |= class.bit();
                            }
                        }
                    }
                }
            }
        }
    }
    let enabled = |class: WeakCipher| added[class as usize].is_some();
    // TLS suites with an MD5 MAC are all RC4, NULL or EXPORT suites.
    let md5_possible =
        enabled(WeakCipher::Rc4) || enabled(WeakCipher::Null) || enabled(WeakCipher::Export);
    WeakCipher::ALL
        .into_iter()
        .filter(|&class| class != WeakCipher::Md5 || md5_possible)
        .filter_map(|class| added[class as usize].clone().map(|word| (class, word)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weak(s: &str) -> Vec<&'static str> {
        weak_ciphers(s)
            .into_iter()
            .map(|(c, _)| c.keyword())
            .collect()
    }

    #[test]
    fn cipher_strings() {
        assert!(weak("HIGH:!aNULL:!MD5").is_empty());
        assert!(weak("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256").is_empty());
        assert!(weak("EECDH+AESGCM:EDH+AESGCM").is_empty());
        assert_eq!(weak("HIGH:!MD5"), ["aNULL"]);
        assert_eq!(weak("RC4-SHA:AES128-SHA"), ["RC4"]);
        assert_eq!(weak("ECDHE-RSA-DES-CBC3-SHA"), ["3DES"]);
        assert_eq!(weak("LOW"), ["LOW"]);
        assert_eq!(weak("EXPORT"), ["EXPORT"]);
        assert_eq!(weak("eNULL"), ["eNULL"]);
        assert_eq!(
            weak("ALL:!aNULL:!eNULL:!EXPORT:!LOW:!RC4:!3DES:!IDEA:!SEED"),
            Vec::<&str>::new()
        );
        assert_eq!(
            weak("ALL:!aNULL:!RC4:!EXPORT:!LOW"),
            ["3DES", "IDEA", "SEED"]
        );
        assert_eq!(
            weak("ALL:!aNULL"),
            ["EXPORT", "LOW", "RC4", "3DES", "IDEA", "SEED", "MD5"]
        );
        // `-` removes until added again; `!` for good.
        assert_eq!(weak("-RC4:RC4-SHA"), ["RC4"]);
        assert!(weak("!RC4:RC4-SHA").is_empty());
        assert!(weak("+RC4").is_empty());
        assert_eq!(weak("RSA+RC4"), ["RC4"]);
        assert!(weak("DEFAULT:@SECLEVEL=2").is_empty());
    }

    #[test]
    fn apache_protocol_lists() {
        let p = |s: &str| {
            let args: Vec<String> = s.split_whitespace().map(String::from).collect();
            apache_protocols(&args)
                .0
                .into_iter()
                .map(Protocol::name)
                .collect::<Vec<_>>()
        };
        assert_eq!(p("all -SSLv3"), ["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]);
        assert_eq!(p("all -SSLv3 -TLSv1 -TLSv1.1"), ["TLSv1.2", "TLSv1.3"]);
        assert_eq!(p("-all +TLSv1.2 +TLSv1.3"), ["TLSv1.2", "TLSv1.3"]);
        assert_eq!(p("TLSv1.2"), ["TLSv1.2"]);
        assert_eq!(p("+SSLv3 +TLSv1.2"), ["SSLv3", "TLSv1.2"]);
        assert_eq!(p("TLSv1.3 TLSv1.2"), ["TLSv1.2"]);
    }
}
