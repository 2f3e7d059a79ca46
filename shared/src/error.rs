//! One error type for every handler, turned into an `application/problem+json` response
//! (RFC 9457) with a French message and, for bad input, the offending field.

use http::StatusCode;
use lambda_http::{Body, Response};
use serde::Serialize;

use crate::texts::{err, problem};

/// A problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

impl From<crate::domain::error::FieldError> for FieldError {
    fn from(e: crate::domain::error::FieldError) -> Self {
        let message = crate::texts::refusals::problem(&e.field, &e.problem);
        FieldError { field: e.field, message }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// One or more input fields are invalid (400).
    #[error("invalid input: {0:?}")]
    Validation(Vec<FieldError>),
    /// The request itself is unusable: bad JSON, bad content type (400).
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("unauthenticated: {0}")]
    Unauthenticated(String),
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// Unknown, or not visible to the caller: existence never leaks (404).
    #[error("not found: {0}")]
    NotFound(String),
    /// Illegal state transition or write that lost a race (409).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A per-person limit was reached (429).
    #[error("too many requests: {0}")]
    TooManyRequests(String),
    /// AWS throttled us after the SDK's retries (503, retryable).
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// Anything else: logged with its cause chain, answered with an opaque 500.
    #[error(transparent)]
    Unexpected(#[from] UnexpectedError),
}

/// The domain's refusals at the edge: invalid input 400, not found 404, conflict 409, each
/// worded by `texts::refusals`.
impl From<crate::domain::error::DomainError> for ApiError {
    fn from(e: crate::domain::error::DomainError) -> Self {
        use crate::domain::error::DomainError;
        use crate::texts::refusals::refusal;
        match e {
            DomainError::Invalid(errors) => ApiError::Validation(errors.into_iter().map(FieldError::from).collect()),
            DomainError::BadRequest(r) => ApiError::BadRequest(refusal(&r)),
            DomainError::NotFound(r) => ApiError::NotFound(refusal(&r)),
            DomainError::Conflict(r) => ApiError::Conflict(refusal(&r)),
        }
    }
}

/// An unexpected failure, with its cause kept for the logs only.
#[derive(Debug, thiserror::Error)]
#[error("{context}: {source}")]
pub struct UnexpectedError {
    pub context: String,
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

impl ApiError {
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn unexpected<E>(context: impl Into<String>, source: E) -> Self
    where
        E: std::error::Error + Send + Sync + 'static,
    {
        ApiError::Unexpected(UnexpectedError { context: context.into(), source: Box::new(source) })
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn kind(&self) -> (&'static str, &'static str) {
        match self {
            ApiError::Validation(_) | ApiError::BadRequest(_) => ("validation", problem::VALIDATION),
            ApiError::Unauthenticated(_) => ("unauthenticated", problem::UNAUTHENTICATED),
            ApiError::Forbidden(_) => ("forbidden", problem::FORBIDDEN),
            ApiError::NotFound(_) => ("not-found", problem::NOT_FOUND),
            ApiError::Conflict(_) => ("conflict", problem::CONFLICT),
            ApiError::PayloadTooLarge => ("payload-too-large", problem::PAYLOAD_TOO_LARGE),
            ApiError::UnsupportedMediaType => ("unsupported-media-type", problem::UNSUPPORTED_MEDIA_TYPE),
            ApiError::MethodNotAllowed => ("method-not-allowed", problem::METHOD_NOT_ALLOWED),
            ApiError::TooManyRequests(_) => ("too-many-requests", problem::TOO_MANY_REQUESTS),
            ApiError::Unavailable(_) => ("unavailable", problem::UNAVAILABLE),
            ApiError::Unexpected(_) => ("internal", problem::INTERNAL),
        }
    }

    /// The problem document, as the client sees it.
    pub fn problem(&self) -> Problem {
        let (kind, title) = self.kind();
        let (detail, errors) = match self {
            ApiError::Validation(errors) => {
                let detail = errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ");
                (detail, errors.clone())
            }
            ApiError::BadRequest(d)
            | ApiError::Unauthenticated(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::Conflict(d)
            | ApiError::TooManyRequests(d) => (d.clone(), vec![]),
            ApiError::PayloadTooLarge => (err::BODY_TOO_LARGE.to_string(), vec![]),
            ApiError::UnsupportedMediaType => (err::BODY_NOT_JSON.to_string(), vec![]),
            ApiError::MethodNotAllowed => (err::ROUTE_NOT_FOUND.to_string(), vec![]),
            ApiError::Unavailable(_) => (err::UNAVAILABLE_DETAIL.to_string(), vec![]),
            ApiError::Unexpected(_) => (err::INTERNAL_DETAIL.to_string(), vec![]),
        };
        Problem {
            r#type: format!("urn:mecenat:problem:{kind}"),
            title: title.to_string(),
            status: self.status().as_u16(),
            detail,
            field: errors.first().map(|e| e.field.clone()),
            errors,
        }
    }

    pub fn into_response(self) -> Response<Body> {
        match &self {
            ApiError::Unexpected(e) => tracing::error!(error = %e, cause = ?e.source, "unexpected error"),
            ApiError::Unavailable(e) => tracing::warn!(error = %e, "throttled"),
            other => tracing::info!(status = other.status().as_u16(), error = %other, "request refused"),
        }
        let problem = self.problem();
        let body = serde_json::to_string(&problem).unwrap_or_else(|_| String::from("{}"));
        Response::builder()
            .status(self.status())
            .header(http::header::CONTENT_TYPE, "application/problem+json; charset=utf-8")
            .header(http::header::CACHE_CONTROL, "no-store")
            .body(Body::Text(body))
            .unwrap_or_else(|_| Response::new(Body::Empty))
    }
}

/// RFC 9457 problem details, with `field` and `errors` extensions naming bad input.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub r#type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

pub type ApiResult<T> = Result<T, ApiError>;

/// Collects field errors while validating a whole input, so the caller sees them all at once
/// (a domain field error is worded in French as it is collected).
pub type Errors = crate::domain::error::Collected<FieldError>;

impl crate::domain::error::Collected<FieldError> {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.push(FieldError::new(field, message));
    }

    pub fn finish(self) -> ApiResult<()> {
        self.into_result().map_err(ApiError::Validation)
    }
}
