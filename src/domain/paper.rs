//! Which paper is printed: a stored form, a whole case as one packet, a maintenance contract's
//! renewal letter, or a blank form for filling by hand. A value every layer can name: a view
//! asks for it, the shell and the command line have it printed.

/// A printed document, by the records it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Paper {
    /// The warranty card with this id.
    Card(i64),
    /// The complaint form of the complaint with this id.
    Complaint(i64),
    /// The investigation report of the complaint with this id.
    Investigation(i64),
    /// The service confirmation of the complaint with this id.
    Confirmation(i64),
    /// The whole case of the complaint with this id: complaint, report, confirmation.
    Packet(i64),
    /// The renewal notice of the maintenance contract with this id.
    RenewalLetter(i64),
    /// An empty form for filling by hand.
    Blank(BlankForm),
}

/// The forms that print blank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlankForm {
    WarrantyCard,
    Complaint,
    Investigation,
    Confirmation,
}
