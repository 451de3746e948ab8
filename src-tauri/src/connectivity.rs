//! Online/offline for the status bar: every 15 seconds, can we open a TCP connection to the configured
//! central endpoint? No endpoint configured means offline (and the UI says so). Sync itself is a later issue;
//! this only tells the clerk whether it could run.

use std::sync::Arc;
use std::time::Duration;

use crate::state::AppState;

const INTERVAL: Duration = Duration::from_secs(15);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);

pub async fn watch(state: Arc<AppState>) {
    loop {
        let endpoint = Arc::clone(&state)
            .run(|db, _| sala_core::status::sync_endpoint(db.conn()))
            .await
            .ok()
            .flatten();
        let online = match endpoint.as_deref().and_then(host_port) {
            Some(addr) => {
                tokio::time::timeout(CONNECT_TIMEOUT, tokio::net::TcpStream::connect(addr))
                    .await
                    .is_ok_and(|r| r.is_ok())
            }
            None => false,
        };
        state.set_online(online);
        tokio::time::sleep(INTERVAL).await;
    }
}

/// `https://sync.example.go.th/v1` → `sync.example.go.th:443`.
fn host_port(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next().filter(|a| !a.is_empty())?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if authority.rsplit_once(':').is_some_and(|(_, p)| p.parse::<u16>().is_ok()) {
        return Some(authority.to_owned());
    }
    let port = match scheme {
        "https" => 443,
        "http" => 80,
        _ => return None,
    };
    Some(format!("{authority}:{port}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn endpoint_urls_become_host_and_port() {
        assert_eq!(
            super::host_port("https://sync.example.go.th/v1").as_deref(),
            Some("sync.example.go.th:443")
        );
        assert_eq!(super::host_port("http://10.0.0.5:8080").as_deref(), Some("10.0.0.5:8080"));
        assert_eq!(super::host_port("ftp://x"), None);
        assert_eq!(super::host_port("nonsense"), None);
    }
}
