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

use std::collections::{BTreeMap, HashMap, HashSet};
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
use crate::taxonomy::{self, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, REGIONS, THEMES};
use crate::text;
use crate::texts::err;

/// How far back each refresh looks behind the watermark.
pub const OVERLAP: Duration = Duration::from_secs(10);

pub struct Catalogue {
    state: Mutex<State>,
    max_age: Duration,
}

/// Where the scheduled `snapshot-catalogue` function keeps the whole feed.
pub const SNAPSHOT_KEY: &str = crate::documents::keys::SNAPSHOT;

/// The catalogue feed at a watermark, as stored in S3.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Snapshot {
    /// Highest revision included, in milliseconds.
    pub watermark: Option<i64>,
    /// Every feed item, as JSON (the DynamoDB attributes, `GSI2SK` included).
    pub items: Vec<serde_json::Value>,
}

impl Snapshot {
    pub fn encode(&self) -> ApiResult<Vec<u8>> {
        use std::io::Write;
        let json = serde_json::to_vec(self).map_err(|e| ApiError::unexpected("encode snapshot", e))?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&json).map_err(|e| ApiError::unexpected("gzip snapshot", e))?;
        gz.finish().map_err(|e| ApiError::unexpected("gzip snapshot", e))
    }

    pub fn decode(bytes: &[u8]) -> ApiResult<Snapshot> {
        let gz = flate2::read::GzDecoder::new(bytes);
        serde_json::from_reader(std::io::BufReader::new(gz)).map_err(|e| ApiError::unexpected("decode snapshot", e))
    }

    /// Reads the snapshot, if one was written.
    pub async fn load(documents: &Documents) -> ApiResult<Option<Snapshot>> {
        match documents.get_if_exists(SNAPSHOT_KEY).await? {
            Some(bytes) => Snapshot::decode(&bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Adds feed items, keeping for each key the newest revision.
    pub fn merge(&mut self, items: Vec<Item>) -> ApiResult<()> {
        let key = |v: &serde_json::Value| format!("{}|{}", v[keys::PK].as_str().unwrap_or(""), v[keys::SK].as_str().unwrap_or(""));
        let mut by_key: HashMap<String, usize> = self.items.iter().enumerate().map(|(i, v)| (key(v), i)).collect();
        for item in items {
            let Some(rev) = store::string(&item, keys::GSI2SK).map(str::to_string) else { continue };
            let value = store::item_to_json(item)?;
            if let Some(ms) = keys::revision_millis(&rev) {
                self.watermark = Some(self.watermark.map_or(ms, |w| w.max(ms)));
            }
            match by_key.get(&key(&value)) {
                Some(&i) if self.items[i][keys::GSI2SK].as_str().unwrap_or("") >= rev.as_str() => {}
                Some(&i) => self.items[i] = value,
                None => {
                    by_key.insert(key(&value), self.items.len());
                    self.items.push(value);
                }
            }
        }
        Ok(())
    }
}

impl IndexedMission {
    /// Publication time in milliseconds since the epoch (0 if never published).
    pub fn published_ms(&self) -> i64 {
        self.published_ms
    }
}

/// A mission with what search needs precomputed.
#[derive(Debug)]
pub struct IndexedMission {
    pub mission: Mission,
    /// Its place in the index's vectors and posting lists, stable across updates.
    slot: u32,
    /// Its association, interned.
    association: u32,
    terms: Vec<String>,
    themes: u32,
    professional: u32,
    personal: u32,
    region: u32,
    published_ms: i64,
}

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
        let after = self.watermark.map(|w| keys::revision_floor(w - OVERLAP.as_millis() as i64));
        for item in store.feed(keys::DIRECTORY, after.as_deref()).await? {
            self.apply(item)?;
        }
        self.loaded_at = Some(Instant::now());
        Ok(())
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

/// The search index: the directory and every mission.
#[derive(Default)]
pub struct State {
    snapshots: Option<Documents>,
    loaded_at: Option<Instant>,
    /// Highest mission revision applied (the directory keeps its own).
    watermark: Option<i64>,
    /// Mission item key → newest revision applied.
    revisions: HashMap<String, String>,
    directory: Directory,
    missions: HashMap<String, Arc<IndexedMission>>,
    /// Association id → small integer, so that a partner set is a vector of booleans.
    association_numbers: HashMap<String, u32>,
    /// Missions by slot.
    slots: Vec<Arc<IndexedMission>>,
    /// Inverted index: folded term → slots of the missions containing it. A query word
    /// matches every term it prefixes: a range of this ordered map.
    postings: BTreeMap<String, Vec<u32>>,
    /// Slots of the published missions, newest first (published time, then id, descending).
    order: Vec<u32>,
    order_dirty: bool,
}

impl std::ops::Deref for State {
    type Target = Directory;
    fn deref(&self) -> &Directory {
        &self.directory
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
        Self { state: Mutex::new(State { snapshots, ..State::default() }), max_age }
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

fn indexed(mission: Mission, association: Option<&Association>, slot: u32, association_number: u32) -> IndexedMission {
    let labels = |t: taxonomy::Taxonomy, slugs: &[String]| -> Vec<&'static str> { slugs.iter().filter_map(|s| t.label_of(s)).collect() };
    let mut fields: Vec<&str> = vec![&mission.title, &mission.description, &mission.duration_label];
    fields.extend(mission.city.as_deref());
    fields.extend(mission.commitment.as_deref());
    fields.extend(association.map(|a| a.name.as_str()));
    let mut label_fields = labels(THEMES, &mission.themes);
    label_fields.extend(labels(PROFESSIONAL_EXPERTISES, &mission.professional_expertises));
    label_fields.extend(labels(PERSONAL_EXPERTISES, &mission.personal_expertises));
    fields.extend(label_fields);
    let terms = text::document_terms(fields);
    IndexedMission {
        slot,
        association: association_number,
        themes: THEMES.mask(&mission.themes),
        professional: PROFESSIONAL_EXPERTISES.mask(&mission.professional_expertises),
        personal: PERSONAL_EXPERTISES.mask(&mission.personal_expertises),
        region: mission.region.as_deref().map(|r| REGIONS.mask(&[r])).unwrap_or(0),
        published_ms: mission.published_at.map(|t| t.timestamp_millis()).unwrap_or(0),
        terms,
        mission,
    }
}

impl State {
    /// Applies the feed since the watermark (or loads it whole the first time).
    pub async fn refresh(&mut self, store: &Store) -> ApiResult<()> {
        if self.loaded_at.is_none() {
            if let Some(documents) = &self.snapshots {
                if let Some(snapshot) = Snapshot::load(documents).await? {
                    for value in snapshot.items {
                        let item = store::json_to_item(value)?;
                        self.apply(item)?;
                    }
                }
            }
        }
        let watermark = match (self.watermark, self.directory.watermark) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let after = watermark.map(|w| keys::revision_floor(w - OVERLAP.as_millis() as i64));
        let items = store.catalogue_feed(after.as_deref()).await?;
        for item in items {
            self.apply(item)?;
        }
        self.loaded_at = Some(Instant::now());
        Ok(())
    }

    /// Applies an item this instance has just written, so that it reads its own writes.
    pub fn apply_local(&mut self, item: Item) -> ApiResult<()> {
        self.apply(item)
    }

    fn apply(&mut self, item: Item) -> ApiResult<()> {
        if store::string(&item, keys::ENTITY_TYPE) != Some("Mission") {
            if let Applied::Association(id) = self.directory.apply(item)? {
                // The association's name is searchable in its missions: re-index them.
                let mine: Vec<Mission> =
                    self.missions.values().filter(|m| m.mission.association_id == id).map(|m| m.mission.clone()).collect();
                for m in mine {
                    self.index_mission(m);
                }
            }
            return Ok(());
        }
        let Some((key, rev)) = revision_of(&item, &self.revisions) else { return Ok(()) };
        let m: Mission = store::from_item(item)?;
        self.index_mission(m);
        raise(&mut self.watermark, &rev);
        self.revisions.insert(key, rev);
        Ok(())
    }

    fn association_number(&mut self, id: &str) -> u32 {
        let next = self.association_numbers.len() as u32;
        *self.association_numbers.entry(id.to_string()).or_insert(next)
    }

    /// Adds or replaces a mission in the index (same slot when it was already there).
    fn index_mission(&mut self, m: Mission) {
        let association_number = self.association_number(&m.association_id);
        let slot = match self.missions.get(&m.id) {
            Some(old) => {
                let slot = old.slot;
                for t in &old.terms {
                    if let Some(list) = self.postings.get_mut(t) {
                        list.retain(|s| *s != slot);
                        if list.is_empty() {
                            self.postings.remove(t);
                        }
                    }
                }
                slot
            }
            None => self.slots.len() as u32,
        };
        let association = self.directory.associations.get(&m.association_id).cloned();
        let entry = Arc::new(indexed(m, association.as_deref(), slot, association_number));
        for t in &entry.terms {
            self.postings.entry(t.clone()).or_default().push(slot);
        }
        if (slot as usize) < self.slots.len() {
            self.slots[slot as usize] = entry.clone();
        } else {
            self.slots.push(entry.clone());
        }
        self.missions.insert(entry.mission.id.clone(), entry);
        self.order_dirty = true;
    }

    fn sort_order(&mut self) {
        if self.order_dirty {
            let slots = &self.slots;
            let mut order: Vec<u32> = slots.iter().filter(|m| m.mission.status == MissionStatus::Published).map(|m| m.slot).collect();
            order.sort_unstable_by(|a, b| {
                let (a, b) = (&slots[*a as usize], &slots[*b as usize]);
                (b.published_ms, &b.mission.id).cmp(&(a.published_ms, &a.mission.id))
            });
            self.order = order;
            self.order_dirty = false;
        }
    }

    /// The slots whose terms one query word prefixes, as a bit set.
    fn prefix_bits(&self, word: &str) -> Vec<u64> {
        let mut bits = vec![0u64; self.slots.len().div_ceil(64)];
        for (_, list) in self
            .postings
            .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
            .take_while(|(t, _)| t.starts_with(word))
        {
            for s in list {
                bits[(*s / 64) as usize] |= 1 << (s % 64);
            }
        }
        bits
    }

    /// A vector of booleans by association number.
    fn association_bits<'a>(&self, ids: impl Iterator<Item = &'a String>) -> Vec<bool> {
        let mut v = vec![false; self.association_numbers.len()];
        for id in ids {
            if let Some(n) = self.association_numbers.get(id) {
                v[*n as usize] = true;
            }
        }
        v
    }

    pub fn mission(&self, id: &str) -> Option<&Arc<IndexedMission>> {
        self.missions.get(id)
    }

    /// A published mission of a partner association of `company_id`, or nothing.
    pub fn visible_mission(&self, company_id: &str, mission_id: &str) -> Option<&Arc<IndexedMission>> {
        self.missions
            .get(mission_id)
            .filter(|m| m.mission.status == MissionStatus::Published && self.partners(company_id, &m.mission.association_id))
    }

    /// Every filter combined (values of one facet: any of them; facets: all of them).
    pub fn search(&mut self, company_id: &str, q: &SearchQuery) -> SearchPage {
        self.sort_order();
        let empty = HashSet::new();
        let allowed = self.association_bits(self.directory.partners.get(company_id).unwrap_or(&empty).iter());
        let chosen = (!q.associations.is_empty()).then(|| self.association_bits(q.associations.iter()));
        let words: Vec<Vec<u64>> = q.terms.iter().map(|t| self.prefix_bits(t)).collect();
        let has = |bits: &Vec<u64>, slot: u32| bits[(slot / 64) as usize] & (1 << (slot % 64)) != 0;
        let mut total = 0;
        let mut items = Vec::with_capacity(q.limit);
        let mut more = false;
        for &slot in &self.order {
            let m = &self.slots[slot as usize];
            let matches = allowed[m.association as usize]
                && chosen.as_ref().is_none_or(|c| c[m.association as usize])
                && (q.themes == 0 || q.themes & m.themes != 0)
                && (q.professional == 0 || q.professional & m.professional != 0)
                && (q.personal == 0 || q.personal & m.personal != 0)
                && (q.regions == 0 || q.regions & m.region != 0)
                && words.iter().all(|w| has(w, slot));
            if !matches {
                continue;
            }
            total += 1;
            let after_cursor = q.after.as_ref().is_none_or(|c| (m.published_ms, m.mission.id.as_str()) < (c.published_ms, c.id.as_str()));
            if after_cursor {
                if items.len() < q.limit {
                    items.push(m.clone());
                } else {
                    more = true;
                }
            }
        }
        let next = if more { items.last().map(|m| Cursor { published_ms: m.published_ms, id: m.mission.id.clone() }) } else { None };
        SearchPage { total, items, next }
    }

    /// Published missions, newest first.
    pub fn published(&mut self) -> Vec<Arc<IndexedMission>> {
        self.sort_order();
        self.order.iter().map(|slot| self.slots[*slot as usize].clone()).collect()
    }

    /// Published missions of partner associations of `company_id`, newest first.
    pub fn published_for(&mut self, company_id: &str) -> Vec<Arc<IndexedMission>> {
        let mut all = self.published();
        all.retain(|m| self.partners(company_id, &m.mission.association_id));
        all
    }

    pub fn mission_count(&self) -> usize {
        self.missions.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mission::tests::fields;
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
            s.index_mission(m);
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
            seen.extend(page.items.iter().map(|m| m.mission.id.clone()));
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
        assert_eq!(page.items[0].mission.id, "m1");
        q.themes = 0;
        assert_eq!(s.search("c1", &q).total, 2, "m3's association is not a partner");
        assert_eq!(s.search("c2", &q).total, 0, "a company without partners sees nothing");
        assert!(s.visible_mission("c1", "m3").is_none());
        assert!(s.visible_mission("c1", "m1").is_some());
    }

    #[test]
    fn an_updated_mission_is_found_by_its_new_words_only() {
        let mut s = state(vec![mission("m1", "a1", "Atelier cuisine", &["sante-handicap"], 1)]);
        let mut q = query(10);
        q.terms = text::query_terms("cuisine");
        assert_eq!(s.search("c1", &q).total, 1);
        s.index_mission(mission("m1", "a1", "Jardin partagé", &["environnement"], 1));
        assert_eq!(s.search("c1", &q).total, 0, "the old words are gone");
        q.terms = text::query_terms("jardin");
        assert_eq!(s.search("c1", &q).total, 1);
        assert_eq!(s.mission_count(), 1);
        q.terms = text::query_terms("jardin atel");
        assert_eq!(s.search("c1", &q).total, 0, "every word must match");
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
