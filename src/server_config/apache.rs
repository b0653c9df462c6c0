//! Apache httpd configuration syntax: one directive per line, a `\` at the end of a line
//! continues it, `#` starts a comment line, arguments are separated by white space and may
//! be quoted (`"…"`, `'…'`, with `\` escaping the quote), and `<Name args>` … `</Name>`
//! sections nest (`<IfModule mod_ssl.c>`, `<VirtualHost *:443>`).

use super::{close_unclosed, Budget, Directive, Problem, MAX_DEPTH};

pub(super) fn parse(file: &str, text: &str, budget: &mut Budget) -> (Vec<Directive>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut stack: Vec<(Directive, Vec<Directive>)> = Vec::new();
    let mut top: Vec<Directive> = Vec::new();
    // Sections nested past MAX_DEPTH are skipped: how many are open.
    let mut skipping = 0usize;
    let mut lines = text.split('\n').enumerate();
    'lines: while let Some((index, raw)) = lines.next() {
        let number = index + 1;
        // Join continuation lines.
        let mut logical = raw.trim_end_matches('\r').to_string();
        while logical.ends_with('\\') {
            logical.pop();
            match lines.next() {
                Some((_, next)) => {
                    logical.push(' ');
                    logical.push_str(next.trim_end_matches('\r'));
                }
                None => break,
            }
        }
        let line = logical.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("</") {
            let name = rest.trim_end_matches('>').trim();
            if skipping > 0 {
                skipping -= 1;
                continue;
            }
            match stack.pop() {
                Some((mut opener, children)) => {
                    if !opener.is(name) {
                        problems.push(
                            Problem::syntax(file, number, "phrase.config.mismatched_section")
                                .param("name", format!("</{name}>"))
                                .param("opened", opener.line),
                        );
                    }
                    opener.children = Some(children);
                    match stack.last_mut() {
                        Some((_, parent)) => parent.push(opener),
                        None => top.push(opener),
                    }
                }
                None => problems.push(Problem::syntax(
                    file,
                    number,
                    "phrase.config.unexpected_close",
                )),
            }
            continue;
        }
        let section = line.starts_with('<');
        let body = if section {
            match line[1..].strip_suffix('>') {
                Some(inner) => inner,
                None => {
                    problems.push(Problem::syntax(file, number, "phrase.config.unclosed_tag"));
                    &line[1..]
                }
            }
        } else {
            line
        };
        if skipping > 0 {
            if section {
                skipping += 1;
            }
            continue;
        }
        let Some(mut words) = split_words(body, file, number, &mut problems) else {
            continue;
        };
        if budget.words < words.len() {
            problems.push(Problem::limit(
                file,
                number,
                "phrase.config.too_many_words",
                super::MAX_WORDS,
            ));
            break 'lines;
        }
        budget.words -= words.len();
        if words.is_empty() {
            continue;
        }
        let name = words.remove(0);
        let directive = Directive {
            name,
            args: words,
            file: file.to_string(),
            line: number,
            children: None,
        };
        if section {
            if stack.len() >= MAX_DEPTH {
                problems.push(Problem::limit(
                    file,
                    number,
                    "phrase.config.too_deep",
                    MAX_DEPTH,
                ));
                skipping = 1;
                continue;
            }
            stack.push((directive, Vec::new()));
        } else {
            match stack.last_mut() {
                Some((_, children)) => children.push(directive),
                None => top.push(directive),
            }
        }
    }
    close_unclosed(stack, &mut top, &mut problems, |opener| {
        Problem::syntax(file, opener.line, "phrase.config.unclosed_section")
            .param("name", format!("<{}>", opener.name))
            .param("opened", opener.line)
    });
    (top, problems)
}

/// Arguments as Apache's `ap_getword_conf` splits them: white space, quotes, `\` before a
/// quote. `None` (with a problem) for an unterminated quote.
fn split_words(
    text: &str,
    file: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&c) = chars.peek() else {
            return Some(words);
        };
        let mut word = String::new();
        if c == '"' || c == '\'' {
            chars.next();
            loop {
                match chars.next() {
                    None => {
                        problems.push(
                            Problem::syntax(file, line, "phrase.config.unterminated_quote")
                                .param("opened", line),
                        );
                        return None;
                    }
                    Some(q) if q == c => break,
                    Some('\\') => match chars.next() {
                        Some(e) if e == c || e == '\\' => word.push(e),
                        Some(e) => {
                            word.push('\\');
                            word.push(e);
                        }
                        None => word.push('\\'),
                    },
                    Some(other) => word.push(other),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                word.push(c);
            }
        }
        words.push(word);
    }
}
