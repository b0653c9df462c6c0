//! Host names that imitate others (IDN homographs): a label whose Unicode form mixes Latin
//! letters with Cyrillic, Greek or Armenian ones (`xn--pple-43d`, "аpple" with a Cyrillic а),
//! or is written wholly in Cyrillic or Greek letters that look Latin (`xn--80ak6aa92e`,
//! "аррӏе") under a Latin-script top-level domain. Browsers show such names in their `xn--`
//! form for that reason (UTS #39 mixed-script detection, Chrome's whole-script confusables);
//! a certificate for one is how a look-alike site gets its padlock.
//!
//! Only the scripts whose letters pass for Latin ones are told apart: a label mixing Latin
//! with Han, kana or Hangul is ordinary (UTS #39 allows it).

use idna::punycode;

use super::dns_name::MAX_NAME_LEN;

/// A DNS name with a label that imitates another name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Homograph {
    /// The whole name, its `xn--` labels decoded.
    pub unicode: String,
    /// What it reads as: every look-alike letter replaced by the Latin letter it imitates.
    pub imitates: String,
    /// The look-alike scripts of the deceptive label, in a fixed order.
    pub scripts: Vec<Script>,
}

impl Homograph {
    /// One script only: the label imitates Latin without a Latin letter in it.
    pub fn whole_script(&self) -> bool {
        self.scripts.len() == 1
    }
}

/// The scripts whose letters are told apart here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Armenian,
}

impl Script {
    /// Its name, as a catalogue phrase.
    pub fn phrase(self) -> &'static str {
        match self {
            Script::Latin => "phrase.script.latin",
            Script::Greek => "phrase.script.greek",
            Script::Cyrillic => "phrase.script.cyrillic",
            Script::Armenian => "phrase.script.armenian",
        }
    }
}

/// Top-level domains of countries that write in Cyrillic or Greek, where a name in those
/// letters alone is expected.
const OWN_SCRIPT_TLDS: &[&str] = &[
    "bg", "by", "cy", "gr", "kg", "kz", "mk", "mn", "rs", "ru", "su", "tj", "ua", "uz",
];

/// The homograph in `name` (a SAN dNSName or a CN), if one of its labels imitates Latin
/// letters with letters of another script and the name reads as another because of it.
pub fn homograph(name: &str) -> Option<Homograph> {
    // Punycode decoding is quadratic in a label's length: no host name is longer.
    if name.len() > MAX_NAME_LEN {
        return None;
    }
    let labels: Vec<String> = name.split('.').map(decode).collect();
    let tld = labels.last().map(String::as_str).unwrap_or_default();
    let latin_tld = tld.is_ascii() && !OWN_SCRIPT_TLDS.contains(&tld.to_ascii_lowercase().as_str());
    let scripts = labels.iter().find_map(|label| {
        let scripts = scripts(label);
        let mixed = scripts.len() > 1;
        let whole = latin_tld
            && matches!(scripts.as_slice(), [Script::Cyrillic] | [Script::Greek])
            && label
                .chars()
                .filter(|&c| script(c).is_some())
                .all(|c| latin_lookalike(c) != c);
        (mixed || whole).then_some(scripts)
    })?;
    let unicode = labels.join(".");
    let imitates: String = unicode.chars().map(latin_lookalike).collect();
    (imitates != unicode).then_some(Homograph {
        unicode,
        imitates,
        scripts,
    })
}

/// A label in Unicode: an `xn--` label decoded, any other as it is (a broken one too).
fn decode(label: &str) -> String {
    let encoded = label
        .get(..4)
        .filter(|prefix| prefix.eq_ignore_ascii_case("xn--"))
        .and_then(|_| label.get(4..));
    encoded
        .and_then(punycode::decode_to_string)
        .unwrap_or_else(|| label.to_string())
}

/// The look-alike scripts a label's letters belong to, in [`Script`] order.
fn scripts(label: &str) -> Vec<Script> {
    const ALL: [Script; 4] = [
        Script::Latin,
        Script::Greek,
        Script::Cyrillic,
        Script::Armenian,
    ];
    let mut seen = [false; ALL.len()];
    for script in label.chars().filter_map(script) {
        seen[script as usize] = true;
    }
    ALL.into_iter().filter(|&s| seen[s as usize]).collect()
}

fn script(c: char) -> Option<Script> {
    match c {
        'a'..='z'
        | 'A'..='Z'
        | '\u{aa}'
        | '\u{ba}'
        | '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{2af}'
        | '\u{1d00}'..='\u{1d7f}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2c60}'..='\u{2c7f}'
        | '\u{a720}'..='\u{a7ff}'
        | '\u{ab30}'..='\u{ab6f}' => Some(Script::Latin),
        '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => Some(Script::Greek),
        '\u{400}'..='\u{52f}'
        | '\u{1c80}'..='\u{1c8f}'
        | '\u{2de0}'..='\u{2dff}'
        | '\u{a640}'..='\u{a69f}' => Some(Script::Cyrillic),
        '\u{531}'..='\u{58f}' | '\u{fb13}'..='\u{fb17}' => Some(Script::Armenian),
        _ => None,
    }
}

/// The Latin letter a Cyrillic, Greek or Armenian letter passes for in a browser's address
/// bar (after Chrome's whole-script confusables), else the letter itself.
fn latin_lookalike(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'ь' | 'ъ' => 'b',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ҽ' => 'e',
        'ց' => 'g',
        'һ' | 'հ' => 'h',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'κ' => 'k',
        'ӏ' => 'l',
        'п' | 'η' | 'ո' => 'n',
        'о' | 'ο' | 'օ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' | 'զ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'τ' => 't',
        'υ' | 'ս' => 'u',
        'ѵ' | 'ν' => 'v',
        'ԝ' | 'ѡ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_names_are_found() {
        // "аpple.com", its first letter Cyrillic: mixed with Latin.
        let found = homograph("xn--pple-43d.com").expect("a homograph");
        assert_eq!(found.unicode, "\u{430}pple.com");
        assert_eq!(found.imitates, "apple.com");
        assert_eq!(found.scripts, [Script::Latin, Script::Cyrillic]);
        assert!(!found.whole_script());
        // "аррӏе.com": Cyrillic letters only, each one passing for a Latin one.
        let found = homograph("WWW.XN--80AK6AA92E.COM").expect("a homograph");
        assert_eq!(found.imitates, "WWW.apple.COM");
        assert!(found.whole_script());
        // A U-label written as such in a CN, Greek ο in "gοοgle".
        let found = homograph("g\u{3bf}\u{3bf}gle.example").expect("a homograph");
        assert_eq!(found.imitates, "google.example");
        assert_eq!(found.scripts, [Script::Latin, Script::Greek]);
    }

    #[test]
    fn ordinary_names_are_not() {
        for name in [
            "www.example.com",
            "*.example.com",
            // bücher.example, 例え.テスト, рф (Cyrillic under its own TLD), пример.рф
            "xn--bcher-kva.example",
            "xn--r8jz45g.xn--zckzah",
            "xn--p1ai",
            "xn--e1afmkfd.xn--p1ai",
            // "аррӏе" under .ru, Cyrillic words that do not all pass for Latin (пример.com).
            "xn--80ak6aa92e.ru",
            "xn--e1afmkfd.com",
            // Latin with Han (UTS #39 allows it), broken punycode, too long a name.
            "xn--abc-x68d.example",
            "xn--zz.example",
            "xn--a.example",
        ] {
            assert_eq!(homograph(name), None, "{name}");
        }
        let long = format!("xn--pple-43d.{}", "a.".repeat(200));
        assert_eq!(homograph(&long), None);
    }
}
