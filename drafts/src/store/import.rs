//! Creating a negotiation from an imported draft, in one transaction.

use std::path::Path;

use chrono::Utc;
use rusqlite::params;

use super::paragraphs::relabel;
use super::rows::{self, Row};
use super::{brackets as records, Store};
use crate::import::{ImportedDraft, ImportedStatus};
use crate::model::{AdReferendum, Paragraph, ParagraphId, Status};
use crate::{Error, Result};

impl Store {
    /// Creates a negotiation file from an imported draft: its paragraphs and statuses become
    /// round 1. Delegations named in the draft but missing from the roster are added to it.
    pub fn create_from_import(path: &Path, draft: &ImportedDraft) -> Result<Store> {
        let mut store = Store::create(path, draft.meta.clone())?;
        let result = store.write_import(draft);
        if let Err(e) = result {
            drop(store);
            for suffix in ["", "-wal", "-shm"] {
                let mut file = path.as_os_str().to_owned();
                file.push(suffix);
                std::fs::remove_file(&file).ok();
            }
            return Err(e);
        }
        Ok(store)
    }

    fn write_import(&mut self, draft: &ImportedDraft) -> Result<()> {
        let tx = self.conn.transaction()?;
        let round = rows::open_round(&tx)?;
        let now = Utc::now();
        let ids: Vec<ParagraphId> = draft.paragraphs.iter().map(|_| ParagraphId::new()).collect();
        let mut named: Vec<&String> = draft.meta.whole_text_ad_referendum.iter().collect();
        for p in &draft.paragraphs {
            named.extend(&p.proposers);
            if let ImportedStatus::AdReferendum { delegations } = &p.status {
                named.extend(delegations);
            }
        }
        for name in named {
            tx.execute(
                "INSERT OR IGNORE INTO delegations (name, kind, position)
                 VALUES (?1, 'member', (SELECT COALESCE(MAX(position), -1) + 1 FROM delegations))",
                params![name],
            )?;
        }
        for (i, p) in draft.paragraphs.iter().enumerate() {
            let parent = match p.parent {
                Some(j) => Some(*ids.get(j).ok_or_else(|| {
                    Error::Invalid(format!("paragraph {} belongs to a missing paragraph", i + 1))
                })?),
                None => None,
            };
            let status = match &p.status {
                ImportedStatus::Agreed => Status::Agreed,
                ImportedStatus::AdReferendum { delegations } => {
                    Status::AdReferendum(AdReferendum {
                        delegations: delegations.clone(),
                        since: now,
                        deadline: None,
                    })
                }
                ImportedStatus::Bracketed => Status::Bracketed,
                ImportedStatus::Pending => Status::Pending,
                ImportedStatus::Proposed => Status::Proposed,
            };
            let row = Row {
                paragraph: Paragraph {
                    id: ids[i],
                    kind: p.kind,
                    parent,
                    text: p.text.clone(),
                    status,
                    footnotes: p.footnotes.clone(),
                    proposers: p.proposers.clone(),
                    notes: String::new(),
                    label: String::new(),
                },
                position: (i as f64 + 1.0) * 1024.0,
            };
            rows::write(&tx, round.number, &row)?;
            records::sync(&tx, round.number, ids[i], &p.text, None)?;
        }
        relabel(&tx, round.number)?;
        rows::log(&tx, round.number, None, "imported", &draft.paragraphs.len().to_string())?;
        tx.commit()?;
        Ok(())
    }
}
