//! The shell's side of the repairs screen: registering deliveries and finishing them.

use super::*;

impl App {
    /// Carries out the commands of the repairs screen.
    pub(super) fn repair_command(&mut self, command: Command) {
        match command {
            Command::RegisterRepair(repair) => {
                let now = self.now();
                match self.store.insert_repair(&repair, now) {
                    Ok(stored) => {
                        self.screens.repairs.registered(now);
                        self.refresh_repairs();
                        let text = self
                            .i18n
                            .tr_args("repair-registered", &[("number", &stored.repair_no)]);
                        self.info(text);
                    }
                    Err(error) => self.fail(error),
                }
            }
            Command::ExportRepairs(format) => {
                let sheet = crate::ui::repair::repairs_sheet(
                    &self.i18n,
                    &self.screens.repairs.repairs,
                    self.now(),
                    self.settings.limits().repairs_per_day,
                );
                let suggested = format!("{}-{}.{}", sheet.name, self.today(), format.extension());
                self.save_sheet(&sheet, &suggested, format);
            }
            Command::FinishRepair(id) => {
                let result = self.store.complete_repair(id, self.now());
                self.report(result);
                self.refresh_repairs();
            }
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }
}
