//! `salactl --help` in Thai (default) or English: the texts come from core's translation files
//! (`msg.cli.help.*`), replacing the English doc comments clap derives from.

use clap::Command;
use sala_core::Lang;
use sala_core::i18n::t;

/// `(subcommand path, argument id or "" for the command itself, key)`.
const HELP: &[(&[&str], &str, &str)] = &[
    (&[], "", "msg.cli.help.about"),
    (&[], "data_dir", "msg.cli.help.data_dir"),
    (&[], "json", "msg.cli.help.json"),
    (&[], "lang", "msg.cli.help.lang"),
    (&[], "as_user", "msg.cli.help.as"),
    (&["init"], "", "msg.cli.help.init"),
    (&["init"], "demo", "msg.cli.help.init_demo"),
    (&["doctor"], "", "msg.cli.help.doctor"),
    (&["backup"], "", "msg.cli.help.backup"),
    (&["backup"], "file", "msg.cli.help.backup_file"),
    (&["restore"], "", "msg.cli.help.restore"),
    (&["restore"], "file", "msg.cli.help.restore_file"),
    (&["sync"], "", "msg.cli.help.sync"),
    (&["sync", "endpoint"], "", "msg.cli.help.sync_endpoint"),
    (&["sync", "endpoint"], "url", "msg.cli.help.sync_endpoint_url"),
    (&["sync", "endpoint"], "clear", "msg.cli.help.sync_endpoint_clear"),
    (&["audit"], "", "msg.cli.help.audit"),
    (&["audit", "verify"], "", "msg.cli.help.audit_verify"),
    (&["users"], "", "msg.cli.help.users"),
    (&["users", "list"], "", "msg.cli.help.users_list"),
    (&["users", "reset-password"], "", "msg.cli.help.users_reset"),
    (&["users", "reset-password"], "username", "msg.cli.help.users_reset_username"),
    (&["render"], "", "msg.cli.help.render"),
    (&["render", "text"], "", "msg.cli.help.render_text"),
    (&["render", "text"], "out", "msg.cli.help.render_text_out"),
    (&["render", "text"], "size", "msg.cli.help.render_text_size"),
    (&["render", "text"], "paper", "msg.cli.help.render_text_paper"),
    (&["print"], "", "msg.cli.help.print"),
    (&["print"], "file", "msg.cli.help.print_file"),
    (&["print"], "printer", "msg.cli.help.print_printer"),
    (&["print"], "escpos", "msg.cli.help.print_escpos"),
    (&["print"], "paper", "msg.cli.help.print_paper"),
    (&["print"], "no_cut", "msg.cli.help.print_no_cut"),
    (&["print"], "drawer", "msg.cli.help.print_drawer"),
    (&["print"], "wait", "msg.cli.help.print_wait"),
    (&["print"], "cups_server", "msg.cli.help.cups_server"),
    (&["printers"], "", "msg.cli.help.printers"),
    (&["printers"], "cups_server", "msg.cli.help.cups_server"),
    (&["bench"], "", "msg.cli.help.bench"),
    (&["bench", "documents"], "", "msg.cli.help.bench_documents"),
    (&["bench", "documents"], "seconds", "msg.cli.help.bench_documents_seconds"),
    (&["bench", "queue"], "", "msg.cli.help.bench_queue"),
    (&["bench", "queue"], "seconds", "msg.cli.help.bench_documents_seconds"),
    (&["baht-text"], "", "msg.cli.help.baht_text"),
    (&["baht-text"], "amount", "msg.cli.help.baht_text_amount"),
    (&["thai-id"], "", "msg.cli.help.thai_id"),
    (&["thai-id", "check"], "", "msg.cli.help.thai_id_check"),
    (&["thai-id", "check"], "id", "msg.cli.help.thai_id_check_id"),
    (&["date-th"], "", "msg.cli.help.date_th"),
    (&["date-th"], "date", "msg.cli.help.date_th_date"),
    (&["date-th"], "short", "msg.cli.help.date_th_short"),
    (&["qr"], "", "msg.cli.help.qr"),
    (&["qr", "promptpay"], "", "msg.cli.help.qr_promptpay"),
    (&["qr", "promptpay"], "mobile", "msg.cli.help.qr_promptpay_mobile"),
    (&["qr", "promptpay"], "id", "msg.cli.help.qr_promptpay_id"),
    (&["qr", "promptpay"], "ewallet", "msg.cli.help.qr_promptpay_ewallet"),
    (&["qr", "promptpay"], "amount", "msg.cli.help.qr_amount"),
    (&["qr", "promptpay"], "static", "msg.cli.help.qr_static"),
    (&["qr", "promptpay"], "dynamic", "msg.cli.help.qr_dynamic"),
    (&["qr", "bill"], "", "msg.cli.help.qr_bill"),
    (&["qr", "bill"], "biller_id", "msg.cli.help.qr_bill_biller_id"),
    (&["qr", "bill"], "ref1", "msg.cli.help.qr_bill_ref1"),
    (&["qr", "bill"], "ref2", "msg.cli.help.qr_bill_ref2"),
    (&["qr", "bill"], "ref3", "msg.cli.help.qr_bill_ref3"),
    (&["qr", "bill"], "amount", "msg.cli.help.qr_amount"),
    (&["qr", "bill"], "static", "msg.cli.help.qr_static"),
    (&["qr", "bill"], "dynamic", "msg.cli.help.qr_dynamic"),
    (&["qr", "parse"], "", "msg.cli.help.qr_parse"),
    (&["qr", "parse"], "payload", "msg.cli.help.qr_parse_payload"),
    (&["queue"], "", "msg.cli.help.queue"),
    (&["queue", "issue"], "", "msg.cli.help.queue_issue"),
    (&["queue", "issue"], "service", "msg.cli.help.queue_issue_service"),
    (&["queue", "issue"], "priority", "msg.cli.help.queue_issue_priority"),
    (&["queue", "issue"], "name", "msg.cli.help.queue_issue_name"),
    (&["queue", "issue"], "phone", "msg.cli.help.queue_issue_phone"),
    (&["queue", "issue"], "slip_pdf", "msg.cli.help.queue_issue_slip_pdf"),
    (&["queue", "issue"], "print", "msg.cli.help.queue_issue_print"),
    (&["queue", "call"], "", "msg.cli.help.queue_call"),
    (&["queue", "call"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "call"], "ticket", "msg.cli.help.queue_call_ticket"),
    (&["queue", "recall"], "", "msg.cli.help.queue_recall"),
    (&["queue", "recall"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "start"], "", "msg.cli.help.queue_start"),
    (&["queue", "start"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "hold"], "", "msg.cli.help.queue_hold"),
    (&["queue", "hold"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "resume"], "", "msg.cli.help.queue_resume"),
    (&["queue", "resume"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "resume"], "ticket", "msg.cli.help.queue_resume_ticket"),
    (&["queue", "no-show"], "", "msg.cli.help.queue_no_show"),
    (&["queue", "no-show"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "transfer"], "", "msg.cli.help.queue_transfer"),
    (&["queue", "transfer"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "transfer"], "to_service", "msg.cli.help.queue_transfer_to_service"),
    (&["queue", "transfer"], "to_counter", "msg.cli.help.queue_transfer_to_counter"),
    (&["queue", "finish"], "", "msg.cli.help.queue_finish"),
    (&["queue", "finish"], "counter", "msg.cli.help.queue_counter"),
    (&["queue", "finish"], "outcome", "msg.cli.help.queue_finish_outcome"),
    (&["queue", "finish"], "next_service", "msg.cli.help.queue_finish_next_service"),
    (&["queue", "cancel"], "", "msg.cli.help.queue_cancel"),
    (&["queue", "cancel"], "ticket", "msg.cli.help.queue_ticket"),
    (&["queue", "rate"], "", "msg.cli.help.queue_rate"),
    (&["queue", "rate"], "ticket", "msg.cli.help.queue_ticket"),
    (&["queue", "rate"], "score", "msg.cli.help.queue_rate_score"),
    (&["queue", "services"], "", "msg.cli.help.queue_services"),
    (&["queue", "state"], "", "msg.cli.help.queue_state"),
    (&["queue", "export"], "", "msg.cli.help.queue_export"),
    (&["queue", "export"], "date", "msg.cli.help.queue_export_date"),
    (&["queue", "export"], "format", "msg.cli.help.queue_export_format"),
    (&["queue", "kpi"], "", "msg.cli.help.queue_kpi"),
    (&["queue", "kpi"], "from", "msg.cli.help.queue_kpi_from"),
    (&["queue", "kpi"], "to", "msg.cli.help.queue_kpi_to"),
    (&["queue", "settings"], "", "msg.cli.help.queue_settings"),
    (&["queue", "settings"], "max_wait_minutes", "msg.cli.help.queue_settings_max_wait"),
    (&["queue", "settings"], "priority_streak", "msg.cli.help.queue_settings_streak"),
    (&["queue", "settings"], "no_show_grace_minutes", "msg.cli.help.queue_settings_grace"),
    (&["queue", "settings"], "allow_call_specific", "msg.cli.help.queue_settings_call_specific"),
    (&["queue", "settings"], "reset_hour", "msg.cli.help.queue_settings_reset_hour"),
    (&["queue", "settings"], "issuer_block", "msg.cli.help.queue_settings_issuer_block"),
    (&["queue", "settings"], "issuer_blocks", "msg.cli.help.queue_settings_issuer_blocks"),
    (&["queue", "settings"], "rating_minutes", "msg.cli.help.queue_settings_rating"),
    (&["requests"], "", "msg.cli.help.requests"),
    (&["requests", "import"], "", "msg.cli.help.requests_import"),
    (&["requests", "import"], "google_form", "msg.cli.help.requests_import_file"),
    (&["requests", "import"], "mapping", "msg.cli.help.requests_import_mapping"),
    (&["requests", "export"], "", "msg.cli.help.requests_export"),
    (&["requests", "export"], "format", "msg.cli.help.requests_export_format"),
    (&["requests", "export"], "from", "msg.cli.help.requests_from"),
    (&["requests", "export"], "to", "msg.cli.help.requests_to"),
    (&["requests", "export"], "include_personal", "msg.cli.help.requests_export_personal"),
    (&["requests", "list"], "", "msg.cli.help.requests_list"),
    (&["requests", "list"], "scope", "msg.cli.help.requests_list_scope"),
    (&["requests", "list"], "state", "msg.cli.help.requests_list_state"),
    (&["requests", "list"], "category", "msg.cli.help.requests_category"),
    (&["requests", "list"], "area", "msg.cli.help.requests_list_area"),
    (&["requests", "list"], "from", "msg.cli.help.requests_from"),
    (&["requests", "list"], "to", "msg.cli.help.requests_to"),
    (&["requests", "list"], "search", "msg.cli.help.requests_list_search"),
    (&["requests", "show"], "", "msg.cli.help.requests_show"),
    (&["requests", "show"], "code", "msg.cli.help.requests_code"),
    (&["requests", "count"], "", "msg.cli.help.requests_count"),
    (&["requests", "new"], "", "msg.cli.help.requests_new"),
    (&["requests", "new"], "category", "msg.cli.help.requests_category"),
    (&["requests", "new"], "description", "msg.cli.help.requests_new_description"),
    (&["requests", "new"], "name", "msg.cli.help.requests_new_name"),
    (&["requests", "new"], "phone", "msg.cli.help.requests_new_phone"),
    (&["requests", "new"], "email", "msg.cli.help.requests_new_email"),
    (&["requests", "new"], "address", "msg.cli.help.requests_new_address"),
    (&["requests", "new"], "thai_id", "msg.cli.help.requests_new_thai_id"),
    (&["requests", "new"], "anonymous", "msg.cli.help.requests_new_anonymous"),
    (&["requests", "new"], "channel", "msg.cli.help.requests_new_channel"),
    (&["requests", "new"], "place", "msg.cli.help.requests_new_place"),
    (&["requests", "new"], "area", "msg.cli.help.requests_new_area"),
    (&["requests", "new"], "lat", "msg.cli.help.requests_new_lat"),
    (&["requests", "new"], "long", "msg.cli.help.requests_new_long"),
    (&["requests", "new"], "date", "msg.cli.help.requests_new_date"),
    (&["requests", "new"], "answer", "msg.cli.help.requests_new_answer"),
    (&["requests", "new"], "attach", "msg.cli.help.requests_new_attach"),
    (&["requests", "new"], "slip_pdf", "msg.cli.help.requests_new_slip_pdf"),
    (&["requests", "new"], "print", "msg.cli.help.requests_new_print"),
    (&["requests", "move"], "", "msg.cli.help.requests_move"),
    (&["requests", "move"], "code", "msg.cli.help.requests_code"),
    (&["requests", "move"], "to", "msg.cli.help.requests_move_to"),
    (&["requests", "move"], "note", "msg.cli.help.requests_move_note"),
    (&["requests", "move"], "duplicate_of", "msg.cli.help.requests_move_duplicate_of"),
    (&["requests", "assign"], "", "msg.cli.help.requests_assign"),
    (&["requests", "assign"], "code", "msg.cli.help.requests_code"),
    (&["requests", "assign"], "division", "msg.cli.help.requests_assign_division"),
    (&["requests", "assign"], "to", "msg.cli.help.requests_assign_to"),
    (&["requests", "note"], "", "msg.cli.help.requests_note"),
    (&["requests", "note"], "code", "msg.cli.help.requests_code"),
    (&["requests", "note"], "text", "msg.cli.help.requests_note_text"),
    (&["requests", "note"], "public", "msg.cli.help.requests_note_public"),
    (&["requests", "rate"], "", "msg.cli.help.requests_rate"),
    (&["requests", "rate"], "code", "msg.cli.help.requests_code"),
    (&["requests", "rate"], "score", "msg.cli.help.queue_rate_score"),
    (&["requests", "callbacks"], "", "msg.cli.help.requests_callbacks"),
    (&["requests", "called"], "", "msg.cli.help.requests_called"),
    (&["requests", "called"], "id", "msg.cli.help.requests_called_id"),
    (&["requests", "called"], "outcome", "msg.cli.help.requests_called_outcome"),
    (&["requests", "categories"], "", "msg.cli.help.requests_categories"),
    (&["tax", "import"], "", "msg.cli.help.tax_import"),
    (&["tax", "import"], "file", "msg.cli.help.tax_import_file"),
    (&["tax", "template"], "", "msg.cli.help.tax_template"),
    (&["tax", "search"], "", "msg.cli.help.tax_search"),
    (&["tax", "search"], "query", "msg.cli.help.tax_search_query"),
    (&["tax", "show"], "", "msg.cli.help.tax_show"),
    (&["tax", "show"], "taxpayer_id", "msg.cli.help.tax_show_id"),
];

/// `cmd` with every about and argument help in `lang`.
pub fn translated(mut cmd: Command, lang: Lang) -> Command {
    for (path, arg, key) in HELP {
        cmd = at(cmd, path, &|c: Command| {
            let text = t(lang, key);
            if arg.is_empty() { c.about(text) } else { c.mut_arg(*arg, |a| a.help(text)) }
        });
    }
    cmd
}

fn at(cmd: Command, path: &[&str], f: &dyn Fn(Command) -> Command) -> Command {
    match path.split_first() {
        None => f(cmd),
        Some((first, rest)) => cmd.mut_subcommand(*first, |sub| at(sub, rest, f)),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn all_help(cmd: &mut Command) -> String {
        let mut out = cmd.render_long_help().to_string();
        for sub in cmd.get_subcommands_mut() {
            out.push_str(&all_help(sub));
        }
        out
    }

    #[test]
    fn help_is_thai_by_default_and_english_on_request() {
        let th = all_help(&mut translated(crate::Cli::command(), Lang::Th));
        assert!(th.contains("ตัวเลขเป็นคำอ่านภาษาไทย"), "Thai help: {th}");
        assert!(!th.contains("msg.cli.help"), "every help key is translated: {th}");
        let en = all_help(&mut translated(crate::Cli::command(), Lang::En));
        assert!(en.contains("in Thai words"), "English help: {en}");
    }

    #[test]
    fn every_argument_with_help_is_translated() {
        let cmd = crate::Cli::command();
        for (path, arg, _) in HELP {
            let mut c = &cmd;
            for name in *path {
                c = c.find_subcommand(name).unwrap_or_else(|| panic!("no subcommand {name}"));
            }
            assert!(
                arg.is_empty() || c.get_arguments().any(|a| a.get_id() == *arg),
                "{path:?} {arg}"
            );
        }
    }
}
