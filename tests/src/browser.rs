//! The e-mail-link pages in a real headless Chromium: `tests/browser/pages.py` (Playwright,
//! from the project's virtualenv, driving Debian's Chromium, both installed by `make test`)
//! opens each page at 320, 390 and 1280 px, measures what a person would meet, optionally
//! fills and posts its form, and keeps screenshots in `target/test-artifacts/pages/`.

use serde_json::{json, Value};

use crate::infra::root;

/// A page to open: its name (the screenshots' file names), its address, and what to do with
/// its form (`None`: only look).
pub struct Visit {
    pub name: &'static str,
    pub url: String,
    pub submit: Option<Submit>,
}

/// Filling a form and clicking one of its buttons.
#[derive(Default)]
pub struct Submit {
    pub button: &'static str,
    /// CSS selector → text typed in.
    pub fill: Vec<(&'static str, String)>,
    /// CSS selectors of radio buttons or boxes to check.
    pub check: Vec<&'static str>,
    /// CSS selector of a file field → path of the file chosen.
    pub files: Vec<(&'static str, String)>,
}

/// What the browser met on one page.
#[derive(Debug)]
pub struct Seen {
    pub name: String,
    pub problems: Vec<String>,
    /// The text of the page the form's POST answered.
    pub after: Option<String>,
}

/// The folder of the screenshots (an artefact of the test run).
pub fn screenshots() -> std::path::PathBuf {
    root().join("target/test-artifacts/pages")
}

/// Opens the pages in Chromium and reports, page by page. Panics when the browser cannot be
/// started: `make test` installs it, and a browser test that is skipped cannot fail. The
/// browser runs on a blocking thread, so that the test's runtime goes on serving the pages.
pub async fn open(visits: Vec<Visit>) -> Vec<Seen> {
    tokio::task::spawn_blocking(move || run(&visits)).await.expect("the browser's thread")
}

fn run(visits: &[Visit]) -> Vec<Seen> {
    let plan: Vec<Value> = visits
        .iter()
        .map(|v| {
            let submit = v.submit.as_ref().map(|s| {
                json!({
                    "button": s.button,
                    "fill": s.fill.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                    "check": s.check.iter().map(|k| (k.to_string(), json!(true))).collect::<serde_json::Map<_, _>>(),
                    "files": s.files.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
                })
            });
            json!({ "name": v.name, "url": v.url, "submit": submit })
        })
        .collect();
    let plan_file = std::env::temp_dir().join(format!("pages-{}.json", uuid::Uuid::new_v4().simple()));
    std::fs::write(&plan_file, serde_json::to_vec(&plan).expect("a plan")).expect("the plan written");
    let python = root().join(".venv/bin/python");
    let output = std::process::Command::new(&python)
        .arg(root().join("tests/browser/pages.py"))
        .arg(&plan_file)
        .arg(screenshots())
        .output()
        .unwrap_or_else(|e| panic!("{} cannot run ({e}): run the tests with `make test`, which installs it", python.display()));
    let _ = std::fs::remove_file(&plan_file);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "the browser did not run: {}\n{}", stdout, String::from_utf8_lossy(&output.stderr));
    let seen: Vec<Seen> = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|r| Seen {
            name: r["name"].as_str().unwrap_or_default().to_string(),
            problems: r["problems"].as_array().into_iter().flatten().filter_map(|p| p.as_str().map(String::from)).collect(),
            after: r["after"].as_str().map(String::from),
        })
        .collect();
    assert_eq!(seen.len(), visits.len(), "one report per page: {stdout}");
    seen
}

/// Opens one page, asserts the browser met no problem there, and gives the answer's text.
pub async fn open_one(visit: Visit) -> Option<String> {
    let mut seen = open(vec![visit]).await;
    let seen = seen.remove(0);
    assert!(seen.problems.is_empty(), "{} in Chromium:\n{}", seen.name, seen.problems.join("\n"));
    seen.after
}
