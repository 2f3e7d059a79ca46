//! Integration tests of the platform: real SDK clients against the AWS emulator started by
//! `make test`, handlers called with API Gateway v2 events from `events/` and through the
//! local HTTP address. One test binary (linking the SDK once) with a module per story.

mod accounts;
mod adapters;
mod alerts;
mod backoffice;
mod catalogue;
mod community;
mod consistency;
mod engagement;
mod facilitation;
mod local_http;
mod malformed;
mod personal_data;
mod referents;
mod reporting;
mod requests;
mod snapshot;

use platform_tests::harness::Reply;

/// The mission ids of a search result, in order.
pub fn ids(reply: &Reply) -> Vec<String> {
    reply.body["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items in {}", reply.raw))
        .iter()
        .map(|m| m["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
