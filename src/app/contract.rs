//! The shell's side of the maintenance contracts: the list, opening, saving and renewing a
//! contract, and writing its renewal letter.

use chrono::NaiveDateTime;

use super::{App, Editor, Page};
use crate::domain::contract::MaintenanceContractDraft;
use crate::store::audit::AuditedTable;
use crate::store::contract::ContractQuery;
use crate::store::{Store, StoreError};
use crate::ui::Command;
use crate::ui::contract::ContractEditor;
use crate::ui::form::FormState;

impl App {
    /// Carries out one of the contract commands.
    pub(super) fn contract_command(&mut self, command: Command) {
        match command {
            Command::SearchContracts(search) => self.requery_contracts(search),
            Command::NewContract => {
                let draft =
                    MaintenanceContractDraft::new_contract(self.today(), &self.settings.own_dealer);
                self.open_editor(Editor::Contract(Box::new(ContractEditor::new(draft))));
            }
            Command::OpenContract(id) => match self.load_contract(id) {
                Ok(editor) => self.open_editor(Editor::Contract(Box::new(editor))),
                Err(error) => self.fail(error),
            },
            Command::RenewContract(id) => match self.store.contract_by_id(id) {
                Ok(stored) => {
                    let draft = MaintenanceContractDraft::renewal_of(&stored.contract);
                    let mut editor = ContractEditor::new(draft);
                    editor.renews = Some((stored.id, stored.contract_no));
                    self.open_editor(Editor::Contract(Box::new(editor)));
                }
                Err(error) => self.fail(error),
            },
            _ => {}
        }
    }

    /// Saves the open contract form (a new one gets its number) and reopens it as stored.
    pub(super) fn save_contract(&mut self, now: NaiveDateTime) {
        let Some(Editor::Contract(editor)) = &self.editor else {
            return;
        };
        let Ok(contract) = editor.form.draft.parse() else {
            return;
        };
        let result = match editor.form.id {
            Some(id) => self
                .store
                .update_contract(id, &contract, editor.form.revision, now),
            None => {
                let renews = editor.renews.as_ref().map(|(id, _)| *id);
                self.store.insert_contract(&contract, renews, now)
            }
        };
        let reloaded = result.and_then(|stored| {
            let message = self
                .i18n
                .tr_args("contract-saved", &[("number", &stored.contract_no)]);
            Ok((message, self.load_contract(stored.id)?))
        });
        match reloaded {
            Ok((message, editor)) => {
                self.editor = Some(Editor::Contract(Box::new(editor)));
                self.after_save(message);
                self.requery_contracts(self.screens.contracts.query.clone());
                self.refresh_dashboard();
            }
            Err(error) => self.fail(error),
        }
    }

    pub(super) fn requery_contracts(&mut self, search: ContractQuery) {
        if self.page != Page::Contracts {
            self.screens.contracts.query = search;
            self.screens.contracts.stale = true;
            return;
        }
        let read = |store: &Store, search: &ContractQuery| {
            Ok((store.contract_list(search)?, store.contract_count()?, ()))
        };
        if let Some(path) = self.beside(self.screens.contracts.total, Store::contract_count) {
            self.screens.contracts.reading(true);
            let job = super::lists::read_beside(path, self.store.list_cap(), search, read);
            self.list_jobs.contracts = Some(job);
            return;
        }
        match read(&self.store, &search) {
            Ok((ids, total, ())) => self.screens.contracts.set_result(search, ids, total),
            Err(error) => self.fail(error),
        }
    }

    /// A stored contract in its form, with its renewals and history.
    pub(super) fn load_contract(&self, id: i64) -> Result<ContractEditor, StoreError> {
        let stored = self.store.contract_by_id(id)?;
        let draft = MaintenanceContractDraft::from_contract(&stored.contract);
        let mut editor = ContractEditor::new(draft.clone());
        editor.form = FormState::existing(
            stored.id,
            crate::domain::unit::shown_number(&stored.contract_no, &stored.origin),
            stored.revision,
            draft,
        );
        editor.renews = stored.renews.map(|link| (link.id, link.contract_no));
        editor.renewed_by = stored.renewed_by.map(|link| (link.id, link.contract_no));
        editor.history = self.store.history(AuditedTable::MaintenanceContracts, id)?;
        Ok(editor)
    }
}
