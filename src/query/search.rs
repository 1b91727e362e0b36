//! Run a query (compiled by [`super::compile`]) over an open archive, and cut snippets for
//! the hits.
//!
//! Snippets quote the body words a query matches, in every form it matched (the snippet
//! generator tokenizes the body with the index's own analyzer, stems and words as written),
//! or for entity-only queries the sentence naming the entity (`snippet`); else the body's
//! opening.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{Explanation, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DateTime, DocAddress, Order, ReloadPolicy, Score, Searcher, TantivyDocument, Term};

use super::compile::{self, limits, mentions_entities};
use super::parser::{self, Expr};
use super::quotes::QuoteFilter;
use super::snippet;
use crate::article::{EntityKind, article_id};
use crate::config::{QueryOptions, SearchConfig, Sort};
use crate::copies::{Cluster, CopyTable, Counting, Rank, Stories, StoryCount, Tally, TopStories};
use crate::error::Result;
use crate::index::quotes::StoredQuote;
use crate::index::schema::{self, Fields};
use crate::index::{MorgueIndex, analyzer};
use crate::resolve::EntityTable;

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
    /// The article's quotes: in search hits, those the query's `said:` and `quote:`
    /// leaves match ([`QuoteFilter`]), none when it has neither (nor in an article read by
    /// its id or place).
    pub quotes: Vec<StoredQuote>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    /// How many stories match in all (articles with `--all-copies`): what `counted` says.
    pub total: usize,
    /// How many articles match, copies included.
    pub articles: usize,
    pub counted: Counting,
    pub hits: Vec<Hit>,
    /// When nothing matches, the query respelt with words the index holds, each matching
    /// something (`suggest`).
    pub suggestions: Vec<String>,
}

impl SearchResults {
    fn new(tally: Tally, counted: Counting, hits: Vec<Hit>) -> SearchResults {
        SearchResults {
            total: tally.of(counted),
            articles: tally.articles,
            counted,
            hits,
            suggestions: Vec::new(),
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
        let fields = &self.morgue.fields;
        let query = compile::compile(&Expr::And(limits), fields, None, &self.searcher)?;
        Ok(Some(query))
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
        compile::compile(&expr, &self.morgue.fields, table, &self.searcher)
    }

    /// Run one query: the total count and, unless `options.count_only`, one page of hits.
    ///
    /// A query of entity filters only quotes, for each hit, the sentence that first names one
    /// of its entities (`snippet`).
    pub fn search(&self, query: &str, options: &QueryOptions) -> Result<SearchResults> {
        let expr = parser::parse(query)?;
        let filters = snippet::EntityFilters::of(&expr);
        let quotes = QuoteFilter::of(&expr);
        let compiled = self.compile_expr(expr, options)?;
        let quotes = (!quotes.is_empty()).then_some(&quotes);
        let mut results = self.run(&*compiled, &filters, quotes, options)?;
        if results.total == 0 {
            results.suggestions = super::suggest::suggestions(self, query, options)?;
        }
        Ok(results)
    }

    /// Run a compiled query; snippets quote the body words it matches.
    pub fn search_compiled(
        &self,
        query: &dyn Query,
        options: &QueryOptions,
    ) -> Result<SearchResults> {
        self.run(query, &snippet::EntityFilters::default(), None, options)
    }

    /// Run a query whose hits carry every quote `quotes` matches (every quote, when it has
    /// no leaves): the articles of `morgue quotes`.
    pub fn search_quotes(
        &self,
        query: Option<&str>,
        quotes: &QuoteFilter,
        options: &QueryOptions,
    ) -> Result<SearchResults> {
        let compiled = self.compile_within(query, options)?;
        let compiled = compiled.unwrap_or_else(|| Box::new(tantivy::query::AllQuery));
        self.run(&*compiled, &Default::default(), Some(quotes), options)
    }

    /// Run a compiled query, quoting `filters`' entities where they are not empty; each
    /// hit carries the quotes `quotes` matches (every one for a filter with no leaves;
    /// none without a filter).
    fn run(
        &self,
        query: &dyn Query,
        filters: &snippet::EntityFilters,
        quotes: Option<&QuoteFilter>,
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
        let snippets = if options.snippets {
            Some(body_snippets(
                searcher,
                query,
                f.body,
                options.snippet_chars,
            )?)
        } else {
            None
        };
        let mut hits = Vec::with_capacity(found.len());
        for (score, address) in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let mut hit = hit_from_doc(&doc, address, &f, score);
            if let Some(quotes) = quotes {
                hit.quotes = (stored_quotes(&doc, &f).into_iter())
                    .filter(|q| quotes.matches(q))
                    .collect();
            }
            self.show_names(&mut hit)?;
            self.show_copies(&mut hit)?;
            if let Some(generator) = &snippets {
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
    /// another, only the best placed stands for them all (`copies::TopStories`, one pass).
    fn top_stories(&self, query: &dyn Query, options: &QueryOptions) -> Result<Matches> {
        let stories = self.stories()?;
        if stories.clusters() == 0 {
            return self.top(query, options, options.offset, options.limit);
        }
        let rank = match options.sort {
            Sort::Relevance => Rank::Score,
            Sort::Newest => Rank::Newest,
            Sort::Oldest => Rank::Oldest,
        };
        let wanted = options.offset.saturating_add(options.limit.max(1));
        let collector = TopStories {
            stories,
            rank,
            wanted,
        };
        let (found, tally) = self.searcher.search(query, &collector)?;
        let score = |key: f64| (rank == Rank::Score).then_some(key as f32);
        let page = (found.into_iter().skip(options.offset).take(options.limit))
            .map(|(key, address)| (score(key), address));
        Ok((page.collect(), tally))
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

/// The snippet generator of a query's hits in `body`: its terms in that field, each weighted
/// by its rarity as tantivy's own generator weighs them, found by the body's analyzer
/// stemming only the words that may hold one of the query's stems
/// ([`analyzer::forms_finding`]): most words of a body cannot, and stemming them all was a
/// tenth of a search.
fn body_snippets(
    searcher: &Searcher,
    query: &dyn Query,
    body: Field,
    max_chars: usize,
) -> Result<SnippetGenerator> {
    let mut terms: BTreeSet<&Term> = BTreeSet::new();
    query.query_terms(&mut |term, _| {
        if term.field() == body {
            terms.insert(term);
        }
    });
    let mut weights: BTreeMap<String, Score> = BTreeMap::new();
    for term in terms {
        let value = term.value();
        let Some(text) = value.as_str() else {
            continue;
        };
        let doc_freq = searcher.doc_freq(term)?;
        if doc_freq > 0 {
            weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as Score));
        }
    }
    let stems = weights
        .keys()
        .filter_map(|term| term.strip_prefix(analyzer::STEM_MARK));
    let tokenizer = analyzer::forms_finding(stems);
    Ok(SnippetGenerator::new(weights, tokenizer, body, max_chars))
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
        quotes: Vec::new(),
    }
}

/// The quotes an article's stored fields hold, their words read from its stored body.
fn stored_quotes(doc: &TantivyDocument, f: &Fields) -> Vec<StoredQuote> {
    let values: Vec<&str> = doc.get_all(f.quotes).filter_map(|v| v.as_str()).collect();
    if values.is_empty() {
        return Vec::new();
    }
    let title = stored_text(doc, f.title).unwrap_or_default();
    let body = stored_text(doc, f.body).unwrap_or_default();
    (values.into_iter())
        .filter_map(|v| StoredQuote::decode(v, &title, &body))
        .collect()
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
