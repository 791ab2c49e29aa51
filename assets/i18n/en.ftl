# English catalogue. Keys read group-name; every key exists in zh-CN.ftl too.

## The window
app-title = After-sales service desk
app-language = Language
app-database = Database: { $path }
nav-warranty-cards = Warranty cards
nav-settings = Settings
toast-dismiss = Dismiss
draft-restored = Your unsaved card was restored from the last session.
demo-loaded = Added { $cards } demo warranty cards and { $complaints } complaints.
file-blank-card = blank-warranty-card

## Forms in general
form-back = ← Back to list
form-save = Save
form-unsaved = (unsaved changes)
form-required = required
form-calendar = Calendar
form-date-hint = YYYY-MM-DD
form-problems = { $count } field(s) need attention
unsaved-title = Unsaved changes
unsaved-question = This card has changes that are not saved. Save them before leaving?
unsaved-save = Save
unsaved-discard = Discard changes
unsaved-cancel = Keep editing

## The cards list
cards-search = Search
cards-search-hint = number, name, phone, model or serial
cards-count = { $shown } of { $total } cards
cards-new = New card
cards-print-blank = Print blank card…
cards-empty = No warranty cards yet.

## The warranty card
card-title = Warranty card
card-new-title = New warranty card
card-registration-no = Registration no.
card-issue-date = Issue date
card-issuing-dealer = Issuing dealer
card-customer-name = Customer name
card-customer-address = Address
card-customer-phone = Phone
card-product-category = Product category
card-product-model = Product model
card-serial-no = Serial no.
card-purchase-date = Purchase date
card-purchase-area = Purchase area
card-installation-date = Installation date
card-invoice-no = Invoice no.
card-warranty-months = Warranty (months)
card-warranty-end = Warranty ends
card-feedback-returned = Feedback form
card-feedback-returned-check = returned by the customer
card-status = Status
card-status-line = Warranty status: { $status } (covered through { $end })
card-warranty-end-line = The warranty covers through { $end }.
card-export-pdf = Export PDF…
card-export-save-first = Save the card first
card-saved = Card { $number } saved.
status-valid = Valid
status-expired = Expired
status-waived = Waived (no feedback form)

## Validation
error-required = Required
error-too-long = Too long
error-control-characters = Contains control characters
error-date-format = Write the date as year-month-day, e.g. 2026-11-23
error-date-no-such-day = This date does not exist
error-date-in-future = This date is in the future
error-purchase-after-installation = Purchase cannot be after installation
error-phone = Not a phone number (mobile, landline with area code, or +country code)
error-warranty-months = A whole number of months from 1 to 120
error-grace-days = A whole number of days from 0 to 3650
error-prefix = 1 to 8 capital letters or digits
error-disk-full = The disk is full: the card was not saved. Free some space and save again; your typing is kept.
error-busy = The database is busy in another window. Try again in a moment.

## Settings
settings-title = Settings
settings-company-name = Company name (printed on forms)
settings-own-dealer = This unit / dealer
settings-card-prefix = Registration number prefix
settings-complaint-prefix = Complaint number prefix
settings-unit-level = This program runs at
settings-default-warranty-months = Default warranty (months)
settings-feedback-grace-days = Days for the feedback form to return
settings-saved = Settings saved.
settings-demo-title = Demo data
settings-demo-explain = Adds 500 realistic warranty cards and complaints about some of them, to try the program out.
settings-load-demo = Load demo data

## Paper (printed in both languages)
pdf-card-title = Warranty card
pdf-section-card = Card
pdf-section-customer = Customer
pdf-section-product = Product
pdf-page-of = Page { $page } of { $pages }
pdf-continued = (continued)
pdf-date = Date
pdf-yes = Yes
pdf-no = No
pdf-sign-customer = Customer signature
pdf-sign-dealer-seal = Dealer seal
pdf-sign-clerk = Issued by
pdf-card-terms = Please fill in the quality feedback form and return it within { $days } days of issue; otherwise the warranty is deemed waived. Keep this card and the invoice for service.
pdf-written = PDF written to { $path }

## The customer complaint acceptance form
nav-complaints = Complaints
complaint-title = Complaint
complaint-new-title = New complaint
complaint-number = Complaint no.
complaint-received-at = Received (date and time)
complaint-channel = Channel
complaint-channel-phone = Phone
complaint-channel-fax = Fax
complaint-channel-mail = Mail
complaint-channel-visit = Visit
complaint-channel-via-dealer = Via dealer
complaint-channel-online = Online
complaint-receiving-unit = Received at (dealer or HQ)
complaint-unit-dealer = Dealer
complaint-unit-hq = Headquarters
complaint-receiving-unit-name = Receiving unit
complaint-received-by = Received by
complaint-warranty-no = Warranty card no.
complaint-warranty-found = Card found: { $name }, { $model }. Warranty: { $status } (through { $end }).
complaint-warranty-not-found = No card with this number: enter the customer and product by hand.
complaint-type = Complaint type
complaint-type-product-quality = Product quality
complaint-type-installation-quality = Installation quality
complaint-type-service-attitude = Service attitude
complaint-type-improper-use = Improper use (non-quality)
complaint-type-transport-damage = Transport damage (non-quality)
complaint-type-other = Other (non-quality)
complaint-description = Description
complaint-request = Customer asks for
complaint-request-repair = Repair
complaint-request-replace = Replacement
complaint-request-refund = Refund
complaint-request-compensation = Compensation
complaint-request-explanation = Explanation
complaint-urgency = Urgency
complaint-urgency-normal = Normal
complaint-urgency-urgent = Urgent
complaint-urgency-critical = Critical
complaint-media-risk = Media-exposure risk
complaint-media-none = None
complaint-media-possible = Possible
complaint-media-threatened = Customer threatens media
complaint-saved = Complaint { $number } saved.
complaints-search-hint = number, name, phone, model, serial or description
complaints-count = { $shown } of { $total } complaints
complaints-new = New complaint
complaints-print-blank = Print blank complaint form…
complaints-empty = No complaints yet.
complaints-filter-type = Type
complaints-filter-dealer = Receiving unit
complaints-filter-from = Received from
complaints-filter-to = to
complaints-filter-all = All
complaint-export-pdf = Export PDF…
pdf-complaint-title = Customer complaint acceptance form
pdf-section-complaint = Complaint
pdf-section-receipt = Receipt
pdf-sign-receiver = Receiver
pdf-sign-unit-seal = Unit seal
file-blank-complaint = blank-complaint-form
error-time-format = Write the time as year-month-day hours:minutes, e.g. 2026-11-23 09:30

## The on-site investigation report
investigation-title = On-site investigation report
investigation-number = Report no.
investigation-investigators = Investigators
investigation-arrived-at = Arrived on site
investigation-findings = Findings
investigation-documents = Documents checked
investigation-doc-acceptance-certificate = Product acceptance certificate
investigation-doc-environment-table = Installation environment and process control table
investigation-doc-installation-acceptance = Installation quality acceptance certificate
investigation-doc-after-sales-registration = After-sales registration form
investigation-doc-delivery-note = Delivery note
investigation-doc-survey-report = Survey report
investigation-doc-photos = Photos
investigation-cause = Cause of failure
investigation-quality-problem = Product-quality problem
investigation-quality-problem-check = yes, a product-quality problem
investigation-responsible-party = Responsible party
investigation-proposed-treatment = Proposed treatment
investigation-estimated-cost = Estimated cost (yuan)
investigation-customer-opinion = Customer's opinion
investigation-photos = Photos
investigation-add-photo = Add photo…
investigation-remove-photo = Remove
investigation-no-photos = No photos yet.
party-company = Company
party-dealer = Dealer
party-installer = Installer
party-transport = Transport
party-customer = Customer
party-third-party = Third party
party-responsible = Responsible party
treatment-repair = Repair
treatment-replace = Replace
treatment-return = Return
treatment-refund = Refund
treatment-compensation = Compensation
treatment-explanation = Explanation and user training
pdf-investigation-title = Customer complaint investigation report
pdf-section-investigation = Investigation
pdf-section-conclusion = Conclusion
pdf-section-photos = Photos
pdf-photo-unreadable = (photo cannot be read)
pdf-sign-investigator = Investigator
file-blank-investigation = blank-investigation-report
error-amount = An amount in yuan, e.g. 350 or 350.50
error-arrival-before-complaint = Arrival cannot be before the complaint was received
error-photo-format = Only JPEG and PNG photos can be attached
error-photo-size = The photo is larger than 8 MB
error-photo-read = Cannot read the photo

## The service processing confirmation form
confirmation-title = Service confirmation
confirmation-number = Confirmation no.
confirmation-treatment = Treatment carried out
confirmation-work-done = Work done
confirmation-parts = Parts replaced
confirmation-add-part = Add part
confirmation-remove-part = Remove part
confirmation-service-category = Service category
confirmation-costs = Costs
confirmation-cost-borne-by = borne by
confirmation-total = Total: { $amount } yuan
confirmation-completed-at = Completed
confirmation-comments = Customer's comments
confirmation-ratings = Customer's rating of the technician
confirmation-three-guarantees = Exchange or refund under the three guarantees
confirmation-three-guarantees-check = applies
confirmation-remedy-refund = refund (otherwise exchange)
three-guarantees-price = Price paid (yuan)
three-guarantees-sale-date = Sale date
three-guarantees-counterfeit = counterfeit or unmarked goods (no charge)
three-guarantees-result = { $days } days in use: depreciation { $charge } yuan, credited { $credited } yuan
part-name = Part
part-quantity = Quantity
part-unit-cost = Unit cost (yuan)
part-old-returned = Old part returned
category-a-paid = A: paid
category-b-contract = B: maintenance contract
category-c-free = C: free (in warranty)
category-d-internal = D: internal
cost-labour = Labour
cost-parts = Parts
cost-travel = Travel and accommodation
cost-transport = Transport
rating-attitude = Attitude
rating-skill = Skill
rating-arrival-time = Arrival time
rating-follow-through = Follow-through
rating-very-satisfied = Very satisfied
rating-satisfied = Satisfied
rating-fair = Fair
rating-dissatisfied = Dissatisfied
pdf-confirmation-title = After-sales service processing confirmation form
pdf-section-service = Service
pdf-section-costs = Costs
pdf-section-rating = Customer's rating
pdf-sign-technician = Technician
file-blank-confirmation = blank-service-confirmation
error-quantity = A whole number from 1
error-too-many-parts = At most 200 parts on one form
error-completion-before-complaint = Completion cannot be before the complaint was received

## The case
case-title = Case { $number }
case-complaint = Complaint
case-investigation = Investigation
case-confirmation = Confirmation
case-create-investigation = Create investigation report
case-create-confirmation = Create service confirmation
case-no-investigation = No investigation report yet.
case-no-confirmation = No service confirmation yet.
case-step = Step: { $step }
case-export-packet = Export case packet…
file-packet = case-packet
part-total = Total (yuan)
pdf-total = Total
pdf-amount = Amount (yuan)
pdf-rating = Rating
three-guarantees-days = Days in use
three-guarantees-charge = Depreciation (yuan)
three-guarantees-credited = Credited (yuan)
settings-exchange-rate = Exchange depreciation (% per day)
settings-refund-rate = Refund depreciation (% per day)
error-rate = A percentage from 0 to 100 with at most two decimals, e.g. 0.3

## The customer file
nav-customers = Customers
customer-title = Customer
customer-details = Customer file
customer-province = Province
customer-city = City
customer-dealer = Dealer
customer-cards = Warranty cards
customer-cases = Complaints and cases
customer-no-cards = No warranty cards.
customer-no-cases = No complaints.
customer-new-card = New card for this customer
customer-new-complaint = New complaint for this customer
customer-saved = Customer { $name } saved; their cards and complaints show the change.
customers-search-hint = name, phone, address or dealer
customers-count = { $shown } of { $total } customers
customers-empty = No customers yet: they are filed when a card or complaint is saved.
error-duplicate-customer = Another customer already has this name and phone number.
error-not-found = No record { $number } (it may have been changed in another window).
error-bad-row = A stored record could not be read; it was left as it is
error-database = The database refused the change; nothing was lost from the form
error-pdf-write = Cannot write the PDF; choose another folder or free some disk space
error-pdf-font = The bundled font could not be read; reinstall the program

## Search everything
search-everything = Search everything
search-hint = name, phone, address, number, model, serial, text
search-results = Search “{ $text }”: { $count } found
search-nothing = Nothing found. Fewer or shorter words find more.

## Backup
backup-title = Backup
backup-explain = Writes a copy of the whole database, safe while the program is in use. Keep it on another disk.
backup-now = Back up now…
backup-written = Backup written to { $path }

## History and operator
history-title = History ({ $count })
history-empty = No changes recorded.
history-unknown-operator = (unknown)
history-created = Created the { $form }
history-deleted = Deleted
history-changed = { $field }: “{ $old }” → “{ $new }”
operator-title = Who is working?
operator-explain = Your name is recorded with every change you make, for the audit trail.
operator-name = Your name
operator-unit = Your unit
operator-ok = Start
operator-status = Operator: { $name }

## Void
pdf-void = VOID
void-button = Void…
void-title = Void this record
void-explain = A voided record is kept, stays searchable and prints as VOID. It cannot be edited afterwards. Give the reason.
void-reason = Reason
void-confirm = Void it
void-cancel = Keep it
void-banner = VOID since { $at }: { $reason }
void-done = { $number } was voided.
status-void = Void

## Recovery
recovery-title = The database cannot be opened
recovery-explain = The file was not changed. You can restore one of the automatic backups below; the current file is kept beside it under a dated name.
recovery-newer = This file was written by a newer version of the program. Install the newer version; nothing was changed.
recovery-no-backups = No automatic backups were found next to the database.
recovery-restore = Restore this backup
recovery-confirm = Restore this backup? The current file is kept beside it, renamed.
backup-failed = Today's automatic backup could not be written
recovery-cancel = Cancel
restore-button = Restore a backup…
restore-done = Restored from { $path }; the previous file was kept beside it.
restore-failed = The backup could not be restored; the database was left as it was
restore-save-first = Save or close the open form before restoring a backup.

## Retention
settings-retention-photo-years = Keep report photos (years, 0 = always)
settings-retention-card-years = Keep cards after warranty ends (years, 0 = always)
error-years = A whole number of years from 0 to 100
retention-title = Retention
retention-explain = Complaint forms, investigation reports and confirmation forms are kept permanently. Photos of certificates are kept two years by default; cards as set above.
retention-review = Review records past retention…
retention-nothing = No records are past their retention period.
retention-found = { $count } record(s) past their retention period
retention-delete = Delete these { $count } record(s)
retention-done = { $count } record(s) deleted; the deletions are in the audit trail.

## The case's life
step-received = Received
step-responded = Responded
step-escalated = Escalated to HQ
step-on-site = On site
step-treatment-decided = Treatment decided
step-resolved = Resolved
step-return-visit-done = Return visit done
step-closed = Closed
step-reopened = Reopened
due-respond = Response due
due-escalate = Report to HQ due
due-on-site = On-site arrival due
due-return-visit = Return visit due
case-next-step = Record next step:
case-overdue = OVERDUE: { $due } since { $deadline } ({ $hours } h late)
case-due = { $due } by { $deadline }
settings-home-province = Home province (e.g. 江西省)
settings-remote-provinces = Remote regions (comma-separated)
settings-respond-hours = Respond within (hours)
settings-escalate-hours = Report to HQ within (hours)
settings-on-site-home-hours = On site in the home province within (hours)
settings-on-site-other-hours = On site in other provinces within (hours)
settings-on-site-remote-hours = On site in remote regions within (hours)
settings-return-visit-days = Return visit within (days)
error-hours = A whole number of hours from 1 to 720
error-days = A whole number of days from 1 to 60

## Dashboard
nav-dashboard = Dashboard
dashboard-title = Today's work
dashboard-counts = Overdue: { $overdue } · Due within 24 h: { $soon } · Awaiting return visit: { $visits }
dashboard-overdue = Overdue ({ $count })
dashboard-soon = Due within 24 hours ({ $count })
dashboard-visits = Awaiting return visit ({ $count })
dashboard-none = Nothing.
return-visit-title = Return visit
return-visit-at = Visited at
return-visit-caller = Called by
return-visit-outcome = Customer
return-visit-notes = Notes
return-visit-satisfied = Satisfied
return-visit-dissatisfied = Dissatisfied
return-visit-reopens = A dissatisfied customer reopens the case and sends it back to the dealer.
return-visit-record = Record return visit
return-visit-list = Return visits
return-visit-line = { $at } · { $caller } · { $outcome }
return-visit-recorded = Return visit recorded; the case can be closed.
return-visit-reopened = The customer is dissatisfied: the case is reopened and back with the dealer.
case-steps = Steps
error-visit-before-resolution = The visit cannot be before the case was resolved
