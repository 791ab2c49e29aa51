//! The shell's side of a case: saving its forms together, reading it back with its steps,
//! clocks, visits and history, its photos, and writing its forms to paper.

use chrono::NaiveDateTime;

use super::{App, Editor, WithdrawDialog, thumbnail};
use crate::domain::case_life::Step;
use crate::domain::complaint::ComplaintDraft;
use crate::domain::confirmation::ConfirmationDraft;
use crate::domain::investigation::{InvestigationDraft, PhotoDocument, check_photo};
use crate::domain::return_visit::Outcome;
use crate::domain::return_visit::ReturnVisitDraft;
use crate::domain::warranty_card::WarrantyCard;
use crate::store::StoreError;
use crate::store::audit::AuditedTable;
use crate::store::case::{CaseWrite, FormWrite};
use crate::store::signature::SignError;
use crate::store::signed_page::{FormRecord, Kept, SignedPage};
use crate::ui::Command;
use crate::ui::case::{CaseEditor, PhotoThumb, SignedRow};
use crate::ui::complaint::{CardLookup, ComplaintEditor};
use crate::ui::form::FormState;
use crate::ui::signature::{PadAnswer, SignatureBox, SigningPad};

impl App {
    /// Saves every changed form of the open case in one transaction, the complaint first (the
    /// others belong to it), and reopens the case as stored.
    pub(super) fn save_case(&mut self, now: NaiveDateTime) -> Result<(), StoreError> {
        let Some(Editor::Case(case)) = &self.editor else {
            return Ok(());
        };
        if case.problems(now) > 0 {
            return Ok(()); // the forms show why
        }
        let received_at = case.received_at(now);
        let complaint = if case.complaint.form.is_dirty() || case.complaint.form.id.is_none() {
            match case.complaint.form.draft.parse(now) {
                Ok(complaint) => Some(complaint),
                Err(_) => return Ok(()),
            }
        } else {
            None
        };
        let report = case
            .investigation
            .as_ref()
            .filter(|f| f.needs_saving())
            .and_then(|form| Some((form.draft.parse(received_at, now).ok()?, form)));
        let confirmation = case
            .confirmation
            .as_ref()
            .filter(|f| f.needs_saving())
            .and_then(|form| Some((form.draft.parse(received_at, now).ok()?, form)));
        let write = CaseWrite {
            complaint_id: case.complaint.form.id,
            complaint: complaint.as_ref().map(|record| FormWrite {
                record,
                revision: case.complaint.form.id.map(|_| case.complaint.form.revision),
            }),
            investigation: report.as_ref().map(|(record, form)| FormWrite {
                record,
                revision: form.id.map(|_| form.revision),
            }),
            confirmation: confirmation.as_ref().map(|(record, form)| FormWrite {
                record,
                revision: form.id.map(|_| form.revision),
            }),
        };
        let saved_forms = [
            write.complaint.is_some(),
            write.investigation.is_some(),
            write.confirmation.is_some(),
        ];
        let prefix = self.settings.complaint_prefix.clone();
        let saved = self.store.save_case(&write, &prefix, now)?;
        self.reopen_case(saved.complaint_id)?;
        let numbers = match &self.editor {
            Some(Editor::Case(case)) => [
                case.complaint.form.number.clone(),
                case.investigation.as_ref().and_then(|f| f.number.clone()),
                case.confirmation.as_ref().and_then(|f| f.number.clone()),
            ]
            .into_iter()
            .zip(saved_forms)
            .filter_map(|(number, saved)| number.filter(|_| saved))
            .collect::<Vec<_>>()
            .join(", "),
            _ => String::new(),
        };
        let message = self.i18n.tr_args("case-saved", &[("number", &numbers)]);
        self.after_save(message);
        self.requery_complaints(self.screens.complaints.list.query.clone());
        Ok(())
    }

    /// Takes the stored revisions of the open form as its own, so the clerk's typing is saved
    /// over another window's change (both stay in the history).
    pub(super) fn keep_mine(&mut self) -> Result<(), StoreError> {
        match &mut self.editor {
            Some(Editor::Card(editor)) => {
                if let Some(id) = editor.form.id {
                    editor.form.revision = self.store.card_by_id(id)?.revision;
                }
            }
            Some(Editor::Customer(editor)) => {
                editor.form.revision = self.store.customer_by_id(editor.id())?.revision;
            }
            Some(Editor::Contract(editor)) => {
                if let Some(id) = editor.form.id {
                    editor.form.revision = self.store.contract_by_id(id)?.revision;
                }
            }
            Some(Editor::Case(case)) => {
                if let Some(id) = case.complaint.form.id {
                    case.complaint.form.revision = self.store.complaint_by_id(id)?.revision;
                    if let Some(form) = &mut case.investigation
                        && let Some(stored) = self.store.investigation_of(id)?
                    {
                        form.id = Some(stored.id);
                        form.number = Some(crate::domain::unit::shown_number(
                            &stored.investigation_no,
                            &stored.origin,
                        ));
                        form.revision = stored.revision;
                    }
                    if let Some(form) = &mut case.confirmation
                        && let Some(stored) = self.store.confirmation_of(id)?
                    {
                        form.id = Some(stored.id);
                        form.number = Some(crate::domain::unit::shown_number(
                            &stored.confirmation_no,
                            &stored.origin,
                        ));
                        form.revision = stored.revision;
                    }
                }
            }
            None => {}
        }
        Ok(())
    }

    /// Reads the open form again as stored, dropping the clerk's typing (after a conflict).
    pub(super) fn reload_form(&mut self) -> Result<(), StoreError> {
        let reloaded = match &self.editor {
            Some(Editor::Card(editor)) => match editor.form.id {
                Some(id) => Some(Editor::Card(Box::new(self.load_card(id)?))),
                None => None,
            },
            Some(Editor::Customer(editor)) => {
                Some(Editor::Customer(Box::new(self.load_customer(editor.id())?)))
            }
            Some(Editor::Contract(editor)) => match editor.form.id {
                Some(id) => Some(Editor::Contract(Box::new(self.load_contract(id)?))),
                None => None,
            },
            Some(Editor::Case(case)) => match case.complaint.form.id {
                Some(id) => {
                    let tab = case.tab;
                    let mut case = self.load_case(id)?;
                    case.tab = tab;
                    Some(Editor::Case(Box::new(case)))
                }
                None => None,
            },
            None => None,
        };
        if let Some(editor) = reloaded {
            self.editor = Some(editor);
            self.store.discard_draft(super::FORM_DRAFT)?;
            self.draft_written = None;
        }
        Ok(())
    }

    /// Reads the open case again after a change, keeping its tab and card lookup, and the
    /// thumbnails already decoded when its report had been saved before (photos are attached
    /// directly, never by a save).
    pub(super) fn reopen_case(&mut self, id: i64) -> Result<(), StoreError> {
        let Some(Editor::Case(open)) = &mut self.editor else {
            return Ok(());
        };
        let tab = open.tab;
        let lookup = open.complaint.card_lookup.clone();
        let stored_report = open.investigation.as_ref().and_then(|f| f.id);
        let photos = std::mem::take(&mut open.photos);
        let visit = open.visit.take();
        let mut case = self.load_case_with(id, stored_report.map(|_| photos))?;
        case.tab = tab;
        // A return visit being typed survives saving the forms, while the case still waits.
        if case.visit.is_some() && visit.is_some() {
            case.visit = visit;
        }
        case.complaint.card_lookup = lookup;
        self.editor = Some(Editor::Case(Box::new(case)));
        Ok(())
    }

    /// The case of complaint `id` as stored, with its photos decoded into thumbnails.
    pub(super) fn load_case(&self, id: i64) -> Result<CaseEditor, StoreError> {
        self.load_case_with(id, None)
    }

    /// The case as stored; `photos`, when given, are its report's thumbnails already decoded.
    pub(super) fn load_case_with(
        &self,
        id: i64,
        photos: Option<Vec<PhotoThumb>>,
    ) -> Result<CaseEditor, StoreError> {
        let stored = self.store.complaint_by_id(id)?;
        let draft = ComplaintDraft::from_complaint(&stored.complaint);
        let mut complaint = ComplaintEditor {
            form: FormState::existing(
                stored.id,
                crate::domain::unit::shown_number(&stored.complaint_no, &stored.origin),
                stored.revision,
                draft,
            ),
            card_lookup: None,
        };
        complaint.card_lookup = self.look_up_card(&complaint.form.draft.warranty_registration_no);
        let mut case = CaseEditor::new(complaint);
        case.void = stored.void.clone();
        case.steps = self.store.steps_of(id)?;
        case.withdrawn = self.store.withdrawn_steps_of(id)?;
        if let Some(operator) = &self.operator {
            case.last_step = self
                .store
                .last_step(id)?
                .map(|last| (last, operator.name.clone()));
        }
        let timeline: Vec<_> = case.steps.iter().map(|s| (s.step, s.at)).collect();
        let province = self.store.province_of_complaint(id)?;
        let region = self.settings.region();
        let distance = crate::domain::case_life::distance(
            &province,
            &region.home_province,
            &region.remote_provinces,
        );
        let by_dealer =
            stored.complaint.receiving_unit == crate::domain::complaint::ReceivingUnit::Dealer;
        let limits = self.settings.limits();
        case.clocks = crate::domain::case_life::deadlines(&timeline, limits, distance, by_dealer);
        if let Some(report) = self.store.investigation_of(id)? {
            let draft = InvestigationDraft::from_investigation(&report.investigation);
            case.photos = match photos {
                Some(photos) => photos,
                None => self.thumbnails(report.id)?,
            };
            case.investigation = Some(FormState::existing(
                report.id,
                crate::domain::unit::shown_number(&report.investigation_no, &report.origin),
                report.revision,
                draft,
            ));
        }
        if let Some(stored) = self.store.confirmation_of(id)? {
            let draft = ConfirmationDraft::from_confirmation(&stored.confirmation);
            case.confirmation = Some(FormState::existing(
                stored.id,
                crate::domain::unit::shown_number(&stored.confirmation_no, &stored.origin),
                stored.revision,
                draft,
            ));
        }
        case.history = self.case_history(&case, id)?;
        (case.signed, case.aside) = match case.complaint.form.id {
            Some(id) => self.signed_rows(&case.stored_forms(id))?,
            None => Default::default(),
        };
        case.signatures = match case.complaint.form.id {
            Some(id) => self.signature_boxes(&case.stored_forms(id))?,
            None => Vec::new(),
        };
        case.visits = self.store.return_visits_of(id)?;
        // The clerk who opens a resolved case is the one calling the customer back.
        if case.steps.last().is_some_and(|s| s.step == Step::Resolved) {
            let caller = self.operator.as_ref().map_or("", |o| o.name.as_str());
            case.visit = Some(ReturnVisitDraft::new(self.now(), caller));
        }
        Ok(case)
    }

    /// The case's three forms' histories, merged in time order.
    fn case_history(
        &self,
        case: &CaseEditor,
        id: i64,
    ) -> Result<Vec<(&'static str, crate::store::audit::AuditEntry)>, StoreError> {
        let mut history: Vec<_> = self
            .store
            .history(AuditedTable::Complaints, id)?
            .into_iter()
            .map(|e| ("complaint", e))
            .collect();
        if let Some(form) = &case.investigation
            && let Some(report_id) = form.id
        {
            history.extend(
                self.store
                    .history(AuditedTable::Investigations, report_id)?
                    .into_iter()
                    .map(|e| ("investigation", e)),
            );
        }
        if let Some(form) = &case.confirmation
            && let Some(confirmation_id) = form.id
        {
            history.extend(
                self.store
                    .history(AuditedTable::Confirmations, confirmation_id)?
                    .into_iter()
                    .map(|e| ("confirmation", e)),
            );
        }
        history.sort_by_key(|(_, e)| e.at);
        Ok(history)
    }

    /// The signed paper of `forms` and the pages kept aside, as listed.
    pub(super) fn signed_rows(
        &self,
        forms: &[(FormRecord, String)],
    ) -> Result<(Vec<SignedRow>, Vec<SignedRow>), StoreError> {
        let row = |page: SignedPage, number: &str| SignedRow {
            id: page.id,
            number: number.to_owned(),
            file_name: page.file_name,
            page: page.page,
            added_at: page.added_at,
            added_by: page.added_by,
        };
        let mut signed = Vec::new();
        for (form, number) in forms {
            for page in self.store.signed_pages_of(*form)? {
                signed.push(row(page, number));
            }
        }
        let aside = self
            .store
            .signed_pages_aside(SIGNED_ASIDE_SHOWN)?
            .into_iter()
            .map(|page| row(page, ""))
            .collect();
        Ok((signed, aside))
    }

    /// The signature boxes of `forms` (those signed on screen), each with where it stands.
    pub(super) fn signature_boxes(
        &self,
        forms: &[(FormRecord, String)],
    ) -> Result<Vec<SignatureBox>, StoreError> {
        let mut boxes = Vec::new();
        for (form, _) in forms {
            for (signer, standing) in self.store.signature_boxes(*form)? {
                boxes.push(SignatureBox {
                    form: *form,
                    signer,
                    standing,
                });
            }
        }
        Ok(boxes)
    }

    /// Reads again the signed paper and the signatures of the open card or case, and its
    /// history.
    pub(super) fn reload_signed(&mut self) {
        let forms = match &self.editor {
            Some(Editor::Case(case)) => match case.complaint.form.id {
                Some(id) => case.stored_forms(id),
                None => return,
            },
            Some(Editor::Card(card)) => match card.form.id {
                Some(id) => vec![(
                    FormRecord::Card(id),
                    card.form.number.clone().unwrap_or_default(),
                )],
                None => return,
            },
            _ => return,
        };
        let history = || match (&self.editor, forms.first()) {
            (Some(Editor::Case(case)), Some((form, _))) => self.case_history(case, form.id()),
            (_, Some((form, _))) => Ok(self
                .store
                .history(AuditedTable::WarrantyCards, form.id())?
                .into_iter()
                .map(|e| ("card", e))
                .collect()),
            _ => Ok(Vec::new()),
        };
        let result = self
            .signed_rows(&forms)
            .and_then(|rows| Ok((rows, self.signature_boxes(&forms)?, history()?)));
        match (result, &mut self.editor) {
            (Ok(((signed, aside), signatures, history)), Some(Editor::Case(case))) => {
                (case.signed, case.aside, case.history) = (signed, aside, history);
                case.signatures = signatures;
            }
            (Ok(((signed, aside), signatures, history)), Some(Editor::Card(card))) => {
                card.signed = signed;
                card.aside = aside;
                card.signatures = signatures;
                card.history = history.into_iter().map(|(_, e)| e).collect();
            }
            (Err(error), _) => self.fail(error),
            _ => {}
        }
    }

    /// The signing pad, while open: a signature accepted is kept for the form as it was opened.
    /// Where the file could not take it (a full disk, another window busy) the pad stays open
    /// with the strokes, to try again.
    pub(super) fn signing_dialog(&mut self, ui: &mut egui::Ui) {
        let Some(pad) = &mut self.signing else {
            return;
        };
        match pad.ui(ui, &self.i18n) {
            None => {}
            Some(PadAnswer::Cancel) => self.signing = None,
            Some(PadAnswer::Accept) => {
                let Some(pad) = self.signing.take() else {
                    return;
                };
                let now = self.now();
                let signed = self
                    .store
                    .sign(pad.form, pad.signer, pad.revision, &pad.strokes, now);
                let signer = self.i18n.tr(pad.signer.message_key());
                match signed {
                    Ok(_) => {
                        self.reload_signed();
                        let args = [("signer", signer.as_str()), ("number", &pad.number)];
                        self.info(self.i18n.tr_args("sign-kept", &args));
                    }
                    Err(SignError::Store(StoreError::Conflict { operator, at })) => {
                        let args = [("operator", operator.as_str()), ("at", &at)];
                        self.error(self.i18n.tr_args("sign-conflict", &args));
                    }
                    Err(SignError::Store(error)) => {
                        let damaged = error.is_damage();
                        self.fail(error);
                        if !damaged {
                            self.signing = Some(pad);
                        }
                    }
                    Err(SignError::Strokes(problem)) => {
                        self.error(self.i18n.tr(problem.message_key()));
                        self.signing = Some(pad);
                    }
                    Err(SignError::NoSuchBox) => self.error(self.i18n.tr("sign-no-box")),
                }
            }
        }
    }

    /// Asks for files of signed paper and reads them beside the window (a fax of thirty pages
    /// takes seconds); what is read within [`SIGNED_AWAITED`] is attached at once, the rest
    /// when it is read ([`App::poll_signed_reading`]).
    fn attach_signed_paper(&mut self) {
        if self.signed_reading.is_some() {
            return self.info(self.i18n.tr("signed-still-reading"));
        }
        let files = (self.pickers.signed)();
        if files.is_empty() {
            return;
        }
        let (send, read) = std::sync::mpsc::channel();
        let count = files.len();
        std::thread::spawn(move || {
            let read: Vec<_> = files
                .iter()
                .map(|path| {
                    let name = path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| path.display().to_string());
                    (
                        name,
                        crate::scan::read_scan_file(path).map_err(|e| e.message_key()),
                    )
                })
                .collect();
            // The window may be gone: then no one listens.
            let _ = send.send(read);
        });
        match read.recv_timeout(self.signed_awaited) {
            Ok(read) => self.keep_signed_paper(read),
            Err(_) => {
                self.signed_reading = Some(SignedReading { read });
                self.info(
                    self.i18n
                        .tr_args("signed-reading", &[("files", &count.to_string())]),
                );
            }
        }
    }

    /// Attaches the files of signed paper read beside the window, once they are.
    pub(super) fn poll_signed_reading(&mut self, ctx: &egui::Context) {
        let Some(reading) = &self.signed_reading else {
            return;
        };
        match reading.read.try_recv() {
            Ok(read) => {
                self.signed_reading = None;
                self.keep_signed_paper(read);
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.signed_reading = None;
                self.error(self.i18n.tr("signed-reading-stopped"));
            }
        }
    }

    /// Keeps each page of the files read with the form whose code it carries, or aside; says
    /// how many went where, and names each file refused with its reason.
    fn keep_signed_paper(&mut self, read: Vec<(String, Result<crate::scan::Scan, &'static str>)>) {
        let now = self.now();
        let (mut to_forms, mut aside, mut before) = (0, 0, 0);
        let mut refused = Vec::new();
        for (name, scan) in read {
            let scan = match scan {
                Ok(scan) => scan,
                Err(key) => {
                    refused.push(format!("{name}: {}", self.i18n.tr(key)));
                    continue;
                }
            };
            match self.store.attach_scan(&name, &scan, now) {
                Ok(pages) => {
                    for page in pages {
                        match (page.kept, page.form) {
                            (Kept::Before(_) | Kept::Copy(_), _) => before += 1,
                            (Kept::New(_), Some(_)) => to_forms += 1,
                            (Kept::New(_), None) => aside += 1,
                        }
                    }
                }
                // The disk full, the file busy or damaged: said as the store's errors are,
                // the pages kept so far kept.
                Err(error) => {
                    self.reload_signed();
                    return self.fail(error);
                }
            }
        }
        self.reload_signed();
        let said = self.i18n.tr_args(
            "signed-attached",
            &[
                ("forms", &to_forms.to_string()),
                ("aside", &aside.to_string()),
                ("before", &before.to_string()),
            ],
        );
        if refused.is_empty() {
            self.info(said);
        } else {
            let what = self.i18n.tr("signed-refused");
            self.error(format!("{said} {what} {}", refused.join("; ")));
        }
    }

    pub(super) fn thumbnails(&self, report_id: i64) -> Result<Vec<PhotoThumb>, StoreError> {
        Ok(self
            .store
            .photos_of(report_id)?
            .into_iter()
            .map(|stored| PhotoThumb {
                id: stored.id,
                file_name: stored.photo.file_name,
                document: stored.photo.document,
                image: thumbnail(&stored.photo.bytes).map(std::sync::Arc::new),
                texture: None,
            })
            .collect())
    }

    pub(super) fn reload_photos(&mut self) {
        let Some(Editor::Case(case)) = &self.editor else {
            return;
        };
        let Some(report_id) = case.investigation.as_ref().and_then(|f| f.id) else {
            return;
        };
        match self.thumbnails(report_id) {
            Ok(photos) => {
                if let Some(Editor::Case(case)) = &mut self.editor {
                    case.photos = photos;
                }
            }
            Err(error) => self.fail(error),
        }
    }

    /// Asks for a photo file and attaches it to the report as a photo of `document`, refusing
    /// anything but a JPEG or PNG of reasonable size with a message.
    pub(super) fn add_photo(&mut self, report_id: i64, document: PhotoDocument) {
        let Some(path) = (self.pickers.photo)() else {
            return;
        };
        let limit = crate::domain::investigation::MAX_PHOTO_BYTES as u64;
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > limit) {
            return self.error(self.i18n.tr("error-photo-size"));
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                let what = self.i18n.tr("error-photo-read");
                return self.error(format!("{what} ({error}): {}", path.display()));
            }
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let photo = match check_photo(&file_name, bytes, document) {
            Ok(photo) => photo,
            Err(error) => return self.error(self.i18n.tr(error.message_key())),
        };
        match self.store.add_photo(report_id, &photo, self.now()) {
            Ok(_) => self.reload_photos(),
            Err(error) => self.fail(error),
        }
    }

    /// Carries out the commands of a case: its forms, steps, visits and photos.
    pub(super) fn case_command(&mut self, command: Command) {
        match command {
            Command::NewComplaint => {
                let draft = ComplaintDraft::new_complaint(
                    self.now(),
                    self.settings.unit_level.receiving_unit(),
                    &self.settings.own_dealer,
                    self.operator.as_ref().map_or("", |o| o.name.as_str()),
                );
                self.open_editor(Editor::Case(Box::new(CaseEditor::new(
                    ComplaintEditor::new(draft),
                ))));
            }
            Command::OpenComplaint(id) => match self.load_case(id) {
                Ok(case) => self.open_editor(Editor::Case(Box::new(case))),
                Err(error) => self.fail(error),
            },
            Command::OpenCase { complaint_id, tab } => match self.load_case(complaint_id) {
                Ok(mut case) => {
                    case.tab = tab;
                    self.open_editor(Editor::Case(Box::new(case)));
                }
                Err(error) => self.fail(error),
            },
            Command::CreateInvestigation => {
                let now = self.now();
                if let Some(Editor::Case(case)) = &mut self.editor {
                    case.investigation = Some(FormState::new(InvestigationDraft::new_report(now)));
                }
            }
            Command::CreateConfirmation => {
                let now = self.now();
                if let Some(Editor::Case(case)) = &mut self.editor {
                    let sale_date =
                        crate::domain::date::parse_date(&case.complaint.form.draft.purchase_date)
                            .ok();
                    case.confirmation = Some(FormState::new(ConfirmationDraft::new_confirmation(
                        now, sale_date,
                    )));
                }
            }
            Command::AddPhoto(report_id, document) => self.add_photo(report_id, document),
            Command::AttachSignedPaper => self.attach_signed_paper(),
            Command::OpenSigningPad {
                form,
                number,
                signer,
                revision,
            } => self.signing = Some(SigningPad::new(form, number, signer, revision)),
            Command::ViewSignedPage(id) => self.view_signed_page(id),
            Command::MatchSignedPage(page, form) => {
                match self.store.match_signed_page(page, form, self.now()) {
                    Ok(()) => self.reload_signed(),
                    Err(error) => self.fail(error),
                }
            }
            Command::AskWithdrawPhoto(photo_id) => {
                self.dialogs.withdraw = Some(WithdrawDialog {
                    photo_id,
                    reason: String::new(),
                })
            }
            Command::LookUpCard(number) => self.fill_from_card(&number),
            Command::NewComplaintForCustomer(id) => match self.store.customer_by_id(id) {
                Ok(stored) => {
                    let customer = stored.customer;
                    let mut draft = ComplaintDraft::new_complaint(
                        self.now(),
                        self.settings.unit_level.receiving_unit(),
                        &self.settings.own_dealer,
                        "",
                    );
                    draft.customer_name = customer.name;
                    draft.customer_phone = customer.phone;
                    draft.customer_address = customer.address;
                    let editor = ComplaintEditor::new(draft);
                    self.open_editor(Editor::Case(Box::new(CaseEditor::new(editor))));
                }
                Err(error) => self.fail(error),
            },
            Command::RecordStep {
                complaint_id: id,
                step,
                at,
                reason,
            } => {
                let recorded = self.store.record_step(id, step, at, &reason, self.now());
                // Refused because another window recorded a step first: show the case as it
                // now stands (steps are recorded only on a saved case, so no typing is lost).
                let stale = matches!(recorded, Err(StoreError::StepNotAllowed { .. }));
                match recorded.and_then(|()| self.reopen_case(id)) {
                    Ok(()) => self.requery_complaints(self.screens.complaints.list.query.clone()),
                    Err(error) => {
                        self.fail(error);
                        if stale {
                            let reread = self.reopen_case(id);
                            self.report(reread);
                        }
                    }
                }
            }
            Command::WithdrawStep(id) => {
                let withdrawn = self.store.withdraw_step(id, self.now());
                match withdrawn.and_then(|step| self.reopen_case(id).map(|()| step)) {
                    Ok(step) => {
                        self.refresh_dashboard();
                        self.requery_complaints(self.screens.complaints.list.query.clone());
                        let step = self.i18n.tr(step.message_key());
                        self.info(self.i18n.tr_args("case-step-withdrawn", &[("step", &step)]));
                    }
                    Err(error) => {
                        self.fail(error);
                        let reread = self.reopen_case(id);
                        self.report(reread);
                    }
                }
            }
            Command::RecordReturnVisit(id, visit) => {
                let result = self
                    .store
                    .record_return_visit(id, &visit, self.now())
                    .and_then(|()| self.reopen_case(id));
                match result {
                    Ok(()) => {
                        self.refresh_dashboard();
                        self.requery_complaints(self.screens.complaints.list.query.clone());
                        let key = match visit.outcome {
                            Outcome::Satisfied => "return-visit-recorded",
                            Outcome::Dissatisfied => "return-visit-reopened",
                        };
                        self.info(self.i18n.tr(key));
                    }
                    Err(error) => self.fail(error),
                }
            }
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// The card with registration number `number`, as the complaint form shows it.
    pub(super) fn look_up_card(&self, number: &str) -> Option<CardLookup> {
        self.find_card(number).map(|(lookup, _)| lookup)
    }

    /// The lookup shown in the complaint form, with the card itself when one was found.
    pub(super) fn find_card(&self, number: &str) -> Option<(CardLookup, Option<WarrantyCard>)> {
        let number = number.trim();
        if number.is_empty() {
            return None;
        }
        match self.store.card_by_registration_no(number) {
            Ok(stored) => {
                let lookup = CardLookup::Found {
                    registration_no: stored.registration_no,
                    customer_name: stored.card.customer_name.clone(),
                    product_model: stored.card.product_model.clone(),
                    status: stored.card.status(self.today(), self.policy()),
                    warranty_end: stored.card.warranty_end(),
                };
                Some((lookup, Some(stored.card)))
            }
            Err(StoreError::NotFound(_)) => Some((
                CardLookup::NotFound {
                    registration_no: number.to_owned(),
                },
                None,
            )),
            Err(_) => None,
        }
    }

    /// Looks up the warranty number typed in the complaint form and, when a card has it,
    /// fills the customer and product from the card.
    pub(super) fn fill_from_card(&mut self, number: &str) {
        let (lookup, card) = match self.find_card(number) {
            Some((lookup, card)) => (Some(lookup), card),
            None => (None, None),
        };
        let Some(Editor::Case(case)) = &mut self.editor else {
            return;
        };
        let editor = &mut case.complaint;
        editor.card_lookup = lookup;
        if let Some(card) = card {
            let draft = &mut editor.form.draft;
            draft.customer_name = card.customer_name;
            draft.customer_address = card.customer_address;
            draft.customer_phone = card.customer_phone;
            draft.product_model = card.product_model;
            draft.serial_no = card.serial_no;
            draft.purchase_date = crate::domain::date::format_date(card.purchase_date);
        }
    }
}

/// How long attaching signed paper waits for its files to be read before the window goes on
/// (a page or two is read within it; a long fax is attached when it is read).
pub(crate) const SIGNED_AWAITED: std::time::Duration = std::time::Duration::from_millis(1_500);

/// Files of signed paper being read beside the window: each file's name and its pages, or the
/// catalogue key of why it cannot be read.
pub(crate) struct SignedReading {
    read: std::sync::mpsc::Receiver<Vec<(String, Result<crate::scan::Scan, &'static str>)>>,
}

/// The most pages kept aside a case shows, the latest.
const SIGNED_ASIDE_SHOWN: u32 = 20;
