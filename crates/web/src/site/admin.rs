//! Editing the public site: its texts and settings for administrators, the
//! rows of its lists, and the adopters' moderation queue for moderators.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::{self, Action};
use cercle_core::kernel::validation::ValidationError;
use cercle_core::site::outreach;
use cercle_core::site::pages::{
    AdopterId, Entry, EntryId, EntryInput, HelpKind, Icon, Section, SiteSettingsInput,
};

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/admin/site" => settings,
    post "/admin/site" => save_settings,
    get "/admin/site/{section}" => section,
    post "/admin/site/{section}" => create_entry,
    post "/admin/site/{section}/{id}" => update_entry,
    post "/admin/site/{section}/{id}/delete" => delete_entry,
    get "/moderation/adopters" => moderation,
    post "/moderation/adopters/{id}" => decide,
}

/// The sections an administrator edits, each on its own page.
const PAGES: [Section; 5] = [
    Section::Cards,
    Section::Highlights,
    Section::Bodies,
    Section::Contributors,
    Section::Help,
];

fn section_label(t: Tr, section: Section) -> String {
    t.get(&format!("site-section-{}", section.as_str()))
}

/// A text of the settings form with its two languages.
struct TextFieldset {
    legend: String,
    /// `(name, language, value)`.
    fields: [(String, String, String); 2],
}

#[derive(Template)]
#[template(path = "site/site_edit.html")]
struct SettingsPage {
    l: Layout,
    texts: Vec<TextFieldset>,
    form: SiteSettingsInput,
    logo: Option<i64>,
    sections: Vec<(&'static str, String)>,
    may_moderate: bool,
    errors: FieldErrors,
}

async fn settings(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    settings_page(&state, &viewer, None, &[]).await
}

/// The settings page, with refused input (of the texts, or of the logo's
/// form) when there is.
pub(crate) async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    input: Option<SiteSettingsInput>,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let current = outreach::settings(&state.context(), viewer.actor()).await?;
    let form = input.unwrap_or_else(|| SiteSettingsInput::of(&current));
    let texts = [
        (
            "welcome",
            "site-welcome",
            &form.welcome_fr,
            &form.welcome_en,
        ),
        ("rules", "site-rules", &form.rules_fr, &form.rules_en),
        (
            "code_of_conduct",
            "site-code-of-conduct",
            &form.code_of_conduct_fr,
            &form.code_of_conduct_en,
        ),
        (
            "chatham",
            "site-chatham",
            &form.chatham_fr,
            &form.chatham_en,
        ),
        (
            "developers",
            "site-developers",
            &form.developers_fr,
            &form.developers_en,
        ),
        ("help", "site-help", &form.help_fr, &form.help_en),
        (
            "steering_note",
            "site-steering-note",
            &form.steering_note_fr,
            &form.steering_note_en,
        ),
    ]
    .into_iter()
    .map(|(key, legend, fr, en)| {
        let field = |language: &str, value: &String| {
            (
                format!("{key}_{language}"),
                t.get(&format!("site-text-{language}")),
                value.clone(),
            )
        };
        TextFieldset {
            legend: t.get(legend),
            fields: [field("fr", fr), field("en", en)],
        }
    })
    .collect();
    let page = SettingsPage {
        l: Layout::new(state, viewer, "site-edit-title", "/admin/site"),
        texts,
        form,
        logo: current.logo.map(|l| l.0),
        sections: PAGES
            .iter()
            .map(|s| (s.as_str(), section_label(t, *s)))
            .collect(),
        may_moderate: policy::check(viewer.actor(), Action::ModerateAdopters).is_ok(),
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}

async fn save_settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(input): Form<SiteSettingsInput>,
) -> Result<Response, WebError> {
    match outreach::save_settings(&state.context(), viewer.actor(), &input).await {
        Ok(()) => Ok(see_other("/admin/site")),
        Err(FlowError::Invalid(errors)) => {
            settings_page(&state, &viewer, Some(input), &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// One entry's form: an existing row, or a new one.
struct RowForm {
    /// The entry edited, or `None` for a new one.
    id: Option<EntryId>,
    /// Unique on the page, for the fields' ids.
    key: String,
    action: String,
    /// The deletion form's address, for an existing row.
    delete: Option<String>,
    section: &'static str,
    /// The heading of its form: the entry's title, or what a new one is.
    legend: String,
    input: EntryInput,
    errors: FieldErrors,
}

impl RowForm {
    fn existing(t: Tr, entry: &Entry, section: Section) -> Self {
        let base = format!("/admin/site/{}/{}", section.as_str(), entry.id.0);
        Self {
            id: Some(entry.id),
            key: format!("e{}", entry.id.0),
            delete: Some(format!("{base}/delete")),
            action: base,
            section: section.as_str(),
            legend: entry.fields.title.get(t.0).to_owned(),
            input: EntryInput::of(&entry.fields),
            errors: FieldErrors::default(),
        }
    }

    fn new(legend: String, section: Section, parent: Option<EntryId>) -> Self {
        Self {
            id: None,
            key: match parent {
                Some(body) => format!("new-member-{}", body.0),
                None => "new".to_owned(),
            },
            action: format!("/admin/site/{}", section.as_str()),
            delete: None,
            section: section.as_str(),
            legend,
            input: EntryInput {
                parent: parent.map(|p| p.0.to_string()).unwrap_or_default(),
                ..EntryInput::default()
            },
            errors: FieldErrors::default(),
        }
    }

    /// The title's fields: `(name, language's label key, value)`.
    fn titles(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("title_fr", "site-text-fr", &self.input.title_fr),
            ("title_en", "site-text-en", &self.input.title_en),
        ]
    }

    fn texts(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("text_fr", "site-text-fr", &self.input.text_fr),
            ("text_en", "site-text-en", &self.input.text_en),
        ]
    }

    /// A member's term: `(name, label key, value)`.
    fn term(&self) -> [(&'static str, &'static str, &str); 2] {
        [
            ("starts_on", "site-field-term-start", &self.input.starts_on),
            ("ends_on", "site-field-term-end", &self.input.ends_on),
        ]
    }

    /// The input's `aria` attributes for `field`, pointing at its error.
    fn aria(&self, field: &str) -> String {
        if self.errors.get(field).is_some() {
            format!(
                "aria-invalid=\"true\" aria-describedby=\"{}-{field}-error\"",
                self.key
            )
        } else {
            String::new()
        }
    }
}

/// A body with its members' forms and the form adding one.
struct BodyForms {
    body: RowForm,
    members: Vec<RowForm>,
    new_member: RowForm,
}

#[derive(Template)]
#[template(path = "site/site_section.html")]
struct SectionPage {
    l: Layout,
    heading: String,
    rows: Vec<RowForm>,
    /// On the bodies' page, instead of `rows`.
    bodies: Vec<BodyForms>,
    new_row: RowForm,
    /// Refusals with no form to show them next to.
    unplaced: Vec<String>,
    icons: Vec<(&'static str, String)>,
    kinds: Vec<(&'static str, String)>,
}

/// A refused form, shown again with its input and errors.
struct Refused {
    /// The entry edited, or `None` for a new one.
    entry: Option<EntryId>,
    section: Section,
    input: EntryInput,
    errors: Vec<ValidationError>,
}

fn parse_section(slug: &str) -> Result<Section, WebError> {
    Section::parse(slug).map_err(|_| WebError::NotFound)
}

async fn section(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    section_page(&state, &viewer, parse_section(&slug)?, None).await
}

async fn section_page(
    state: &AppState,
    viewer: &Viewer,
    section: Section,
    refused: Option<Refused>,
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let view = outreach::section(&state.context(), viewer.actor(), section).await?;
    let page_section = section.page();
    let mut rows: Vec<RowForm> = view
        .entries
        .iter()
        .map(|e| RowForm::existing(t, e, page_section))
        .collect();
    let mut new_row = RowForm::new(t.get("site-new-entry"), page_section, None);
    let mut bodies: Vec<BodyForms> = Vec::new();
    if page_section == Section::Bodies {
        for body in rows.drain(..) {
            let name = body.legend.clone();
            bodies.push(BodyForms {
                members: view
                    .members
                    .iter()
                    .filter(|m| body.id.is_some() && m.fields.parent == body.id)
                    .map(|m| RowForm::existing(t, m, Section::Members))
                    .collect(),
                new_member: RowForm::new(
                    t.with("site-new-member", "body", &name),
                    Section::Members,
                    body.id,
                ),
                body,
            });
        }
    }
    let mut status_errors = Vec::new();
    let mut unplaced = Vec::new();
    if let Some(refused) = refused {
        let errors = FieldErrors::new(viewer.language, &refused.errors);
        let parent = refused.input.parent.clone();
        let target = match refused.entry {
            Some(id) => rows
                .iter_mut()
                .chain(
                    bodies
                        .iter_mut()
                        .flat_map(|b| std::iter::once(&mut b.body).chain(b.members.iter_mut())),
                )
                .find(|r| r.id == Some(id)),
            None if refused.section == Section::Members => bodies
                .iter_mut()
                .find(|b| b.new_member.input.parent == parent)
                .map(|b| &mut b.new_member),
            None => Some(&mut new_row),
        };
        match target {
            Some(row) => {
                row.input = refused.input;
                row.errors = errors;
            }
            // A member put on a body that no longer exists has no form to
            // show the refusal next to.
            None => {
                unplaced = refused.errors.iter().map(|e| t.get(e.message)).collect();
            }
        }
        status_errors = refused.errors;
    }
    let page = SectionPage {
        l: Layout::new(
            state,
            viewer,
            "site-edit-title",
            &format!("/admin/site/{}", page_section.as_str()),
        ),
        heading: section_label(t, page_section),
        rows,
        bodies,
        new_row,
        unplaced,
        icons: Icon::ALL
            .iter()
            .map(|i| {
                (
                    i.as_str(),
                    format!("{} {}", i.glyph(), t.get(&format!("icon-{}", i.as_str()))),
                )
            })
            .collect(),
        kinds: HelpKind::ALL
            .iter()
            .map(|k| {
                (
                    k.as_str(),
                    t.get(&format!("help-kind-{}", k.as_str().replace('_', "-"))),
                )
            })
            .collect(),
    };
    render_form(&page, &status_errors)
}

/// Back to the section's page when it worked, the page again with the
/// refused form when it did not.
async fn after_entry(
    state: &AppState,
    viewer: &Viewer,
    (section, entry): (Section, Option<EntryId>),
    input: EntryInput,
    result: Result<(), FlowError>,
) -> Result<Response, WebError> {
    match result {
        Ok(()) => Ok(see_other(&format!(
            "/admin/site/{}",
            section.page().as_str()
        ))),
        Err(FlowError::Invalid(errors)) => {
            let refused = Refused {
                entry,
                section,
                input,
                errors,
            };
            section_page(state, viewer, section, Some(refused)).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn create_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<EntryInput>,
) -> Result<Response, WebError> {
    let section = parse_section(&slug)?;
    let result = outreach::create_entry(&state.context(), viewer.actor(), section, &input)
        .await
        .map(drop);
    after_entry(&state, &viewer, (section, None), input, result).await
}

async fn update_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<EntryInput>,
) -> Result<Response, WebError> {
    let section = parse_section(&slug)?;
    let entry = EntryId(id);
    let result =
        outreach::update_entry(&state.context(), viewer.actor(), (section, entry), &input).await;
    after_entry(&state, &viewer, (section, Some(entry)), input, result).await
}

async fn delete_entry(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let section = parse_section(&slug)?;
    outreach::delete_entry(&state.context(), viewer.actor(), (section, EntryId(id))).await?;
    Ok(see_other(&format!(
        "/admin/site/{}",
        section.page().as_str()
    )))
}

/// An adopter as the moderators see it.
struct AdopterRow {
    id: i64,
    name: String,
    category: String,
    text: String,
    link: String,
    contact: String,
    logo: Option<i64>,
    submitted: String,
}

#[derive(Template)]
#[template(path = "site/site_moderation.html")]
struct ModerationPage {
    l: Layout,
    pending: Vec<AdopterRow>,
    approved: Vec<AdopterRow>,
    /// `(id, name, shown)`, for those who manage the register.
    organisations: Option<Vec<(i64, String, bool)>>,
}

async fn moderation(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let language = viewer.language;
    let moderation = outreach::moderation(&state.context(), viewer.actor()).await?;
    let row = |a: &cercle_core::site::pages::Adopter| AdopterRow {
        id: a.id.0,
        name: a.fields.name.as_str().to_owned(),
        category: t.get(&a.fields.category.label_key()),
        text: a.fields.text.get(language).to_owned(),
        link: a
            .fields
            .link
            .as_ref()
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default(),
        contact: a.fields.contact.as_str().to_owned(),
        logo: a.logo.map(|l| l.0),
        submitted: t.with(
            "moderation-submitted",
            "date",
            &a.submitted_at.to_iso_minutes(),
        ),
    };
    let page = ModerationPage {
        l: Layout::new(&state, &viewer, "moderation-title", "/moderation/adopters"),
        pending: moderation.pending.iter().map(row).collect(),
        approved: moderation.approved.iter().map(row).collect(),
        organisations: moderation.organisations.map(|list| {
            list.into_iter()
                .map(|(o, shown)| (o.id.0, o.fields.name.as_str().to_owned(), shown))
                .collect()
        }),
    };
    render_form(&page, &[])
}

#[derive(serde::Deserialize)]
struct DecisionForm {
    verdict: String,
}

async fn decide(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    outreach::decide_adopter(
        &state.context(),
        viewer.actor(),
        AdopterId(id),
        &form.verdict,
    )
    .await?;
    Ok(see_other("/moderation/adopters"))
}
