//! The on-site investigation report (客户投诉调查报告) belonging to one complaint.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::complaint::{format_time, time_between};
use super::money::Fen;
use super::warranty_card::MAX_LINE_CHARS;
use super::{MessageKey, checked_field};

/// Longest free text on the report (findings, cause, opinion).
pub const MAX_REPORT_TEXT_CHARS: usize = 20_000;
/// Largest photo accepted, so one report cannot swell the database unnoticed.
pub const MAX_PHOTO_BYTES: usize = 8 * 1024 * 1024;

/// The most dots a photo may have across or down: a 100-megapixel camera's 12,000 × 9,000
/// fits. A file claiming more (a few bytes of header can claim 50,000 × 50,000) is refused
/// before anything that size is made.
pub const MAX_PHOTO_SIDE: u32 = 12_000;

crate::domain::choices! {
    /// The documents the seeds require an investigator to check.
    Document {
        AcceptanceCertificate => "acceptance_certificate", "investigation-doc-acceptance-certificate";
        EnvironmentTable => "environment_table", "investigation-doc-environment-table";
        InstallationAcceptance => "installation_acceptance", "investigation-doc-installation-acceptance";
        AfterSalesRegistration => "after_sales_registration", "investigation-doc-after-sales-registration";
        DeliveryNote => "delivery_note", "investigation-doc-delivery-note";
        SurveyReport => "survey_report", "investigation-doc-survey-report";
        Photos => "photos", "investigation-doc-photos";
    }
}

crate::domain::choices! {
    /// Who caused the problem.
    ResponsibleParty {
        Company => "company", "party-company";
        Dealer => "dealer", "party-dealer";
        Installer => "installer", "party-installer";
        Transport => "transport", "party-transport";
        Customer => "customer", "party-customer";
        ThirdParty => "third_party", "party-third-party";
    }
}

crate::domain::choices! {
    /// What is done about it: proposed on the report, carried out on the confirmation.
    Treatment {
        Repair => "repair", "treatment-repair";
        Replace => "replace", "treatment-replace";
        Return => "return", "treatment-return";
        Refund => "refund", "treatment-refund";
        Compensation => "compensation", "treatment-compensation";
        Explanation => "explanation", "treatment-explanation";
    }
}

crate::domain::choices! {
    /// What a photo attached to a report shows: the scene, or one of the documents checked.
    /// It decides how long the photo is kept (DOMAIN.md, "Retention").
    PhotoDocument {
        Scene => "scene", "photo-doc-scene";
        AcceptanceCertificate => "acceptance_certificate", "investigation-doc-acceptance-certificate";
        EnvironmentTable => "environment_table", "investigation-doc-environment-table";
        InstallationAcceptance => "installation_acceptance", "investigation-doc-installation-acceptance";
        AfterSalesRegistration => "after_sales_registration", "investigation-doc-after-sales-registration";
        DeliveryNote => "delivery_note", "investigation-doc-delivery-note";
        SurveyReport => "survey_report", "investigation-doc-survey-report";
    }
}

impl PhotoDocument {
    /// Whether a photo of this document may be purged once past its retention period. The
    /// seeds keep the product acceptance certificate, the installation environment table and
    /// the installation quality acceptance certificate two years; the report itself, and so
    /// the scene and its other documents, permanently.
    pub fn expires(self) -> bool {
        matches!(
            self,
            PhotoDocument::AcceptanceCertificate
                | PhotoDocument::EnvironmentTable
                | PhotoDocument::InstallationAcceptance
        )
    }
}

/// A photo attached to a report, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Photo {
    pub file_name: String,
    /// `image/jpeg` or `image/png`.
    pub mime: &'static str,
    pub bytes: Vec<u8>,
    pub document: PhotoDocument,
}

/// Why a chosen file cannot be attached as a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotoError {
    NotAPicture,
    TooLarge,
    /// More than [`MAX_PHOTO_SIDE`] dots across or down.
    TooManyDots,
    /// A JPEG or PNG by its first bytes, but damaged or cut short: it cannot be shown or
    /// printed.
    Unreadable,
}

impl PhotoError {
    pub fn message_key(self) -> MessageKey {
        match self {
            PhotoError::NotAPicture => "error-photo-format",
            PhotoError::TooLarge => "error-photo-size",
            PhotoError::TooManyDots => "error-photo-dots",
            PhotoError::Unreadable => "error-photo-unreadable",
        }
    }
}

/// The picture in `bytes`, read as `format` within [`MAX_PHOTO_SIDE`] and 512 MiB of memory:
/// a hostile header is refused, never an out-of-memory.
pub fn decode_photo(
    bytes: &[u8],
    format: image::ImageFormat,
) -> Result<image::DynamicImage, PhotoError> {
    // The JPEG reader fills a picture cut short with grey and says nothing: a whole JPEG's
    // last scan (SOS, FF DA) is followed by its end (EOI, FF D9). Neither pair can occur
    // inside the coded data, where every FF is followed by 00; a thumbnail's end, before the
    // picture, does not count.
    if format == image::ImageFormat::Jpeg {
        let last = |marker: [u8; 2]| bytes.windows(2).rposition(|w| w == marker);
        match (last([0xFF, 0xDA]), last([0xFF, 0xD9])) {
            (Some(scan), Some(end)) if end > scan => {}
            _ => return Err(PhotoError::Unreadable),
        }
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PHOTO_SIDE);
    limits.max_image_height = Some(MAX_PHOTO_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => PhotoError::TooManyDots,
        _ => PhotoError::Unreadable,
    })
}

/// Accepts a JPEG or PNG by its signature (not its file name), its size, and whether the
/// whole picture can be read, as a photo of `document`: a file cut short in copying is refused
/// rather than kept as evidence nobody can see.
pub fn check_photo(
    file_name: &str,
    bytes: Vec<u8>,
    document: PhotoDocument,
) -> Result<Photo, PhotoError> {
    let (mime, format) = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", image::ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ("image/png", image::ImageFormat::Png)
    } else {
        return Err(PhotoError::NotAPicture);
    };
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(PhotoError::TooLarge);
    }
    decode_photo(&bytes, format)?;
    Ok(Photo {
        file_name: file_name.to_owned(),
        mime,
        bytes,
        document,
    })
}

/// The report as written (its photos are kept beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Investigation {
    pub investigators: String,
    pub arrived_at: NaiveDateTime,
    pub findings: String,
    /// In the order of [`Document::ALL`].
    pub documents_checked: Vec<Document>,
    pub cause: String,
    pub quality_problem: bool,
    pub responsible_party: ResponsibleParty,
    pub proposed_treatment: Treatment,
    pub estimated_cost: Fen,
    pub customer_opinion: String,
}

/// Fields of the report that can be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InvestigationField {
    Investigators,
    ArrivedAt,
    Findings,
    Cause,
    EstimatedCost,
    CustomerOpinion,
}

impl InvestigationField {
    pub fn label_key(self) -> MessageKey {
        match self {
            InvestigationField::Investigators => "investigation-investigators",
            InvestigationField::ArrivedAt => "investigation-arrived-at",
            InvestigationField::Findings => "investigation-findings",
            InvestigationField::Cause => "investigation-cause",
            InvestigationField::EstimatedCost => "investigation-estimated-cost",
            InvestigationField::CustomerOpinion => "investigation-customer-opinion",
        }
    }
}

/// One refusal of the investigation's parse.
pub type InvestigationError = super::FieldError<InvestigationField>;

/// The report as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvestigationDraft {
    pub investigators: String,
    pub arrived_at: String,
    pub findings: String,
    pub documents_checked: Vec<Document>,
    pub cause: String,
    pub quality_problem: bool,
    pub responsible_party: ResponsibleParty,
    pub proposed_treatment: Treatment,
    pub estimated_cost: String,
    pub customer_opinion: String,
}

impl Default for InvestigationDraft {
    fn default() -> Self {
        InvestigationDraft {
            investigators: String::new(),
            arrived_at: String::new(),
            findings: String::new(),
            documents_checked: Vec::new(),
            cause: String::new(),
            quality_problem: false,
            responsible_party: ResponsibleParty::Company,
            proposed_treatment: Treatment::Repair,
            estimated_cost: "0".to_owned(),
            customer_opinion: String::new(),
        }
    }
}

impl InvestigationDraft {
    /// A new report, the investigators arriving now.
    pub fn new_report(now: NaiveDateTime) -> Self {
        InvestigationDraft {
            arrived_at: format_time(now),
            ..Default::default()
        }
    }

    pub fn from_investigation(investigation: &Investigation) -> Self {
        let Investigation {
            investigators,
            arrived_at,
            findings,
            documents_checked,
            cause,
            quality_problem,
            responsible_party,
            proposed_treatment,
            estimated_cost,
            customer_opinion,
        } = investigation;
        InvestigationDraft {
            investigators: investigators.clone(),
            arrived_at: format_time(*arrived_at),
            findings: findings.clone(),
            documents_checked: documents_checked.clone(),
            cause: cause.clone(),
            quality_problem: *quality_problem,
            responsible_party: *responsible_party,
            proposed_treatment: *proposed_treatment,
            estimated_cost: estimated_cost.to_string(),
            customer_opinion: customer_opinion.clone(),
        }
    }

    /// Whether `document` is ticked.
    pub fn is_checked(&self, document: Document) -> bool {
        self.documents_checked.contains(&document)
    }

    /// Ticks or unticks `document`, keeping the checklist in its printed order.
    pub fn set_checked(&mut self, document: Document, checked: bool) {
        self.documents_checked.retain(|d| *d != document);
        if checked {
            self.documents_checked.push(document);
        }
        self.documents_checked
            .sort_by_key(|d| Document::ALL.iter().position(|x| x == d));
    }

    /// The report, or every refused field. Arrival must lie between the complaint's receipt
    /// and `now`.
    pub fn parse(
        &self,
        received_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<Investigation, Vec<InvestigationError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(InvestigationError { field, message });
        let mut text = |field, value: &str, required: bool, max: usize| {
            if let Err(message) = checked_field(value, required, max) {
                fail(field, message);
            }
            value.trim().to_owned()
        };
        let investigators = text(
            InvestigationField::Investigators,
            &self.investigators,
            true,
            MAX_LINE_CHARS,
        );
        let findings = text(
            InvestigationField::Findings,
            &self.findings,
            true,
            MAX_REPORT_TEXT_CHARS,
        );
        let cause = text(
            InvestigationField::Cause,
            &self.cause,
            false,
            MAX_REPORT_TEXT_CHARS,
        );
        let customer_opinion = text(
            InvestigationField::CustomerOpinion,
            &self.customer_opinion,
            false,
            MAX_REPORT_TEXT_CHARS,
        );
        let estimated_cost = match Fen::parse(&self.estimated_cost) {
            Ok(cost) => Some(cost),
            Err(_) => {
                fail(InvestigationField::EstimatedCost, "error-amount");
                None
            }
        };
        let arrived_at = time_between(
            &self.arrived_at,
            Some((received_at, "error-arrival-before-complaint")),
            now,
        )
        .map_err(|message| fail(InvestigationField::ArrivedAt, message))
        .ok();
        match (arrived_at, estimated_cost) {
            (Some(arrived_at), Some(estimated_cost)) if errors.is_empty() => Ok(Investigation {
                investigators,
                arrived_at,
                findings,
                documents_checked: self.documents_checked.clone(),
                cause,
                quality_problem: self.quality_problem,
                responsible_party: self.responsible_party,
                proposed_treatment: self.proposed_treatment,
                estimated_cost,
                customer_opinion,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn filled() -> InvestigationDraft {
        InvestigationDraft {
            investigators: "王磊、孙涛".into(),
            findings: "排烟管接口松动，冷凝水倒流至燃烧室。".into(),
            estimated_cost: "350.00".into(),
            ..InvestigationDraft::new_report(at(22, 14))
        }
    }

    #[test]
    fn a_complete_report_parses_and_round_trips() {
        let report = filled().parse(at(20, 9), at(23, 9)).unwrap();
        assert_eq!(report.estimated_cost, Fen(35_000));
        assert_eq!(
            InvestigationDraft::from_investigation(&report).parse(at(20, 9), at(23, 9)),
            Ok(report)
        );
    }

    #[test]
    fn investigators_cannot_arrive_before_the_complaint_was_received() {
        let errors = filled().parse(at(22, 15), at(23, 9)).unwrap_err();
        assert_eq!(errors[0].message, "error-arrival-before-complaint");
    }

    #[test]
    fn investigators_cannot_arrive_in_the_future() {
        let errors = filled().parse(at(20, 9), at(22, 13)).unwrap_err();
        assert_eq!(errors[0].message, "error-date-in-future");
    }

    #[test]
    fn the_estimated_cost_must_be_an_amount() {
        let draft = InvestigationDraft {
            estimated_cost: "about 300".into(),
            ..filled()
        };
        assert_eq!(
            draft.parse(at(20, 9), at(23, 9)).unwrap_err()[0].field,
            InvestigationField::EstimatedCost
        );
    }

    #[test]
    fn the_document_checklist_keeps_its_printed_order() {
        let mut draft = filled();
        draft.set_checked(Document::Photos, true);
        draft.set_checked(Document::AcceptanceCertificate, true);
        draft.set_checked(Document::DeliveryNote, true);
        draft.set_checked(Document::DeliveryNote, false);
        assert_eq!(
            draft.documents_checked,
            [Document::AcceptanceCertificate, Document::Photos]
        );
        assert!(draft.is_checked(Document::Photos));
    }

    #[test]
    fn only_the_installation_certificates_kept_two_years_expire() {
        let expiring: Vec<PhotoDocument> = PhotoDocument::ALL
            .iter()
            .copied()
            .filter(|d| d.expires())
            .collect();
        assert_eq!(
            expiring,
            [
                PhotoDocument::AcceptanceCertificate,
                PhotoDocument::EnvironmentTable,
                PhotoDocument::InstallationAcceptance
            ]
        );
        assert!(
            !PhotoDocument::Scene.expires(),
            "the scene is the report's evidence"
        );
    }

    /// A small picture in `format`, as a camera or scanner would write it.
    fn picture(format: image::ImageFormat) -> Vec<u8> {
        let image = image::RgbImage::from_fn(16, 12, |x, y| image::Rgb([x as u8 * 9, y as u8, 7]));
        let mut bytes = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn only_jpeg_and_png_photos_are_accepted_by_their_contents() {
        let jpeg = picture(image::ImageFormat::Jpeg);
        assert_eq!(
            check_photo("a.png", jpeg, PhotoDocument::Scene)
                .unwrap()
                .mime,
            "image/jpeg"
        );
        let png = picture(image::ImageFormat::Png);
        assert_eq!(
            check_photo("a.jpg", png, PhotoDocument::Scene)
                .unwrap()
                .mime,
            "image/png"
        );
        assert_eq!(
            check_photo("a.jpg", b"GIF89a".to_vec(), PhotoDocument::Scene),
            Err(PhotoError::NotAPicture)
        );
        let huge = [vec![0xFF, 0xD8, 0xFF], vec![0; MAX_PHOTO_BYTES]].concat();
        assert_eq!(
            check_photo("big.jpg", huge, PhotoDocument::Scene),
            Err(PhotoError::TooLarge)
        );
    }

    #[test]
    fn a_picture_whose_header_claims_fifty_thousand_dots_square_is_refused_before_it_is_made() {
        // A PNG of a few dozen bytes whose header says 50,000 × 50,000 (2.5 GB of grey).
        let chunk = |kind: &[u8], data: &[u8]| {
            let mut crc = flate2::Crc::new();
            crc.update(kind);
            crc.update(data);
            [
                (data.len() as u32).to_be_bytes().as_slice(),
                kind,
                data,
                &crc.sum().to_be_bytes(),
            ]
            .concat()
        };
        let side = 50_000u32.to_be_bytes();
        let header = [side.as_slice(), &side, &[8, 0, 0, 0, 0]].concat();
        let bomb = [
            b"\x89PNG\r\n\x1a\n".to_vec(),
            chunk(b"IHDR", &header),
            chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
            chunk(b"IEND", &[]),
        ]
        .concat();
        assert!(bomb.len() < 100);
        assert_eq!(
            check_photo("bomb.png", bomb, PhotoDocument::Scene),
            Err(PhotoError::TooManyDots)
        );
        // Just inside the limit across, and one dot beyond it down.
        let wide = [
            MAX_PHOTO_SIDE.to_be_bytes().as_slice(),
            &(MAX_PHOTO_SIDE + 1).to_be_bytes(),
            &[8, 0, 0, 0, 0],
        ]
        .concat();
        let tall = [
            b"\x89PNG\r\n\x1a\n".to_vec(),
            chunk(b"IHDR", &wide),
            chunk(b"IEND", &[]),
        ]
        .concat();
        assert_eq!(
            check_photo("tall.png", tall, PhotoDocument::Scene),
            Err(PhotoError::TooManyDots)
        );
    }

    #[test]
    fn a_picture_cut_short_is_refused_as_unreadable() {
        // The signature alone, and half the file.
        for (format, signature) in [(image::ImageFormat::Jpeg, 3), (image::ImageFormat::Png, 8)] {
            let whole = picture(format);
            // A scan is mostly white paper: its JPEG read far into a page cut short still
            // decodes, with grey where the rest was.
            let paper = {
                let mut bytes = Vec::new();
                let mut page = image::GrayImage::from_pixel(800, 1_100, image::Luma([255]));
                for x in 100..700 {
                    page.put_pixel(x, 100 + x / 7, image::Luma([0]));
                }
                image::DynamicImage::ImageLuma8(page)
                    .write_to(&mut std::io::Cursor::new(&mut bytes), format)
                    .unwrap();
                bytes
            };
            let mut cuts = vec![
                whole[..signature].to_vec(),
                whole[..whole.len() / 2].to_vec(),
                paper[..paper.len() / 3].to_vec(),
            ];
            // A JPEG without its end marker (a PNG without its end still holds every dot).
            if format == image::ImageFormat::Jpeg {
                cuts.push(paper[..paper.len() - 2].to_vec());
            }
            for cut in cuts {
                assert_eq!(
                    check_photo("cut", cut, PhotoDocument::Scene).err(),
                    Some(PhotoError::Unreadable),
                    "{format:?}"
                );
            }
        }
    }
}
