//! Which paragraphs of a revision are which paragraphs of the text it revises, found by what they
//! say rather than where they stand: a moved, renumbered, amended, split or merged paragraph keeps
//! its identity (and with it its status, brackets, proposals and history).
//!
//! The method, sound at thousands of paragraphs: every paragraph is cut into word shingles (three
//! consecutive words); an inverted index of the old text's shingles gives each new paragraph its
//! few candidates in one pass, so no paragraph is compared with every other. Candidates are scored
//! by their shared words in order (a word-level LCS) and paired greedily, best pairs first, nearest
//! place breaking ties; a working label found in the revision ("OP7bis") is a strong hint. What is
//! left unpaired is checked for containment: most of a new paragraph's words inside an old one is a
//! split, most of an old one's words inside a new one a merge. Finally, the longest run of paired
//! paragraphs still in their old order stays put; every other pair has moved.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use similar::{Algorithm, DiffOp};

use crate::model::ParagraphKind;

/// Words in a shingle.
const SHINGLE: usize = 3;
/// Candidates kept per paragraph from the shingle index.
const CANDIDATES: usize = 8;
/// Share of words in common for two paragraphs of the same kind to be versions of each other.
pub const SAME_PARAGRAPH: f32 = 0.5;
/// The same for paragraphs whose kind changed, which needs more to be believed.
const SAME_ACROSS_KINDS: f32 = 0.8;
/// Share of a paragraph's words found, in order, in another for it to be a part of it.
const PART_OF: f32 = 0.8;
/// Paragraphs sharing a shingle above which it is common phrasing ("the General Assembly").
const COMMON: usize = 32;
/// Paragraphs holding a common shingle counted, on each side of the expected place.
const NEAREST: usize = 16;
/// How far apart (in paragraphs) the parts of a split or merge may stand.
const NEIGHBOURS: usize = 2;

/// One paragraph as the matching sees it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub kind: ParagraphKind,
    /// The working label ("OP7bis") of an old paragraph, or the label the revision shows, if any.
    pub label: &'a str,
    pub text: &'a str,
}

/// What a paragraph of the revision is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Link {
    /// A version of old paragraph `old` (unchanged, amended, moved or renumbered).
    Same { old: usize, score: f32 },
    /// A part of old paragraph `old` split off from it; the other part is `Same` as it.
    SplitFrom { old: usize, score: f32 },
    /// Nothing in the old text.
    New,
}

/// Which paragraph of the revision each old paragraph became, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    /// Per paragraph of the revision.
    pub links: Vec<Link>,
    /// Per old paragraph: the revision's paragraph it was merged into, if it was.
    pub merged_into: Vec<Option<usize>>,
    /// Per paragraph of the revision: whether it is an old paragraph out of its old order.
    pub moved: Vec<bool>,
}

impl Matching {
    /// The old paragraph each paragraph of the revision continues, if any.
    pub fn same(&self, new: usize) -> Option<usize> {
        match self.links[new] {
            Link::Same { old, .. } => Some(old),
            _ => None,
        }
    }
}

/// Matches a revision's paragraphs (`new`) to the text it revises (`old`). `fixed` holds the
/// chair's corrections: a paragraph of the revision and the old paragraph it is (none: new).
pub fn match_revision(old: &[Side], new: &[Side], fixed: &[(usize, Option<usize>)]) -> Matching {
    let old_words: Vec<Vec<String>> = old.iter().map(|s| words(s.text)).collect();
    let new_words: Vec<Vec<String>> = new.iter().map(|s| words(s.text)).collect();
    let mut pairs = Pairs::new(old.len(), new.len());
    for &(n, o) in fixed {
        pairs.fix(n, o);
    }
    let score = |o: usize, n: usize| pair_score(&old[o], &new[n], &old_words[o], &new_words[n]);
    let unchanged = SameWords::new(&old_words);
    let expected = expected_places(&pairs.links_to_old(), old.len());
    let found = |n: usize| unchanged.candidates(&new_words[n], expected[n]);
    pair_best(&mut pairs, &score, found);
    let old_index = ShingleIndex::new(&old_words, &pairs.old_in_reach());
    let expected = expected_places(&pairs.links_to_old(), old.len());
    let found = |n: usize| old_index.candidates(&new_words[n], expected[n]);
    pair_best(&mut pairs, &score, found);
    find_splits(&mut pairs, &old_index, &old_words, &new_words);
    let new_index = ShingleIndex::new(&new_words, &pairs.new_in_reach());
    let merged_into = find_merges(&mut pairs, &new_index, &old_words, &new_words);
    let moved = moved(&pairs.links);
    Matching { links: pairs.links, merged_into, moved }
}

/// Pairs the free paragraphs of the revision with the free old ones `candidates` names for
/// them, scored by `score`: best pairs first, nearest place breaking ties.
fn pair_best(
    pairs: &mut Pairs,
    score: &impl Fn(usize, usize) -> f32,
    candidates: impl Fn(usize) -> Vec<usize>,
) {
    let (old_len, new_len) = (pairs.taken.len(), pairs.links.len());
    let mut found: Vec<(f32, usize, usize, usize)> = Vec::new();
    for n in (0..new_len).filter(|&n| pairs.new_free(n)) {
        for o in candidates(n).into_iter().filter(|&o| pairs.old_free(o)) {
            let s = score(o, n);
            if s >= SAME_PARAGRAPH {
                found.push((s, distance(o, old_len, n, new_len), o, n));
            }
        }
    }
    found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (s, _, o, n) in found {
        pairs.pair(o, n, Link::Same { old: o, score: s });
    }
}

/// Where each paragraph of one text is expected in the other (of `other_len` paragraphs): next
/// to where the nearest paired paragraph before it went (`paired` per paragraph), or at the same
/// share of the text when none before it is paired.
fn expected_places(paired: &[Option<usize>], other_len: usize) -> Vec<usize> {
    let last = other_len.saturating_sub(1);
    let mut anchor: Option<(usize, usize)> = None;
    let mut expected = Vec::with_capacity(paired.len());
    for (k, other) in paired.iter().enumerate() {
        if let Some(o) = other {
            anchor = Some((k, *o));
        }
        expected.push(match anchor {
            Some((at, o)) => (o + (k - at)).min(last),
            None => (place(k, paired.len()) * last as f32).round() as usize,
        });
    }
    expected
}

/// The pairing under construction.
struct Pairs {
    links: Vec<Link>,
    /// Per old paragraph: the paragraph of the revision it is, if any.
    taken: Vec<Option<usize>>,
    /// Paragraphs of the revision the chair declared new.
    declared_new: HashSet<usize>,
}

impl Pairs {
    fn new(old: usize, new: usize) -> Pairs {
        Pairs { links: vec![Link::New; new], taken: vec![None; old], declared_new: HashSet::new() }
    }

    fn fix(&mut self, new: usize, old: Option<usize>) {
        match old {
            Some(o) if o < self.taken.len() && new < self.links.len() => {
                self.links[new] = Link::Same { old: o, score: 1.0 };
                self.taken[o] = Some(new);
            }
            _ => {
                self.declared_new.insert(new);
            }
        }
    }

    /// Per paragraph of the revision: the old paragraph it continues, if any.
    fn links_to_old(&self) -> Vec<Option<usize>> {
        self.links
            .iter()
            .map(|l| match l {
                Link::Same { old, .. } => Some(*old),
                _ => None,
            })
            .collect()
    }

    /// Per old paragraph: whether a free paragraph of the revision may still be it or a part of
    /// it, being free itself or continued by a neighbour of a free one.
    fn old_in_reach(&self) -> Vec<bool> {
        let mut reach: Vec<bool> = self.taken.iter().map(Option::is_none).collect();
        for n in (0..self.links.len()).filter(|&n| self.new_free(n)) {
            for k in neighbours(n, self.links.len()) {
                if let Link::Same { old, .. } = self.links[k] {
                    reach[old] = true;
                }
            }
        }
        reach
    }

    /// Per paragraph of the revision: whether a free old paragraph may have been merged into it,
    /// it being new or continuing a neighbour of that paragraph.
    fn new_in_reach(&self) -> Vec<bool> {
        let mut reach: Vec<bool> = self.links.iter().map(|l| *l == Link::New).collect();
        for o in (0..self.taken.len()).filter(|&o| self.old_free(o)) {
            for k in neighbours(o, self.taken.len()) {
                if let Some(n) = self.taken[k] {
                    reach[n] = true;
                }
            }
        }
        reach
    }

    fn new_free(&self, n: usize) -> bool {
        self.links[n] == Link::New && !self.declared_new.contains(&n)
    }

    fn old_free(&self, o: usize) -> bool {
        self.taken[o].is_none()
    }

    fn pair(&mut self, o: usize, n: usize, link: Link) {
        if self.old_free(o) && self.new_free(n) {
            self.taken[o] = Some(n);
            self.links[n] = link;
        }
    }
}

/// Paragraphs of the revision left unpaired that are mostly words of one old paragraph standing
/// beside its other part: split from it, the first part continuing it. When no part of it was
/// paired, the first part found continues it.
fn find_splits(
    pairs: &mut Pairs,
    old_index: &ShingleIndex,
    old_words: &[Vec<String>],
    new_words: &[Vec<String>],
) {
    let expected = expected_places(&pairs.links_to_old(), old_words.len());
    for n in 0..new_words.len() {
        if !pairs.new_free(n) || new_words[n].len() < SHINGLE {
            continue;
        }
        let found = old_index.container(&new_words[n], expected[n], old_words);
        let Some((c, o)) = found else { continue };
        match pairs.taken[o] {
            Some(sibling)
                if sibling.abs_diff(n) <= NEIGHBOURS
                    && together(
                        &new_words[n.min(sibling)],
                        &new_words[n.max(sibling)],
                        &old_words[o],
                    ) =>
            {
                // The first part continues the paragraph; the later ones are split off it.
                let (first, later) = (n.min(sibling), n.max(sibling));
                let kept = pairs.links[sibling];
                pairs.links[first] = kept;
                pairs.links[later] = Link::SplitFrom { old: o, score: c };
                pairs.taken[o] = Some(first);
            }
            Some(_) => {}
            None => pairs.pair(o, n, Link::Same { old: o, score: c }),
        }
    }
}

/// Old paragraphs left unpaired whose words are mostly in a paragraph of the revision that
/// continues a neighbour of theirs: merged, the first of them continuing. A revision's paragraph
/// still unpaired continues the first old paragraph found in it.
fn find_merges(
    pairs: &mut Pairs,
    new_index: &ShingleIndex,
    old_words: &[Vec<String>],
    new_words: &[Vec<String>],
) -> Vec<Option<usize>> {
    let mut merged_into = vec![None; old_words.len()];
    let expected = expected_places(&pairs.taken, new_words.len());
    for o in 0..old_words.len() {
        if !pairs.old_free(o) || old_words[o].len() < SHINGLE {
            continue;
        }
        let found = new_index.container(&old_words[o], expected[o], new_words);
        let Some((c, n)) = found else { continue };
        match pairs.links[n] {
            Link::Same { old: sibling, score }
                if sibling.abs_diff(o) <= NEIGHBOURS
                    && together(
                        &old_words[o.min(sibling)],
                        &old_words[o.max(sibling)],
                        &new_words[n],
                    ) =>
            {
                // The first of the merged paragraphs continues; the later ones merged into it.
                let (first, later) = (o.min(sibling), o.max(sibling));
                pairs.links[n] = Link::Same { old: first, score };
                pairs.taken[first] = Some(n);
                pairs.taken[later] = None;
                merged_into[later] = Some(n);
            }
            Link::New => pairs.pair(o, n, Link::Same { old: o, score: c }),
            _ => {}
        }
    }
    merged_into
}

/// The paragraphs at most [`NEIGHBOURS`] away from paragraph `k` in a text of `len`, itself
/// included.
fn neighbours(k: usize, len: usize) -> std::ops::Range<usize> {
    k.saturating_sub(NEIGHBOURS)..(k + NEIGHBOURS + 1).min(len)
}

/// Whether two paragraphs, one after the other, say nearly what `whole` says: the test of a
/// split or a merge, which two look-alike paragraphs standing side by side fail.
fn together(first: &[String], later: &[String], whole: &[String]) -> bool {
    let both: Vec<&String> = first.iter().chain(later).collect();
    let whole: Vec<&String> = whole.iter().collect();
    similarity(&both, &whole) >= PART_OF
}

/// Which paragraphs of the revision continue an old paragraph out of its old order: all but the
/// longest run of them that keeps the old order.
fn moved(links: &[Link]) -> Vec<bool> {
    let paired: Vec<(usize, usize)> = links
        .iter()
        .enumerate()
        .filter_map(|(n, l)| match l {
            Link::Same { old, .. } => Some((n, *old)),
            _ => None,
        })
        .collect();
    let olds: Vec<usize> = paired.iter().map(|p| p.1).collect();
    let mut moved = vec![false; links.len()];
    let stays = longest_increasing(&olds);
    for (k, (n, _)) in paired.iter().enumerate() {
        moved[*n] = !stays.contains(&k);
    }
    moved
}

/// The positions of one longest strictly increasing subsequence of `values` (patience sorting,
/// O(n log n)).
pub(crate) fn longest_increasing(values: &[usize]) -> HashSet<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (k, v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < *v);
        previous[k] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut stays = HashSet::new();
    let mut k = tails.last().copied();
    while let Some(i) = k {
        stays.insert(i);
        k = previous[i];
    }
    stays
}

/// How likely an old and a new paragraph are one paragraph: their shared words, a working label
/// the revision shows for it, and whether their kind is the same.
fn pair_score(old: &Side, new: &Side, old_words: &[String], new_words: &[String]) -> f32 {
    let mut s = similarity(old_words, new_words);
    if !new.label.is_empty() && new.label == old.label {
        s = (s + 0.5).min(1.0);
    }
    if old.kind != new.kind && s < SAME_ACROSS_KINDS {
        return 0.0;
    }
    s
}

/// The words of a text as compared: lower case, without surrounding punctuation.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// How much of two texts' words they share, in order: from 0 (nothing) to 1 (the same words).
pub fn similarity<T: Eq + Hash + Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// The share of `part`'s words found in `whole`, in order.
fn containment(part: &[String], whole: &[String]) -> f32 {
    if part.is_empty() {
        return 0.0;
    }
    shared(part, whole) as f32 / part.len() as f32
}

/// How many words two texts have in common, in order (a longest common subsequence).
fn shared<T: Eq + Hash + Ord>(a: &[T], b: &[T]) -> usize {
    similar::capture_diff_slices(Algorithm::Myers, a, b)
        .iter()
        .map(|op| match op {
            DiffOp::Equal { len, .. } => *len,
            _ => 0,
        })
        .sum()
}

/// How many words of `old` were replaced, removed or added to make `new`.
pub fn words_changed(old: &str, new: &str) -> usize {
    let (a, b) = (words(old), words(new));
    similar::capture_diff_slices(Algorithm::Myers, &a, &b)
        .iter()
        .map(|op| match *op {
            DiffOp::Equal { .. } => 0,
            DiffOp::Delete { old_len, .. } => old_len,
            DiffOp::Insert { new_len, .. } => new_len,
            DiffOp::Replace { old_len, new_len, .. } => old_len.max(new_len),
        })
        .sum()
}

/// Where a paragraph stands in its text, from 0 (first) to 1 (last).
fn place(index: usize, len: usize) -> f32 {
    if len <= 1 {
        0.0
    } else {
        index as f32 / (len - 1) as f32
    }
}

/// How far apart two paragraphs stand in their texts, in thousandths of the text.
fn distance(old: usize, old_len: usize, new: usize, new_len: usize) -> usize {
    ((place(old, old_len) - place(new, new_len)).abs() * 1000.0) as usize
}

/// The shingles of a text: hashes of its runs of [`SHINGLE`] words (the whole text when it is
/// shorter).
fn shingles(words: &[String]) -> HashSet<u64> {
    let hash = |run: &[String]| {
        let mut h = DefaultHasher::new();
        run.hash(&mut h);
        h.finish()
    };
    if words.len() < SHINGLE {
        return HashSet::from([hash(words)]);
    }
    words.windows(SHINGLE).map(hash).collect()
}

/// The paragraphs of one text by the shingles they contain: those still worth looking at.
struct ShingleIndex {
    paragraphs: HashMap<u64, Vec<usize>>,
}

impl ShingleIndex {
    /// The index of the paragraphs of `texts` that `wanted` marks.
    fn new(texts: &[Vec<String>], wanted: &[bool]) -> ShingleIndex {
        let mut paragraphs: HashMap<u64, Vec<usize>> = HashMap::new();
        for (p, words) in texts.iter().enumerate().filter(|(p, _)| wanted[*p]) {
            for s in shingles(words) {
                paragraphs.entry(s).or_default().push(p);
            }
        }
        ShingleIndex { paragraphs }
    }

    /// The indexed paragraphs sharing the most shingles with `words`, nearest to paragraph
    /// `expected` first among equals. A shingle of common phrasing names only the paragraphs
    /// near `expected`, so that each paragraph looks at a bounded number of others.
    fn candidates(&self, words: &[String], expected: usize) -> Vec<usize> {
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for s in shingles(words) {
            let Some(holders) = self.paragraphs.get(&s) else { continue };
            for &p in near_if_common(holders, expected) {
                *counts.entry(p).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, usize)> = counts.into_iter().map(|(p, c)| (c, p)).collect();
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0).then(a.1.abs_diff(expected).cmp(&b.1.abs_diff(expected)))
        });
        ranked.into_iter().take(CANDIDATES).map(|(_, p)| p).collect()
    }

    /// The indexed paragraph (of `texts`) holding most of `words` in order, if one holds at least
    /// [`PART_OF`] of them, with the share it holds; looked for around paragraph `expected`.
    fn container(
        &self,
        words: &[String],
        expected: usize,
        texts: &[Vec<String>],
    ) -> Option<(f32, usize)> {
        self.candidates(words, expected)
            .into_iter()
            .map(|p| (containment(words, &texts[p]), p))
            .filter(|(c, _)| *c >= PART_OF)
            .max_by(|a, b| a.0.total_cmp(&b.0))
    }
}

/// The old paragraphs by their exact words, so that the unchanged paragraphs (most of a
/// revision) are paired without comparing texts.
struct SameWords<'a> {
    paragraphs: HashMap<&'a [String], Vec<usize>>,
}

impl<'a> SameWords<'a> {
    fn new(texts: &'a [Vec<String>]) -> SameWords<'a> {
        let mut paragraphs: HashMap<&[String], Vec<usize>> = HashMap::new();
        for (p, words) in texts.iter().enumerate() {
            paragraphs.entry(words.as_slice()).or_default().push(p);
        }
        SameWords { paragraphs }
    }

    /// The paragraphs with exactly `words`, the [`CANDIDATES`] nearest to paragraph `expected`.
    fn candidates(&self, words: &[String], expected: usize) -> Vec<usize> {
        let Some(holders) = self.paragraphs.get(words) else { return Vec::new() };
        let mut found = nearest(holders, expected, CANDIDATES).to_vec();
        found.sort_by_key(|p| p.abs_diff(expected));
        found.truncate(CANDIDATES);
        found
    }
}

/// `holders` (ascending paragraph numbers), or only the [`NEAREST`] before and after
/// `expected` when they are more than [`COMMON`].
fn near_if_common(holders: &[usize], expected: usize) -> &[usize] {
    if holders.len() <= COMMON {
        holders
    } else {
        nearest(holders, expected, NEAREST)
    }
}

/// The `count` paragraphs of `holders` (ascending paragraph numbers) nearest before `expected`
/// and the `count` nearest from it on.
fn nearest(holders: &[usize], expected: usize, count: usize) -> &[usize] {
    let at = holders.partition_point(|&p| p < expected);
    &holders[at.saturating_sub(count)..(at + count).min(holders.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    const OP: ParagraphKind = ParagraphKind::Operative;

    fn side(text: &str) -> Side<'_> {
        Side { kind: OP, label: "", text }
    }

    fn sides<'a>(texts: &[&'a str]) -> Vec<Side<'a>> {
        texts.iter().map(|t| side(t)).collect()
    }

    const A: &str =
        "To request the Secretariat to prepare a report on the implementation of this resolution";
    const B: &str = "To thank the Government of Peru for hosting the meeting of experts in Lima";
    const C: &str =
        "To urge member states to strengthen national policies against transnational crime";
    const D: &str = "To invite civil society and academia to take part in the regional dialogue";

    #[test]
    fn a_moved_paragraph_is_the_same_paragraph_moved() {
        let m = match_revision(&sides(&[A, B, C, D]), &sides(&[A, C, D, B]), &[]);
        let olds: Vec<_> = (0..4).map(|n| m.same(n)).collect();
        assert_eq!(olds, [Some(0), Some(2), Some(3), Some(1)]);
        assert_eq!(m.moved, [false, false, false, true]);
    }

    #[test]
    fn an_amended_and_moved_paragraph_is_found_and_a_new_one_is_new() {
        let amended = "To request the Secretariat to prepare a detailed report on the implementation of this resolution by 2027";
        let fresh = "To welcome the offer of Paraguay to host the next regular session";
        let m = match_revision(&sides(&[A, B, C]), &sides(&[B, C, fresh, amended]), &[]);
        assert_eq!(m.same(3), Some(0));
        assert_eq!(m.links[2], Link::New);
        assert!(m.moved[3] && !m.moved[0]);
    }

    #[test]
    fn a_split_paragraph_is_linked_to_both_parts() {
        let whole = "To request the Secretariat to prepare a report on the implementation of this resolution and to thank the Government of Peru for hosting the meeting of experts in Lima";
        let m = match_revision(&sides(&[whole, C]), &sides(&[A, B, C]), &[]);
        assert_eq!(m.same(0), Some(0));
        assert!(matches!(m.links[1], Link::SplitFrom { old: 0, .. }));
        assert_eq!(m.same(2), Some(1));
    }

    #[test]
    fn merged_paragraphs_are_linked_to_the_one_they_became() {
        let both = "To request the Secretariat to prepare a report on the implementation of this resolution and to thank the Government of Peru for hosting the meeting of experts in Lima";
        let m = match_revision(&sides(&[A, B, C]), &sides(&[both, C]), &[]);
        assert_eq!(m.same(0), Some(0));
        assert_eq!(m.merged_into, [None, Some(0), None]);
    }

    #[test]
    fn a_working_label_decides_between_look_alikes_and_the_chair_overrides() {
        let old = [
            Side { kind: OP, label: "OP7", text: "To act now on the matter" },
            Side { kind: OP, label: "OP8", text: "To act soon on the matter" },
        ];
        let new = [Side { kind: OP, label: "OP8", text: "To act quickly on the matter" }];
        assert_eq!(match_revision(&old, &new, &[]).same(0), Some(1));
        assert_eq!(match_revision(&old, &new, &[(0, Some(0))]).same(0), Some(0));
        assert_eq!(match_revision(&old, &new, &[(0, None)]).links[0], Link::New);
    }

    #[test]
    fn identical_paragraphs_pair_by_place() {
        let m = match_revision(
            &sides(&[A, "(Reserved)", B, "(Reserved)"]),
            &sides(&[A, "(Reserved)", B, "(Reserved)"]),
            &[],
        );
        assert_eq!(
            (0..4).map(|n| m.same(n)).collect::<Vec<_>>(),
            [Some(0), Some(1), Some(2), Some(3)]
        );
        assert!(m.moved.iter().all(|m| !m));
    }

    #[test]
    fn a_kind_change_needs_nearly_the_same_words() {
        let old = [Side { kind: ParagraphKind::Preambular, label: "", text: A }];
        let rewritten = "To ask the Secretariat for a study of this resolution";
        assert_eq!(match_revision(&old, &[side(A)], &[]).same(0), Some(0));
        assert_eq!(match_revision(&old, &[side(rewritten)], &[]).links[0], Link::New);
    }

    #[test]
    fn expected_places_follow_the_nearest_pair_before() {
        assert_eq!(
            expected_places(&[None, Some(5), None, None, Some(1), None], 7),
            [0, 5, 6, 6, 1, 2]
        );
        assert_eq!(expected_places(&[None, None, None], 5), [0, 2, 4]);
    }

    #[test]
    fn nearest_takes_a_bounded_run_around_the_expected_place() {
        let holders: Vec<usize> = (0..100).map(|p| p * 2).collect();
        assert_eq!(nearest(&holders, 50, 2), [46, 48, 50, 52]);
        assert_eq!(nearest(&holders, 0, 2), [0, 2]);
        assert_eq!(near_if_common(&holders[..COMMON], 500), &holders[..COMMON]);
        assert_eq!(near_if_common(&holders, 500).len(), NEAREST);
    }

    #[test]
    fn common_phrasing_is_looked_for_near_its_place_and_rare_words_anywhere() {
        let filler: Vec<String> = (0..200)
            .map(|k| format!("To note that the committee of experts met in session number {k}"))
            .collect();
        let mut old: Vec<&str> = filler.iter().map(String::as_str).collect();
        old.insert(0, C);
        let mut new = old[1..].to_vec();
        new.push("To urge member states to strengthen national policies against organised crime");
        let amended = "To note that the committee of experts met in session number 100 and 101";
        new[100] = amended;
        let m = match_revision(&sides(&old), &sides(&new), &[]);
        assert_eq!(m.same(200), Some(0));
        assert_eq!(m.same(100), Some(101));
        assert!((0..200).all(|n| m.same(n) == Some(n + 1)));
    }

    #[test]
    fn words_changed_counts_replaced_added_and_removed_words() {
        assert_eq!(words_changed("to act now", "to act now"), 0);
        assert_eq!(words_changed("to act now", "to act quickly now, together"), 2);
        assert_eq!(words_changed("to act now", "to wait now"), 1);
    }

    #[test]
    fn longest_increasing_keeps_the_longest_ordered_run() {
        assert_eq!(longest_increasing(&[0, 2, 3, 1]), HashSet::from([0, 1, 2]));
        assert!(longest_increasing(&[]).is_empty());
    }
}
