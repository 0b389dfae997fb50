//! Resolutions and their ballots: the majority a resolution needs, the
//! ballot's kind, the window in which votes are taken, and the count.
//!
//! A secret ballot is stored so that nothing joins a voter to a choice: the
//! store keeps who voted (so that nobody votes twice) in one table and adds
//! each choice to a counter in another, with no row per ballot to order or
//! time. What a voter keeps is a receipt code, whose hash the store keeps
//! without the choice, so that they can check their ballot was counted.

use serde::{Deserialize, Serialize};

use crate::kernel::time::Timestamp;
use crate::kernel::validation::ValidationError;

/// What a resolution needs to be adopted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MajorityRule {
    /// More votes for than against among the votes cast.
    Simple,
    /// More than half of the voting members present or represented.
    Absolute,
    /// At least two thirds of the votes cast.
    TwoThirds,
}

impl MajorityRule {
    pub const ALL: [Self; 3] = [Self::Simple, Self::Absolute, Self::TwoThirds];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Simple => "simple",
            Self::Absolute => "absolute",
            Self::TwoThirds => "two_thirds",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|rule| rule.as_str() == input.trim())
            .ok_or(ValidationError::new(
                "majority",
                "error-resolution-majority",
            ))
    }

    pub fn label_key(self) -> String {
        format!("majority-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotKind {
    /// Roll-call: each vote is shown to the members.
    Open,
    /// Who voted is kept apart from what was voted.
    Secret,
}

impl BallotKind {
    pub const ALL: [Self; 2] = [Self::Open, Self::Secret];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Secret => "secret",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("ballot", "error-resolution-ballot"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    For,
    Against,
    Abstain,
}

impl Choice {
    pub const ALL: [Self; 3] = [Self::For, Self::Against, Self::Abstain];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::For => "for",
            Self::Against => "against",
            Self::Abstain => "abstain",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|choice| choice.as_str() == input.trim())
            .ok_or(ValidationError::new("choice", "error-vote-choice"))
    }
}

/// The count of a ballot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    pub for_: i64,
    pub against: i64,
    pub abstain: i64,
    /// The voting members present or represented when the ballot closed,
    /// which an absolute majority is a majority of.
    pub eligible: i64,
}

impl Tally {
    pub fn voters(&self) -> i64 {
        self.for_ + self.against + self.abstain
    }

    /// The votes cast, abstentions among them when the statutes count them.
    pub fn cast(&self, abstentions_count: bool) -> i64 {
        self.for_ + self.against + if abstentions_count { self.abstain } else { 0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Adopted,
    Rejected,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Adopted => "adopted",
            Self::Rejected => "rejected",
        }
    }
}

/// Whether the count adopts the resolution under `rule`; nothing cast
/// adopts nothing.
pub fn decide(rule: MajorityRule, tally: &Tally, abstentions_count: bool) -> Outcome {
    let cast = tally.cast(abstentions_count);
    let adopted = match rule {
        MajorityRule::Simple => cast > 0 && tally.for_ * 2 > cast,
        MajorityRule::Absolute => tally.for_ * 2 > tally.eligible.max(tally.voters()),
        MajorityRule::TwoThirds => cast > 0 && tally.for_ * 3 >= cast * 2,
    };
    if adopted {
        Outcome::Adopted
    } else {
        Outcome::Rejected
    }
}

/// Where a resolution's ballot stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotState {
    /// Not open yet: the chair has not opened it, and its window, if any,
    /// has not begun.
    Waiting,
    Open,
    Closed,
}

impl BallotState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }
}

/// A resolution an agenda item carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    pub text: String,
    pub majority: MajorityRule,
    pub ballot: BallotKind,
    /// A written consultation opens before the assembly, at this moment.
    pub opens_at: Option<Timestamp>,
    /// An online vote closes by itself at this moment.
    pub closes_at: Option<Timestamp>,
    /// When the chair opened the ballot.
    pub opened_at: Option<Timestamp>,
    /// When the chair closed the ballot, with its count then.
    pub closed: Option<(Timestamp, Tally)>,
}

impl Resolution {
    pub fn state(&self, now: Timestamp) -> BallotState {
        if self.closed.is_some() || self.closes_at.is_some_and(|closes| closes <= now) {
            BallotState::Closed
        } else if self.opened_at.is_some() || self.opens_at.is_some_and(|opens| opens <= now) {
            BallotState::Open
        } else {
            BallotState::Waiting
        }
    }
}

/// A receipt code given to a voter in a secret ballot: 16 letters and
/// digits in four groups, of which the store keeps only the hash.
pub fn receipt_code() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let letters: Vec<char> = (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    letters
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A receipt code as someone types it back: case and separators do not
/// matter.
pub fn normalise_receipt(input: &str) -> Result<String, ValidationError> {
    let letters: String = input
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.len() != 16 {
        return Err(ValidationError::new("receipt", "error-receipt"));
    }
    Ok(letters
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(for_: i64, against: i64, abstain: i64, eligible: i64) -> Tally {
        Tally {
            for_,
            against,
            abstain,
            eligible,
        }
    }

    /// The statutes' arithmetic, case by case: (rule, abstentions counted,
    /// for, against, abstain, eligible, adopted).
    #[test]
    fn majorities_are_decided_as_the_statutes_say() {
        use MajorityRule::*;
        let table: [(MajorityRule, bool, i64, i64, i64, i64, bool); 16] = [
            // Two thirds of 33 votes cast is 22.
            (TwoThirds, false, 21, 12, 0, 40, false),
            (TwoThirds, false, 22, 11, 0, 40, true),
            // Abstentions counted as cast raise the bar.
            (TwoThirds, true, 22, 8, 3, 40, true),
            (TwoThirds, true, 22, 9, 3, 40, false),
            (TwoThirds, false, 22, 9, 3, 40, true),
            // Simple majority: a tie rejects.
            (Simple, false, 10, 10, 0, 30, false),
            (Simple, false, 11, 10, 5, 30, true),
            (Simple, true, 11, 10, 5, 30, false),
            (Simple, false, 0, 0, 7, 30, false),
            // Absolute: more than half of those present or represented.
            (Absolute, false, 15, 0, 0, 30, false),
            (Absolute, false, 16, 0, 0, 30, true),
            (Absolute, true, 16, 10, 4, 30, true),
            (Absolute, false, 15, 2, 13, 30, false),
            // Nobody present counts as the voters themselves.
            (Absolute, false, 2, 1, 0, 0, true),
            (TwoThirds, false, 0, 0, 0, 0, false),
            (Simple, true, 1, 0, 0, 1, true),
        ];
        for (rule, abstentions, f, a, s, eligible, adopted) in table {
            let outcome = decide(rule, &tally(f, a, s, eligible), abstentions);
            assert_eq!(
                outcome == Outcome::Adopted,
                adopted,
                "{rule:?} abstentions counted {abstentions}: {f} for, {a} against, {s} abstain of {eligible}"
            );
        }
    }

    #[test]
    fn a_ballot_opens_and_closes_by_the_chair_or_by_its_window() {
        let resolution = |opens: Option<i64>, closes: Option<i64>| Resolution {
            text: String::new(),
            majority: MajorityRule::Simple,
            ballot: BallotKind::Secret,
            opens_at: opens.map(Timestamp),
            closes_at: closes.map(Timestamp),
            opened_at: None,
            closed: None,
        };
        let consultation = resolution(Some(100), Some(200));
        assert_eq!(consultation.state(Timestamp(99)), BallotState::Waiting);
        assert_eq!(consultation.state(Timestamp(100)), BallotState::Open);
        assert_eq!(consultation.state(Timestamp(200)), BallotState::Closed);
        let mut chaired = resolution(None, None);
        assert_eq!(chaired.state(Timestamp(5)), BallotState::Waiting);
        chaired.opened_at = Some(Timestamp(5));
        assert_eq!(chaired.state(Timestamp(6)), BallotState::Open);
        chaired.closed = Some((Timestamp(7), Tally::default()));
        assert_eq!(chaired.state(Timestamp(8)), BallotState::Closed);
    }

    #[test]
    fn a_receipt_reads_back_however_it_is_typed() {
        let code = receipt_code();
        assert_eq!(code.len(), 19);
        assert_eq!(normalise_receipt(&code).unwrap(), code);
        assert_eq!(
            normalise_receipt(&code.to_lowercase().replace('-', " ")).unwrap(),
            code
        );
        assert!(normalise_receipt("ABC").is_err());
    }
}
