//! SDK clients, built once per cold start from the standard AWS environment, each by the one
//! module that talks to its service (store, documents, mail).
//!
//! `AWS_ENDPOINT_URL` (honoured by `aws_config` itself) points every client at the local
//! emulator in development and tests; S3 then needs path-style addressing.

use aws_config::{BehaviorVersion, SdkConfig};

pub use crate::documents::client as s3_client;

#[derive(Debug, Clone)]
pub struct Clients {
    pub dynamo: crate::store::DynamoClient,
    pub s3: crate::documents::S3Client,
    pub ses: crate::mail::SesClient,
}

impl Clients {
    pub async fn from_env() -> Self {
        let sdk = aws_config::load_defaults(BehaviorVersion::latest()).await;
        Self::from_sdk_config(&sdk)
    }

    pub fn from_sdk_config(sdk: &SdkConfig) -> Self {
        Self { dynamo: crate::store::client(sdk), s3: s3_client(sdk), ses: crate::mail::client(sdk) }
    }
}
