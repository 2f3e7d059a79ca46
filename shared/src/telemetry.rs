//! Structured JSON logs for CloudWatch, initialised once per cold start.

/// JSON logs, level from `RUST_LOG` (default `info`), no ANSI colours, no timestamps
/// (CloudWatch adds its own).
pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_current_span(false)
        .with_ansi(false)
        .without_time()
        .with_target(false)
        .try_init();
}

/// Publishes one CloudWatch metric through the embedded metric format: a JSON line on
/// stdout that CloudWatch Logs turns into `Mecenat/<namespace> <name>` with the stack's name
/// as its dimension (`STACK_NAME`, so that two stacks in one account do not mix), without
/// an SDK call.
pub fn metric(namespace: &str, name: &str, value: f64, unit: &str) {
    println!(
        "{}",
        metric_line(namespace, name, value, unit, &std::env::var("STACK_NAME").unwrap_or_else(|_| "local".into()), chrono::Utc::now())
    );
}

fn metric_line(namespace: &str, name: &str, value: f64, unit: &str, stack: &str, at: chrono::DateTime<chrono::Utc>) -> String {
    serde_json::json!({
        "_aws": {
            "Timestamp": at.timestamp_millis(),
            "CloudWatchMetrics": [{
                "Namespace": format!("Mecenat/{namespace}"),
                "Dimensions": [["Stack"]],
                "Metrics": [{ "Name": name, "Unit": unit }]
            }]
        },
        "Stack": stack,
        name: value,
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_metric_is_one_embedded_metric_format_line() {
        let at = chrono::DateTime::from_timestamp_millis(1_700_000_000_000).unwrap();
        let line: serde_json::Value =
            serde_json::from_str(&super::metric_line("Outbox", "OldestPendingSeconds", 42.0, "Seconds", "prod", at)).unwrap();
        assert_eq!(line["_aws"]["CloudWatchMetrics"][0]["Namespace"], "Mecenat/Outbox");
        assert_eq!(line["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Name"], "OldestPendingSeconds");
        assert_eq!(line["_aws"]["Timestamp"], 1_700_000_000_000i64);
        assert_eq!(line["OldestPendingSeconds"], 42.0);
        assert_eq!(line["Stack"], "prod");
    }
}
