fn main() {
    // Declaring the app's commands makes Tauri generate an `allow-<command>` permission for each, so the
    // capability file can grant exactly the commands the window needs (least privilege).
    let manifest = tauri_build::AppManifest::new().commands(&[
        "get_app_status",
        "create_demo_office",
        "setup_office",
        "get_office_overview",
        "set_language",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .unwrap_or_else(|e| panic!("tauri build failed: {e}"));
}
