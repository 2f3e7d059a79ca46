//! HTTP edge helpers: the caller's identity from the JWT authorizer's claims, path and query
//! parameters, JSON bodies turned into French field errors, and JSON responses.

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::domain::email::Email;
use crate::domain::validate;
use crate::error::{ApiError, ApiResult};
use crate::texts::err;

/// Largest JSON body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Who is calling, as the API's JWT authorizer vouches for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub sub: String,
    pub email: Email,
}

/// Reads `requestContext.authorizer.jwt.claims`: `sub` and a verified `email`.
pub fn caller(req: &Request) -> ApiResult<Caller> {
    let claims = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => ctx.authorizer.as_ref().and_then(|a| a.jwt.as_ref()).map(|j| &j.claims),
        _ => None,
    };
    let claims = claims.ok_or_else(|| ApiError::Unauthenticated(err::NO_IDENTITY.into()))?;
    let sub =
        claims.get("sub").filter(|s| !s.is_empty() && s.len() <= 128).ok_or_else(|| ApiError::Unauthenticated(err::NO_IDENTITY.into()))?;
    if claims.get("email_verified").is_some_and(|v| v != "true") {
        return Err(ApiError::Unauthenticated(err::NO_EMAIL_CLAIM.into()));
    }
    let email = claims
        .get("email")
        .and_then(|e| Email::parse("email", e).ok())
        .ok_or_else(|| ApiError::Unauthenticated(err::NO_EMAIL_CLAIM.into()))?;
    Ok(Caller { sub: sub.clone(), email })
}

/// How the caller was authenticated, from the claims the JWT authorizer verified: issuer,
/// client (`aud`, else `client_id`), methods (`amr`, which API Gateway passes as `[a b]`)
/// and `auth_time`.
pub fn authentication(req: &Request) -> crate::domain::engagement::Authentication {
    let claims = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => ctx.authorizer.as_ref().and_then(|a| a.jwt.as_ref()).map(|j| j.claims.clone()),
        _ => None,
    }
    .unwrap_or_default();
    let claim = |name: &str| claims.get(name).map(|v| v.chars().take(256).collect::<String>()).unwrap_or_default();
    let client = Some(claim("aud")).filter(|c| !c.is_empty()).unwrap_or_else(|| claim("client_id"));
    let methods = claim("amr")
        .trim_matches(['[', ']'])
        .split([' ', ','])
        .map(|m| m.trim_matches('"').to_string())
        .filter(|m| !m.is_empty())
        .take(8)
        .collect();
    let authenticated_at = claim("auth_time").parse::<i64>().ok().and_then(|t| chrono::DateTime::from_timestamp(t, 0));
    crate::domain::engagement::Authentication { issuer: claim("iss"), client, methods, authenticated_at }
}

/// A path parameter that must be one of our identifiers.
pub fn path_id(req: &Request, name: &str) -> ApiResult<String> {
    let params = req.path_parameters();
    let v = params.first(name).unwrap_or_default();
    validate::id(name, v).map_err(|e| ApiError::Validation(vec![e.into()]))
}

/// Query parameters, checked against the names an endpoint accepts.
pub struct Query {
    map: lambda_http::aws_lambda_events::query_map::QueryMap,
}

impl Query {
    pub fn of(req: &Request, allowed: &[&str]) -> ApiResult<Query> {
        let map = req.query_string_parameters();
        for (name, _) in map.iter() {
            if !allowed.contains(&name) {
                return Err(ApiError::field(name, err::unknown_query_param(name)));
            }
        }
        Ok(Query { map })
    }

    /// Every value of a list parameter, repeated (`?a=x&a=y`) or comma-separated (`?a=x,y`).
    pub fn list(&self, name: &str) -> Vec<String> {
        self.map
            .all(name)
            .unwrap_or_default()
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
            .collect()
    }

    pub fn text(&self, name: &str) -> Option<String> {
        let all = self.map.all(name)?;
        let joined = all.join(" ");
        let t = joined.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// An integer parameter; sent empty (`hours=`) it is no integer, and refused.
    pub fn integer(&self, name: &str, min: i64, max: i64) -> ApiResult<Option<i64>> {
        match self.text(name) {
            None if self.map.all(name).is_some() => Err(ApiError::field(name, err::bad_integer(name, min, max))),
            None => Ok(None),
            Some(v) => match v.parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
                _ => Err(ApiError::field(name, err::bad_integer(name, min, max))),
            },
        }
    }
}

/// A text body of one of the given content types (e.g. `text/csv`), at most 64 KiB.
pub fn text_body<'a>(req: &'a Request, content_types: &[&str]) -> ApiResult<&'a str> {
    let ct = req.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
    if !content_types.iter().any(|t| ct.starts_with(t)) {
        return Err(ApiError::BadRequest(err::content_type(content_types)));
    }
    let text = match req.body() {
        Body::Text(t) => t.as_str(),
        Body::Binary(b) => std::str::from_utf8(b).map_err(|_| ApiError::BadRequest(err::NOT_UTF8.into()))?,
        _ => "",
    };
    if text.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    Ok(text)
}

/// Parses a JSON body into `T`, with French errors naming the field.
pub fn json_body<T: DeserializeOwned>(req: &Request) -> ApiResult<T> {
    let bytes: &[u8] = match req.body() {
        Body::Empty => &[],
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
        _ => &[],
    };
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::BadRequest(err::BODY_EMPTY.into()));
    }
    // Every body of the API is a JSON object: serde would also read a struct from an array
    // (`[null, null]` as every field absent), which no caller means.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err(ApiError::BadRequest(err::BODY_NOT_AN_OBJECT.into()));
    }
    if let Some(ct) = req.headers().get(http::header::CONTENT_TYPE) {
        let ct = ct.to_str().unwrap_or_default().to_ascii_lowercase();
        if !(ct.starts_with("application/json") || ct.contains("+json")) {
            return Err(ApiError::UnsupportedMediaType);
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let msg = inner.to_string();
        if inner.is_syntax() || inner.is_eof() {
            return ApiError::BadRequest(err::json_syntax(&format!("ligne {}, colonne {}", inner.line(), inner.column())));
        }
        if let Some(name) = between(&msg, "unknown field `", "`") {
            // The path already ends with the unknown field (`referent.zz`).
            let field = if path == "." {
                name.to_string()
            } else if path == name || path.ends_with(&format!(".{name}")) {
                path.clone()
            } else {
                format!("{path}.{name}")
            };
            return ApiError::field(field.clone(), err::json_unknown_field(&field));
        }
        if let Some(name) = between(&msg, "missing field `", "`") {
            let field = if path == "." { name.to_string() } else { format!("{path}.{name}") };
            return ApiError::field(field.clone(), err::json_missing_field(&field));
        }
        if path == "." {
            return ApiError::BadRequest(err::json_syntax(err::JSON_OBJECT_EXPECTED));
        }
        ApiError::field(path.clone(), err::json_field_type(&path))
    })
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// A JSON response; personal data is never cached.
pub fn json<T: Serialize>(status: u16, value: &T) -> ApiResult<Response<Body>> {
    let body = serde_json::to_string(value).map_err(|e| ApiError::unexpected("serialise response", e))?;
    Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "application/json; charset=utf-8")
        .header(http::header::CACHE_CONTROL, "no-store")
        .body(Body::Text(body))
        .map_err(|e| ApiError::unexpected("build response", e))
}

pub fn ok<T: Serialize>(value: &T) -> ApiResult<Response<Body>> {
    json(200, value)
}

pub fn no_content() -> ApiResult<Response<Body>> {
    Response::builder().status(204).body(Body::Empty).map_err(|e| ApiError::unexpected("build response", e))
}

/// A calendar (`text/calendar`), for the calendar applications that subscribe to a feed: kept
/// by no shared cache (the URL is a credential).
pub fn calendar(body: String) -> ApiResult<Response<Body>> {
    Response::builder()
        .status(200)
        .header(http::header::CONTENT_TYPE, "text/calendar; charset=utf-8")
        .header(http::header::CACHE_CONTROL, "private, max-age=900")
        .header("referrer-policy", "no-referrer")
        .header("x-robots-tag", "noindex")
        .body(Body::Text(body))
        .map_err(|e| ApiError::unexpected("build response", e))
}

/// An HTML page for people arriving from an e-mail link: never cached, never referred, no
/// script, not indexed.
pub fn html(status: u16, page: String) -> ApiResult<Response<Body>> {
    Response::builder()
        .status(status)
        .header(http::header::CONTENT_TYPE, "text/html; charset=utf-8")
        .header(http::header::CACHE_CONTROL, "no-store")
        .header("referrer-policy", "no-referrer")
        .header("x-robots-tag", "noindex")
        .header("x-content-type-options", "nosniff")
        .header(
            "content-security-policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        )
        .body(Body::Text(page))
        .map_err(|e| ApiError::unexpected("build response", e))
}

/// The file sent in field `name` of a `multipart/form-data` body (a deposit form): its bytes,
/// or `None` when the form has no such field or it is empty. 415 for another type, 413 above
/// `max` bytes.
pub fn multipart_file(req: &Request, name: &str, max: usize) -> ApiResult<Option<Vec<u8>>> {
    let ct = req.headers().get(http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if !ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let boundary = ct
        .split(';')
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_string())
        .filter(|b| !b.is_empty() && b.len() <= 70)
        .ok_or(ApiError::UnsupportedMediaType)?;
    let body: &[u8] = match req.body() {
        Body::Text(t) => t.as_bytes(),
        Body::Binary(b) => b,
        _ => &[],
    };
    if body.len() > max + 16 * 1024 {
        return Err(ApiError::PayloadTooLarge);
    }
    let delimiter = format!("\r\n--{boundary}");
    // The first delimiter has no line break before it.
    let mut rest = match find(body, &delimiter.as_bytes()[2..]) {
        Some(i) => &body[i + delimiter.len() - 2..],
        None => return Ok(None),
    };
    while let Some(end) = find(rest, delimiter.as_bytes()) {
        let part = rest[..end].strip_prefix(b"\r\n").unwrap_or(&rest[..end]);
        rest = &rest[end + delimiter.len()..];
        let Some(split) = find(part, b"\r\n\r\n") else { continue };
        let headers = String::from_utf8_lossy(&part[..split]).to_ascii_lowercase();
        let named = headers
            .lines()
            .any(|l| l.starts_with("content-disposition:") && l.contains(&format!("name=\"{}\"", name.to_ascii_lowercase())));
        if named {
            let data = &part[split + 4..];
            if data.len() > max {
                return Err(ApiError::PayloadTooLarge);
            }
            return Ok((!data.is_empty()).then(|| data.to_vec()));
        }
    }
    Ok(None)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The fields of an `application/x-www-form-urlencoded` body (the decision form).
pub fn form_body(req: &Request) -> ApiResult<std::collections::HashMap<String, String>> {
    let text = match req.body() {
        Body::Text(t) => t.clone(),
        Body::Binary(b) => String::from_utf8_lossy(b).into_owned(),
        _ => String::new(),
    };
    if text.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge);
    }
    Ok(text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |x: &str| percent_decode(&x.replace('+', " "));
            (decode(k), decode(v))
        })
        .collect())
}

/// The caller and the JSON body (401 first, then 400 naming the body's field).
pub fn caller_and_body<T: DeserializeOwned>(req: &Request) -> ApiResult<(Caller, T)> {
    Ok((caller(req)?, json_body(req)?))
}

/// What most writes start with: the caller, one path identifier and the JSON body (checked
/// in that order: 401, then 400 naming the identifier, then 400 naming the body's field).
pub fn caller_id_body<T: DeserializeOwned>(req: &Request, id: &str) -> ApiResult<(Caller, String, T)> {
    Ok((caller(req)?, path_id(req, id)?, json_body(req)?))
}

/// Several path identifiers at once, in order (`["missionId", "sessionId"]`).
pub fn path_ids<const N: usize>(req: &Request, names: [&str; N]) -> ApiResult<[String; N]> {
    let mut out: [String; N] = std::array::from_fn(|_| String::new());
    for (slot, name) in out.iter_mut().zip(names) {
        *slot = path_id(req, name)?;
    }
    Ok(out)
}

/// A whole number in the path, from `min` to `max` (400 naming it otherwise).
pub fn path_integer(req: &Request, name: &str, min: i64, max: i64) -> ApiResult<i64> {
    let raw = req.path_parameters().first(name).unwrap_or_default().to_string();
    match raw.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::field(name, err::bad_integer(name, min, max))),
    }
}

/// Who signs, as API Gateway saw them: the source IP and the user agent (the header, else
/// the request context's), at most 512 characters.
pub fn client_of(req: &Request) -> (String, String) {
    let (ip, context_agent) = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => (ctx.http.source_ip.clone().unwrap_or_default(), ctx.http.user_agent.clone()),
        _ => (String::new(), None),
    };
    let header = req.headers().get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(String::from);
    (ip, header.or(context_agent).unwrap_or_default().chars().take(512).collect())
}

/// Decodes `%XX` escapes of a URL path segment or query component.
pub fn percent_decode(s: &str) -> String {
    decode_escapes(s, b'%')
}

/// Decodes `<marker>XX` hexadecimal escapes (`%` in URLs, `=` in quoted-printable mail).
pub fn decode_escapes(s: &str, marker: u8) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Bytes, not a slice of the text: an escape followed by a multi-byte character must
        // not split it (a panic on what a caller sent).
        if bytes[i] == marker && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod decode_tests {
    use super::*;

    #[test]
    fn escapes_are_decoded_and_odd_input_is_kept() {
        assert_eq!(percent_decode("sant%C3%A9"), "santé");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
        // A marker before a multi-byte character is kept, not split.
        assert_eq!(percent_decode("%aé"), "%aé");
        assert_eq!(decode_escapes("caf=C3=A9", b'='), "café");
    }
}
