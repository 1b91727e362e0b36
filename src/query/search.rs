//! Compile a parsed query into a tantivy query, run it, and cut snippets for the hits.
//!
//! Words and phrases without a field search the title (boosted ×2) and the body, each word
//! required. Entity fields match their canonical names: `person:pompeo` is one word of a name,
//! `person:"mike pompeo"` the name as a phrase ([`entity_query`]). Date fields are day ranges.
//!
//! A query of entity filters only ranks by how central the entity is to each article: the
//! index writes a name into its entity field once per unit of the entity's weight (title,
//! mentions, how early; see [`crate::index::schema`]), so the filter's BM25 term frequency is
//! that weight and `--explain` shows it as `freq`. Once the query searches words, the words
//! rank and entity filters count for a fifth of their score. Snippets quote the body words a
//! query matches, or for entity-only queries the sentence naming the entity (`snippet`);
//! else the body's opening.

use std::ops::{Bound, Range};
use std::path::Path;
use std::sync::OnceLock;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Explanation, FuzzyTermQuery,
    Occur, PhrasePrefixQuery, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::parser::{self, DateTarget, Expr, QueryError, TextKind, TextTarget};
use super::snippet;
use crate::article::{EntityKind, article_id};
use crate::config::{QueryOptions, SearchConfig, Sort};
use crate::copies::{Cluster, CopyTable, Counting, Stories, StoryCount, Tally};
use crate::error::Result;
use crate::index::MorgueIndex;
use crate::index::schema::{self, Fields};
use crate::resolve::EntityTable;

/// How much a title match outweighs a body match.
const TITLE_BOOST: f32 = 2.0;

/// One search hit, with what the printer needs.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    /// Where the article is in the searcher it was read from.
    pub address: DocAddress,
    pub path: String,
    pub record: Option<String>,
    /// The relevance score; `None` when sorted by date.
    pub score: Option<f32>,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    pub byline: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// A passage of the body around the best match.
    pub snippet: String,
    /// Byte ranges of the matched words within `snippet`.
    pub highlights: Vec<Range<usize>>,
    pub people: Vec<String>,
    pub companies: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
    /// Why the hit scored as it did (`--explain`).
    pub explanation: Option<Explanation>,
    /// The id of the cluster of copies the article is in (its representative's id), if it
    /// has copies ([`crate::copies`]).
    pub cluster: Option<String>,
    /// How many other articles of the archive are copies of the same story.
    pub copies: usize,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    /// How many stories match in all (articles with `--all-copies`): what `counted` says.
    pub total: usize,
    /// How many articles match, copies included.
    pub articles: usize,
    pub counted: Counting,
    pub hits: Vec<Hit>,
}

impl SearchResults {
    fn new(tally: Tally, counted: Counting, hits: Vec<Hit>) -> SearchResults {
        SearchResults {
            total: tally.of(counted),
            articles: tally.articles,
            counted,
            hits,
        }
    }
}

/// Run a query against the index (opens it; see [`Archive`] to run many).
pub fn search(config: &SearchConfig) -> Result<SearchResults> {
    let archive = Archive::open(&config.index_dir)?;
    let options = QueryOptions {
        limit: config.limit,
        snippet_chars: config.snippet_chars,
        ..QueryOptions::default()
    };
    archive.search(&config.query, &options)
}

/// A page of matches, each with its score (`None` when sorted by date), and how many
/// articles and stories match in all.
type Matches = (Vec<(Option<f32>, DocAddress)>, Tally);

/// An open index with one reader and searcher, for any number of queries.
pub struct Archive {
    pub morgue: MorgueIndex,
    searcher: Searcher,
    /// The entity table for the searcher's commit, read on first use.
    table: OnceLock<EntityTable>,
    /// The copy table for the searcher's commit and where its clusters are, read on first
    /// use.
    copies: OnceLock<(CopyTable, Stories)>,
}

impl Archive {
    /// Open the index at `dir` and take a searcher on its last commit.
    pub fn open(dir: &Path) -> Result<Archive> {
        let morgue = MorgueIndex::open(dir)?;
        let reader = morgue
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();
        Ok(Archive {
            morgue,
            searcher,
            table: OnceLock::new(),
            copies: OnceLock::new(),
        })
    }

    pub fn searcher(&self) -> &Searcher {
        &self.searcher
    }

    /// The archive's entity table ([`crate::resolve`]), loaded (or built) on first use.
    pub fn table(&self) -> Result<&EntityTable> {
        if let Some(table) = self.table.get() {
            return Ok(table);
        }
        let table = crate::resolve::current(&self.morgue, &self.searcher)?;
        Ok(self.table.get_or_init(|| table))
    }

    /// The archive's copy table ([`crate::copies`]), loaded (or built) on first use.
    pub fn copies(&self) -> Result<&CopyTable> {
        Ok(&self.copies_found()?.0)
    }

    /// Where the clusters of copies are in the searcher, to count stories.
    pub fn stories(&self) -> Result<&Stories> {
        Ok(&self.copies_found()?.1)
    }

    fn copies_found(&self) -> Result<&(CopyTable, Stories)> {
        if let Some(found) = self.copies.get() {
            return Ok(found);
        }
        let found = crate::copies::current(&self.morgue, &self.searcher)?;
        Ok(self.copies.get_or_init(|| found))
    }

    /// How many stories, or articles, the whole archive holds.
    pub fn count_all(&self, counting: Counting) -> Result<u64> {
        let articles = self.searcher.num_docs();
        Ok(match counting {
            Counting::Stories => self.stories()?.of_index(articles),
            Counting::Articles => articles,
        })
    }

    /// How many articles and stories `query` matches.
    pub fn tally(&self, query: &dyn Query) -> Result<Tally> {
        let stories = self.stories()?;
        Ok(self.searcher.search(query, &StoryCount { stories })?)
    }

    /// The cluster of copies the article at `address` is in, if it has copies.
    pub fn cluster_at(&self, address: DocAddress) -> Result<Option<&Cluster>> {
        let number = self.stories()?.cluster_at(address);
        let clusters = self.copies()?.clusters();
        Ok(number.map(|n| &clusters[n as usize]))
    }

    /// Where the members of a cluster are, its representative first.
    pub fn members(&self, cluster: &Cluster) -> Result<Vec<DocAddress>> {
        let stories = self.stories()?;
        Ok((cluster.members.iter())
            .map(|m| stories.address(m.place))
            .collect())
    }

    /// The ids of the other articles that are copies of the same story as `hit`.
    pub fn copies_of(&self, hit: &Hit) -> Result<Vec<String>> {
        let Some(cluster) = self.cluster_at(hit.address)? else {
            return Ok(Vec::new());
        };
        let others = self.members(cluster)?.into_iter();
        others
            .filter(|&address| address != hit.address)
            .map(|address| self.id_of(address))
            .collect()
    }

    /// A hit's cluster of copies, if it has copies: its id (the representative's article
    /// id) and how many copies stand behind it.
    fn show_copies(&self, hit: &mut Hit) -> Result<()> {
        if let Some(cluster) = self.cluster_at(hit.address)? {
            let representative = self.stories()?.address(cluster.representative().place);
            hit.cluster = Some(self.id_of(representative)?);
            hit.copies = cluster.members.len() - 1;
        }
        Ok(())
    }

    /// A hit's entity names as the table shows them, each once.
    fn show_names(&self, hit: &mut Hit) -> Result<()> {
        let table = self.table()?;
        for (kind, names) in [
            (EntityKind::Person, &mut hit.people),
            (EntityKind::Company, &mut hit.companies),
            (EntityKind::Organization, &mut hit.organizations),
            (EntityKind::Place, &mut hit.places),
        ] {
            let mut shown: Vec<String> = Vec::with_capacity(names.len());
            for name in names.iter() {
                let display = table.display(kind, name);
                if !shown.iter().any(|s| s == display) {
                    shown.push(display.to_string());
                }
            }
            *names = shown;
        }
        Ok(())
    }

    pub fn fields(&self) -> Fields {
        self.morgue.fields
    }

    /// Parse and compile a query, with the limits of `options` added.
    pub fn compile(&self, query: &str, options: &QueryOptions) -> Result<Box<dyn Query>> {
        let expr = parser::parse(query)?;
        self.compile_expr(expr, options)
    }

    /// The query of an answer over many articles: `query` with the limits of `options`
    /// (`--since`, `--until`, `--under`), or those limits alone, or (neither given) none: the
    /// whole index.
    pub fn compile_within(
        &self,
        query: Option<&str>,
        options: &QueryOptions,
    ) -> Result<Option<Box<dyn Query>>> {
        if let Some(query) = query {
            return self.compile(query, options).map(Some);
        }
        let limits = limits(options);
        if limits.is_empty() {
            return Ok(None);
        }
        Ok(Some(compile_with(
            &Expr::And(limits),
            &self.morgue.fields,
            None,
        )?))
    }

    /// Compile a parsed query, with the limits of `options` added (`--since`, `--until`,
    /// `--under`).
    pub fn compile_expr(&self, expr: Expr, options: &QueryOptions) -> Result<Box<dyn Query>> {
        let limits = limits(options);
        let expr = if limits.is_empty() {
            expr
        } else {
            Expr::And(std::iter::once(expr).chain(limits).collect())
        };
        let table = if mentions_entities(&expr) {
            Some(self.table()?)
        } else {
            None
        };
        Ok(compile_with(&expr, &self.morgue.fields, table)?)
    }

    /// Run one query: the total count and, unless `options.count_only`, one page of hits.
    ///
    /// A query of entity filters only quotes, for each hit, the sentence that first names one
    /// of its entities (`snippet`).
    pub fn search(&self, query: &str, options: &QueryOptions) -> Result<SearchResults> {
        let expr = parser::parse(query)?;
        let filters = snippet::EntityFilters::of(&expr);
        let query = self.compile_expr(expr, options)?;
        self.run(&*query, &filters, options)
    }

    /// Run a compiled query; snippets quote the body words it matches.
    pub fn search_compiled(
        &self,
        query: &dyn Query,
        options: &QueryOptions,
    ) -> Result<SearchResults> {
        self.run(query, &snippet::EntityFilters::default(), options)
    }

    /// Run a compiled query, quoting `filters`' entities where they are not empty.
    fn run(
        &self,
        query: &dyn Query,
        filters: &snippet::EntityFilters,
        options: &QueryOptions,
    ) -> Result<SearchResults> {
        let searcher = &self.searcher;
        let counted = if options.all_copies {
            Counting::Articles
        } else {
            Counting::Stories
        };
        if options.count_only {
            return Ok(SearchResults::new(self.tally(query)?, counted, Vec::new()));
        }
        let (found, tally) = if options.all_copies {
            self.top(query, options, options.offset, options.limit)?
        } else {
            self.top_stories(query, options)?
        };
        let f = self.morgue.fields;
        let mut snippets = if options.snippets {
            let mut g = SnippetGenerator::create(searcher, query, f.body)?;
            g.set_max_num_chars(options.snippet_chars);
            Some(g)
        } else {
            None
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = hit_from_doc(&doc, address, &f, score);
            self.show_names(&mut hit)?;
            self.show_copies(&mut hit)?;
            if let Some(generator) = &mut snippets {
                let body = stored_text(&doc, f.body).unwrap_or_default();
                let max_chars = options.snippet_chars;
                if let Some((text, marks)) = filters.quote(&hit, &body, max_chars) {
                    hit.snippet = text;
                    hit.highlights = marks;
                } else {
                    let snippet = generator.snippet_from_doc(&doc);
                    if snippet.is_empty() {
                        hit.snippet = lead(&body, max_chars);
                    } else {
                        hit.snippet = snippet.fragment().to_string();
                        hit.highlights = snippet.highlighted().to_vec();
                    }
                }
            }
            if options.explain {
                hit.explanation = Some(query.explain(searcher, address)?);
            }
            hits.push(hit);
        }
        Ok(SearchResults::new(tally, counted, hits))
    }

    /// The matches from `offset` to `offset + limit` in the order asked for, with the total.
    fn top(
        &self,
        query: &dyn Query,
        options: &QueryOptions,
        offset: usize,
        limit: usize,
    ) -> Result<Matches> {
        let searcher = &self.searcher;
        // The collector keeps `offset + limit` hits in memory; no page starts past the last
        // article, so neither need be larger than the index.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = limit.clamp(1, docs.max(1));
        let top = TopDocs::with_limit(limit).and_offset(offset.min(docs));
        let count = StoryCount {
            stories: self.stories()?,
        };
        let found = match options.sort {
            Sort::Relevance => {
                let (top, total) = searcher.search(query, &(top.order_by_score(), count))?;
                (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
            }
            Sort::Newest | Sort::Oldest => {
                let order = if options.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let (top, total) = searcher.search(
                    query,
                    &(
                        top.order_by_fast_field::<DateTime>(schema::PUBLISHED, order),
                        count,
                    ),
                )?;
                (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
            }
        };
        Ok(found)
    }

    /// One page of matches with each story once: of the articles that are copies of one
    /// another, only the best placed stands for them all. Reads a window of matches twice
    /// the page and widens it until the page is full or the matches run out.
    fn top_stories(&self, query: &dyn Query, options: &QueryOptions) -> Result<Matches> {
        let stories = self.stories()?;
        let wanted = options.offset.saturating_add(options.limit.max(1));
        if stories.clusters() == 0 {
            return self.top(query, options, options.offset, options.limit);
        }
        let mut window = wanted.saturating_mul(2);
        loop {
            let (found, tally) = self.top(query, options, 0, window)?;
            let mut seen = std::collections::HashSet::new();
            let mut page = Vec::with_capacity(wanted);
            for &(score, address) in &found {
                if stories.cluster_at(address).is_none_or(|c| seen.insert(c)) {
                    page.push((score, address));
                }
            }
            if page.len() >= wanted || found.len() >= tally.articles || found.len() < window {
                let page = page.into_iter().skip(options.offset).take(options.limit);
                return Ok((page.collect(), tally));
            }
            window = window.saturating_mul(4);
        }
    }

    /// Run many queries on the reader's threads (rayon's pool), results in input order.
    pub fn search_batch<S: AsRef<str> + Sync>(
        &self,
        queries: &[S],
        options: &QueryOptions,
    ) -> Vec<Result<SearchResults>> {
        use rayon::prelude::*;
        queries
            .par_iter()
            .map(|q| self.search(q.as_ref(), options))
            .collect()
    }

    /// The stored fields of the article with this id, if the index holds it.
    ///
    /// The id is `path` or `path#record`, and a path or a record may hold a `#` itself: the
    /// whole id is tried as a path first, then each split at a `#`, last first, with the
    /// record checked against the stored one.
    pub fn article(&self, id: &str) -> Result<Option<Hit>> {
        let f = self.morgue.fields;
        for (path, record) in crate::article::id_splits(id) {
            let query = TermQuery::new(
                Term::from_field_text(f.path, path),
                IndexRecordOption::Basic,
            );
            let mut addresses: Vec<DocAddress> = self
                .searcher
                .search(&query, &DocSetCollector)?
                .into_iter()
                .collect();
            addresses.sort();
            for address in addresses {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                if stored_text(&doc, f.record).as_deref() == record {
                    return Ok(Some(self.whole(&doc, address)?));
                }
            }
        }
        Ok(None)
    }

    /// The stored fields of the article at `address`, its whole body as the snippet.
    pub fn article_at(&self, address: DocAddress) -> Result<Hit> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        self.whole(&doc, address)
    }

    fn whole(&self, doc: &TantivyDocument, address: DocAddress) -> Result<Hit> {
        let f = self.morgue.fields;
        let mut hit = hit_from_doc(doc, address, &f, None);
        self.show_names(&mut hit)?;
        self.show_copies(&mut hit)?;
        hit.snippet = stored_text(doc, f.body).unwrap_or_default();
        Ok(hit)
    }

    /// The id of the article at `address`.
    pub fn id_of(&self, address: DocAddress) -> Result<String> {
        let doc: TantivyDocument = self.searcher.doc(address)?;
        let f = self.morgue.fields;
        let path = stored_text(&doc, f.path).unwrap_or_default();
        Ok(article_id(&path, stored_text(&doc, f.record).as_deref()))
    }
}

fn stored_text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// A hit's stored fields; the snippet is left empty.
fn hit_from_doc(doc: &TantivyDocument, address: DocAddress, f: &Fields, score: Option<f32>) -> Hit {
    // An entity field repeats each name by its weight (see `index::schema`): keep it once.
    let all = |field: Field| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for name in doc.get_all(field).filter_map(|v| v.as_str()) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
        names
    };
    let path = stored_text(doc, f.path).unwrap_or_default();
    let record = stored_text(doc, f.record);
    Hit {
        id: article_id(&path, record.as_deref()),
        address,
        path,
        record,
        score,
        title: stored_text(doc, f.title).unwrap_or_default(),
        published: doc
            .get_first(f.published)
            .and_then(|v| v.as_datetime())
            .and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
            .map(|d| d.date_naive()),
        byline: stored_text(doc, f.byline),
        source: stored_text(doc, f.source),
        url: stored_text(doc, f.url),
        snippet: String::new(),
        highlights: Vec::new(),
        people: all(f.person),
        companies: all(f.company),
        organizations: all(f.org),
        places: all(f.place),
        explanation: None,
        cluster: None,
        copies: 0,
    }
}

/// The start of a body, cut at a word boundary, for hits that matched no body words.
fn lead(body: &str, max_chars: usize) -> String {
    let flat = crate::parse::squeeze(body);
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{} …", &cut[..i]),
        None => cut,
    }
}

/// Compile a syntax tree into a tantivy query, entity filters matching canonical names only.
pub fn compile(expr: &Expr, f: &Fields) -> std::result::Result<Box<dyn Query>, QueryError> {
    compile_with(expr, f, None)
}

/// Compile a syntax tree into a tantivy query; with a table, an entity filter also matches
/// the articles that name the entity it names by any of its other names.
///
/// A query of entity filters only (with dates and boolean structure around them) ranks by
/// the filters' scores, which say how central each entity is to the article (see
/// [`crate::index::schema`]); once words are searched too, the words rank and each entity
/// filter adds [`ENTITY_AMONG_WORDS`] of its score.
pub fn compile_with(
    expr: &Expr,
    f: &Fields,
    table: Option<&EntityTable>,
) -> std::result::Result<Box<dyn Query>, QueryError> {
    let entity_boost = if searches_words(expr) {
        ENTITY_AMONG_WORDS
    } else {
        1.0
    };
    compile_scored(expr, f, entity_boost, table)
}

/// How much of an entity filter's score counts in a query that also searches words.
const ENTITY_AMONG_WORDS: f32 = 0.2;

/// The filters `options` adds to a query: publication dates, and the file or folder read.
fn limits(options: &QueryOptions) -> Vec<Expr> {
    let mut limits = Vec::new();
    if options.since.is_some() || options.until.is_some() {
        let range = parser::DayRange {
            from: options.since,
            to: options.until.map(|d| d + chrono::Duration::days(1)),
        };
        limits.push(Expr::Dates {
            target: DateTarget::Published,
            range,
        });
    }
    if let Some(path) = &options.under {
        limits.push(Expr::Text {
            target: TextTarget::Under,
            text: path.to_string_lossy().into_owned(),
            kind: TextKind::Word,
        });
    }
    limits
}

/// Whether a query filters on an entity field.
fn mentions_entities(expr: &Expr) -> bool {
    match expr {
        Expr::Text { target, .. } => entity_kind(*target).is_some(),
        Expr::Dates { .. } => false,
        Expr::And(parts) | Expr::Or(parts) => parts.iter().any(mentions_entities),
        Expr::Not(inner) => mentions_entities(inner),
    }
}

/// Whether any word or phrase scores the query: a text leaf outside a negation that is not
/// an entity filter (nor a url, which only filters).
pub(super) fn searches_words(expr: &Expr) -> bool {
    match expr {
        Expr::Text { target, .. } => {
            entity_kind(*target).is_none() && !matches!(target, TextTarget::Url | TextTarget::Under)
        }
        Expr::Dates { .. } | Expr::Not(_) => false,
        Expr::And(parts) | Expr::Or(parts) => parts.iter().any(searches_words),
    }
}

/// The entity kind a text target filters on, if it is an entity field.
pub(super) fn entity_kind(target: TextTarget) -> Option<EntityKind> {
    match target {
        TextTarget::Person => Some(EntityKind::Person),
        TextTarget::Company => Some(EntityKind::Company),
        TextTarget::Org => Some(EntityKind::Organization),
        TextTarget::Place => Some(EntityKind::Place),
        _ => None,
    }
}

/// The `entity` terms of every entity of the table that a filter's words name exactly,
/// directly or through the built-in lists (`place:uk` → United Kingdom, and every name the
/// archive found it under).
fn entity_terms(
    table: &EntityTable,
    kind: EntityKind,
    text: &str,
    words: &[String],
) -> Vec<String> {
    let mut ids: Vec<usize> = table.named(kind, &words.join(" ")).to_vec();
    if let Some(entry) = crate::extract::gazetteer::gazetteer().get_any_case(text)
        && entry.kind == kind
    {
        ids.extend_from_slice(table.named(kind, &crate::resolve::names::fold(entry.canonical)));
    }
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .flat_map(|id| table.get(id).terms.iter().cloned())
        .collect()
}

/// [`compile_with`], with each entity filter's score multiplied by `entity_boost`.
fn compile_scored(
    expr: &Expr,
    f: &Fields,
    entity_boost: f32,
    table: Option<&EntityTable>,
) -> std::result::Result<Box<dyn Query>, QueryError> {
    let compile = |e: &Expr| compile_scored(e, f, entity_boost, table);
    Ok(match expr {
        Expr::Text { target, text, kind } => {
            if let Some(entity) = entity_kind(*target) {
                let q = entity_query(f, entity, text, *kind, table)?;
                return Ok(boosted(q, entity_boost));
            }
            let fields: Vec<(Field, f32)> = match target {
                TextTarget::Title => vec![(f.title, 1.0)],
                TextTarget::Body => vec![(f.body, 1.0)],
                TextTarget::Byline => vec![(f.byline, 1.0)],
                TextTarget::Source => vec![(f.source, 1.0)],
                TextTarget::Url => return url_query(f.url, text),
                TextTarget::Under => return Ok(under_query(f.path, text)),
                // The default, title and body (entity filters were compiled above).
                _ => vec![(f.title, TITLE_BOOST), (f.body, 1.0)],
            };
            let words = parser::searched_words(text, *kind, 0)?;
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost) in fields {
                let q = boosted(words_query(field, &words, *kind)?, boost);
                alternatives.push((Occur::Should, q));
            }
            if alternatives.len() == 1 {
                alternatives.pop().expect("one alternative").1
            } else {
                Box::new(BooleanQuery::new(alternatives))
            }
        }
        Expr::Dates { target, range } => {
            let field = match target {
                DateTarget::Published => f.published,
                DateTarget::Mentions => f.mentions,
            };
            let bound = |d: Option<chrono::NaiveDate>, included: bool| match d {
                None => Bound::Unbounded,
                Some(d) => {
                    let t =
                        Term::from_field_date_for_search(field, crate::index::day_to_tantivy(d));
                    if included {
                        Bound::Included(t)
                    } else {
                        Bound::Excluded(t)
                    }
                }
            };
            Box::new(RangeQuery::new(
                bound(range.from, true),
                bound(range.to, false),
            ))
        }
        Expr::And(parts) => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for part in parts {
                match part {
                    Expr::Not(inner) => clauses.push((Occur::MustNot, compile(inner)?)),
                    other => clauses.push((Occur::Must, compile(other)?)),
                }
            }
            if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Or(alts) => {
            let clauses = alts
                .iter()
                .map(|a| Ok((Occur::Should, compile(a)?)))
                .collect::<std::result::Result<Vec<_>, QueryError>>()?;
            Box::new(BooleanQuery::new(clauses))
        }
        Expr::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
            (Occur::MustNot, compile(inner)?),
        ])),
    })
}

/// The query for one entity filter: articles whose canonical names of `entity`'s kind hold
/// `text` as a word, phrase, prefix or fuzzy word (by `kind`), scored by the entity's weight
/// in each article. With a table, a word or phrase that names an entity also matches the
/// articles holding any other name of it, each scored by that name's weight.
fn entity_query(
    f: &Fields,
    entity: EntityKind,
    text: &str,
    kind: TextKind,
    table: Option<&EntityTable>,
) -> std::result::Result<Box<dyn Query>, QueryError> {
    let field = f.entity_field(entity);
    let words = parser::searched_words(text, kind, 0)?;
    let direct = words_query(field, &words, kind)?;
    let Some(table) = table.filter(|_| matches!(kind, TextKind::Word | TextKind::Phrase { .. }))
    else {
        return Ok(direct);
    };
    let mut alternatives: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, direct)];
    for term in entity_terms(table, entity, text, &words) {
        let Some((_, name)) = term.split_once(':') else {
            continue;
        };
        // Exactly this name (the `entity` term, which adds nothing to the score), weighted
        // by its words in the entity field.
        let exact = TermQuery::new(
            Term::from_field_text(f.entity, &term),
            IndexRecordOption::Basic,
        );
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(exact), 0.0)),
        )];
        let name_words = analyse(name);
        if !name_words.is_empty() {
            let weight = words_query(field, &name_words, TextKind::Phrase { slop: 0 })?;
            clauses.push((Occur::Should, weight));
        }
        alternatives.push((Occur::Should, Box::new(BooleanQuery::new(clauses))));
    }
    Ok(Box::new(BooleanQuery::new(alternatives)))
}

/// `query` with its score multiplied by `boost` (unless that is 1).
fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// The query for analysed words in one field: a term, a phrase (with its slop), a prefix or
/// a fuzzy term.
fn words_query(
    field: Field,
    words: &[String],
    kind: TextKind,
) -> std::result::Result<Box<dyn Query>, QueryError> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    let bad = |e: tantivy::TantivyError| QueryError {
        message: e.to_string(),
        column: 1,
    };
    Ok(match (kind, terms.len()) {
        (_, 0) => Box::new(EmptyQuery),
        (TextKind::Prefix, 1) => Box::new(
            RegexQuery::from_pattern(&format!("{}.*", regex::escape(&words[0])), field)
                .map_err(bad)?,
        ),
        (TextKind::Prefix, _) => {
            let mut q = PhrasePrefixQuery::new(terms);
            q.set_max_expansions(200);
            Box::new(q)
        }
        (TextKind::Fuzzy { distance }, _) => Box::new(FuzzyTermQuery::new(
            terms.into_iter().next().expect("one term"),
            distance,
            true,
        )),
        (_, 1) => Box::new(TermQuery::new(
            terms.into_iter().next().expect("one term"),
            IndexRecordOption::WithFreqs,
        )),
        (TextKind::Phrase { slop }, _) => {
            let mut q = PhraseQuery::new(terms);
            q.set_slop(slop);
            Box::new(q)
        }
        (TextKind::Word, _) => Box::new(PhraseQuery::new(terms)),
    })
}

/// `url:` matches the whole url, or a pattern where `*` stands for any characters.
fn url_query(field: Field, value: &str) -> std::result::Result<Box<dyn Query>, QueryError> {
    if !value.contains('*') {
        return Ok(Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        )));
    }
    let pattern: Vec<String> = value.split('*').map(regex::escape).collect();
    RegexQuery::from_pattern(&pattern.join(".*"), field)
        .map(|q| Box::new(q) as Box<dyn Query>)
        .map_err(|e| QueryError {
            message: format!("bad url pattern '{value}': {e}"),
            column: 1,
        })
}

/// The articles of the file at `value`, or of every file below it when it is a folder: the
/// path made absolute from where morgue runs and canonical when it exists, as the index
/// keeps paths (`index::path_key`).
fn under_query(field: Field, value: &str) -> Box<dyn Query> {
    let path = Path::new(value);
    let absolute = match std::env::current_dir() {
        Ok(here) if path.is_relative() => here.join(path),
        _ => path.to_path_buf(),
    };
    let path = absolute.canonicalize().unwrap_or(absolute);
    let key = crate::index::path_key(&path);
    let file = TermQuery::new(Term::from_field_text(field, &key), IndexRecordOption::Basic);
    // Every path that starts with `folder/`: from there up to `folder0` ('0' follows '/').
    let folder = format!("{}/", key.trim_end_matches('/'));
    let after = format!("{}0", &folder[..folder.len() - 1]);
    let below = RangeQuery::new(
        Bound::Included(Term::from_field_text(field, &folder)),
        Bound::Excluded(Term::from_field_text(field, &after)),
    );
    Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(file) as Box<dyn Query>),
        (Occur::Should, Box::new(below)),
    ]))
}

/// The index terms of a query string, by the same analyzer the index uses.
pub(super) fn analyse(text: &str) -> Vec<String> {
    let mut analyzer = schema::analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(tok) = stream.next() {
        out.push(tok.text.clone());
    }
    out
}
