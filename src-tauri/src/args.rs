//! The app's command line: `sala [--data-dir DIR] [--demo]`.

use std::path::PathBuf;

/// Parsed command-line options.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Args {
    /// `--data-dir DIR`: where the database lives (else `SALA_DATA_DIR`, else the platform default).
    pub data_dir: Option<PathBuf>,
    /// `--demo`: with no database yet, create the demo office without asking.
    pub demo: bool,
}

impl Args {
    /// The process's arguments. A `--data-dir` without a folder stops the app with a message rather than
    /// silently opening the office's real data folder instead of the one meant.
    pub fn from_env() -> Args {
        Args::parse(std::env::args().skip(1)).unwrap_or_else(|message| {
            eprintln!("sala: {message}");
            std::process::exit(2);
        })
    }

    /// Other arguments are ignored: the window must open even if a launcher adds its own flags.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
        let mut out = Args::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            let dir = if arg == "--demo" {
                out.demo = true;
                continue;
            } else if arg == "--data-dir" {
                it.next()
            } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
                Some(dir.to_owned())
            } else {
                continue;
            };
            match dir.filter(|d| !d.trim().is_empty() && !d.starts_with("--")) {
                Some(dir) => out.data_dir = Some(PathBuf::from(dir)),
                None => {
                    return Err(sala_core::i18n::t(
                        sala_core::Lang::Th,
                        "msg.app.data_dir_missing",
                    ));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_flag_forms() {
        let a = Args::parse(["--demo", "--data-dir", "/x"].map(String::from));
        assert_eq!(a, Ok(Args { data_dir: Some("/x".into()), demo: true }));
        let a = Args::parse(["--data-dir=/y", "--unknown"].map(String::from));
        assert_eq!(a, Ok(Args { data_dir: Some("/y".into()), demo: false }));
    }

    /// Falling back to the real data folder when the one given is missing would open the wrong office.
    #[test]
    fn a_data_dir_flag_without_a_folder_is_an_error() {
        for args in [&["--data-dir"][..], &["--data-dir="], &["--data-dir", "--demo"]] {
            let err = Args::parse(args.iter().map(|s| (*s).to_owned())).expect_err("refused");
            assert!(err.contains("--data-dir"), "{err}");
        }
    }
}
