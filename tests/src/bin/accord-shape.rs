//! The code's shape, checked from its syntax: every function outside tests a reader holds in one
//! screen, and the store's modules importing one another without a cycle.
//!
//! Usage: `cargo run -p accord-tests --bin accord-shape` (from `.ci/audit`). Prints the functions
//! over 60 lines, longest first, and the store's import graph; exits 1 if a function is over 80
//! lines (but those [`ALLOWED`], each with its reason) or the graph has a cycle. Tests are left out: `#[cfg(test)]` items, the files they
//! declare, and the `tests/` crate.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use syn::visit::{self, Visit};

/// The folders of code the application runs.
const SOURCES: [&str; 2] = ["drafts/src", "src-tauri/src"];
/// Longer than this fails the check.
const LIMIT: usize = 80;
/// Longer than this is listed.
const SHOWN: usize = 60;
/// Functions allowed over the limit, and why.
const ALLOWED: [(&str, &str); 1] = [(
    "src-tauri/src/commands/mod.rs: handler",
    "the window's commands, one name a line in Tauri's generate_handler!: a list, not steps",
)];

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut lengths = Vec::new();
    for source in SOURCES {
        for file in rust_files(&root.join(source)) {
            let name = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
            lengths.extend(
                function_lengths(&parse(&file))
                    .into_iter()
                    .map(|(f, n)| (n, format!("{name}: {f}"))),
            );
        }
    }
    lengths.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let allowed = |f: &str| ALLOWED.iter().find(|(name, _)| *name == f).map(|(_, why)| *why);
    let over: Vec<_> = lengths.iter().filter(|(n, f)| *n > LIMIT && allowed(f).is_none()).collect();
    println!("shape: {} functions outside tests; over {SHOWN} lines:", lengths.len());
    for (n, f) in lengths.iter().filter(|(n, _)| *n > SHOWN) {
        match allowed(f) {
            Some(why) if *n > LIMIT => println!("  {n:>4}  {f} (allowed: {why})"),
            _ => println!("  {n:>4}  {f}"),
        }
    }
    let graph = store_imports(&root.join("drafts/src/store"));
    println!("shape: the store's modules and what they import:");
    for (module, imports) in &graph {
        println!("  {module} → {}", imports.iter().cloned().collect::<Vec<_>>().join(", "));
    }
    let cycle = find_cycle(&graph);
    match &cycle {
        Some(cycle) => println!("shape: import cycle in the store: {}", cycle.join(" → ")),
        None => println!("shape: no import cycle in the store"),
    }
    if over.is_empty() && cycle.is_none() {
        println!("shape: ok, no function over {LIMIT} lines");
        ExitCode::SUCCESS
    } else {
        println!("shape: {} functions over {LIMIT} lines", over.len());
        ExitCode::FAILURE
    }
}

/// The `.rs` files under `dir`, in name order, but the files `#[cfg(test)] mod x;` declares.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> =
        fs::read_dir(dir).expect("a source folder").flatten().map(|e| e.path()).collect();
    entries.sort();
    let tests = test_modules(&entries);
    for path in entries {
        if tests.contains(&path) {
            continue;
        }
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The files and folders of a folder's `#[cfg(test)] mod x;` declarations.
fn test_modules(entries: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut tests = BTreeSet::new();
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        let dir = path.parent().expect("a file in a folder");
        let own = path.file_stem().expect("a file name");
        let base = if own == "mod" || own == "lib" || own == "main" {
            dir.to_path_buf()
        } else {
            dir.join(own)
        };
        for item in parse(path).items {
            if let syn::Item::Mod(m) = item {
                if m.content.is_none() && is_test(&m.attrs) {
                    // Declared in mod.rs, lib.rs or main.rs: beside it; else in the folder named
                    // after the declaring file.
                    let name = m.ident.to_string();
                    tests.insert(base.join(format!("{name}.rs")));
                    tests.insert(base.join(name));
                }
            }
        }
    }
    tests
}

fn parse(path: &Path) -> syn::File {
    let text = fs::read_to_string(path).expect("a readable source file");
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether the attributes hold `#[cfg(test)]`.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
    })
}

/// Each function's name and length in lines, from `fn` to its closing brace; tests left out.
fn function_lengths(file: &syn::File) -> Vec<(String, usize)> {
    let mut lengths = Lengths::default();
    lengths.visit_file(file);
    lengths.found
}

#[derive(Default)]
struct Lengths {
    found: Vec<(String, usize)>,
    owner: Option<String>,
}

impl Lengths {
    fn record(&mut self, name: &syn::Ident, sig: &syn::Signature, block: &syn::Block) {
        let lines = block.brace_token.span.close().end().line - sig.fn_token.span.start().line + 1;
        let name = match &self.owner {
            Some(owner) => format!("{owner}::{name}"),
            None => name.to_string(),
        };
        self.found.push((name, lines));
    }
}

impl<'a> Visit<'a> for Lengths {
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        if !is_test(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        if !is_test(&f.attrs) {
            self.record(&f.sig.ident, &f.sig, &f.block);
            visit::visit_item_fn(self, f);
        }
    }
    fn visit_item_impl(&mut self, i: &'a syn::ItemImpl) {
        if !is_test(&i.attrs) {
            let outer = self.owner.replace(type_name(&i.self_ty));
            visit::visit_item_impl(self, i);
            self.owner = outer;
        }
    }
    fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            self.record(&f.sig.ident, &f.sig, &f.block);
            visit::visit_impl_item_fn(self, f);
        }
    }
    fn visit_trait_item_fn(&mut self, f: &'a syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.record(&f.sig.ident, &f.sig, block);
        }
        visit::visit_trait_item_fn(self, f);
    }
}

/// An impl's type as its last path segment (`Store`, `Paragraph`).
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => {
            p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
        }
        _ => String::from("_"),
    }
}

/// For each module of the store, the store's other modules it names (`super::x`,
/// `crate::store::x`, in `use` items and in paths alike); tests left out. The store's own
/// `mod.rs`, which every module uses for `Store`, is the parent, not a node.
fn store_imports(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<_> = rust_files(dir).into_iter().filter(|f| !f.ends_with("mod.rs")).collect();
    let modules: BTreeSet<String> = files.iter().map(|f| module_name(dir, f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let module = module_name(dir, file);
        let mut names = Names::default();
        names.visit_file(&parse(file));
        let imports = names.0.into_iter().filter(|n| modules.contains(n) && *n != module).collect();
        graph.insert(module, imports);
    }
    graph
}

/// A store file's module: its first path component under the store (`labels`, `live` for
/// `live/x.rs`).
fn module_name(dir: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(dir).expect("a file of the store").with_extension("");
    relative.iter().next().expect("a file name").to_string_lossy().into_owned()
}

/// The sibling modules a file names.
#[derive(Default)]
struct Names(BTreeSet<String>);

impl Names {
    fn segments(&mut self, segments: &[String]) {
        match segments {
            [s, m, ..] if s == "super" => self.0.insert(m.clone()),
            [c, s, m, ..] if c == "crate" && s == "store" => self.0.insert(m.clone()),
            _ => false,
        };
    }
}

impl<'a> Visit<'a> for Names {
    fn visit_item_mod(&mut self, m: &'a syn::ItemMod) {
        if !is_test(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
        if !is_test(&f.attrs) {
            visit::visit_item_fn(self, f);
        }
    }
    fn visit_path(&mut self, p: &'a syn::Path) {
        let segments: Vec<_> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.segments(&segments);
        visit::visit_path(self, p);
    }
    fn visit_item_use(&mut self, u: &'a syn::ItemUse) {
        if !is_test(&u.attrs) {
            for path in use_paths(&u.tree, Vec::new()) {
                self.segments(&path);
            }
        }
    }
}

/// Every path a `use` tree names, from its root.
fn use_paths(tree: &syn::UseTree, prefix: Vec<String>) -> Vec<Vec<String>> {
    let with = |name: String| {
        let mut p = prefix.clone();
        p.push(name);
        p
    };
    match tree {
        syn::UseTree::Path(p) => use_paths(&p.tree, with(p.ident.to_string())),
        syn::UseTree::Name(n) => vec![with(n.ident.to_string())],
        syn::UseTree::Rename(r) => vec![with(r.ident.to_string())],
        syn::UseTree::Glob(_) => vec![with(String::from("*"))],
        syn::UseTree::Group(g) => {
            g.items.iter().flat_map(|t| use_paths(t, prefix.clone())).collect()
        }
    }
}

/// A cycle in the graph, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = walk(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| walk(node, graph, &mut Vec::new(), &mut done))
}
