//! The documents and the other rule files of the workspace, grouped into
//! rule sets, each re-checked when one of its files changes: only the
//! changed file is parsed again, the others keep their syntax trees.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::Uri;
use toets_engine::model::{Ground, Reference};
use toets_engine::{Analysis, RuleSet};
use toets_syntax::{SourceFile, Span, SyntaxError, ast};

use crate::convert::{LineIndex, path_to_uri, uri_to_path};

/// Which rule set a file belongs to: the `.toets` files of one folder, or
/// the built-in rules with the documents outside any such folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum SetKey {
    /// The built-in rules.
    Builtin,
    /// The rule files of this folder.
    Folder(PathBuf),
}

/// One rule file: its text as the editor or the disk has it, and its last
/// syntax tree that parsed.
#[derive(Debug)]
pub(crate) struct File {
    pub uri: Uri,
    pub source: SourceFile,
    pub index: LineIndex,
    /// The syntax tree of the last text that parsed (maybe an older text).
    pub tree: Option<ast::File>,
    /// Whether `tree` is of an older text than `source`.
    pub stale: bool,
    pub syntax_errors: Vec<SyntaxError>,
    /// Open in the editor (else read from disk or built in).
    pub open: bool,
    pub builtin: bool,
}

impl File {
    fn new(uri: Uri, name: String, text: String, open: bool, builtin: bool) -> File {
        let source = SourceFile::new(name, text);
        let mut file = File {
            uri,
            index: LineIndex::new(&source),
            source,
            tree: None,
            stale: false,
            syntax_errors: Vec::new(),
            open,
            builtin,
        };
        file.parse();
        file
    }

    fn parse(&mut self) {
        match toets_syntax::parse(&self.source) {
            Ok(tree) => {
                self.tree = Some(tree);
                self.stale = false;
                self.syntax_errors = Vec::new();
            }
            Err(errors) => {
                self.stale = self.tree.is_some();
                self.syntax_errors = errors;
            }
        }
    }

    /// Replaces the text and parses it again.
    pub(crate) fn set_text(&mut self, text: String) {
        self.source = SourceFile::new(self.source.name(), text);
        self.index = LineIndex::new(&self.source);
        self.parse();
    }
}

/// A failed `expect` line from running a test block, shown until its file
/// changes.
#[derive(Debug, Clone)]
pub(crate) struct FailedExpectation {
    /// The file's name.
    pub file: String,
    /// The `expect` line.
    pub span: Span,
    pub message: String,
    /// The test block's name.
    pub test: String,
}

/// A hint on how well the tests pin a rule: a surviving mutant or a clause
/// no test reaches. Shown until a file of its set changes.
#[derive(Debug, Clone)]
pub(crate) struct Hint {
    /// The file's name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// `toets::mutate::survived` or `toets::coverage::unreached`.
    pub code: &'static str,
    pub message: String,
}

/// One rule set: its files by name and the result of the last check.
#[derive(Debug, Default)]
pub(crate) struct FileSet {
    pub files: BTreeMap<String, File>,
    pub analysis: Option<Analysis>,
    /// Line indexes of the analysed texts, by [`Analysis::sources`] index.
    pub analysed: Vec<LineIndex>,
    /// The last rule set that checked without errors.
    pub last_good: Option<Arc<RuleSet>>,
    pub failures: Vec<FailedExpectation>,
    /// Mutation and coverage hints of the last quality run.
    pub hints: Vec<Hint>,
}

impl FileSet {
    /// Checks the set again with the syntax trees the files have.
    pub(crate) fn recheck(&mut self) {
        let trees: Vec<ast::File> = self.files.values().filter_map(|f| f.tree.clone()).collect();
        let analysis = RuleSet::analyse(&trees);
        self.analysed = analysis.sources.iter().map(LineIndex::new).collect();
        if let Ok(rules) = &analysis.rules {
            self.last_good = Some(Arc::new(rules.clone()));
        }
        self.analysis = Some(analysis);
    }

    /// The rule set to read facts, norms and concepts from: this check's,
    /// or the last that had no errors.
    pub(crate) fn rules(&self) -> Option<&RuleSet> {
        match self.analysis.as_ref().map(|a| &a.rules) {
            Some(Ok(rules)) => Some(rules),
            _ => self.last_good.as_deref(),
        }
    }

    /// The analysed file index of a file name.
    pub(crate) fn analysed_index(&self, name: &str) -> Option<usize> {
        self.analysis
            .as_ref()?
            .sources
            .iter()
            .position(|s| s.name() == name)
    }

    /// The file that analysed file `index` is.
    pub(crate) fn analysed_file(&self, index: usize) -> Option<&File> {
        let name = self.analysis.as_ref()?.sources.get(index)?.name();
        self.files.get(name)
    }

    /// The reference at `offset` of the file named `name`.
    pub(crate) fn reference_at(&self, name: &str, offset: usize) -> Option<&Reference> {
        let index = self.analysed_index(name)?;
        self.analysis.as_ref()?.references.at(index, offset)
    }

    /// The text a reference stands on: the name as written.
    pub(crate) fn reference_text(&self, r: &Reference) -> Option<&str> {
        let source = self.analysis.as_ref()?.sources.get(r.origin.file)?;
        source.text().get(r.origin.span.start..r.origin.span.end)
    }

    /// Every reference to `target`, the declaration first.
    pub(crate) fn references_of(&self, target: Ground) -> Vec<&Reference> {
        let Some(analysis) = &self.analysis else {
            return Vec::new();
        };
        let mut refs: Vec<&Reference> = analysis.references.of(target).collect();
        refs.sort_by_key(|r| (!r.declaration, r.origin.file, r.origin.span.start));
        refs
    }

    /// A reference as an LSP location.
    pub(crate) fn location(&self, r: &Reference) -> Option<lsp_types::Location> {
        let file = self.analysed_file(r.origin.file)?;
        let index = self.analysed.get(r.origin.file)?;
        Some(lsp_types::Location::new(
            file.uri.clone(),
            index.range(r.origin.span),
        ))
    }
}

/// All rule sets of the workspace.
#[derive(Debug, Default)]
pub(crate) struct Workspace {
    pub sets: BTreeMap<SetKey, FileSet>,
    /// Which set each file belongs to, by URI.
    pub by_uri: BTreeMap<Uri, (SetKey, String)>,
    /// Whether documents go with their folder's rule files (a workspace
    /// folder holds `.toets` files), rather than with the built-in rules.
    folders: bool,
}

/// Largest number of folders searched for rule files under a root.
const MAX_FOLDERS: usize = 2_000;

impl Workspace {
    /// A workspace for these root folders: their rule files are read from
    /// disk when a document of their folder opens. Without any, documents
    /// are checked with the built-in rules.
    pub(crate) fn new(roots: &[PathBuf]) -> Workspace {
        let mut ws = Workspace {
            folders: roots.iter().any(|r| has_rule_files(r)),
            ..Workspace::default()
        };
        if !ws.folders {
            ws.load_builtin();
        }
        ws
    }

    fn load_builtin(&mut self) {
        let set = self.sets.entry(SetKey::Builtin).or_default();
        for (name, text) in toets_rules::BUILTIN {
            let Ok(uri) = format!("toets:builtin/{name}").parse::<Uri>() else {
                continue;
            };
            let name = (*name).to_owned();
            self.by_uri
                .insert(uri.clone(), (SetKey::Builtin, name.clone()));
            set.files.insert(
                name.clone(),
                File::new(uri, name, (*text).to_owned(), false, true),
            );
        }
        set.recheck();
    }

    fn key_of(&self, uri: &Uri) -> (SetKey, String) {
        if let Some(found) = self.by_uri.get(uri) {
            return found.clone();
        }
        let path = uri_to_path(uri);
        match path.as_deref().and_then(Path::parent) {
            Some(folder) if self.folders => (
                SetKey::Folder(folder.to_path_buf()),
                path.as_deref()
                    .map_or_else(String::new, |p| p.display().to_string()),
            ),
            _ => (
                SetKey::Builtin,
                path.map_or_else(|| uri.as_str().to_owned(), |p| p.display().to_string()),
            ),
        }
    }

    /// Loads the rule files of a folder that is not loaded yet.
    fn load_folder(&mut self, folder: &Path) {
        let key = SetKey::Folder(folder.to_path_buf());
        if self.sets.contains_key(&key) {
            return;
        }
        let mut set = FileSet::default();
        for path in rule_files(folder) {
            let (Some(uri), Ok(text)) = (path_to_uri(&path), std::fs::read_to_string(&path)) else {
                continue;
            };
            let name = path.display().to_string();
            self.by_uri.insert(uri.clone(), (key.clone(), name.clone()));
            set.files
                .insert(name.clone(), File::new(uri, name, text, false, false));
        }
        self.sets.insert(key, set);
    }

    /// Opens a document (or takes the editor's text of a known file) and
    /// re-checks its set. Returns the set's key.
    pub(crate) fn open(&mut self, uri: Uri, text: String) -> SetKey {
        let (key, name) = self.key_of(&uri);
        if let SetKey::Folder(folder) = &key {
            self.load_folder(&folder.clone());
        }
        self.by_uri.insert(uri.clone(), (key.clone(), name.clone()));
        let set = self.sets.entry(key.clone()).or_default();
        match set.files.get_mut(&name) {
            Some(file) => {
                file.open = true;
                if file.source.text() != text {
                    file.set_text(text);
                }
            }
            None => {
                set.files.insert(
                    name.clone(),
                    File::new(uri, name.clone(), text, true, false),
                );
            }
        }
        set.failures.retain(|f| f.file != name);
        // A change to any file can kill or free any mutant.
        set.hints.clear();
        set.recheck();
        key
    }

    /// The set and file name of a URI.
    pub(crate) fn find(&self, uri: &Uri) -> Option<(&FileSet, &File)> {
        let (key, name) = self.by_uri.get(uri)?;
        let set = self.sets.get(key)?;
        Some((set, set.files.get(name)?))
    }

    /// Applies `edit` to the file's text and re-checks its set.
    pub(crate) fn change(
        &mut self,
        uri: &Uri,
        edit: impl FnOnce(&File) -> String,
    ) -> Option<SetKey> {
        let (key, name) = self.by_uri.get(uri)?.clone();
        let set = self.sets.get_mut(&key)?;
        let file = set.files.get_mut(&name)?;
        let text = edit(file);
        file.set_text(text);
        set.failures.retain(|f| f.file != name);
        // A change to any file can kill or free any mutant.
        set.hints.clear();
        set.recheck();
        Some(key)
    }

    /// Closes a document: a file on disk goes back to its saved text, a
    /// document that is not on disk leaves the set.
    pub(crate) fn close(&mut self, uri: &Uri) -> Option<SetKey> {
        let (key, name) = self.by_uri.get(uri)?.clone();
        let set = self.sets.get_mut(&key)?;
        let on_disk = match key {
            SetKey::Folder(_) => uri_to_path(uri).and_then(|p| std::fs::read_to_string(p).ok()),
            SetKey::Builtin => None,
        };
        match on_disk {
            Some(text) => {
                if let Some(file) = set.files.get_mut(&name) {
                    file.open = false;
                    if file.source.text() != text {
                        file.set_text(text);
                    }
                }
            }
            _ => {
                if set.files.get(&name).is_some_and(|f| !f.builtin) {
                    set.files.remove(&name);
                    self.by_uri.remove(uri);
                }
            }
        }
        set.failures.retain(|f| f.file != name);
        // A change to any file can kill or free any mutant.
        set.hints.clear();
        set.recheck();
        Some(key)
    }
}

/// Whether a folder or one of its subfolders holds a `.toets` file.
fn has_rule_files(root: &Path) -> bool {
    let mut stack = vec![root.to_path_buf()];
    let mut seen = 0;
    while let Some(folder) = stack.pop() {
        seen += 1;
        if seen > MAX_FOLDERS {
            return false;
        }
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            if path.is_dir() && !hidden && entry.file_name() != "target" {
                stack.push(path);
            } else if is_rule_file(&path) {
                return true;
            }
        }
    }
    false
}

/// The `.toets` files of one folder, by name.
fn rule_files(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file() && is_rule_file(p))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn is_rule_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "toets")
}
