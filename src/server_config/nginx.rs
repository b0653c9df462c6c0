//! nginx configuration syntax: words separated by white space, `"…"` and `'…'` quotes with
//! `\` escapes, `#` comments to the end of the line, `;` ending a directive, `{ … }` blocks
//! (`http { server { … } }`), `${var}` inside words.

use super::{close_unclosed, Budget, Directive, Problem, MAX_DEPTH};

#[derive(Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Open,
    Close,
    End,
}

/// Splits the text into tokens with their line; a problem for an unterminated quote.
struct Lexer<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
}

impl Lexer<'_> {
    fn next(&mut self, file: &str, problems: &mut Vec<Problem>) -> Option<(Token, usize)> {
        loop {
            let c = *self.chars.peek()?;
            match c {
                '\n' => {
                    self.line += 1;
                    self.chars.next();
                }
                c if c.is_whitespace() => {
                    self.chars.next();
                }
                '#' => {
                    while let Some(&c) = self.chars.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.chars.next();
                    }
                }
                '{' | '}' | ';' => {
                    self.chars.next();
                    let token = match c {
                        '{' => Token::Open,
                        '}' => Token::Close,
                        _ => Token::End,
                    };
                    return Some((token, self.line));
                }
                '"' | '\'' => {
                    let start = self.line;
                    self.chars.next();
                    let mut word = String::new();
                    loop {
                        match self.chars.next() {
                            None => {
                                problems.push(
                                    Problem::syntax(
                                        file,
                                        start,
                                        "phrase.config.unterminated_quote",
                                    )
                                    .param("opened", start),
                                );
                                return None;
                            }
                            Some(q) if q == c => break,
                            Some('\\') => self.escape(&mut word),
                            Some(other) => {
                                if other == '\n' {
                                    self.line += 1;
                                }
                                word.push(other);
                            }
                        }
                    }
                    return Some((Token::Word(word), start));
                }
                _ => {
                    let start = self.line;
                    let mut word = String::new();
                    while let Some(&c) = self.chars.peek() {
                        if c.is_whitespace() || c == ';' || c == '}' {
                            break;
                        }
                        // `${name}` is part of a word; any other `{` opens a block.
                        if c == '{' && !word.ends_with('$') {
                            break;
                        }
                        self.chars.next();
                        if c == '\\' {
                            self.escape(&mut word);
                        } else if c == '{' {
                            word.push('{');
                            while let Some(v) = self.chars.next_if(|&v| v != '}' && v != '\n') {
                                word.push(v);
                            }
                            if let Some(close) = self.chars.next_if_eq(&'}') {
                                word.push(close);
                            }
                        } else {
                            word.push(c);
                        }
                    }
                    return Some((Token::Word(word), start));
                }
            }
        }
    }

    /// After a `\`: nginx's escapes `\"`, `\'`, `\\`, `\t`, `\r`, `\n`; any other character
    /// keeps its backslash.
    fn escape(&mut self, word: &mut String) {
        match self.chars.next() {
            Some(c @ ('"' | '\'' | '\\')) => word.push(c),
            Some('t') => word.push('\t'),
            Some('r') => word.push('\r'),
            Some('n') => word.push('\n'),
            Some(other) => {
                if other == '\n' {
                    self.line += 1;
                }
                word.push('\\');
                word.push(other);
            }
            None => word.push('\\'),
        }
    }
}

/// Reads the directives of one file.
pub(super) fn parse(file: &str, text: &str, budget: &mut Budget) -> (Vec<Directive>, Vec<Problem>) {
    let mut lexer = Lexer {
        chars: text.chars().peekable(),
        line: 1,
    };
    let mut problems = Vec::new();
    // The blocks being read: the directive that opened each, and what it holds so far.
    let mut stack: Vec<(Directive, Vec<Directive>)> = Vec::new();
    let mut top: Vec<Directive> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut first_line = 0;
    // Blocks nested past MAX_DEPTH are skipped: how many of their braces are open.
    let mut skipping = 0usize;
    while let Some((token, line)) = lexer.next(file, &mut problems) {
        if skipping > 0 {
            match token {
                Token::Open => skipping += 1,
                Token::Close => skipping -= 1,
                _ => {}
            }
            continue;
        }
        match token {
            Token::Word(word) => {
                if budget.words == 0 {
                    problems.push(Problem::limit(
                        file,
                        line,
                        "phrase.config.too_many_words",
                        super::MAX_WORDS,
                    ));
                    break;
                }
                budget.words -= 1;
                if words.is_empty() {
                    first_line = line;
                }
                words.push(word);
            }
            Token::End => {
                if words.is_empty() {
                    problems.push(Problem::syntax(
                        file,
                        line,
                        "phrase.config.unexpected_semicolon",
                    ));
                    continue;
                }
                let directive = make(file, first_line, std::mem::take(&mut words), None);
                match stack.last_mut() {
                    Some((_, children)) => children.push(directive),
                    None => top.push(directive),
                }
            }
            Token::Open => {
                if words.is_empty() {
                    problems.push(Problem::syntax(
                        file,
                        line,
                        "phrase.config.block_without_name",
                    ));
                    words.push(String::new());
                    first_line = line;
                }
                let opener = make(file, first_line, std::mem::take(&mut words), None);
                if stack.len() >= MAX_DEPTH {
                    problems.push(Problem::limit(
                        file,
                        line,
                        "phrase.config.too_deep",
                        MAX_DEPTH,
                    ));
                    skipping = 1;
                    continue;
                }
                stack.push((opener, Vec::new()));
            }
            Token::Close => {
                if !words.is_empty() {
                    problems.push(Problem::syntax(
                        file,
                        first_line,
                        "phrase.config.missing_semicolon",
                    ));
                    let directive = make(file, first_line, std::mem::take(&mut words), None);
                    if let Some((_, children)) = stack.last_mut() {
                        children.push(directive);
                    }
                }
                match stack.pop() {
                    Some((mut opener, children)) => {
                        opener.children = Some(children);
                        match stack.last_mut() {
                            Some((_, parent)) => parent.push(opener),
                            None => top.push(opener),
                        }
                    }
                    None => problems.push(Problem::syntax(
                        file,
                        line,
                        "phrase.config.unexpected_close",
                    )),
                }
            }
        }
    }
    if !words.is_empty() {
        problems.push(Problem::syntax(
            file,
            first_line,
            "phrase.config.missing_semicolon",
        ));
        let directive = make(file, first_line, std::mem::take(&mut words), None);
        match stack.last_mut() {
            Some((_, children)) => children.push(directive),
            None => top.push(directive),
        }
    }
    close_unclosed(stack, &mut top, &mut problems, |opener| {
        Problem::syntax(file, opener.line, "phrase.config.unclosed_block")
            .param("opened", opener.line)
    });
    (top, problems)
}

fn make(
    file: &str,
    line: usize,
    mut words: Vec<String>,
    children: Option<Vec<Directive>>,
) -> Directive {
    let name = if words.is_empty() {
        String::new()
    } else {
        words.remove(0)
    };
    Directive {
        name,
        args: words,
        file: file.to_string(),
        line,
        children,
    }
}
