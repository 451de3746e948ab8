//! TypeScript bindings drift check (rust-analyzer's `ensure_file_contents` idea): this test renders every
//! IPC type with ts-rs into `ui/src/generated/` and fails if any file had to change, so stale bindings can
//! never be committed. After changing an IPC type, run `cargo test -p sala bindings` once and commit the
//! regenerated files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sala_core::Lang;
use sala_core::audit::{AuditChainStatus, AuditFilter, AuditFilterOptions, AuditPage};
use sala_core::auth::{
    NewUserInput, SecurityPolicySettings, SessionState, SignInScreen, UserAccount,
};
use sala_core::citizen::{CitizenListItem, CitizenPersonal};
use sala_core::office::{OfficeOverview, OfficeSetup};
use sala_core::print::cups::PrinterInfo;
use sala_core::print::{PrintJob, Route};
use sala_core::queue::{
    Board, CounterInfo, IssueInput, Kpis, QueueCounterInput, QueueServiceInput, QueueSettings,
    QueueState, RatingPrompt, ServiceInfo, TransferTo,
};
use sala_core::status::AppStatus;
use ts_rs::{Config, TS};

use crate::commands::queue::IssueResult;
use crate::commands::tax_payments::ReceiptPrint;
use crate::error::IpcError;

fn render_all(dir: &Path) -> Result<(), ts_rs::ExportError> {
    let cfg = Config::new().with_out_dir(dir);
    // Roots; ts-rs follows their dependencies (OfficeSummary, UserSummary, Role, ErrorCode, ...).
    AppStatus::export_all(&cfg)?;
    OfficeOverview::export_all(&cfg)?;
    OfficeSetup::export_all(&cfg)?;
    IpcError::export_all(&cfg)?;
    Lang::export_all(&cfg)?;
    SignInScreen::export_all(&cfg)?;
    SessionState::export_all(&cfg)?;
    UserAccount::export_all(&cfg)?;
    NewUserInput::export_all(&cfg)?;
    SecurityPolicySettings::export_all(&cfg)?;
    AuditPage::export_all(&cfg)?;
    AuditFilter::export_all(&cfg)?;
    AuditFilterOptions::export_all(&cfg)?;
    AuditChainStatus::export_all(&cfg)?;
    CitizenListItem::export_all(&cfg)?;
    CitizenPersonal::export_all(&cfg)?;
    PrinterInfo::export_all(&cfg)?;
    PrintJob::export_all(&cfg)?;
    Route::export_all(&cfg)?;
    IssueResult::export_all(&cfg)?;
    IssueInput::export_all(&cfg)?;
    TransferTo::export_all(&cfg)?;
    QueueState::export_all(&cfg)?;
    QueueSettings::export_all(&cfg)?;
    ServiceInfo::export_all(&cfg)?;
    CounterInfo::export_all(&cfg)?;
    QueueServiceInput::export_all(&cfg)?;
    QueueCounterInput::export_all(&cfg)?;
    Kpis::export_all(&cfg)?;
    Board::export_all(&cfg)?;
    RatingPrompt::export_all(&cfg)?;
    sala_core::tax::register::TaxpayerHit::export_all(&cfg)?;
    sala_core::tax::register::TaxpayerRecord::export_all(&cfg)?;
    sala_core::tax::register::TaxpayerForm::export_all(&cfg)?;
    sala_core::tax::register::ParcelForm::export_all(&cfg)?;
    sala_core::tax::register::BuildingForm::export_all(&cfg)?;
    sala_core::tax::register::CondoUnitForm::export_all(&cfg)?;
    sala_core::tax::register::UseForm::export_all(&cfg)?;
    sala_core::tax::register::ImportView::export_all(&cfg)?;
    sala_core::tax::register::PropertyKind::export_all(&cfg)?;
    ReceiptPrint::export_all(&cfg)?;
    sala_core::tax::receipt::PaymentInput::export_all(&cfg)?;
    sala_core::tax::receipt::Outstanding::export_all(&cfg)?;
    sala_core::tax::receipt::Quote::export_all(&cfg)?;
    sala_core::tax::receipt::PayableNotice::export_all(&cfg)?;
    sala_core::tax::receipt::VerifiedReceipt::export_all(&cfg)?;
    sala_core::tax::receipt::CashSummary::export_all(&cfg)?;
    sala_core::tax::receipt::ControlRegister::export_all(&cfg)?;
    sala_core::tax::receipt::Arrears::export_all(&cfg)?;
    sala_core::tax::receipt::ReceiptBook::export_all(&cfg)?;
    crate::commands::tax_notices::NoticePrint::export_all(&cfg)?;
    crate::commands::tax_notices::BatchStepResult::export_all(&cfg)?;
    sala_core::tax::settings::TaxSettingsView::export_all(&cfg)?;
    sala_core::tax::notice::NoticePreview::export_all(&cfg)?;
    sala_core::tax::notice::IssueOutcome::export_all(&cfg)?;
    crate::commands::requests::IntakeResult::export_all(&cfg)?;
    crate::commands::requests::AttachmentData::export_all(&cfg)?;
    sala_core::requests::Category::export_all(&cfg)?;
    sala_core::requests::CategoryInput::export_all(&cfg)?;
    sala_core::requests::IntakeInput::export_all(&cfg)?;
    sala_core::requests::ListFilter::export_all(&cfg)?;
    sala_core::requests::RequestCounts::export_all(&cfg)?;
    sala_core::requests::RequestDetail::export_all(&cfg)?;
    sala_core::requests::RequestListItem::export_all(&cfg)?;
    sala_core::requests::CallBack::export_all(&cfg)?;
    sala_core::requests::StaffOption::export_all(&cfg)?;
    sala_core::requests::AttachmentInput::export_all(&cfg)?;
    sala_core::requests::ContactChannel::export_all(&cfg)?;
    sala_core::requests::Source::export_all(&cfg)?;
    Ok(())
}

fn read_dir_ts(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ts"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, std::fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bindings_are_fresh() {
    let committed_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/generated");
    let fresh_dir = tempfile::tempdir().expect("tempdir");
    render_all(fresh_dir.path()).expect("ts-rs renders the IPC types");
    let fresh = read_dir_ts(fresh_dir.path());
    let committed = read_dir_ts(&committed_dir);
    if fresh == committed {
        return;
    }
    // Bring the tree up to date so the developer only has to commit, then fail loudly.
    std::fs::create_dir_all(&committed_dir).expect("create ui/src/generated");
    for name in committed.keys().filter(|n| !fresh.contains_key(*n)) {
        std::fs::remove_file(committed_dir.join(name)).expect("remove stale binding");
    }
    for (name, text) in &fresh {
        std::fs::write(committed_dir.join(name), text).expect("write binding");
    }
    let changed: Vec<&String> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|n| fresh.get(*n) != committed.get(*n))
        .collect();
    panic!("ui/src/generated was stale and has been regenerated ({changed:?}); commit it");
}
