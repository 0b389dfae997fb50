//! Page rendering: the shared layout, translation in templates, field
//! errors, the notice page, and the stylesheets the binary serves.

use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use cercle_core::accounts::secret::TokenHash;
use cercle_core::kernel::association::Language;
use cercle_core::kernel::i18n;
use cercle_core::kernel::validation::ValidationError;

use crate::http::error::WebError;
use crate::state::AppState;
use crate::viewer::Viewer;

/// Translates in templates: `{{ t.get("key") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Language);

impl Tr {
    pub fn get(&self, key: &str) -> String {
        i18n::text(self.0, key)
    }

    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        i18n::text_with(self.0, key, &[(name, value)])
    }

    /// "Page 2 of 5".
    pub fn position(&self, page: u32, pages: u32) -> String {
        i18n::text_with(
            self.0,
            "pages-position",
            &[("page", &page.to_string()), ("pages", &pages.to_string())],
        )
    }
}

/// The addresses of the pages before and after `page` of `pages`, when there
/// are, `link` giving a page's address by its number; a page asked for
/// beyond the last leads back to the last.
pub(crate) fn around(
    page: u32,
    pages: u32,
    link: impl Fn(u32) -> String,
) -> (Option<String>, Option<String>) {
    (
        (page > 1).then(|| link(page.min(pages + 1) - 1)),
        (page < pages).then(|| link(page + 1)),
    )
}

/// Where a page of a staff list stands, and the pages around it, as
/// `pager.html` shows them.
pub struct Pager {
    /// The navigation's accessible name.
    pub label: String,
    pub position: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pager of a list at `path` searched by `words`, which its links
    /// keep; `label` is the key of its accessible name.
    pub fn searched(t: Tr, label: &str, path: &str, words: &str, page: u32, pages: u32) -> Self {
        let link = |page: u32| {
            let mut query = url::form_urlencoded::Serializer::new(String::new());
            if !words.is_empty() {
                query.append_pair("q", words);
            }
            query.append_pair("page", &page.to_string());
            format!("{path}?{}", query.finish())
        };
        let (previous, next) = around(page, pages, link);
        Self {
            label: t.get(label),
            position: t.position(page, pages),
            previous,
            next,
        }
    }
}

/// What every page shows around its content.
pub struct Layout {
    pub t: Tr,
    pub lang: &'static str,
    pub title: String,
    pub association: String,
    pub stylesheet: String,
    pub theme: String,
    pub viewer_name: Option<String>,
    /// Sees the administration: settings, site, audit log, newsletter.
    pub can_administer: bool,
    /// Bureau, treasurer or administrator: sees the register.
    pub is_staff: bool,
    /// Sees the bureau's sessions.
    pub is_bureau: bool,
    /// Reviews the adopters who asked to be listed.
    pub may_moderate: bool,
    /// Reads the private security inbox.
    pub security_inbox: bool,
    /// Before setup there is nowhere to go but the setup page.
    pub set_up: bool,
    /// The current path, where the language switcher returns.
    pub path: String,
    /// "Notifications", with the number unread when there are some.
    pub notifications: String,
}

impl Layout {
    pub fn new(state: &AppState, viewer: &Viewer, title_key: &str, path: &str) -> Self {
        let t = Tr(viewer.language);
        let association = state.association();
        let colour = association.as_ref().map_or_else(
            || {
                cercle_core::kernel::association::ThemeColour::default()
                    .as_str()
                    .to_owned()
            },
            |a| a.theme_colour.as_str().to_owned(),
        );
        Self {
            lang: viewer.language.code(),
            title: t.get(title_key),
            association: state.association_name(),
            stylesheet: stylesheet_path(),
            theme: format!("/assets/theme-{}.css", colour.trim_start_matches('#')),
            viewer_name: viewer
                .account
                .as_ref()
                .map(|a| a.display_name.as_str().to_owned()),
            can_administer: cercle_core::accounts::policy::check(
                viewer.actor(),
                cercle_core::accounts::policy::Action::ManageSettings,
            )
            .is_ok(),
            is_bureau: cercle_core::accounts::policy::check(
                viewer.actor(),
                cercle_core::accounts::policy::Action::ExamineApplications,
            )
            .is_ok(),
            may_moderate: cercle_core::accounts::policy::check(
                viewer.actor(),
                cercle_core::accounts::policy::Action::ModerateAdopters,
            )
            .is_ok(),
            security_inbox: cercle_core::accounts::policy::check(
                viewer.actor(),
                cercle_core::accounts::policy::Action::ReadSecurityReports,
            )
            .is_ok(),
            is_staff: cercle_core::accounts::policy::check(
                viewer.actor(),
                cercle_core::accounts::policy::Action::ViewRegister,
            )
            .is_ok(),
            set_up: association.is_some(),
            path: path.to_owned(),
            notifications: match viewer.unread {
                Some(count) if count > 0 => {
                    t.with("nav-notifications-unread", "count", &count.to_string())
                }
                _ => t.get("nav-notifications"),
            },
            t,
        }
    }

    pub fn languages(&self) -> [(&'static str, &'static str, bool); 2] {
        [
            ("fr", "Français", self.lang == "fr"),
            ("en", "English", self.lang == "en"),
        ]
    }
}

/// Field errors of a form, translated, to show next to each field.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn new(language: Language, errors: &[ValidationError]) -> Self {
        Self(
            errors
                .iter()
                .map(|e| (e.field, i18n::text(language, e.message)))
                .collect(),
        )
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.0
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `aria-invalid` and `aria-describedby` for a field's input.
    pub fn aria(&self, field: &str) -> String {
        if self.get(field).is_some() {
            format!("aria-invalid=\"true\" aria-describedby=\"{field}-error\"")
        } else {
            String::new()
        }
    }
}

/// Gives a rendered page another status, such as 422 for a refused form.
pub fn with_status(
    page: Result<Response, WebError>,
    status: axum::http::StatusCode,
) -> Result<Response, WebError> {
    page.map(|mut response| {
        *response.status_mut() = status;
        response
    })
}

/// Renders a page holding a form: 200, or 422 when it shows refused fields.
pub fn render_form(page: &impl Template, errors: &[ValidationError]) -> Result<Response, WebError> {
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    with_status(render(page), status)
}

/// Renders a page template.
pub fn render(template: &impl Template) -> Result<Response, WebError> {
    template
        .render()
        .map(|html| Html(html).into_response())
        .map_err(|error| WebError::Internal(error.into()))
}

/// A page holding one sentence, and perhaps a link onwards.
#[derive(Template)]
#[template(path = "layout/notice.html")]
pub struct Notice {
    pub l: Layout,
    pub message: String,
    pub link: Option<(String, String)>,
}

/// Renders a [`Notice`] titled `title_key` saying `message_key`.
pub fn notice(
    state: &AppState,
    viewer: &Viewer,
    (title_key, message_key): (&str, &str),
    link: Option<(&str, &str)>,
) -> Result<Response, WebError> {
    let language = viewer.language;
    render(&Notice {
        l: Layout::new(state, viewer, title_key, "/"),
        message: i18n::text(language, message_key),
        link: link.map(|(href, key)| (href.to_owned(), i18n::text(language, key))),
    })
}

const STYLESHEET: &str = include_str!("../assets/app.css");

/// The stylesheet's address carries a digest of its content, so browsers may
/// cache it for ever and still see each new version.
/// Hashed once: the stylesheet is compiled in and never changes.
pub fn stylesheet_path() -> String {
    static PATH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "/assets/app-{}.css",
            &TokenHash::of(STYLESHEET).as_str()[..12]
        )
    });
    PATH.clone()
}

pub fn stylesheet() -> &'static str {
    STYLESHEET
}
