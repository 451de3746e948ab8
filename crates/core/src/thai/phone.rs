//! Thai phone numbers as people type them: `081-234-5678`, `036 781 111`, `(02) 123 4567`, `+66 81 234 5678`.

/// Characters people put between a number's digits (the no-break space comes from spreadsheets).
const SEPARATORS: [char; 6] = [' ', '-', '.', '(', ')', '\u{a0}'];

/// The number as stored, digits only with its leading 0 (`0812345678`), or `None` when `input` is not a Thai
/// number: 9 or 10 digits starting with one 0 (a mobile 10, a landline 9), `+66` standing for the 0, and only
/// the usual separators between them. Callers say what is wrong in their own words.
pub fn normalize(input: &str) -> Option<String> {
    let compact: String = input.trim().chars().filter(|c| !SEPARATORS.contains(c)).collect();
    let digits = match compact.strip_prefix("+66") {
        Some(rest) => format!("0{rest}"),
        None => compact,
    };
    let ok = digits.chars().all(|c| c.is_ascii_digit())
        && (9..=10).contains(&digits.len())
        && digits.starts_with('0')
        && !digits.starts_with("00");
    ok.then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn typed_forms_become_digits_with_their_leading_zero() {
        assert_eq!(normalize("081-234-5678").as_deref(), Some("0812345678"));
        assert_eq!(normalize(" 036 781 111 ").as_deref(), Some("036781111"));
        assert_eq!(normalize("(02) 123.4567").as_deref(), Some("021234567"));
        assert_eq!(normalize("+66 81 234 5678").as_deref(), Some("0812345678"));
        assert_eq!(normalize("081\u{a0}234\u{a0}5678").as_deref(), Some("0812345678"));
        for bad in
            ["", "0812", "812345678", "08123456789", "0012345678", "081-234-567x", "081/234/5678"]
        {
            assert_eq!(normalize(bad), None, "{bad}");
        }
    }
}
