//! What every function's `main.rs` calls: tracing, configuration and clients once, then the
//! Lambda runtime loop borrowing them.

use std::convert::Infallible;

use lambda_http::{service_fn, Request};

use crate::app::App;
use crate::routes::{Endpoint, Handler};
use crate::telemetry;

/// Runs one HTTP endpoint as a Lambda function behind API Gateway. Taking the handler
/// itself (not going through `routes::dispatch`) lets the linker leave the other endpoints'
/// code out of the function's binary.
pub async fn run_http(endpoint: Endpoint, handler: Handler) -> Result<(), lambda_http::Error> {
    telemetry::init();
    let app = App::from_env().await?;
    let app = &app;
    tracing::debug!(function = endpoint.function(), "starting");
    lambda_http::run(service_fn(move |req: Request| async move {
        Ok::<_, Infallible>(handler(app, req).await.unwrap_or_else(|e| e.into_response()))
    }))
    .await
}

/// Runs one scheduled job as a Lambda function behind an EventBridge schedule. A failure is
/// reported to Lambda (and retried by EventBridge); jobs are safe to run twice.
pub async fn run_scheduled(job: crate::scheduled::Job) -> Result<(), lambda_runtime::Error> {
    telemetry::init();
    let app = App::from_env().await?;
    let app = &app;
    lambda_runtime::run(lambda_runtime::service_fn(move |event: lambda_runtime::LambdaEvent<serde_json::Value>| async move {
        crate::scheduled::run(job, app, event.payload).await.map_err(|e| {
            tracing::error!(error = %e, "scheduled job failed");
            lambda_runtime::Error::from(e.to_string())
        })
    }))
    .await
}
