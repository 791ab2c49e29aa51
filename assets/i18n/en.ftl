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
