//! User-facing messages of the core, in Thai and English.
//!
//! Every string a clerk can read that comes from Rust (error messages, CLI output, documents) is looked up
//! here by key. The tables are the JSON files in `crates/core/i18n/`; a test keeps their key sets equal and
//! checks that every key the code uses exists.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language Sala speaks. Thai is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// ภาษาไทย: the default.
    #[default]
    Th,
    /// English.
    En,
}

impl Lang {
    /// Parses `th` or `en` (case-insensitive); anything else is `None`.
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "th" => Some(Lang::Th),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

const TH_JSON: &str = include_str!("../i18n/th.json");
const EN_JSON: &str = include_str!("../i18n/en.json");

fn table(lang: Lang) -> &'static HashMap<String, String> {
    static TH: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, src) = match lang {
        Lang::Th => (&TH, TH_JSON),
        Lang::En => (&EN, EN_JSON),
    };
    // The tables are compiled in and checked by `tests::tables_parse_and_match`; an empty table here would
    // only show keys instead of text, never crash.
    cell.get_or_init(|| serde_json::from_str(src).unwrap_or_default())
}

/// The message for `key` in `lang`, with `{name}` placeholders replaced by `args`.
///
/// A missing key renders as the key itself so a gap is visible rather than fatal.
pub fn tr(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut out = table(lang).get(key).cloned().unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The message for `key` in `lang` without placeholders.
pub fn t(lang: Lang, key: &str) -> String {
    tr(lang, key, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse_and_match() {
        let th: HashMap<String, String> = serde_json::from_str(TH_JSON).expect("th.json parses");
        let en: HashMap<String, String> = serde_json::from_str(EN_JSON).expect("en.json parses");
        let mut missing_en: Vec<_> = th.keys().filter(|k| !en.contains_key(*k)).collect();
        let mut missing_th: Vec<_> = en.keys().filter(|k| !th.contains_key(*k)).collect();
        missing_en.sort();
        missing_th.sort();
        assert!(missing_en.is_empty(), "keys in th.json but not en.json: {missing_en:?}");
        assert!(missing_th.is_empty(), "keys in en.json but not th.json: {missing_th:?}");
    }

    /// Every `"error.…"`/`"msg.…"` key literal in the crate's sources must exist in the tables, so a typo in a
    /// key never shows a clerk a raw key.
    #[test]
    fn every_key_used_in_code_exists() {
        let th: HashMap<String, String> = serde_json::from_str(TH_JSON).expect("th.json parses");
        let src_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        for path in rust_files(&src_dir) {
            let text = std::fs::read_to_string(&path).expect("source readable");
            for piece in text.split('"').skip(1).step_by(2) {
                let is_key = ["error.", "msg.", "doctor.", "demo.", "action.", "setting."]
                    .iter()
                    .any(|p| piece.starts_with(p))
                    && piece.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
                    && !piece.ends_with('.');
                if is_key && !th.contains_key(piece) {
                    missing.push(format!("{}: {piece}", path.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "message keys used in code but missing from th.json: {missing:#?}"
        );
    }

    fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).expect("src dir readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(rust_files(&path));
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
        out
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            tr(Lang::En, "error.not_found", &[("what", "office".into())]),
            "office not found"
        );
        assert_eq!(tr(Lang::Th, "no.such.key", &[]), "no.such.key");
    }
}
