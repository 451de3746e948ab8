//! Printing: CUPS on Linux (and macOS), ESC/POS raster to thermal printers, and the record of every job.

pub mod cups;
pub mod escpos;
mod jobs;
#[cfg(test)]
mod tests;

pub use jobs::{
    Delivery, Destination, JobStatus, Prepared, PrintEnv, PrintJob, Route, deliver, finish,
    job_pdf, jobs, prepare, prepare_reprint, prepare_test_page, print, printers, refresh, reprint,
    route, routes, set_route, test_page,
};
