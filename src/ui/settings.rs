//! The settings screen: what is printed on forms and the numbers behind the rules.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::{Command, error_color, heading};
use crate::domain::MessageKey;
use crate::domain::settings::{Appearance, Settings, SettingsDraft, SettingsField, TextSize};
use crate::domain::unit::UnitLevel;
use crate::i18n::I18n;

/// What Settings shows of this desk and its file: the archive's last check, whether it holds
/// records, and the PIN of the clerk working.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveStatus {
    /// When the whole file and its audit trail last passed the check.
    pub last_verified: Option<String>,
    /// Whether a check is running now.
    pub verifying: bool,
    /// Whether the database holds no records yet: only then is demo data offered.
    pub empty: bool,
    /// Whether the clerk working has set a PIN.
    pub operator_pin: bool,
    /// A new PIN as typed (never stored: only its hash is).
    pub pin_typed: String,
    /// The last automatic backup: when, and the file written.
    pub last_backup: Option<(String, String)>,
    /// Where the automatic backups go now.
    pub backup_folder: String,
}

/// What About tells of this copy of the program and its file, read by the shell.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct About {
    /// The database's path, and its size in bytes (with its log).
    pub db: String,
    pub db_bytes: u64,
    pub schema: u32,
    /// Kept beside the program (a `portable` file beside it).
    pub portable: bool,
}

/// The program's version and the day it was built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const BUILT: &str = env!("AFTERSALES_BUILD_DATE");

/// The licences shown under About: the program's, and the bundled font's notice.
const LICENCES: &str = concat!(
    include_str!("../../LICENSE"),
    "\n\n",
    include_str!("../../assets/fonts/LICENSE-wqy-microhei.txt")
);

impl About {
    /// Everything About shows, as lines to paste into a message to support.
    pub fn diagnostics(&self, i18n: &I18n, archive: &ArchiveStatus) -> String {
        let yes_no = |yes: bool| i18n.tr(if yes { "about-yes" } else { "about-no" });
        let verified = match &archive.last_verified {
            Some(at) => i18n.tr_args("verify-last", &[("at", at)]),
            None => i18n.tr("verify-never"),
        };
        let backup = match &archive.last_backup {
            Some((at, file)) => i18n.tr_args("backup-last", &[("at", at), ("file", file)]),
            None => i18n.tr("backup-never"),
        };
        [
            (i18n.tr("about-version"), format!("aftersales {VERSION}")),
            (i18n.tr("about-built"), BUILT.to_owned()),
            (
                i18n.tr("about-system"),
                format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
            ),
            (i18n.tr("about-database"), self.db.clone()),
            (i18n.tr("about-size"), megabytes(self.db_bytes)),
            (i18n.tr("about-schema"), self.schema.to_string()),
            (i18n.tr("about-portable"), yes_no(self.portable)),
            (i18n.tr("about-check"), verified),
            (
                i18n.tr("about-backups"),
                format!("{}; {backup}", archive.backup_folder),
            ),
        ]
        .iter()
        .map(|(label, value)| i18n.tr_args("about-line", &[("label", label), ("value", value)]))
        .collect::<Vec<_>>()
        .join("\n")
    }

    /// The About section: the diagnostics, the button that copies them, and the licences.
    fn ui(&self, ui: &mut Ui, i18n: &I18n, archive: &ArchiveStatus) {
        heading(ui, i18n.tr("about-title"));
        let diagnostics = self.diagnostics(i18n, archive);
        for line in diagnostics.lines() {
            ui.label(line);
        }
        if ui
            .button(i18n.tr("about-copy"))
            .on_hover_text(i18n.tr("about-copy-hint"))
            .clicked()
        {
            ui.ctx().copy_text(diagnostics);
        }
        egui::CollapsingHeader::new(i18n.tr("about-licences"))
            .id_salt("about-licences")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .max_height(240.0)
                    .show(ui, |ui| ui.monospace(LICENCES));
            });
    }
}

/// A size as a clerk reads it: "12.3 MB".
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The stored logo as the settings screen shows it.
pub struct LogoPreview {
    /// `None` when the stored file cannot be decoded.
    pub image: Option<Arc<egui::ColorImage>>,
    pub texture: Option<egui::TextureHandle>,
}

impl SettingsDraft {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        current: &Settings,
        logo: &mut Option<LogoPreview>,
        archive: &mut ArchiveStatus,
        about: &About,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.parse(current);
        let errors = parsed.as_ref().err().cloned().unwrap_or_default();
        heading(ui, i18n.tr("settings-title"));
        egui::Grid::new("grid-settings")
            .num_columns(2)
            .min_col_width(super::LABEL_COLUMN_WIDTH)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                // How the window looks changes at once, not with Save: it is the desk's, not
                // a rule.
                let label = ui.label(i18n.tr("settings-appearance"));
                let combo = egui::ComboBox::from_id_salt("appearance")
                    .selected_text(i18n.tr(current.appearance.message_key()))
                    .show_ui(ui, |ui| {
                        for appearance in Appearance::ALL {
                            let chosen = appearance == current.appearance;
                            if ui
                                .selectable_label(chosen, i18n.tr(appearance.message_key()))
                                .clicked()
                                && !chosen
                            {
                                commands.push(Command::SetAppearance(appearance));
                            }
                        }
                    });
                combo.response.labelled_by(label.id);
                ui.end_row();
                let label = ui.label(i18n.tr("settings-text-size"));
                let percent = |size: TextSize| format!("{} %", size.percent());
                let combo = egui::ComboBox::from_id_salt("text-size")
                    .selected_text(percent(current.text_size))
                    .show_ui(ui, |ui| {
                        for size in TextSize::ALL {
                            let chosen = size == current.text_size;
                            if ui.selectable_label(chosen, percent(size)).clicked() && !chosen {
                                commands.push(Command::SetTextSize(size));
                            }
                        }
                    });
                combo
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(i18n.tr("settings-text-size-keys"));
                ui.end_row();
                // This office first: its level, then its code, name and region.
                let label = ui.label(i18n.tr("settings-unit-level"));
                let combo = egui::ComboBox::from_id_salt("unit-level")
                    .selected_text(i18n.tr(self.unit_level.message_key()))
                    .show_ui(ui, |ui| {
                        for level in UnitLevel::ALL {
                            ui.selectable_value(
                                &mut self.unit_level,
                                *level,
                                i18n.tr(level.message_key()),
                            );
                        }
                    });
                combo.response.labelled_by(label.id);
                ui.end_row();
                let rows: [(SettingsField, MessageKey, &mut String, f32); 30] = [
                    (
                        SettingsField::UnitCode,
                        "unit-code",
                        &mut self.unit_code,
                        160.0,
                    ),
                    (
                        SettingsField::UnitName,
                        "unit-name",
                        &mut self.unit_name,
                        360.0,
                    ),
                    (
                        SettingsField::UnitRegion,
                        "unit-region",
                        &mut self.unit_region,
                        160.0,
                    ),
                    (
                        SettingsField::CompanyName,
                        "settings-company-name",
                        &mut self.company_name,
                        360.0,
                    ),
                    (
                        SettingsField::CompanyAddress,
                        "settings-company-address",
                        &mut self.company_address,
                        360.0,
                    ),
                    (
                        SettingsField::CompanyPhone,
                        "settings-company-phone",
                        &mut self.company_phone,
                        160.0,
                    ),
                    (
                        SettingsField::CompanyFax,
                        "settings-company-fax",
                        &mut self.company_fax,
                        160.0,
                    ),
                    (
                        SettingsField::OwnDealer,
                        "settings-own-dealer",
                        &mut self.own_dealer,
                        360.0,
                    ),
                    (
                        SettingsField::CardPrefix,
                        "settings-card-prefix",
                        &mut self.card_prefix,
                        80.0,
                    ),
                    (
                        SettingsField::ComplaintPrefix,
                        "settings-complaint-prefix",
                        &mut self.complaint_prefix,
                        80.0,
                    ),
                    (
                        SettingsField::ExchangeRate,
                        "settings-exchange-rate",
                        &mut self.exchange_rate,
                        80.0,
                    ),
                    (
                        SettingsField::RefundRate,
                        "settings-refund-rate",
                        &mut self.refund_rate,
                        80.0,
                    ),
                    (
                        SettingsField::DefaultWarrantyMonths,
                        "settings-default-warranty-months",
                        &mut self.default_warranty_months,
                        80.0,
                    ),
                    (
                        SettingsField::FeedbackGraceDays,
                        "settings-feedback-grace-days",
                        &mut self.feedback_grace_days,
                        80.0,
                    ),
                    (
                        SettingsField::RetentionPhotoYears,
                        "settings-retention-photo-years",
                        &mut self.retention_photo_years,
                        80.0,
                    ),
                    (
                        SettingsField::RetentionCardYears,
                        "settings-retention-card-years",
                        &mut self.retention_card_years,
                        80.0,
                    ),
                    (
                        SettingsField::HomeProvince,
                        "settings-home-province",
                        &mut self.home_province,
                        160.0,
                    ),
                    (
                        SettingsField::RemoteProvinces,
                        "settings-remote-provinces",
                        &mut self.remote_provinces,
                        360.0,
                    ),
                    (
                        SettingsField::BackupFolder,
                        "settings-backup-folder",
                        &mut self.backup_folder,
                        360.0,
                    ),
                    (
                        SettingsField::RespondHours,
                        "settings-respond-hours",
                        &mut self.respond_hours,
                        80.0,
                    ),
                    (
                        SettingsField::EscalateHours,
                        "settings-escalate-hours",
                        &mut self.escalate_hours,
                        80.0,
                    ),
                    (
                        SettingsField::OnSiteHomeHours,
                        "settings-on-site-home-hours",
                        &mut self.on_site_home_hours,
                        80.0,
                    ),
                    (
                        SettingsField::OnSiteOtherHours,
                        "settings-on-site-other-hours",
                        &mut self.on_site_other_hours,
                        80.0,
                    ),
                    (
                        SettingsField::OnSiteRemoteHours,
                        "settings-on-site-remote-hours",
                        &mut self.on_site_remote_hours,
                        80.0,
                    ),
                    (
                        SettingsField::ReturnVisitDays,
                        "settings-return-visit-days",
                        &mut self.return_visit_days,
                        80.0,
                    ),
                    (
                        SettingsField::ResolveWorkingDays,
                        "settings-resolve-working-days",
                        &mut self.resolve_working_days,
                        80.0,
                    ),
                    (
                        SettingsField::RepeatedProblemThreshold,
                        "settings-repeated-problem-threshold",
                        &mut self.repeated_problem_threshold,
                        80.0,
                    ),
                    (
                        SettingsField::RepairsPerDay,
                        "settings-repairs-per-day",
                        &mut self.repairs_per_day,
                        80.0,
                    ),
                    (
                        SettingsField::DealerDueDay,
                        "settings-dealer-due-day",
                        &mut self.dealer_due_day,
                        80.0,
                    ),
                    (
                        SettingsField::RegionDueDay,
                        "settings-region-due-day",
                        &mut self.region_due_day,
                        80.0,
                    ),
                ];
                for (field, key, value, width) in rows {
                    let label = ui.label(i18n.tr(key));
                    ui.horizontal(|ui| {
                        ui.add(egui::TextEdit::singleline(value).desired_width(width))
                            .labelled_by(label.id);
                        if let Some((_, message)) = errors.iter().find(|(f, _)| *f == field) {
                            ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                        }
                    });
                    ui.end_row();
                    if field == SettingsField::CompanyFax {
                        commands.extend(logo_row_ui(ui, i18n, logo));
                    }
                }
            });
        ui.add_space(8.0);
        self.category_months_ui(ui, i18n, &errors);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let changed = parsed.as_ref().is_ok_and(|s| s != current);
            let shortcut = super::warranty_card::SAVE_SHORTCUT;
            let clicked = ui
                .add_enabled(changed, egui::Button::new(i18n.tr("form-save")))
                .on_hover_text(ui.ctx().format_shortcut(&shortcut))
                .on_disabled_hover_text(ui.ctx().format_shortcut(&shortcut))
                .clicked();
            // Ctrl+S saves here as on every form; taken even when there is nothing to save,
            // so it never reaches anything behind.
            let pressed = ui.input_mut(|i| i.consume_shortcut(&shortcut));
            if (clicked || pressed && changed)
                && let Ok(settings) = parsed
            {
                commands.push(Command::SaveSettings(Box::new(settings)));
            }
        });
        // The PIN is set by its own button, not with Save: it is the clerk's, not a setting.
        ui.add_space(16.0);
        commands.extend(pin_ui(ui, i18n, archive));
        ui.add_space(16.0);
        heading(ui, i18n.tr("backup-title"));
        ui.label(i18n.tr("backup-explain"));
        ui.label(i18n.tr_args("backup-folder-used", &[("folder", &archive.backup_folder)]));
        ui.label(match &archive.last_backup {
            Some((at, file)) => i18n.tr_args("backup-last", &[("at", at), ("file", file)]),
            None => i18n.tr("backup-never"),
        });
        ui.horizontal(|ui| {
            if ui.button(i18n.tr("backup-now")).clicked() {
                commands.push(Command::BackUp);
            }
            if ui.button(i18n.tr("restore-button")).clicked() {
                commands.push(Command::RestoreBackup);
            }
        });
        ui.add_space(16.0);
        heading(ui, i18n.tr("verify-title"));
        ui.label(i18n.tr("verify-explain"));
        ui.horizontal(|ui| {
            let last = match &archive.last_verified {
                Some(at) => i18n.tr_args("verify-last", &[("at", at)]),
                None => i18n.tr("verify-never"),
            };
            ui.label(last);
            let verify =
                ui.add_enabled(!archive.verifying, egui::Button::new(i18n.tr("verify-now")));
            if verify.clicked() {
                commands.push(Command::VerifyArchive);
            }
            if archive.verifying {
                ui.spinner();
                ui.weak(i18n.tr("verify-running"));
            }
        });
        ui.add_space(16.0);
        heading(ui, i18n.tr("retention-title"));
        ui.label(i18n.tr("retention-explain"));
        if ui.button(i18n.tr("retention-review")).clicked() {
            commands.push(Command::ReviewPurge);
        }
        // Demo records mixed into real ones could not be told apart: offered only while the
        // database is empty, and asked about first.
        if archive.empty {
            ui.add_space(16.0);
            heading(ui, i18n.tr("settings-demo-title"));
            ui.label(i18n.tr("settings-demo-explain"));
            if ui.button(i18n.tr("settings-load-demo")).clicked() {
                commands.push(Command::AskLoadDemo);
            }
        }
        ui.add_space(16.0);
        about.ui(ui, i18n, archive);
        commands
    }
}

/// The working clerk's own PIN: set (4 to 8 digits), changed or removed. Asked when anyone
/// switches in under their name.
fn pin_ui(ui: &mut Ui, i18n: &I18n, archive: &mut ArchiveStatus) -> Vec<Command> {
    let mut commands = Vec::new();
    heading(ui, i18n.tr("pin-title"));
    ui.label(i18n.tr(if archive.operator_pin {
        "pin-is-set"
    } else {
        "pin-explain"
    }));
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("pin-new"));
        let typed = &mut archive.pin_typed;
        ui.add(
            egui::TextEdit::singleline(typed)
                .password(true)
                .desired_width(100.0),
        )
        .labelled_by(label.id);
        let valid = crate::domain::pin::checked_pin(typed).is_ok();
        if ui
            .add_enabled(valid, egui::Button::new(i18n.tr("pin-set")))
            .on_disabled_hover_text(i18n.tr("error-pin"))
            .clicked()
        {
            commands.push(Command::SetPin(std::mem::take(typed)));
        }
        if !typed.is_empty() && !valid {
            ui.label(RichText::new(i18n.tr("error-pin")).color(error_color(ui)));
        }
        if archive.operator_pin && ui.button(i18n.tr("pin-remove")).clicked() {
            commands.push(Command::RemovePin);
        }
    });
    commands
}

impl SettingsDraft {
    /// The warranty-by-category table: a row per category, added and removed by buttons.
    fn category_months_ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        errors: &[(SettingsField, MessageKey)],
    ) {
        ui.label(RichText::new(i18n.tr("settings-category-title")).strong());
        ui.weak(i18n.tr("settings-category-explain"));
        let mut remove = None;
        if !self.category_months.is_empty() {
            egui::Grid::new("grid-category-months")
                .num_columns(4)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let category_label = ui.strong(i18n.tr("settings-category"));
                    let months_label = ui.strong(i18n.tr("settings-category-months"));
                    ui.end_row();
                    for (row, (category, months)) in self.category_months.iter_mut().enumerate() {
                        // Sized, as a grid cell would otherwise shrink them to the headings.
                        let height = ui.spacing().interact_size.y;
                        ui.add_sized([200.0, height], egui::TextEdit::singleline(category))
                            .labelled_by(category_label.id);
                        ui.add_sized([80.0, height], egui::TextEdit::singleline(months))
                            .labelled_by(months_label.id);
                        if ui.button(i18n.tr("settings-category-remove")).clicked() {
                            remove = Some(row);
                        }
                        let error = errors.iter().find(|(field, _)| match field {
                            SettingsField::Category(r) | SettingsField::CategoryMonths(r) => {
                                *r == row
                            }
                            _ => false,
                        });
                        match error {
                            Some((_, message)) => {
                                ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                            }
                            None => {
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        }
        if let Some(row) = remove {
            self.category_months.remove(row);
        }
        if ui.button(i18n.tr("settings-category-add")).clicked() {
            self.category_months.push((String::new(), String::new()));
        }
    }
}

/// The logo row of the settings grid: the stored logo's preview and the buttons to choose or
/// remove it (both take effect at once, without Save).
fn logo_row_ui(ui: &mut Ui, i18n: &I18n, logo: &mut Option<LogoPreview>) -> Vec<Command> {
    let mut commands = Vec::new();
    let label = ui.label(i18n.tr("settings-logo"));
    ui.horizontal(|ui| {
        match logo {
            Some(LogoPreview {
                image: Some(image),
                texture,
            }) => {
                let texture = texture.get_or_insert_with(|| {
                    ui.ctx()
                        .load_texture("company-logo", Arc::clone(image), Default::default())
                });
                let size = texture.size_vec2();
                let scale = (40.0 / size.y).min(160.0 / size.x).min(1.0);
                ui.image((texture.id(), size * scale)).labelled_by(label.id);
            }
            Some(LogoPreview {
                image: None,
                texture: _,
            }) => {
                ui.weak(i18n.tr("settings-logo-unreadable"));
            }
            None => {
                ui.weak(i18n.tr("settings-logo-none"));
            }
        }
        if ui.button(i18n.tr("settings-logo-choose")).clicked() {
            commands.push(Command::ChooseLogo);
        }
        if logo.is_some() && ui.button(i18n.tr("settings-logo-remove")).clicked() {
            commands.push(Command::RemoveLogo);
        }
    });
    ui.end_row();
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_parse_and_refuse_bad_numbers_beside_their_fields() {
        let current = Settings::default();
        let mut draft = SettingsDraft::from_settings(&current);
        assert_eq!(draft.parse(&current), Ok(current.clone()));
        draft.card_prefix = "W-C".into();
        draft.default_warranty_months = "0".into();
        draft.feedback_grace_days = "x".into();
        draft.respond_hours = "0".into();
        let errors = draft.parse(&current).unwrap_err();
        assert_eq!(
            errors,
            vec![
                (SettingsField::CardPrefix, "error-prefix"),
                (
                    SettingsField::DefaultWarrantyMonths,
                    "error-warranty-months"
                ),
                (SettingsField::FeedbackGraceDays, "error-grace-days"),
                (SettingsField::RespondHours, "error-hours"),
            ]
        );
    }

    #[test]
    fn the_repeated_problem_threshold_is_a_setting_of_at_least_2_and_resolve_days_of_1_to_60() {
        let current = Settings::default();
        assert_eq!(current.repeated_problem_threshold, 3);
        assert_eq!(current.limits().resolve_working_days, 3);
        let mut draft = SettingsDraft::from_settings(&current);
        draft.repeated_problem_threshold = "1".into();
        draft.resolve_working_days = "61".into();
        assert_eq!(
            draft.parse(&current).unwrap_err(),
            vec![
                (SettingsField::ResolveWorkingDays, "error-days"),
                (
                    SettingsField::RepeatedProblemThreshold,
                    "error-repeated-threshold"
                ),
            ]
        );
        draft.repeated_problem_threshold = " 5 ".into();
        draft.resolve_working_days = "2".into();
        let parsed = draft.parse(&current).unwrap();
        assert_eq!(parsed.repeated_problem_threshold, 5);
        assert_eq!(parsed.limits().resolve_working_days, 2);
    }

    #[test]
    fn category_rows_drop_blanks_and_refuse_mistakes_beside_their_row() {
        let current = Settings::default();
        let mut draft = SettingsDraft::from_settings(&current);
        draft.category_months = vec![
            ("空调".into(), "36".into()),
            (" ".into(), "".into()),
            (" 热水器 ".into(), "18".into()),
        ];
        let parsed = draft.parse(&current).unwrap();
        assert_eq!(
            parsed.category_warranty_months,
            [("空调".to_owned(), 36), ("热水器".to_owned(), 18)]
        );
        draft.category_months = vec![
            ("空调".into(), "36".into()),
            ("空调".into(), "0".into()),
            ("".into(), "12".into()),
        ];
        assert_eq!(
            draft.parse(&current).unwrap_err(),
            vec![
                (SettingsField::Category(1), "error-category-duplicate"),
                (SettingsField::CategoryMonths(1), "error-warranty-months"),
                (SettingsField::Category(2), "error-required"),
            ]
        );
    }
}
