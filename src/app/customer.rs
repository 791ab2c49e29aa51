//! The shell's side of the customer file: opening and saving a customer's record.

use super::*;

impl App {
    /// Opens customer `id`'s record.
    pub(super) fn open_customer(&mut self, id: i64) {
        if let Some(editor) = self.attempt(self.load_customer(id)) {
            self.open_editor(Editor::Customer(Box::new(editor)));
        }
    }

    /// A customer's record with their cards and cases.
    pub(super) fn load_customer(&self, id: i64) -> Result<CustomerEditor, StoreError> {
        let stored = self.store.customer_by_id(id)?;
        let draft = crate::domain::customer::CustomerDraft::from_customer(&stored.customer);
        let mut editor = CustomerEditor::new(
            (id, stored.revision),
            draft,
            self.store.cards_of_customer(id)?,
            self.store.complaints_of_customer(id)?,
        );
        editor.history = self.store.history(AuditedTable::Customers, id)?;
        editor.contracts = self.store.contracts_of_customer(id)?;
        editor.signed = self
            .store
            .signed_pages_of_customer(id)?
            .into_iter()
            .map(|(number, page)| crate::ui::case::SignedRow {
                id: page.id,
                number,
                file_name: page.file_name,
                page: page.page,
                added_at: page.added_at,
                added_by: page.added_by,
            })
            .collect();
        Ok(editor)
    }

    /// Saves the open customer's record, carrying it over to their records, and reopens it.
    pub(super) fn save_customer(&mut self, now: NaiveDateTime) {
        let Some(Editor::Customer(editor)) = &self.editor else {
            return;
        };
        let Ok(customer) = editor.form.draft.parse() else {
            return;
        };
        let id = editor.id();
        let result = self
            .store
            .update_customer(id, &customer, editor.form.revision, now)
            .and_then(|_| self.load_customer(id));
        let Some(reloaded) = self.attempt(result) else {
            return;
        };
        let message = self
            .i18n
            .tr_args("customer-saved", &[("name", &customer.name)]);
        self.editor = Some(Editor::Customer(Box::new(reloaded)));
        self.after_save(message);
        self.requery_customers(self.screens.customers.query.clone());
        self.requery_cards(self.screens.cards.query.clone());
        self.requery_complaints(self.screens.complaints.list.query.clone());
        self.requery_contracts(self.screens.contracts.query.clone());
    }
}
