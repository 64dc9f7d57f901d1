#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]
fn main() {
    // WebKitGTK's accelerated compositing costs this text editor ~90 MB of memory and ~0.5 s before
    // the first frame, for effects it does not use (BENCHMARKS.md, "The app in the real window").
    // A value the user set wins. Set before any thread starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    accord_app::run()
}
