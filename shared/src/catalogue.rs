//! The search index of the catalogue, held in memory by each warm function instance.
//!
//! Search (B2) must combine five facets with French keywords, count the matches and page
//! newest first, restricted to the caller's company's partners, without scanning the table.
//! DynamoDB cannot answer that in one request, so every item search depends on is also
//! written to a change feed sorted by revision, in two GSI2 partitions: `DIRECTORY`
//! (companies, associations, partnerships) and `CATALOG` (missions). A search instance loads
//! both once at cold start (the snapshot, then the feed since it), then before a request that
//! needs fresh data asks only for the revisions since its watermark — a Query per partition
//! that usually returns nothing. Matching is then bit masks and binary searches in memory:
//! see the README for the measured figures.
//!
//! Every other function needs no mission in memory: it holds a [`Directory`] alone, loaded
//! from the `DIRECTORY` partition (small whatever the number of missions), and reads the
//! missions it names by key ([`Named`], `store::missions::get`).
//!
//! The watermark is moved back by `OVERLAP` before each refresh so that a write committed
//! with a slightly older timestamp (clock skew between instances, index propagation) is
//! still seen; re-applying an item is idempotent (the newest revision wins).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use tokio::sync::{Mutex, MutexGuard};

use crate::documents::Documents;
use crate::domain::association::{Association, Partnership};
use crate::domain::company::Company;
use crate::domain::mission::{Mission, MissionStatus};
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, Item, Store};
use crate::texts::err;

/// How far back each refresh looks behind the watermark.
pub const OVERLAP: Duration = Duration::from_secs(10);

mod index;
pub use index::{IndexedMission, State};

pub struct Catalogue {
    state: Mutex<State>,
    max_age: Duration,
}

/// Where the scheduled `snapshot-catalogue` function keeps the whole feed.
pub const SNAPSHOT_KEY: &str = crate::documents::keys::SNAPSHOT;

/// Companies (with the e-mail domains that name them), associations and partnerships: what
/// most functions need of the catalogue, and no mission. Its feed is the GSI2 partition
/// `DIRECTORY`, small whatever the number of missions: a function that does not search
/// loads this alone ([`DirectoryCache`]); the search index holds one too.
#[derive(Default)]
pub struct Directory {
    loaded_at: Option<Instant>,
    watermark: Option<i64>,
    /// Item key → newest revision applied.
    revisions: HashMap<String, String>,
    companies: HashMap<String, Arc<Company>>,
    domains: HashMap<String, String>,
    associations: HashMap<String, Arc<Association>>,
    /// company id → association ids it partners with.
    partners: HashMap<String, HashSet<String>>,
}

/// What applying a feed item did.
#[derive(Debug)]
enum Applied {
    /// Nothing: not newer than what is held, or not an item of this kind.
    Nothing,
    /// An association changed: its missions' index must follow its name.
    Association(String),
    Other,
}

/// The feed item's key and revision, if it is a feed item; whether it is newer than `seen`.
fn revision_of(item: &Item, revisions: &HashMap<String, String>) -> Option<(String, String)> {
    let (Some(pk), Some(sk), Some(rev)) = (store::string(item, keys::PK), store::string(item, keys::SK), store::string(item, keys::GSI2SK))
    else {
        return None;
    };
    let key = format!("{pk}|{sk}");
    // Strictly older only: two writes of one item in the same millisecond share a revision,
    // and the later one must win (re-applying the same state is harmless).
    if revisions.get(&key).is_some_and(|seen| seen.as_str() > rev) {
        return None;
    }
    Some((key, rev.to_string()))
}

fn raise(watermark: &mut Option<i64>, rev: &str) {
    if let Some(ms) = keys::revision_millis(rev) {
        *watermark = Some(watermark.map_or(ms, |w| w.max(ms)));
    }
}

impl Directory {
    /// Applies the directory feed since the watermark (or loads it whole the first time).
    pub async fn refresh(&mut self, store: &Store) -> ApiResult<()> {
        self.refresh_changes(store).await.map(drop)
    }

    /// The same, answering what each item read did.
    async fn refresh_changes(&mut self, store: &Store) -> ApiResult<Vec<Applied>> {
        let after = self.watermark.map(|w| keys::revision_floor(w - OVERLAP.as_millis() as i64));
        let items = store.feed(keys::DIRECTORY, after.as_deref()).await?;
        let applied = items.into_iter().map(|item| self.apply(item)).collect::<ApiResult<Vec<Applied>>>()?;
        self.loaded_at = Some(Instant::now());
        Ok(applied)
    }

    /// Feed items held.
    pub fn item_count(&self) -> usize {
        self.revisions.len()
    }

    fn apply(&mut self, item: Item) -> ApiResult<Applied> {
        let Some((key, rev)) = revision_of(&item, &self.revisions) else { return Ok(Applied::Nothing) };
        let applied = match store::string(&item, keys::ENTITY_TYPE).unwrap_or_default() {
            "Company" => {
                let c: Company = store::from_item(item)?;
                self.domains.retain(|_, id| *id != c.id);
                for d in &c.email_domains {
                    self.domains.insert(d.to_lowercase(), c.id.clone());
                }
                self.companies.insert(c.id.clone(), Arc::new(c));
                Applied::Other
            }
            "Association" => {
                let a: Association = store::from_item(item)?;
                let id = a.id.clone();
                self.associations.insert(id.clone(), Arc::new(a));
                Applied::Association(id)
            }
            "Partnership" => {
                let p: Partnership = store::from_item(item)?;
                let set = self.partners.entry(p.company_id.clone()).or_default();
                if p.active {
                    set.insert(p.association_id);
                } else {
                    set.remove(&p.association_id);
                }
                Applied::Other
            }
            _ => return Ok(Applied::Nothing),
        };
        raise(&mut self.watermark, &rev);
        self.revisions.insert(key, rev);
        Ok(applied)
    }

    pub fn company(&self, id: &str) -> Option<&Arc<Company>> {
        self.companies.get(id)
    }

    /// The company whose allowed domains include this e-mail's domain.
    pub fn company_of_domain(&self, domain: &str) -> Option<&Arc<Company>> {
        self.domains.get(&domain.to_lowercase()).and_then(|id| self.companies.get(id))
    }

    pub fn association(&self, id: &str) -> Option<&Arc<Association>> {
        self.associations.get(id)
    }

    pub fn associations(&self) -> impl Iterator<Item = &Arc<Association>> {
        self.associations.values()
    }

    /// The companies an association partners with.
    pub fn partner_companies(&self, association_id: &str) -> Vec<&Arc<Company>> {
        let mut v: Vec<&Arc<Company>> =
            self.partners.iter().filter(|(_, set)| set.contains(association_id)).filter_map(|(cid, _)| self.companies.get(cid)).collect();
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    }

    pub fn partners(&self, company_id: &str, association_id: &str) -> bool {
        self.partners.get(company_id).is_some_and(|s| s.contains(association_id))
    }

    /// Whether the company's employees see this mission: published, by a partner association.
    pub fn shows(&self, company_id: &str, m: &Mission) -> bool {
        m.status == MissionStatus::Published && self.partners(company_id, &m.association_id)
    }
}

/// The directory of a function instance, loaded at its first use (one Query of the
/// `DIRECTORY` partition: no mission, no S3 read).
pub struct DirectoryCache {
    state: Mutex<Directory>,
    max_age: Duration,
}

impl DirectoryCache {
    pub fn new(max_age: Duration) -> Self {
        Self { state: Mutex::new(Directory::default()), max_age }
    }

    /// The directory, refreshed first if it is older than the configured maximum age (one
    /// Query of what changed since its watermark, usually nothing).
    pub async fn fresh(&self, store: &Store) -> ApiResult<MutexGuard<'_, Directory>> {
        let mut state = self.state.lock().await;
        if state.loaded_at.is_none_or(|t| t.elapsed() >= self.max_age) {
            state.refresh(store).await?;
        }
        Ok(state)
    }

    /// The directory as it is, loaded first if this instance has never loaded it.
    pub async fn cached(&self, store: &Store) -> ApiResult<MutexGuard<'_, Directory>> {
        let mut state = self.state.lock().await;
        if state.loaded_at.is_none() {
            state.refresh(store).await?;
        }
        Ok(state)
    }
}

/// A few missions read by id (strongly consistent BatchGetItems of their items), with the
/// directory: what a function that shows or checks named missions needs, instead of the
/// whole catalogue.
pub struct Named<'a> {
    directory: &'a Directory,
    missions: HashMap<String, Mission>,
}

impl<'a> Named<'a> {
    /// The missions of these ids (those that exist).
    pub async fn read(store: &Store, ids: &[String]) -> ApiResult<Vec<Mission>> {
        store::missions::get_many(store, ids).await
    }

    pub fn new(directory: &'a Directory, missions: Vec<Mission>) -> Self {
        Self { directory, missions: missions.into_iter().map(|m| (m.id.clone(), m)).collect() }
    }

    pub fn mission(&self, id: &str) -> Option<&Mission> {
        self.missions.get(id)
    }

    /// A published mission of a partner association of `company_id`, or nothing.
    pub fn visible_mission(&self, company_id: &str, mission_id: &str) -> Option<&Mission> {
        self.missions.get(mission_id).filter(|m| self.directory.shows(company_id, m))
    }
}

impl std::ops::Deref for Named<'_> {
    type Target = Directory;
    fn deref(&self) -> &Directory {
        self.directory
    }
}

/// A search request, already validated.
#[derive(Debug, Default, Clone)]
pub struct SearchQuery {
    pub associations: Vec<String>,
    pub themes: u32,
    pub professional: u32,
    pub personal: u32,
    pub regions: u32,
    pub terms: Vec<String>,
    pub limit: usize,
    pub after: Option<Cursor>,
}

/// Position after the last mission of a page: its publication time and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub published_ms: i64,
    pub id: String,
}

impl Cursor {
    /// Opaque and tamper-evident: the position, then a check of it (the first 8 bytes of its
    /// SHA-256), base64url. A cursor changed or cut short no longer matches its check.
    pub fn encode(&self) -> String {
        let position = format!("v2:{}:{}", self.published_ms, self.id);
        let check = Self::check(&position);
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{position}:{check}"))
    }

    fn check(position: &str) -> String {
        crate::documents::sha256_hex(position.as_bytes())[..16].to_string()
    }

    pub fn decode(field: &str, raw: &str) -> ApiResult<Cursor> {
        let bad = || ApiError::field(field, err::BAD_CURSOR);
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(raw.trim()).map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let (position, check) = text.rsplit_once(':').ok_or_else(bad)?;
        if check != Self::check(position) {
            return Err(bad());
        }
        let mut parts = position.splitn(3, ':');
        let (Some("v2"), Some(ms), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
        let published_ms = ms.parse::<i64>().map_err(|_| bad())?;
        crate::domain::validate::id(field, id).map_err(|_| bad())?;
        Ok(Cursor { published_ms, id: id.to_string() })
    }
}

pub struct SearchPage {
    pub total: usize,
    pub items: Vec<Arc<IndexedMission>>,
    pub next: Option<Cursor>,
}

impl Catalogue {
    /// `snapshots`: where to read the catalogue snapshot at cold start (none: the feed only).
    pub fn new(max_age: Duration, snapshots: Option<Documents>) -> Self {
        Self { state: Mutex::new(State::reading_snapshots(snapshots)), max_age }
    }

    /// The index, refreshed first if it is older than the configured maximum age.
    pub async fn fresh(&self, store: &Store) -> ApiResult<MutexGuard<'_, State>> {
        let mut state = self.state.lock().await;
        let stale = state.loaded_at.is_none_or(|t| t.elapsed() >= self.max_age);
        if stale {
            state.refresh(store).await?;
        }
        Ok(state)
    }

    /// The index refreshed now whatever its age (loaded first if this instance never loaded
    /// it), with the number of feed items read: what the snapshot job writes.
    pub async fn refreshed(&self, store: &Store) -> ApiResult<(MutexGuard<'_, State>, usize)> {
        let mut state = self.state.lock().await;
        let read = state.refresh(store).await?;
        Ok((state, read))
    }

    /// Applies an item this instance has just written, if it holds the index (a function that
    /// never searched loads nothing for it).
    pub async fn apply_if_loaded(&self, item: Item) -> ApiResult<()> {
        let mut state = self.state.lock().await;
        if state.loaded_at.is_some() {
            state.apply(item)?;
        }
        Ok(())
    }

    /// The index as it is, loaded first if this instance has never loaded it. Writers use it
    /// and refresh only when what they look for is missing ([`State::refresh`]).
    pub async fn cached(&self, store: &Store) -> ApiResult<MutexGuard<'_, State>> {
        let mut state = self.state.lock().await;
        if state.loaded_at.is_none() {
            state.refresh(store).await?;
        }
        Ok(state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mission::tests::fields;
    use crate::taxonomy::THEMES;
    use crate::text;
    use chrono::{DateTime, Utc};

    fn mission(id: &str, asso: &str, title: &str, themes: &[&str], minute: u32) -> Mission {
        let now: DateTime<Utc> = format!("2026-01-05T09:{minute:02}:00Z").parse().unwrap();
        let mut f = fields();
        f.title = Some(title.into());
        f.themes = Some(themes.iter().map(|s| s.to_string()).collect());
        let m = f.create(id.into(), asso.into(), now).unwrap();
        m.apply(crate::domain::mission::MissionAction::Publish, now).unwrap()
    }

    fn state(missions: Vec<Mission>) -> State {
        let mut s = State::default();
        s.directory.partners.insert("c1".into(), HashSet::from(["a1".to_string(), "a2".to_string()]));
        for m in missions {
            s.put(m, "r".into());
        }
        s
    }

    fn query(limit: usize) -> SearchQuery {
        SearchQuery { limit, ..Default::default() }
    }

    #[test]
    fn pages_never_repeat_or_skip() {
        let ms: Vec<Mission> = (0..25).map(|i| mission(&format!("m{i:02}"), "a1", "Atelier", &["environnement"], (i % 7) as u32)).collect();
        let mut s = state(ms);
        let mut seen = Vec::new();
        let mut q = query(4);
        loop {
            let page = s.search("c1", &q);
            assert_eq!(page.total, 25);
            seen.extend(page.items.iter().map(|m| m.id.clone()));
            match page.next {
                Some(c) => q.after = Some(Cursor::decode("cursor", &c.encode()).unwrap()),
                None => break,
            }
        }
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(seen.len(), 25);
        assert_eq!(unique.len(), 25);
    }

    #[test]
    fn filters_combine_and_partners_restrict() {
        let mut s = state(vec![
            mission("m1", "a1", "Atelier cuisine solidaire", &["sante-handicap"], 1),
            mission("m2", "a2", "Cuisine et jardin", &["environnement"], 2),
            mission("m3", "a3", "Atelier cuisine", &["sante-handicap"], 3),
        ]);
        let mut q = query(10);
        q.terms = text::query_terms("CUISINE");
        q.themes = THEMES.mask(&["sante-handicap"]);
        let page = s.search("c1", &q);
        assert_eq!(page.total, 1);
        assert_eq!(page.items[0].id, "m1");
        q.themes = 0;
        assert_eq!(s.search("c1", &q).total, 2, "m3's association is not a partner");
        assert_eq!(s.search("c2", &q).total, 0, "a company without partners sees nothing");
        assert!(s.visible_mission("c1", "m3").is_none());
        assert!(s.visible_mission("c1", "m1").is_some());
    }

    #[test]
    fn a_word_finds_every_term_it_prefixes_whatever_its_length() {
        let mut s = state(vec![
            mission("m1", "a1", "Cuisine solidaire", &["environnement"], 1),
            mission("m2", "a1", "Cuisiniers du quartier", &["environnement"], 2),
            mission("m3", "a2", "Cueillette", &["environnement"], 3),
            mission("m4", "a2", "Jardin", &["environnement"], 4),
        ]);
        let found = |s: &mut State, words: &str| {
            let mut q = query(10);
            q.terms = words.split(' ').map(str::to_string).collect();
            let mut ids: Vec<String> = s.search("c1", &q).items.iter().map(|m| m.id.clone()).collect();
            ids.sort();
            ids
        };
        assert_eq!(found(&mut s, "cuisin"), ["m1", "m2"]);
        assert_eq!(found(&mut s, "cuisine"), ["m1"]);
        assert_eq!(found(&mut s, "cuisinier"), ["m2"]);
        assert_eq!(found(&mut s, "cu"), ["m1", "m2", "m3"]);
        assert_eq!(found(&mut s, "cue"), ["m3"]);
        // Shorter than a bucket's two bytes: every bucket that starts with it ("quartier").
        assert_eq!(found(&mut s, "q"), ["m2"]);
        assert_eq!(found(&mut s, "q jardin"), Vec::<String>::new());
        assert_eq!(found(&mut s, "zz"), Vec::<String>::new());
        assert_eq!(found(&mut s, "z"), Vec::<String>::new());
        // The same after the snapshot's round trip.
        let mut loaded = state(vec![]);
        loaded.load_snapshot(&s.snapshot().unwrap()).unwrap();
        assert_eq!(found(&mut loaded, "q"), ["m2"]);
        assert_eq!(found(&mut loaded, "cuisinier"), ["m2"]);
    }

    #[test]
    fn an_updated_mission_is_found_by_its_new_words_only() {
        let mut s = state(vec![mission("m1", "a1", "Atelier cuisine", &["sante-handicap"], 1)]);
        let mut q = query(10);
        q.terms = text::query_terms("cuisine");
        assert_eq!(s.search("c1", &q).total, 1);
        s.put(mission("m1", "a1", "Jardin partagé", &["environnement"], 1), "r".into());
        assert_eq!(s.search("c1", &q).total, 0, "the old words are gone");
        q.terms = text::query_terms("jardin");
        assert_eq!(s.search("c1", &q).total, 1);
        assert_eq!(s.mission_count(), 1);
        q.terms = text::query_terms("jardin atel");
        assert_eq!(s.search("c1", &q).total, 0, "every word must match");
    }

    fn association_item(id: &str, name: &str, at: &str) -> Item {
        let a = Association {
            id: id.into(),
            name: name.into(),
            address: "1 rue".into(),
            postcode: "75011".into(),
            city: "Paris".into(),
            website: None,
            theme: "environnement".into(),
            description: "Une association".into(),
            registration_number: "W751234567".into(),
            representative_name: "Jeanne".into(),
            representative_title: "Présidente".into(),
            eligibility: crate::domain::association::Eligibility {
                general_interest: true,
                art_238_bis: true,
                non_confessional: true,
                apolitical: true,
            },
            contact_email: "contact@asso.example".into(),
            contact_phone: None,
        };
        let item = store::item("Association", &keys::association(id), &keys::association(id), &a).unwrap();
        store::in_catalogue(item, at.parse().unwrap())
    }

    fn ids(page: &SearchPage) -> Vec<String> {
        page.items.iter().map(|m| m.id.clone()).collect()
    }

    #[test]
    fn a_renamed_association_is_found_by_its_new_name_in_its_missions_only() {
        let mut s = state(vec![]);
        s.apply(association_item("a1", "Les Amis du Verger", "2026-01-01T00:00:00Z")).unwrap();
        s.put(mission("m1", "a1", "Atelier", &["environnement"], 1), "r".into());
        s.put(mission("m2", "a2", "Atelier", &["environnement"], 2), "r".into());
        let mut q = query(10);
        q.terms = text::query_terms("verger");
        assert_eq!(ids(&s.search("c1", &q)), ["m1"]);
        s.apply(association_item("a1", "Cuisine Partagée", "2026-01-02T00:00:00Z")).unwrap();
        assert_eq!(s.search("c1", &q).total, 0, "the old name is gone");
        q.terms = text::query_terms("partagee");
        assert_eq!(ids(&s.search("c1", &q)), ["m1"]);
    }

    #[test]
    fn a_mission_whose_publication_time_moves_changes_place_and_pages_hold() {
        let mut s = state((0..5).map(|i| mission(&format!("m{i}"), "a1", "Atelier", &["environnement"], i)).collect());
        assert_eq!(ids(&s.search("c1", &query(10))), ["m4", "m3", "m2", "m1", "m0"]);
        let later: DateTime<Utc> = "2026-01-05T10:00:00Z".parse().unwrap();
        // Whatever moves a publication time (a correction, a later revision of the feed).
        let mut again = mission("m1", "a1", "Atelier", &["environnement"], 1);
        again.published_at = Some(later);
        s.put(again, "r2".into());
        let first = s.search("c1", &query(2));
        assert_eq!(ids(&first), ["m1", "m4"]);
        let mut q = query(2);
        q.after = first.next;
        let second = s.search("c1", &q);
        assert_eq!((ids(&second), second.total), (vec!["m3".to_string(), "m2".to_string()], 5));
    }

    #[test]
    fn the_snapshot_gives_back_the_same_index() {
        let mut s = state(vec![]);
        s.apply(association_item("a1", "Les Amis du Verger", "2026-01-01T00:00:00Z")).unwrap();
        for i in 0..40u32 {
            let theme = if i % 3 == 0 { "sante-handicap" } else { "environnement" };
            let title = if i % 2 == 0 { "Atelier cuisine" } else { "Jardin partagé" };
            s.put(mission(&format!("m{i:02}"), if i % 4 == 0 { "a2" } else { "a1" }, title, &[theme], 59 - i), format!("r{i}"));
        }
        let bytes = s.snapshot().unwrap();
        let mut loaded = state(vec![]);
        loaded.apply(association_item("a1", "Les Amis du Verger", "2026-01-01T00:00:00Z")).unwrap();
        loaded.load_snapshot(&bytes).unwrap();
        assert_eq!(loaded.mission_count(), 40);
        let mut queries = vec![query(7)];
        for words in ["cuisine", "verger jardin", "parta"] {
            let mut q = query(5);
            q.terms = text::query_terms(words);
            queries.push(q);
        }
        let mut q = query(5);
        q.themes = THEMES.mask(&["sante-handicap"]);
        q.associations = vec!["a2".into()];
        queries.push(q);
        for q in queries {
            let (a, b) = (s.search("c1", &q), loaded.search("c1", &q));
            assert_eq!((ids(&a), a.total, a.next), (ids(&b), b.total, b.next), "{q:?}");
            assert!(a.total > 0, "{q:?}");
        }
        assert!(state(vec![]).load_snapshot(b"not a snapshot").is_err());
        assert!(state(vec![]).load_snapshot(&bytes[..bytes.len() / 2]).is_err(), "a cut snapshot is refused");
    }

    #[test]
    fn bad_cursors_are_refused() {
        let good = Cursor { published_ms: 1_767_225_600_000, id: "apte-crowdfunding".into() }.encode();
        assert_eq!(Cursor::decode("cursor", &good).unwrap().id, "apte-crowdfunding");
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let decoded = String::from_utf8(base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&good).unwrap()).unwrap();
        let truncated = b64(&decoded.replacen("apte-crowdfunding", "apte", 1));
        let shifted = b64(&decoded.replacen("1767225600000", "1767225600001", 1));
        let cut = good[..good.len() - 4].to_string();
        for raw in ["", "!!!", "djE6YWJj", &b64("v1:12:../x"), &b64("v1:12:apte"), &truncated, &shifted, &cut] {
            let e = Cursor::decode("cursor", raw).unwrap_err();
            assert_eq!(e.problem().field.as_deref(), Some("cursor"), "{raw}");
        }
    }
}
