//! IPC commands: one module per area, each command a one-line adapter over one core call (R3).
//! A command body that branches on domain state belongs in `sala-core` instead.

pub mod app;
pub mod audit;
pub mod board;
pub mod citizens;
pub mod office;
pub mod printing;
pub mod queue;
pub mod requests;
pub mod session;
pub mod tax_notices;
pub mod tax_payments;
pub mod tax_register;
pub mod users;
