//! The negotiation model: plain data types shared by the store, diffs, imports, exports and the UI.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Stable identity of a paragraph: survives edits, renumbering and moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export, type = "string")]
pub struct ParagraphId(pub Uuid);

impl ParagraphId {
    /// A fresh random id.
    pub fn new() -> Self {
        Self(Uuid::new_v4())
    }
}

impl ParagraphId {
    /// The name of the Word bookmark that carries the id through a `.docx` and back:
    /// "acc_" and the 32 hex digits of the uuid (Word wants a letter first, 40 chars at most).
    pub fn bookmark_name(&self) -> String {
        format!("acc_{}", self.0.simple())
    }

    /// The id a bookmark named by [`ParagraphId::bookmark_name`] carries; `None` for any other
    /// name.
    pub fn from_bookmark_name(name: &str) -> Option<Self> {
        let hex = name.strip_prefix("acc_").filter(|hex| hex.len() == 32)?;
        Uuid::try_parse(hex).ok().map(Self)
    }
}

impl Default for ParagraphId {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Display for ParagraphId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ParagraphId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// Where a paragraph sits in the structure of a declaration or resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ParagraphKind {
    /// "THE MINISTERS OF FOREIGN AFFAIRS … gathered in …"
    OpeningClause,
    /// A numbered preambular paragraph opening with a participle (PP).
    Preambular,
    /// The operative verb line: "DECLARE:", "RESOLVE:".
    VerbLine,
    /// A numbered operative paragraph (OP).
    Operative,
    /// A section heading among operative paragraphs.
    SectionHeading,
    /// A sub-paragraph (a), (b) … of its parent paragraph.
    SubParagraph,
}

impl ParagraphKind {
    /// All kinds, in document order.
    pub const ALL: [ParagraphKind; 6] = [
        Self::OpeningClause,
        Self::Preambular,
        Self::VerbLine,
        Self::Operative,
        Self::SectionHeading,
        Self::SubParagraph,
    ];

    /// The snake_case name used in files, the CLI and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpeningClause => "opening_clause",
            Self::Preambular => "preambular",
            Self::VerbLine => "verb_line",
            Self::Operative => "operative",
            Self::SectionHeading => "section_heading",
            Self::SubParagraph => "sub_paragraph",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Ad referendum: approved pending confirmation from the named delegations' capitals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdReferendum {
    /// Delegations whose confirmation is awaited.
    pub delegations: Vec<String>,
    /// When the paragraph was agreed ad referendum.
    pub since: DateTime<Utc>,
    /// End of the silence procedure, if one runs.
    pub deadline: Option<DateTime<Utc>>,
}

/// The negotiation status of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
#[ts(export)]
pub enum Status {
    /// Agreed by all.
    Agreed,
    /// Agreed ad referendum of named delegations.
    AdReferendum(AdReferendum),
    /// Not agreed: the whole paragraph is in brackets.
    Bracketed,
    /// Under discussion.
    Pending,
    /// New, not yet discussed.
    Proposed,
    /// Deleted; kept for history and comparisons.
    Deleted,
}

impl Status {
    /// The payload-free kind of this status.
    pub fn kind(&self) -> StatusKind {
        match self {
            Self::Agreed => StatusKind::Agreed,
            Self::AdReferendum(_) => StatusKind::AdReferendum,
            Self::Bracketed => StatusKind::Bracketed,
            Self::Pending => StatusKind::Pending,
            Self::Proposed => StatusKind::Proposed,
            Self::Deleted => StatusKind::Deleted,
        }
    }
}

/// A status without its payload: for counts, filters and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatusKind {
    Agreed,
    AdReferendum,
    Bracketed,
    Pending,
    Proposed,
    Deleted,
}

impl StatusKind {
    /// All status kinds, from most to least settled.
    pub const ALL: [StatusKind; 6] = [
        Self::Agreed,
        Self::AdReferendum,
        Self::Bracketed,
        Self::Pending,
        Self::Proposed,
        Self::Deleted,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Agreed => "agreed",
            Self::AdReferendum => "ad_referendum",
            Self::Bracketed => "bracketed",
            Self::Pending => "pending",
            Self::Proposed => "proposed",
            Self::Deleted => "deleted",
        }
    }

    /// Parses the snake_case name (also accepts "ad-ref" and "ad_ref").
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ad-ref" | "ad_ref" | "ad-referendum" => Some(Self::AdReferendum),
            _ => Self::ALL.into_iter().find(|k| k.as_str() == s),
        }
    }

    /// How a chair says it: "agreed ad referendum", "bracketed"…
    pub fn label(self) -> &'static str {
        match self {
            Self::Agreed => "agreed",
            Self::AdReferendum => "agreed ad referendum",
            Self::Bracketed => "bracketed",
            Self::Pending => "pending",
            Self::Proposed => "proposed",
            Self::Deleted => "deleted",
        }
    }
}

/// A footnote, typically a delegation's reservation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Footnote {
    /// The delegation making the reservation, if any.
    pub delegation: Option<String>,
    /// The footnote's text.
    pub text: String,
}

/// One paragraph of the text as it stands in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paragraph {
    pub id: ParagraphId,
    pub kind: ParagraphKind,
    /// The paragraph a sub-paragraph belongs to.
    pub parent: Option<ParagraphId>,
    /// The text, with inline brackets; never its number.
    pub text: String,
    pub status: Status,
    pub footnotes: Vec<Footnote>,
    /// Delegations that proposed or sponsor this paragraph.
    pub proposers: Vec<String>,
    /// Private notes kept at this desk: the chair's, or in a delegation's copy the delegation's
    /// own. Never circulated, never in a fingerprint, printed only when an export asks for them.
    pub notes: String,
    /// The working label used in the room during this round: PP3, OP7bis, OP6alt.
    pub label: String,
}

/// House style: decides participle case and preambular punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HouseStyle {
    /// OAS: participles in capitals, preambular paragraphs end with ";".
    Oas,
    /// UN: participles in italics, preambular paragraphs end with ",".
    Un,
}

impl HouseStyle {
    /// The punctuation that closes a preambular paragraph.
    pub fn preambular_end(self) -> char {
        match self {
            Self::Oas => ';',
            Self::Un => ',',
        }
    }
}

/// Whether a delegation is a member or an observer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DelegationKind {
    Member,
    Observer,
}

impl DelegationKind {
    /// The snake_case name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Observer => "observer",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Member, Self::Observer].into_iter().find(|k| k.as_str() == s)
    }
}

/// A delegation on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Delegation {
    /// Name as used in the room and in annotations: "Mexico", "Canada".
    pub name: String,
    pub kind: DelegationKind,
}

/// The 35 member states of the Organization of American States.
pub const OAS_MEMBER_STATES: [&str; 35] = [
    "Antigua and Barbuda",
    "Argentina",
    "The Bahamas",
    "Barbados",
    "Belize",
    "Bolivia",
    "Brazil",
    "Canada",
    "Chile",
    "Colombia",
    "Costa Rica",
    "Cuba",
    "Dominica",
    "Dominican Republic",
    "Ecuador",
    "El Salvador",
    "Grenada",
    "Guatemala",
    "Guyana",
    "Haiti",
    "Honduras",
    "Jamaica",
    "Mexico",
    "Nicaragua",
    "Panama",
    "Paraguay",
    "Peru",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent and the Grenadines",
    "Suriname",
    "Trinidad and Tobago",
    "United States",
    "Uruguay",
    "Venezuela",
];

/// The default roster: the OAS member states.
pub fn oas_roster() -> Vec<Delegation> {
    OAS_MEMBER_STATES
        .iter()
        .map(|name| Delegation { name: (*name).to_string(), kind: DelegationKind::Member })
        .collect()
}

/// The document-level facts of a negotiation (one per file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Negotiation {
    pub id: Uuid,
    /// "Draft Declaration of San Salvador on Citizen Security in the Americas"
    pub title: String,
    /// Document symbol: "AG/doc.5200/11".
    pub symbol: String,
    /// "General Assembly"
    pub body: String,
    /// "Forty-first regular session"
    pub session: String,
    /// Working language: "English".
    pub language: String,
    pub house_style: HouseStyle,
    /// Delegations for which the whole text is only agreed ad referendum.
    pub whole_text_ad_referendum: Vec<String>,
    pub created_at: DateTime<Utc>,
}

impl Negotiation {
    /// The document-level status line: "(ad referendum of the delegation of Mexico)".
    pub fn status_line(&self) -> Option<String> {
        ad_referendum_phrase(&self.whole_text_ad_referendum).map(|p| format!("({p})"))
    }
}

/// "ad referendum of the delegation of Mexico" / "… of the delegations of Canada and Mexico".
pub fn ad_referendum_phrase(delegations: &[String]) -> Option<String> {
    match delegations {
        [] => None,
        [one] => Some(format!("ad referendum of the delegation of {one}")),
        many => Some(format!("ad referendum of the delegations of {}", join_and(many))),
    }
}

/// Joins names as English prose: "A", "A and B", "A, B and C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

/// The fields a user gives to start a negotiation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NegotiationMeta {
    pub title: String,
    pub symbol: String,
    pub body: String,
    pub session: String,
    pub language: String,
    pub house_style: HouseStyle,
    pub whole_text_ad_referendum: Vec<String>,
}

impl Default for NegotiationMeta {
    fn default() -> Self {
        Self {
            title: "Draft declaration".into(),
            symbol: String::new(),
            body: "General Assembly".into(),
            session: String::new(),
            language: "English".into(),
            house_style: HouseStyle::Oas,
            whole_text_ad_referendum: Vec::new(),
        }
    }
}

/// Whether a round is still being negotiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RoundState {
    Open,
    Closed,
}

impl RoundState {
    /// "open" or "closed".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }
}

/// A round of negotiation: a formal session or a revision ("rev.2").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Round {
    /// Sequential number, from 1.
    pub number: u32,
    /// "Formal session, 5 April 2011", "rev.2".
    pub label: String,
    pub date: NaiveDate,
    pub state: RoundState,
    pub closed_at: Option<DateTime<Utc>>,
    /// SHA-256 of the closed round's text, chained to the previous round's (hex); none while open.
    pub fingerprint: Option<String>,
}

impl Round {
    /// The first 12 hex digits of the fingerprint, as exports print it.
    pub fn short_fingerprint(&self) -> Option<&str> {
        self.fingerprint.as_deref().map(|f| &f[..f.len().min(12)])
    }
}

/// A paragraph as it reads in a document: with its working and clean numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NumberedParagraph {
    #[serde(flatten)]
    pub paragraph: Paragraph,
    /// The number the room uses, read from the working label: "7bis", "(a)"; none for
    /// unnumbered kinds and deleted paragraphs.
    pub number: Option<String>,
    /// The number the clean text prints: "8", "(a)", "(ii)"; what `number` becomes when the
    /// round closes and the next one opens renumbered.
    pub clean_number: Option<String>,
    /// Nesting depth: 0 for top-level paragraphs, 1 for (a), 2 for (i)…
    pub depth: u8,
}

/// The whole text of a negotiation in one round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    pub negotiation: Negotiation,
    pub round: Round,
    pub paragraphs: Vec<NumberedParagraph>,
}

impl Document {
    /// The text numbered as the clean text prints it ("8." where the room says OP7bis).
    pub fn with_clean_numbers(mut self) -> Self {
        for p in &mut self.paragraphs {
            p.number = p.clean_number.clone();
        }
        self
    }
}
