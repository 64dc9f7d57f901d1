//! The recent-files list, kept as JSON in the app's config folder.

use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const FILE_NAME: &str = "recent-files.json";
const LIMIT: usize = 10;

/// A file opened before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentFile {
    pub path: String,
    pub title: String,
    pub opened_at: DateTime<Utc>,
}

/// Recent files, newest first, at most ten.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecentFiles(pub Vec<RecentFile>);

impl RecentFiles {
    /// Reads the list; a missing or unreadable list is an empty one.
    pub fn load(dir: &Path) -> Self {
        std::fs::read(dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(dir.join(FILE_NAME), json)
    }

    /// Puts `path` first.
    pub fn touch(&mut self, path: &Path, title: &str) {
        self.forget(path);
        self.0.insert(
            0,
            RecentFile {
                path: path.display().to_string(),
                title: title.to_string(),
                opened_at: Utc::now(),
            },
        );
        self.0.truncate(LIMIT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.0.retain(|f| Path::new(&f.path) != path);
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.0.iter().any(|f| Path::new(&f.path) == path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let mut recent = RecentFiles::default();
        for i in 0..12 {
            recent.touch(Path::new(&format!("/tmp/{i}.accord")), "t");
        }
        recent.touch(Path::new("/tmp/5.accord"), "again");
        assert_eq!(recent.0.len(), LIMIT);
        assert_eq!(recent.0[0].path, "/tmp/5.accord");
        assert_eq!(recent.0.iter().filter(|f| f.path == "/tmp/5.accord").count(), 1);
    }

    #[test]
    fn round_trips_through_the_config_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut recent = RecentFiles::default();
        recent.touch(Path::new("/x/a.accord"), "A");
        recent.save(dir.path()).unwrap();
        assert_eq!(RecentFiles::load(dir.path()), recent);
        assert!(RecentFiles::load(&dir.path().join("missing")).0.is_empty());
    }
}
