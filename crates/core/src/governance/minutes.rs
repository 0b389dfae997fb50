//! The minutes of an assembly: drafted from the facts when it closes, then
//! edited by the secretary and approved, which publishes them to the roll.

use crate::governance::assembly::{AgendaItem, Assembly};
use crate::governance::ballot::decide;
use crate::kernel::association::Language;
use crate::kernel::i18n::{text, text_with};
use crate::kernel::time::Timestamp;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    /// Markdown.
    pub text: String,
    pub updated_at: Timestamp,
    /// When and by whom they were approved: from then on the roll reads
    /// them and nobody changes them.
    pub approved: Option<(Timestamp, String)>,
}

/// The facts of the assembly as its minutes' first draft, in the
/// association's language: when and where, the roll and who attended, the
/// quorum, and each item with its resolution's count and outcome.
pub fn draft(
    assembly: &Assembly,
    agenda: &[AgendaItem],
    abstentions_count: bool,
    language: Language,
) -> String {
    let fields = &assembly.fields;
    let mut out = format!("# {}\n\n", fields.title);
    let when = fields.zone.long(fields.starts_at, language);
    out.push_str(&text_with(
        language,
        "minutes-held",
        &[("when", &when), ("place", &fields.place)],
    ));
    out.push_str("\n\n");
    if let Some(quorum) = assembly.quorum {
        out.push_str(&text_with(
            language,
            "minutes-roll",
            &[
                ("roll", &assembly.roll_size.to_string()),
                ("voting", &quorum.voting.to_string()),
                ("present", &quorum.present.to_string()),
                ("represented", &quorum.represented.to_string()),
            ],
        ));
        out.push_str("\n\n");
        let key = if quorum.reached() {
            "minutes-quorum-reached"
        } else {
            "minutes-quorum-missed"
        };
        out.push_str(&text_with(
            language,
            key,
            &[("needed", &quorum.needed.to_string())],
        ));
        out.push_str("\n\n");
    }
    for item in agenda {
        out.push_str(&format!("## {}. {}\n\n", item.position, item.title));
        if !item.description.is_empty() {
            out.push_str(&item.description);
            out.push_str("\n\n");
        }
        let Some(resolution) = &item.resolution else {
            continue;
        };
        out.push_str(&format!("> {}\n\n", resolution.text));
        match resolution.closed {
            Some((_, tally)) => {
                let outcome = decide(resolution.majority, &tally, abstentions_count);
                out.push_str(&text_with(
                    language,
                    "minutes-count",
                    &[
                        ("for", &tally.for_.to_string()),
                        ("against", &tally.against.to_string()),
                        ("abstain", &tally.abstain.to_string()),
                        (
                            "majority",
                            &text(language, &resolution.majority.label_key()),
                        ),
                        (
                            "outcome",
                            &text(language, &format!("outcome-{}", outcome.as_str())),
                        ),
                    ],
                ));
            }
            None => out.push_str(&text(language, "minutes-not-voted")),
        }
        out.push_str("\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::event::Zone;
    use crate::governance::assembly::{
        AssemblyFields, AssemblyId, AssemblyKind, AssemblyState, ItemId, Quorum,
    };
    use crate::governance::ballot::{BallotKind, MajorityRule, Resolution, Tally};

    #[test]
    fn the_draft_states_the_roll_the_quorum_and_each_count() {
        let assembly = Assembly {
            id: AssemblyId(1),
            fields: AssemblyFields {
                title: "AG 2026".to_owned(),
                kind: AssemblyKind::Ordinary,
                starts_at: Timestamp(1_790_000_000),
                zone: Zone::parse("Europe/Paris").unwrap(),
                place: "Nantes".to_owned(),
                details: String::new(),
            },
            state: AssemblyState::Closed,
            convened_at: None,
            roll_size: 40,
            opened_at: None,
            quorum: Some(Quorum {
                voting: 36,
                present: 25,
                represented: 8,
                needed: 9,
            }),
            closed_at: None,
            created_at: Timestamp(0),
        };
        let resolution = |closed| Resolution {
            text: "Les statuts révisés sont adoptés.".to_owned(),
            majority: MajorityRule::TwoThirds,
            ballot: BallotKind::Secret,
            opens_at: None,
            closes_at: None,
            opened_at: None,
            closed,
        };
        let tally = Tally {
            for_: 21,
            against: 12,
            abstain: 0,
            eligible: 33,
        };
        let agenda = [
            AgendaItem {
                id: ItemId(1),
                assembly: assembly.id,
                position: 1,
                title: "Statuts".to_owned(),
                description: String::new(),
                resolution: Some(resolution(Some((Timestamp(1), tally)))),
            },
            AgendaItem {
                id: ItemId(2),
                assembly: assembly.id,
                position: 2,
                title: "Questions diverses".to_owned(),
                description: String::new(),
                resolution: Some(resolution(None)),
            },
        ];
        let text = draft(&assembly, &agenda, false, Language::Fr);
        assert!(
            text.contains("40 personnes, dont 36 membres votants"),
            "{text}"
        );
        assert!(
            text.contains("25 étaient présents et 8 représentés"),
            "{text}"
        );
        assert!(
            text.contains("quorum de 9 membres votants présents ou représentés était atteint"),
            "{text}"
        );
        // 21 of 33 is short of two thirds.
        assert!(text.contains("Pour : 21 ; contre : 12"), "{text}");
        assert!(text.contains("La résolution est rejetée."), "{text}");
        assert!(text.contains("## 2. Questions diverses"), "{text}");
        assert!(text.contains("Non soumis au vote."), "{text}");
        let english = draft(&assembly, &agenda, false, Language::En);
        assert!(english.contains("The resolution is rejected."), "{english}");
    }
}
