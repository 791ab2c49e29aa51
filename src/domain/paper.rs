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

/// What the code printed on every page of a stored form holds: the form's number, the code of
/// the office that made it, and the record's identity (its UUID), which finds it in any
/// office's archive. Printed as a QR code in the alphanumeric mode (upper case: a smaller
/// code, so larger modules survive a fax), `AS1:WC-2026-000042:JX-D01:UUID`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormCode {
    pub number: String,
    /// The office's code; empty where the office printing has none yet.
    pub office: String,
    pub uuid: String,
}

impl FormCode {
    /// What every code starts with: this program's forms, version 1 of the text.
    const PREFIX: &'static str = "AS1";

    /// The text the code holds.
    pub fn text(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            Self::PREFIX,
            self.number,
            self.office,
            self.uuid
        )
        .to_uppercase()
    }

    /// The form a code read from paper names, if it is one of this program's: its number and
    /// office as printed, the identity in the lower case it is stored in.
    pub fn parse(text: &str) -> Option<FormCode> {
        let mut parts = text.trim().split(':');
        let (prefix, number, office, uuid) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let uuid = uuid::Uuid::parse_str(uuid).ok()?;
        (prefix == Self::PREFIX && parts.next().is_none() && !number.is_empty()).then(|| FormCode {
            number: number.to_owned(),
            office: office.to_owned(),
            uuid: uuid.hyphenated().to_string(),
        })
    }
}

/// The code printed on a copy of a page of signed paper (the case packet prints each kept page
/// after its form): the kept page's identity, so a copy scanned again is known for one rather
/// than kept again as a new signed original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyCode {
    /// The identity of the signed page copied.
    pub signed_page: String,
}

impl CopyCode {
    const PREFIX: &'static str = "AS1C";

    pub fn text(&self) -> String {
        format!("{}:{}", Self::PREFIX, self.signed_page).to_uppercase()
    }

    pub fn parse(text: &str) -> Option<CopyCode> {
        let (prefix, uuid) = text.trim().split_once(':')?;
        let uuid = uuid::Uuid::parse_str(uuid).ok()?;
        (prefix == Self::PREFIX).then(|| CopyCode {
            signed_page: uuid.hyphenated().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_code_reads_back_and_is_never_taken_for_a_forms() {
        let copy = CopyCode {
            signed_page: "8f0c2a4e-1b7d-4e0a-9c3e-0d2b6f1a5e77".into(),
        };
        assert_eq!(copy.text(), "AS1C:8F0C2A4E-1B7D-4E0A-9C3E-0D2B6F1A5E77");
        assert_eq!(CopyCode::parse(&copy.text()), Some(copy.clone()));
        assert_eq!(FormCode::parse(&copy.text()), None);
        let form = FormCode {
            number: "SC-2026-11-0001".into(),
            office: String::new(),
            uuid: copy.signed_page.clone(),
        };
        assert_eq!(CopyCode::parse(&form.text()), None);
        assert_eq!(CopyCode::parse("AS1C:not-a-uuid"), None);
    }

    #[test]
    fn a_forms_code_holds_its_number_office_and_identity_and_reads_back_as_them() {
        let code = FormCode {
            number: "SC-2026-11-0042".into(),
            office: "JX-D01".into(),
            uuid: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
        };
        let text = code.text();
        assert_eq!(
            text,
            "AS1:SC-2026-11-0042:JX-D01:0F8FAD5B-D9CB-469F-A165-70867728950E"
        );
        // Only characters of a QR code's alphanumeric mode.
        assert!(
            text.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase() || " $%*+-./:".contains(c))
        );
        assert_eq!(FormCode::parse(&text), Some(code.clone()));
        // An office without a code yet.
        let here = FormCode {
            office: String::new(),
            ..code
        };
        assert_eq!(FormCode::parse(&here.text()), Some(here));
        for foreign in [
            "",
            "https://example.com/x",
            "AS2:SC-1::0F8FAD5B-D9CB-469F-A165-70867728950E",
            "AS1:::0F8FAD5B-D9CB-469F-A165-70867728950E",
            "AS1:SC-1:JX:not-a-uuid",
            "AS1:SC-1:JX:0F8FAD5B-D9CB-469F-A165-70867728950E:more",
        ] {
            assert_eq!(FormCode::parse(foreign), None, "{foreign:?}");
        }
    }
}
