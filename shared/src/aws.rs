//! SDK clients, built once per cold start from the standard AWS environment.
//!
//! `AWS_ENDPOINT_URL` (honoured by `aws_config` itself) points every client at the local
//! emulator in development and tests; S3 then needs path-style addressing.

use aws_config::{BehaviorVersion, SdkConfig};

#[derive(Debug, Clone)]
pub struct Clients {
    pub dynamo: aws_sdk_dynamodb::Client,
    pub s3: aws_sdk_s3::Client,
    pub ses: aws_sdk_sesv2::Client,
}

impl Clients {
    pub async fn from_env() -> Self {
        let sdk = aws_config::load_defaults(BehaviorVersion::latest()).await;
        Self::from_sdk_config(&sdk)
    }

    pub fn from_sdk_config(sdk: &SdkConfig) -> Self {
        Self { dynamo: aws_sdk_dynamodb::Client::new(sdk), s3: s3_client(sdk), ses: aws_sdk_sesv2::Client::new(sdk) }
    }
}

/// An S3 client; path-style addressing only when an endpoint override (the emulator) is set.
pub fn s3_client(sdk: &SdkConfig) -> aws_sdk_s3::Client {
    let conf = aws_sdk_s3::config::Builder::from(sdk).force_path_style(sdk.endpoint_url().is_some()).build();
    aws_sdk_s3::Client::from_conf(conf)
}
