//! A signature drawn on screen: the strokes of a pen, a mouse or a finger on the signing pad,
//! kept as vectors so the paper prints them as lines, crisp after a fax, at any size.
//!
//! The pad is [`PAD_WIDTH`] × [`PAD_HEIGHT`] units (3 : 1, the shape of a signature box);
//! a point is a pair of whole units from its top left corner. Stored as JSON, a list of
//! strokes, each a flat list `[x0, y0, x1, y1, …]`.

use serde::{Deserialize, Serialize};

/// The pad's width in units.
pub const PAD_WIDTH: u16 = 1200;
/// The pad's height in units.
pub const PAD_HEIGHT: u16 = 400;

/// At most this many points in one signature: a hand signs in a few hundred; a file from
/// outside offering more is refused rather than drawn.
pub const MAX_POINTS: usize = 20_000;
/// At most this many strokes.
pub const MAX_STROKES: usize = 500;

/// The least ink a signature has, in units (a twentieth of the pad's width): a click or a
/// slip of the mouse is not a signature.
pub const LEAST_INK: f32 = 60.0;

/// The strokes of one signature, in pad units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strokes(pub Vec<Vec<(u16, u16)>>);

/// Why strokes are not a signature.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("nothing was drawn")]
    Empty,
    #[error("too little was drawn to be a signature")]
    TooLittle,
    #[error("too many points for a signature")]
    TooMany,
    #[error("a point lies outside the signing pad")]
    OffPad,
    #[error("the strokes cannot be read")]
    Unreadable,
}

impl SignatureError {
    pub fn message_key(self) -> &'static str {
        match self {
            SignatureError::Empty => "error-signature-empty",
            SignatureError::TooLittle => "error-signature-too-little",
            SignatureError::TooMany => "error-signature-too-many",
            SignatureError::OffPad => "error-signature-off-pad",
            SignatureError::Unreadable => "error-signature-unreadable",
        }
    }
}

impl Strokes {
    /// Starts a new stroke at `point`.
    pub fn begin(&mut self, point: (f32, f32)) {
        if self.points() < MAX_POINTS && self.0.len() < MAX_STROKES {
            self.0.push(vec![on_pad(point)]);
        }
    }

    /// Carries the current stroke on to `point`; a point less than a unit from the last is
    /// dropped (a pen at rest sends the same point many times).
    pub fn extend(&mut self, point: (f32, f32)) {
        let total = self.points();
        let Some(stroke) = self.0.last_mut() else {
            return;
        };
        let point = on_pad(point);
        if total < MAX_POINTS && stroke.last() != Some(&point) {
            stroke.push(point);
        }
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many points, over all strokes.
    pub fn points(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    /// The length of all strokes together, in units.
    pub fn ink(&self) -> f32 {
        self.0
            .iter()
            .flat_map(|stroke| stroke.windows(2))
            .map(|pair| {
                let dx = f32::from(pair[1].0) - f32::from(pair[0].0);
                let dy = f32::from(pair[1].1) - f32::from(pair[0].1);
                (dx * dx + dy * dy).sqrt()
            })
            .sum()
    }

    /// Whether these strokes can be kept as a signature: something drawn, at least
    /// [`LEAST_INK`] of it, within the limits and on the pad.
    pub fn check(&self) -> Result<(), SignatureError> {
        if self.is_empty() {
            return Err(SignatureError::Empty);
        }
        if self.points() > MAX_POINTS || self.0.len() > MAX_STROKES {
            return Err(SignatureError::TooMany);
        }
        let on = |&(x, y): &(u16, u16)| x <= PAD_WIDTH && y <= PAD_HEIGHT;
        if !self.0.iter().flatten().all(on) || self.0.iter().any(Vec::is_empty) {
            return Err(SignatureError::OffPad);
        }
        if self.ink() < LEAST_INK {
            return Err(SignatureError::TooLittle);
        }
        Ok(())
    }

    /// The strokes as stored.
    pub fn to_text(&self) -> String {
        let strokes: Vec<Vec<u16>> = self
            .0
            .iter()
            .map(|stroke| stroke.iter().flat_map(|&(x, y)| [x, y]).collect())
            .collect();
        serde_json::to_string(&strokes).unwrap_or_default()
    }

    /// Strokes as stored (or as a monthly file carries them), checked as a signature.
    pub fn parse(text: &str) -> Result<Strokes, SignatureError> {
        // Refused before parsing: a point is at most 10 characters ("1200,400,").
        if text.len() > MAX_POINTS * 10 + MAX_STROKES * 4 {
            return Err(SignatureError::TooMany);
        }
        let flat: Vec<Vec<u16>> =
            serde_json::from_str(text).map_err(|_| SignatureError::Unreadable)?;
        if flat.iter().any(|stroke| stroke.len() % 2 != 0) {
            return Err(SignatureError::Unreadable);
        }
        let strokes = Strokes(
            flat.iter()
                .map(|stroke| stroke.chunks(2).map(|p| (p[0], p[1])).collect())
                .collect(),
        );
        strokes.check()?;
        Ok(strokes)
    }
}

/// A point of the pad in whole units, kept on the pad.
fn on_pad((x, y): (f32, f32)) -> (u16, u16) {
    let unit = |value: f32, most: u16| value.round().clamp(0.0, f32::from(most)) as u16;
    (unit(x, PAD_WIDTH), unit(y, PAD_HEIGHT))
}

super::choices! {
    /// Whose box a signature fills: the customer, or the member of staff the form names (the
    /// clerk who issued a card, who received a complaint, the technician who did the work).
    Signer {
        Customer => "customer", "signer-customer";
        Clerk => "clerk", "signer-clerk";
        Receiver => "receiver", "signer-receiver";
        Technician => "technician", "signer-technician";
    }
}

impl Signer {
    /// The button that opens the pad: "Customer signs".
    pub fn button_key(self) -> &'static str {
        match self {
            Signer::Customer => "sign-customer",
            Signer::Clerk => "sign-clerk",
            Signer::Receiver => "sign-receiver",
            Signer::Technician => "sign-technician",
        }
    }

    /// The box on paper it signs: the printed form's label of it.
    pub fn box_key(self) -> &'static str {
        match self {
            Signer::Customer => "pdf-sign-customer",
            Signer::Clerk => "pdf-sign-clerk",
            Signer::Receiver => "pdf-sign-receiver",
            Signer::Technician => "pdf-sign-technician",
        }
    }
}

/// The forms signed on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignedForm {
    Card,
    Complaint,
    Confirmation,
}

impl SignedForm {
    /// Who signs the form on screen (the seals are stamped on paper): the customer, and the
    /// member of staff its box names.
    pub fn signers(self) -> [Signer; 2] {
        match self {
            SignedForm::Card => [Signer::Customer, Signer::Clerk],
            SignedForm::Complaint => [Signer::Customer, Signer::Receiver],
            SignedForm::Confirmation => [Signer::Customer, Signer::Technician],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(from: (f32, f32), to: (f32, f32), steps: usize) -> Strokes {
        let mut strokes = Strokes::default();
        strokes.begin(from);
        for i in 1..=steps {
            let t = i as f32 / steps as f32;
            strokes.extend((from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t));
        }
        strokes
    }

    #[test]
    fn signature_has_ink() {
        assert_eq!(Strokes::default().check(), Err(SignatureError::Empty));
        // A click: one point; a slip: a short line.
        let mut click = Strokes::default();
        click.begin((600.0, 200.0));
        assert_eq!(click.check(), Err(SignatureError::TooLittle));
        let slip = line((600.0, 200.0), (650.0, 200.0), 5);
        assert_eq!(slip.check(), Err(SignatureError::TooLittle));
        let signed = line((100.0, 300.0), (700.0, 100.0), 40);
        assert_eq!(signed.check(), Ok(()));
        assert!((signed.ink() - 632.5).abs() < 1.0, "{}", signed.ink());
    }

    #[test]
    fn signature_stays_on_the_pad_and_within_its_points() {
        // Drawn past the pad's edge: kept on its edge.
        let off = line((-50.0, 500.0), (1500.0, -20.0), 10);
        assert_eq!(off.0[0][0], (0, PAD_HEIGHT));
        assert_eq!(off.0[0].last(), Some(&(PAD_WIDTH, 0)));
        assert_eq!(off.check(), Ok(()));
        // A pen at rest adds nothing.
        let mut rest = line((0.0, 0.0), (100.0, 0.0), 10);
        let before = rest.points();
        for _ in 0..50 {
            rest.extend((100.2, 0.1));
        }
        assert_eq!(rest.points(), before);
        // Never more than the limit, however long the clerk scribbles.
        let mut scribble = Strokes::default();
        for i in 0..(MAX_POINTS + 500) {
            if i % 40 == 0 {
                scribble.begin((0.0, 0.0));
            }
            scribble.extend(((i % 1200) as f32, (i % 400) as f32 * 0.5 + 1.0));
        }
        assert!(scribble.points() <= MAX_POINTS);
        assert!(scribble.0.len() <= MAX_STROKES);
    }

    #[test]
    fn signature_reads_back_as_stored_and_refuses_what_is_not_one() {
        let signed = line((100.0, 300.0), (700.0, 100.0), 40);
        let text = signed.to_text();
        assert!(text.starts_with("[[100,300,"), "{text}");
        assert_eq!(Strokes::parse(&text), Ok(signed));
        for (bad, error) in [
            ("", SignatureError::Unreadable),
            ("{}", SignatureError::Unreadable),
            ("[[1,2,3]]", SignatureError::Unreadable),
            ("[[1,2,70000,4]]", SignatureError::Unreadable),
            ("[[-1,2,300,4]]", SignatureError::Unreadable),
            ("[]", SignatureError::Empty),
            ("[[0,0,1300,0]]", SignatureError::OffPad),
            ("[[0,0,100,500]]", SignatureError::OffPad),
            ("[[0,0,900,0],[]]", SignatureError::OffPad),
            ("[[0,0,10,0]]", SignatureError::TooLittle),
        ] {
            assert_eq!(Strokes::parse(bad), Err(error), "{bad}");
        }
        let many = format!("[{}]", vec!["[0,0,1,1]"; MAX_STROKES + 1].join(","));
        assert_eq!(Strokes::parse(&many), Err(SignatureError::TooMany));
        let huge = format!("[[{}]]", vec!["1"; 500_000].join(","));
        assert_eq!(Strokes::parse(&huge), Err(SignatureError::TooMany));
    }

    #[test]
    fn each_signed_form_is_signed_by_the_customer_and_its_staff() {
        for form in [
            SignedForm::Card,
            SignedForm::Complaint,
            SignedForm::Confirmation,
        ] {
            let [first, second] = form.signers();
            assert_eq!(first, Signer::Customer);
            assert_ne!(second, Signer::Customer);
        }
        for &signer in Signer::ALL {
            assert_eq!(Signer::from_code(signer.code()), Some(signer));
        }
        assert_eq!(Signer::from_code("seal"), None);
    }
}
