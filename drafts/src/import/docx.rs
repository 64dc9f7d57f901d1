//! Word documents (`.docx`), read into a structured draft.
//!
//! The paragraphs of the main document (in tables and content controls too; text boxes,
//! drawings and embedded objects are pictures, and are left out) become the source paragraphs
//! of the [`classify`](super::classify) reader, which recognizes the draft in them as it does
//! in a text; a line break inside a paragraph starts a new source paragraph that may join the
//! one before it, as a hard-wrapped line of a text does.
//!
//! - **Automatic numbering** (`w:numPr`, set on the paragraph or its style) is resolved through
//!   the numbering part into the number Word shows: decimal, letters and roman numerals, in any
//!   of Word's level texts ("%1.", "(%2)", "%1.%2."), and bullets. A list's levels nest its
//!   paragraphs; lists sharing a definition continue each other's numbering unless a level's
//!   start is overridden, as in Word. Numbers typed into the text are read as in a text.
//! - **Footnotes** go with the paragraph that refers to them.
//! - **Emphasis:** opening words in italics or bold (direct formatting) open a paragraph; italic
//!   participles make the house style UN.
//! - **Fields** keep their result and lose their instruction; a paragraph made of a field
//!   result alone (a file name, a page number) is debris.
//! - **Tracked changes** are read as accepted: deleted text and deleted paragraph marks are
//!   dropped, inserted text is kept (the [`tracked`](super::tracked) reader reads them as
//!   changes, through the same reading of runs). Hidden text is dropped.
//!
//! Parts are found through the package's relationships, with Word's usual names as fallback.
//! A damaged archive or part, a file that is not a Word document, and parts larger than
//! [`MAX_BYTES`] once decompressed are refused with an [`ImportError`].

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};
use zip::result::ZipError;
use zip::ZipArchive;

use super::classify::{
    classify, clean_tagged, parse_marker, to_roman, Emphasis, Marker, SourceParagraph, Token,
};
use super::{check_size, ImportError, ImportedDraft, MAX_BYTES};
use crate::export::WORD_EXPORT_PROPERTY;

/// Reads a draft from the bytes of a `.docx` file.
///
/// Fails on an empty input, on a file that is not a Word document, on a damaged one, on more
/// than [`MAX_BYTES`] (compressed or not), and when no paragraph of a draft is recognized.
pub fn import_docx(bytes: &[u8]) -> Result<ImportedDraft, ImportError> {
    let (mut package, parts, document) = open(bytes)?;
    let document = parse(&parts.document, &document)?;
    let body = body(&document)?;
    let numbering = match package.part(&parts.numbering)? {
        Some(xml) => Numbering::read(&parse(&parts.numbering, &xml)?),
        None => Numbering::default(),
    };
    let styles = match package.part(&parts.styles)? {
        Some(xml) => StyleNumbers::read(&parse(&parts.styles, &xml)?),
        None => StyleNumbers::default(),
    };
    let footnotes = match package.part(&parts.footnotes)? {
        Some(xml) => read_footnotes(&parse(&parts.footnotes, &xml)?),
        None => HashMap::new(),
    };
    let mut reader = BodyReader {
        numbering,
        styles,
        footnotes,
        paragraphs: Vec::new(),
        count: 0,
        carried: None,
    };
    if let Some(body) = body {
        reader.body(body);
    }
    let source = reader.finish();
    if source.iter().all(|p| p.text.trim().is_empty()) {
        return Err(ImportError::Empty);
    }
    classify(source)
}

/// Opens a `.docx`: its package, the names of its parts and the text of its main document.
///
/// Fails on an empty input, on a file that is not a Word document, on a damaged one, and on
/// more than [`MAX_BYTES`] (compressed or not).
pub(super) fn open(bytes: &[u8]) -> Result<(Package<'_>, Parts, String), ImportError> {
    check_size(bytes.len())?;
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut package = Package::open(bytes, MAX_BYTES)?;
    let parts = package.parts()?;
    let document = package.part(&parts.document)?.ok_or(ImportError::NotDocx)?;
    Ok((package, parts, document))
}

/// The `w:body` of a parsed main document; not a Word document unless its root is
/// `w:document`.
pub(super) fn body<'a, 'input>(
    document: &'a Document<'input>,
) -> Result<Option<Node<'a, 'input>>, ImportError> {
    let root = document.root_element();
    if !is_w(root, "document") {
        return Err(ImportError::NotDocx);
    }
    Ok(w_child(root, "body"))
}

// ---------------------------------------------------------------------------------------------
// The package

/// The namespaces of WordprocessingML: transitional (what Word writes) and strict.
const W_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Whether `node` is the WordprocessingML element `name`.
pub(super) fn is_w(node: Node, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace().is_some_and(|ns| W_NAMESPACES.contains(&ns))
}

/// The WordprocessingML attribute `name` of `node`.
pub(super) fn w_attr<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|ns| W_NAMESPACES.contains(&ns)))
        .map(|a| a.value())
}

/// The first WordprocessingML child `name` of `node`.
pub(super) fn w_child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children().find(|n| is_w(*n, name))
}

/// The `w:val` of the child `name` of `node`: `<w:numId w:val="3"/>` → "3".
fn child_val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    w_child(node, name).and_then(|child| w_attr(child, "val"))
}

/// A switch such as `<w:i/>` or `<w:b w:val="0"/>`: on unless its value says off.
fn is_on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(w_attr(n, "val"), Some("0" | "false" | "off" | "none")))
}

/// A part as a parsed XML document; a parse error means a damaged file.
pub(super) fn parse<'input>(name: &str, xml: &'input str) -> Result<Document<'input>, ImportError> {
    Document::parse(xml).map_err(|e| malformed(format!("{name}: {e}")))
}

fn malformed(detail: String) -> ImportError {
    ImportError::Malformed { detail }
}

/// A zip error: damage, except for encryption, which makes the file unreadable as a document.
fn zip_error(error: ZipError) -> ImportError {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            malformed("the document is protected by a password".to_string())
        }
        error => malformed(format!("the archive is damaged ({error})")),
    }
}

/// The names of the parts read.
pub(super) struct Parts {
    /// The main document.
    pub document: String,
    numbering: String,
    styles: String,
    footnotes: String,
}

/// The zip archive of a Word document.
pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    /// The largest part read, decompressed: a zip bomb stops here.
    limit: u64,
}

impl<'a> Package<'a> {
    /// Opens the archive; anything but a zip archive is not a Word document.
    pub(super) fn open(bytes: &'a [u8], limit: u64) -> Result<Self, ImportError> {
        if !bytes.starts_with(b"PK") {
            return Err(ImportError::NotDocx);
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        Ok(Self { archive, limit })
    }

    /// A part's text, or `None` when the package has no such part. Part names are compared
    /// without regard to case, as the packaging conventions want.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let Some(found) = self.archive.file_names().find(|n| n.eq_ignore_ascii_case(name)) else {
            return Ok(None);
        };
        let found = found.to_string();
        let file = self.archive.by_name(&found).map_err(zip_error)?;
        let declared = file.size();
        let mut data = Vec::new();
        file.take(self.limit.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| malformed(format!("{name} cannot be unpacked ({e})")))?;
        let read = u64::try_from(data.len()).unwrap_or(u64::MAX);
        if read > self.limit {
            return Err(ImportError::TooLarge { bytes: declared.max(read), limit: self.limit });
        }
        let text =
            String::from_utf8(data).map_err(|_| malformed(format!("{name} is not UTF-8 text")))?;
        Ok(Some(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text)))
    }

    /// Finds the main document through the package relationships, and the numbering, styles
    /// and footnotes through the document's; Word's usual names when a relationship is missing.
    fn parts(&mut self) -> Result<Parts, ImportError> {
        let document = self
            .relationship("_rels/.rels", "", "/officeDocument")?
            .unwrap_or_else(|| "word/document.xml".to_string());
        let (folder, file) = document.rsplit_once('/').unwrap_or(("", document.as_str()));
        let rels = join(folder, &format!("_rels/{file}.rels"));
        let mut related = |kind: &str, usual: &str| -> Result<String, ImportError> {
            let found = self.relationship(&rels, folder, kind)?;
            Ok(found.unwrap_or_else(|| join(folder, usual)))
        };
        Ok(Parts {
            numbering: related("/numbering", "numbering.xml")?,
            styles: related("/styles", "styles.xml")?,
            footnotes: related("/footnotes", "footnotes.xml")?,
            document,
        })
    }

    /// The target of the first relationship in `rels` whose type ends with `kind`, as a part
    /// name (targets are relative to `folder`).
    fn relationship(
        &mut self,
        rels: &str,
        folder: &str,
        kind: &str,
    ) -> Result<Option<String>, ImportError> {
        let Some(xml) = self.part(rels)? else {
            return Ok(None);
        };
        let document = parse(rels, &xml)?;
        let target = document
            .descendants()
            .filter(|n| n.tag_name().name() == "Relationship")
            .filter(|n| n.attribute("TargetMode") != Some("External"))
            .find(|n| n.attribute("Type").is_some_and(|t| t.ends_with(kind)))
            .and_then(|n| n.attribute("Target"));
        Ok(target.map(|target| match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => join(folder, target),
        }))
    }
}

/// A relative part name resolved against a folder: ("word", "../customXml/item.xml") →
/// "customXml/item.xml".
fn join(folder: &str, target: &str) -> String {
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            segment => segments.push(segment),
        }
    }
    segments.join("/")
}

// ---------------------------------------------------------------------------------------------
// Numbering

/// How one level of a list shows its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberFormat {
    Decimal,
    Letter {
        upper: bool,
    },
    Roman {
        upper: bool,
    },
    Bullet,
    /// No number is shown, but the level counts.
    Hidden,
}

impl NumberFormat {
    fn parse(value: &str) -> Self {
        match value {
            "lowerLetter" => Self::Letter { upper: false },
            "upperLetter" => Self::Letter { upper: true },
            "lowerRoman" => Self::Roman { upper: false },
            "upperRoman" => Self::Roman { upper: true },
            "bullet" => Self::Bullet,
            "none" => Self::Hidden,
            _ => Self::Decimal,
        }
    }

    /// A counter's value as this level shows it: 3 → "3", "c", "iii".
    fn show(self, value: u32) -> String {
        match self {
            Self::Letter { upper } if value > 0 => {
                let index = (value - 1) % 26;
                let letter = char::from(b'a' + u8::try_from(index).unwrap_or(0));
                let letter = if upper { letter.to_ascii_uppercase() } else { letter };
                let repeat = usize::try_from((value - 1) / 26 + 1).unwrap_or(1).min(MAX_REPEAT);
                std::iter::repeat_n(letter, repeat).collect()
            }
            Self::Roman { upper } if (1..4000).contains(&value) => {
                let roman = to_roman(value);
                if upper {
                    roman.to_ascii_uppercase()
                } else {
                    roman
                }
            }
            Self::Hidden | Self::Bullet => String::new(),
            _ => value.to_string(),
        }
    }
}

/// Letters of a list repeat past "z" ("aa", "bbb"): at most this many times.
const MAX_REPEAT: usize = 8;

/// Deeper nesting of tables, content controls or links than this is not read (no draft nests
/// so deep).
const MAX_NESTING: usize = 64;

/// Word lists have nine levels.
const LEVELS: usize = 9;

/// One level of a list definition.
#[derive(Debug, Clone)]
struct LevelDefinition {
    start: u32,
    format: NumberFormat,
    /// Word's level text: "%1.", "(%2)", "%1.%2.", a bullet character.
    text: String,
}

impl LevelDefinition {
    fn read(level: Node) -> Self {
        Self {
            start: child_val(level, "start").and_then(|v| v.parse().ok()).unwrap_or(0),
            format: child_val(level, "numFmt").map_or(NumberFormat::Decimal, NumberFormat::parse),
            text: child_val(level, "lvlText").unwrap_or_default().to_string(),
        }
    }
}

/// A numbering instance (`w:num`): a list definition with overridden levels.
#[derive(Debug, Default)]
struct NumberingInstance {
    definition: String,
    /// Restart values by level.
    starts: HashMap<usize, u32>,
    /// Redefined levels.
    levels: HashMap<usize, LevelDefinition>,
}

/// The numbering part, and the counters of the lists read so far.
#[derive(Debug, Default)]
struct Numbering {
    definitions: HashMap<String, [Option<LevelDefinition>; LEVELS]>,
    instances: HashMap<String, NumberingInstance>,
    /// The last number given at each level, by list definition.
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Instances whose overridden start has been applied, by level.
    restarted: HashSet<(String, usize)>,
}

/// A level index from an attribute: 0 to 8.
fn level_index(value: Option<&str>) -> Option<usize> {
    value.and_then(|v| v.parse().ok()).filter(|&level| level < LEVELS)
}

impl Numbering {
    fn read(document: &Document) -> Self {
        let mut numbering = Self::default();
        for node in document.root_element().children() {
            if is_w(node, "abstractNum") {
                let Some(id) = w_attr(node, "abstractNumId") else {
                    continue;
                };
                let mut levels: [Option<LevelDefinition>; LEVELS] = Default::default();
                for level in node.children().filter(|n| is_w(*n, "lvl")) {
                    if let Some(index) = level_index(w_attr(level, "ilvl")) {
                        levels[index] = Some(LevelDefinition::read(level));
                    }
                }
                numbering.definitions.insert(id.to_string(), levels);
            } else if is_w(node, "num") {
                let (Some(id), Some(definition)) =
                    (w_attr(node, "numId"), child_val(node, "abstractNumId"))
                else {
                    continue;
                };
                let mut instance =
                    NumberingInstance { definition: definition.to_string(), ..Default::default() };
                for overridden in node.children().filter(|n| is_w(*n, "lvlOverride")) {
                    let Some(index) = level_index(w_attr(overridden, "ilvl")) else {
                        continue;
                    };
                    if let Some(start) =
                        child_val(overridden, "startOverride").and_then(|v| v.parse().ok())
                    {
                        instance.starts.insert(index, start);
                    }
                    if let Some(level) = w_child(overridden, "lvl") {
                        instance.levels.insert(index, LevelDefinition::read(level));
                    }
                }
                numbering.instances.insert(id.to_string(), instance);
            }
        }
        numbering
    }

    /// The level `level` of an instance: its own redefinition, or its list definition's.
    fn definition<'a>(
        &'a self,
        instance: &'a NumberingInstance,
        level: usize,
    ) -> Option<&'a LevelDefinition> {
        instance.levels.get(&level).or_else(|| {
            self.definitions.get(&instance.definition).and_then(|levels| levels[level].as_ref())
        })
    }

    /// Counts a paragraph of list `id` at `level` and returns the number it shows.
    fn next(&mut self, id: &str, level: usize) -> Option<Marker> {
        let instance = self.instances.get(id)?;
        let this = self.definition(instance, level)?.clone();
        let definition = instance.definition.clone();
        let restart = instance.starts.get(&level).copied();
        let shown: Vec<(NumberFormat, u32)> = (0..LEVELS)
            .map(|l| {
                self.definition(instance, l)
                    .map_or((NumberFormat::Decimal, 0), |d| (d.format, d.start))
            })
            .collect();
        let counters = self.counters.entry(definition).or_default();
        if let Some(start) = restart {
            if self.restarted.insert((id.to_string(), level)) {
                counters[level] = Some(start.saturating_sub(1));
            }
        }
        let value = counters[level].map_or(this.start, |last| last.saturating_add(1));
        counters[level] = Some(value);
        for deeper in &mut counters[level + 1..] {
            *deeper = None;
        }
        let token = match this.format {
            NumberFormat::Hidden => return None,
            NumberFormat::Bullet => {
                let bullet = this.text.chars().next().unwrap_or('•');
                return Some(Marker::automatic(Token::Bullet(bullet), String::new(), level));
            }
            NumberFormat::Decimal => Token::Arabic(value),
            NumberFormat::Letter { upper } => Token::Letter { value, upper },
            NumberFormat::Roman { upper } => Token::Roman { value, upper },
        };
        let mut text = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let referenced =
                chars.peek().and_then(|d| d.to_digit(10)).filter(|d| (1..=9).contains(d));
            match (c, referenced) {
                ('%', Some(digit)) => {
                    chars.next();
                    let l = usize::try_from(digit - 1).unwrap_or(0);
                    let (format, start) = shown[l];
                    text.push_str(&format.show(counters[l].unwrap_or(start)));
                }
                _ => text.push(c),
            }
        }
        let text = text.trim();
        let source = text.strip_suffix('.').unwrap_or(text).trim().to_string();
        Some(Marker::automatic(token, source, level))
    }
}

/// The numbering paragraph styles apply (`w:numPr` in `w:pPr` of a style, or of the style it
/// is based on).
#[derive(Debug, Default)]
struct StyleNumbers {
    /// By style id: the style's own numbering, and the style it is based on.
    styles: HashMap<String, (ListReference, Option<String>)>,
}

/// A list and level as a paragraph or style names them; either may be left to the style.
#[derive(Debug, Clone, Default)]
struct ListReference {
    id: Option<String>,
    level: Option<usize>,
}

impl ListReference {
    /// The `w:numPr` of a `w:pPr`.
    fn read(properties: Option<Node>) -> Self {
        let numbering = properties.and_then(|p| w_child(p, "numPr"));
        Self {
            id: numbering.and_then(|n| child_val(n, "numId")).map(str::to_string),
            level: numbering.and_then(|n| level_index(child_val(n, "ilvl"))),
        }
    }
}

/// How far a chain of styles based on one another is followed.
const MAX_STYLE_CHAIN: usize = 16;

impl StyleNumbers {
    fn read(document: &Document) -> Self {
        let styles = document
            .root_element()
            .children()
            .filter(|n| is_w(*n, "style") && w_attr(*n, "type") == Some("paragraph"))
            .filter_map(|style| {
                let id = w_attr(style, "styleId")?;
                let list = ListReference::read(w_child(style, "pPr"));
                let based_on = child_val(style, "basedOn").map(str::to_string);
                Some((id.to_string(), (list, based_on)))
            })
            .collect();
        Self { styles }
    }

    /// Completes a paragraph's list reference from its style chain.
    fn resolve(&self, mut list: ListReference, style: Option<&str>) -> ListReference {
        let mut style = style.map(str::to_string);
        for _ in 0..MAX_STYLE_CHAIN {
            if list.id.is_some() && list.level.is_some() {
                break;
            }
            let Some((own, based_on)) = style.as_ref().and_then(|s| self.styles.get(s)) else {
                break;
            };
            list.id = list.id.or_else(|| own.id.clone());
            list.level = list.level.or(own.level);
            style = based_on.clone();
        }
        list
    }
}

// ---------------------------------------------------------------------------------------------
// Text

/// The text of one paragraph as it is read, split at its line breaks.
#[derive(Debug, Default)]
struct Collected {
    /// The finished pieces before line breaks.
    pieces: Vec<String>,
    current: String,
    /// The visible characters of the first piece with their italics and bold, for emphasis.
    styled: Vec<(char, bool, bool)>,
    /// The ids of the footnotes referred to.
    footnotes: Vec<String>,
}

impl Collected {
    /// Appends visible text.
    fn push(&mut self, text: &str, italic: bool, bold: bool) {
        self.current.push_str(text);
        if self.pieces.is_empty() {
            self.styled.extend(text.chars().map(|c| (c, italic, bold)));
        }
    }

    /// Appends field marks or instructions, which the classifier removes.
    fn push_field(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn line_break(&mut self) {
        self.pieces.push(std::mem::take(&mut self.current));
    }

    /// Continues with the text of a paragraph whose mark was deleted.
    fn append(&mut self, mut next: Collected) {
        if let Some(first) = next.pieces.first_mut() {
            self.current.push_str(first);
            *first = std::mem::take(&mut self.current);
            self.pieces.append(&mut next.pieces);
            self.current = next.current;
        } else {
            self.current.push_str(&next.current);
        }
        self.styled.extend(next.styled);
        self.footnotes.extend(next.footnotes);
    }

    /// How the first word of the text (after a typed number) is set apart from the rest.
    fn emphasis(&self) -> Option<Emphasis> {
        let text: String = self.styled.iter().map(|&(c, _, _)| c).collect();
        let skip = parse_marker(&text)
            .map_or(0, |(_, rest)| text[..text.len() - rest.len()].chars().count());
        let letters: Vec<(usize, &(char, bool, bool))> = self
            .styled
            .iter()
            .enumerate()
            .skip(skip)
            .filter(|(_, (c, _, _))| c.is_alphanumeric())
            .collect();
        let (first, _) = *letters.first()?;
        let word_end = self.styled[first..]
            .iter()
            .position(|(c, _, _)| !c.is_alphanumeric())
            .map_or(self.styled.len(), |n| first + n);
        let set_apart = |pick: fn(&(char, bool, bool)) -> bool| {
            self.styled[first..word_end].iter().all(pick)
                && letters.iter().any(|&(i, styled)| i >= word_end && !pick(styled))
        };
        if set_apart(|&(_, italic, _)| italic) {
            Some(Emphasis::Italic)
        } else if set_apart(|&(_, _, bold)| bold) {
            Some(Emphasis::Bold)
        } else {
            None
        }
    }
}

/// Reads the paragraphs of the document body.
struct BodyReader {
    numbering: Numbering,
    styles: StyleNumbers,
    /// Footnote texts by id.
    footnotes: HashMap<String, String>,
    paragraphs: Vec<SourceParagraph>,
    /// Paragraphs read, for numbering them.
    count: usize,
    /// The text of a paragraph whose mark was deleted, waiting for the next paragraph.
    carried: Option<Collected>,
}

/// Visits the paragraphs of the block-level content of `node` in document order: in tables and
/// content controls too.
pub(super) fn paragraphs<'a, 'input>(
    node: Node<'a, 'input>,
    depth: usize,
    visit: &mut impl FnMut(Node<'a, 'input>),
) {
    if depth > MAX_NESTING {
        return;
    }
    for child in node.children().filter(Node::is_element) {
        if is_w(child, "p") {
            visit(child);
        } else if ["tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo"]
            .iter()
            .any(|name| is_w(child, name))
        {
            paragraphs(child, depth + 1, visit);
        }
    }
}

/// Words a table's caption opens with, in the four languages.
const TABLE_WORDS: &[&str] = &["table", "tabla", "tableau", "tabela", "cuadro", "quadro"];

/// A table's caption: "Table 1", "[Table 5", "Table 3 (Continued)", "Cuadro 2. Gastos"; its
/// number may be a field's result.
fn is_caption(text: &str) -> bool {
    let mut visible = String::new();
    clean_tagged(text.chars().map(|c| (c, ())), |c, ()| visible.push(c));
    let text = visible.trim().trim_start_matches('[');
    let mut words = text.split_whitespace();
    let (Some(word), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    TABLE_WORDS.contains(&word.to_lowercase().as_str())
        && number.trim_end_matches(['.', ':']).chars().all(|c| c.is_ascii_alphanumeric())
        && number.starts_with(|c: char| c.is_ascii_digit() || c.is_ascii_uppercase())
        && text.split_whitespace().count() <= 12
}

/// A paragraph without words: the blank line between the parts of a table.
fn is_blank(paragraph: Node) -> bool {
    words_of(paragraph).chars().all(char::is_whitespace)
}

/// The text of a paragraph's runs, for telling a blank line or a lone bracket.
fn words_of(paragraph: Node) -> String {
    paragraph.descendants().filter(|n| is_w(*n, "t")).filter_map(|n| n.text()).collect()
}

/// The most words of a cell's paragraph in a table of data: a sentence longer than this is a
/// paragraph of the draft, set in a table for its layout.
const MAX_CELL_WORDS: usize = 25;

/// A table of data (an annex's reporting format, a schedule of amounts): cells of labels and
/// figures, no numbered paragraph and no long sentence, so that the table is one paragraph.
fn is_data_table(table: Node, numbered: impl Fn(Node) -> bool) -> bool {
    let mut cells = Vec::new();
    paragraphs(table, 0, &mut |paragraph| cells.push(paragraph));
    cells.len() > 1
        && cells.iter().all(|&cell| {
            words_of(cell).split_whitespace().count() <= MAX_CELL_WORDS && !numbered(cell)
        })
}

impl BodyReader {
    /// Reads the body's paragraphs in document order; a table of data is one paragraph, its
    /// cells in order (a caption set in its first cell too), as a delegate reads it.
    fn body(&mut self, body: Node) {
        let mut after_table = false;
        for child in body.children().filter(Node::is_element) {
            let data = is_w(child, "tbl") && is_data_table(child, |p| self.numbered(p));
            if data {
                self.table(child, after_table);
            } else if after_table && is_w(child, "p") && words_of(child).trim() == "]" {
                // The bracket closing a bracketed table (an annex's) below it: the table's.
                self.count += 1;
                if let Some(table) = self.paragraphs.iter_mut().rev().find(|p| p.table) {
                    table.text.push_str("\t]");
                }
            } else if is_w(child, "p") {
                self.paragraph(child);
            } else {
                paragraphs(child, 1, &mut |paragraph| self.paragraph(paragraph));
            }
            after_table = data || (after_table && is_w(child, "p") && is_blank(child));
        }
    }

    /// The caption above a table ("Table 2 (continued)", "[Table 5" / "Authorized entities"),
    /// blank paragraphs aside: taken out to head the table, with its Word paragraph's number.
    fn take_caption(&mut self) -> Option<(usize, Vec<String>)> {
        let filled = self.paragraphs.iter().rposition(|p| !p.text.trim().is_empty())?;
        let number = self.paragraphs[filled].number;
        let first =
            self.paragraphs.iter().position(|p| p.number == number && !p.text.is_empty())?;
        if self.paragraphs[first].table || !is_caption(&self.paragraphs[first].text) {
            return None;
        }
        let pieces = self.paragraphs.drain(first..).map(|p| p.text.trim().to_string());
        Some((number, pieces.filter(|p| !p.is_empty()).collect()))
    }

    /// Whether a paragraph is numbered by Word.
    fn numbered(&self, paragraph: Node) -> bool {
        let properties = w_child(paragraph, "pPr");
        let style = properties.and_then(|p| child_val(p, "pStyle"));
        let list = self.styles.resolve(ListReference::read(properties), style);
        !matches!(list.id.as_deref(), Some("0") | None)
    }

    /// A table of data read as one paragraph: the words of its cells in order, a tab between
    /// them, its cells' footnotes its own; a table right after another goes on with it (a
    /// caption set as a table of its own, a table split in parts).
    fn table(&mut self, table: Node, goes_on: bool) {
        let number = self.count + 1;
        let mut cells: Vec<String> = Vec::new();
        let mut footnotes = Vec::new();
        paragraphs(table, 0, &mut |paragraph| {
            self.count += 1;
            let mut collected = Collected::default();
            inline(paragraph, &mut collected, Revision::default(), 0);
            collected.line_break();
            let ids = collected.footnotes.iter();
            footnotes.extend(ids.filter_map(|id| self.footnotes.get(id).cloned()));
            let pieces = collected.pieces.into_iter().map(|p| p.trim().to_string());
            cells.extend(pieces.filter(|p| !p.is_empty()));
        });
        let (number, caption) = self.take_caption().unwrap_or((number, Vec::new()));
        cells.splice(0..0, caption);
        let filled = self.paragraphs.iter_mut().rev().find(|p| !p.text.trim().is_empty());
        let last = filled.filter(|last| goes_on && last.table);
        if let Some(last) = last {
            last.text.push('\t');
            last.text.push_str(&cells.join("\t"));
            last.footnotes.append(&mut footnotes);
            return;
        }
        self.paragraphs.push(SourceParagraph {
            number,
            text: cells.join("\t"),
            footnotes,
            table: true,
            ..SourceParagraph::default()
        });
    }

    fn paragraph(&mut self, paragraph: Node) {
        self.count += 1;
        let properties = w_child(paragraph, "pPr");
        let mut collected = self.carried.take().unwrap_or_default();
        let mut own = Collected::default();
        inline(paragraph, &mut own, Revision::default(), 0);
        collected.append(own);
        let mark_deleted = properties
            .and_then(|p| w_child(p, "rPr"))
            .is_some_and(|r| w_child(r, "del").is_some() || w_child(r, "moveFrom").is_some());
        if mark_deleted {
            self.carried = Some(collected);
            return;
        }
        let style = properties.and_then(|p| child_val(p, "pStyle"));
        let list = self.styles.resolve(ListReference::read(properties), style);
        let marker = match list.id.as_deref() {
            Some("0") | None => None,
            Some(id) => self.numbering.next(id, list.level.unwrap_or(0)),
        };
        let emphasis = collected.emphasis();
        let footnotes: Vec<String> =
            collected.footnotes.iter().filter_map(|id| self.footnotes.get(id).cloned()).collect();
        collected.line_break();
        for (i, text) in collected.pieces.into_iter().enumerate() {
            let first = i == 0;
            self.paragraphs.push(SourceParagraph {
                number: self.count,
                text,
                wraps: !first,
                number_marker: if first { marker.clone() } else { None },
                emphasis: if first { emphasis } else { None },
                footnotes: if first { footnotes.clone() } else { Vec::new() },
                ..SourceParagraph::default()
            });
        }
    }

    /// The source paragraphs, with the text of a last paragraph whose mark was deleted.
    fn finish(mut self) -> Vec<SourceParagraph> {
        if let Some(mut carried) = self.carried.take() {
            carried.line_break();
            for text in carried.pieces {
                self.paragraphs.push(SourceParagraph {
                    number: self.count,
                    text,
                    wraps: true,
                    ..SourceParagraph::default()
                });
            }
        }
        self.paragraphs
    }
}

/// Field marks as the classifier reads them.
const FIELD_BEGIN: &str = "\u{13}";
const FIELD_SEPARATE: &str = "\u{14}";
const FIELD_END: &str = "\u{15}";

/// Who made a tracked change (`w:author`) and when (`w:date`, as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Author<'a> {
    pub name: &'a str,
    pub date: Option<&'a str>,
}

impl<'a> Author<'a> {
    fn of(change: Node<'a, '_>) -> Self {
        Self { name: w_attr(change, "author").unwrap_or_default(), date: w_attr(change, "date") }
    }
}

/// The tracked changes that content stands in: inserted (`w:ins`, `w:moveTo`), deleted
/// (`w:del`, `w:moveFrom`), or both when one author deleted what another inserted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Revision<'a> {
    pub inserted: Option<Author<'a>>,
    pub deleted: Option<Author<'a>>,
}

/// What reads the inline content of a paragraph, with the tracked changes it stands in.
pub(super) trait Inline<'a> {
    /// Visible text (a tab as "\t"), italic or bold.
    fn text(&mut self, text: &str, italic: bool, bold: bool, revision: Revision<'a>);
    /// Field marks or a field's instruction, which the classifier removes.
    fn field(&mut self, text: &str, revision: Revision<'a>);
    /// A line break.
    fn line_break(&mut self, revision: Revision<'a>);
    /// A reference to the footnote `id`.
    fn footnote(&mut self, id: &str, revision: Revision<'a>);
    /// The start of the bookmark `name`.
    fn bookmark(&mut self, name: &str);
}

/// Reads as accepted: deleted content is left out.
impl<'a> Inline<'a> for Collected {
    fn text(&mut self, text: &str, italic: bool, bold: bool, revision: Revision<'a>) {
        if revision.deleted.is_none() {
            self.push(text, italic, bold);
        }
    }

    fn field(&mut self, text: &str, revision: Revision<'a>) {
        if revision.deleted.is_none() {
            self.push_field(text);
        }
    }

    fn line_break(&mut self, revision: Revision<'a>) {
        if revision.deleted.is_none() {
            Collected::line_break(self);
        }
    }

    fn footnote(&mut self, id: &str, revision: Revision<'a>) {
        if revision.deleted.is_none() {
            self.footnotes.push(id.to_string());
        }
    }

    fn bookmark(&mut self, _: &str) {}
}

/// Reads the inline content of a paragraph (or of a hyperlink, a field, a tracked change…):
/// runs, with their text, tabs, breaks, field marks and footnote references, and bookmarks.
pub(super) fn inline<'a>(
    node: Node<'a, '_>,
    out: &mut impl Inline<'a>,
    revision: Revision<'a>,
    depth: usize,
) {
    if depth > MAX_NESTING {
        return;
    }
    for child in node.children().filter(Node::is_element) {
        if is_w(child, "r") {
            run(child, out, revision);
        } else if is_w(child, "fldSimple") {
            out.field(FIELD_BEGIN, revision);
            out.field(w_attr(child, "instr").unwrap_or_default(), revision);
            out.field(FIELD_SEPARATE, revision);
            inline(child, out, revision, depth + 1);
            out.field(FIELD_END, revision);
        } else if is_w(child, "ins") || is_w(child, "moveTo") {
            let inserted = Some(Author::of(child));
            inline(child, out, Revision { inserted, ..revision }, depth + 1);
        } else if is_w(child, "del") || is_w(child, "moveFrom") {
            let deleted = Some(Author::of(child));
            inline(child, out, Revision { deleted, ..revision }, depth + 1);
        } else if is_w(child, "bookmarkStart") {
            out.bookmark(w_attr(child, "name").unwrap_or_default());
        } else if ["hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "dir", "bdo"]
            .iter()
            .any(|name| is_w(child, name))
        {
            inline(child, out, revision, depth + 1);
        }
    }
}

/// Reads one run; deleted text (`w:delText`, `w:delInstrText`) only in a deletion.
fn run<'a>(run: Node<'a, '_>, out: &mut impl Inline<'a>, revision: Revision<'a>) {
    let properties = w_child(run, "rPr");
    if properties.is_some_and(|p| is_on(w_child(p, "vanish"))) {
        return;
    }
    let italic = properties.is_some_and(|p| is_on(w_child(p, "i")));
    let bold = properties.is_some_and(|p| is_on(w_child(p, "b")));
    for child in run.children().filter(Node::is_element) {
        let name = child.tag_name().name();
        if !is_w(child, name) {
            continue;
        }
        let deleted = revision.deleted.is_some();
        match name {
            "t" => out.text(child.text().unwrap_or_default(), italic, bold, revision),
            "delText" if deleted => {
                out.text(child.text().unwrap_or_default(), italic, bold, revision)
            }
            "tab" | "ptab" => out.text("\t", italic, bold, revision),
            "noBreakHyphen" => out.text("-", italic, bold, revision),
            "br" | "cr" => out.line_break(revision),
            "sym" => {
                let symbol = w_attr(child, "char")
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .and_then(char::from_u32);
                if let Some(symbol) = symbol {
                    out.text(&symbol.to_string(), italic, bold, revision);
                }
            }
            "instrText" => out.field(child.text().unwrap_or_default(), revision),
            "delInstrText" if deleted => out.field(child.text().unwrap_or_default(), revision),
            "fldChar" => match w_attr(child, "fldCharType") {
                Some("begin") => out.field(FIELD_BEGIN, revision),
                Some("separate") => out.field(FIELD_SEPARATE, revision),
                Some("end") => out.field(FIELD_END, revision),
                _ => {}
            },
            "footnoteReference" => {
                if let Some(id) = w_attr(child, "id") {
                    out.footnote(id, revision);
                }
            }
            _ => {}
        }
    }
}

/// The footnotes part: each footnote's text by id, its paragraphs joined; the separators Word
/// keeps there are left out.
fn read_footnotes(document: &Document) -> HashMap<String, String> {
    document
        .root_element()
        .children()
        .filter(|n| is_w(*n, "footnote"))
        .filter(|n| w_attr(*n, "type").is_none_or(|t| t == "normal"))
        .filter_map(|note| {
            let id = w_attr(note, "id")?;
            let mut collected = Collected::default();
            for paragraph in note.children().filter(|n| is_w(*n, "p")) {
                inline(paragraph, &mut collected, Revision::default(), 0);
                collected.line_break();
            }
            collected.line_break();
            Some((id.to_string(), collected.pieces.join(" ")))
        })
        .collect()
}

/// The kind of Accord export a Word document is ("clean", "compilation"…), from its custom
/// document property [`WORD_EXPORT_PROPERTY`]; `None` for any other document.
pub(crate) fn accord_export_kind(bytes: &[u8]) -> Result<Option<String>, ImportError> {
    let (mut package, _, _) = open(bytes)?;
    let Some(xml) = package.part("docProps/custom.xml")? else { return Ok(None) };
    let custom = parse("docProps/custom.xml", &xml)?;
    Ok(custom
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("property"))
        .find(|n| n.attribute("name") == Some(WORD_EXPORT_PROPERTY))
        .and_then(|n| n.children().find(|c| c.is_element()))
        .and_then(|value| value.text())
        .map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brackets;
    use crate::import::testing::{corpus, document, zip, XorShift, W};
    use crate::import::{import_text, ImportedParagraph, ImportedStatus, SkipReason};
    use crate::model::{HouseStyle, ParagraphKind};

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

    const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

    const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

    /// List definitions: 1 numbers paragraphs "1." with sub-paragraphs "(a)" and "(i)"; 2 is a
    /// bullet list; 3 numbers legally ("1.", "1.1.").
    const DEFINITIONS: &str = r#"<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>"#;

    /// A paragraph style that numbers its paragraphs with list 1.
    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="Operative"><w:name w:val="Operative"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="OperativeSub"><w:basedOn w:val="Operative"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#;

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    fn run(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text))
    }

    fn styled_run(text: &str, properties: &str) -> String {
        format!(
            r#"<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(text)
        )
    }

    fn paragraph(content: &str) -> String {
        format!("<w:p>{content}</w:p>")
    }

    fn numbered(list: u32, level: u32, content: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr>{content}</w:p>"#
        )
    }

    /// Numbering instances: list 1 and 2 and 3 on their definitions, then `(id, level, start)`
    /// restarts of list definition 1.
    fn numbering(restarts: &[(u32, u32, u32)]) -> String {
        let mut xml = format!("<w:numbering {W}>{DEFINITIONS}");
        for id in 1..=3 {
            xml.push_str(&format!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{id}"/></w:num>"#
            ));
        }
        for (id, level, start) in restarts {
            xml.push_str(&format!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num>"#
            ));
        }
        xml.push_str("</w:numbering>");
        xml
    }

    fn footnotes(notes: &[&str]) -> String {
        let mut xml = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#
        );
        for (i, note) in notes.iter().enumerate() {
            xml.push_str(&format!(
                r#"<w:footnote w:id="{}"><w:p><w:r><w:footnoteRef/></w:r>{}</w:p></w:footnote>"#,
                i + 1,
                run(&format!(" {note}"))
            ));
        }
        xml.push_str("</w:footnotes>");
        xml
    }

    /// A Word document with the body, numbering and footnotes given.
    fn docx(body: &str, numbering: &str, notes: &str) -> Vec<u8> {
        zip(&[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", PACKAGE_RELS),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/document.xml", &document(body)),
            ("word/numbering.xml", numbering),
            ("word/footnotes.xml", notes),
            ("word/styles.xml", STYLES),
        ])
    }

    fn import(bytes: &[u8]) -> ImportedDraft {
        import_docx(bytes).unwrap_or_else(|e| panic!("import failed: {e}"))
    }

    fn kinds(draft: &ImportedDraft) -> Vec<ParagraphKind> {
        draft.paragraphs.iter().map(|p| p.kind).collect()
    }

    fn numbers(draft: &ImportedDraft) -> Vec<Option<&str>> {
        draft.paragraphs.iter().map(|p| p.source_number.as_deref()).collect()
    }

    /// The annotation that gives a paragraph its status in a text.
    fn annotation(paragraph: &ImportedParagraph) -> String {
        let names = |names: &[String]| names.join(" and ");
        match &paragraph.status {
            ImportedStatus::AdReferendum { delegations } => {
                format!(" (APPROVED ad referendum of the delegation of {})", names(delegations))
            }
            ImportedStatus::Proposed => format!(" (Proposed by {})", names(&paragraph.proposers)),
            ImportedStatus::Pending if !brackets::has_brackets(&paragraph.text) => {
                " (Pending)".to_string()
            }
            _ => String::new(),
        }
    }

    /// The value of a number at a depth of list 1: "15" at 0, "(b)" at 1, "(ii)" at 2; `None`
    /// for numbers list 1 does not give ("I", "PP3"), which stay typed.
    fn list_value(number: &str, depth: usize) -> Option<u32> {
        let inner = number.strip_prefix('(').and_then(|n| n.strip_suffix(')'));
        match (depth, inner) {
            (0, None) => number.parse().ok(),
            (1, Some(letter))
                if letter.len() == 1 && letter.bytes().all(|b| b.is_ascii_lowercase()) =>
            {
                letter.bytes().next().map(|b| u32::from(b - b'a') + 1)
            }
            (2, Some(roman)) => (1..40).find(|&value| to_roman(value) == roman),
            _ => None,
        }
    }

    /// A Word document holding `draft` as its author would have it: the lines the importer
    /// skipped where they stood, then the paragraphs with their status annotations and their
    /// numbers given by Word's automatic numbering (list 1, restarted where the typed numbers
    /// restart), and `note` as a footnote of the paragraph `noted`.
    fn docx_of(draft: &ImportedDraft, noted: usize, note: &str) -> Vec<u8> {
        let mut items: Vec<(usize, String)> =
            draft.skipped.iter().map(|s| (s.line, paragraph(&run(&s.text)))).collect();
        let mut counters = [None::<u32>; 3];
        let mut restarts = Vec::new();
        for (i, p) in draft.paragraphs.iter().enumerate() {
            let mut content = run(&format!("{}{}", p.text, annotation(p)));
            if i == noted {
                content.push_str(r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#);
            }
            let depth = std::iter::successors(p.parent, |&up| draft.paragraphs[up].parent).count();
            let number = p.source_number.as_deref();
            let xml = match number.map(|n| (n, list_value(n, depth))) {
                None => paragraph(&content),
                Some((typed, None)) => {
                    paragraph(&run(&format!("{typed}. {}{}", p.text, annotation(p))))
                }
                Some((_, Some(value))) => {
                    let level = u32::try_from(depth).unwrap_or(0);
                    let l = depth;
                    let mut list = 1;
                    if counters[l].map_or(1, |c| c + 1) != value {
                        list = 10 + u32::try_from(restarts.len()).unwrap_or(0);
                        restarts.push((list, level, value));
                    }
                    counters[l] = Some(value);
                    counters[l + 1..].fill(None);
                    // A restarted list continues in list 1 with the same definition.
                    numbered(list, level, &content)
                }
            };
            items.push((p.line, xml));
        }
        items.sort_by_key(|(line, _)| *line);
        let mut body: String = items.into_iter().map(|(_, xml)| xml).collect();
        // Debris Word leaves at the end: a file name field, a page number, a picture.
        body.push_str(
            r#"<w:p><w:fldSimple w:instr=" FILENAME \* MERGEFORMAT "><w:r><w:t>AG05279E04</w:t></w:r></w:fldSimple></w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>Logo of the Organization</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>"#,
        );
        docx(&body, &numbering(&restarts), &footnotes(&[note]))
    }

    /// The paragraphs of two drafts agree in everything but their lines and footnotes.
    fn assert_same_paragraphs(docx: &ImportedDraft, text: &ImportedDraft) {
        assert_eq!(docx.paragraphs.len(), text.paragraphs.len());
        for (d, t) in docx.paragraphs.iter().zip(&text.paragraphs) {
            let strip = |p: &ImportedParagraph| ImportedParagraph {
                line: 0,
                footnotes: Vec::new(),
                ..p.clone()
            };
            assert_eq!(strip(d), strip(t));
        }
    }

    // -- The corpus, as Word would have it ----------------------------------------------------

    #[test]
    fn san_salvador_docx_reads_as_the_text_does() {
        let text = import_text(&corpus("san-salvador-2011.txt")).unwrap_or_else(|e| panic!("{e}"));
        let fifteenth = text.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Operative);
        let sixteenth = fifteenth.clone().nth(15).map(|p| p.text.clone());
        let noted = text.paragraphs.iter().position(|p| Some(&p.text) == sixteenth.as_ref());
        let noted = noted.unwrap_or(0);
        let note = "The delegation of Canada will confirm its position after consultations.";
        let draft = import(&docx_of(&text, noted, note));

        assert_eq!(draft.meta, text.meta);
        assert_same_paragraphs(&draft, &text);
        let operative: Vec<&ImportedParagraph> =
            draft.paragraphs.iter().filter(|p| p.kind == ParagraphKind::Operative).collect();
        assert_eq!(operative.len(), 17);
        assert_eq!(operative[14].source_number, None);
        assert_eq!(operative[15].source_number.as_deref(), Some("16"));
        assert_eq!(operative[15].footnotes.len(), 1);
        assert_eq!(operative[15].footnotes[0].delegation.as_deref(), Some("Canada"));
        assert_eq!(operative[15].footnotes[0].text, note);
        assert!(draft.paragraphs.iter().filter(|p| p.footnotes.is_empty()).count() == 46);
        let debris = |needle: &str| draft.skipped.iter().find(|s| s.text.contains(needle));
        assert_eq!(debris("AG05279E04").map(|s| s.reason), Some(SkipReason::WordDebris));
        assert!(draft.skipped.iter().all(|s| !s.text.contains("Logo")));
        let reason = debris("As Chair of the Working Group").map(|s| s.reason);
        assert_eq!(reason, Some(SkipReason::CoveringReport));
    }

    #[test]
    fn sub_paragraphs_statuses_and_sections_read_as_the_text_does() {
        let source = "DRAFT RESOLUTION\n\nQUIET SKIES OVER THE OCEANS\n\n\
                      (ad referendum of the delegation of Peru)\n\nTHE GENERAL ASSEMBLY,\n\n\
                      RECALLING its earlier work on quiet skies;\n\n\
                      NOTING the report of the Secretary-General;\n\nRESOLVES:\n\n\
                      I. GENERAL PRINCIPLES\n\n1. To convene a meeting on:\n(a) ports;\n\
                      (b) railways, in particular:\n(i) freight;\n(ii) passengers;\n(c) roads;\n\
                      2. To request the Council to report back. (Pending)\n\
                      3. [To fund the meeting from the regular budget.]\n\
                      4. To thank the host country. (Proposed by Canada and Chile)\n\
                      5. To remain seized of the matter. (APPROVED ad referendum of the \
                      delegation of Brazil)\n";
        let text = import_text(source).unwrap_or_else(|e| panic!("{e}"));
        let draft = import(&docx_of(&text, usize::MAX, "A note."));
        assert_eq!(draft.meta, text.meta);
        assert_same_paragraphs(&draft, &text);
        assert_eq!(
            numbers(&draft)[5..],
            [Some("1"), Some("(a)"), Some("(b)"), Some("(i)"), Some("(ii)"), Some("(c)")]
                .into_iter()
                .chain([Some("2"), Some("3"), Some("4"), Some("5")])
                .collect::<Vec<_>>()
        );
        assert_eq!(draft.paragraphs[6].parent, Some(5));
        assert_eq!(draft.paragraphs[9].parent, Some(7));
        assert_eq!(draft.meta.whole_text_ad_referendum, ["Peru"]);
    }

    // -- Word's features ----------------------------------------------------------------------

    const PREAMBLE: &str = "<w:p><w:r><w:t>THE GENERAL ASSEMBLY,</w:t></w:r></w:p>\
                            <w:p><w:r><w:t>RECALLING the charter of the organization;</w:t></w:r></w:p>\
                            <w:p><w:r><w:t>RESOLVES:</w:t></w:r></w:p>";

    fn operative_docx(body: &str) -> ImportedDraft {
        import(&docx(&format!("{PREAMBLE}{body}"), &numbering(&[]), &footnotes(&[])))
    }

    #[test]
    fn italic_participles_make_the_house_style_un() {
        let italic = "<w:i/>";
        let body = [
            paragraph(&run("The General Assembly,")),
            paragraph(&(styled_run("Recalling", italic) + &run(" its resolution 64/1;"))),
            paragraph(&(styled_run("Gratified", italic) + &run(" by the progress made;"))),
            paragraph(&(styled_run("Decides", italic) + &run(" to continue its work."))),
        ]
        .concat();
        let draft = import(&docx(&body, &numbering(&[]), &footnotes(&[])));
        use ParagraphKind::{OpeningClause, Operative, Preambular};
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, Preambular, Operative]);
        assert_eq!(draft.meta.house_style, HouseStyle::Un);
        assert_eq!(draft.paragraphs[2].text, "Gratified by the progress made;");

        let bold = body.replace(italic, "<w:b/>");
        let draft = import(&docx(&bold, &numbering(&[]), &footnotes(&[])));
        assert_eq!(kinds(&draft), [OpeningClause, Preambular, Preambular, Operative]);
        assert_eq!(draft.meta.house_style, HouseStyle::Oas);
        let roman = body.replace(italic, "<w:i w:val=\"0\"/>");
        let draft = import(&docx(&roman, &numbering(&[]), &footnotes(&[])));
        assert_eq!(draft.meta.house_style, HouseStyle::Oas);
    }

    #[test]
    fn emphasis_needs_the_rest_of_the_paragraph_plain() {
        let all = Collected {
            styled: "Recalling all".chars().map(|c| (c, true, false)).collect(),
            ..Collected::default()
        };
        assert_eq!(all.emphasis(), None);
        let mut numbered = Collected::default();
        numbered.push("1.\t", false, false);
        numbered.push("Urges", true, false);
        numbered.push(" states to act.", false, false);
        assert_eq!(numbered.emphasis(), Some(Emphasis::Italic));
    }

    #[test]
    fn automatic_numbers_in_every_format() {
        let body = [
            numbered(1, 0, &run("To convene a meeting on:")),
            numbered(1, 1, &run("ports;")),
            numbered(1, 2, &run("freight;")),
            numbered(1, 2, &run("passengers;")),
            numbered(1, 1, &run("roads;")),
            numbered(1, 0, &run("To report back.")),
            numbered(2, 0, &run("in person;")),
            numbered(2, 0, &run("online.")),
            numbered(3, 0, &run("To study the matter.")),
            numbered(3, 1, &run("To study the ports.")),
            numbered(3, 1, &run("To study the roads.")),
            numbered(3, 0, &run("To report on the study.")),
        ]
        .concat();
        let draft = operative_docx(&body);
        let ops = &draft.paragraphs[3..];
        let found: Vec<Option<&str>> = ops.iter().map(|p| p.source_number.as_deref()).collect();
        assert_eq!(
            found,
            [
                Some("1"),
                Some("(a)"),
                Some("(i)"),
                Some("(ii)"),
                Some("(b)"),
                Some("2"),
                None,
                None,
                Some("1"),
                Some("1.1"),
                Some("1.2"),
                Some("2")
            ]
        );
        let parents: Vec<Option<usize>> = ops.iter().map(|p| p.parent).collect();
        let (op1, a, op2, study) = (Some(3), Some(4), Some(8), Some(11));
        assert_eq!(parents, [None, op1, a, a, op1, None, op2, op2, None, study, study, None]);
        assert!(ops.iter().all(|p| !p.text.starts_with(['(', '1', '•', '\u{f0b7}'])));
    }

    #[test]
    fn numbering_from_styles_and_restarts() {
        let styled = |style: &str, text: &str| {
            format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#, run(text))
        };
        let body = [
            styled("Operative", "To convene a meeting on:"),
            styled("OperativeSub", "ports;"),
            styled("Operative", "To report back."),
            numbered(10, 0, &run("To thank the host.")),
            format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Operative"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>{}</w:p>"#,
                run("Urges states to attend.")
            ),
        ]
        .concat();
        let draft =
            import(&docx(&format!("{PREAMBLE}{body}"), &numbering(&[(10, 0, 7)]), &footnotes(&[])));
        assert_eq!(numbers(&draft)[3..], [Some("1"), Some("(a)"), Some("2"), Some("7"), None]);
        assert_eq!(draft.paragraphs[4].parent, Some(3));
    }

    #[test]
    fn large_and_odd_counters_do_not_overflow() {
        let definitions = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%9"/></w:lvl><w:lvl w:ilvl="8"><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%9"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        );
        let body = [
            numbered(1, 0, &run("To convene a meeting.")),
            numbered(1, 0, &run("To report back.")),
            numbered(1, 8, &run("in writing.")),
            numbered(1, 12, &run("To close the session.")),
        ]
        .concat();
        let draft = import(&docx(&format!("{PREAMBLE}{body}"), &definitions, &footnotes(&[])));
        assert_eq!(draft.paragraphs[3].source_number.as_deref(), Some("4294967295.0"));
        assert_eq!(draft.paragraphs.len(), 7);
    }

    #[test]
    fn tracked_changes_are_accepted() {
        let body = [
            paragraph(
                &[
                    run("To convene "),
                    r#"<w:del w:id="1" w:author="A"><w:r><w:delText>an urgent </w:delText></w:r></w:del>"#.into(),
                    r#"<w:ins w:id="2" w:author="A"><w:r><w:t xml:space="preserve">a high-level </w:t></w:r></w:ins>"#.into(),
                    run("meeting"),
                ]
                .concat(),
            ),
            // The paragraph mark is deleted: the two paragraphs are one.
            format!(
                r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="A"/></w:rPr></w:pPr>{}</w:p>"#,
                run("To report")
            ),
            paragraph(&run(" to the Council.")),
            paragraph(&styled_run("Hidden instructions to the secretariat.", "<w:vanish/>")),
        ]
        .concat();
        let draft = operative_docx(&body);
        let texts: Vec<&str> = draft.paragraphs[3..].iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["To convene a high-level meeting", "To report to the Council."]);
    }

    #[test]
    fn fields_keep_their_result() {
        let body = paragraph(
            &[
                run("To apply the "),
                r#"<w:fldSimple w:instr=" HYPERLINK &quot;https://example.org&quot; "><w:r><w:t>charter</w:t></w:r></w:fldSimple>"#.into(),
                run(" of the "),
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF org \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Organization</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#.into(),
                run("."),
            ]
            .concat(),
        );
        let draft = operative_docx(&body);
        assert_eq!(draft.paragraphs[3].text, "To apply the charter of the Organization.");
    }

    #[test]
    fn a_table_of_data_is_one_paragraph_with_its_caption_and_its_parts() {
        let cell = |text: &str| format!("<w:tc>{}</w:tc>", paragraph(&run(text)));
        let table = |cells: [&str; 4]| {
            format!(
                "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
                cell(cells[0]),
                cell(cells[1]),
                cell(cells[2]),
                cell(cells[3])
            )
        };
        let body = [
            PREAMBLE.to_string(),
            paragraph(&run("To adopt the tables in the annex.")),
            paragraph(
                r#"<w:r><w:br w:type="page"/><w:t>[Table 1</w:t><w:br/><w:t>Holdings</w:t></w:r>"#,
            ),
            table(["Party", "Year", "[First ID]", "Last ID"]),
            paragraph(""),
            table(["Units", "Total", "100", "200"]),
            paragraph(&run("]")),
            paragraph(&run("To review the tables next year.")),
        ]
        .concat();
        let draft = import(&docx(&body, &numbering(&[]), &footnotes(&[])));
        let texts: Vec<&str> = draft.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts[4], "[Table 1 Holdings Party Year [First ID] Last ID Units Total 100 200 ]",
            "{texts:?}"
        );
        assert_eq!(texts.len(), 6, "{texts:?}");
        assert!(is_caption("Table 3 (Continued)"));
        assert!(is_caption("Cuadro 2. Gastos"));
        assert!(!is_caption("Table salt is cheap"));
    }

    #[test]
    fn line_breaks_tables_and_symbols() {
        let cell = |text: &str| format!("<w:tc>{}</w:tc>", paragraph(&run(text)));
        let body = [
            format!(
                "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
                cell("GENERAL ASSEMBLY"),
                cell("OEA/Ser.P"),
                cell("FORTY-FIRST REGULAR SESSION"),
                cell("AG/doc.5200/11")
            ),
            paragraph(
                r#"<w:r><w:t>DRAFT DECLARATION OF SAN SALVADOR</w:t><w:br/><w:t>ON CITIZEN SECURITY</w:t></w:r>"#,
            ),
            PREAMBLE.to_string(),
            paragraph(
                r#"<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>To convene a meeting.</w:t></w:r>"#,
            ),
        ]
        .concat();
        let draft = import(&docx(&body, &numbering(&[]), &footnotes(&[])));
        assert_eq!(draft.meta.title, "Draft Declaration of San Salvador on Citizen Security");
        assert_eq!(draft.meta.symbol, "AG/doc.5200/11");
        assert_eq!(draft.meta.body, "General Assembly");
        assert_eq!(draft.meta.session, "Forty-first regular session");
        let last = draft.paragraphs.last().map(|p| (p.kind, p.text.as_str()));
        assert_eq!(last, Some((ParagraphKind::Operative, "To convene a meeting.")));
        assert_eq!(draft.paragraphs.len(), 4);
    }

    #[test]
    fn parts_are_found_through_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/content/main.xml"/></Relationships>"#;
        let bytes = zip(&[("_rels/.rels", rels), ("content/main.xml", &document(PREAMBLE))]);
        assert_eq!(kinds(&import(&bytes)).len(), 3);
        assert_eq!(join("word", "../media/image1.png"), "media/image1.png");
        assert_eq!(join("", "word/document.xml"), "word/document.xml");
    }

    // -- Bad input ----------------------------------------------------------------------------

    #[test]
    fn bad_input_gives_clear_errors() {
        assert_eq!(import_docx(b""), Err(ImportError::Empty));
        assert_eq!(
            import_docx(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 an old .doc"),
            Err(ImportError::NotDocx)
        );
        assert_eq!(import_docx(b"RECALLING the charter;"), Err(ImportError::NotDocx));
        let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
        let garbage: Vec<u8> = (0..4096).map(|_| (rng.next() & 0xFF) as u8).collect();
        assert_eq!(import_docx(&garbage), Err(ImportError::NotDocx));

        let whole = docx(PREAMBLE, &numbering(&[]), &footnotes(&[]));
        for cut in [10, whole.len() / 2, whole.len() - 10] {
            let error = import_docx(&whole[..cut]).err();
            assert!(matches!(error, Some(ImportError::Malformed { .. })), "{cut}: {error:?}");
        }
        let error = import_docx(&[b"PK\x03\x04".as_slice(), &garbage].concat()).err();
        assert!(matches!(error, Some(ImportError::Malformed { .. })), "{error:?}");

        let spreadsheet = zip(&[("xl/workbook.xml", "<workbook/>")]);
        assert_eq!(import_docx(&spreadsheet), Err(ImportError::NotDocx));
        let other_root = zip(&[("word/document.xml", "<html/>")]);
        assert_eq!(import_docx(&other_root), Err(ImportError::NotDocx));
        let empty_document = zip(&[("word/document.xml", &document("<w:p/><w:p/>"))]);
        assert_eq!(import_docx(&empty_document), Err(ImportError::Empty));
        let letter = paragraph(&run("Dear colleagues, the agenda is attached."));
        let no_draft = zip(&[("word/document.xml", &document(&letter))]);
        assert_eq!(import_docx(&no_draft), Err(ImportError::NoDraftFound));
    }

    #[test]
    fn damaged_parts_are_named() {
        let broken = zip(&[("word/document.xml", "<w:document><w:body><w:p>")]);
        let Err(ImportError::Malformed { detail }) = import_docx(&broken) else {
            panic!("a broken document must be refused as damaged");
        };
        assert!(detail.starts_with("word/document.xml: "), "{detail}");
        let message = ImportError::Malformed { detail }.to_string();
        assert!(message.starts_with("the file is damaged: word/document.xml"), "{message}");

        let dtd = format!("<!DOCTYPE d [<!ENTITY a \"aaaa\">]>{}", document(PREAMBLE));
        let error = import_docx(&zip(&[("word/document.xml", &dtd)])).err();
        assert!(matches!(error, Some(ImportError::Malformed { .. })), "{error:?}");
        let latin1 = zip(&[("word/document.xml", "\u{e9}")]);
        let mut bytes = latin1.clone();
        if let Some(at) = bytes.windows(2).position(|w| w == "\u{e9}".as_bytes()) {
            bytes[at] = 0xE9;
            bytes[at + 1] = b' ';
        }
        assert!(matches!(import_docx(&bytes), Err(ImportError::Malformed { .. })));
    }

    #[test]
    fn too_large_before_and_after_decompression() {
        let huge = vec![0u8; 50_000_001];
        assert_eq!(
            import_docx(&huge),
            Err(ImportError::TooLarge { bytes: 50_000_001, limit: MAX_BYTES })
        );
        let bytes = docx(PREAMBLE, &numbering(&[]), &footnotes(&[]));
        let mut package = Package::open(&bytes, 100).unwrap_or_else(|e| panic!("{e}"));
        let error = package.part("word/document.xml").err();
        assert!(matches!(error, Some(ImportError::TooLarge { limit: 100, .. })), "{error:?}");
    }

    // -- Robustness ---------------------------------------------------------------------------

    /// Markup inserted by the mutations: structure Word writes, some of it odd.
    const INSERTS: &[&str] = &[
        "<w:br/>",
        "<w:tab/>",
        "<w:r><w:t>[</w:t></w:r>",
        "<w:r><w:t>(Pending)</w:t></w:r>",
        "<w:r><w:t>DECLARE:</w:t></w:r>",
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
        r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
        r#"<w:pPr><w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr></w:pPr>"#,
        r#"<w:pPr><w:numPr><w:ilvl w:val="99"/><w:numId w:val="10"/></w:numPr></w:pPr>"#,
        r#"<w:pPr><w:rPr><w:del w:id="9" w:author="A"/></w:rPr></w:pPr>"#,
        r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#,
        r#"<w:r><w:footnoteReference w:id="77"/></w:r>"#,
        r#"<w:r><w:rPr><w:i/></w:rPr><w:t>Noting</w:t></w:r>"#,
        r#"<w:r><w:sym w:char="ZZZZ"/></w:r>"#,
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>OEA/Ser.P</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:r><w:t>&amp; ]]&gt; PAGE</w:t></w:r>",
    ];

    /// Fragments that break XML.
    const BREAKING: &[&str] = &["<w:p>", "</w:p>", "&bogus;", "<", "\u{0}", "<w:t>"];

    /// One to three edits of a part. Most keep it well formed, for the reader to meet odd
    /// structure: markup inserted between elements, letters changed, an element dropped or
    /// doubled. The others break it: bytes flipped, a cut.
    fn mutate(xml: &str, rng: &mut XorShift) -> String {
        let mut xml = xml.to_string();
        for _ in 0..=rng.below(3) {
            let mut bytes = xml.into_bytes();
            // Offsets just after a tag: markup inserted there keeps the XML well formed.
            let boundaries: Vec<usize> =
                bytes.iter().enumerate().filter(|(_, &b)| b == b'>').map(|(i, _)| i + 1).collect();
            let boundary = |rng: &mut XorShift| boundaries[rng.below(boundaries.len())];
            match rng.below(8) {
                0 => {
                    for _ in 0..=rng.below(10) {
                        let at = rng.below(bytes.len());
                        if let Some(b) = bytes.get_mut(at) {
                            *b ^= (rng.next() & 0xFF) as u8;
                        }
                    }
                }
                1 if rng.below(2) == 0 => bytes.truncate(rng.below(bytes.len() + 1)),
                1 => {
                    let at = rng.below(bytes.len() + 1);
                    bytes.splice(at..at, BREAKING[rng.below(BREAKING.len())].bytes());
                }
                2 | 3 => {
                    // Letters of the text (between a tag's end and the next tag) changed.
                    let mut in_text = false;
                    let letters: Vec<usize> = (0..bytes.len())
                        .filter(|&i| {
                            in_text = match bytes[i] {
                                b'>' => true,
                                b'<' => false,
                                _ => in_text,
                            };
                            in_text && bytes[i].is_ascii_alphabetic()
                        })
                        .collect();
                    for _ in 0..=rng.below(40) {
                        if let Some(&at) = letters.get(rng.below(letters.len())) {
                            bytes[at] = b"aeiouDRst ([;"[rng.below(13)];
                        }
                    }
                }
                4 => {
                    // A whole paragraph dropped or doubled.
                    let starts: Vec<usize> = xml_offsets(&bytes, b"<w:p>");
                    let at = starts[rng.below(starts.len())];
                    let end = find(&bytes[at..], b"</w:p>").map_or(at, |e| at + e + 6);
                    if rng.below(2) == 0 {
                        bytes.drain(at..end);
                    } else {
                        let copy = bytes[at..end].to_vec();
                        bytes.splice(at..at, copy);
                    }
                }
                _ => {
                    // From the end, so that the offsets still hold.
                    let mut offsets: Vec<usize> =
                        (0..=rng.below(8)).map(|_| boundary(rng)).collect();
                    offsets.sort_unstable_by(|a, b| b.cmp(a));
                    for at in offsets {
                        let insert = INSERTS[rng.below(INSERTS.len())];
                        bytes.splice(at..at, insert.bytes());
                    }
                }
            }
            xml = String::from_utf8_lossy(&bytes).into_owned();
        }
        xml
    }

    /// Where `needle` starts in `haystack`, first.
    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    /// Every offset where `needle` starts, or the start alone when there is none.
    fn xml_offsets(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
        let found: Vec<usize> = haystack
            .windows(needle.len())
            .enumerate()
            .filter(|(_, w)| *w == needle)
            .map(|(i, _)| i)
            .collect();
        if found.is_empty() {
            vec![0]
        } else {
            found
        }
    }

    #[test]
    fn mutated_documents_never_panic() {
        let text = import_text(&corpus("san-salvador-2011.txt")).unwrap_or_else(|e| panic!("{e}"));
        let original = docx_of(&text, 40, "The delegation of Canada reserves its position.");
        let mut package = Package::open(&original, MAX_BYTES).unwrap_or_else(|e| panic!("{e}"));
        let part = |package: &mut Package, name: &str| {
            package.part(name).ok().flatten().unwrap_or_else(|| panic!("no {name}"))
        };
        let document = part(&mut package, "word/document.xml");
        let numbering = part(&mut package, "word/numbering.xml");
        let notes = part(&mut package, "word/footnotes.xml");
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let (mut imported, mut refused) = (0, 0);
        for round in 0..300 {
            let bytes = match round % 6 {
                // The archive itself damaged.
                0 => {
                    let mut bytes = original.clone();
                    for _ in 0..=rng.below(8) {
                        let at = rng.below(bytes.len() / 2);
                        bytes[at] ^= (rng.next() & 0xFF) as u8 | 1;
                    }
                    if rng.below(2) == 0 {
                        bytes.truncate(bytes.len() - rng.below(64));
                    }
                    bytes
                }
                1 => docx(&document_body(&document), &mutate(&numbering, &mut rng), &notes),
                2 => docx(&document_body(&document), &numbering, &mutate(&notes, &mut rng)),
                _ => zip(&[
                    ("word/document.xml", &mutate(&document, &mut rng)),
                    ("word/numbering.xml", &numbering),
                    ("word/footnotes.xml", &notes),
                ]),
            };
            match import_docx(&bytes) {
                Ok(draft) => {
                    imported += 1;
                    for (i, paragraph) in draft.paragraphs.iter().enumerate() {
                        assert!(!paragraph.text.is_empty());
                        assert!(paragraph.parent.is_none_or(|parent| parent < i));
                    }
                }
                Err(error) => {
                    refused += 1;
                    assert!(!error.to_string().is_empty());
                }
            }
        }
        assert!(imported > 100 && refused > 50, "{imported} imported, {refused} refused");
    }

    /// The inside of `<w:body>` of a document part.
    fn document_body(document: &str) -> String {
        let start = document.find("<w:body>").map_or(0, |i| i + "<w:body>".len());
        let end = document.rfind("<w:sectPr/>").unwrap_or(document.len());
        document[start..end].to_string()
    }
}
