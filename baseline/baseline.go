// Package baseline records the findings a project has today, so that a team
// adopting flasklint on an old codebase is shown only the findings that are
// new: `flasklint check --write-baseline FILE` writes the file, and
// `flasklint check --baseline FILE` leaves out every finding it lists.
//
// A baseline is a JSON file:
//
//	{
//	  "version": 1,
//	  "tool": "flasklint",
//	  "findings": [
//	    {"rule": "FL101", "file": "app.py", "line_hash": "7a1ff3d2b4c5e6f7:1", "line": 20, "message": "..."}
//	  ]
//	}
//
// A finding is in the baseline when its rule, its file and the line_hash of
// the line it starts on are. file is relative to the baseline's directory,
// with "/". line_hash is the primaryLocationLineHash GitHub code scanning
// computes (the SARIF writer's, package sarif): a hash of the line's text
// without spaces and of the lines after it, and how many earlier lines have
// the same hash. So a finding keeps its key when lines above it are added or
// removed, and gets a new one when its own line, or the lines right after
// it, change. line and message are for the people who read the file.
package baseline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/sarif"
)

// Version is the format version written and read.
const Version = 1

// Entry is one recorded finding.
type Entry struct {
	Rule     string `json:"rule"`
	File     string `json:"file"`
	LineHash string `json:"line_hash"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

type document struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

type key struct{ rule, file, hash string }

// Baseline is a loaded baseline file.
type Baseline struct {
	keys map[key]bool
}

// Keyer computes the keys of findings of one run.
type Keyer struct {
	dir    string                   // the baseline's directory
	base   string                   // the run's base: finding paths are relative to it
	source func(file string) []byte // the bytes the run read, or nil
	hashes map[string][]string
}

// NewKeyer keys the findings of a run whose paths are relative to base, for
// a baseline file at path. source gives the bytes of the files the run read;
// other files are read from disk.
func NewKeyer(path, base string, source func(file string) []byte) (*Keyer, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return &Keyer{dir: filepath.Dir(abs), base: base, source: source, hashes: map[string][]string{}}, nil
}

// entry is the baseline entry of a finding.
func (k *Keyer) entry(f rules.Finding) Entry {
	abs := filepath.Join(k.base, filepath.FromSlash(f.Pos.File))
	rel, err := filepath.Rel(k.dir, abs)
	if err != nil {
		rel = abs
	}
	return Entry{
		Rule:     f.RuleID,
		File:     filepath.ToSlash(rel),
		LineHash: k.lineHash(f.Pos.File, max(f.Pos.StartLine, 1)),
		Line:     f.Pos.StartLine,
		Message:  f.Message,
	}
}

func (k *Keyer) lineHash(file string, line int) string {
	hashes, ok := k.hashes[file]
	if !ok {
		var src []byte
		if k.source != nil {
			src = k.source(file)
		}
		if src == nil {
			src, _ = os.ReadFile(filepath.Join(k.base, filepath.FromSlash(file)))
		}
		hashes = sarif.LineHashes(src)
		k.hashes[file] = hashes
	}
	if line > len(hashes) {
		return ""
	}
	return hashes[line-1]
}

// Write writes the baseline of findings to path. Findings that say a file
// was not analysed (rules.NotAnalysed) are left out: no baseline hides them.
func (k *Keyer) Write(path string, findings []rules.Finding) error {
	doc := document{Version: Version, Tool: "flasklint", Findings: make([]Entry, 0, len(findings))}
	seen := map[key]bool{}
	for _, f := range findings {
		if rules.NotAnalysed(f.RuleID) {
			continue
		}
		e := k.entry(f)
		if kk := (key{e.Rule, e.File, e.LineHash}); !seen[kk] {
			seen[kk] = true
			doc.Findings = append(doc.Findings, e)
		}
	}
	sort.SliceStable(doc.Findings, func(i, j int) bool {
		a, b := doc.Findings[i], doc.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	})
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("baseline %s: not a flasklint baseline: %v", path, err)
	}
	if doc.Version != Version || doc.Tool != "flasklint" {
		return nil, fmt.Errorf("baseline %s: version %d of tool %q, want version %d of \"flasklint\"",
			path, doc.Version, doc.Tool, Version)
	}
	b := &Baseline{keys: map[key]bool{}}
	for i, e := range doc.Findings {
		if e.Rule == "" || e.File == "" {
			return nil, fmt.Errorf("baseline %s: finding %d has no rule or file", path, i+1)
		}
		b.keys[key{e.Rule, e.File, e.LineHash}] = true
	}
	return b, nil
}

// Filter returns the findings that are not in the baseline, and how many
// were. k must key findings for this baseline's path. A finding that says a
// file was not analysed is always kept, even when a baseline lists it: a
// file that was not read is never taken for clean.
func (b *Baseline) Filter(k *Keyer, findings []rules.Finding) (kept []rules.Finding, known int) {
	for _, f := range findings {
		if rules.NotAnalysed(f.RuleID) {
			kept = append(kept, f)
			continue
		}
		e := k.entry(f)
		if b.keys[key{e.Rule, e.File, e.LineHash}] {
			known++
			continue
		}
		kept = append(kept, f)
	}
	return kept, known
}
