//! The S3 adapter for generated documents (conventions, sign-in sheets, certificates): private
//! objects under versioned keys, handed out through short-lived presigned URLs. Only this
//! module talks to S3; every key comes from `keys`.

pub mod keys;

use std::time::Duration;

use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;

use crate::error::{ApiError, ApiResult};

/// The S3 client the documents are stored with.
pub type S3Client = aws_sdk_s3::Client;

/// An S3 client; path-style addressing only when an endpoint override (the emulator) is set.
pub fn client(sdk: &aws_config::SdkConfig) -> S3Client {
    let conf = aws_sdk_s3::config::Builder::from(sdk).force_path_style(sdk.endpoint_url().is_some()).build();
    aws_sdk_s3::Client::from_conf(conf)
}

#[derive(Debug, Clone)]
pub struct Documents {
    pub client: aws_sdk_s3::Client,
    pub bucket: String,
}

/// What S3 kept of a stored document.
/// SHA-256 of a document, hex: what parties confirm and what `put_pdf` records.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// A generated PDF as stored: its bytes (to attach) and its SHA-256 (to show and sign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPdf {
    pub bytes: Vec<u8>,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub key: String,
    /// The bucket's version id (the bucket is versioned; `None` in an unversioned bucket).
    pub version_id: Option<String>,
}

impl Documents {
    pub fn new(client: aws_sdk_s3::Client, bucket: impl Into<String>) -> Self {
        Self { client, bucket: bucket.into() }
    }

    /// The one way to store a generated document: renders the blocks, hashes the PDF and
    /// stores it privately under `key` with its SHA-256 in the metadata.
    pub async fn store_pdf(&self, key: &str, blocks: &[crate::pdf::Block], footer: &str) -> ApiResult<StoredPdf> {
        self.store_pdf_tagged(key, blocks, footer, &[]).await
    }

    /// [`Self::store_pdf`] with more metadata (what `get_with_metadata` reads back).
    pub async fn store_pdf_tagged(
        &self,
        key: &str,
        blocks: &[crate::pdf::Block],
        footer: &str,
        metadata: &[(&str, &str)],
    ) -> ApiResult<StoredPdf> {
        let bytes = crate::pdf::render(blocks, footer)?;
        let sha256 = sha256_hex(&bytes);
        let mut meta = vec![("sha256", sha256.as_str())];
        meta.extend_from_slice(metadata);
        self.put_object(key, bytes.clone(), "application/pdf", &meta, false).await?;
        Ok(StoredPdf { bytes, sha256 })
    }

    /// Stores an object privately with its metadata; with `once`, only if no object has the
    /// key (`If-None-Match: *`), which S3 answers with 412 (or 409 when another write of the
    /// key is in flight): `None` then.
    async fn put_object(
        &self,
        key: &str,
        bytes: Vec<u8>,
        content_type: &str,
        metadata: &[(&str, &str)],
        once: bool,
    ) -> ApiResult<Option<Stored>> {
        use aws_sdk_s3::error::ProvideErrorMetadata;
        let mut put = self.client.put_object().bucket(&self.bucket).key(key).content_type(content_type).body(ByteStream::from(bytes));
        for (name, value) in metadata {
            put = put.metadata(*name, *value);
        }
        if once {
            put = put.if_none_match("*");
        }
        match put.send().await {
            Ok(out) => Ok(Some(Stored { key: key.to_string(), version_id: out.version_id })),
            Err(e) if once && matches!(e.code(), Some("PreconditionFailed" | "ConditionalRequestConflict")) => Ok(None),
            Err(e) => Err(ApiError::unexpected("S3 PutObject", e)),
        }
    }

    /// Stores an object that may never be replaced (the write-once `signed/` prefix, whose
    /// bucket policy refuses any PutObject without `If-None-Match: *` and any deletion):
    /// `false` when the key already holds an object, which is left as it is.
    pub async fn put_once(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> ApiResult<bool> {
        let sha256 = sha256_hex(&bytes);
        Ok(self.put_object(key, bytes, content_type, &[("sha256", &sha256)], true).await?.is_some())
    }

    /// The object's bytes, or `None` when there is no such key. S3 answers a missing key
    /// with 404 only to a caller that may list the bucket; otherwise with 403 AccessDenied,
    /// indistinguishable from a real refusal. The policies grant `s3:ListBucket` on each
    /// prefix a function reads, and a 403 is still checked by listing the key: absent, it
    /// reads as missing; present, the refusal is real.
    pub async fn get_if_exists(&self, key: &str) -> ApiResult<Option<Vec<u8>>> {
        Ok(self.get_with_metadata(key).await?.map(|(bytes, _)| bytes))
    }

    /// [`Self::get_if_exists`] with the object's metadata.
    pub async fn get_with_metadata(&self, key: &str) -> ApiResult<Option<(Vec<u8>, std::collections::HashMap<String, String>)>> {
        use aws_sdk_s3::error::ProvideErrorMetadata;
        let out = match self.client.get_object().bucket(&self.bucket).key(key).send().await {
            Ok(out) => out,
            Err(e) if e.as_service_error().is_some_and(|s| s.is_no_such_key()) => return Ok(None),
            Err(e) if e.code() == Some("AccessDenied") && !self.listed(key).await? => return Ok(None),
            Err(e) => return Err(ApiError::unexpected("S3 GetObject", e)),
        };
        let metadata = out.metadata.clone().unwrap_or_default();
        let data = out.body.collect().await.map_err(|e| ApiError::unexpected("S3 body", e))?;
        Ok(Some((data.into_bytes().to_vec(), metadata)))
    }

    /// Whether an object has the key (HeadObject; a 403 is checked by listing, as in
    /// [`Self::get_if_exists`]).
    pub async fn exists(&self, key: &str) -> ApiResult<bool> {
        use aws_sdk_s3::error::ProvideErrorMetadata;
        match self.client.head_object().bucket(&self.bucket).key(key).send().await {
            Ok(_) => Ok(true),
            Err(e) if e.as_service_error().is_some_and(|s| s.is_not_found()) => Ok(false),
            Err(e) if e.code() == Some("AccessDenied") || e.raw_response().is_some_and(|r| r.status().as_u16() == 403) => {
                self.listed(key).await
            }
            Err(e) => Err(ApiError::unexpected("S3 HeadObject", e)),
        }
    }

    /// Whether `key` exists, by listing it (what `s3:ListBucket` on its prefix allows).
    async fn listed(&self, key: &str) -> ApiResult<bool> {
        let out =
            self.client.list_objects_v2().bucket(&self.bucket).prefix(key).max_keys(1).send().await.map_err(|e| {
                ApiError::unexpected("S3 ListObjectsV2 (after a 403 on GetObject: is s3:ListBucket granted on the prefix?)", e)
            })?;
        Ok(out.contents().iter().any(|o| o.key() == Some(key)))
    }

    /// The keys under `prefix` with their sizes (every page), in key order.
    pub async fn list(&self, prefix: &str) -> ApiResult<Vec<(String, i64)>> {
        let mut keys = Vec::new();
        let mut token = None;
        loop {
            let out = self
                .client
                .list_objects_v2()
                .bucket(&self.bucket)
                .prefix(prefix)
                .set_continuation_token(token)
                .send()
                .await
                .map_err(|e| ApiError::unexpected("S3 ListObjectsV2", e))?;
            keys.extend(out.contents().iter().filter_map(|o| o.key().map(|k| (k.to_string(), o.size().unwrap_or(0)))));
            match out.next_continuation_token() {
                Some(t) => token = Some(t.to_string()),
                None => return Ok(keys),
            }
        }
    }

    /// Deletes every object under `prefix` (every version's current object; the bucket's
    /// lifecycle expires the noncurrent ones): the purge of a retained engagement's documents.
    pub async fn delete_prefix(&self, prefix: &str) -> ApiResult<usize> {
        let keys = self.list(prefix).await?;
        for (key, _) in &keys {
            self.client
                .delete_object()
                .bucket(&self.bucket)
                .key(key)
                .send()
                .await
                .map_err(|e| ApiError::unexpected("S3 DeleteObject", e))?;
        }
        Ok(keys.len())
    }

    /// Stores any object privately.
    pub async fn put(&self, key: &str, bytes: Vec<u8>, content_type: &str) -> ApiResult<Stored> {
        let stored = self.put_object(key, bytes, content_type, &[], false).await?;
        stored.ok_or_else(|| ApiError::unexpected("S3 PutObject", std::io::Error::other(format!("{key} not stored"))))
    }

    /// The object's bytes; a missing key is an error.
    pub async fn get(&self, key: &str) -> ApiResult<Vec<u8>> {
        self.get_if_exists(key)
            .await?
            .ok_or_else(|| ApiError::unexpected("S3 GetObject", std::io::Error::other(format!("no object {key}"))))
    }

    /// A URL that downloads the document for `ttl`, saved under `filename`.
    pub async fn presigned_get(&self, key: &str, filename: &str, ttl: Duration) -> ApiResult<String> {
        let config = PresigningConfig::expires_in(ttl).map_err(|e| ApiError::unexpected("presigning config", e))?;
        let safe: String = filename.chars().map(|c| if c.is_ascii_alphanumeric() || ".-_".contains(c) { c } else { '_' }).collect();
        let req = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(key)
            .response_content_disposition(format!("attachment; filename=\"{safe}\""))
            .presigned(config)
            .await
            .map_err(|e| ApiError::unexpected("S3 presign", e))?;
        Ok(req.uri().to_string())
    }

    /// A presigned PUT for an upload whose type (and, when given, exact size) are signed: S3
    /// refuses any other `Content-Type` or `Content-Length`.
    pub async fn presigned_put(&self, key: &str, content_type: &str, size: Option<i64>, ttl: Duration) -> ApiResult<String> {
        let config = PresigningConfig::expires_in(ttl).map_err(|e| ApiError::unexpected("presigning config", e))?;
        let req = self
            .client
            .put_object()
            .bucket(&self.bucket)
            .key(key)
            .content_type(content_type)
            .set_content_length(size)
            .presigned(config)
            .await
            .map_err(|e| ApiError::unexpected("S3 presign", e))?;
        Ok(req.uri().to_string())
    }
}
