//! Bodies, such as the bureau, the board or the steering committee, and the
//! mandates of those who sit in them: who holds which seat, from when to
//! when. Ended mandates stay, so that the governance page tells its history.

use crate::accounts::account::AccountId;
use crate::kernel::date::Date;
use crate::kernel::validation::{ValidationError, keep, label};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BodyId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MandateId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Bureau,
    Board,
    SteeringCommittee,
    Other,
}

impl BodyKind {
    pub const ALL: [Self; 4] = [
        Self::Bureau,
        Self::Board,
        Self::SteeringCommittee,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bureau => "bureau",
            Self::Board => "board",
            Self::SteeringCommittee => "steering_committee",
            Self::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == input.trim())
            .ok_or(ValidationError::new("kind", "error-body-kind"))
    }

    pub fn label_key(self) -> String {
        format!("body-kind-{}", self.as_str().replace('_', "-"))
    }
}

/// The seat a mandate holds in its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seat {
    President,
    VicePresident,
    Secretary,
    Treasurer,
    Member,
}

impl Seat {
    /// In the order a governance page lists them.
    pub const ALL: [Self; 5] = [
        Self::President,
        Self::VicePresident,
        Self::Secretary,
        Self::Treasurer,
        Self::Member,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::President => "president",
            Self::VicePresident => "vice_president",
            Self::Secretary => "secretary",
            Self::Treasurer => "treasurer",
            Self::Member => "member",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|seat| seat.as_str() == input.trim())
            .ok_or(ValidationError::new("seat", "error-mandate-seat"))
    }

    pub fn label_key(self) -> String {
        format!("seat-{}", self.as_str().replace('_', "-"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyFields {
    pub name: String,
    pub kind: BodyKind,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub id: BodyId,
    pub fields: BodyFields,
    /// Current mandates first by seat, then the ended ones, latest first.
    pub mandates: Vec<Mandate>,
}

impl Body {
    pub fn current(&self, today: Date) -> impl Iterator<Item = &Mandate> {
        self.mandates.iter().filter(move |m| m.is_current(today))
    }

    pub fn past(&self, today: Date) -> impl Iterator<Item = &Mandate> {
        self.mandates.iter().filter(move |m| m.has_ended(today))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mandate {
    pub id: MandateId,
    pub body: BodyId,
    pub account: AccountId,
    pub name: String,
    pub seat: Seat,
    pub starts_on: Date,
    /// The last day of the mandate, when it is known.
    pub ends_on: Option<Date>,
}

impl Mandate {
    pub fn is_current(&self, today: Date) -> bool {
        self.starts_on <= today && !self.has_ended(today)
    }

    pub fn has_ended(&self, today: Date) -> bool {
        self.ends_on.is_some_and(|ends| ends < today)
    }
}

/// A body's form, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct BodyInput {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub description: String,
}

impl BodyInput {
    pub fn of(fields: &BodyFields) -> Self {
        Self {
            name: fields.name.clone(),
            kind: fields.kind.as_str().to_owned(),
            description: fields.description.clone(),
        }
    }

    pub fn parse(&self) -> Result<BodyFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = keep(
            &mut errors,
            label(
                &self.name,
                2,
                120,
                ValidationError::new("name", "error-body-name"),
            ),
        );
        let kind = keep(&mut errors, BodyKind::parse(&self.kind));
        let description = keep(
            &mut errors,
            crate::register::people::text(&self.description, 5_000, "description"),
        );
        match (name, kind, description) {
            (Some(name), Some(kind), Some(description)) => Ok(BodyFields {
                name,
                kind,
                description,
            }),
            _ => Err(errors),
        }
    }
}

/// A mandate's form: the person by their email address, the seat, and
/// the days it runs.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MandateInput {
    pub email: String,
    pub seat: String,
    pub starts_on: String,
    #[serde(default)]
    pub ends_on: String,
}

/// A mandate as parsed, the person still to be found by their address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandateFields {
    pub email: crate::kernel::email::EmailAddress,
    pub seat: Seat,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}

impl MandateInput {
    pub fn parse(&self) -> Result<MandateFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let email = keep(
            &mut errors,
            crate::kernel::email::EmailAddress::parse(&self.email),
        );
        let seat = keep(&mut errors, Seat::parse(&self.seat));
        let starts_on = keep(
            &mut errors,
            Date::parse(&self.starts_on)
                .map_err(|_| ValidationError::new("starts_on", "error-mandate-date")),
        );
        let ends_on = if self.ends_on.trim().is_empty() {
            Some(None)
        } else {
            keep(
                &mut errors,
                Date::parse(&self.ends_on)
                    .map(Some)
                    .map_err(|_| ValidationError::new("ends_on", "error-mandate-date")),
            )
        };
        if let (Some(starts), Some(Some(ends))) = (starts_on, ends_on)
            && ends < starts
        {
            errors.push(ValidationError::new("ends_on", "error-mandate-ends-before"));
        }
        match (email, seat, starts_on, ends_on) {
            (Some(email), Some(seat), Some(starts_on), Some(ends_on)) if errors.is_empty() => {
                Ok(MandateFields {
                    email,
                    seat,
                    starts_on,
                    ends_on,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mandate(starts: &str, ends: Option<&str>) -> Mandate {
        Mandate {
            id: MandateId(1),
            body: BodyId(1),
            account: AccountId(1),
            name: "Ada".to_owned(),
            seat: Seat::President,
            starts_on: Date::parse(starts).unwrap(),
            ends_on: ends.map(|e| Date::parse(e).unwrap()),
        }
    }

    #[test]
    fn a_mandate_is_current_from_its_first_to_its_last_day() {
        let day = |d| Date::parse(d).unwrap();
        let m = mandate("2025-06-01", Some("2027-05-31"));
        assert!(!m.is_current(day("2025-05-31")));
        assert!(m.is_current(day("2025-06-01")));
        assert!(m.is_current(day("2027-05-31")));
        assert!(!m.is_current(day("2027-06-01")));
        assert!(m.has_ended(day("2027-06-01")));
        assert!(mandate("2020-01-01", None).is_current(day("2040-01-01")));
    }

    #[test]
    fn a_mandate_form_refuses_each_bad_field() {
        let errors = MandateInput {
            email: "nobody".into(),
            seat: "emperor".into(),
            starts_on: "2026-05-01".into(),
            ends_on: "2026-04-01".into(),
        }
        .parse()
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["email", "seat", "ends_on"]);
    }
}
