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
