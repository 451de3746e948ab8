//! Cross-crate stories that need no window: the CLI as an administrator uses it, and the database's
//! durability under `kill -9`. They run the built binaries (see `support`).

mod cli;
mod documents;
mod durability;
mod migrations;
mod printing;
mod qr;
mod queue;
mod requests;
mod run;
mod tax_notices;
mod tax_receipts;
mod tax_register;
