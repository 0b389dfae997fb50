//! Writing the members file: one CSV line a person, with their membership's
//! current period and standing, in columns that [`crate::register::import`] reads
//! back.

use crate::kernel::association::Language;
use crate::kernel::date::Date;
use crate::kernel::i18n;
use crate::register::dues::{Membership, Period};
use crate::register::store::ExportedMember;

/// The first characters that make a spreadsheet read a cell as a formula.
/// A cell starting with one is written after a single quote, so that opening
/// the export runs nothing that a member typed into their profile.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The header of the export, each name one that the importer maps back.
const HEADER: [&str; 13] = [
    "email",
    "name",
    "language",
    "job_title",
    "organisation",
    "plan",
    "status",
    "period_start",
    "period_end",
    "amount_due",
    "amount_paid",
    "in_good_standing",
    "standing",
];

/// `members` as UTF-8 CSV separated by commas, their standing on `today`
/// told in `language`.
pub fn members_csv(members: &[ExportedMember], today: Date, language: Language) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    write(&mut writer, HEADER.map(String::from));
    for member in members {
        let person = [
            member.email.to_string(),
            member.display_name.as_str().to_owned(),
            member.language.code().to_owned(),
            member.job_title.clone(),
            member.organisation.clone().unwrap_or_default(),
        ];
        let membership = match &member.membership {
            Some(membership) => dues(membership, today, language),
            None => no_dues(member.display_name.as_str(), language),
        };
        write(&mut writer, [person.as_slice(), &membership].concat());
    }
    let bytes = writer
        .into_inner()
        .expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("every cell is a Rust string, so valid UTF-8")
}

/// The membership columns: plan, status, the period that covers `today`
/// (else the latest), what is due and paid for it, and the standing.
fn dues(membership: &Membership, today: Date, language: Language) -> [String; 8] {
    let period: Option<&Period> = membership
        .periods
        .iter()
        .find(|p| p.starts_on <= today && today <= p.ends_on)
        .or(membership.periods.last());
    let standing = membership.standing(today);
    [
        membership.plan_name.clone(),
        membership.status.as_str().to_owned(),
        period.map_or_else(String::new, |p| p.starts_on.to_string()),
        period.map_or_else(String::new, |p| p.ends_on.to_string()),
        period.map_or_else(String::new, |p| p.amount_due.plain()),
        period.map_or_else(String::new, |p| membership.paid_for(p.id).plain()),
        if standing.is_good() { "yes" } else { "no" }.to_owned(),
        standing.reason(&membership.holder_name, language),
    ]
}

/// The membership columns of a person who has none, even through their
/// organisation.
fn no_dues(holder: &str, language: Language) -> [String; 8] {
    let mut cells: [String; 8] = Default::default();
    cells[6] = "no".to_owned();
    cells[7] = i18n::text_with(language, "standing-none", &[("holder", holder)]);
    cells
}

fn write(writer: &mut csv::Writer<Vec<u8>>, cells: impl IntoIterator<Item = String>) {
    writer
        .write_record(cells.into_iter().map(|cell| neutralise(&cell)))
        .expect("writing to memory does not fail");
}

/// `cell`, after a single quote when it starts like a formula.
pub(crate) fn neutralise(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::account::{AccountId, DisplayName};
    use crate::kernel::date::{Amount, Currency};
    use crate::kernel::email::EmailAddress;
    use crate::kernel::time::Timestamp;
    use crate::register::dues::{
        Holder, MembershipId, MembershipStatus, Payment, PaymentId, PaymentMethod, PeriodId, PlanId,
    };
    use crate::register::import::parse_members;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn person(email: &str, name: &str, job_title: &str) -> ExportedMember {
        ExportedMember {
            email: EmailAddress::parse(email).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            language: Language::Fr,
            job_title: job_title.to_owned(),
            organisation: None,
            membership: None,
        }
    }

    /// A yearly membership of 2026, 30.00 due, of which `paid` is paid.
    fn membership(holder_name: &str, paid: i64) -> Membership {
        let period = Period {
            id: PeriodId(1),
            starts_on: day("2026-01-01"),
            ends_on: day("2026-12-31"),
            amount_due: Amount(3000),
        };
        Membership {
            id: MembershipId(1),
            holder: Holder::Person(AccountId(1)),
            holder_name: holder_name.to_owned(),
            plan: PlanId(1),
            plan_name: "Adhésion individuelle".to_owned(),
            currency: Currency::parse("EUR").unwrap(),
            status: MembershipStatus::Active,
            created_at: Timestamp(0),
            periods: vec![period],
            payments: (paid > 0)
                .then(|| Payment {
                    id: PaymentId(1),
                    period: PeriodId(1),
                    amount: Amount(paid),
                    paid_on: day("2026-01-15"),
                    method: PaymentMethod::Cheque,
                    reference: String::new(),
                    recorded_by: None,
                    recorded_at: Timestamp(0),
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn neutralises_cells_that_a_spreadsheet_would_run() {
        let check = |cell: &str, expected: &str| assert_eq!(neutralise(cell), expected);
        check("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")");
        check("+33 6 12 34 56 78", "'+33 6 12 34 56 78");
        check("-2+3", "'-2+3");
        check("@SUM(A1)", "'@SUM(A1)");
        check("\tcmd", "'\tcmd");
        check("\rcmd", "'\rcmd");
        check("Chargée de mission", "Chargée de mission");
        check("a=b", "a=b");
        check("", "");
    }

    #[test]
    fn writes_one_line_a_person_with_the_standing_of_their_membership() {
        let mut ana = person("ana@example.org", "Ana Martin", "=HYPERLINK(\"x\")");
        ana.organisation = Some("Musée de Bretagne, Rennes".to_owned());
        ana.membership = Some(membership("Ana Martin", 3000));
        let mut bob = person("bob@example.org", "Bob Leroy", "");
        bob.language = Language::En;
        bob.membership = Some(membership("Bob Leroy", 1000));
        let csv = members_csv(
            &[ana, bob, person("cy@example.org", "Cy", "Trésorier")],
            day("2026-06-01"),
            Language::En,
        );
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines,
            [
                "email,name,language,job_title,organisation,plan,status,period_start,\
                 period_end,amount_due,amount_paid,in_good_standing,standing",
                "ana@example.org,Ana Martin,fr,\"'=HYPERLINK(\"\"x\"\")\",\
                 \"Musée de Bretagne, Rennes\",Adhésion individuelle,active,2026-01-01,\
                 2026-12-31,30.00,30.00,yes,Ana Martin's dues are paid until 31 December 2026.",
                "bob@example.org,Bob Leroy,en,,,Adhésion individuelle,active,2026-01-01,\
                 2026-12-31,30.00,10.00,no,Bob Leroy's 2026 dues are unpaid since 1 January 2026.",
                "cy@example.org,Cy,fr,Trésorier,,,,,,,,no,\
                 Cy holds no membership and is affiliated to no member organisation.",
                "",
            ]
        );
    }

    #[test]
    fn an_export_imports_back_as_it_was() {
        let mut ana = person("ana@example.org", "Ana Martin", "=HYPERLINK(\"x\")");
        ana.organisation = Some("Musée de Bretagne".to_owned());
        ana.membership = Some(membership("Ana Martin", 3000));
        let csv = members_csv(
            &[ana, person("cy@example.org", "Cy", "-")],
            day("2026-06-01"),
            Language::Fr,
        );

        let imported = parse_members(&csv).unwrap();

        assert_eq!(imported.len(), 2);
        let (ana, cy) = (&imported[0], &imported[1]);
        assert_eq!(ana.email.as_str(), "ana@example.org");
        assert_eq!(ana.display_name.as_str(), "Ana Martin");
        assert_eq!(ana.language, Language::Fr);
        assert_eq!(ana.job_title, "=HYPERLINK(\"x\")");
        assert_eq!(
            ana.organisation.as_ref().map(|o| o.as_str()),
            Some("Musée de Bretagne")
        );
        let membership = ana.membership.as_ref().unwrap();
        assert_eq!(membership.plan.as_str(), "Adhésion individuelle");
        assert_eq!(membership.status, MembershipStatus::Active);
        assert_eq!(membership.period.starts_on, day("2026-01-01"));
        assert_eq!(membership.period.ends_on, day("2026-12-31"));
        assert_eq!(membership.period.amount_due, Amount(3000));
        let payment = membership.payment.as_ref().unwrap();
        assert_eq!(payment.amount, Amount(3000));
        assert_eq!(cy.job_title, "-");
        assert!(cy.membership.is_none());
    }
}
