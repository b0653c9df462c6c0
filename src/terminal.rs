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

/// A hidden character as people can look it up: `U+202E RIGHT-TO-LEFT OVERRIDE`, or the code
/// point alone for the controls nobody plants on purpose.
pub fn describe(c: char) -> String {
    const NAMES: &[(char, &str)] = &[
        ('\0', "NULL"),
        ('\x07', "BELL"),
        ('\x08', "BACKSPACE"),
        ('\t', "CHARACTER TABULATION"),
        ('\n', "LINE FEED"),
        ('\x0b', "LINE TABULATION"),
        ('\x0c', "FORM FEED"),
        ('\r', "CARRIAGE RETURN"),
        ('\x1b', "ESCAPE"),
        ('\x7f', "DELETE"),
        ('\u{85}', "NEXT LINE"),
        ('\u{9b}', "CONTROL SEQUENCE INTRODUCER"),
        ('\u{9c}', "STRING TERMINATOR"),
        ('\u{9d}', "OPERATING SYSTEM COMMAND"),
        ('\u{061c}', "ARABIC LETTER MARK"),
        ('\u{200b}', "ZERO WIDTH SPACE"),
        ('\u{200c}', "ZERO WIDTH NON-JOINER"),
        ('\u{200d}', "ZERO WIDTH JOINER"),
        ('\u{200e}', "LEFT-TO-RIGHT MARK"),
        ('\u{200f}', "RIGHT-TO-LEFT MARK"),
        ('\u{2028}', "LINE SEPARATOR"),
        ('\u{2029}', "PARAGRAPH SEPARATOR"),
        ('\u{202a}', "LEFT-TO-RIGHT EMBEDDING"),
        ('\u{202b}', "RIGHT-TO-LEFT EMBEDDING"),
        ('\u{202c}', "POP DIRECTIONAL FORMATTING"),
        ('\u{202d}', "LEFT-TO-RIGHT OVERRIDE"),
        ('\u{202e}', "RIGHT-TO-LEFT OVERRIDE"),
        ('\u{2060}', "WORD JOINER"),
        ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
        ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
        ('\u{2068}', "FIRST STRONG ISOLATE"),
        ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
        ('\u{feff}', "ZERO WIDTH NO-BREAK SPACE"),
    ];
    match NAMES.iter().find(|(known, _)| *known == c) {
        Some((_, name)) => format!("U+{:04X} {name}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
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
    fn hidden_characters_are_named() {
        assert_eq!(describe('\u{202e}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
        assert_eq!(describe('\x1b'), "U+001B ESCAPE");
        assert_eq!(describe('\x01'), "U+0001");
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
