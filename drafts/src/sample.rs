//! The sample negotiation a new user first sees: a fictional declaration over three rounds, with
//! every status present. Written for Accord; it quotes no real document.

use std::path::Path;

use chrono::{Duration, NaiveDate, Utc};

use crate::model::{Footnote, HouseStyle, NegotiationMeta, ParagraphId, ParagraphKind};
use crate::store::{CloseRound, NewParagraph, Placement, StatusChange};
use crate::{Result, Store};

const OPENING: &str = "THE MINISTERS OF FOREIGN AFFAIRS AND HEADS OF DELEGATION OF THE MEMBER \
STATES OF THE ORGANIZATION OF AMERICAN STATES (OAS), gathered in Villa Serena for the fifty-sixth \
regular session of the General Assembly;";

const PREAMBLE: [&str; 4] = [
    "RECOGNIZING that safe drinking water and sanitation are essential to the health, dignity and \
     development of every community in the Hemisphere;",
    "CONCERNED that prolonged droughts, sudden floods and rising temperatures increasingly strain the \
     water supply of towns and rural areas alike;",
    "BEARING IN MIND the commitments made by member states on the integrated management of water \
     resources and on disaster risk reduction;",
    "REAFFIRMING the sovereign right of states over their natural resources, in accordance with \
     international law,",
];

const OPERATIVE: [&str; 5] = [
    "Their commitment to strengthen national policies for the integrated management of water \
     resources.",
    "The importance of early warning systems for communities exposed to floods and droughts.",
    "That cooperation among states sharing river basins should be strengthened, with full respect \
     for national sovereignty.",
    "Their intention to mobilize financing for resilient water infrastructure, including new and \
     additional resources.",
    "Instruct the General Secretariat to support member states in implementing this Declaration, in \
     particular through:",
];

const SUB_PARAGRAPHS: [&str; 2] = [
    "technical assistance for national water resilience plans;",
    "the exchange of good practices among national water authorities.",
];

const FOLLOW_UP: &str = "Request the Permanent Council to report to the General Assembly at its \
next regular session on the implementation of this Declaration.";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

fn add(
    store: &mut Store,
    kind: ParagraphKind,
    text: &str,
    parent: Option<ParagraphId>,
) -> Result<ParagraphId> {
    store.insert_paragraph(NewParagraph { parent, ..NewParagraph::at_end(kind, text) })
}

/// Writes the sample negotiation to a new file at `path` and returns it open.
pub fn create(path: &Path) -> Result<Store> {
    let mut store = Store::create(
        path,
        NegotiationMeta {
            title:
                "Draft Declaration of Villa Serena on Water Security and Climate Resilience in the \
                    Americas"
                    .into(),
            symbol: "AG/doc.9001/26".into(),
            body: "General Assembly".into(),
            session: "Fifty-sixth regular session".into(),
            language: "English".into(),
            house_style: HouseStyle::Oas,
            whole_text_ad_referendum: Vec::new(),
        },
    )?;
    let tabled = table_the_draft(&mut store)?;
    let inserted = first_reading(&mut store, &tabled)?;
    rev2(&mut store, &tabled, inserted)?;
    store.forget_undo_history();
    Ok(store)
}

/// The paragraphs of the draft as tabled, which the later rounds act on.
struct Tabled {
    preamble: Vec<ParagraphId>,
    operative: Vec<ParagraphId>,
    subs: Vec<ParagraphId>,
    heading: ParagraphId,
    follow_up: ParagraphId,
}

/// Round 1: the draft as tabled by the proposing delegation, every paragraph pending.
fn table_the_draft(store: &mut Store) -> Result<Tabled> {
    add(store, ParagraphKind::OpeningClause, OPENING, None)?;
    let preamble = PREAMBLE
        .iter()
        .map(|t| add(store, ParagraphKind::Preambular, t, None))
        .collect::<Result<Vec<_>>>()?;
    add(store, ParagraphKind::VerbLine, "DECLARE:", None)?;
    let operative = OPERATIVE
        .iter()
        .map(|t| add(store, ParagraphKind::Operative, t, None))
        .collect::<Result<Vec<_>>>()?;
    let subs = SUB_PARAGRAPHS
        .iter()
        .map(|t| add(store, ParagraphKind::SubParagraph, t, Some(operative[4])))
        .collect::<Result<Vec<_>>>()?;
    let heading = add(store, ParagraphKind::SectionHeading, "FOLLOW-UP", None)?;
    let follow_up = add(store, ParagraphKind::Operative, FOLLOW_UP, None)?;
    store.set_proposers(operative[0], vec!["Costa Rica".into()])?;
    for id in store.document(None)?.paragraphs.iter().map(|p| p.paragraph.id).collect::<Vec<_>>() {
        store.set_status(id, StatusChange::Pending)?;
    }
    store.close_round(CloseRound {
        label: Some("Formal session, 12 January 2026".into()),
        date: Some(date(2026, 1, 12)),
    })?;
    Ok(Tabled { preamble, operative, subs, heading, follow_up })
}

/// Round 2: first reading. Agreements, brackets and an insertion (returned).
fn first_reading(store: &mut Store, t: &Tabled) -> Result<ParagraphId> {
    let document = store.document(None)?;
    let opening_id = document.paragraphs[0].paragraph.id;
    let verb_line = document.paragraphs[PREAMBLE.len() + 1].paragraph.id;
    for id in [opening_id, t.preamble[0], t.preamble[1], verb_line, t.subs[0], t.heading] {
        store.set_status(id, StatusChange::Agreed)?;
    }
    store.edit_text(
        t.operative[1],
        "The importance of [early warning systems / risk information systems] for communities \
         exposed to floods and droughts.",
        None,
    )?;
    store.set_status(t.operative[1], StatusChange::Bracketed)?;
    let disputed = "new and additional";
    let start = OPERATIVE[3].find(disputed).map_or(0, |byte| OPERATIVE[3][..byte].chars().count());
    store.bracket_words(
        t.operative[3],
        start,
        start + disputed.chars().count(),
        vec!["United States".into()],
        "Financing language to be settled in plenary".into(),
    )?;
    let inserted = store.insert_paragraph(NewParagraph {
        kind: ParagraphKind::Operative,
        text: "Encourage the participation of indigenous peoples and local communities in water \
               governance."
            .into(),
        parent: None,
        placement: Placement::After { id: t.operative[2] },
        alternative_to: None,
        proposers: vec!["Guatemala".into(), "Peru".into()],
    })?;
    store.close_round(CloseRound {
        label: Some("Formal session, 2 February 2026".into()),
        date: Some(date(2026, 2, 2)),
    })?;
    Ok(inserted)
}

/// Round 3 (open): rev.2, with agreements pending confirmation from capitals and PP3 deleted.
fn rev2(store: &mut Store, t: &Tabled, inserted: ParagraphId) -> Result<()> {
    store.rename_round("rev.2")?;
    store.delete_paragraph(t.preamble[2], Some("repeats PP1"))?;
    store.set_status(t.preamble[3], StatusChange::Agreed)?;
    store.set_status(t.subs[1], StatusChange::Agreed)?;
    let capitals = vec!["Canada".into(), "United States".into()];
    let ad_ref = StatusChange::AdReferendum { delegations: capitals, deadline: None };
    store.set_status(t.operative[0], ad_ref)?;
    let deadline = Some(Utc::now() + Duration::hours(72));
    let mexico = StatusChange::AdReferendum { delegations: vec!["Mexico".into()], deadline };
    store.set_status(t.follow_up, mexico)?;
    store.set_footnotes(
        t.operative[2],
        vec![Footnote {
            delegation: Some("Brazil".into()),
            text:
                "Brazil understands shared river basins to be governed by the agreements in force \
                   among riparian states."
                    .into(),
        }],
    )?;
    store.set_notes(inserted, "Co-sponsors to consult capitals before the next session.".into())?;
    store.set_status(t.operative[4], StatusChange::Agreed)
}
