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
    pub fn from_env() -> Args {
        Args::parse(std::env::args().skip(1))
    }

    /// Unknown arguments are ignored: the window must open even if a launcher adds its own flags.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Args {
        let mut out = Args::default();
        let mut it = args.into_iter();
        while let Some(arg) = it.next() {
            if arg == "--demo" {
                out.demo = true;
            } else if arg == "--data-dir" {
                out.data_dir = it.next().map(PathBuf::from);
            } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
                out.data_dir = Some(PathBuf::from(dir));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_flag_forms() {
        let a = Args::parse(["--demo", "--data-dir", "/x"].map(String::from));
        assert_eq!(a, Args { data_dir: Some("/x".into()), demo: true });
        let a = Args::parse(["--data-dir=/y", "--unknown"].map(String::from));
        assert_eq!(a, Args { data_dir: Some("/y".into()), demo: false });
    }
}
