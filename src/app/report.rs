//! The shell's side of the Reports screen: gathering a period's report, the cases behind a
//! row, and writing the report as PDF, workbook or CSV files.

use super::*;
use crate::ui::report::{CasesBehind, ReportFormat, ScopeChoice};

impl App {
    /// Carries out the commands of the Reports screen.
    pub(super) fn report_command(&mut self, command: Command) {
        match command {
            Command::ShowReport(span, scope) => self.show_report(span, scope),
            Command::ShowCasesBehind { title, behind } => {
                let Some(report) = &self.screens.reports.report else {
                    return;
                };
                let result = self
                    .store
                    .cases_behind(report.period, &report.scope, &behind)
                    .and_then(|ids| self.store.complaint_rows(&ids));
                match result {
                    Ok(rows) => {
                        self.screens.reports.behind = Some(CasesBehind {
                            title,
                            rows,
                            seen: false,
                        })
                    }
                    Err(error) => self.fail(error),
                }
            }
            Command::CloseCasesBehind => self.screens.reports.behind = None,
            Command::ExportReport(format) => self.export_report(format),
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// Opening the screen the first time shows last month's report, for this office at a
    /// dealer and for everything at a region or headquarters.
    pub(super) fn open_reports(&mut self) {
        if !self.screens.reports.period.is_empty() {
            return;
        }
        let last_month = crate::domain::unit::Period::of(self.today()).previous();
        let page = &mut self.screens.reports;
        page.period = last_month.to_string();
        page.scope = match self.settings.unit_level {
            crate::domain::unit::UnitLevel::Dealer => ScopeChoice::ThisOffice,
            _ => ScopeChoice::All,
        };
        let scope = match page.scope {
            ScopeChoice::ThisOffice => crate::store::report::Scope::Office(String::new()),
            _ => crate::store::report::Scope::All,
        };
        self.show_report(last_month.into(), scope);
    }

    fn show_report(
        &mut self,
        span: crate::domain::report::Span,
        scope: crate::store::report::Scope,
    ) {
        let now = self.now();
        match crate::report::MonthlyReport::gather(&self.store, span, scope, &self.settings, now) {
            Ok(report) => self.screens.reports.show(report),
            Err(error) => self.fail(error),
        }
    }

    /// Asks where to write the report shown, then writes it.
    fn export_report(&mut self, format: ReportFormat) {
        let Some(report) = &self.screens.reports.report else {
            return;
        };
        let extension = match format {
            ReportFormat::Pdf => ".pdf",
            ReportFormat::Xlsx => ".xlsx",
            ReportFormat::Csv => "",
        };
        let suggested = format!(
            "{}-{}{extension}",
            self.i18n.tr("report-pdf-title"),
            report.period
        );
        let Some(path) = self.sheet_path(&suggested) else {
            return;
        };
        let Some(report) = &self.screens.reports.report else {
            return;
        };
        let written = match format {
            ReportFormat::Pdf => self
                .store
                .company_profile()
                .map_err(|e| e.to_string())
                .and_then(|company| {
                    crate::pdf::report::render_report(report, &company, &self.settings.unit_code)
                        .and_then(|bytes| crate::pdf::write_file(&path, &bytes))
                        .map_err(|e| e.to_string())
                }),
            ReportFormat::Xlsx => crate::sheet::write_workbook(&report.sheets(&self.i18n), &path)
                .map_err(|e| e.to_string()),
            ReportFormat::Csv => std::fs::create_dir_all(&path)
                .map_err(|e| e.to_string())
                .and_then(|()| {
                    crate::report::write_csv_folder(&report.sheets(&self.i18n), &path)
                        .map(|_| ())
                        .map_err(|e| e.to_string())
                }),
        };
        match written {
            Ok(()) => {
                let text = self
                    .i18n
                    .tr_args("report-written", &[("path", &path.display().to_string())]);
                self.written(text, &path);
            }
            Err(error) => {
                let text = format!("{} ({error})", self.i18n.tr("report-write-failed"));
                self.error(text);
            }
        }
    }
}
