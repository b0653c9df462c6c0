//! Text from an input on its way to a terminal. A certificate name, a file name or a
//! configuration value can hold bytes a terminal obeys (ESC sequences clear the screen, move
//! the cursor, set the title, plant links) or that reorder what follows (bidirectional
//! overrides). Text output shows every such character escaped and visible instead; JSON
//! output stays exact, being data that JSON escapes.

use std::borrow::Cow;

/// Why a character is not shown as itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// C0 and C1 controls and DEL: a terminal acts on them (ESC, CR, BS, CSI …).
    Control,
    /// Bidirectional overrides, embeddings, isolates and marks: they reorder the text
    /// around them (CVE-2021-42574, "Trojan Source").
    Bidi,
    /// Zero-width and line-breaking characters: invisible, or a new line in disguise.
    Invisible,
}

/// What a character is, when it must not reach a terminal as itself.
pub fn hidden(c: char) -> Option<Hidden> {
    match c {
        '\0'..='\x1f' | '\x7f'..='\u{9f}' => Some(Hidden::Control),
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(Hidden::Bidi),
        '\u{200b}'..='\u{200d}' | '\u{2028}' | '\u{2029}' | '\u{2060}' | '\u{feff}' => {
            Some(Hidden::Invisible)
        }
        _ => None,
    }
}

/// `text` with every [`hidden`] character replaced by a visible marker: `\x1b` for ASCII
/// controls and DEL, `<U+202E>` for the others. Borrowed when nothing needs escaping.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match hidden(c) {
            None => out.push(c),
            Some(_) if c.is_ascii() => out.push_str(&format!("\\x{:02x}", c as u32)),
            Some(_) => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_are_shown_escaped() {
        assert_eq!(visible("a\x1b[2Jb"), "a\\x1b[2Jb");
        assert_eq!(visible("x\ny\r\t\x7f"), "x\\x0ay\\x0d\\x09\\x7f");
        assert_eq!(visible("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(visible("abc\u{202e}gpj.exe"), "abc<U+202E>gpj.exe");
        assert_eq!(visible("a\u{200b}b\u{2028}"), "a<U+200B>b<U+2028>");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        for text in [
            "www.example.com",
            "例子.测试",
            "Zürich — ünïcödé",
            "C:\\certs\\a.pem",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
        }
    }
}
