// Package nginx loads nginx configuration files the way nginx reads them,
// with crossplane as the parser, and hands the rules plain Go values: each
// directive with its file, position, arguments and block, includes expanded in
// place. Parse problems and unresolved includes are values with positions,
// never a crash and never silently empty.
package nginx

import (
	"io/fs"

	"github.com/flasklint/flasklint/parsers/source"
)

// Directive is one nginx directive. Comments never appear.
type Directive struct {
	Name string
	Args []string
	File string      // relative to the scan base, forward slashes
	Span source.Span // from the directive name to its ';' or '{' (same line at least)
	// Block holds the children of a block directive (server, location, if,
	// ...); it is nil for a simple directive. Included files are expanded in
	// place: their directives appear here with their own File. The body of a
	// map-like block (map, geo, types, split_clients, ...) is data: one
	// Directive per entry, key in Name, includes left unexpanded.
	Block []*Directive
	// Via is the include directive this one was reached through, if any.
	Via      *Directive
	HasBlock bool
	// Stock is set for directives that come from a modelled stock file
	// (such as Debian's proxy_params) that is not in the tree.
	Stock bool
}

// Line is the 1-based line of the directive name.
func (d *Directive) Line() int { return d.Span.StartLine }

// File is one nginx file as read from the tree.
type File struct {
	Path  string
	Src   []byte
	Lines *source.Lines
}

// Config is one configuration root (nginx.conf, or a site file that nothing
// includes) with every include expanded.
type Config struct {
	Root       string
	Directives []*Directive
}

// ProblemKind classifies what could not be read.
type ProblemKind int

// The problems the loader reports.
const (
	SyntaxError    ProblemKind = iota + 1 // the file could not be parsed
	IncludeMissing                        // an include names a file that is not in the tree
	IncludeOutside                        // an include points outside the scanned tree
	ReadError                             // the file could not be read
)

// Problem is something the loader could not read, with its place.
type Problem struct {
	Kind    ProblemKind
	File    string
	Span    source.Span
	Message string
}

// Set is everything loaded from the tree.
type Set struct {
	Configs  []*Config
	Files    map[string]*File
	Problems []Problem
}

// Options tell Load where it may read.
type Options struct {
	// FS is the scan base; every path is relative to it.
	FS fs.FS
	// Roots are the scanned trees (directories or files, relative to the
	// base, "." for the whole base). Includes may not leave them.
	Roots []string
}
