fn main() {
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission for each, so the
    // capability file can grant exactly the commands the window needs (least privilege).
    let manifest = tauri_build::AppManifest::new().commands(&[
        "get_app_status",
        "set_language",
        "create_demo_office",
        "setup_office",
        "get_office_overview",
        "get_sign_in_screen",
        "get_session",
        "sign_in",
        "sign_out",
        "lock_session",
        "touch_session",
        "open_area",
        "change_own_password",
        "set_own_pin",
        "list_user_accounts",
        "create_user",
        "reset_user_password",
        "set_user_active",
        "set_user_role",
        "get_security_policy",
        "set_security_policy",
        "browse_audit",
        "get_audit_filter_options",
        "get_audit_chain_status",
        "search_citizens",
        "reveal_citizen",
        "list_printers",
        "get_print_routes",
        "set_print_route",
        "print_test_page",
        "reprint_job",
        "list_print_jobs",
        "refresh_print_jobs",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|e| panic!("tauri build failed: {e}"));
}
