//! Reading a members file: a CSV export of Cercle, Galette or HelloAsso,
//! turned into checked [`ImportedMember`] rows for [`Store::import_members`].
//!
//! Columns are recognised by their header, whatever its case and accents,
//! through the aliases of [`COLUMNS`]; `docs/import.md` lists them. The
//! first row that does not hold stops the parse, so that an administrator
//! fixes the file and imports it whole rather than half of it.
//!
//! [`Store::import_members`]: crate::store::Store::import_members

use std::collections::HashMap;

use crate::accounts::account::DisplayName;
use crate::kernel::association::Language;
use crate::kernel::date::{Amount, Date};
use crate::kernel::email::EmailAddress;
use crate::kernel::i18n;
use crate::kernel::validation::ValidationError;
use crate::register::dues::{MembershipStatus, PaymentMethod, PlanName};
use crate::register::people::OrganisationName;
use crate::register::store::ImportRefusal;
use crate::register::store::ImportedMember;
use crate::register::store::ImportedMembership;
use crate::register::store::ImportedPayment;
use crate::register::store::NewPeriod;

/// The text of a file as saved: UTF-8 (its byte order mark dropped) when it
/// is valid UTF-8, else Windows-1252, the superset of Latin-1 that French
/// spreadsheets and older Galette instances write.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    }
}

/// Every member of a CSV file whose first line names the columns, or the
/// first row that is wrong and why. Rows are counted as in the file, the
/// header being row 1; empty rows are skipped.
pub fn parse_members(text: &str) -> Result<Vec<ImportedMember>, ImportRefusal> {
    parse_members_with(text, |_| ())
}

/// [`parse_members`], telling `progress` the number of each row read so
/// that a caller can show how far it has got.
pub fn parse_members_with(
    text: &str,
    mut progress: impl FnMut(usize),
) -> Result<Vec<ImportedMember>, ImportRefusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| unreadable(text, &error))?
        .clone();
    let columns = Columns::of(&headers)?;
    let mut first_row_of: HashMap<EmailAddress, usize> = HashMap::new();
    let mut members = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| unreadable(text, &error))?;
        let row = record
            .position()
            .map_or(0, |position| row_number(text, position));
        progress(row);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let member = columns
            .member(&record, row)
            .map_err(|reason| ImportRefusal { row, reason })?;
        if let Some(first) = first_row_of.insert(member.email.clone(), row) {
            return Err(ImportRefusal {
                row,
                reason: format!(
                    "duplicate email \"{}\", already on row {first}",
                    member.email
                ),
            });
        }
        members.push(member);
    }
    Ok(members)
}

/// What a column can hold, and the headers that name it, normalised as
/// [`normalise`] does: lower case, no accents, punctuation as spaces. The
/// first column whose header matches wins; unknown columns are ignored.
pub const COLUMNS: [(Field, &[&str]); 16] = [
    (
        Field::Email,
        &[
            "email",
            "e mail",
            "courriel",
            "mail",
            "adresse email",
            "adresse e mail",
            "adresse mail",
            "email adh",
            "email participant",
        ],
    ),
    (
        Field::Name,
        &[
            "name",
            "full name",
            "display name",
            "nom complet",
            "nom et prenom",
            "prenom et nom",
        ],
    ),
    (
        Field::FirstName,
        &[
            "first name",
            "firstname",
            "given name",
            "prenom",
            "prenom adh",
            "prenom participant",
        ],
    ),
    (
        Field::LastName,
        &[
            "last name",
            "lastname",
            "surname",
            "family name",
            "nom",
            "nom de famille",
            "nom adh",
            "nom participant",
        ],
    ),
    (
        Field::Language,
        &["language", "langue", "pref lang", "langue preferee"],
    ),
    (
        Field::JobTitle,
        &[
            "job title",
            "profession",
            "fonction",
            "poste",
            "prof adh",
            "profession adh",
        ],
    ),
    (
        Field::Organisation,
        &[
            "organisation",
            "organization",
            "company",
            "societe",
            "societe adh",
            "entreprise",
            "organisme",
            "nom de l organisme",
            "raison sociale",
            "structure",
        ],
    ),
    (
        Field::Plan,
        &[
            "plan",
            "formule",
            "tarif",
            "type de cotisation",
            "type cotis",
            "libelle type cotis",
        ],
    ),
    (
        Field::Status,
        &["status", "statut", "statut adhesion", "etat"],
    ),
    (
        Field::PeriodStart,
        &[
            "period start",
            "start",
            "date debut",
            "date de debut",
            "debut",
            "date d adhesion",
            "date adhesion",
            "date de creation",
            "date crea adh",
            "date debut cotis",
        ],
    ),
    (
        Field::PeriodEnd,
        &[
            "period end",
            "end",
            "date fin",
            "date de fin",
            "fin",
            "echeance",
            "date echeance",
            "date fin cotis",
        ],
    ),
    (
        Field::AmountDue,
        &["amount due", "montant du", "cotisation due"],
    ),
    (
        Field::PaymentAmount,
        &[
            "amount paid",
            "amount",
            "montant",
            "montant paye",
            "montant adhesion",
            "montant tarif",
            "montant cotis",
        ],
    ),
    (
        Field::PaymentDate,
        &[
            "payment date",
            "paid on",
            "date",
            "date de paiement",
            "date paiement",
            "date du paiement",
            "date de la commande",
            "date enreg",
        ],
    ),
    (
        Field::PaymentMethod,
        &[
            "payment method",
            "method",
            "moyen de paiement",
            "mode de paiement",
            "type de paiement",
            "type paiement cotis",
        ],
    ),
    (
        Field::PaymentReference,
        &[
            "payment reference",
            "reference",
            "ref",
            "numero",
            "numero de commande",
            "reference commande",
            "info cotis",
        ],
    ),
];

/// A piece of a member that a column may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    /// The whole name; else the first and last names are joined.
    Name,
    FirstName,
    LastName,
    Language,
    JobTitle,
    Organisation,
    /// A membership is read only when this column has a value.
    Plan,
    Status,
    PeriodStart,
    PeriodEnd,
    AmountDue,
    PaymentAmount,
    PaymentDate,
    PaymentMethod,
    PaymentReference,
}

/// Which column of the file holds each field, and its header as written,
/// to name it in refusals.
struct Columns(HashMap<Field, (usize, String)>);

impl Columns {
    fn of(headers: &csv::StringRecord) -> Result<Self, ImportRefusal> {
        let mut columns = HashMap::new();
        for (index, header) in headers.iter().enumerate() {
            let normalised = normalise(header);
            if let Some((field, _)) = COLUMNS
                .iter()
                .find(|(_, aliases)| aliases.contains(&normalised.as_str()))
            {
                columns
                    .entry(*field)
                    .or_insert_with(|| (index, header.to_owned()));
            }
        }
        let refuse = |reason: &str| ImportRefusal {
            row: 1,
            reason: reason.to_owned(),
        };
        if headers.iter().all(str::is_empty) {
            return Err(refuse(
                "the file is empty: its first line should name the columns",
            ));
        }
        if !columns.contains_key(&Field::Email) {
            return Err(refuse(
                "no email column: name one \"email\" or \"courriel\" (see docs/import.md)",
            ));
        }
        let has_name = columns.contains_key(&Field::Name)
            || (columns.contains_key(&Field::FirstName) && columns.contains_key(&Field::LastName));
        if !has_name {
            return Err(refuse(
                "no name column: name one \"name\", or two \"first name\" and \"last name\" (see docs/import.md)",
            ));
        }
        Ok(Self(columns))
    }

    /// The value of `field` in `record`, empty when the file has no such
    /// column. A leading quote that the export put before a formula
    /// character is dropped, so that an exported file imports as it was.
    fn value<'r>(&self, record: &'r csv::StringRecord, field: Field) -> &'r str {
        let value = self
            .0
            .get(&field)
            .and_then(|(index, _)| record.get(*index))
            .unwrap_or("");
        match value.strip_prefix('\'') {
            Some(rest) if rest.starts_with(crate::register::export::FORMULA_STARTS) => rest,
            _ => value,
        }
    }

    /// `value` parsed by `parse`, or a sentence naming the column and the
    /// value refused.
    fn parsed<T>(
        &self,
        record: &csv::StringRecord,
        field: Field,
        parse: impl Fn(&str) -> Result<T, ValidationError>,
    ) -> Result<Option<T>, String> {
        let value = self.value(record, field);
        if value.is_empty() {
            return Ok(None);
        }
        parse(value).map(Some).map_err(|error| {
            let header = self.0.get(&field).map_or("", |(_, header)| header.as_str());
            format!(
                "invalid {} \"{value}\" in column \"{header}\": {}",
                describe(field),
                i18n::text(Language::En, error.message)
            )
        })
    }

    fn member(&self, record: &csv::StringRecord, row: usize) -> Result<ImportedMember, String> {
        let email = self
            .parsed(record, Field::Email, EmailAddress::parse)?
            .ok_or("missing email")?;
        let name = match self.value(record, Field::Name) {
            "" => format!(
                "{} {}",
                self.value(record, Field::FirstName),
                self.value(record, Field::LastName)
            )
            .trim()
            .to_owned(),
            name => name.to_owned(),
        };
        if name.is_empty() {
            return Err("missing name".to_owned());
        }
        let display_name = DisplayName::parse(&name).map_err(|error| {
            format!(
                "invalid name \"{name}\": {}",
                i18n::text(Language::En, error.message)
            )
        })?;
        Ok(ImportedMember {
            row,
            email,
            display_name,
            language: self
                .parsed(record, Field::Language, language)?
                .unwrap_or(Language::Fr),
            job_title: self
                .parsed(record, Field::JobTitle, |value| {
                    crate::register::people::text(value, 120, "job_title")
                })?
                .unwrap_or_default(),
            organisation: self.parsed(record, Field::Organisation, OrganisationName::parse)?,
            membership: self.membership(record)?,
        })
    }

    fn membership(&self, record: &csv::StringRecord) -> Result<Option<ImportedMembership>, String> {
        let Some(plan) = self.parsed(record, Field::Plan, PlanName::parse)? else {
            return Ok(None);
        };
        let status = self
            .parsed(record, Field::Status, status)?
            .unwrap_or(MembershipStatus::Active);
        let paid = self
            .parsed(record, Field::PaymentAmount, amount)?
            .filter(|paid| paid.0 > 0);
        let paid_on = self.parsed(record, Field::PaymentDate, date)?;
        let starts_on = self
            .parsed(record, Field::PeriodStart, date)?
            .or(paid_on)
            .ok_or("missing period start: a membership needs a start date or a payment date")?;
        let ends_on = self
            .parsed(record, Field::PeriodEnd, date)?
            .unwrap_or_else(|| starts_on.plus_months(12).plus_days(-1));
        if ends_on < starts_on {
            return Err(format!(
                "the period ends on {ends_on}, before it starts on {starts_on}"
            ));
        }
        let amount_due = self
            .parsed(record, Field::AmountDue, amount)?
            .or(paid)
            .unwrap_or_default();
        let reference = self
            .parsed(record, Field::PaymentReference, |value| {
                crate::register::people::text(value, 120, "reference")
            })?
            .unwrap_or_default();
        Ok(Some(ImportedMembership {
            plan,
            status,
            period: NewPeriod {
                starts_on,
                ends_on,
                amount_due,
            },
            payment: paid.map(|amount| ImportedPayment {
                amount,
                paid_on: paid_on.unwrap_or(starts_on),
                method: payment_method(self.value(record, Field::PaymentMethod)),
                reference,
            }),
        }))
    }
}

/// The field as named in refusals.
fn describe(field: Field) -> &'static str {
    match field {
        Field::Email => "email",
        Field::Name => "name",
        Field::FirstName => "first name",
        Field::LastName => "last name",
        Field::Language => "language",
        Field::JobTitle => "job title",
        Field::Organisation => "organisation",
        Field::Plan => "plan",
        Field::Status => "status",
        Field::PeriodStart => "period start",
        Field::PeriodEnd => "period end",
        Field::AmountDue => "amount due",
        Field::PaymentAmount => "amount paid",
        Field::PaymentDate => "payment date",
        Field::PaymentMethod => "payment method",
        Field::PaymentReference => "payment reference",
    }
}

/// The separator of the header line: the most frequent of `,`, `;` and tab
/// outside quotes, a comma when none is there.
fn delimiter(text: &str) -> u8 {
    let header = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("");
    let mut quoted = false;
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        }
        if let Some((_, count)) = counts.iter_mut().find(|(d, _)| *d == byte && !quoted) {
            *count += 1;
        }
    }
    counts
        .into_iter()
        .fold((b',', 0), |best, candidate| {
            if candidate.1 > best.1 {
                candidate
            } else {
                best
            }
        })
        .0
}

/// Lower case, accents folded, every run of other characters than letters
/// and digits as one space: `Nom de l'organisme` is `nom de l organisme`,
/// `Montant (€)` is `montant`.
fn normalise(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => folded.push('a'),
            'é' | 'è' | 'ê' | 'ë' => folded.push('e'),
            'î' | 'ï' | 'í' | 'ì' => folded.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => folded.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => folded.push('u'),
            'ÿ' => folded.push('y'),
            'ç' => folded.push('c'),
            'ñ' => folded.push('n'),
            'œ' => folded.push_str("oe"),
            'æ' => folded.push_str("ae"),
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unreadable(text: &str, error: &csv::Error) -> ImportRefusal {
    let row = error
        .position()
        .map_or(0, |position| row_number(text, position));
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("{len} fields where the header has {expected_len}"),
        _ => format!("unreadable: {error}"),
    };
    ImportRefusal { row, reason }
}

/// The line of the file where a record starts. The parser reports, after a
/// `\r\n`, the offset of its `\n`, and counts lines its own way: the line is
/// counted here from the first byte of the record proper.
fn row_number(text: &str, position: &csv::Position) -> usize {
    let bytes = text.as_bytes();
    let mut offset = usize::try_from(position.byte())
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
        offset += 1;
    }
    1 + bytes[..offset]
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
}

/// `fr`, `fr_FR`, `français`, `French`, and the same for English.
fn language(value: &str) -> Result<Language, ValidationError> {
    match normalise(value).split(' ').next() {
        Some("fr" | "francais" | "french") => Ok(Language::Fr),
        Some("en" | "anglais" | "english") => Ok(Language::En),
        _ => Err(ValidationError::new("language", "error-language")),
    }
}

/// A status in Cercle's words or in the French ones of other tools.
fn status(value: &str) -> Result<MembershipStatus, ValidationError> {
    let status = match normalise(value).as_str() {
        "active" | "actif" | "a jour" | "valide" | "validee" | "paye" | "payee" => {
            MembershipStatus::Active
        }
        "lapsed" | "echu" | "echue" | "expire" | "expiree" | "en retard" | "non a jour" => {
            MembershipStatus::Lapsed
        }
        "resigned" | "demission" | "demissionnaire" | "demissionne" | "demissionnee" => {
            MembershipStatus::Resigned
        }
        "excluded" | "exclu" | "exclue" | "exclusion" | "radie" | "radiee" => {
            MembershipStatus::Excluded
        }
        "applicant" | "candidat" | "candidate" | "candidature" | "en attente" => {
            MembershipStatus::Applicant
        }
        _ => return Err(ValidationError::new("status", "error-membership-status")),
    };
    Ok(status)
}

/// A method in Cercle's words or in French ones; whatever else is `other`,
/// since a payment is worth importing even when its method is unusual.
fn payment_method(value: &str) -> PaymentMethod {
    let value = normalise(value);
    let has = |words: &[&str]| words.iter().any(|word| value.contains(word));
    if has(&["virement", "transfer"]) {
        PaymentMethod::Transfer
    } else if has(&["prelevement", "direct debit"]) {
        PaymentMethod::DirectDebit
    } else if value == "cb" || has(&["carte", "card"]) {
        PaymentMethod::Card
    } else if has(&["cheque", "check"]) {
        PaymentMethod::Cheque
    } else if has(&["espece", "cash", "liquide"]) {
        PaymentMethod::Cash
    } else {
        PaymentMethod::Other
    }
}

/// A date, with any time of day after it dropped: HelloAsso writes
/// `15/09/2025 10:32`.
fn date(value: &str) -> Result<Date, ValidationError> {
    Date::parse(value.split([' ', 'T']).next().unwrap_or(value))
}

/// An amount, with any euro sign or code after it dropped.
fn amount(value: &str) -> Result<Amount, ValidationError> {
    let value = value.trim_end_matches('€').trim_end();
    let value = value
        .strip_suffix("EUR")
        .or_else(|| value.strip_suffix("eur"))
        .unwrap_or(value);
    Amount::parse(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member as the tests compare them: every field as text.
    fn summary(member: &ImportedMember) -> String {
        let mut summary = format!(
            "{} | {} | {} | {} | {}",
            member.email,
            member.display_name.as_str(),
            member.language,
            member.job_title,
            member
                .organisation
                .as_ref()
                .map_or("-", OrganisationName::as_str),
        );
        if let Some(membership) = &member.membership {
            summary.push_str(&format!(
                " | {} {} {}..{} due {}",
                membership.plan.as_str(),
                membership.status.as_str(),
                membership.period.starts_on,
                membership.period.ends_on,
                membership.period.amount_due.plain(),
            ));
            if let Some(payment) = &membership.payment {
                summary.push_str(&format!(
                    " | paid {} on {} by {} ref {}",
                    payment.amount.plain(),
                    payment.paid_on,
                    payment.method.as_str(),
                    payment.reference,
                ));
            }
        }
        summary
    }

    fn check(input: &str, expected: Result<&[&str], (usize, &str)>) {
        let parsed = parse_members(input);
        match (parsed, expected) {
            (Ok(members), Ok(expected)) => {
                let members: Vec<String> = members.iter().map(summary).collect();
                assert_eq!(members, expected, "{input}");
            }
            (Err(refusal), Err((row, reason))) => {
                assert_eq!(refusal.row, row, "{input}: {}", refusal.reason);
                assert!(
                    refusal.reason.contains(reason),
                    "{input}: {:?} lacks {reason:?}",
                    refusal.reason
                );
            }
            (parsed, expected) => panic!("{input}: {parsed:?} where {expected:?} was expected"),
        }
    }

    #[test]
    fn decodes_utf8_with_or_without_a_byte_order_mark_and_else_windows_1252() {
        let check = |bytes: &[u8], expected: &str| assert_eq!(decode(bytes), expected);
        check("Hélène Lefèvre".as_bytes(), "Hélène Lefèvre");
        check(b"\xef\xbb\xbfnom;pr\xc3\xa9nom", "nom;prénom");
        check(b"H\xe9l\xe8ne Lef\xe8vre", "Hélène Lefèvre");
        check(b"C\x9cur d'Armor \x80", "Cœur d'Armor €");
        check(b"", "");
    }

    #[test]
    fn detects_the_delimiter_from_the_header_line() {
        let check = |text: &str, expected: u8| {
            assert_eq!(delimiter(text), expected, "{text}");
        };
        check("email,name\na@b.fr;x,y", b',');
        check("Nom;Prénom;Email\n", b';');
        check("email\tname\n", b'\t');
        check("\n\n\"Nom, complet\";Email\n", b';');
        check("email\n", b',');
        check("", b',');
    }

    #[test]
    fn normalises_headers_whatever_their_case_accents_and_punctuation() {
        let check = |header: &str, expected: &str| assert_eq!(normalise(header), expected);
        check("Prénom", "prenom");
        check("  DATE DE CRÉATION ", "date de creation");
        check("Nom de l'organisme", "nom de l organisme");
        check("Montant (€)", "montant");
        check("nom_adh", "nom adh");
        check("job_title", "job title");
        check("E-mail", "e mail");
    }

    #[test]
    fn reads_people_in_any_delimiter_with_an_organisation_and_a_language() {
        check(
            "email,name,language,job_title,organisation\n\
             Ana@Example.org,Ana Martin,en,Archivist,Musée de Bretagne\n\
             bob@example.org,Bob Leroy,,,\n",
            Ok(&[
                "ana@example.org | Ana Martin | en | Archivist | Musée de Bretagne",
                "bob@example.org | Bob Leroy | fr |  | -",
            ]),
        );
        check(
            "E-mail\tNom complet\tLangue\njo@example.org\tJo Kerbrat\tFrançais\n",
            Ok(&["jo@example.org | Jo Kerbrat | fr |  | -"]),
        );
        check(
            "email;name\n\n;\nlea@example.org;Léa\n\n",
            Ok(&["lea@example.org | Léa | fr |  | -"]),
        );
        check("email,name\n", Ok(&[]));
    }

    #[test]
    fn maps_galette_columns() {
        check(
            "id_adh;nom_adh;prenom_adh;societe_adh;email_adh;prof_adh;date_crea_adh;pref_lang\n\
             12;LE GALL;Hélène;Ti Kreiz;helene@example.org;Chargée de mission;15/09/2024;fr_FR\n\
             13;O'Neil;Seán;;sean@example.org;;02/01/2025;en_US\n",
            Ok(&[
                "helene@example.org | Hélène LE GALL | fr | Chargée de mission | Ti Kreiz",
                "sean@example.org | Seán O'Neil | en |  | -",
            ]),
        );
        check(
            "Nom;Prénom;Courriel;Société;Fonction;Type de cotisation;Date de création;\
             Date fin cotis;Montant;Type paiement cotis\n\
             Dupont;Jean;jean@example.org;Breizh Asso;Trésorier;Adhésion individuelle;\
             01/03/2026;28/02/2027;1 200,00;Chèque\n",
            Ok(&[
                "jean@example.org | Jean Dupont | fr | Trésorier | Breizh Asso \
                 | Adhésion individuelle active 2026-03-01..2027-02-28 due 1200.00 \
                 | paid 1200.00 on 2026-03-01 by cheque ref ",
            ]),
        );
    }

    #[test]
    fn maps_helloasso_columns() {
        check(
            "Numéro;Formule;Montant (€);Statut;Nom;Prénom;Date;Email;Moyen de paiement;\
             Nom de l'organisme\n\
             48213;Adhésion 2025-2026;30,00;Validé;Morvan;Anaïs;15/09/2025 10:32;\
             anais@example.org;Carte bancaire;\n\
             48214;Adhésion structure;120;Validé;Tanguy;Loïc;16/09/2025 18:05;\
             loic@example.org;Virement;Les Amis du Léon\n",
            Ok(&[
                "anais@example.org | Anaïs Morvan | fr |  | - \
                 | Adhésion 2025-2026 active 2025-09-15..2026-09-14 due 30.00 \
                 | paid 30.00 on 2025-09-15 by card ref 48213",
                "loic@example.org | Loïc Tanguy | fr |  | Les Amis du Léon \
                 | Adhésion structure active 2025-09-16..2026-09-15 due 120.00 \
                 | paid 120.00 on 2025-09-16 by transfer ref 48214",
            ]),
        );
    }

    #[test]
    fn reads_memberships_with_defaults_and_french_words() {
        let header = "email,name,plan,status,period_start,period_end,amount_due,amount_paid,\
                      payment date,payment method\n";
        let check_row = |row: &str, expected: &str| {
            check(&format!("{header}{row}\n"), Ok(&[expected]));
        };
        check_row(
            "a@example.org,A,Soutien,,2026-01-01,,12.5,,,",
            "a@example.org | A | fr |  | - | Soutien active 2026-01-01..2026-12-31 due 12.50",
        );
        check_row(
            "a@example.org,A,Soutien,échu,29/02/2024,,,\"12,50 €\",03/03/2024,espèces",
            "a@example.org | A | fr |  | - | Soutien lapsed 2024-02-29..2025-02-27 due 12.50 \
             | paid 12.50 on 2024-03-03 by cash ref ",
        );
        check_row(
            "a@example.org,A,Soutien,Démission,,,,30,01/09/2025,Prélèvement SEPA",
            "a@example.org | A | fr |  | - | Soutien resigned 2025-09-01..2026-08-31 due 30.00 \
             | paid 30.00 on 2025-09-01 by direct_debit ref ",
        );
        check_row(
            "a@example.org,A,Soutien,exclu,01/01/2026,30/06/2026,40,0,,CB",
            "a@example.org | A | fr |  | - | Soutien excluded 2026-01-01..2026-06-30 due 40.00",
        );
        check_row(
            "a@example.org,A,,échu,not a date,,,nothing,,",
            "a@example.org | A | fr |  | -",
        );
    }

    #[test]
    fn maps_payment_methods_and_takes_anything_else_as_other() {
        let check = |value: &str, expected: PaymentMethod| {
            assert_eq!(payment_method(value), expected, "{value}");
        };
        check("Virement bancaire", PaymentMethod::Transfer);
        check("transfer", PaymentMethod::Transfer);
        check("CB", PaymentMethod::Card);
        check("Carte bancaire", PaymentMethod::Card);
        check("Chèque", PaymentMethod::Cheque);
        check("Espèces", PaymentMethod::Cash);
        check("prélèvement", PaymentMethod::DirectDebit);
        check("direct_debit", PaymentMethod::DirectDebit);
        check("HelloAsso", PaymentMethod::Other);
        check("", PaymentMethod::Other);
    }

    #[test]
    fn refuses_the_first_bad_row_with_its_number() {
        let header = "email;name;plan;period_start;amount_paid;language\n";
        let check_rows = |rows: &str, row: usize, reason: &str| {
            check(&format!("{header}{rows}"), Err((row, reason)));
        };
        check_rows(
            "a@example.org;A;;;;\n\nb@example.org;B;;;;\nc@example.org;C;;;;\n\
             d@example.org;D;;;;\nf@example.org;F;;;;\njean.dupont@;Jean;;;;\nbad;X;;;;\n",
            8,
            "invalid email \"jean.dupont@\" in column \"email\"",
        );
        check_rows(";A;;;;\n", 2, "missing email");
        check_rows("a@example.org;;;;;\n", 2, "missing name");
        check_rows(
            &format!("a@example.org;A;{};;;\n", "x".repeat(81)),
            2,
            "invalid plan",
        );
        check_rows(
            "a@example.org;A;Soutien;31/02/2026;;\n",
            2,
            "period start \"31/02/2026\"",
        );
        check_rows("a@example.org;A;Soutien;;;\n", 2, "missing period start");
        check_rows(
            "a@example.org;A;Soutien;01/01/2026;-5;\n",
            2,
            "amount paid \"-5\"",
        );
        check_rows("a@example.org;A;;;;de\n", 2, "Choose French or English");
        check_rows("a@example.org;A;;;\n", 2, "5 fields where the header has 6");
        check(
            "email,name,plan,status,period_start,period_end\n\
             a@example.org,A,Soutien,bienfaiteur,01/01/2026,\n",
            Err((2, "invalid status \"bienfaiteur\"")),
        );
        check(
            "email,name,plan,period_start,period_end\n\
             a@example.org,A,Soutien,01/01/2026,31/12/2025\n",
            Err((2, "ends on 2025-12-31, before it starts on 2026-01-01")),
        );
    }

    #[test]
    fn refuses_an_email_twice_in_the_file_whatever_its_case() {
        check(
            "email,name\nana@example.org,Ana\nbob@example.org,Bob\nANA@example.org ,Ana M.\n",
            Err((4, "duplicate email \"ana@example.org\", already on row 2")),
        );
    }

    #[test]
    fn refuses_a_file_without_the_required_columns() {
        check("", Err((1, "the file is empty")));
        check("name,organisation\nAna,Acme\n", Err((1, "no email column")));
        check(
            "email,prénom\nana@example.org,Ana\n",
            Err((1, "no name column")),
        );
        check(
            "courriel;prénom;nom\nana@example.org;Ana;Martin\n",
            Ok(&["ana@example.org | Ana Martin | fr |  | -"]),
        );
    }

    #[test]
    fn refusals_name_the_line_of_the_file_whatever_the_line_ends() {
        for end in ["\n", "\r\n"] {
            let text = ["email;name", "a@example.org;A", "", "pas-une-adresse;B"].join(end);
            let refusal = parse_members(&text).unwrap_err();
            assert_eq!(refusal.row, 4, "{end:?}: {}", refusal.reason);
        }
    }
}
