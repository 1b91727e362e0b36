//! Copies of a story: the same wire story printed by several outlets, an updated or trimmed
//! version, a story filed twice.
//!
//! Every article gets a [`Signature`] of its body: an exact fingerprint of its normalised
//! words, and a MinHash sketch of its word bigrams whose bins estimate how much two bodies
//! share (their Jaccard similarity). Near copies are found without comparing every pair:
//! the sketch is cut into [`BANDS`] bands, and two articles that agree on a whole band are
//! candidates ([`Signature::band_keys`]); a candidate pair is a copy when its estimated
//! similarity reaches the threshold.
//!
//! `signature` makes the signatures (written into the index by `index::extraction`);
//! `pass` reads them back after each run and joins copies into clusters by the rules of
//! `join`, keeping what `carry` finds still whole of the last table; `table` is those
//! clusters, saved beside the commit (`copies.bin`); `stories` finds them in a searcher, for
//! answers that count each story once; `collapse` picks a query's best stories, one member
//! each, in one pass.

mod carry;
mod collapse;
pub(crate) mod join;
pub mod pass;
mod signature;
pub mod stories;
pub mod table;

pub use carry::SEEN_FILE;
pub use collapse::{Rank, TopStories};
pub use join::THRESHOLD;
pub use pass::{current, is_saved, refresh};
pub use signature::{
    BANDS, BINS, CONTAINED, ROWS, STORED_LEN, Signature, are_copies, containment, copy_similarity,
    same_body, same_version, similarity, words,
};
pub use stories::{Counted, Counting, SegmentClusters, Stories, StoryCount, Tally};
pub use table::{Cluster, CopyTable, Member, Place};

/// The signature an article is indexed with: of its title and body past its dateline
/// (where, when and by whom it was filed, which copies need not share), with the people,
/// companies and organisations extraction found there (places name no one story).
pub fn article_signature(article: &crate::article::Article) -> Signature {
    let story = crate::extract::entities::dateline_end(&article.body);
    let names = (article.entities.iter())
        .filter(|e| e.kind != crate::article::EntityKind::Place)
        .filter(|e| e.field != crate::article::TextField::Body || e.start >= story)
        .map(|e| e.canonical.as_str());
    Signature::of_article(&article.title, &article.body[story..], names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_is_no_part_of_an_articles_signature() {
        let article = |body: &str| {
            let raw = crate::parse::RawArticle {
                title: Some("Dock strike closes the port of Veldhaven".into()),
                body: body.into(),
                ..Default::default()
            };
            crate::extract::extract(std::path::Path::new("-"), raw)
        };
        let story = "Dock workers at Veldhaven walked out on Monday after talks on pay broke \
                     down, the Harbour Workers Union said. Union leader Mara Quill said members \
                     had rejected an offer of 2.5 percent.\n\nShipping lines diverted at least \
                     14 vessels to Antwerp and Hamburg.";
        let plain = article_signature(&article(story));
        let key = |s: &Signature| (s.exact, s.words, s.facts, s.names, s.bins);
        assert_ne!(plain.names, 0);
        for dateline in [
            "VELDHAVEN (Reuters) - ",
            "VELDHAVEN, March 3 (AP) -- ",
            "LONDON, Oct. 12 /PRNewswire/ -- ",
        ] {
            let dated = article_signature(&article(&format!("{dateline}{story}")));
            assert_eq!(key(&dated), key(&plain), "{dateline}");
        }
    }
}
