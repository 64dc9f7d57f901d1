//! The IPC commands, one module per area. Each is a few lines: take the arguments, call the core
//! through [`AppState`](crate::AppState), map the error. The UI calls them only from `ui/src/lib/api.ts`.

mod dialogs;
mod export;
mod files;
mod import;
mod integrity;
mod languages;
mod live;
mod negotiation;
mod paragraphs;
mod proposals;
mod reports;
mod rounds;
mod undo;
mod updates;

/// Every command the window may invoke.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        files::session,
        files::new_negotiation,
        files::open_negotiation,
        files::open_recent,
        files::open_sample,
        files::save_as,
        files::open_read_only,
        import::import_preview,
        import::create_from_import,
        import::import_revision,
        import::plan_revision,
        import::read_pasted,
        import::reread_draft,
        import::shift_level,
        files::about,
        updates::check_for_update,
        updates::install_update,
        export::print_document,
        import::insert_imported,
        export::export_document,
        negotiation::update_negotiation,
        negotiation::delegations,
        paragraphs::document,
        paragraphs::insert_paragraph,
        paragraphs::edit_text,
        paragraphs::set_status,
        paragraphs::delete_paragraph,
        paragraphs::move_paragraph,
        paragraphs::set_kind,
        paragraphs::set_proposers,
        paragraphs::set_notes,
        paragraphs::set_footnotes,
        paragraphs::bracket_words,
        paragraphs::resolve_bracket,
        paragraphs::confirm_silence,
        paragraphs::break_silence,
        proposals::acting_delegation,
        proposals::act_as,
        proposals::circulated_for,
        proposals::save_delegation_copy,
        proposals::propose,
        proposals::proposals,
        proposals::withdraw_proposal,
        proposals::set_stance,
        proposals::export_proposals,
        proposals::import_proposals,
        proposals::import_word_file,
        proposals::compilation,
        proposals::accept_proposal,
        proposals::reject_proposal,
        proposals::reopen_proposal,
        proposals::bracket_proposals,
        rounds::rounds,
        rounds::close_round,
        rounds::reopen_round,
        rounds::reopenable_round,
        rounds::diff,
        rounds::history,
        live::start_live_session,
        live::revoke_live_link,
        live::set_live_focus,
        live::stop_live_session,
        live::join_live_session,
        integrity::verify,
        integrity::backups,
        integrity::restore_backup,
        reports::summary,
        reports::progress,
        reports::checks,
        languages::languages,
        languages::known_languages,
        languages::add_language,
        languages::set_translation,
        languages::review_translation,
        languages::language_statuses,
        languages::side_by_side,
        languages::plan_translation,
        languages::import_translation,
        undo::undo,
        undo::redo,
    ]
}
