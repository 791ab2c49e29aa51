//! The shell's side of the warranty card form: opening, starting and saving a card.

use super::*;

impl App {
    /// Carries out the commands of the warranty card form.
    pub(super) fn card_command(&mut self, command: Command) {
        match command {
            Command::NewCard => {
                let draft = WarrantyCardDraft::new_card(
                    self.today(),
                    self.settings.default_warranty_months,
                    &self.settings.own_dealer,
                );
                self.open_editor(Editor::Card(Box::new(CardEditor::new(draft))));
            }
            Command::OpenCard(id) => match self.load_card(id) {
                Ok(editor) => self.open_editor(Editor::Card(Box::new(editor))),
                Err(error) => self.fail(error),
            },
            Command::NewCardForCustomer(id) => match self.store.customer_by_id(id) {
                Ok(stored) => {
                    let customer = stored.customer;
                    let mut draft = WarrantyCardDraft::new_card(
                        self.today(),
                        self.settings.default_warranty_months,
                        &self.settings.own_dealer,
                    );
                    draft.customer_name = customer.name;
                    draft.customer_phone = customer.phone;
                    draft.customer_address = customer.address;
                    self.open_editor(Editor::Card(Box::new(CardEditor::new(draft))));
                }
                Err(error) => self.fail(error),
            },
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// A stored card in its form, with its history.
    pub(super) fn load_card(&self, id: i64) -> Result<CardEditor, StoreError> {
        let stored = self.store.card_by_id(id)?;
        let draft = WarrantyCardDraft::from_card(&stored.card);
        let mut editor = CardEditor::new(draft.clone());
        editor.form = FormState::existing(
            stored.id,
            crate::domain::unit::shown_number(&stored.registration_no, &stored.origin),
            stored.revision,
            draft,
        );
        editor.history = self.store.history(AuditedTable::WarrantyCards, id)?;
        editor.void = stored.void;
        let number = editor.form.number.clone().unwrap_or_default();
        let forms = [(crate::store::signed_page::FormRecord::Card(id), number)];
        (editor.signed, editor.aside) = self.signed_rows(&forms)?;
        editor.signatures = self.signature_boxes(&forms)?;
        Ok(editor)
    }

    /// Saves the open card (a new one gets its number) and reopens it as stored.
    pub(super) fn save_card(&mut self, now: NaiveDateTime) {
        let Some(Editor::Card(editor)) = &self.editor else {
            return;
        };
        let Ok(card) = editor.form.draft.parse(now.date()) else {
            return;
        };
        let result = match editor.form.id {
            Some(id) => self.store.update_card(id, &card, editor.form.revision, now),
            None => self
                .store
                .insert_card(&card, &self.settings.card_prefix, now),
        };
        let Some(stored) = self.attempt(result) else {
            return;
        };
        let message = self
            .i18n
            .tr_args("card-saved", &[("number", &stored.registration_no)]);
        if let Some(editor) = self.attempt(self.load_card(stored.id)) {
            self.editor = Some(Editor::Card(Box::new(editor)));
        }
        self.after_save(message);
        self.requery_cards(self.screens.cards.query.clone());
    }
}
