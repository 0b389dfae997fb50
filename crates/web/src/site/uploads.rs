//! The public site's forms that carry a file: the "ask to be listed" form
//! and the association's logo, and their API twins, which take the same
//! multipart bodies. Their routers accept larger bodies than the rest of the
//! application.

use std::collections::HashMap;

use axum::extract::DefaultBodyLimit;
use axum::extract::State;
use axum::extract::multipart::{Field, Multipart, MultipartError};
use axum::http::StatusCode;
use axum::response::Response;
use cercle_core::accounts::flows::FlowError;
use cercle_core::kernel::image::{MAX_IMAGE_BYTES, Upload};
use cercle_core::site::outreach;
use cercle_core::site::pages::AdopterInput;

use crate::api::Problem;
use crate::http::error::WebError;
use crate::http::extract::ClientIp;
use crate::http::middleware::see_other;
use crate::http::page_routes;
use crate::http::rate_limit::Bucket;
use crate::state::AppState;
use crate::templates::notice;
use crate::viewer::Viewer;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

page_routes! {
    post "/who-uses-it/ask" => submit_adopter,
    post "/admin/site/logo" => set_logo,
}

/// The API twins, with the same larger body limit as the forms.
pub fn api_routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(submit_adopter_api))
        .routes(routes!(set_logo_api))
        .layer(DefaultBodyLimit::max(UPLOAD_BODY_LIMIT))
}

/// The largest body these forms may send: the biggest image accepted, its
/// other fields, and room to tell a file a little too large from a body
/// that is not a form at all.
pub const UPLOAD_BODY_LIMIT: usize = 2 * MAX_IMAGE_BYTES;

/// A multipart form: its text fields, and the file of field `file`, if one
/// was chosen.
pub(crate) struct Sent {
    fields: HashMap<String, String>,
    pub(crate) file: Option<Upload>,
}

impl Sent {
    pub(crate) async fn read(mut multipart: Multipart, file: &str) -> Result<Self, WebError> {
        let mut sent = Self {
            fields: HashMap::new(),
            file: None,
        };
        while let Some(field) = multipart.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            if name == file {
                let file_name = field.file_name().unwrap_or_default().to_owned();
                let bytes = read_bytes(field).await?;
                // A file input left empty still sends a part, nameless and empty.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    sent.file = Some(Upload { file_name, bytes });
                }
            } else {
                let value = field.text().await.map_err(refused)?;
                sent.fields.insert(name, value);
            }
        }
        Ok(sent)
    }

    fn take(&mut self, name: &str) -> String {
        self.fields.remove(name).unwrap_or_default()
    }
}

/// Reads a file part, keeping no more than one byte past the largest image
/// accepted: enough for the image's checks to refuse it as too large.
async fn read_bytes(mut field: Field<'_>) -> Result<Vec<u8>, WebError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(refused)? {
        if bytes.len() <= MAX_IMAGE_BYTES {
            let room = MAX_IMAGE_BYTES + 1 - bytes.len();
            bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        }
    }
    Ok(bytes)
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "called through map_err, which hands the error over by value"
)]
fn refused(error: MultipartError) -> WebError {
    WebError::from_rejection(error.status(), error.body_text())
}

async fn submit_adopter(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    multipart: Multipart,
) -> Result<Response, WebError> {
    state.limiter.check(Bucket::Listing, client)?;
    let mut sent = Sent::read(multipart, "logo").await?;
    let input = AdopterInput {
        name: sent.take("name"),
        category: sent.take("category"),
        text: sent.take("text"),
        link: sent.take("link"),
        email: sent.take("email"),
    };
    match outreach::submit_adopter(
        &state.context(),
        viewer.actor(),
        (&input, sent.file.as_ref()),
        viewer.language,
    )
    .await
    {
        Ok(_) => notice(
            &state,
            &viewer,
            ("adopter-received-title", "adopter-received"),
            Some(("/who-uses-it", "adopters-title")),
        ),
        Err(FlowError::Invalid(errors)) => {
            crate::site::pages::ask_page(&state, &viewer, input, &errors)
        }
        Err(other) => Err(other.into()),
    }
}

async fn set_logo(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let sent = Sent::read(multipart, "logo").await?;
    let upload = sent.file.unwrap_or(Upload {
        file_name: String::new(),
        bytes: Vec::new(),
    });
    match outreach::set_logo(&state.context(), viewer.actor(), &upload).await {
        Ok(_) => Ok(see_other("/admin/site")),
        Err(FlowError::Invalid(errors)) => {
            crate::site::admin::settings_page(&state, &viewer, None, &errors).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The "ask to be listed" form, as `multipart/form-data`: `name`,
/// `category`, `text`, `link`, `email`, and an optional `logo` file (PNG,
/// JPEG or WebP).
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "it only describes the multipart body in the OpenAPI document"
)]
struct AdopterForm {
    name: String,
    category: String,
    text: String,
    link: String,
    email: String,
    #[schema(format = Binary)]
    logo: Option<Vec<u8>>,
}

#[utoipa::path(post, path = "/api/v1/adopters", tag = "site",
    request_body(content = AdopterForm, content_type = "multipart/form-data"),
    responses(
        (status = 202, description = "Received: it shows once a moderator approves it"),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field or the logo refused", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json")))]
async fn submit_adopter_api(
    State(state): State<AppState>,
    viewer: Viewer,
    ClientIp(client): ClientIp,
    multipart: Multipart,
) -> Result<StatusCode, WebError> {
    state.limiter.check(Bucket::Listing, client)?;
    let mut sent = Sent::read(multipart, "logo").await?;
    let input = AdopterInput {
        name: sent.take("name"),
        category: sent.take("category"),
        text: sent.take("text"),
        link: sent.take("link"),
        email: sent.take("email"),
    };
    outreach::submit_adopter(
        &state.context(),
        viewer.actor(),
        (&input, sent.file.as_ref()),
        viewer.language,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}

/// The association's logo, as `multipart/form-data` with one `logo` file.
#[derive(utoipa::ToSchema)]
#[expect(
    dead_code,
    reason = "it only describes the multipart body in the OpenAPI document"
)]
struct LogoForm {
    #[schema(format = Binary)]
    logo: Vec<u8>,
}

#[utoipa::path(put, path = "/api/v1/site/logo", tag = "site", security(("bearer" = [])),
    request_body(content = LogoForm, content_type = "multipart/form-data"),
    responses(
        (status = 204, description = "The new logo shows on every page"),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "A read-only token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not allowed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No image, or one refused", body = Problem, content_type = "application/problem+json")))]
async fn set_logo_api(
    State(state): State<AppState>,
    viewer: Viewer,
    multipart: Multipart,
) -> Result<StatusCode, WebError> {
    let sent = Sent::read(multipart, "logo").await?;
    let upload = sent.file.unwrap_or(Upload {
        file_name: String::new(),
        bytes: Vec::new(),
    });
    outreach::set_logo(&state.context(), viewer.actor(), &upload).await?;
    Ok(StatusCode::NO_CONTENT)
}
