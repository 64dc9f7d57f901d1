//! Word lists that recognize the parts of a declaration or resolution: the opening clause,
//! preambular openers ("RECOGNIZING", "BEARING IN MIND"), the operative verb line ("DECLARE:")
//! and operative openers ("Decides", "That", "The need"); and the function words ("the",
//! "los", "het") that tell which language a paragraph is in.
//!
//! Matching is case-insensitive and ignores diacritics ("CONSIDERANT" matches "CONSIDÉRANT"),
//! compares whole words only, and prefers the longest phrase. Lengths and offsets are counted
//! in characters from the start of the given text, leading whitespace included. The lists are
//! folded once, on first use.

use std::sync::LazyLock;

/// Participle and adjective phrases that open a preambular paragraph (English, Spanish, French,
/// Portuguese). Words are separated by single spaces.
const PREAMBULAR_OPENERS: &[&str] = &[
    // English
    "acknowledging",
    "affirming",
    "alarmed",
    "appreciating",
    "aware",
    "bearing in mind",
    "believing",
    "cognizant",
    "commending",
    "committed",
    "concerned",
    "conscious",
    "considering",
    "convinced",
    "deeply concerned",
    "deeply convinced",
    "deploring",
    "desiring",
    "determined",
    "emphasizing",
    "emphasising",
    "encouraged",
    "expressing",
    "fully aware",
    "gravely concerned",
    "profoundly concerned",
    "seriously concerned",
    "guided by",
    "having adopted",
    "having considered",
    "having examined",
    "having received",
    "having regard to",
    "having reviewed",
    "having seen",
    "highlighting",
    "inspired by",
    "keeping in mind",
    "mindful",
    "noting",
    "noting with appreciation",
    "noting with concern",
    "noting with satisfaction",
    "observing",
    "reaffirming",
    "realizing",
    "recalling",
    "recognizing",
    "recognising",
    "reiterating",
    "seeking",
    "stressing",
    "taking into account",
    "taking into consideration",
    "taking note",
    "underlining",
    "underscoring",
    "welcoming",
    "wishing",
    // Spanish
    "acogiendo",
    "afirmando",
    "comprometidos",
    "conscientes",
    "considerando",
    "convencidos",
    "convencidas",
    "decididos",
    "destacando",
    "enfatizando",
    "expresando",
    "guiados por",
    "inspirados",
    "inspiradas",
    "habiendo considerado",
    "observando",
    "preocupados",
    "preocupadas",
    "profundamente preocupados",
    "profundamente preocupadas",
    "decididas",
    "deseosas",
    "deseosos",
    "reafirmando",
    "reconociendo",
    "recordando",
    "reiterando",
    "resaltando",
    "subrayando",
    "teniendo en cuenta",
    "teniendo presente",
    "teniendo presentes",
    "tomando en consideración",
    "tomando en cuenta",
    "tomando nota",
    "visto",
    "vistos",
    // French
    "affirmant",
    "ayant à l'esprit",
    "ayant examiné",
    "conscients",
    "considérant",
    "constatant",
    "convaincus",
    "convaincues",
    "désireuses",
    "désireux",
    "déterminés",
    "déterminées",
    "guidés par",
    "notant",
    "prenant note",
    "préoccupés",
    "préoccupées",
    "rappelant",
    "réaffirmant",
    "reconnaissant",
    "réitérant",
    "résolus",
    "résolues",
    "se félicitant",
    "soulignant",
    "tenant compte",
    "vu",
    // Portuguese
    "acolhendo",
    "afirmando",
    "cientes",
    "conscientes",
    "convencidos",
    "convencidas",
    "decididos",
    "decididas",
    "desejosos",
    "desejosas",
    "determinados",
    "expressando",
    "interessados",
    "interessadas",
    "levando em consideração",
    "levando em conta",
    "observando",
    "reafirmando",
    "recordando",
    "reconhecendo",
    "reiterando",
    "salientando",
    "sublinhando",
    "tendo em conta",
    "tendo em mente",
    "tendo presente",
    "tomando nota",
];

/// Adverbs that may follow a preambular opener ("RECOGNIZING ALSO") or precede it
/// ("Also recalling", UN style).
const PREAMBULAR_ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "moreover",
    "additionally",
    "asimismo",
    "además",
    "también",
    "également",
    "aussi",
    "en outre",
    "também",
    "ainda",
];

/// Verbs of an operative verb line ("DECLARE:", "RESUELVE:"), in every person used.
const VERB_LINE_VERBS: &[&str] = &[
    // English
    "adopt",
    "adopts",
    "affirm",
    "affirms",
    "agree",
    "agrees",
    "commit",
    "commit ourselves",
    "commit themselves",
    "decide",
    "decides",
    "declare",
    "declares",
    "proclaim",
    "proclaims",
    "reaffirm",
    "reaffirms",
    "recommend",
    "recommends",
    "resolve",
    "resolves",
    "have agreed",
    "have agreed as follows",
    "agree as follows",
    // Spanish
    "han convenido",
    "han convenido en lo siguiente",
    "han convenido lo siguiente",
    "acuerda",
    "acuerdan",
    "adoptan",
    "declara",
    "declaran",
    "deciden",
    "proclaman",
    "reafirman",
    "recomienda",
    "resuelve",
    "resuelven",
    // French
    "adoptent",
    "conviennent",
    "décident",
    "déclarent",
    "proclament",
    "recommande",
    "réaffirment",
    "sont convenus de ce qui suit",
    "sont convenues de ce qui suit",
    // Portuguese
    "acordam",
    "acordaram o seguinte",
    "convieram no seguinte",
    "adotam",
    "decidem",
    "declaram",
    "recomenda",
    "resolvem",
];

/// Words that may precede the verb of a verb line: "HEREBY DECLARE:".
const VERB_LINE_ADVERBS: &[&str] = &["hereby", "solemnly", "por la presente", "par la présente"];

/// English operative verbs in their base form; the third person ("Decides") is derived.
const OPERATIVE_VERBS: &[&str] = &[
    "accept",
    "acknowledge",
    "adopt",
    "affirm",
    "agree",
    "appeal",
    "applaud",
    "approve",
    "ask",
    "authorize",
    "call for",
    "call on",
    "call upon",
    "commend",
    "commit",
    "condemn",
    "confirm",
    "congratulate",
    "consider",
    "continue",
    "convene",
    "decide",
    "declare",
    "demand",
    "deplore",
    "designate",
    "direct",
    "draw attention",
    "emphasize",
    "encourage",
    "endorse",
    "entrust",
    "establish",
    "exhort",
    "express",
    "extend",
    "highlight",
    "instruct",
    "invite",
    "mandate",
    "note",
    "pledge",
    "proclaim",
    "promote",
    "reaffirm",
    "recall",
    "recognize",
    "recommend",
    "reiterate",
    "reject",
    "remind",
    "renew",
    "request",
    "resolve",
    "stress",
    "support",
    "take note",
    "thank",
    "underline",
    "underscore",
    "urge",
    "welcome",
];

/// Operative openers other than English verbs: OAS declarative noun phrases, and the
/// Spanish, French and Portuguese infinitives and third persons.
const OPERATIVE_PHRASES: &[&str] = &[
    // English declarative openers ("DECLARE: That …", "The need to …")
    "that",
    "the commitment",
    "the determination",
    "the duty",
    "the importance",
    "the necessity",
    "the need",
    "the obligation",
    "the relevance",
    "the responsibility",
    "the urgency",
    "the will",
    "its commitment",
    "our commitment",
    "their commitment",
    "their determination",
    "their support",
    "their will",
    // Spanish
    "que",
    "el compromiso",
    "la determinación",
    "la importancia",
    "la necesidad",
    "la obligación",
    "su compromiso",
    "su determinación",
    "agradecer",
    "alentar",
    "apoyar",
    "aprobar",
    "convocar",
    "decidir",
    "encargar",
    "encomendar",
    "exhortar",
    "expresar",
    "instar",
    "invitar",
    "reafirmar",
    "recomendar",
    "reconocer",
    "reiterar",
    "solicitar",
    "tomar nota",
    "proclama",
    "proclamar",
    // French
    "l'engagement",
    "l'importance",
    "la détermination",
    "la nécessité",
    "leur engagement",
    "charger",
    "convoquer",
    "décide",
    "demande",
    "demander",
    "encourage",
    "encourager",
    "engage",
    "exhorte",
    "exhorter",
    "invite",
    "inviter",
    "prend note",
    "prie",
    "prier",
    "réaffirme",
    "réaffirmer",
    "recommander",
    "reconnaître",
    "se félicite",
    "souligne",
    "proclame",
    "proclamer",
    // Portuguese
    "a determinação",
    "a importância",
    "a necessidade",
    "a obrigação",
    "o compromisso",
    "seu compromisso",
    "apoiar",
    "convidar",
    "encarregar",
    "exortar",
    "incentivar",
    "instruir",
    "reconhecer",
    "sublinhar",
    "proclamar",
];

/// Adverbs that may precede an operative verb: "Also decides", "Strongly urges".
const OPERATIVE_ADVERBS: &[&str] = &[
    "also",
    "further",
    "furthermore",
    "again",
    "once again",
    "firmly",
    "strongly",
    "hereby",
    "to",
    "we",
];

/// The subjects that open a declaration or resolution.
const OPENING_CLAUSES: &[&str] = &[
    // English
    "the general assembly",
    "the heads of delegation",
    "the heads of state",
    "the human rights council",
    "the meeting of ministers",
    "the ministers",
    "the permanent council",
    "the representatives",
    "the security council",
    "we the heads of state",
    "we the ministers",
    // Spanish
    "el consejo permanente",
    "la asamblea general",
    "las jefas y jefes de estado",
    "las ministras y ministros",
    "los jefes de estado",
    "los ministros",
    "nosotros los jefes de estado",
    "nosotros los ministros",
    // French
    "l'assemblée générale",
    "le conseil permanent",
    "les chefs d'état",
    "les ministres",
    "nous chefs d'état",
    "nous les chefs d'état",
    "nous les ministres",
    // Portuguese
    "a assembleia geral",
    "o conselho permanente",
    "os chefes de estado",
    "os ministros",
    "nós os chefes de estado",
    "nós os ministros",
];

/// Short function words that tell apart the languages drafts and their translations come in
/// (ISO 639-1 codes), folded (no diacritics). A word common to two of them ("de", "en", "la",
/// "die", "e") is in neither list.
const FUNCTION_WORDS: [(&str, &[&str]); 7] = [
    (
        "en",
        &["the", "and", "of", "to", "that", "which", "shall", "with", "for", "by", "this", "is"],
    ),
    ("es", &["el", "los", "las", "del", "y", "con", "por", "para", "una", "al", "sus", "como"]),
    ("fr", &["le", "les", "des", "du", "et", "avec", "au", "aux", "pour", "sur", "une", "qui"]),
    ("pt", &["os", "do", "dos", "das", "ao", "aos", "pela", "pelo", "nao", "uma", "em", "na"]),
    (
        "nl",
        &["het", "een", "van", "zijn", "voor", "wordt", "niet", "aan", "bij", "tot", "met", "op"],
    ),
    ("de", &["der", "das", "und", "nicht", "ist", "mit", "fur", "von", "zu", "auf", "dem", "wird"]),
    (
        "it",
        &[
            "il", "della", "delle", "dei", "degli", "gli", "nel", "nella", "alla", "di", "che",
            "per",
        ],
    ),
];

/// The fewest function words of one language that tell a paragraph's language.
const MIN_FUNCTION_WORDS: usize = 3;

/// How many function words of each language the text holds, by ISO 639-1 code.
pub fn function_words(text: &str) -> [(&'static str, usize); FUNCTION_WORDS.len()] {
    let mut counts = FUNCTION_WORDS.map(|(language, _)| (language, 0));
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        let word = fold_str(word);
        for ((_, count), (_, list)) in counts.iter_mut().zip(FUNCTION_WORDS) {
            if list.contains(&word.as_str()) {
                *count += 1;
            }
        }
    }
    counts
}

/// The language a paragraph is written in (an ISO 639-1 code), told by its function words:
/// at least [`MIN_FUNCTION_WORDS`] of one language and more than twice as many as of any
/// other; `None` for a heading, a name, a number or a mixed line.
pub fn language_of(text: &str) -> Option<&'static str> {
    let mut counts = function_words(text);
    counts.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    let [(language, best), (_, second), ..] = counts;
    (best >= MIN_FUNCTION_WORDS && best > 2 * second).then_some(language)
}

/// The longest phrase in any list has this many words; openers add one or two adverbs.
const MAX_WORDS: usize = 8;

/// Where the opening participle phrase of a preambular paragraph ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreambularOpener {
    /// Char offset where the phrase's first word starts.
    pub start: usize,
    /// Char offset just past the participle or adjective phrase itself ("RECOGNIZING").
    pub phrase_end: usize,
    /// Char offset just past the whole opener, adverbs included ("RECOGNIZING ALSO").
    pub end: usize,
}

/// Recognizes the opener of a preambular paragraph, with the extent of its parts.
pub fn preambular_opening(text: &str) -> Option<PreambularOpener> {
    let words = leading_words(text, true);
    let leading = LISTS.preambular_adverbs.longest_match(&words).unwrap_or(0);
    let phrase = LISTS.preambular_openers.longest_match(&words[leading..])?;
    let phrase_last = leading + phrase - 1;
    let trailing = LISTS.preambular_adverbs.longest_match(&words[phrase_last + 1..]).unwrap_or(0);
    Some(PreambularOpener {
        start: words[0].start,
        phrase_end: words[phrase_last].end,
        end: words[phrase_last + trailing].end,
    })
}

/// The char length of the participle or adjective phrase that opens a preambular paragraph
/// ("RECOGNIZING", "BEARING IN MIND", "RECONOCIENDO ADEMÁS"), adverbs such as "also" included;
/// `None` when the paragraph does not open with one.
pub fn preambular_opener(text: &str) -> Option<usize> {
    preambular_opening(text).map(|opener| opener.end)
}

/// Whether the whole paragraph is an operative verb line: "DECLARE:", "RESUELVEN:",
/// "DÉCIDE :". Case-insensitive when it ends with a colon; without a colon only when it is in
/// capitals.
pub fn operative_verb_line(text: &str) -> bool {
    let trimmed = text.trim();
    let (body, has_colon) = match trimmed.strip_suffix(':') {
        Some(body) => (body.trim_end(), true),
        None => (trimmed, false),
    };
    if !has_colon && body.chars().any(char::is_lowercase) {
        return false;
    }
    let words = leading_words(body, true);
    let leading = LISTS.verb_line_adverbs.longest_match(&words).unwrap_or(0);
    let Some(verb) = LISTS.verb_line_verbs.longest_match(&words[leading..]) else {
        return false;
    };
    words[leading + verb - 1].end == body.chars().count()
}

/// The char length of the verb or declarative phrase that opens an operative paragraph:
/// "Decides", "Also requests", "Calls upon", "To instruct", "That", "The need",
/// "Their commitment", "Encomendar"; `None` when the paragraph does not open with one. A verb
/// line ("DECLARE:") also opens with a verb: test [`operative_verb_line`] first.
pub fn operative_opener(text: &str) -> Option<usize> {
    let words = leading_words(text, true);
    let leading = LISTS.operative_adverbs.longest_match(&words).unwrap_or(0);
    let rest = &words[leading..];
    let phrase =
        LISTS.operative_phrases.longest_match(rest).into_iter().chain(longest_verb(rest)).max()?;
    Some(words[leading + phrase - 1].end)
}

/// Whether the paragraph is an opening clause naming who speaks: "THE MINISTERS OF FOREIGN
/// AFFAIRS …", "THE GENERAL ASSEMBLY,", "We, the Heads of State …", "LOS MINISTROS …", or any
/// body named on its own (see [`names_a_body`]).
pub fn opening_clause(text: &str) -> bool {
    LISTS.opening_clauses.longest_match(&leading_words(text, false)).is_some()
        || names_a_body(text)
        || names_a_body_described(text)
}

/// Whether the paragraph opens with a body's name and its operative verb, the body named in
/// an operative paragraph of its own: "A Assembleia Geral proclama a presente Declaração …",
/// "The General Assembly proclaims …".
pub fn body_then_operative(text: &str) -> bool {
    let words = leading_words(text, false);
    let Some(named) = LISTS.opening_clauses.longest_match(&words) else { return false };
    let end = words[named - 1].end;
    let rest = text.char_indices().nth(end).map_or("", |(at, _)| &text[at..]);
    rest.starts_with(' ') && operative_opener(rest.trim_start()).is_some()
}

/// The most words in a body's name with what describes it.
const MAX_DESCRIBED_WORDS: usize = 30;

/// A body named, then described, ending with a comma: "The Governments signatory hereto,
/// being Members of the Council of Europe,"; or with a full stop, as a treaty's parties name
/// themselves by their plenipotentiaries ("Los Estados participantes en la Conferencia …, por
/// medio de sus representantes plenipotenciarios debidamente acreditados.").
fn names_a_body_described(text: &str) -> bool {
    let Some((name, description)) = text.trim().split_once(", ") else { return false };
    let description = description.strip_suffix(['.', ',']).unwrap_or(description);
    names_a_body(&format!("{name},"))
        && text.trim().ends_with([',', '.'])
        && text.split_whitespace().count() <= MAX_DESCRIBED_WORDS
        && preambular_opener(description).is_none()
        && operative_opener(description).is_none()
        && !description.contains([';', ':', '.'])
}

/// Articles an opening clause starts with, in English, Spanish, French and Portuguese.
const BODY_ARTICLES: &[&str] =
    &["the", "la", "el", "le", "l", "les", "los", "las", "o", "a", "os", "as"];

/// The most words in a body's name: "The Conference of the Parties serving as the meeting of
/// the Parties to the Paris Agreement,".
const MAX_BODY_WORDS: usize = 18;

/// Whether the paragraph is only the name of a body followed by a comma: an article, a
/// capitalized name ("The Conference of the Parties,", "The Sixty-sixth World Health
/// Assembly,", "La Comisión de Estupefacientes,", "L'Assemblée mondiale de la Santé,"), which
/// one word in lower case may open ("The member States of the Council of Europe,").
fn names_a_body(text: &str) -> bool {
    let Some(name) = text.trim().strip_suffix(',') else { return false };
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some((article, rest)) = words.split_first() else { return false };
    let (article, glued) = match article.split_once(['\'', '\u{2019}']) {
        Some((article, noun)) => (article, Some(noun)),
        None => (*article, None),
    };
    let noun = glued.or_else(|| rest.first().copied()).unwrap_or_default();
    let capital = |word: &str| word.starts_with(char::is_uppercase);
    let named = capital(noun) || (glued.is_none() && rest.get(1).is_some_and(|w| capital(w)));
    BODY_ARTICLES.contains(&fold_str(article).as_str())
        && named
        && words.len() <= MAX_BODY_WORDS
        && !name.contains([',', ';', ':', '.'])
        && preambular_opener(name).is_none()
}

/// A word near the start of a paragraph, folded for comparison.
struct Word {
    start: usize,
    end: usize,
    folded: String,
}

/// The first words of `text` (at most [`MAX_WORDS`]). When `stop_at_punctuation` is set the
/// words must be separated by whitespace only, or by a negotiation bracket after the first
/// word ("BEARING IN [MIND"); otherwise punctuation between words is skipped.
fn leading_words(text: &str, stop_at_punctuation: bool) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    let mut previous = None;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        if is_word_char(previous, c, next) {
            let word =
                current.get_or_insert_with(|| Word { start: i, end: i, folded: String::new() });
            word.folded.extend(fold(c));
            word.end = i + 1;
        } else {
            if let Some(word) = current.take() {
                words.push(word);
                if words.len() == MAX_WORDS {
                    return words;
                }
            }
            let bracket_after_a_word = matches!(c, '[' | ']') && !words.is_empty();
            if stop_at_punctuation && !c.is_whitespace() && !bracket_after_a_word {
                return words;
            }
        }
        previous = Some(c);
    }
    words.extend(current);
    words
}

/// Letters and digits are word characters, and so are apostrophes and hyphens joining two of
/// them ("l'importance", "non-violence").
fn is_word_char(previous: Option<char>, c: char, next: Option<char>) -> bool {
    match c {
        '\'' | '\u{2019}' | '-' => {
            previous.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)
        }
        c => c.is_alphanumeric(),
    }
}

/// Lower case without diacritics, with typographic apostrophes made straight.
fn fold(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|c| match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        '\u{2019}' => '\'',
        c => c,
    })
}

/// A phrase list folded once: each phrase as its folded words.
struct Phrases(Vec<Vec<String>>);

impl Phrases {
    /// Folds every phrase of a list into its words.
    fn fold(list: &[&str]) -> Self {
        Self(list.iter().map(|phrase| phrase.split(' ').map(fold_str).collect()).collect())
    }

    /// How many words of the longest phrase that `words` starts with.
    fn longest_match(&self, words: &[Word]) -> Option<usize> {
        self.0
            .iter()
            .filter(|parts| {
                parts.len() <= words.len()
                    && parts.iter().zip(words).all(|(part, word)| *part == word.folded)
            })
            .map(Vec::len)
            .max()
    }
}

/// An English operative verb in both persons, with the words that follow it ("call upon").
struct Verb {
    base: String,
    third_person: String,
    rest: Vec<String>,
}

/// The word lists, folded once on first use.
struct Lists {
    preambular_openers: Phrases,
    preambular_adverbs: Phrases,
    verb_line_verbs: Phrases,
    verb_line_adverbs: Phrases,
    operative_verbs: Vec<Verb>,
    operative_phrases: Phrases,
    operative_adverbs: Phrases,
    opening_clauses: Phrases,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    preambular_openers: Phrases::fold(PREAMBULAR_OPENERS),
    preambular_adverbs: Phrases::fold(PREAMBULAR_ADVERBS),
    verb_line_verbs: Phrases::fold(VERB_LINE_VERBS),
    verb_line_adverbs: Phrases::fold(VERB_LINE_ADVERBS),
    operative_verbs: OPERATIVE_VERBS
        .iter()
        .map(|verb| {
            let mut parts = verb.split(' ').map(fold_str);
            let base = parts.next().unwrap_or_default();
            Verb { third_person: third_person(&base), base, rest: parts.collect() }
        })
        .collect(),
    operative_phrases: Phrases::fold(OPERATIVE_PHRASES),
    operative_adverbs: Phrases::fold(OPERATIVE_ADVERBS),
    opening_clauses: Phrases::fold(OPENING_CLAUSES),
});

/// Folds a whole phrase from a word list.
fn fold_str(s: &str) -> String {
    s.chars().flat_map(fold).collect()
}

/// How many words of an English operative verb `words` starts with, in the base form
/// ("Instruct") or the third person ("Instructs"); only the first word inflects.
fn longest_verb(words: &[Word]) -> Option<usize> {
    let first = words.first()?;
    LISTS
        .operative_verbs
        .iter()
        .filter(|verb| {
            let head = first.folded == verb.base || first.folded == verb.third_person;
            let tail = verb.rest.len() < words.len()
                && verb.rest.iter().zip(&words[1..]).all(|(part, word)| *part == word.folded);
            head && tail
        })
        .map(|verb| verb.rest.len() + 1)
        .max()
}

/// The English third person singular of a base verb: "urge" → "urges", "stress" → "stresses".
fn third_person(base: &str) -> String {
    if ["s", "sh", "ch", "x", "z"].iter().any(|end| base.ends_with(end)) {
        format!("{base}es")
    } else if let Some(stem) = base.strip_suffix('y').filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{base}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_of_a_paragraph_is_told_by_its_function_words() {
        let read = [
            ("Each Contracting Party shall take measures to safeguard the heritage of Europe.", "en"),
            ("La Asamblea decidirá la sede del Parlamento y los órganos con sus funciones.", "es"),
            ("Les Parties prennent des mesures pour la protection du patrimoine et de la culture.", "fr"),
            ("Os Estados Partes comprometem-se a respeitar os direitos e liberdades do povo.", "pt"),
            ("Iedere Verdragsluitende Partij neemt passende maatregelen om de ontwikkeling van haar bijdrage aan het erfdeel te stellen.", "nl"),
            ("Jede Vertragspartei trifft die Maßnahmen, die für den Schutz des Erbes nicht von Belang sind und mit dem Recht.", "de"),
            ("Ogni Parte adotta le misure per la tutela del patrimonio della cultura degli Stati e dei popoli.", "it"),
        ];
        for (text, language) in read {
            assert_eq!(language_of(text), Some(language), "{text}");
        }
        for unknown in ["Artikel 1", "European Cultural Convention", "The Charter de la OEA y los"]
        {
            assert_eq!(language_of(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn preambular_single_word_openers() {
        assert_eq!(preambular_opener("RECOGNIZING that peace is a pillar;"), Some(11));
        assert_eq!(preambular_opener("CONVINCED that all efforts count;"), Some(9));
        assert_eq!(preambular_opener("Recalling the rights enshrined,"), Some(9));
        assert_eq!(preambular_opener("MINDFUL of the need;"), Some(7));
    }

    #[test]
    fn preambular_multi_word_openers_prefer_the_longest() {
        assert_eq!(preambular_opener("TAKING NOTE of the report;"), Some(11));
        assert_eq!(preambular_opener("TAKING INTO ACCOUNT that participation;"), Some(19));
        assert_eq!(preambular_opener("BEARING IN MIND the needs;"), Some(15));
        assert_eq!(preambular_opener("NOTING WITH CONCERN the rise;"), Some(19));
        assert_eq!(preambular_opener("NOTING the rise;"), Some(6));
        assert_eq!(preambular_opener("DEEPLY CONCERNED by the rise;"), Some(16));
    }

    #[test]
    fn preambular_adverbs_are_part_of_the_opener() {
        assert_eq!(preambular_opener("RECOGNIZING ALSO the Consensus;"), Some(16));
        assert_eq!(preambular_opener("RECOGNIZING furthermore the need;"), Some(23));
        assert_eq!(preambular_opener("CONSIDERING ALSO that equality;"), Some(16));
        assert_eq!(preambular_opener("Recalling further its resolution,"), Some(17));
        assert_eq!(preambular_opener("Also recalling its resolution,"), Some(14));
        assert_eq!(preambular_opener("REAFIRMANDO ASIMISMO que"), Some(20));
    }

    #[test]
    fn a_body_named_then_described_opens_the_text() {
        assert!(opening_clause("The Governments signatory hereto, being Members of the Council,"));
        assert!(opening_clause("As Partes nesta Convenção,"));
        assert!(!opening_clause("The Council, considering that the aim,"));
        assert!(!opening_clause("The Parties, being aware; noting,"));
    }

    #[test]
    fn preambular_opener_parts() {
        let opener = preambular_opening("  RECOGNIZING ALSO the need;")
            .map(|o| (o.start, o.phrase_end, o.end));
        assert_eq!(opener, Some((2, 13, 18)));
    }

    #[test]
    fn french_participles_agree_with_feminine_parties() {
        // "Les Parties …," are feminine: "Désireuses d’assurer …", "Convaincues que …".
        for text in ["Désireuses d’assurer la bonne gestion", "Convaincues que", "Constatant la"]
        {
            assert!(preambular_opener(text).is_some(), "{text}");
        }
    }

    #[test]
    fn preambular_opener_counts_chars_not_bytes() {
        assert_eq!(preambular_opener("CONSIDÉRANT que la paix;"), Some(11));
        assert_eq!(preambular_opener("CONSIDERANT que la paix;"), Some(11));
        assert_eq!(preambular_opener("AYANT À L’ESPRIT que;"), Some(16));
        assert_eq!(preambular_opener("TOMANDO EN CONSIDERACIÓN que;"), Some(24));
    }

    #[test]
    fn preambular_openers_in_other_languages() {
        assert!(preambular_opener("CONSIDERANDO que la paz;").is_some());
        assert!(preambular_opener("TENIENDO EN CUENTA que;").is_some());
        assert!(preambular_opener("RÉAFFIRMANT que;").is_some());
        assert!(preambular_opener("TENANT COMPTE de;").is_some());
        assert!(preambular_opener("TENDO EM MENTE que;").is_some());
        assert!(preambular_opener("RECONHECENDO que;").is_some());
    }

    #[test]
    fn preambular_opener_needs_a_word_boundary() {
        assert_eq!(preambular_opener("NOTINGS are made;"), None);
        assert_eq!(preambular_opener("AWARENESS of risk;"), None);
        assert_eq!(preambular_opener("AWARE-ness of risk;"), None);
        assert_eq!(preambular_opener("CONVINCED, as always;"), Some(9));
        assert_eq!(preambular_opener("RECOGNIZING  that"), Some(11));
    }

    #[test]
    fn a_bracket_inside_the_opener_does_not_hide_it() {
        assert_eq!(preambular_opener("BEARING IN [MIND that]"), Some(16));
        assert_eq!(preambular_opener("RECOGNIZING [ALSO] that"), Some(17));
        assert_eq!(preambular_opener("CONVINCED] that"), Some(9));
    }

    #[test]
    fn preambular_opener_rejects_other_openings() {
        assert_eq!(preambular_opener("The ministers agree;"), None);
        assert_eq!(preambular_opener("1. RECOGNIZING that"), None);
        assert_eq!(preambular_opener("[RECOGNIZING that]"), None);
        assert_eq!(preambular_opener(""), None);
        assert_eq!(preambular_opener("ALSO"), None);
        assert_eq!(preambular_opener("   "), None);
    }

    #[test]
    fn verb_lines() {
        for line in [
            "DECLARE:",
            "DECLARES:",
            "RESOLVE:",
            "Resolves:",
            "decide:",
            "AGREE:",
            "RECOMMEND:",
            "ADOPT:",
            "DECLARAN:",
            "RESUELVE:",
            "DÉCIDE :",
            "DECIDEM:",
            "DECLARAM:",
            "RESOLVEM:",
            "HEREBY DECLARE:",
            "  DECLARE:  ",
            "DECLARE",
        ] {
            assert!(operative_verb_line(line), "{line}");
        }
    }

    #[test]
    fn not_verb_lines() {
        for line in [
            "Declare",
            "DECLARE: That peace",
            "DECLARE THAT:",
            "Decides to convene a meeting.",
            "RECOGNIZING:",
            ":",
            "",
        ] {
            assert!(!operative_verb_line(line), "{line}");
        }
    }

    #[test]
    fn operative_verbs_in_both_persons() {
        assert_eq!(operative_opener("Decides to convene a meeting."), Some(7));
        assert_eq!(operative_opener("Instruct the Permanent Council to work."), Some(8));
        assert_eq!(operative_opener("Urges member states."), Some(5));
        assert_eq!(operative_opener("Stresses the need."), Some(8));
        assert_eq!(operative_opener("Calls upon states."), Some(10));
        assert_eq!(operative_opener("Takes note of the report."), Some(10));
        assert_eq!(operative_opener("Also requests the Secretary-General."), Some(13));
        assert_eq!(operative_opener("To instruct the General Secretariat."), Some(11));
        assert_eq!(operative_opener("Strongly urges states."), Some(14));
    }

    #[test]
    fn operative_declarative_openers() {
        assert_eq!(operative_opener("That it is their priority."), Some(4));
        assert_eq!(operative_opener("The need to continue."), Some(8));
        assert_eq!(operative_opener("the need to continue."), Some(8));
        assert_eq!(operative_opener("The importance of strengthening."), Some(14));
        assert_eq!(operative_opener("Their commitment to strengthen."), Some(16));
        assert_eq!(operative_opener("The obligation of states."), Some(14));
        assert_eq!(operative_opener("La necesidad de continuar."), Some(12));
        assert_eq!(operative_opener("Encomendar al Consejo Permanente."), Some(10));
        assert_eq!(operative_opener("L'importance de renforcer."), Some(12));
    }

    #[test]
    fn operative_opener_rejects_other_openings() {
        assert_eq!(operative_opener("The Permanent Council shall meet."), None);
        assert_eq!(operative_opener("Thatched roofs."), None);
        assert_eq!(operative_opener("17. That they request."), None);
        assert_eq!(operative_opener("Also"), None);
        assert_eq!(operative_opener(""), None);
    }

    #[test]
    fn opening_clauses() {
        assert!(opening_clause("THE MINISTERS OF FOREIGN AFFAIRS AND HEADS OF DELEGATION,"));
        assert!(opening_clause("THE HEADS OF STATE AND GOVERNMENT of the Americas,"));
        assert!(opening_clause("The General Assembly,"));
        assert!(opening_clause("THE PERMANENT COUNCIL OF THE ORGANIZATION,"));
        assert!(opening_clause("We, the Heads of State and Government,"));
        assert!(opening_clause("LOS MINISTROS DE RELACIONES EXTERIORES"));
        assert!(opening_clause("LES MINISTRES DES AFFAIRES ÉTRANGÈRES"));
        assert!(opening_clause("OS MINISTROS DAS RELAÇÕES EXTERIORES"));
        assert!(opening_clause("L’ASSEMBLÉE GÉNÉRALE,"));
        assert!(opening_clause("The Conference of the Parties,"));
        assert!(opening_clause("The Sixty-sixth World Health Assembly,"));
        assert!(opening_clause("La Comisión de Estupefacientes,"));
        assert!(opening_clause("L'Assemblée mondiale de la Santé,"));
        assert!(!opening_clause("The Parties to this Agreement, in pursuit of its objective"));
        assert!(!opening_clause("The situation remains grave."));
    }

    #[test]
    fn a_body_named_in_its_operative_paragraph() {
        assert!(body_then_operative("A Assembleia Geral proclama a presente Declaração"));
        assert!(body_then_operative("The General Assembly proclaims this Declaration"));
        assert!(!body_then_operative("The General Assembly, Recalling its resolution"));
        assert!(!body_then_operative("The General Assembly"));
        assert!(!body_then_operative("La Asamblea General ha examinado el informe"));
        assert_eq!(operative_opener("Proclame la présente Déclaration"), Some(8));
    }

    #[test]
    fn not_opening_clauses() {
        assert!(!opening_clause("RECOGNIZING that the ministers"));
        assert!(!opening_clause("THE MINISTERIAL meeting"));
        assert!(!opening_clause("The need to continue."));
        assert!(!opening_clause(""));
    }

    #[test]
    fn third_person_forms() {
        assert_eq!(third_person("urge"), "urges");
        assert_eq!(third_person("stress"), "stresses");
        assert_eq!(third_person("reaffirm"), "reaffirms");
        assert_eq!(third_person("apply"), "applies");
        assert_eq!(third_person("convey"), "conveys");
    }

    #[test]
    fn every_listed_phrase_matches_itself() {
        for phrase in PREAMBULAR_OPENERS {
            let upper = phrase.to_uppercase();
            assert_eq!(preambular_opener(&upper), Some(upper.chars().count()), "{phrase}");
        }
        for verb in VERB_LINE_VERBS {
            assert!(operative_verb_line(&format!("{}:", verb.to_uppercase())), "{verb}");
        }
        for phrase in OPERATIVE_PHRASES {
            assert_eq!(operative_opener(phrase), Some(phrase.chars().count()), "{phrase}");
        }
        for verb in OPERATIVE_VERBS {
            assert_eq!(operative_opener(verb), Some(verb.chars().count()), "{verb}");
        }
        for clause in OPENING_CLAUSES {
            assert!(opening_clause(clause), "{clause}");
        }
    }

    #[test]
    fn phrases_fit_in_the_word_window() {
        let lists = [
            PREAMBULAR_OPENERS,
            PREAMBULAR_ADVERBS,
            VERB_LINE_VERBS,
            VERB_LINE_ADVERBS,
            OPERATIVE_VERBS,
            OPERATIVE_PHRASES,
            OPERATIVE_ADVERBS,
            OPENING_CLAUSES,
        ];
        for phrase in lists.iter().flat_map(|list| list.iter()) {
            assert!(phrase.split(' ').count() + 2 <= MAX_WORDS, "{phrase}");
        }
    }
}
