//! The one `bootstrap` executable of every Lambda function: the template tells it which
//! endpoint or job it is through `PLATFORM_FUNCTION`; an unknown or missing name fails the
//! cold start with a clear log line.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    functions::runtime::run_from_env().await
}
