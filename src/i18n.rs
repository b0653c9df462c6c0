//! Text in the user's language. Findings carry a code and named parameters; their message
//! and fix are rendered from a catalogue, one per language (`i18n/<lang>.json`, shared with
//! the web page), at the end of an inspection.
//!
//! A catalogue is a flat map from keys to texts with `{name}` placeholders:
//! `finding.<code>.message` and `finding.<code>.fix` (or `finding.<code>.<variant>.…`),
//! `object.<kind>` and `place.<kind>` (how objects and places are named), `content.<kind>`
//! and `phrase.<key>` (phrases a parameter can hold), `list.separator`, `cli.…` and `ui.…`.
//! A key missing from a catalogue falls back to English; `{{` and `}}` are literal braces.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::finding::{Arg, Finding, Reason};
use crate::instant::rfc3339;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// The languages of the catalogues. Native builds carry them all; the browser build carries
/// none and is given the page's (see [`Catalogue::from_texts`]).
pub const LANGUAGES: &[&str] = &["en", "zh", "ja"];

/// How deep phrases may name phrases (a reason naming a key weakness is two).
const MAX_PHRASE_DEPTH: u8 = 4;

#[derive(Clone, Default)]
pub struct Catalogue {
    /// Overrides the built-in English key by key.
    texts: Texts,
}

#[derive(Clone, Default)]
enum Texts {
    #[default]
    English,
    Builtin(&'static [(&'static str, &'static str)]),
    Given(BTreeMap<String, String>),
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Catalogue({})", self.language())
    }
}

impl Catalogue {
    pub fn english() -> Catalogue {
        Catalogue::default()
    }

    /// The built-in catalogue for a language tag (`zh-CN`, `ja_JP.UTF-8`, `en`), matched on
    /// its primary subtag; `None` for other languages, or ones this build does not carry.
    pub fn builtin(tag: &str) -> Option<Catalogue> {
        let primary = primary_subtag(tag);
        let table = builtin_table(&primary)?;
        Some(Catalogue {
            texts: if primary == "en" {
                Texts::English
            } else {
                Texts::Builtin(table)
            },
        })
    }

    /// A catalogue given as data (the browser passes the JSON file it loaded). Keys it lacks
    /// fall back to the built-in English, which the browser build does not have: there, a
    /// missing key shows as `{key}`.
    pub fn from_texts(texts: BTreeMap<String, String>) -> Catalogue {
        Catalogue {
            texts: Texts::Given(texts),
        }
    }

    /// The catalogue's language code (`language.code`), e.g. "zh".
    pub fn language(&self) -> &str {
        self.text("language.code").unwrap_or("en")
    }

    /// The text for a key, falling back to English.
    pub fn text(&self, key: &str) -> Option<&str> {
        let own = match &self.texts {
            Texts::English => None,
            Texts::Builtin(table) => lookup(table, key),
            Texts::Given(map) => map.get(key).map(String::as_str),
        };
        own.or_else(|| lookup(builtin_table("en").unwrap_or_default(), key))
    }

    /// The text for a key with its placeholders filled; a missing key or parameter is left
    /// visible as `{key}`/`{name}` rather than hidden (tests look for it).
    pub fn render(&self, key: &str, params: &[(&'static str, Arg)]) -> String {
        match self.text(key) {
            Some(template) => self.fill(template, params, 0),
            None => format!("{{{key}}}"),
        }
    }

    /// A reason's phrase with its values filled.
    pub fn render_reason(&self, reason: &Reason) -> String {
        self.render(reason.phrase, &reason.params)
    }

    /// Renders a finding's message and fix (`finding.<code>[.<variant>].message|fix`).
    pub fn localise(&self, finding: &mut Finding) {
        let base = format!("finding.{}", finding.code);
        let key = |part: &str| {
            finding
                .variant
                .map(|variant| format!("{base}.{variant}.{part}"))
                .filter(|key| self.text(key).is_some())
                .unwrap_or_else(|| format!("{base}.{part}"))
        };
        let (message, fix) = (key("message"), key("fix"));
        finding.message = self.render(&message, &finding.params);
        finding.fix = self
            .text(&fix)
            .map(|template| self.fill(template, &finding.params, 0));
    }

    /// Fills `{name}` from `params`; a phrase is filled from the same params, so that a
    /// reason (one of several clauses) can name the values it needs. `depth` stops a phrase
    /// that names itself.
    fn fill(&self, template: &str, params: &[(&'static str, Arg)], depth: u8) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(at) = rest.find(['{', '}']) {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                out.push_str(&tail[..1]);
                rest = &tail[2..];
                continue;
            }
            let close = tail.find('}').filter(|_| tail.starts_with('{'));
            let Some(close) = close else {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
                continue;
            };
            let name = &tail[1..close];
            match params.iter().find(|(n, _)| *n == name) {
                Some((_, arg)) if depth < MAX_PHRASE_DEPTH => {
                    self.write_arg(&mut out, arg, params, depth)
                }
                _ => out.push_str(&tail[..=close]),
            }
            rest = &tail[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn write_arg(&self, out: &mut String, arg: &Arg, params: &[(&'static str, Arg)], depth: u8) {
        match arg {
            Arg::Text(text) => out.push_str(text),
            Arg::Count(n) => {
                let _ = write!(out, "{n}");
            }
            Arg::Time(t) => out.push_str(&rfc3339(*t)),
            Arg::Phrase(key) => match self.text(key) {
                Some(template) => out.push_str(&self.fill(template, params, depth + 1)),
                None => {
                    let _ = write!(out, "{{{key}}}");
                }
            },
            Arg::Object(object) => {
                let params = [
                    ("name", Arg::Text(object.name.clone())),
                    ("what", Arg::Phrase(object.what)),
                    ("input", Arg::Text(object.input.clone())),
                    ("block", Arg::Count(object.block as i64 + 1)),
                ];
                out.push_str(&self.render(&format!("object.{}", object.kind), &params));
            }
            Arg::Place(place) => {
                let (kind, block, line) = match (place.block, place.line) {
                    (Some(block), Some(line)) => ("block_line", block + 1, line),
                    (None, Some(line)) => ("line", 0, line),
                    (Some(block), None) => ("block", block + 1, 0),
                    (None, None) => ("input", 0, 0),
                };
                let params = [
                    ("input", Arg::Text(place.input.clone())),
                    ("block", Arg::Count(block as i64)),
                    ("line", Arg::Count(line as i64)),
                ];
                out.push_str(&self.render(&format!("place.{kind}"), &params));
            }
            Arg::Clause(reason) => {
                out.push_str(&self.fill_phrase(reason.phrase, &reason.params, depth + 1));
            }
            Arg::List(items) | Arg::Sequence(items) | Arg::Sentences(items) => {
                let separator = match arg {
                    Arg::Sequence(_) => self.text("list.sequence").unwrap_or(" → "),
                    Arg::Sentences(_) => self.text("list.sentences").unwrap_or(" "),
                    _ => self.text("list.separator").unwrap_or(", "),
                };
                // "A, B and C": a list's last item may have a separator of its own.
                let last = match arg {
                    Arg::List(_) => self.text("list.last_separator").unwrap_or(separator),
                    _ => separator,
                };
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push_str(if index + 1 == items.len() {
                            last
                        } else {
                            separator
                        });
                    }
                    self.write_arg(out, item, params, depth);
                }
            }
        }
    }

    fn fill_phrase(&self, key: &str, params: &[(&'static str, Arg)], depth: u8) -> String {
        match self.text(key) {
            Some(template) if depth <= MAX_PHRASE_DEPTH => self.fill(template, params, depth),
            _ => format!("{{{key}}}"),
        }
    }

    /// Every key of a built-in catalogue, for the completeness tests.
    pub fn builtin_keys(lang: &str) -> Option<Vec<&'static str>> {
        Some(builtin_table(lang)?.iter().map(|(key, _)| *key).collect())
    }
}

/// The catalogue for the first of the user's languages certlens has, else English.
pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Catalogue {
    preferences
        .into_iter()
        .find_map(Catalogue::builtin)
        .unwrap_or_default()
}

fn builtin_table(lang: &str) -> Option<&'static [(&'static str, &'static str)]> {
    BUILTIN
        .iter()
        .find(|(code, _)| *code == lang)
        .map(|(_, table)| *table)
}

fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_', '.', '@'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn lookup(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|index| table[index].1)
}
