//! CSV as offices exchange it with spreadsheets (RFC 4180): reading records with the line each starts on, so
//! errors can name the line a person sees, and quoting a field for writing. Used by the tax register's and the
//! old online form's imports and by the CSV exports.

/// Splits CSV text (RFC 4180: commas, double quotes, `""` inside quotes, CRLF or LF) into records with the
/// file line each starts on (the header is line 1; a quoted cell spanning lines moves the count on).
/// A byte-order mark is skipped. `Err(line)`: a quote opened on `line` is never closed. Blank records are
/// dropped.
pub(crate) fn parse_records(text: &str) -> std::result::Result<Vec<(u32, Vec<String>)>, u32> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line: u32 = 1;
    let mut start: u32 = 1;
    let mut quoted = false;
    let mut quote_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                '\r' => {}
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() => {
                field.clear();
                quoted = true;
                quote_line = line;
            }
            ',' => fields.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                fields.push(std::mem::take(&mut field));
                records.push((start, std::mem::take(&mut fields)));
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if quoted {
        return Err(quote_line);
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        records.push((start, fields));
    }
    Ok(records.into_iter().filter(|(_, f)| f.iter().any(|v| !v.trim().is_empty())).collect())
}

/// `value` as one CSV field: quoted (with `""` for a quote) when it holds a comma, a quote or a line break.
pub(crate) fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_keep_the_line_they_start_on_and_quotes_span_lines() {
        let text = "\u{feff}a,b\r\n\"x, \"\"y\"\"\nz\",2\n\n3,4\n";
        let records = parse_records(text).expect("parse");
        assert_eq!(records[0], (1, vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(records[1], (2, vec!["x, \"y\"\nz".to_owned(), "2".to_owned()]));
        assert_eq!(
            records[2],
            (5, vec!["3".to_owned(), "4".to_owned()]),
            "the blank line is dropped"
        );
        assert_eq!(parse_records("a\n\"open,1\n2\n"), Err(2));
    }

    #[test]
    fn fields_are_quoted_only_when_needed_and_read_back() {
        for value in ["plain", "ไทย", "a,b", "say \"hi\"", "two\nlines"] {
            let line = format!("{},end\n", field(value));
            let records = parse_records(&line).expect("parse");
            assert_eq!(records[0].1[0], value);
        }
        assert_eq!(field("plain"), "plain");
    }
}
