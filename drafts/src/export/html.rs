//! One self-contained HTML page: inline print styles, no scripts, no outside resources, and a
//! Content-Security-Policy that forbids them should anything slip through. Every piece of text
//! is escaped: paragraph text is untrusted.

use std::fmt::Write;

use super::report::Report;
use super::sheet::{Block, Mark, Segment, Sheet, SheetKind, Whole};
use crate::model::{HouseStyle, ParagraphKind, StatusKind};

/// Escapes text for HTML content and attribute values; drops control characters HTML forbids.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "Times New Roman", "Liberation Serif", Times, serif; font-size: 12pt;
  line-height: 1.35; color: #000; background: #fff; max-width: 42em; margin: 2.5em auto;
  padding: 0 1.5em; }
p { margin: 0 0 12pt; text-align: justify; hyphens: manual; }
.masthead { display: flex; justify-content: space-between; gap: 2em; font-size: 11pt;
  margin-bottom: 2.5em; }
.masthead p { margin: 0; text-align: left; }
.masthead .organ { font-weight: bold; }
.masthead .reference { min-width: 12em; }
.draft-mark { text-align: center; font-weight: bold; color: #c00000; letter-spacing: .35em; }
h1 { text-align: center; font-size: 12pt; font-weight: bold; margin: 0 0 12pt;
  text-wrap: balance; }
.subtitle { text-align: center; }
.intro { font-style: italic; text-align: left; }
.opening-clause, .preambular { text-indent: 3em; }
.verb-line { text-align: left; page-break-after: avoid; break-after: avoid; }
.operative { padding-left: 3em; text-indent: -3em; }
.sub-1 { padding-left: 6em; text-indent: -3em; }
.sub-2 { padding-left: 9em; text-indent: -3em; }
.sub-3 { padding-left: 12em; text-indent: -3em; }
.sub-4 { padding-left: 15em; text-indent: -3em; }
.num { display: inline-block; min-width: 3em; text-indent: 0; }
h2.section-heading { text-align: center; font-size: 12pt; font-weight: bold;
  margin: 18pt 0 12pt; page-break-after: avoid; break-after: avoid; }
ins { text-decoration: underline; color: #1f4e9c; }
del { text-decoration: line-through; color: #a3001b; }
.whole-inserted { border-left: 3px solid #1f4e9c; padding-left: .6em; }
.whole-deleted { border-left: 3px solid #a3001b; padding-left: .6em; }
.operative.whole-inserted, .operative.whole-deleted { padding-left: calc(3em - 3px - .6em); }
.remark { font-size: 10pt; font-style: italic; color: #404040; text-align: left;
  margin-top: -8pt; }
.bracket { background: #e4e4e4; }
.struck { text-decoration: line-through; color: #555; }
.item { break-inside: avoid; page-break-inside: avoid; }
.working-label { font-size: 10pt; color: #404040; margin: 10pt 0 2pt; text-align: left;
  text-indent: 0; page-break-after: avoid; break-after: avoid; }
.working-label .label { font-weight: bold; color: #000; margin-right: .6em; }
.working-note { font-size: 10pt; font-style: italic; color: #404040; text-align: left;
  margin: -8pt 0 10pt; text-indent: 0; }
.indent-1 { padding-left: 3em; } .indent-2 { padding-left: 6em; }
.indent-3 { padding-left: 9em; } .indent-4 { padding-left: 12em; } .indent-5 { padding-left: 15em; }
.status-agreed .status { color: #1e6b34; }
.status-ad_referendum .status { color: #7a5b00; }
.status-bracketed .status, .status-pending .status, .status-proposed .status { color: #a3001b; }
sup.fn-ref a { text-decoration: none; color: inherit; }
.footnotes { font-size: 10pt; margin-top: 2em; border-top: 1px solid #000; width: 100%; }
.footnotes ol { padding-left: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin-bottom: 12pt; }
caption { text-align: left; font-weight: bold; font-size: 12pt; margin: 14pt 0 6pt; }
th, td { border: 1px solid #888; padding: 3pt 5pt; vertical-align: top; text-align: left; }
th { background: #e7e6e6; }
footer { font-size: 9pt; color: #404040; border-top: 1px solid #bbb; margin-top: 2.5em;
  padding-top: .4em; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  a { color: inherit; }
}
"#;

/// The page's head and opening, shared by sheets and reports.
fn open(out: &mut String, title: &str, language: &str, style: HouseStyle, class: &str) {
    let page = match style {
        HouseStyle::Oas => "letter",
        HouseStyle::Un => "A4",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width, \
         initial-scale=1\">\n<meta name=\"generator\" content=\"Accord\">\n<title>{}</title>\n\
         <style>@page {{ size: {page}; margin: 2.5cm; }}{CSS}</style>\n</head>\n<body class=\"{class}\">\n",
        escape(title)
    );
}

fn masthead(out: &mut String, organ: &[String], reference: &[String]) {
    out.push_str("<header class=\"masthead\">\n<div class=\"organ\">");
    for line in organ {
        let _ = write!(out, "<p>{}</p>", escape(line));
    }
    out.push_str("</div>\n<div class=\"reference\">");
    for line in reference {
        let _ = write!(out, "<p>{}</p>", escape(line));
    }
    out.push_str("</div>\n</header>\n");
}

/// A text export as HTML.
pub(crate) fn sheet(sheet: &Sheet) -> String {
    let mut out = String::new();
    let kind = match sheet.kind {
        SheetKind::Clean => "clean",
        SheetKind::Annotated => "annotated",
        SheetKind::Compare => "compare",
    };
    let style = match sheet.style {
        HouseStyle::Oas => "oas",
        HouseStyle::Un => "un",
    };
    open(&mut out, &sheet.plain_title, sheet.language, sheet.style, &format!("{kind} {style}"));
    masthead(&mut out, &sheet.masthead.organ, &sheet.masthead.reference);
    if sheet.draft {
        out.push_str("<p class=\"draft-mark\">DRAFT</p>\n");
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&sheet.title));
    for line in &sheet.subtitle {
        let parts: Vec<String> = line.split('\n').map(escape).collect();
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", parts.join("<br>"));
    }
    for line in &sheet.intro {
        let _ = writeln!(out, "<p class=\"intro\">{}</p>", escape(line));
    }
    if sheet.kind == SheetKind::Compare {
        out.push_str(
            "<p class=\"intro\">Inserted text is <ins>underlined</ins> and deleted text \
             <del>struck through</del>; notes in small italics mark moved paragraphs and changes \
             of status.</p>\n",
        );
    }
    out.push_str("<main>\n");
    let mut footnotes: Vec<&str> = Vec::new();
    for block in &sheet.blocks {
        if let Some(working) = &block.working {
            let _ = write!(
                out,
                "<div class=\"item status-{}\">\n<p class=\"working-label\"><span class=\"label\">{}</span><span class=\"status\">{}</span></p>\n",
                working.status.as_str(),
                escape(&working.label),
                escape(&working.status_text)
            );
        }
        paragraph(&mut out, block, &mut footnotes);
        for remark in &block.remarks {
            let _ =
                writeln!(out, "<p class=\"remark{}\">{}</p>", indent_class(block), escape(remark));
        }
        if let Some(working) = &block.working {
            for detail in &working.details {
                let _ = writeln!(
                    out,
                    "<p class=\"working-note{}\">{}</p>",
                    indent_class(block),
                    escape(detail)
                );
            }
            out.push_str("</div>\n");
        }
    }
    out.push_str("</main>\n");
    if !footnotes.is_empty() {
        out.push_str("<section class=\"footnotes\">\n<ol>\n");
        for (i, note) in footnotes.iter().enumerate() {
            let n = i + 1;
            let _ = writeln!(
                out,
                "<li id=\"fn-{n}\">{} <a href=\"#fn-ref-{n}\" aria-label=\"back to the text\">↩</a></li>",
                escape(note)
            );
        }
        out.push_str("</ol>\n</section>\n");
    }
    let _ = writeln!(out, "<footer>{}</footer>\n</body>\n</html>", escape(&sheet.footer));
    out
}

/// The class that lines a working label or a note up with the paragraph's text.
fn indent_class(block: &Block) -> String {
    match block.kind {
        ParagraphKind::Operative => " indent-1".into(),
        ParagraphKind::SubParagraph => format!(" indent-{}", block.depth.clamp(1, 4) + 1),
        _ => String::new(),
    }
}

fn paragraph<'a>(out: &mut String, block: &'a Block, footnotes: &mut Vec<&'a str>) {
    let mut classes = vec![match block.kind {
        ParagraphKind::OpeningClause => "opening-clause".to_string(),
        ParagraphKind::Preambular => "preambular".into(),
        ParagraphKind::VerbLine => "verb-line".into(),
        ParagraphKind::Operative => "operative".into(),
        ParagraphKind::SectionHeading => "section-heading".into(),
        ParagraphKind::SubParagraph => format!("sub-{}", block.depth.clamp(1, 4)),
    }];
    match block.whole {
        Whole::Inserted => classes.push("whole-inserted".into()),
        Whole::Deleted => classes.push("whole-deleted".into()),
        Whole::Same => {}
    }
    if block.struck {
        classes.push("struck".into());
    }
    if let Some(working) = &block.working {
        if working.status == StatusKind::Deleted {
            classes.push("deleted".into());
        }
    }
    let tag = if block.kind == ParagraphKind::SectionHeading { "h2" } else { "p" };
    let _ = write!(out, "<{tag} class=\"{}\">", classes.join(" "));
    if !block.number.is_empty() {
        out.push_str("<span class=\"num\">");
        segments(out, &block.number);
        out.push_str("</span>");
    }
    segments(out, &block.text);
    segments(out, &block.annotation);
    for note in &block.footnotes {
        footnotes.push(note);
        let n = footnotes.len();
        let _ = write!(
            out,
            "<sup class=\"fn-ref\"><a href=\"#fn-{n}\" id=\"fn-ref-{n}\">{n}</a></sup>"
        );
    }
    let _ = writeln!(out, "</{tag}>");
}

fn segments(out: &mut String, segments: &[Segment]) {
    for s in segments {
        let mut open = String::new();
        let mut close = String::new();
        match s.look.mark {
            Mark::Inserted => {
                open.push_str("<ins>");
                close.insert_str(0, "</ins>");
            }
            Mark::Deleted => {
                open.push_str("<del>");
                close.insert_str(0, "</del>");
            }
            Mark::Same => {}
        }
        if s.look.bracket {
            open.push_str("<span class=\"bracket\">");
            close.insert_str(0, "</span>");
        }
        if s.look.italic {
            open.push_str("<i>");
            close.insert_str(0, "</i>");
        }
        let _ = write!(out, "{open}{}{close}", escape(&s.text));
    }
}

/// The status report as HTML tables.
pub(crate) fn report(report: &Report) -> String {
    let mut out = String::new();
    let title = report.subtitle.first().map_or(report.heading.as_str(), String::as_str);
    open(&mut out, &format!("Status — {title}"), report.language, report.style, "status-report");
    masthead(&mut out, &report.masthead.organ, &report.masthead.reference);
    if report.draft {
        out.push_str("<p class=\"draft-mark\">DRAFT</p>\n");
    }
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.heading));
    for line in &report.subtitle {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", escape(line));
    }
    let _ = writeln!(out, "<p class=\"intro\">{}</p>\n<main>", escape(&report.sentence));
    for table in &report.tables {
        if table.rows.is_empty() {
            let _ = writeln!(
                out,
                "<table>\n<caption>{}</caption>\n<tbody><tr><td>{}</td></tr></tbody>\n</table>",
                escape(&table.caption),
                escape(&table.empty)
            );
            continue;
        }
        let _ = write!(out, "<table>\n<caption>{}</caption>\n<thead><tr>", escape(&table.caption));
        for header in &table.headers {
            let _ = write!(out, "<th scope=\"col\">{}</th>", escape(header));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            out.push_str("<tr>");
            for cell in row {
                let _ = write!(out, "<td>{}</td>", escape(cell));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(out, "</main>\n<footer>{}</footer>\n</body>\n</html>", escape(&report.footer));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_comes_out_as_text() {
        assert_eq!(
            escape("<img src=x onerror=alert(1)> & \"quotes\" 'too'"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; &#39;too&#39;"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
    }
}
