//! The public site's pages (seeds 000 and 001): the home page's content,
//! "how we work", "who uses it" with its "ask to be listed"
//! form, "who develops", "how to get help", and the uploaded images they
//! show.

use askama::Template;
use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::{IntoResponse, Response};
use cercle_core::communities::community::Community;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::validation::ValidationError;
use cercle_core::register::dues::MembershipPolicy;
use cercle_core::register::people::{OrganisationCategory, OrganisationId};
use cercle_core::site::outreach;
use cercle_core::site::pages::{AdopterInput, Entry, ImageId, Tag, TextKey};
use cercle_core::site::store::StoredImage;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::{local_path, see_other};
use crate::http::page_routes;
use crate::markdown::to_safe_html;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/how-we-work" => how_we_work,
    get "/who-uses-it" => who_uses_it,
    get "/who-uses-it/ask" => ask_form,
    post "/organisations/{id}/showcase" => showcase,
    get "/who-develops" => developers,
    get "/help" => help,
    get "/images/{id}" => image,
}

/// An entry as the pages show it, in the reader's language.
pub struct EntryView {
    pub id: i64,
    /// A card's icon, drawn as a character.
    pub glyph: &'static str,
    /// A help channel's kind, in words.
    pub kind: String,
    pub title: String,
    /// Safe HTML from the entry's Markdown.
    pub text: String,
    /// The same text as written, for a line such as a member's role.
    pub plain: String,
    pub link: String,
    /// A highlight's day, or a member's term, in words.
    pub when: String,
    /// The day as `YYYY-MM-DD`, for a `<time datetime>`.
    pub day: String,
}

impl EntryView {
    pub fn new(t: Tr, entry: &Entry) -> Self {
        let f = &entry.fields;
        let language = t.0;
        let when = match (f.starts_on, f.ends_on) {
            (Some(start), Some(end)) if f.section == cercle_core::site::pages::Section::Members => {
                cercle_core::kernel::i18n::text_with(
                    language,
                    "governance-term",
                    &[
                        ("start", &start.long(language)),
                        ("end", &end.long(language)),
                    ],
                )
            }
            (Some(start), None) if f.section == cercle_core::site::pages::Section::Members => {
                t.with("governance-term-open", "start", &start.long(language))
            }
            (Some(day), _) => day.long(language),
            _ => String::new(),
        };
        Self {
            id: entry.id.0,
            glyph: match f.tag {
                Tag::Icon(icon) => icon.glyph(),
                _ => "",
            },
            kind: match f.tag {
                Tag::Help(kind) => t.get(&format!("help-kind-{}", kind.as_str().replace('_', "-"))),
                _ => String::new(),
            },
            title: f.title.get(language).to_owned(),
            text: to_safe_html(f.text.get(language)),
            plain: f.text.get(language).to_owned(),
            link: f
                .link
                .as_ref()
                .map(|l| l.as_str().to_owned())
                .unwrap_or_default(),
            when,
            day: f.starts_on.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// What the site's editors wrote on the governance page, which shows it
/// beside the bodies whose mandates Cercle holds.
pub struct WrittenGovernance {
    /// Each body with its members.
    pub bodies: Vec<(EntryView, Vec<EntryView>)>,
    /// The governing communities, which have their own pages.
    pub communities: Vec<GroupView>,
}

impl WrittenGovernance {
    pub fn new(t: Tr, written: &outreach::Governance) -> Self {
        Self {
            bodies: written
                .bodies
                .iter()
                .map(|b| {
                    (
                        EntryView::new(t, &b.body),
                        b.members.iter().map(|m| EntryView::new(t, m)).collect(),
                    )
                })
                .collect(),
            communities: written.communities.iter().map(|c| group(t, c)).collect(),
        }
    }
}

/// A community or working group as the home page lists it.
pub struct GroupView {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub cadence: String,
    /// `(kind, label, address)`.
    pub channels: Vec<(String, String, String)>,
}

fn group(t: Tr, community: &Community) -> GroupView {
    let fields = &community.fields;
    GroupView {
        slug: fields.slug.as_str().to_owned(),
        name: fields.name.clone(),
        kind: t.get(&format!("kind-{}", fields.kind.as_str().replace('_', "-"))),
        cadence: fields.cadence.clone(),
        channels: fields
            .channels
            .iter()
            .map(|c| {
                (
                    t.get(&format!("channel-{}", c.kind.as_str().replace('_', "-"))),
                    c.label.clone(),
                    c.url.clone(),
                )
            })
            .collect(),
    }
}

/// The public home page's content, which `site_home.html` renders: the
/// welcome and logo, the ways to get involved, the communities and working
/// groups, and the highlights to come. A page that includes the partial
/// names this `public`.
pub struct PublicHome {
    pub welcome: String,
    pub logo: Option<i64>,
    pub cards: Vec<EntryView>,
    pub groups: Vec<GroupView>,
    pub highlights: Vec<EntryView>,
}

impl PublicHome {
    pub async fn load(state: &AppState, viewer: &Viewer) -> Result<Self, WebError> {
        let t = Tr(viewer.language);
        let home = outreach::home(&state.context()).await?;
        Ok(Self {
            welcome: to_safe_html(home.settings.text(TextKey::Welcome).get(viewer.language)),
            logo: home.settings.logo.map(|l| l.0),
            cards: home.cards.iter().map(|e| EntryView::new(t, e)).collect(),
            groups: home.communities.iter().map(|c| group(t, c)).collect(),
            highlights: home
                .highlights
                .iter()
                .map(|e| EntryView::new(t, e))
                .collect(),
        })
    }
}

#[derive(Template)]
#[template(path = "site/site_how.html")]
struct HowPage {
    l: Layout,
    rules: String,
    affiliation: String,
    free: bool,
    licence: (String, String),
    conduct: String,
    chatham: String,
}

async fn how_we_work(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let how = outreach::how_we_work(&state.context()).await?;
    let text = |key| to_safe_html(how.settings.text(key).get(viewer.language));
    render(&HowPage {
        l: Layout::new(&state, &viewer, "how-title", "/how-we-work"),
        rules: text(TextKey::Rules),
        affiliation: t.get(match how.policy {
            MembershipPolicy::IndividualsOnly => "how-affiliation-individuals-only",
            MembershipPolicy::OrganisationsOnly => "how-affiliation-organisations-only",
            MembershipPolicy::Both => "how-affiliation-both",
        }),
        free: how.settings.free_participation,
        licence: (
            how.settings.licence.name.clone(),
            how.settings
                .licence
                .url
                .as_ref()
                .map(|u| u.as_str().to_owned())
                .unwrap_or_default(),
        ),
        conduct: text(TextKey::CodeOfConduct),
        chatham: text(TextKey::Chatham),
    })
}

/// An adopter's card.
struct AdopterView {
    name: String,
    text: String,
    link: String,
    logo: Option<i64>,
    /// The first letter of the name, shown when there is no logo.
    initial: String,
}

#[derive(Template)]
#[template(path = "site/site_adopters.html")]
struct AdoptersPage {
    l: Layout,
    groups: Vec<(String, Vec<AdopterView>)>,
    /// The organisations the viewer represents: `(id, name, shown)`.
    represented: Vec<(i64, String, bool)>,
}

async fn who_uses_it(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let showcase = outreach::showcase(&state.context(), viewer.actor()).await?;
    render(&AdoptersPage {
        l: Layout::new(&state, &viewer, "adopters-title", "/who-uses-it"),
        groups: showcase
            .groups
            .into_iter()
            .map(|(category, cards)| {
                let cards = cards
                    .into_iter()
                    .map(|card| AdopterView {
                        initial: card
                            .name
                            .chars()
                            .next()
                            .map(String::from)
                            .unwrap_or_default(),
                        text: card.text.get(viewer.language).to_owned(),
                        name: card.name,
                        link: card.link.unwrap_or_default(),
                        logo: card.logo.map(|l| l.0),
                    })
                    .collect();
                (t.get(&category.label_key()), cards)
            })
            .collect(),
        represented: showcase
            .represented
            .into_iter()
            .map(|(o, shown)| (o.id.0, o.fields.name.as_str().to_owned(), shown))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "site/site_ask.html")]
pub(crate) struct AskPage {
    l: Layout,
    form: AdopterInput,
    categories: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

async fn ask_form(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let form = AdopterInput {
        email: viewer
            .account
            .as_ref()
            .map(|a| a.email.as_str().to_owned())
            .unwrap_or_default(),
        ..AdopterInput::default()
    };
    ask_page(&state, &viewer, form, &[])
}

/// The "ask to be listed" form, with the refused fields when there are.
pub(crate) fn ask_page(
    state: &AppState,
    viewer: &Viewer,
    form: AdopterInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    render_form(
        &AskPage {
            l: Layout::new(state, viewer, "adopters-ask", "/who-uses-it/ask"),
            form,
            categories: OrganisationCategory::ALL
                .iter()
                .map(|c| (c.as_str(), t.get(&c.label_key())))
                .collect(),
            errors: FieldErrors::new(viewer.language, errors),
        },
        errors,
    )
}

#[derive(serde::Deserialize)]
struct ShowcaseForm {
    /// `on` to show the organisation, anything else to hide it.
    #[serde(default)]
    shown: String,
    /// The page to return to.
    next: Option<String>,
}

async fn showcase(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ShowcaseForm>,
) -> Result<Response, WebError> {
    outreach::show_organisation(
        &state.context(),
        viewer.actor(),
        OrganisationId(id),
        form.shown == "on",
    )
    .await?;
    Ok(see_other(local_path(
        form.next.as_deref().or(Some("/who-uses-it")),
    )))
}

#[derive(Template)]
#[template(path = "site/site_developers.html")]
struct DevelopersPage {
    l: Layout,
    intro: String,
    listed: Vec<EntryView>,
    /// `(name, what they did)`.
    contributors: Vec<(String, String)>,
    others: usize,
}

async fn developers(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let language = viewer.language;
    let developers = outreach::developers(&state.context(), viewer.actor()).await?;
    render(&DevelopersPage {
        l: Layout::new(&state, &viewer, "developers-title", "/who-develops"),
        intro: to_safe_html(developers.settings.text(TextKey::Developers).get(language)),
        listed: developers
            .listed
            .iter()
            .map(|e| EntryView::new(t, e))
            .collect(),
        contributors: developers
            .contributors
            .iter()
            .map(|c| {
                let count = c.contributions.to_string();
                let date = c.last_on.long(language);
                (
                    c.display_name.as_str().to_owned(),
                    cercle_core::kernel::i18n::text_with(
                        language,
                        "developers-contributions",
                        &[("count", &count), ("date", &date)],
                    ),
                )
            })
            .collect(),
        others: developers.others,
    })
}

#[derive(Template)]
#[template(path = "site/site_help.html")]
struct HelpPage {
    l: Layout,
    intro: String,
    channels: Vec<EntryView>,
    lists: Vec<EntryView>,
    steering_email: String,
    steering_note: String,
}

async fn help(State(state): State<AppState>, viewer: Viewer) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let language: Language = viewer.language;
    let help = outreach::help(&state.context()).await?;
    render(&HelpPage {
        l: Layout::new(&state, &viewer, "help-title", "/help"),
        intro: to_safe_html(help.settings.text(TextKey::Help).get(language)),
        channels: help.channels.iter().map(|e| EntryView::new(t, e)).collect(),
        lists: help
            .mailing_lists
            .iter()
            .map(|e| EntryView::new(t, e))
            .collect(),
        steering_email: help
            .settings
            .steering_email
            .as_ref()
            .map(|e| e.as_str().to_owned())
            .unwrap_or_default(),
        steering_note: to_safe_html(help.settings.text(TextKey::SteeringNote).get(language)),
    })
}

/// No script may run in an uploaded image, even opened on its own: an SVG
/// gets styles and nothing else.
const IMAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

async fn image(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let image = outreach::image(&state.context(), viewer.actor(), ImageId(id)).await?;
    Ok(image_response(image))
}

/// An image as served: its own type, never sniffed, never a document that
/// runs anything (an SVG's scripts stay inert).
pub(crate) fn image_response(image: StoredImage) -> Response {
    // A logo waiting for review must not linger in shared caches.
    let cache = if image.public {
        "public, max-age=3600"
    } else {
        "private, no-store"
    };
    let mut response = image.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(image.kind.content_type()),
    );
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(IMAGE_POLICY),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}
