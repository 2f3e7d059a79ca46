//! How the binary runs as a Lambda function: tracing, configuration and clients once, then
//! the Lambda runtime loop of the endpoint or job that `PLATFORM_FUNCTION` names.

use std::convert::Infallible;

use lambda_http::{service_fn, Request};
use shared::{telemetry, App};

use crate::routes::{self, Endpoint, Function, Job};

/// The environment variable the template sets on every function: its endpoint or job.
pub const FUNCTION_VARIABLE: &str = "PLATFORM_FUNCTION";

/// Reads `PLATFORM_FUNCTION` and runs that endpoint or job; a missing or unknown name is a
/// failed cold start (logged, then returned to the Lambda runtime).
pub async fn run_from_env() -> Result<(), lambda_runtime::Error> {
    telemetry::init();
    let Ok(name) = std::env::var(FUNCTION_VARIABLE) else {
        let message = format!("{FUNCTION_VARIABLE} is not set: the template gives every function the name of its endpoint or job");
        tracing::error!("{message}");
        return Err(message.into());
    };
    match routes::function_named(&name) {
        // Boxed: one endpoint's or job's future does not size the other's.
        Some(Function::Http(endpoint)) => Box::pin(run_http(endpoint)).await,
        Some(Function::Scheduled(job)) => Box::pin(run_scheduled(job)).await,
        None => {
            let message = format!("{FUNCTION_VARIABLE}={name:?} names no endpoint or job of the route table (functions/src/routes.rs)");
            tracing::error!(function = %name, "{message}");
            Err(message.into())
        }
    }
}

/// Runs one HTTP endpoint behind API Gateway; every error becomes a problem+json response.
pub async fn run_http(endpoint: Endpoint) -> Result<(), lambda_runtime::Error> {
    let app = App::from_env().await?;
    let app = &app;
    tracing::debug!(function = endpoint.function(), "starting");
    lambda_http::run(service_fn(move |req: Request| async move { Ok::<_, Infallible>(routes::dispatch(endpoint, app, req).await) })).await
}

/// Runs one scheduled job behind an EventBridge schedule. A failure is reported to Lambda
/// (and retried by EventBridge); jobs are safe to run twice.
pub async fn run_scheduled(job: Job) -> Result<(), lambda_runtime::Error> {
    let app = App::from_env().await?;
    let app = &app;
    lambda_runtime::run(lambda_runtime::service_fn(move |event: lambda_runtime::LambdaEvent<serde_json::Value>| async move {
        routes::run(job, app, event.payload).await.map_err(|e| {
            tracing::error!(error = %e, "scheduled job failed");
            lambda_runtime::Error::from(e.to_string())
        })
    }))
    .await
}
