//! The shell's side of the settings and the archive: the interface language and appearance, the settings and
//! the letterhead's logo, who is working, backups, restoring, the archive check, retention,
//! demo data and voiding.

use super::*;

impl App {
    /// Carries out the commands of the settings and the archive: language, letterhead, who is working, backups, restoring, the archive check, retention, demo data and voiding.
    pub(super) fn archive_command(&mut self, command: Command) {
        match command {
            Command::SetLanguage(lang) => {
                self.i18n = I18n::new(lang);
                self.settings.language = lang.code().to_owned();
                let result = self.store.set_setting("language", lang.code());
                self.report(result);
            }
            Command::SetAppearance(appearance) => {
                self.settings.appearance = appearance;
                let result = self.store.set_setting("appearance", appearance.code());
                self.report(result);
            }
            Command::SetTextSize(size) => {
                self.settings.text_size = size;
                let result = self
                    .store
                    .set_setting("text_size", &size.percent().to_string());
                self.report(result);
            }
            Command::SaveSettings(settings) => match self.store.save_settings(&settings) {
                Ok(()) => {
                    self.settings = *settings;
                    self.settings_draft = SettingsDraft::from_settings(&self.settings);
                    self.read_backup_standing();
                    self.info(self.i18n.tr("settings-saved"));
                }
                Err(error) => self.fail(error),
            },
            Command::ChooseLogo => self.choose_logo(),
            Command::RemoveLogo => match self.store.set_company_logo(None) {
                Ok(()) => {
                    self.logo_preview = None;
                    self.info(self.i18n.tr("settings-logo-removed"));
                }
                Err(error) => self.fail(error),
            },
            Command::AskVoid(table, id) => {
                self.dialogs.void = Some(VoidDialog {
                    table,
                    id,
                    reason: String::new(),
                })
            }
            Command::SetOperator(operator) => match self.store.set_operator(&operator) {
                Ok(()) => {
                    // The level chosen with the name is this office's from now on.
                    let unit = crate::domain::unit::UnitLevel::from_code(&operator.unit);
                    self.operator = Some(operator);
                    self.read_archive_status();
                    if let Some(unit) = unit.filter(|u| *u != self.settings.unit_level) {
                        let settings = Settings {
                            unit_level: unit,
                            ..self.settings.clone()
                        };
                        self.execute(Command::SaveSettings(Box::new(settings)));
                    }
                }
                Err(error) => self.fail(error),
            },
            Command::RestoreBackup => self.restore_backup(),
            Command::VerifyArchive => {
                if let Some(db) = self.store.path().map(Path::to_owned)
                    && self.verification.is_none()
                {
                    self.verification = Some(background::Background::verify(&db));
                    self.archive.verifying = true;
                }
            }
            Command::ReviewPurge => match self.store.past_retention(&self.settings, self.today()) {
                Ok(expired) if expired.is_empty() => self.info(self.i18n.tr("retention-nothing")),
                Ok(expired) => self.dialogs.purge = Some(expired),
                Err(error) => self.fail(error),
            },
            Command::BackUp => {
                let name = format!("aftersales-{}.db", self.today().format("%Y-%m-%d"));
                let Some(path) = (self.pickers.save)(&name) else {
                    return;
                };
                match self.store.backup_to(&path) {
                    Ok(()) => {
                        // A copy by hand is a backup as good as the day's.
                        let noted = self.store.note_backup(self.now(), &path);
                        self.report(noted);
                        self.read_backup_standing();
                        let path = path.display().to_string();
                        self.info(self.i18n.tr_args("backup-written", &[("path", &path)]));
                    }
                    Err(error) => self.fail(error),
                }
            }
            Command::AskLoadDemo => self.dialogs.demo = true,
            Command::AskSwitchOperator => self.dialogs.switch = Some(Default::default()),
            Command::SetPin(pin) => self.set_pin(Some(&pin)),
            Command::RemovePin => self.set_pin(None),
            Command::LoadDemoData => {
                // Checked again here: another window may have saved a record meanwhile.
                match self.store.holds_no_records() {
                    Ok(true) => {}
                    Ok(false) => return self.error(self.i18n.tr("demo-not-empty")),
                    Err(error) => return self.fail(error),
                }
                let now = self.now();
                let seed = now.and_utc().timestamp() as u64;
                let (added, failure) = match crate::demo::fill(&mut self.store, 500, seed, now) {
                    Ok(added) => (added, None),
                    Err(error) => (error.added, Some(error.source)),
                };
                // What was saved is said even when the rest failed.
                let (cards, complaints) = (added.cards.to_string(), added.complaints.to_string());
                let key = match failure {
                    None => "demo-loaded",
                    Some(_) => "demo-stopped",
                };
                let text = self
                    .i18n
                    .tr_args(key, &[("cards", &cards), ("complaints", &complaints)]);
                match failure {
                    None => self.info(text),
                    Some(error) => {
                        self.error(text);
                        self.fail(error);
                    }
                }
                self.requery_cards(self.screens.cards.query.clone());
                self.requery_complaints(self.screens.complaints.list.query.clone());
                self.requery_contracts(self.screens.contracts.query.clone());
                self.refresh_dashboard();
                self.read_archive_status();
            }
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// Reads the stored logo for the settings screen's preview.
    pub(super) fn read_logo(&mut self) {
        match self.store.company_logo() {
            Ok(logo) => self.logo_preview = logo.as_deref().map(logo_preview),
            Err(error) => self.fail(error),
        }
    }

    /// Asks for a picture and stores it as the company logo, refusing a file over 1 MB or
    /// one that is not a readable JPEG or PNG with a message.
    pub(super) fn choose_logo(&mut self) {
        use crate::domain::company::{LogoError, MAX_LOGO_BYTES, check_logo};
        let Some(path) = (self.pickers.logo)() else {
            return;
        };
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_LOGO_BYTES as u64) {
            return self.error(self.i18n.tr(LogoError::TooLarge.message_key()));
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                let what = self.i18n.tr("error-logo-read");
                return self.error(format!("{what} ({error}): {}", path.display()));
            }
        };
        if let Err(error) = check_logo(&bytes) {
            let what = self.i18n.tr(error.message_key());
            return self.error(format!("{what}: {}", path.display()));
        }
        match self.store.set_company_logo(Some(&bytes)) {
            Ok(()) => {
                self.logo_preview = Some(logo_preview(&bytes));
                self.info(self.i18n.tr("settings-logo-saved"));
            }
            Err(error) => self.fail(error),
        }
    }

    /// Keeps a hash of `pin` for the clerk working, or forgets their PIN.
    fn set_pin(&mut self, pin: Option<&str>) {
        let Some(name) = self.operator.as_ref().map(|o| o.name.clone()) else {
            return;
        };
        let kept = match pin {
            Some(pin) if crate::domain::pin::checked_pin(pin).is_err() => {
                return self.error(self.i18n.tr("error-pin"));
            }
            Some(pin) => match crate::domain::pin::hash_pin(pin) {
                Some(kept) => Some(kept),
                None => return self.error(self.i18n.tr("pin-no-salt")),
            },
            None => None,
        };
        match self.store.set_operator_pin(&name, kept.as_deref()) {
            Ok(()) => {
                self.archive.operator_pin = kept.is_some();
                let key = if kept.is_some() {
                    "pin-saved"
                } else {
                    "pin-removed"
                };
                self.info(self.i18n.tr_args(key, &[("name", &name)]));
            }
            Err(error) => self.fail(error),
        }
    }

    /// Reads when the archive last passed its check, whether it holds any record, and whether
    /// the clerk working has a PIN.
    /// Where the automatic backups of the open file go: the folder the settings name, or
    /// `backups` beside the file.
    pub(super) fn backup_folder(&self, db: &std::path::Path) -> std::path::PathBuf {
        let folder = match self.settings.backup_folder.trim() {
            "" => crate::store::backup::default_backup_folder(db),
            folder => std::path::PathBuf::from(folder),
        };
        // Whole, as Settings and About show it (a database given as a relative --db path).
        std::path::absolute(&folder).unwrap_or(folder)
    }

    /// Reads when the last automatic backup was written, for Settings, and whether it is so
    /// long ago that the dashboard warns.
    pub(super) fn read_backup_standing(&mut self) {
        let Some(db) = self.store.path().map(std::path::Path::to_owned) else {
            return;
        };
        let folder = self.backup_folder(&db).display().to_string();
        match self.store.backup_standing() {
            Ok(standing) => {
                self.screens.dashboard.backups_overdue = standing
                    .overdue(self.now())
                    .map(|days| (days, folder.clone()));
                self.archive.last_backup = standing
                    .last
                    .map(|(at, file)| (at.format("%Y-%m-%d %H:%M").to_string(), file));
                self.archive.backup_folder = folder;
            }
            Err(error) => self.fail(error),
        }
    }

    /// What About tells of the open file: its path and size with its log, its schema, and
    /// whether the program keeps its data beside itself.
    pub(super) fn read_about(&mut self) {
        let db = self.store.path().map(std::path::Path::to_owned);
        let bytes = db.as_ref().map_or(0, |db| {
            ["", "-wal"]
                .iter()
                .filter_map(|suffix| {
                    std::fs::metadata(crate::store::file::with_suffix(db, suffix)).ok()
                })
                .map(|m| m.len())
                .sum()
        });
        let portable = std::env::current_exe()
            .ok()
            .and_then(|exe| crate::cli::portable_db(&exe))
            .is_some_and(|portable| db.as_deref() == Some(portable.as_path()));
        match self.store.schema_version() {
            Ok(schema) => {
                let whole = |db: std::path::PathBuf| std::path::absolute(&db).unwrap_or(db);
                self.about = crate::ui::settings::About {
                    db: db.map_or_else(
                        || ":memory:".to_owned(),
                        |db| whole(db).display().to_string(),
                    ),
                    db_bytes: bytes,
                    schema,
                    portable,
                };
            }
            Err(error) => self.fail(error),
        }
    }

    pub(super) fn read_archive_status(&mut self) {
        let name = self.operator.as_ref().map(|o| o.name.clone());
        match name.map(|name| self.store.operator_pin(&name)).transpose() {
            Ok(pin) => self.archive.operator_pin = pin.flatten().is_some(),
            Err(error) => self.fail(error),
        }
        match self.store.last_verified_at() {
            Ok(at) => self.archive.last_verified = at,
            Err(error) => self.fail(error),
        }
        match self.store.holds_no_records() {
            Ok(empty) => self.archive.empty = empty,
            Err(error) => self.fail(error),
        }
    }
}

/// The logo as the settings screen previews it.
fn logo_preview(bytes: &[u8]) -> LogoPreview {
    let image = crate::domain::company::decode_logo(bytes).map(|image| {
        let image = image.thumbnail(320, 96).to_rgba8();
        let size = [image.width() as usize, image.height() as usize];
        std::sync::Arc::new(egui::ColorImage::from_rgba_unmultiplied(
            size,
            image.as_raw(),
        ))
    });
    LogoPreview {
        image,
        texture: None,
    }
}
