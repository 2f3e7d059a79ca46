//! The search index: every mission in one ordered set, and bit sets over it.
//!
//! The missions are held by position, ascending by (publication time, id), so that the
//! newest page of any query is read from the end of a bit set. Each facet value, each
//! association, each indexed term and "published" is a compressed bit set of positions
//! (roaring bitmaps); a query intersects them, counts the result (a popcount) and takes its
//! page from the end, after the cursor, stopping once the page is full. Nothing walks the
//! missions: a query costs a few bit-set operations whatever the size of the catalogue.
//!
//! The bit sets are derived: a mission keeps its term ids and facet masks, so that the whole
//! index is rebuilt from the missions in order ([`State::rebuild`]) without tokenising
//! anything — after a load from the snapshot, or when a write breaks the order (a mission
//! published again, a feed item older than the newest).
//!
//! The snapshot the scheduled job writes is this index as it is: the term dictionary and,
//! in order, each mission with its revision, term ids, masks and encoding (postcard records in
//! an LZ4 frame with its checksum). A cold instance reads it record by record and rebuilds
//! the bit sets: no tokenising, and no mission decoded until one is shown.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Write};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use roaring::{MultiOps, RoaringBitmap};
use serde::{Deserialize, Serialize};

use super::{raise, Applied, Cursor, Directory, SearchPage, SearchQuery, OVERLAP, SNAPSHOT_KEY};
use crate::documents::Documents;
use crate::domain::association::Association;
use crate::domain::mission::{Mission, MissionStatus};
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, Item, Store};
use crate::taxonomy::{self, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, REGIONS, THEMES};
use crate::text;

/// A mission with what search needs precomputed. The mission itself is kept encoded (postcard,
/// about half its size in memory) and decoded at its first use ([`IndexedMission::mission`]): a query touches only the bit
/// sets, a page decodes the missions it shows, and a cold load decodes none.
#[derive(Debug)]
pub struct IndexedMission {
    pub id: String,
    pub association_id: String,
    published: bool,
    encoded: Box<[u8]>,
    decoded: OnceLock<Box<Mission>>,
    /// The feed revision applied.
    rev: String,
    /// Its association, interned.
    association: u32,
    /// Ids of its terms in the dictionary.
    terms: Vec<u32>,
    /// Themes, professional and personal expertises, region: one bit per taxonomy value.
    masks: [u32; 4],
    published_ms: i64,
}

impl IndexedMission {
    /// Publication time in milliseconds since the epoch (0 if never published).
    pub fn published_ms(&self) -> i64 {
        self.published_ms
    }

    fn key(&self) -> (i64, &str) {
        (self.published_ms, &self.id)
    }

    /// Themes, professional and personal expertises, one bit per taxonomy value.
    pub fn masks(&self) -> crate::alerts::Masks {
        crate::alerts::Masks { themes: self.masks[0], professional: self.masks[1], personal: self.masks[2] }
    }

    /// The mission, decoded the first time it is asked for.
    pub fn mission(&self) -> ApiResult<&Mission> {
        if let Some(m) = self.decoded.get() {
            return Ok(m);
        }
        let m: Mission = postcard::from_bytes(&self.encoded).map_err(|e| ApiError::unexpected("decode indexed mission", e))?;
        Ok(self.decoded.get_or_init(|| Box::new(m)))
    }
}

/// The term dictionary: folded term → id, in buckets by the term's first two bytes, each an
/// ordered map. A query word finds its bucket by hash and the terms it prefixes as a range of
/// that bucket, so a lookup reads only the terms that begin like the word: one ordered map of
/// every term grows deeper, and slower to search, as the catalogue grows.
#[derive(Default)]
struct Dictionary {
    buckets: HashMap<[u8; 2], BTreeMap<String, u32>>,
}

impl Dictionary {
    fn bucket(term: &str) -> [u8; 2] {
        let b = term.as_bytes();
        [b.first().copied().unwrap_or(0), b.get(1).copied().unwrap_or(0)]
    }

    fn get(&self, term: &str) -> Option<u32> {
        self.buckets.get(&Self::bucket(term)).and_then(|b| b.get(term)).copied()
    }

    fn insert(&mut self, term: String, id: u32) {
        self.buckets.entry(Self::bucket(&term)).or_default().insert(term, id);
    }

    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.buckets.values().flatten().map(|(t, id)| (t.as_str(), *id))
    }

    /// The ids of the terms `word` prefixes (itself included).
    fn prefixed<'a>(&'a self, word: &'a str) -> Box<dyn Iterator<Item = u32> + 'a> {
        let in_bucket = move |terms: &'a BTreeMap<String, u32>| {
            terms
                .range::<str, _>((std::ops::Bound::Included(word), std::ops::Bound::Unbounded))
                .take_while(move |(t, _)| t.starts_with(word))
                .map(|(_, id)| *id)
        };
        match word.as_bytes() {
            [] => Box::new(std::iter::empty()),
            // One byte: the terms of every bucket that starts with it.
            [first] => Box::new(self.buckets.iter().filter(move |(b, _)| b[0] == *first).flat_map(move |(_, terms)| in_bucket(terms))),
            _ => Box::new(self.buckets.get(&Self::bucket(word)).into_iter().flat_map(in_bucket)),
        }
    }
}

impl FromIterator<(String, u32)> for Dictionary {
    fn from_iter<I: IntoIterator<Item = (String, u32)>>(terms: I) -> Self {
        let mut d = Dictionary::default();
        for (t, id) in terms {
            d.insert(t, id);
        }
        d
    }
}

/// The search index: the directory and every mission.
#[derive(Default)]
pub struct State {
    pub(super) snapshots: Option<Documents>,
    pub(super) loaded_at: Option<Instant>,
    /// Highest mission revision applied (the directory keeps its own).
    watermark: Option<i64>,
    pub(super) directory: Directory,
    /// The ordered set: missions by position, ascending (publication time, id), unless
    /// `unordered` says a write broke the order (then [`State::rebuild`] restores it).
    entries: Vec<Arc<IndexedMission>>,
    unordered: bool,
    /// Mission id → position.
    positions: HashMap<String, u32>,
    published: RoaringBitmap,
    /// Association id → small integer; its missions' positions by that number.
    association_numbers: HashMap<String, u32>,
    by_association: Vec<RoaringBitmap>,
    /// Association id → the name its missions' terms were computed with.
    indexed_names: HashMap<String, String>,
    /// Positions by taxonomy value: themes, professional, personal, regions (32 each).
    facets: [Vec<RoaringBitmap>; 4],
    /// Folded term → id; a query word matches every term it prefixes.
    dictionary: Dictionary,
    /// Positions by term id.
    postings: Vec<RoaringBitmap>,
    /// Company id → published missions of its partners, computed at its first search since
    /// the last change.
    visible: HashMap<String, RoaringBitmap>,
    /// Keys of directory items found in the `CATALOG` partition (written before `DIRECTORY`
    /// existed), for the snapshot job to move.
    legacy: Vec<(String, String)>,
}

impl std::ops::Deref for State {
    type Target = Directory;
    fn deref(&self) -> &Directory {
        &self.directory
    }
}

/// The snapshot's first record.
#[derive(Serialize, Deserialize)]
struct Header {
    watermark: Option<i64>,
    /// The taxonomies the masks were computed with ([`taxonomy_fingerprint`]).
    taxonomies: String,
    /// The dictionary, by id.
    terms: Vec<String>,
    /// Association id and the name its missions were indexed with.
    names: Vec<(String, String)>,
    missions: u32,
}

/// One mission of the snapshot, in order; the mission's own encoding follows it.
#[derive(Serialize, Deserialize)]
struct Record {
    rev: String,
    id: String,
    association_id: String,
    published: bool,
    published_ms: i64,
    masks: [u32; 4],
    terms: Vec<u32>,
}

/// Identifies the format: a snapshot of another form is ignored (the feed is read instead).
const MAGIC: &[u8; 8] = b"MCSIDX01";
/// No record is longer (the header holds the dictionary: a few MB at most).
const MAX_RECORD: usize = 256 << 20;

fn bad_snapshot(why: &str) -> ApiError {
    ApiError::unexpected("read snapshot", std::io::Error::other(why.to_string()))
}

/// Every taxonomy's slugs in order, hashed: masks computed with other taxonomies (another
/// build) would mean other values.
fn taxonomy_fingerprint() -> String {
    let slugs: Vec<&str> = [THEMES, PROFESSIONAL_EXPERTISES, PERSONAL_EXPERTISES, REGIONS]
        .iter()
        .flat_map(|t| t.entries.iter().map(|(slug, _)| *slug).chain(["|"]))
        .collect();
    crate::documents::sha256_hex(slugs.join(",").as_bytes())[..16].to_string()
}

/// A record: its length (4 bytes, little-endian), then its postcard encoding.
fn write_record(out: &mut impl Write, value: &impl Serialize) -> ApiResult<()> {
    let bytes = postcard::to_allocvec(value).map_err(|e| ApiError::unexpected("encode snapshot", e))?;
    write_bytes(out, &bytes)
}

fn write_bytes(out: &mut impl Write, bytes: &[u8]) -> ApiResult<()> {
    let len = u32::try_from(bytes.len()).map_err(|e| ApiError::unexpected("encode snapshot", e))?;
    out.write_all(&len.to_le_bytes()).and_then(|_| out.write_all(bytes)).map_err(|e| ApiError::unexpected("compress snapshot", e))
}

fn read_len(input: &mut impl Read) -> ApiResult<usize> {
    let mut len = [0u8; 4];
    input.read_exact(&mut len).map_err(|e| ApiError::unexpected("read snapshot", e))?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_RECORD {
        return Err(bad_snapshot("record too long"));
    }
    Ok(len)
}

fn read_record<T: serde::de::DeserializeOwned>(input: &mut impl Read, buffer: &mut Vec<u8>) -> ApiResult<T> {
    let len = read_len(input)?;
    buffer.resize(len, 0);
    input.read_exact(buffer).map_err(|e| ApiError::unexpected("read snapshot", e))?;
    postcard::from_bytes(buffer).map_err(|e| ApiError::unexpected("decode snapshot", e))
}

fn read_bytes(input: &mut impl Read) -> ApiResult<Box<[u8]>> {
    let mut bytes = vec![0u8; read_len(input)?].into_boxed_slice();
    input.read_exact(&mut bytes).map_err(|e| ApiError::unexpected("read snapshot", e))?;
    Ok(bytes)
}

impl State {
    /// An empty index that reads its snapshot from `snapshots` at its first load (none: the
    /// feed only).
    pub fn reading_snapshots(snapshots: Option<Documents>) -> Self {
        State { snapshots, ..State::default() }
    }

    /// Applies the feed since the watermark (or loads it whole the first time: the directory,
    /// then the snapshot's missions, then the missions written since). Answers how many feed
    /// items were read.
    pub async fn refresh(&mut self, store: &Store) -> ApiResult<usize> {
        let changes = self.directory.refresh_changes(store).await?;
        let mut read = changes.len();
        self.follow(changes);
        if self.loaded_at.is_none() {
            if let Some(documents) = self.snapshots.clone() {
                if let Some(bytes) = documents.get_if_exists(SNAPSHOT_KEY).await? {
                    if let Err(e) = self.load_snapshot(&bytes) {
                        tracing::warn!(error = %e, "catalogue snapshot ignored, the feed is read instead");
                        *self =
                            State { snapshots: self.snapshots.take(), directory: std::mem::take(&mut self.directory), ..State::default() };
                    }
                }
            }
        }
        let after = self.watermark.map(|w| keys::revision_floor(w - OVERLAP.as_millis() as i64));
        let items = store.feed(keys::CATALOG, after.as_deref()).await?;
        read += items.len();
        for item in items {
            self.apply(item)?;
        }
        self.loaded_at = Some(Instant::now());
        Ok(read)
    }

    /// Applies an item this instance has just written, so that it reads its own writes.
    pub fn apply_local(&mut self, item: Item) -> ApiResult<()> {
        self.apply(item)
    }

    pub(super) fn apply(&mut self, item: Item) -> ApiResult<()> {
        if store::string(&item, keys::ENTITY_TYPE) != Some("Mission") {
            // A stack from before the DIRECTORY partition keeps these in CATALOG.
            if let (Some(pk), Some(sk)) = (store::string(&item, keys::PK), store::string(&item, keys::SK)) {
                self.legacy.push((pk.to_string(), sk.to_string()));
            }
            let applied = self.directory.apply(item)?;
            self.follow(vec![applied]);
            return Ok(());
        }
        let Some(rev) = store::string(&item, keys::GSI2SK).map(str::to_string) else { return Ok(()) };
        let id = store::string(&item, "id").unwrap_or_default();
        // Strictly older only: two writes of one item in the same millisecond share a
        // revision, and the later one must win (re-applying the same state is harmless).
        if self.positions.get(id).is_some_and(|p| self.entries[*p as usize].rev.as_str() > rev.as_str()) {
            return Ok(());
        }
        let m: Mission = store::from_item(item)?;
        raise(&mut self.watermark, &rev);
        self.put(m, rev);
        Ok(())
    }

    /// What directory changes do to the index: a partnership or company changes who sees
    /// what; an association's new name re-indexes its missions (and only them).
    fn follow(&mut self, changes: Vec<Applied>) {
        for applied in changes {
            match applied {
                Applied::Nothing => {}
                Applied::Other => self.visible.clear(),
                Applied::Association(id) => {
                    self.visible.clear();
                    let name = self.directory.association(&id).map(|a| a.name.clone()).unwrap_or_default();
                    if self.indexed_names.get(&id).is_some_and(|n| *n != name) {
                        let mine: Vec<Arc<IndexedMission>> = self
                            .association_numbers
                            .get(&id)
                            .and_then(|n| self.by_association.get(*n as usize))
                            .map(|b| b.iter().map(|p| self.entries[p as usize].clone()).collect())
                            .unwrap_or_default();
                        for m in mine {
                            match m.mission() {
                                Ok(mission) => self.put(mission.clone(), m.rev.clone()),
                                Err(e) => tracing::error!(error = %e, id = %m.id, "mission not re-indexed"),
                            }
                        }
                    }
                }
            }
        }
    }

    fn association_number(&mut self, id: &str) -> u32 {
        if let Some(n) = self.association_numbers.get(id) {
            return *n;
        }
        let n = self.by_association.len() as u32;
        self.association_numbers.insert(id.to_string(), n);
        self.by_association.push(RoaringBitmap::new());
        n
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(id) = self.dictionary.get(&term) {
            return id;
        }
        let id = self.postings.len() as u32;
        self.dictionary.insert(term, id);
        self.postings.push(RoaringBitmap::new());
        id
    }

    /// A mission's terms and masks (the only place a mission is tokenised).
    fn indexed(&mut self, mission: Mission, rev: String) -> IndexedMission {
        let association: Option<Arc<Association>> = self.directory.association(&mission.association_id).cloned();
        let name = association.as_ref().map(|a| a.name.clone()).unwrap_or_default();
        let labels =
            |t: taxonomy::Taxonomy, slugs: &[String]| -> Vec<&'static str> { slugs.iter().filter_map(|s| t.label_of(s)).collect() };
        let mut fields: Vec<&str> = vec![&mission.title, &mission.description, &mission.duration_label, &name];
        fields.extend(mission.city.as_deref());
        fields.extend(mission.commitment.as_deref());
        fields.extend(labels(THEMES, &mission.themes));
        fields.extend(labels(PROFESSIONAL_EXPERTISES, &mission.professional_expertises));
        fields.extend(labels(PERSONAL_EXPERTISES, &mission.personal_expertises));
        let words = text::document_terms(fields);
        let terms = words.into_iter().map(|t| self.term_id(t)).collect();
        self.indexed_names.insert(mission.association_id.clone(), name);
        // A Mission always serialises (strings, numbers, dates).
        let encoded = postcard::to_allocvec(&mission).unwrap_or_default().into_boxed_slice();
        IndexedMission {
            id: mission.id.clone(),
            association_id: mission.association_id.clone(),
            published: mission.status == MissionStatus::Published,
            encoded,
            decoded: OnceLock::new(),
            rev,
            association: self.association_number(&mission.association_id),
            terms,
            masks: [
                THEMES.mask(&mission.themes),
                PROFESSIONAL_EXPERTISES.mask(&mission.professional_expertises),
                PERSONAL_EXPERTISES.mask(&mission.personal_expertises),
                mission.region.as_deref().map(|r| REGIONS.mask(&[r])).unwrap_or(0),
            ],
            published_ms: mission.published_at.map(|t| t.timestamp_millis()).unwrap_or(0),
        }
    }

    /// Sets or clears a mission's bits at a position.
    fn mark(&mut self, position: u32, m: &IndexedMission, on: bool) {
        let set = |b: &mut RoaringBitmap| {
            if on {
                b.insert(position);
            } else {
                b.remove(position);
            }
        };
        if m.published {
            set(&mut self.published);
        }
        set(&mut self.by_association[m.association as usize]);
        for (facet, mask) in self.facets.iter_mut().zip(m.masks) {
            facet.resize_with(32, RoaringBitmap::new);
            for bit in (0..32).filter(|b| mask & (1 << b) != 0) {
                set(&mut facet[bit]);
            }
        }
        for t in &m.terms {
            set(&mut self.postings[*t as usize]);
        }
    }

    /// Adds or replaces a mission: in place when its position in the order holds, at the
    /// end otherwise (the order is then restored before the next read).
    pub(super) fn put(&mut self, mission: Mission, rev: String) {
        let entry = Arc::new(self.indexed(mission, rev));
        self.visible.clear();
        let position = match self.positions.get(&entry.id).copied() {
            Some(p) => {
                let old = self.entries[p as usize].clone();
                self.mark(p, &old, false);
                if old.key() != entry.key() {
                    self.unordered = true;
                }
                self.entries[p as usize] = entry.clone();
                p
            }
            None => {
                if self.entries.last().is_some_and(|last| last.key() >= entry.key()) {
                    self.unordered = true;
                }
                let p = self.entries.len() as u32;
                self.positions.insert(entry.id.clone(), p);
                self.entries.push(entry.clone());
                p
            }
        };
        self.mark(position, &entry, true);
    }

    /// Restores the order if a write broke it: sorts the missions and rebuilds every bit
    /// set from their term ids and masks (no tokenising).
    pub fn rebuild(&mut self) {
        if !self.unordered {
            return;
        }
        self.entries.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
        self.rebuild_sets();
    }

    fn rebuild_sets(&mut self) {
        self.unordered = false;
        self.visible.clear();
        let mut positions = HashMap::with_capacity(self.entries.len());
        let mut published = Vec::new();
        let mut by_association = vec![Vec::new(); self.by_association.len()];
        let mut facets: [Vec<Vec<u32>>; 4] = std::array::from_fn(|_| vec![Vec::new(); 32]);
        let mut postings = vec![Vec::new(); self.postings.len()];
        // Positions in ascending order: every list is sorted as it is filled.
        for (p, m) in self.entries.iter().enumerate() {
            let p = p as u32;
            positions.insert(m.id.clone(), p);
            if m.published {
                published.push(p);
            }
            by_association[m.association as usize].push(p);
            for (facet, mask) in facets.iter_mut().zip(m.masks) {
                for bit in (0..32).filter(|b| mask & (1 << b) != 0) {
                    facet[bit].push(p);
                }
            }
            for t in &m.terms {
                postings[*t as usize].push(p);
            }
        }
        let set = |v: Vec<u32>| RoaringBitmap::from_sorted_iter(v).unwrap_or_default();
        self.positions = positions;
        self.published = set(published);
        self.by_association = by_association.into_iter().map(set).collect();
        self.facets = facets.map(|f| f.into_iter().map(set).collect());
        self.postings = postings.into_iter().map(set).collect();
    }

    pub fn mission(&self, id: &str) -> Option<&Arc<IndexedMission>> {
        self.positions.get(id).map(|p| &self.entries[*p as usize])
    }

    /// A published mission of a partner association of `company_id`, or nothing.
    pub fn visible_mission(&self, company_id: &str, mission_id: &str) -> Option<&Arc<IndexedMission>> {
        self.mission(mission_id).filter(|m| m.published && self.directory.partners(company_id, &m.association_id))
    }

    /// The published missions of the company's partners, as positions.
    fn visible_to(&mut self, company_id: &str) -> &RoaringBitmap {
        if !self.visible.contains_key(company_id) {
            let partners = self.directory.partners.get(company_id);
            let theirs = partners
                .into_iter()
                .flatten()
                .filter_map(|a| self.association_numbers.get(a))
                .map(|n| &self.by_association[*n as usize])
                .union();
            self.visible.insert(company_id.to_string(), theirs & &self.published);
        }
        &self.visible[company_id]
    }

    /// Every filter combined (values of one facet: any of them; facets: all of them).
    pub fn search(&mut self, company_id: &str, q: &SearchQuery) -> SearchPage {
        self.rebuild();
        self.visible_to(company_id);
        // Every condition as a set (borrowed when it is one set), then intersected smallest
        // first: the result only shrinks.
        fn one_of<'a>(sets: impl Iterator<Item = &'a RoaringBitmap>) -> Cow<'a, RoaringBitmap> {
            let sets: Vec<&RoaringBitmap> = sets.collect();
            match sets.as_slice() {
                [one] => Cow::Borrowed(*one),
                _ => Cow::Owned(sets.into_iter().union()),
            }
        }
        let mut required: Vec<Cow<RoaringBitmap>> = vec![Cow::Borrowed(&self.visible[company_id])];
        if !q.associations.is_empty() {
            required.push(one_of(
                q.associations.iter().filter_map(|a| self.association_numbers.get(a)).map(|n| &self.by_association[*n as usize]),
            ));
        }
        for (facet, mask) in self.facets.iter().zip([q.themes, q.professional, q.personal, q.regions]) {
            if mask != 0 {
                required.push(one_of(facet.iter().enumerate().filter(|(bit, _)| mask & (1 << bit) != 0).map(|(_, b)| b)));
            }
        }
        for word in &q.terms {
            required.push(one_of(self.dictionary.prefixed(word).map(|id| &self.postings[id as usize])));
        }
        required.sort_by_key(|b| b.len());
        let mut sets = required.into_iter();
        let mut set = sets.next().map(Cow::into_owned).unwrap_or_default();
        for other in sets {
            if set.is_empty() {
                break;
            }
            set &= other.as_ref();
        }
        let total = set.len() as usize;
        // The newest page after the cursor: from the end of the set, below the cursor's place.
        let end = match &q.after {
            Some(c) => self.entries.partition_point(|m| m.key() < (c.published_ms, c.id.as_str())),
            None => self.entries.len(),
        };
        let mut items = Vec::with_capacity(q.limit);
        let mut more = false;
        if end > 0 {
            let mut newest_first = set.iter();
            newest_first.advance_back_to(end as u32 - 1);
            for p in newest_first.rev() {
                if items.len() == q.limit {
                    more = true;
                    break;
                }
                items.push(self.entries[p as usize].clone());
            }
        }
        let next = if more { items.last().map(|m| Cursor { published_ms: m.published_ms, id: m.id.clone() }) } else { None };
        SearchPage { total, items, next }
    }

    /// Published missions, newest first.
    pub fn published(&mut self) -> Vec<Arc<IndexedMission>> {
        self.rebuild();
        self.published.iter().rev().map(|p| self.entries[p as usize].clone()).collect()
    }

    /// Published missions of partner associations of `company_id`, newest first.
    pub fn published_for(&mut self, company_id: &str) -> Vec<Arc<IndexedMission>> {
        self.rebuild();
        let positions: Vec<u32> = self.visible_to(company_id).iter().rev().collect();
        positions.into_iter().map(|p| self.entries[p as usize].clone()).collect()
    }

    pub fn mission_count(&self) -> usize {
        self.entries.len()
    }

    /// Feed items held: the directory's and the missions.
    pub fn item_count(&self) -> usize {
        self.directory.item_count() + self.entries.len()
    }

    /// Directory items read from the `CATALOG` partition and not moved yet.
    pub fn legacy_directory_items(&self) -> &[(String, String)] {
        &self.legacy
    }

    /// Forgets them once moved.
    pub fn legacy_moved(&mut self) {
        self.legacy.clear();
    }

    /// Highest mission revision held, in milliseconds.
    pub fn watermark(&self) -> Option<i64> {
        self.watermark
    }

    /// The index as the snapshot keeps it: its terms still in use (ids made dense again) and
    /// every mission in order.
    pub fn snapshot(&mut self) -> ApiResult<Vec<u8>> {
        self.rebuild();
        // Term ids are dense (0..postings): a vector maps them.
        let mut by_id: Vec<&str> = vec![""; self.postings.len()];
        for (t, id) in self.dictionary.iter() {
            by_id[id as usize] = t;
        }
        let mut renumbered: Vec<Option<u32>> = vec![None; self.postings.len()];
        let mut terms: Vec<String> = Vec::new();
        let records: Vec<Vec<u32>> = self
            .entries
            .iter()
            .map(|m| {
                m.terms
                    .iter()
                    .map(|t| {
                        *renumbered[*t as usize].get_or_insert_with(|| {
                            terms.push(by_id[*t as usize].to_string());
                            terms.len() as u32 - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let header = Header {
            watermark: self.watermark,
            taxonomies: taxonomy_fingerprint(),
            terms,
            names: self.indexed_names.iter().map(|(a, n)| (a.clone(), n.clone())).collect(),
            missions: self.entries.len() as u32,
        };
        let frame = lz4_flex::frame::FrameInfo::new().content_checksum(true);
        let mut out = lz4_flex::frame::FrameEncoder::with_frame_info(frame, MAGIC.to_vec());
        write_record(&mut out, &header)?;
        for (m, terms) in self.entries.iter().zip(records) {
            let record = Record {
                rev: m.rev.clone(),
                id: m.id.clone(),
                association_id: m.association_id.clone(),
                published: m.published,
                published_ms: m.published_ms,
                masks: m.masks,
                terms,
            };
            write_record(&mut out, &record)?;
            write_bytes(&mut out, &m.encoded)?;
        }
        out.finish().map_err(|e| ApiError::unexpected("compress snapshot", e))
    }

    /// Loads a snapshot into an index that holds its directory and no mission yet. An
    /// association renamed since the snapshot has its missions re-indexed.
    pub fn load_snapshot(&mut self, bytes: &[u8]) -> ApiResult<()> {
        let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| bad_snapshot("not an index snapshot"))?;
        let mut input = lz4_flex::frame::FrameDecoder::new(body);
        let mut buffer = Vec::new();
        let header: Header = read_record(&mut input, &mut buffer)?;
        if header.taxonomies != taxonomy_fingerprint() {
            return Err(bad_snapshot("written with other taxonomies"));
        }
        self.watermark = header.watermark;
        self.postings = vec![RoaringBitmap::new(); header.terms.len()];
        self.dictionary = header.terms.into_iter().enumerate().map(|(id, t)| (t, id as u32)).collect();
        self.entries.reserve(header.missions as usize);
        for _ in 0..header.missions {
            let r: Record = read_record(&mut input, &mut buffer)?;
            let encoded = read_bytes(&mut input)?;
            if r.terms.iter().any(|t| *t as usize >= self.postings.len()) {
                return Err(bad_snapshot("term out of range"));
            }
            let m = IndexedMission {
                association: self.association_number(&r.association_id),
                id: r.id,
                association_id: r.association_id,
                published: r.published,
                encoded,
                decoded: OnceLock::new(),
                rev: r.rev,
                terms: r.terms,
                masks: r.masks,
                published_ms: r.published_ms,
            };
            if self.entries.last().is_some_and(|last| last.key() >= m.key()) {
                self.unordered = true;
            }
            self.entries.push(Arc::new(m));
        }
        // The end of the frame: its checksum is verified.
        if input.read(&mut [0u8; 1]).map_err(|e| ApiError::unexpected("read snapshot", e))? != 0 {
            return Err(bad_snapshot("trailing data"));
        }
        // A mission of this build's shape (one decoded now; the others when shown).
        if let Some(first) = self.entries.first() {
            first.mission()?;
        }
        self.indexed_names = header.names.into_iter().collect();
        if self.unordered {
            self.entries.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
        }
        self.rebuild_sets();
        // Associations renamed since the snapshot.
        let renamed: Vec<Applied> = self
            .indexed_names
            .iter()
            .filter(|(id, name)| self.directory.association(id).is_some_and(|a| a.name != **name))
            .map(|(id, _)| Applied::Association(id.clone()))
            .collect();
        self.follow(renamed);
        Ok(())
    }
}
