//! Plans, memberships, dues payments, and the two questions every later
//! rule asks: is this membership in good standing, and is this person an
//! adherent? Both answers are computed from dated facts, never set by hand,
//! and come with their reason in words.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::accounts::account::AccountId;
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Currency, Date};
use crate::kernel::i18n::text_with;
use crate::kernel::time::Timestamp;
use crate::kernel::validation::{ValidationError, keep, label};
use crate::register::people::OrganisationId;

/// Who may hold a membership, set by the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MembershipPolicy {
    /// InnerSource Commons: "only individuals, not companies".
    IndividualsOnly,
    /// ADN Ouest: member companies, their staff affiliated to them.
    OrganisationsOnly,
    #[default]
    Both,
}

impl MembershipPolicy {
    pub const ALL: [Self; 3] = [Self::IndividualsOnly, Self::OrganisationsOnly, Self::Both];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::IndividualsOnly => "individuals_only",
            Self::OrganisationsOnly => "organisations_only",
            Self::Both => "both",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|policy| policy.as_str() == input.trim())
            .ok_or(ValidationError::new("policy", "error-membership-policy"))
    }

    pub fn allows(self, holder: HolderKind) -> bool {
        matches!(
            (self, holder),
            (Self::Both, _)
                | (Self::IndividualsOnly, HolderKind::Person)
                | (Self::OrganisationsOnly, HolderKind::Organisation)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PlanId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BillingPeriod {
    Yearly,
    Monthly,
}

impl BillingPeriod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yearly => "yearly",
            Self::Monthly => "monthly",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input.trim() {
            "yearly" => Ok(Self::Yearly),
            "monthly" => Ok(Self::Monthly),
            _ => Err(ValidationError::new("period", "error-billing-period")),
        }
    }

    pub fn months(self) -> u32 {
        match self {
            Self::Yearly => 12,
            Self::Monthly => 1,
        }
    }
}

/// Whether a plan is held by a person or by an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderKind {
    Person,
    Organisation,
}

impl HolderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Organisation => "organisation",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        match input.trim() {
            "person" => Ok(Self::Person),
            "organisation" => Ok(Self::Organisation),
            _ => Err(ValidationError::new("holder", "error-holder-kind")),
        }
    }
}

/// The price from organisations of `min_size` people upwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceBand {
    pub min_size: u32,
    pub amount: Amount,
}

/// A tier of membership, as in seed 003: what it costs and what it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub id: PlanId,
    pub fields: PlanFields,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFields {
    pub name: PlanName,
    pub period: BillingPeriod,
    pub holder: HolderKind,
    pub currency: Currency,
    /// Sorted by size; the first band starts at 0.
    pub prices: Vec<PriceBand>,
    pub services: Vec<String>,
    /// Whether its holders vote in general assemblies: supporting or
    /// honorary members may be on the roll without a vote.
    pub votes: bool,
}

impl PlanFields {
    /// The dues of one period for a holder of `size` people (organisations)
    /// or for a person (`None`).
    pub fn price_for(&self, size: Option<u32>) -> Amount {
        let size = size.unwrap_or(0);
        self.prices
            .iter()
            .rev()
            .find(|band| band.min_size <= size)
            .or(self.prices.first())
            .map_or(Amount(0), |band| band.amount)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanName(String);

impl PlanName {
    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        label(
            input,
            1,
            80,
            ValidationError::new("name", "error-plan-name"),
        )
        .map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The plan form as sent. `prices` is one amount (`30` or `30,00`), or size
/// bands `0:500; 50:1200` for organisations; `services` is one per line.
/// `non_voting` is a checkbox, present when ticked: a form that leaves it
/// out makes a plan whose holders vote, as every plan did before.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PlanInput {
    pub name: String,
    pub period: String,
    pub holder: String,
    pub currency: String,
    pub prices: String,
    #[serde(default)]
    pub services: String,
    #[serde(default)]
    pub non_voting: Option<String>,
}

impl PlanInput {
    pub fn parse(&self) -> Result<PlanFields, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let name = keep(&mut errors, PlanName::parse(&self.name));
        let period = keep(&mut errors, BillingPeriod::parse(&self.period));
        let holder = keep(&mut errors, HolderKind::parse(&self.holder));
        let currency = keep(&mut errors, Currency::parse(&self.currency));
        let prices = keep(&mut errors, parse_prices(&self.prices));
        let services: Vec<String> = self
            .services
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        if services.len() > 30 || services.iter().any(|s| s.chars().count() > 200) {
            errors.push(ValidationError::new("services", "error-services"));
        }
        match (name, period, holder, currency, prices) {
            (Some(name), Some(period), Some(holder), Some(currency), Some(prices))
                if errors.is_empty() =>
            {
                if holder == HolderKind::Person && prices.len() > 1 {
                    return Err(vec![ValidationError::new("prices", "error-prices-person")]);
                }
                Ok(PlanFields {
                    name,
                    period,
                    holder,
                    currency,
                    prices,
                    services,
                    votes: self.non_voting.as_deref().is_none_or(str::is_empty),
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_prices(input: &str) -> Result<Vec<PriceBand>, ValidationError> {
    let invalid = || ValidationError::new("prices", "error-prices");
    if !input.contains(':') {
        return Amount::parse(input)
            .map(|amount| {
                vec![PriceBand {
                    min_size: 0,
                    amount,
                }]
            })
            .map_err(|_| invalid());
    }
    let mut bands = Vec::new();
    for band in input.split(';').map(str::trim).filter(|b| !b.is_empty()) {
        let (size, amount) = band.split_once(':').ok_or_else(invalid)?;
        let min_size = size.trim().parse::<u32>().map_err(|_| invalid())?;
        let amount = Amount::parse(amount).map_err(|_| invalid())?;
        bands.push(PriceBand { min_size, amount });
    }
    bands.sort_by_key(|band| band.min_size);
    let distinct = bands
        .windows(2)
        .all(|pair| pair[0].min_size < pair[1].min_size);
    if bands.first().is_some_and(|band| band.min_size == 0) && distinct && bands.len() <= 10 {
        Ok(bands)
    } else {
        Err(invalid())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MembershipId(pub i64);

impl fmt::Display for MembershipId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Holder {
    Person(AccountId),
    Organisation(OrganisationId),
}

impl Holder {
    pub fn kind(self) -> HolderKind {
        match self {
            Self::Person(_) => HolderKind::Person,
            Self::Organisation(_) => HolderKind::Organisation,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MembershipStatus {
    /// Applied, waiting for the bureau.
    Applicant,
    Active,
    /// Not renewed; set when the renewal notices have run out.
    Lapsed,
    Resigned,
    Excluded,
}

impl MembershipStatus {
    pub const ALL: [Self; 5] = [
        Self::Applicant,
        Self::Active,
        Self::Lapsed,
        Self::Resigned,
        Self::Excluded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applicant => "applicant",
            Self::Active => "active",
            Self::Lapsed => "lapsed",
            Self::Resigned => "resigned",
            Self::Excluded => "excluded",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == input.trim())
            .ok_or(ValidationError::new("status", "error-membership-status"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodId(pub i64);

/// A stretch of time the dues cover, both ends included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub id: PeriodId,
    pub starts_on: Date,
    pub ends_on: Date,
    pub amount_due: Amount,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Transfer,
    Card,
    Cheque,
    Cash,
    DirectDebit,
    Other,
}

impl PaymentMethod {
    pub const ALL: [Self; 6] = [
        Self::Transfer,
        Self::Card,
        Self::Cheque,
        Self::Cash,
        Self::DirectDebit,
        Self::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Transfer => "transfer",
            Self::Card => "card",
            Self::Cheque => "cheque",
            Self::Cash => "cash",
            Self::DirectDebit => "direct_debit",
            Self::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .into_iter()
            .find(|method| method.as_str() == input.trim())
            .ok_or(ValidationError::new("method", "error-payment-method"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PaymentId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: PaymentId,
    pub period: PeriodId,
    pub amount: Amount,
    pub paid_on: Date,
    pub method: PaymentMethod,
    pub reference: String,
    pub recorded_by: Option<AccountId>,
    pub recorded_at: Timestamp,
}

/// A membership with every fact its standing depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub id: MembershipId,
    pub holder: Holder,
    pub holder_name: String,
    pub plan: PlanId,
    pub plan_name: String,
    pub currency: Currency,
    pub status: MembershipStatus,
    pub created_at: Timestamp,
    /// Oldest first.
    pub periods: Vec<Period>,
    pub payments: Vec<Payment>,
}

impl Membership {
    pub fn paid_for(&self, period: PeriodId) -> Amount {
        Amount(
            self.payments
                .iter()
                .filter(|p| p.period == period)
                .map(|p| p.amount.0)
                .sum(),
        )
    }

    pub fn is_paid(&self, period: &Period) -> bool {
        self.paid_for(period.id) >= period.amount_due
    }

    /// Good standing on `today`, with its reason.
    pub fn standing(&self, today: Date) -> Standing {
        if self.status != MembershipStatus::Active {
            return Standing::NotActive(self.status);
        }
        let current = self
            .periods
            .iter()
            .find(|p| p.starts_on <= today && today <= p.ends_on);
        match current {
            Some(period) if self.is_paid(period) => Standing::Good {
                until: self.paid_until(period),
            },
            Some(period) => Standing::Unpaid {
                year: period.starts_on.year(),
                since: period.starts_on,
            },
            None => match self
                .periods
                .iter()
                .filter(|p| p.ends_on < today)
                .map(|p| p.ends_on)
                .max()
            {
                Some(ended) => Standing::Ended { on: ended },
                None => Standing::NotStarted,
            },
        }
    }

    /// The end of the run of paid periods that starts with `period`.
    fn paid_until(&self, period: &Period) -> Date {
        let mut until = period.ends_on;
        while let Some(next) = self
            .periods
            .iter()
            .find(|p| p.starts_on == until.plus_days(1) && self.is_paid(p))
        {
            until = next.ends_on;
        }
        until
    }

    /// The period that follows the last one, priced by `plan` for a holder
    /// of `size` people.
    pub fn next_period(
        &self,
        plan: &PlanFields,
        size: Option<u32>,
        today: Date,
    ) -> (Date, Date, Amount) {
        let starts_on = self
            .periods
            .iter()
            .map(|p| p.ends_on.plus_days(1))
            .max()
            .unwrap_or(today);
        let ends_on = starts_on.plus_months(plan.period.months()).plus_days(-1);
        (starts_on, ends_on, plan.price_for(size))
    }
}

/// Where a membership stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Good { until: Date },
    Unpaid { year: i64, since: Date },
    Ended { on: Date },
    NotStarted,
    NotActive(MembershipStatus),
}

impl Standing {
    pub fn is_good(self) -> bool {
        matches!(self, Self::Good { .. })
    }

    /// "Acme's 2026 dues are unpaid since 1 March 2026", in `language`.
    pub fn reason(self, holder: &str, language: Language) -> String {
        let (key, date, year) = match self {
            Self::Good { until } => ("standing-good", Some(until), None),
            Self::Unpaid { year, since } => ("standing-unpaid", Some(since), Some(year)),
            Self::Ended { on } => ("standing-ended", Some(on), None),
            Self::NotStarted => ("standing-not-started", None, None),
            Self::NotActive(status) => {
                let key = match status {
                    MembershipStatus::Applicant => "standing-applicant",
                    MembershipStatus::Lapsed => "standing-lapsed",
                    MembershipStatus::Resigned => "standing-resigned",
                    MembershipStatus::Excluded => "standing-excluded",
                    MembershipStatus::Active => "standing-not-started",
                };
                (key, None, None)
            }
        };
        let date = date.map(|d| d.long(language)).unwrap_or_default();
        let year = year.map(|y| y.to_string()).unwrap_or_default();
        text_with(
            language,
            key,
            &[("holder", holder), ("date", &date), ("year", &year)],
        )
    }
}

/// Whether a person is an adherent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adherence {
    pub adherent: bool,
    pub reason: String,
}

/// A person is an adherent when they hold an active membership in good
/// standing, or are affiliated to an organisation that does. When they are
/// not, the reason names the membership that came closest.
pub fn adherence(
    person: &str,
    own: &[Membership],
    through: &[Membership],
    today: Date,
    language: Language,
) -> Adherence {
    let all = || own.iter().chain(through);
    if let Some(good) = all().find(|m| m.standing(today).is_good()) {
        return Adherence {
            adherent: true,
            reason: good.standing(today).reason(&good.holder_name, language),
        };
    }
    // Prefer the most telling refusal: unpaid dues, then an ended period,
    // then a status.
    let rank = |standing: Standing| match standing {
        Standing::Unpaid { .. } => 0,
        Standing::Ended { .. } => 1,
        Standing::NotActive(MembershipStatus::Excluded) => 2,
        Standing::NotActive(_) => 3,
        Standing::NotStarted | Standing::Good { .. } => 4,
    };
    match all().min_by_key(|m| rank(m.standing(today))) {
        Some(closest) => Adherence {
            adherent: false,
            reason: closest
                .standing(today)
                .reason(&closest.holder_name, language),
        },
        None => Adherence {
            adherent: false,
            reason: text_with(language, "standing-none", &[("holder", person)]),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn membership(
        holder: &str,
        status: MembershipStatus,
        periods: &[(&str, &str, i64, i64)],
    ) -> Membership {
        let mut payments = Vec::new();
        let periods = periods
            .iter()
            .enumerate()
            .map(|(i, (start, end, due, paid))| {
                let id = PeriodId(i as i64);
                if *paid > 0 {
                    payments.push(Payment {
                        id: PaymentId(i as i64),
                        period: id,
                        amount: Amount(*paid),
                        paid_on: date(start),
                        method: PaymentMethod::Transfer,
                        reference: String::new(),
                        recorded_by: None,
                        recorded_at: Timestamp(0),
                    });
                }
                Period {
                    id,
                    starts_on: date(start),
                    ends_on: date(end),
                    amount_due: Amount(*due),
                }
            })
            .collect();
        Membership {
            id: MembershipId(1),
            holder: Holder::Organisation(OrganisationId(1)),
            holder_name: holder.to_owned(),
            plan: PlanId(1),
            plan_name: "Entreprise".to_owned(),
            currency: Currency::parse("EUR").unwrap(),
            status,
            created_at: Timestamp(0),
            periods,
            payments,
        }
    }

    fn check(m: &Membership, today: &str, expected: &str) {
        assert_eq!(
            m.standing(date(today)).reason(&m.holder_name, Language::En),
            expected,
            "{today}"
        );
    }

    #[test]
    fn standing_follows_the_dated_facts() {
        use MembershipStatus::*;
        let acme = membership(
            "Acme",
            Active,
            &[
                ("2025-03-01", "2026-02-28", 50_000, 50_000),
                ("2026-03-01", "2027-02-28", 50_000, 20_000),
            ],
        );
        check(
            &acme,
            "2025-12-01",
            "Acme's dues are paid until 28 February 2026.",
        );
        check(
            &acme,
            "2026-03-02",
            "Acme's 2026 dues are unpaid since 1 March 2026.",
        );
        check(
            &acme,
            "2027-03-01",
            "Acme's membership ended on 28 February 2027.",
        );
        check(
            &acme,
            "2025-01-01",
            "Acme's membership has not started yet.",
        );
        let free = membership("Rozenn", Active, &[("2026-01-01", "2026-12-31", 0, 0)]);
        check(
            &free,
            "2026-06-01",
            "Rozenn's dues are paid until 31 December 2026.",
        );
        let chained = membership(
            "Yann",
            Active,
            &[
                ("2026-01-01", "2026-01-31", 500, 500),
                ("2026-02-01", "2026-02-28", 500, 500),
            ],
        );
        check(
            &chained,
            "2026-01-15",
            "Yann's dues are paid until 28 February 2026.",
        );
        let gone = membership("Maëlle", Resigned, &[("2026-01-01", "2026-12-31", 0, 0)]);
        check(&gone, "2026-06-01", "Maëlle has resigned.");
        let out = membership("Tomás", Excluded, &[]);
        check(&out, "2026-06-01", "Tomás was excluded.");
    }

    #[test]
    fn adherence_through_own_or_organisation_membership() {
        use MembershipStatus::*;
        let today = date("2026-06-01");
        let paid = membership("Acme", Active, &[("2026-01-01", "2026-12-31", 100, 100)]);
        let unpaid = membership("Acme", Active, &[("2026-03-01", "2027-02-28", 100, 0)]);
        let resigned = membership("Priya", Resigned, &[]);
        let check = |own: &[Membership], through: &[Membership], adherent: bool, reason: &str| {
            let answer = adherence("Priya", own, through, today, Language::Fr);
            assert_eq!(
                (answer.adherent, answer.reason.as_str()),
                (adherent, reason)
            );
        };
        check(
            &[],
            std::slice::from_ref(&paid),
            true,
            "Les cotisations de Acme sont à jour jusqu'au 31 décembre 2026.",
        );
        check(
            std::slice::from_ref(&resigned),
            std::slice::from_ref(&unpaid),
            false,
            "Les cotisations 2026 de Acme sont impayées depuis le 1er mars 2026.",
        );
        check(&[resigned], &[], false, "Priya a démissionné.");
        check(
            &[],
            &[],
            false,
            "Priya n'a pas d'adhésion et n'est rattaché·e à aucune organisation adhérente.",
        );
    }

    fn check_price(prices: &str, size: Option<u32>, expected: Option<i64>) {
        let input = PlanInput {
            name: "Entreprise".into(),
            period: "yearly".into(),
            holder: "organisation".into(),
            currency: "eur".into(),
            prices: prices.into(),
            services: "Communautés\nÉvénements".into(),
            non_voting: None,
        };
        let parsed = input.parse().ok();
        assert_eq!(
            parsed.map(|p| p.price_for(size).0),
            expected,
            "{prices} for {size:?}"
        );
    }

    #[test]
    fn prices_by_organisation_size() {
        check_price("500", Some(10), Some(50_000));
        check_price("0:500; 50:1200; 250:3000", Some(49), Some(50_000));
        check_price("0:500; 50:1200; 250:3000", Some(50), Some(120_000));
        check_price("250:3000; 0:500", Some(1000), Some(300_000));
        check_price("0", None, Some(0));
        check_price("10:500", Some(20), None);
        check_price("0:500; 0:600", Some(1), None);
        check_price("0:abc", Some(1), None);
    }

    #[test]
    fn a_plan_votes_unless_its_form_ticks_non_voting() {
        let votes = |non_voting: Option<&str>| {
            PlanInput {
                name: "Soutien".into(),
                period: "yearly".into(),
                holder: "person".into(),
                currency: "EUR".into(),
                prices: "10".into(),
                services: String::new(),
                non_voting: non_voting.map(str::to_owned),
            }
            .parse()
            .unwrap()
            .votes
        };
        assert!(votes(None));
        assert!(votes(Some("")));
        assert!(!votes(Some("on")));
    }

    #[test]
    fn next_periods_follow_the_last() {
        let m = membership(
            "Acme",
            MembershipStatus::Active,
            &[("2026-03-01", "2027-02-28", 100, 100)],
        );
        let plan = PlanInput {
            name: "Mensuel".into(),
            period: "monthly".into(),
            holder: "person".into(),
            currency: "EUR".into(),
            prices: "5".into(),
            services: String::new(),
            non_voting: None,
        }
        .parse()
        .unwrap();
        let (start, end, due) = m.next_period(&plan, None, date("2026-06-01"));
        assert_eq!(
            (start.to_string(), end.to_string(), due.0),
            ("2027-03-01".into(), "2027-03-31".into(), 500)
        );
    }
}
