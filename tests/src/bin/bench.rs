//! `make bench`: speed and memory of the catalogue search at scale, and the cost of a cold
//! start's catalogue load against the emulator. Prints Markdown tables for the README, and
//! last the targets the cold-start and search work was given, each with what this run
//! measured and whether it is met.
//!
//! bench [--missions N] [--queries N] [--emulator-missions N] [--subscribers N] [--new-missions N]

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use shared::areas::access::mission_item;
use shared::areas::views::SearchResults;
use shared::catalogue::{Cursor, SearchQuery, State};
use shared::domain::mission::{ContactFields, MissionAction, MissionFields};
use shared::store::Item;
use shared::taxonomy::{PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, REGIONS, THEMES};
use shared::text;

/// Counts the bytes currently allocated, to measure the index's memory exactly.
struct Counting;
static ALLOCATED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        ALLOCATED.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocated() -> usize {
    ALLOCATED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The size DynamoDB bills for an item (names plus values), roughly.
fn item_size(item: &Item) -> usize {
    fn value(v: &aws_sdk_dynamodb::types::AttributeValue) -> usize {
        use aws_sdk_dynamodb::types::AttributeValue as A;
        match v {
            A::S(s) => s.len(),
            A::N(n) => n.len().div_ceil(2) + 1,
            A::Bool(_) | A::Null(_) => 1,
            A::L(l) => 3 + l.iter().map(|x| 1 + value(x)).sum::<usize>(),
            A::M(m) => 3 + m.iter().map(|(k, x)| 1 + k.len() + value(x)).sum::<usize>(),
            A::Ss(l) => l.iter().map(String::len).sum(),
            _ => 0,
        }
    }
    item.iter().map(|(k, v)| k.len() + value(v)).sum()
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[(self.next() % v.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "atelier",
    "cuisine",
    "jardin",
    "numérique",
    "accompagnement",
    "jeunes",
    "seniors",
    "formation",
    "collecte",
    "alimentaire",
    "mentorat",
    "entretien",
    "communication",
    "site",
    "web",
    "comptabilité",
    "stratégie",
    "musique",
    "théâtre",
    "lecture",
    "handicap",
    "santé",
    "insertion",
    "emploi",
    "environnement",
    "compost",
    "vélo",
    "sport",
    "école",
    "familles",
    "réfugiés",
    "droit",
    "égalité",
    "recherche",
    "bénévoles",
    "association",
    "quartier",
    "solidaire",
];
const POSTCODES: &[(&str, &str)] = &[
    ("75011", "Paris"),
    ("69002", "Lyon"),
    ("13001", "Marseille"),
    ("44000", "Nantes"),
    ("33000", "Bordeaux"),
    ("59000", "Lille"),
    ("67000", "Strasbourg"),
    ("31000", "Toulouse"),
    ("35000", "Rennes"),
    ("78500", "Sartrouville"),
    ("06000", "Nice"),
    ("21000", "Dijon"),
    ("97400", "Saint-Denis"),
    ("20000", "Ajaccio"),
    ("45000", "Orléans"),
];

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// `n` synthetic missions spread over 200 associations, as catalogue feed items.
fn mission_items(n: usize, seed: u64) -> Vec<Item> {
    let associations: Vec<String> = (0..200).map(|a| format!("a{a:03}")).collect();
    missions_of(n, seed, &associations)
}

/// `n` synthetic missions of these associations.
fn missions_of(n: usize, seed: u64, associations: &[String]) -> Vec<Item> {
    let mut rng = Rng(seed);
    let base: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().unwrap_or_default();
    let slugs = |t: shared::taxonomy::Taxonomy, rng: &mut Rng, k: u64| -> Vec<String> {
        let mut v: Vec<String> = (0..k).map(|_| rng.pick(t.entries).0.to_string()).collect();
        v.sort();
        v.dedup();
        v
    };
    (0..n)
        .map(|i| {
            let title: Vec<&str> = (0..6).map(|_| *rng.pick(WORDS)).collect();
            let description: Vec<&str> = (0..40).map(|_| *rng.pick(WORDS)).collect();
            let (postcode, city) = *rng.pick(POSTCODES);
            let at = base + chrono::Duration::minutes(i as i64);
            let k_theme = 1 + rng.next() % 2;
            let k_pro = rng.next() % 3;
            let k_perso = rng.next() % 3;
            let fields = MissionFields {
                title: Some(format!("Mission {i} : {}", title.join(" "))),
                description: Some(description.join(" ")),
                themes: Some(slugs(THEMES, &mut rng, k_theme)),
                professional_expertises: Some(slugs(PROFESSIONAL_EXPERTISES, &mut rng, k_pro)),
                personal_expertises: Some(slugs(PERSONAL_EXPERTISES, &mut rng, k_perso)),
                address: Some("1 rue de la République".into()),
                postcode: Some(postcode.into()),
                city: Some(city.into()),
                remote_possible: Some(rng.next().is_multiple_of(4)),
                duration_label: Some("100% journée".into()),
                format: Some("full_day".into()),
                participants: Some("single".into()),
                all_professions_welcome: Some(true),
                commitment: None,
                referent: Some(ContactFields { name: Some("Référent".into()), email: Some("referent@asso.example".into()), phone: None }),
            };
            let m = fields
                .create(format!("m{i:06}"), rng.pick(associations).clone(), at)
                .and_then(|m| m.apply(MissionAction::Publish, at))
                .expect("valid synthetic mission");
            mission_item(&m).expect("item")
        })
        .collect()
}

fn partnership_items() -> Vec<Item> {
    use shared::domain::association::Partnership;
    use shared::keys;
    let at: DateTime<Utc> = "2025-12-01T00:00:00Z".parse().unwrap_or_default();
    // Company c1 partners with 150 of the 200 associations.
    (0..150)
        .map(|a| {
            let p = Partnership { company_id: "c1".into(), association_id: format!("a{a:03}"), active: true, since: at, ended_at: None };
            let item = shared::store::item("Partnership", &keys::company("c1"), &keys::partner(&p.association_id), &p).expect("item");
            shared::store::in_catalogue(item, at)
        })
        .collect()
}

/// CPU time of this process (user and system), from `getrusage`.
fn cpu_time() -> Duration {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// An index of `n` synthetic missions built from the feed items, and what it cost.
fn indexed_state(n: usize) -> (State, Vec<(&'static str, String)>) {
    let before = allocated();
    let items = mission_items(n, 0x9E37_79B9_7F4A_7C15);
    let feed_bytes: usize = items.iter().map(item_size).sum();
    let t = Instant::now();
    let mut state = State::default();
    for item in partnership_items().into_iter().chain(items) {
        state.apply_local(item).expect("synthetic item");
    }
    let build = t.elapsed();
    // The first search orders the index.
    let t = Instant::now();
    state.search("c1", &SearchQuery { limit: 20, ..Default::default() });
    let first = t.elapsed();
    let held = allocated().saturating_sub(before);
    let figures = vec![
        ("index build from the feed items (tokenising)", format!("{:.0} ms", build.as_secs_f64() * 1000.0)),
        ("first search (orders the index)", format!("{:.1} ms", first.as_secs_f64() * 1000.0)),
        ("memory held by the index", format!("{:.1} MiB ({} bytes a mission)", held as f64 / (1024.0 * 1024.0), held / n.max(1))),
        ("catalogue feed size (1 Query page reads 1 MB)", format!("{:.1} MB", feed_bytes as f64 / 1e6)),
    ];
    (state, figures)
}

/// Runs of a search timed together as one sample.
const RUNS_PER_SAMPLE: u32 = 10;

/// `a` ÷ `b` (a `b` of zero counts as a nanosecond).
fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One target of the issue that set them, as measured in this run.
struct Target {
    what: String,
    measured: String,
    limit: &'static str,
    met: bool,
}

impl Target {
    fn new(what: impl Into<String>, measured: impl Into<String>, limit: &'static str, met: bool) -> Self {
        Target { what: what.into(), measured: measured.into(), limit, met }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let n = arg("--missions", 50_000);
    let queries = arg("--queries", 200);
    let emulator_missions = arg("--emulator-missions", 0);

    // Profiling aid: `bench --load-snapshot FILE` loads a snapshot written by `--write-snapshot FILE`.
    let args: Vec<String> = std::env::args().collect();
    if let Some(path) = args.iter().position(|a| a == "--load-snapshot").and_then(|i| args.get(i + 1)) {
        let bytes = std::fs::read(path)?;
        for _ in 0..5 {
            let t = Instant::now();
            let mut loaded = State::default();
            loaded.load_snapshot(&bytes)?;
            println!("loaded {} missions in {:.0} ms", loaded.mission_count(), t.elapsed().as_secs_f64() * 1000.0);
        }
        return Ok(());
    }
    let small = arg("--small-missions", 5_000);
    let mut targets: Vec<Target> = Vec::new();
    println!("## Catalogue search: {small} and {n} published missions, 200 associations (150 partners of the company)\n");
    let (mut small_state, small_figures) = indexed_state(small);
    let (mut state, figures) = indexed_state(n);
    println!("| measure | {small} missions | {n} missions |\n|---|---|---|");
    for (i, (name, _)) in figures.iter().enumerate() {
        println!("| {name} | {} | {} |", small_figures[i].1, figures[i].1);
    }
    println!();

    let cases = |n: usize| -> Vec<(&'static str, SearchQuery)> {
        vec![
            ("no filter, first page", SearchQuery { limit: 20, ..Default::default() }),
            ("one theme", SearchQuery { themes: THEMES.mask(&["sante-handicap"]), limit: 20, ..Default::default() }),
            ("keyword", SearchQuery { terms: text::query_terms("cuisine"), limit: 20, ..Default::default() }),
            (
                "keyword + theme",
                SearchQuery {
                    terms: text::query_terms("cuisine"),
                    themes: THEMES.mask(&["sante-handicap"]),
                    limit: 20,
                    ..Default::default()
                },
            ),
            (
                "region + professional expertise",
                SearchQuery {
                    regions: REGIONS.mask(&["ile-de-france"]),
                    professional: PROFESSIONAL_EXPERTISES.mask(&["informatique-web"]),
                    limit: 20,
                    ..Default::default()
                },
            ),
            ("three keywords, no match", SearchQuery { terms: text::query_terms("zzz yyy xxx"), limit: 20, ..Default::default() }),
            (
                "page 50 (cursor)",
                SearchQuery {
                    limit: 20,
                    after: Some(Cursor {
                        published_ms: "2026-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap_or_default().timestamp_millis()
                            + (n as i64 - 1000) * 60_000,
                        id: "m999999".into(),
                    }),
                    ..Default::default()
                },
            ),
        ]
    };
    // A query timed alone (`served`: false) or as GET /missions serves it (`served`: true: the
    // index, then the page's cards written as the API's JSON).
    let timed = |state: &mut State, q: &SearchQuery, served: bool| {
        let mut times = Vec::with_capacity(queries);
        let mut total = 0;
        // A sample is the mean of a few runs in a row: a query of well under a microsecond is
        // otherwise the clock's and the scheduler's noise more than its own cost.
        for _ in 0..queries {
            let t = Instant::now();
            for _ in 0..RUNS_PER_SAMPLE {
                let page = state.search("c1", q);
                total = page.total;
                if served {
                    let results = SearchResults::of(state, &page).expect("the page's cards");
                    std::hint::black_box(serde_json::to_vec(&results).expect("JSON"));
                } else {
                    std::hint::black_box(page);
                }
            }
            times.push(t.elapsed() / RUNS_PER_SAMPLE);
        }
        times.sort();
        (total, percentile(&times, 0.5), percentile(&times, 0.95))
    };
    let us = |d: Duration| format!("{:.1} µs", d.as_secs_f64() * 1e6);
    for served in [false, true] {
        if served {
            println!("\nThe same queries as GET /missions serves them: the index, then the page's cards (20 missions, decoded at their first showing) written as the API's JSON.\n");
        } else {
            println!("{queries} samples a query, each the mean of {RUNS_PER_SAMPLE} runs in a row. The index alone (the count and the page's missions):\n");
        }
        println!("| query | matches at {small} | p50 | p95 | matches at {n} | p50 | p95 | p50 ratio | p95 ratio |\n|---|---|---|---|---|---|---|---|---|");
        for ((name, q_small), (_, q)) in cases(small).iter().zip(cases(n).iter()) {
            let (total_small, p50_small, p95_small) = timed(&mut small_state, q_small, served);
            let (total, p50, p95) = timed(&mut state, q, served);
            let (r50, r95) = (ratio(p50, p50_small), ratio(p95, p95_small));
            println!(
                "| {name} | {total_small} | {} | {} | {total} | {} | {} | {r50:.2}× | {r95:.2}× |",
                us(p50_small),
                us(p95_small),
                us(p50),
                us(p95)
            );
            if served {
                targets.push(Target::new(
                    format!("search « {name} » as served: p50 and p95 at {n} ÷ at {small}"),
                    format!("{r50:.2}×, {r95:.2}×"),
                    "≤ 1.5×",
                    r50 <= 1.5 && r95 <= 1.5,
                ));
                targets.push(Target::new(
                    format!("search « {name} » as served: p95 at {n}"),
                    us(p95),
                    "< 1 ms",
                    p95 < Duration::from_millis(1),
                ));
            }
        }
    }

    // The snapshot: what the scheduled job writes, and what a cold search instance loads.
    let t = Instant::now();
    let bytes = state.snapshot()?;
    let encode = t.elapsed();
    if let Some(path) = args.iter().position(|a| a == "--write-snapshot").and_then(|i| args.get(i + 1)) {
        std::fs::write(path, &bytes)?;
    }
    drop(state);
    let before = allocated();
    let cpu = cpu_time();
    let t = Instant::now();
    let mut loaded = State::default();
    for item in partnership_items() {
        loaded.apply_local(item)?;
    }
    loaded.load_snapshot(&bytes)?;
    let load = t.elapsed();
    let load_cpu = cpu_time() - cpu;
    let held = allocated().saturating_sub(before);
    println!("\n## The index snapshot at {n} missions\n");
    println!("| measure | value |\n|---|---|");
    println!("| snapshot size (LZ4) | {:.1} MB ({} bytes a mission) |", bytes.len() as f64 / 1e6, bytes.len() / n.max(1));
    println!("| encoding it (the scheduled job) | {:.0} ms |", encode.as_secs_f64() * 1000.0);
    println!(
        "| loading it (decode and rebuild the bit sets): time, CPU | {:.0} ms, {:.0} ms |",
        load.as_secs_f64() * 1000.0,
        load_cpu.as_secs_f64() * 1000.0
    );
    println!("| memory held by the loaded index | {:.1} MiB ({} bytes a mission) |", held as f64 / (1024.0 * 1024.0), held / n.max(1));
    assert_eq!(loaded.mission_count(), n);
    drop(loaded);
    targets.push(Target::new(
        format!("the index snapshot loaded at {n} missions: CPU"),
        format!("{:.0} ms", load_cpu.as_secs_f64() * 1000.0),
        "< 300 ms",
        load_cpu < Duration::from_millis(300),
    ));
    targets.push(Target::new(
        format!("the index snapshot loaded at {n} missions: memory a mission"),
        format!("{} bytes", held / n.max(1)),
        "< 2 KB",
        held / n.max(1) < 2048,
    ));

    if emulator_missions > 0 {
        use platform_tests::harness;
        println!("\n## Cold start against the emulator, {emulator_missions} missions\n");
        let sdk = harness::sdk_config().await;
        let counter = harness::RequestCounter::default();
        let dynamo =
            aws_sdk_dynamodb::Client::from_conf(aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(counter.clone()).build());
        let table = format!("bench-{}", uuid::Uuid::new_v4().simple());
        platform_tests::infra::create_table(&dynamo, &table).await?;
        let store = shared::store::Store::new(dynamo.clone(), table.clone());
        store.put_all("BatchWriteItem bench missions", mission_items(emulator_missions, 7)).await?;
        counter.0.store(0, std::sync::atomic::Ordering::SeqCst);
        let t = Instant::now();
        let mut state = State::default();
        state.refresh(&store).await?;
        let cold = t.elapsed();
        let cold_requests = counter.0.load(std::sync::atomic::Ordering::SeqCst);
        counter.0.store(0, std::sync::atomic::Ordering::SeqCst);
        let t = Instant::now();
        state.refresh(&store).await?;
        let warm = t.elapsed();
        let warm_requests = counter.0.load(std::sync::atomic::Ordering::SeqCst);

        // The same cold start from the S3 snapshot the scheduled job writes.
        let bucket = format!("bench-{}", &uuid::Uuid::new_v4().simple().to_string()[..20]);
        let config = harness::local_config(&table, &bucket, "http://127.0.0.1:3000")?;
        let clients = shared::aws::Clients { dynamo, s3: shared::aws::s3_client(&sdk), ses: aws_sdk_sesv2::Client::new(&sdk) };
        harness::provision(&clients, &config, "eu-west-3").await?;
        let app = shared::App::new(config.clone(), clients.clone());
        let t = Instant::now();
        let report = functions::routes::run(functions::routes::Job::SnapshotCatalogue, &app, serde_json::json!({})).await?;
        let snapshot_job = t.elapsed();
        let cold_app = shared::App::new(config, clients);
        counter.0.store(0, std::sync::atomic::Ordering::SeqCst);
        let t = Instant::now();
        let loaded = cold_app.catalogue.fresh(&cold_app.store).await?.mission_count();
        let cold_snapshot = t.elapsed();
        println!("| measure | value |\n|---|---|");
        println!("| cold load from the feed only: Query pages | {cold_requests} |");
        println!("| cold load from the feed only: time against the emulator | {:.0} ms |", cold.as_secs_f64() * 1000.0);
        println!(
            "| snapshot job: time, size (LZ4) | {:.0} ms, {} KB |",
            snapshot_job.as_secs_f64() * 1000.0,
            report["bytes"].as_u64().unwrap_or(0) / 1000
        );
        println!(
            "| cold load from the snapshot: DynamoDB requests (+1 S3 GET) | {} |",
            counter.0.load(std::sync::atomic::Ordering::SeqCst)
        );
        println!(
            "| cold load from the snapshot: time against the emulator | {:.0} ms ({loaded} missions) |",
            cold_snapshot.as_secs_f64() * 1000.0
        );
        println!("| warm refresh: requests | {warm_requests} |");
        println!("| warm refresh: time against the emulator | {:.1} ms |", warm.as_secs_f64() * 1000.0);
        println!("| missions indexed | {} |", state.mission_count());
    }
    let sizes: Vec<usize> = std::env::args()
        .skip_while(|a| a != "--coldstart")
        .nth(1)
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_default();
    if !sizes.is_empty() {
        coldstarts(&sizes, &mut targets).await?;
    }
    let subscribers = arg("--subscribers", 2000);
    if subscribers > 0 {
        digests(subscribers, arg("--new-missions", 300)).await?;
    }
    let engagements = arg("--report-engagements", 5000);
    if engagements > 0 {
        report(engagements).await?;
    }
    // The deployable zip, when `make deploy-build` made it (arm64, cargo-lambda).
    let zip = platform_tests::infra::root().join("target/lambda/bootstrap/bootstrap.zip");
    match std::fs::metadata(&zip) {
        Ok(m) => targets.push(Target::new(
            "the arm64 bootstrap's zip (`make deploy-build`)",
            format!("{:.1} MB", m.len() as f64 / 1e6),
            "< 10 MB",
            m.len() < 10_000_000,
        )),
        Err(_) => println!("\n(no target/lambda/bootstrap/bootstrap.zip: run `make deploy-build` to measure the zip)"),
    }
    println!("\n## Targets\n\n| target | measured | limit | met |\n|---|---|---|---|");
    for t in &targets {
        println!("| {} | {} | {} | {} |", t.what, t.measured, t.limit, if t.met { "yes" } else { "**no**" });
    }
    let missed = targets.iter().filter(|t| !t.met).count();
    println!("\n{} of {} targets met.", targets.len() - missed, targets.len());
    Ok(())
}

/// The CSR report and its CSV export for a company's year of `n` engagements (two dates
/// each) against the emulator: where the in-request limit of the export stands.
async fn report(n: usize) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use platform_tests::harness;
    println!("\n## CSR report of a year of {n} engagements (two dates each), against the emulator\n");
    let env = harness::TestEnv::try_new().await?;
    let mut items = Vec::with_capacity(n);
    for i in 0..n {
        let e: shared::domain::engagement::Engagement = serde_json::from_value(serde_json::json!({
            "id": format!("bench-{i}"), "year": 2026, "state": "completed",
            "employee": {"sub": format!("bench-{}", i % 1500), "email": format!("salarie.{}@bpifrance.example", i % 1500), "first_name": "Prénom", "last_name": format!("Nom {i}")},
            "company_id": "bpifrance", "entity_id": "paris-haussmann", "themes": ["arts-culture", "sante-handicap"],
            "mission_id": "apte-crowdfunding", "mission_title": "Créer un crowdfunding", "association_id": "apte", "association_name": "APTE",
            "referent": {"name": "Sophie Durand", "email": "sophie.durand@apte.example"}, "message": "Bonjour, je souhaite vous aider sur cette mission.",
            "dates": [{"date": format!("2026-{:02}-10", 1 + i % 12), "part": "full_day", "state": "present", "request_id": "r"}, {"date": format!("2026-{:02}-11", 1 + i % 12), "part": "half_day", "state": "accepted", "request_id": "r"}],
            "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z", "version": 1
        }))?;
        items.push(shared::store::engagements::engagement_item(&e)?);
    }
    env.app.store.put_all("BatchWriteItem bench engagements", items).await?;
    let admin = platform_tests::demo::user("isabelle");
    let timed = |endpoint, path: &'static str| {
        let req = harness::event_request(endpoint, Some((admin.sub, admin.email)), path, "year=2026", None);
        let app = env.app.clone();
        async move {
            let t = Instant::now();
            let r = harness::reply(functions::routes::dispatch(endpoint, &app, req).await);
            (t.elapsed(), r)
        }
    };
    // Where the time goes: the Query pages, then the computing.
    let t = Instant::now();
    let data = shared::areas::reporting::load(&env.app, "bpifrance", 2026).await?;
    let load_time = t.elapsed();
    let t = Instant::now();
    let figures = data.report(2026, &shared::domain::report::Filters::default());
    let kept: Vec<_> = data.engagements.iter().collect();
    let csv = shared::areas::reporting::csv(&data, &kept);
    let compute_time = t.elapsed();
    let (report_time, report) = timed(functions::routes::Endpoint::GetCompanyReport, "/companies/bpifrance/report").await;
    let (export_time, export) = timed(functions::routes::Endpoint::ExportCompanyReport, "/companies/bpifrance/report/export").await;
    let lines = export.raw.lines().count().saturating_sub(1);
    let bytes = export.raw.len();
    println!("| measure | value |\n|---|---|");
    println!(
        "| the year's engagements read (GSI4 Query pages against the emulator) | {} in {:.0} ms |",
        data.engagements.len(),
        load_time.as_secs_f64() * 1000.0
    );
    println!(
        "| figures and CSV computed from them (CPU) | {:.0} ms ({} engagements counted, {} bytes) |",
        compute_time.as_secs_f64() * 1000.0,
        figures.engagements,
        csv.len()
    );
    println!("| report (JSON), status and time | {} in {:.0} ms |", report.status, report_time.as_secs_f64() * 1000.0);
    println!("| CSV export, status and time | {} in {:.0} ms |", export.status, export_time.as_secs_f64() * 1000.0);
    println!("| CSV lines, size, bytes a line | {lines}, {:.1} MB, {} |", bytes as f64 / 1e6, bytes.checked_div(lines.max(1)).unwrap_or(0));
    println!(
        "| lines within Lambda's 6 MB response at this size (limit set: REPORT_INLINE_LINES = {}) | {} |",
        env.app.config.report_inline_lines,
        6_000_000usize.checked_div(bytes.checked_div(lines.max(1)).unwrap_or(1).max(1)).unwrap_or(0)
    );
    Ok(())
}

/// Alert digests: one run for `subscribers` daily subscribers and `new_missions` newly
/// published missions against the emulator (DynamoDB requests, e-mails, time), and the
/// in-memory matching for 20,000 subscribers.
async fn digests(subscribers: usize, new_missions: usize) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use functions::jobs::send_alert_digests::{select, Candidate};
    use platform_tests::harness;
    use shared::alerts::Subscription;
    use shared::domain::preferences::{Frequency, Preferences};
    println!("\n## Alert digests: {subscribers} daily subscribers, {new_missions} new missions, against the emulator\n");
    let sdk = harness::sdk_config().await;
    let counter = harness::RequestCounter::default();
    let dynamo = aws_sdk_dynamodb::Client::from_conf(aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(counter.clone()).build());
    let id = uuid::Uuid::new_v4().simple().to_string();
    let table = format!("bench-{id}");
    let mut config = harness::local_config(&table, &format!("bench-{}", &id[..20]), "http://127.0.0.1:3000")?;
    // Unpaced, to measure what a subscriber costs apart from the SES rate.
    config.ses_max_send_rate = 10_000.0;
    config.digest_run_budget = Duration::from_secs(840);
    let clients = shared::aws::Clients { dynamo: dynamo.clone(), s3: shared::aws::s3_client(&sdk), ses: aws_sdk_sesv2::Client::new(&sdk) };
    harness::provision(&clients, &config, "eu-west-3").await?;

    let mut rng = Rng(11);
    let cursor: DateTime<Utc> = "2025-12-31T00:00:00Z".parse().unwrap_or_default();
    let subscription = |i: usize, rng: &mut Rng| {
        let pick = |t: shared::taxonomy::Taxonomy, rng: &mut Rng, k: u64| -> Vec<String> {
            let mut v: Vec<String> = (0..k).map(|_| rng.pick(t.entries).0.to_string()).collect();
            v.sort();
            v.dedup();
            v
        };
        let (k_theme, k_pro) = (1 + rng.next() % 2, rng.next() % 2);
        Subscription {
            sub: format!("s{i:06}"),
            email: format!("abonne{i}@bench.example"),
            first_name: "Abonné".into(),
            company_id: "c1".into(),
            preferences: Preferences {
                themes: pick(THEMES, rng, k_theme),
                professional_expertises: pick(PROFESSIONAL_EXPERTISES, rng, k_pro),
                personal_expertises: vec![],
            },
            alert_frequency: Frequency::Daily,
            alert_cursor: Some(cursor),
            alert_due: Some("2026-01-02T06:00:00Z".parse().unwrap_or_default()),
            last_digest_at: None,
            updated_at: cursor,
            version: 1,
        }
    };
    let mut items: Vec<Item> = mission_items(new_missions, 5);
    items.extend(partnership_items());
    for i in 0..subscribers {
        items.push(subscription(i, &mut rng).item()?);
    }
    shared::store::Store::new(dynamo.clone(), table.clone()).put_all("BatchWriteItem bench subscribers", items).await?;
    let app = shared::App::new(config, clients).with_fixed_clock("2026-01-02T06:01:00Z".parse().unwrap_or_default());
    counter.0.store(0, std::sync::atomic::Ordering::SeqCst);
    let t = Instant::now();
    let report = functions::routes::run(functions::routes::Job::SendAlertDigests, &app, serde_json::json!({})).await?;
    let elapsed = t.elapsed();
    let requests = counter.0.load(std::sync::atomic::Ordering::SeqCst);
    let sent = report["sent"].as_u64().unwrap_or(0) as usize;
    counter.0.store(0, std::sync::atomic::Ordering::SeqCst);
    let t = Instant::now();
    let again = functions::routes::run(functions::routes::Job::SendAlertDigests, &app, serde_json::json!({})).await?;
    let rerun = t.elapsed();
    let rerun_requests = counter.0.load(std::sync::atomic::Ordering::SeqCst);

    // The matching alone, in memory, at 20,000 subscribers.
    let many: Vec<Subscription> = (0..20_000).map(|i| subscription(i, &mut rng)).collect();
    let candidates: Vec<Candidate> = {
        let mut state = app.catalogue.cached(&app.store).await?;
        state
            .published()
            .into_iter()
            .map(|m| Candidate {
                association: None,
                masks: m.masks(),
                published: DateTime::from_timestamp_millis(m.published_ms()).unwrap_or_default(),
                mission: m,
            })
            .collect()
    };
    let refs: Vec<&Candidate> = candidates.iter().collect();
    let cutoff: DateTime<Utc> = "2026-01-02T06:00:00Z".parse().unwrap_or_default();
    let t = Instant::now();
    let listed: usize = many.iter().map(|s| select(s, &refs, cutoff).len()).sum();
    let matching = t.elapsed();

    println!("| measure | value |\n|---|---|");
    println!("| e-mails sent (one per subscriber with a match) | {sent} of {subscribers} |");
    println!("| DynamoDB requests, whole run | {requests} ({:.2} per subscriber) |", requests as f64 / subscribers as f64);
    println!("| SES requests | {sent} (one per e-mail) |");
    println!(
        "| time against the emulator, unpaced | {:.1} s ({:.1} ms per subscriber) |",
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / subscribers as f64
    );
    println!(
        "| the same run again (nothing due): requests, time | {rerun_requests}, {:.0} ms ({} sent) |",
        rerun.as_secs_f64() * 1000.0,
        again["sent"]
    );
    println!(
        "| matching 20,000 subscribers × {} missions in memory | {:.0} ms ({:.1} missions match on average) |",
        refs.len(),
        matching.as_secs_f64() * 1000.0,
        listed as f64 / 20_000.0
    );
    Ok(())
}

/// The release binary started as Lambda starts it (a local Runtime API), as a few functions,
/// at each catalogue size, next to the smallest lambda_http function built the same way.
async fn coldstarts(sizes: &[usize], targets: &mut Vec<Target>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    use functions::routes::{Endpoint, Job};
    use platform_tests::{coldstart, harness};
    let release = platform_tests::infra::root().join("target/release");
    let (binary, floor) = (release.join("bootstrap"), release.join("floor"));
    let sizes_label: Vec<String> = sizes.iter().map(|n| n.to_string()).collect();
    println!("\n## Cold starts of the release binary (local Runtime API), {} extra missions\n", sizes_label.join(" / "));
    let caller = ("demo-maelys", "maelys.louvel@bpifrance.example");
    let probes: Vec<(Endpoint, &str, &str)> = vec![
        (Endpoint::SearchMissions, "/missions", "q=cuisine"),
        (Endpoint::GetMission, "/missions/apte-crowdfunding", ""),
        (Endpoint::GetMyCompany, "/me/company", ""),
        (Endpoint::GetMyProfile, "/me", ""),
    ];
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    let mib = |kib: u64| format!("{:.1} MB", kib as f64 / 1024.0);
    let floor_event = harness::event_value(Endpoint::GetMyCompany, Some(caller), "/me/company", "", None);
    let floor_run = coldstart::probe(&floor, &[], &floor_event).await?;
    println!("| function | missions | status | init | first request | of which waiting on the emulator | its requests to AWS (bytes read) | warm request | peak RSS | CPU (init + 2 requests) | first request ÷ floor | RSS ÷ floor |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| floor (minimal lambda_http) | — | {} | {} | {} | — | — | {} | {} | {} | 1× | 1× |",
        floor_run.answer["statusCode"],
        ms(floor_run.init),
        ms(floor_run.first),
        ms(floor_run.warm),
        mib(floor_run.peak_rss_kib),
        ms(floor_run.cpu)
    );
    let mut results: Vec<(Endpoint, usize, coldstart::ColdStart)> = Vec::new();
    let mut emulator_times: Vec<(usize, Duration)> = Vec::new();
    for &n in sizes {
        let env = harness::TestEnv::try_new().await?;
        let partners: Vec<String> = {
            let directory = env.app.directory.fresh(&env.app.store).await?;
            directory.associations().filter(|a| directory.partners("bpifrance", &a.id)).map(|a| a.id.clone()).collect()
        };
        if n > 0 {
            env.app.store.put_all("BatchWriteItem bench missions", missions_of(n, 3, &partners)).await?;
        }
        functions::routes::run(Job::SnapshotCatalogue, &env.app, serde_json::json!({})).await?;
        // What the emulator itself takes for the directory Query every function sends at cold
        // start (moto reads the whole table for an index Query; DynamoDB reads the partition).
        let t = Instant::now();
        env.app.store.feed(shared::keys::DIRECTORY, None).await?;
        emulator_times.push((n, t.elapsed()));
        let mut base: Vec<(String, String)> = std::env::vars().filter(|(k, _)| k.starts_with("AWS_")).collect();
        base.extend([
            ("TABLE_NAME".to_string(), env.app.config.table_name.clone()),
            ("BUCKET_NAME".to_string(), env.app.config.bucket_name.clone()),
            ("MAIL_FROM".to_string(), "Mécénat de compétences <no-reply@mecenat.example>".to_string()),
            ("SUPPORT_EMAIL".to_string(), "support@mecenat.example".to_string()),
            ("PUBLIC_BASE_URL".to_string(), "http://127.0.0.1:3000".to_string()),
            ("RUST_LOG".to_string(), "warn".to_string()),
        ]);
        for (endpoint, path, query) in &probes {
            let mut vars = base.clone();
            vars.push(("PLATFORM_FUNCTION".to_string(), endpoint.name().to_string()));
            let event = harness::event_value(*endpoint, Some(caller), path, query, None);
            let run = coldstart::probe(&binary, &vars, &event).await?;
            println!(
                "| {} | {} | {} | {} | {} | {} | {} ({:.1} KB) | {} | {} | {} | {:.1}× | {:.1}× |",
                endpoint.name(),
                n,
                run.answer["statusCode"],
                ms(run.init),
                ms(run.first),
                ms(run.first_waiting),
                run.first_requests,
                run.first_bytes as f64 / 1000.0,
                ms(run.warm),
                mib(run.peak_rss_kib),
                ms(run.cpu),
                ratio(run.first, floor_run.first),
                run.peak_rss_kib as f64 / floor_run.peak_rss_kib.max(1) as f64
            );
            results.push((*endpoint, n, run));
        }
    }
    println!("\n| missions in the table | the emulator's time for the DIRECTORY Query (from this process) |\n|---|---|");
    for (n, t) in &emulator_times {
        println!("| {n} | {} |", ms(*t));
    }
    // Each function at the largest size against itself at the smallest.
    if let (Some(&small), Some(&large)) = (sizes.first(), sizes.last()) {
        println!(
            "\n| function | first request at {large} ÷ at {small} | its own time (first request less the waits on the emulator) at {large} ÷ at {small} | its requests to AWS (bytes read) at {small} → at {large} | CPU at {large} ÷ at {small} | peak RSS at {large} |\n|---|---|---|---|---|---|"
        );
        for (endpoint, _, _) in &probes {
            let at = |n: usize| results.iter().find(|(e, size, _)| e == endpoint && *size == n).map(|(_, _, r)| r.clone());
            let (Some(a), Some(b)) = (at(small), at(large)) else { continue };
            let own = |r: &coldstart::ColdStart| r.first.saturating_sub(r.first_waiting);
            let own_ratio = ratio(own(&b), own(&a));
            let kb = |r: &coldstart::ColdStart| format!("{} ({:.1} KB)", r.first_requests, r.first_bytes as f64 / 1000.0);
            println!(
                "| {} | {:.2}× | {:.2}× ({} → {}) | {} → {} | {:.2}× | {} |",
                endpoint.name(),
                ratio(b.first, a.first),
                own_ratio,
                ms(own(&a)),
                ms(own(&b)),
                kb(&a),
                kb(&b),
                ratio(b.cpu, a.cpu),
                mib(b.peak_rss_kib)
            );
            let name = endpoint.name();
            if *endpoint == Endpoint::SearchMissions {
                targets.push(Target::new(
                    format!("{name} cold at {large} missions: CPU (init, snapshot load, 2 requests)"),
                    ms(b.cpu),
                    "< 300 ms",
                    b.cpu < Duration::from_millis(300),
                ));
                targets.push(Target::new(
                    format!("{name} cold at {large} missions: peak RSS"),
                    mib(b.peak_rss_kib),
                    "< 128 MB",
                    b.peak_rss_kib < 128 * 1024,
                ));
                continue;
            }
            // A function that does not search: the same requests, the same answers read, its
            // own time and CPU within 2× of demo size, whatever the catalogue holds.
            targets.push(Target::new(
                format!("{name} (no search) first request at {large} ÷ at {small}: its own time"),
                format!("{own_ratio:.2}×"),
                "≤ 2×",
                own_ratio <= 2.0,
            ));
            let same = a.first_requests == b.first_requests && b.first_bytes <= a.first_bytes + a.first_bytes / 10;
            targets.push(Target::new(
                format!("{name} (no search) first request at {large}: its requests to AWS and the bytes read"),
                format!("{} → {}", kb(&a), kb(&b)),
                "as at demo size",
                same,
            ));
            targets.push(Target::new(
                format!("{name} (no search) cold at {large}: peak RSS"),
                mib(b.peak_rss_kib),
                "< 64 MB",
                b.peak_rss_kib < 64 * 1024,
            ));
        }
    }
    Ok(())
}
