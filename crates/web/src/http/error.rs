//! The one error type of the web layer.
//!
//! A handler returns a [`WebError`]; its `IntoResponse` only sets the status
//! and leaves the error in the response's extensions. The `render_errors`
//! middleware, which knows the reader's language and whether the request
//! came to the API, then writes the body: an HTML page, or
//! `application/problem+json`. Internal errors are logged with their cause
//! and shown only as a generic sentence.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cercle_core::accounts::flows::FlowError;
use cercle_core::accounts::policy::Denial;
use cercle_core::kernel::store::StoreError;
use cercle_core::kernel::validation::ValidationError;

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The request could not be read: bad JSON, wrong types, bad UTF-8, bad ids.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Well-formed, but some fields were refused.
    #[error("invalid input")]
    Invalid(Vec<ValidationError>),
    /// A sentence from the locale files, for refusals specific to one flow.
    #[error("refused: {1}")]
    Refused(StatusCode, &'static str),
    #[error("sign-in required")]
    SignInRequired,
    /// A bearer token that is malformed, unknown or revoked.
    #[error("invalid API token")]
    InvalidToken,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("cross-site request refused")]
    CrossSite,
    #[error("rate limited for {retry_after} s")]
    RateLimited { retry_after: u64 },
    #[error("not ready")]
    Unavailable,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl WebError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Refused(status, _) => *status,
            Self::SignInRequired | Self::InvalidToken => StatusCode::UNAUTHORIZED,
            Self::Forbidden | Self::CrossSite => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The locale key of the sentence shown to the reader.
    pub fn message_key(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "error-bad-request",
            Self::Invalid(errors) => errors.first().map_or("error-bad-request", |e| e.message),
            Self::Refused(_, key) => key,
            Self::SignInRequired => "error-sign-in-required",
            Self::InvalidToken => "error-invalid-token",
            Self::Forbidden => "error-forbidden",
            Self::NotFound => "error-not-found",
            Self::PayloadTooLarge => "error-payload-too-large",
            Self::UnsupportedMediaType => "error-unsupported-media-type",
            Self::CrossSite => "error-cross-site",
            Self::RateLimited { .. } => "error-rate-limited",
            Self::Unavailable | Self::Internal(_) => "error-internal",
        }
    }

    /// Builds the error a failed extractor stands for, from its status.
    pub fn from_rejection(status: StatusCode, detail: String) -> Self {
        match status {
            StatusCode::PAYLOAD_TOO_LARGE => Self::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => Self::UnsupportedMediaType,
            status if status.is_server_error() => Self::Internal(anyhow::anyhow!(detail)),
            _ => Self::BadRequest(detail),
        }
    }
}

/// What `render_errors` finds in a response's extensions.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub message_key: &'static str,
    pub detail: Option<String>,
    pub fields: Vec<ValidationError>,
    pub retry_after: Option<u64>,
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if let Self::Internal(cause) = &self {
            tracing::error!(error = ?cause, "internal error");
        }
        let report = ErrorReport {
            message_key: self.message_key(),
            detail: match &self {
                Self::BadRequest(detail) => Some(detail.clone()),
                _ => None,
            },
            fields: match &self {
                Self::Invalid(fields) => fields.clone(),
                _ => Vec::new(),
            },
            retry_after: match self {
                Self::RateLimited { retry_after } => Some(retry_after),
                _ => None,
            },
        };
        let mut response = self.status().into_response();
        response.extensions_mut().insert(report);
        response
    }
}

impl From<StoreError> for WebError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => Self::NotFound,
            StoreError::Conflict => Self::Refused(StatusCode::CONFLICT, "error-bad-request"),
            StoreError::Other(cause) => Self::Internal(anyhow::anyhow!(cause)),
        }
    }
}

impl From<Denial> for WebError {
    fn from(denial: Denial) -> Self {
        match denial {
            Denial::SignInRequired => Self::SignInRequired,
            Denial::Forbidden => Self::Forbidden,
            Denial::Hidden => Self::NotFound,
        }
    }
}

impl From<FlowError> for WebError {
    fn from(error: FlowError) -> Self {
        match error {
            FlowError::Invalid(fields) => Self::Invalid(fields),
            FlowError::AlreadySetUp => Self::Refused(StatusCode::CONFLICT, "error-already-set-up"),
            FlowError::BadCredentials => Self::Refused(StatusCode::UNAUTHORIZED, "error-login"),
            FlowError::Unconfirmed => {
                Self::Refused(StatusCode::FORBIDDEN, "error-login-unconfirmed")
            }
            FlowError::InvalidLink => Self::Refused(StatusCode::NOT_FOUND, "error-link-invalid"),
            FlowError::WrongCurrentPassword => Self::Invalid(vec![ValidationError::new(
                "current_password",
                "error-current-password",
            )]),
            FlowError::Denied(denial) => denial.into(),
            FlowError::NotFound => Self::NotFound,
            FlowError::Store(error) => error.into(),
        }
    }
}
