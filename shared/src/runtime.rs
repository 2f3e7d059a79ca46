//! What every function's `main.rs` calls: tracing, configuration and clients once, then the
//! Lambda runtime loop borrowing them.

use std::convert::Infallible;

use lambda_http::{service_fn, Request};

use crate::app::App;
use crate::routes::{dispatch, Endpoint};
use crate::telemetry;

/// Runs one HTTP endpoint as a Lambda function behind API Gateway.
pub async fn run_http(endpoint: Endpoint) -> Result<(), lambda_http::Error> {
    telemetry::init();
    let app = App::from_env().await?;
    let app = &app;
    lambda_http::run(service_fn(move |req: Request| async move {
        Ok::<_, Infallible>(dispatch(endpoint, app, req).await)
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
