//! The curve table (every operation × history × size), the budgets met or missed at 1,000 × 100,
//! and the regressions against the table committed in BENCHMARKS.md between the markers.

use crate::histories::{Made, Size};
use crate::operations::{Budget, Figure, Unit, OPERATIONS};

pub const BEGIN: &str = "<!-- curve: written by accord-bench --write -->";
pub const END: &str = "<!-- /curve -->";
/// The size the budgets are stated for.
pub const BUDGET_SIZE: Size = Size { paragraphs: 1000, rounds: 100 };
/// Slower than the committed figure by more than this share is a regression.
const TOLERANCE: f64 = 0.20;

/// Every figure of one run: `figures[s][h][o]` is operation `o` on history `h` at size `s`.
pub struct Results {
    pub sizes: Vec<Size>,
    pub histories: Vec<Made>,
    pub figures: Vec<Vec<Vec<Figure>>>,
}

impl Results {
    /// The column whose figures the budgets judge: 1,000 × 100, else the first size.
    fn budget_column(&self) -> usize {
        self.sizes.iter().position(|s| *s == BUDGET_SIZE).unwrap_or(0)
    }

    /// The operations (name, history) whose budget the run missed.
    pub fn missed(&self) -> Vec<String> {
        let s = self.budget_column();
        let mut missed = Vec::new();
        for (h, made) in self.histories.iter().enumerate() {
            for (o, operation) in OPERATIONS.iter().enumerate() {
                if self.figures[s][h][o].meets(operation.budget) == Some(false) {
                    missed.push(format!("{} ({})", operation.name, made.name()));
                }
            }
        }
        missed
    }
}

fn figure(f: Figure) -> String {
    let unit = match f.unit {
        Unit::Ms => "ms",
        Unit::KiB => "KiB",
    };
    let value = |v: f64| if f.unit == Unit::KiB { format!("{v:.0}") } else { format!("{v:.1}") };
    match f.git {
        Some(git) => {
            format!("{} {unit} (git {}; {:.2}×)", value(f.value), value(git), f.value / git)
        }
        None => format!("{} {unit}", value(f.value)),
    }
}

fn budget(b: Budget, unit: Unit) -> String {
    let unit = if unit == Unit::KiB { "KiB" } else { "ms" };
    match b {
        Budget::None => "—".into(),
        Budget::AtMost(limit) => format!("≤ {limit} {unit}"),
        Budget::GitTimes(times) => format!("≤ {times} × git"),
    }
}

/// The Markdown table, between its markers.
pub fn table(results: &Results) -> String {
    let sizes: Vec<String> = results.sizes.iter().map(Size::to_string).collect();
    let mut out = format!(
        "{BEGIN}\n| Operation | History | {} | Budget at {BUDGET_SIZE} | Met |\n",
        sizes.join(" | ")
    );
    out.push_str(&format!("|---|---|{}---|---|\n", "---:|".repeat(sizes.len())));
    let s = results.budget_column();
    for (o, operation) in OPERATIONS.iter().enumerate() {
        for (h, made) in results.histories.iter().enumerate() {
            let cells: Vec<String> =
                results.figures.iter().map(|column| figure(column[h][o])).collect();
            let judged = results.figures[s][h][o];
            let met = match judged.meets(operation.budget) {
                Some(true) => "yes",
                Some(false) => "**no**",
                None => "",
            };
            out.push_str(&format!(
                "| {} | {} | {} | {} | {met} |\n",
                operation.name,
                made.name(),
                cells.join(" | "),
                budget(operation.budget, judged.unit)
            ));
        }
    }
    out.push_str(END);
    out
}

/// The figures of a committed table, by (operation, history, size): the first number of each cell.
fn committed(markdown: &str) -> Vec<(String, String, String, f64)> {
    let Some(start) = markdown.find(BEGIN) else { return Vec::new() };
    let block = &markdown[start..markdown[start..].find(END).map_or(markdown.len(), |e| start + e)];
    let mut rows = block.lines().filter(|l| l.starts_with('|'));
    let Some(header) = rows.next() else { return Vec::new() };
    let columns: Vec<&str> = header.split('|').map(str::trim).collect();
    let mut out = Vec::new();
    for row in rows.skip(1) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        for (k, cell) in cells.iter().enumerate().take(columns.len() - 3).skip(3) {
            if let Some(value) = first_number(cell) {
                out.push((
                    cells[1].to_string(),
                    cells[2].to_string(),
                    columns[k].to_string(),
                    value,
                ));
            }
        }
    }
    out
}

fn first_number(cell: &str) -> Option<f64> {
    let digits: String =
        cell.chars().take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',').collect();
    digits.replace(',', "").parse().ok()
}

/// Each figure more than 20% above the committed one, as a line to print.
pub fn regressions(results: &Results, markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (name, history, size, before) in committed(markdown) {
        let Some(o) = OPERATIONS.iter().position(|op| op.name == name) else { continue };
        let Some(h) = results.histories.iter().position(|m| m.name() == history) else { continue };
        let Some(s) = results.sizes.iter().position(|z| z.to_string() == size) else { continue };
        let now = results.figures[s][h][o].value;
        if now > before * (1.0 + TOLERANCE) {
            let slower = (now / before - 1.0) * 100.0;
            out.push(format!("{name} ({history}, {size}): {before:.1} → {now:.1} (+{slower:.0}%)"));
        }
    }
    out
}

/// `markdown` with its curve table replaced by `table` (or the table appended when it has none).
pub fn with_table(markdown: &str, table: &str) -> String {
    match (markdown.find(BEGIN), markdown.find(END)) {
        (Some(start), Some(end)) => {
            format!("{}{table}{}", &markdown[..start], &markdown[end + END.len()..])
        }
        _ => format!("{markdown}\n{table}\n"),
    }
}
