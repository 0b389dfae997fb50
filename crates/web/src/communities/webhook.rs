//! A community's chat webhook, for those who manage its content: where it
//! posts, setting or replacing it, and removing it.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::communities::flows::CommunityView;
use cercle_core::communities::webhook::{
    self, Webhook, WebhookInput, WebhookKind, WebhookSubmission,
};
use cercle_core::kernel::i18n;
use cercle_core::kernel::validation::ValidationError;

use crate::http::error::WebError;
use crate::http::extract::{Form, Path};
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::state::AppState;
use crate::templates::{FieldErrors, Layout, Tr, render_form};
use crate::viewer::Viewer;

page_routes! {
    get "/c/{slug}/webhook" => page,
    post "/c/{slug}/webhook" => save,
    post "/c/{slug}/webhook/remove" => remove,
}

#[derive(Template)]
#[template(path = "communities/community_webhook.html")]
struct WebhookPage {
    l: Layout,
    slug: String,
    name: String,
    /// Where the webhook posts now, its secret path hidden.
    current: Option<String>,
    kinds: Vec<(&'static str, String)>,
    input: WebhookInput,
    errors: FieldErrors,
}

async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let (view, current) = webhook::webhook_of(&state.context(), viewer.actor(), &slug).await?;
    let input = WebhookInput {
        kind: current
            .as_ref()
            .map_or(WebhookKind::Slack, |w| w.kind)
            .as_str()
            .to_owned(),
        url: String::new(),
    };
    webhook_page(&state, &viewer, (&view, current.as_ref()), input, &[])
}

async fn save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<WebhookInput>,
) -> Result<Response, WebError> {
    let submission = WebhookSubmission {
        slug: &slug,
        input: &input,
        private_networks: state.settings.private_networks,
    };
    match webhook::set_webhook(&state.context(), viewer.actor(), &submission).await {
        Ok(()) => Ok(see_other(&format!("/c/{slug}/webhook"))),
        Err(FlowError::Invalid(errors)) => {
            let (view, current) =
                webhook::webhook_of(&state.context(), viewer.actor(), &slug).await?;
            webhook_page(&state, &viewer, (&view, current.as_ref()), input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn remove(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    webhook::remove_webhook(&state.context(), viewer.actor(), &slug).await?;
    Ok(see_other(&format!("/c/{slug}/webhook")))
}

/// The page for the community and its webhook, with the form showing `input`.
fn webhook_page(
    state: &AppState,
    viewer: &Viewer,
    (view, current): (&CommunityView, Option<&Webhook>),
    input: WebhookInput,
    errors: &[ValidationError],
) -> Result<Response, WebError> {
    let t = Tr(viewer.language);
    let fields = &view.community.fields;
    let kind_label = |kind: WebhookKind| t.get(&format!("webhook-kind-{}", kind.as_str()));
    let page = WebhookPage {
        l: Layout::new(
            state,
            viewer,
            "webhook-title",
            &format!("/c/{}/webhook", fields.slug.as_str()),
        ),
        slug: fields.slug.as_str().to_owned(),
        name: fields.name.clone(),
        current: current.map(|w| {
            let (url, kind) = (w.url.masked(), kind_label(w.kind));
            i18n::text_with(
                viewer.language,
                "webhook-current",
                &[("url", &url), ("kind", &kind)],
            )
        }),
        kinds: WebhookKind::ALL
            .into_iter()
            .map(|kind| (kind.as_str(), kind_label(kind)))
            .collect(),
        input,
        errors: FieldErrors::new(viewer.language, errors),
    };
    render_form(&page, errors)
}
