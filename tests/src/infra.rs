//! The local table, bucket and SES identity, created from the same definition as the
//! deployed ones: the `Table` resource of `infra/template.yaml`.

use std::path::PathBuf;

use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection, ProjectionType, ScalarAttributeType,
    TimeToLiveSpecification,
};
use serde_yaml::Value;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The SAM template, parsed (CloudFormation tags such as `!Ref` become tagged values).
pub fn template() -> Result<Value, BoxError> {
    let text = std::fs::read_to_string(root().join("infra/template.yaml"))?;
    Ok(serde_yaml::from_str(&text)?)
}

fn s<'a>(v: &'a Value, key: &str) -> Result<&'a str, BoxError> {
    v.get(key).and_then(Value::as_str).ok_or_else(|| format!("template: missing {key}").into())
}

fn key_schema(v: &Value) -> Result<Vec<KeySchemaElement>, BoxError> {
    let list = v.get("KeySchema").and_then(Value::as_sequence).ok_or("template: missing KeySchema")?;
    list.iter()
        .map(|k| {
            Ok(KeySchemaElement::builder().attribute_name(s(k, "AttributeName")?).key_type(KeyType::from(s(k, "KeyType")?)).build()?)
        })
        .collect()
}

/// Creates a table named `name` exactly as the template's `Table` resource describes it
/// (keys, GSIs, stream, on-demand billing, TTL attribute). Does nothing if it exists.
pub async fn create_table(client: &aws_sdk_dynamodb::Client, name: &str) -> Result<(), BoxError> {
    if client.describe_table().table_name(name).send().await.is_ok() {
        return Ok(());
    }
    let t = template()?;
    let props = &t["Resources"]["Table"]["Properties"];
    let mut req = client.create_table().table_name(name).billing_mode(BillingMode::PayPerRequest);
    for a in props["AttributeDefinitions"].as_sequence().ok_or("template: AttributeDefinitions")? {
        req = req.attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(s(a, "AttributeName")?)
                .attribute_type(ScalarAttributeType::from(s(a, "AttributeType")?))
                .build()?,
        );
    }
    req = req.set_key_schema(Some(key_schema(props)?));
    let stream = s(&props["StreamSpecification"], "StreamViewType")?;
    req = req.stream_specification(
        aws_sdk_dynamodb::types::StreamSpecification::builder()
            .stream_enabled(true)
            .stream_view_type(aws_sdk_dynamodb::types::StreamViewType::from(stream))
            .build()?,
    );
    for g in props["GlobalSecondaryIndexes"].as_sequence().ok_or("template: GlobalSecondaryIndexes")? {
        let projection = s(&g["Projection"], "ProjectionType")?;
        req = req.global_secondary_indexes(
            GlobalSecondaryIndex::builder()
                .index_name(s(g, "IndexName")?)
                .set_key_schema(Some(key_schema(g)?))
                .projection(Projection::builder().projection_type(ProjectionType::from(projection)).build())
                .build()?,
        );
    }
    req.send().await?;
    let ttl = &props["TimeToLiveSpecification"];
    client
        .update_time_to_live()
        .table_name(name)
        .time_to_live_specification(
            TimeToLiveSpecification::builder()
                .attribute_name(s(ttl, "AttributeName")?)
                .enabled(ttl["Enabled"].as_bool().unwrap_or(true))
                .build()?,
        )
        .send()
        .await?;
    Ok(())
}

/// Creates the bucket (private by default in the emulator as in AWS) if missing, versioned
/// as the template's.
pub async fn create_bucket(client: &aws_sdk_s3::Client, name: &str, region: &str) -> Result<(), BoxError> {
    if client.head_bucket().bucket(name).send().await.is_ok() {
        return Ok(());
    }
    let mut req = client.create_bucket().bucket(name);
    if region != "us-east-1" {
        req = req.create_bucket_configuration(
            aws_sdk_s3::types::CreateBucketConfiguration::builder()
                .location_constraint(aws_sdk_s3::types::BucketLocationConstraint::from(region))
                .build(),
        );
    }
    req.send().await?;
    let enabled = aws_sdk_s3::types::VersioningConfiguration::builder().status(aws_sdk_s3::types::BucketVersioningStatus::Enabled).build();
    client.put_bucket_versioning().bucket(name).versioning_configuration(enabled).send().await?;
    Ok(())
}

/// Verifies the sender's domain in SES (the emulator rejects mail from unknown identities).
pub async fn create_mail_identity(client: &aws_sdk_sesv2::Client, mail_from: &str) -> Result<(), BoxError> {
    let address = mail_from.rsplit('<').next().unwrap_or(mail_from).trim_end_matches('>');
    let domain = address.rsplit('@').next().ok_or("MAIL_FROM without a domain")?;
    if client.get_email_identity().email_identity(domain).send().await.is_ok() {
        return Ok(());
    }
    client.create_email_identity().email_identity(domain).send().await?;
    Ok(())
}
