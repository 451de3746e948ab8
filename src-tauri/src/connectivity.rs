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
        let online = match endpoint.as_deref().and_then(sala_core::sync::endpoint_address) {
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
