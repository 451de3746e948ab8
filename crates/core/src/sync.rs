//! Sync configuration. The protocol itself (push the outbox, pull changes) arrives with the sync issue; for
//! now a device can be pointed at its central endpoint, and the status bar shows whether it answers.

use crate::db::Db;
use crate::error::{Error, Result};

/// Sets (or with `None`, clears) this device's central sync endpoint: an `http://` or `https://` URL with a
/// host. Device-local configuration, kept in `sync_state`; it is not synced.
pub fn set_endpoint(db: &mut Db, url: Option<&str>) -> Result<Option<String>> {
    let url = url.map(str::trim).filter(|u| !u.is_empty()).map(check_url).transpose()?;
    db.conn().execute("UPDATE sync_state SET endpoint = ?1", [&url])?;
    Ok(url)
}

/// The `host:port` to reach `url` at (`https://sync.example.go.th/v1` → `sync.example.go.th:443`), for the
/// shell's reachability check; `None` for anything [`set_endpoint`] would refuse.
pub fn endpoint_address(url: &str) -> Option<String> {
    let url = check_url(url).ok()?;
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if authority.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
        return Some(authority.to_owned());
    }
    let port = if scheme == "https" { 443 } else { 80 };
    Some(format!("{authority}:{port}"))
}

fn check_url(url: &str) -> Result<String> {
    let bad = || Error::validation("error.sync.endpoint").arg("input", url);
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_ok = !host.is_empty() && !host.contains(char::is_whitespace) && !host.starts_with(':');
    if !matches!(scheme, "http" | "https") || !host_ok {
        return Err(bad());
    }
    Ok(url.trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::tests::t0;
    use crate::status::sync_endpoint;

    #[test]
    fn endpoints_are_checked_stored_and_cleared() {
        let mut db = Db::open_in_memory(t0()).expect("open");
        let set = set_endpoint(&mut db, Some(" https://sync.example.go.th/v1/ ")).expect("valid");
        assert_eq!(set.as_deref(), Some("https://sync.example.go.th/v1"));
        assert_eq!(sync_endpoint(db.conn()).expect("read"), set);
        for bad in ["sync.example.go.th", "ftp://x", "https://", "http:// host", "https://:443"] {
            let err = set_endpoint(&mut db, Some(bad)).expect_err(bad);
            assert_eq!(err.key(), "error.sync.endpoint");
            assert_eq!(sync_endpoint(db.conn()).expect("read"), set, "{bad}: nothing changed");
        }
        assert_eq!(set_endpoint(&mut db, None).expect("clear"), None);
        assert_eq!(sync_endpoint(db.conn()).expect("read"), None);
    }

    #[test]
    fn endpoint_urls_become_host_and_port() {
        assert_eq!(
            endpoint_address("https://sync.example.go.th/v1").as_deref(),
            Some("sync.example.go.th:443")
        );
        assert_eq!(endpoint_address("http://10.0.0.5:8080").as_deref(), Some("10.0.0.5:8080"));
        assert_eq!(endpoint_address("http://user@host").as_deref(), Some("host:80"));
        assert_eq!(endpoint_address("ftp://x"), None);
        assert_eq!(endpoint_address("nonsense"), None);
    }
}
