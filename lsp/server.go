// Package lsp is flasklint's language server: it keeps the documents an
// editor has open, lints the workspace with their unsaved text in place of
// the files on disk, and publishes the findings of every open document as
// diagnostics, with quick fixes and suppressions as code actions. The
// protocol plumbing is in lsp/jsonrpc; the linting is the runner's.
package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/flasklint/flasklint/lsp/jsonrpc"
	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
)

// Options configure a server.
type Options struct {
	// Configure returns the run options of a workspace root (the rules,
	// excludes and per-file ignores), read from the project's
	// configuration as check reads it. Nil means the defaults.
	Configure func(root string) (runner.Options, error)
	// Dir is the workspace root when the client names none.
	Dir string
	// Version is reported in serverInfo.
	Version string
	// Workers are the parser goroutines of a run; 0 means one per core.
	Workers int
}

// Server is one language server session.
type Server struct {
	opts  Options
	conn  *jsonrpc.Conn
	state int // uninitialized, running or shut down
	root  string
	utf8  bool // positions count UTF-8 bytes, not UTF-16 units
	watch bool // the client registers file watchers at run time

	docs  map[string]*document // open documents by absolute path
	cache *runner.Cache
	run   runner.Options // the configured rules, excludes and ignores

	// dirty is set when a change was not linted yet: changes that arrive
	// together are linted once, after the last.
	dirty bool

	// The last run's findings by base-relative file, for code actions.
	findings map[string][]rules.Finding
	base     string
	sources  func(rel string) []byte
}

const (
	uninitialized = iota
	running
	shutDown
)

type document struct {
	uri     string
	version int
	text    []byte
}

// Serve runs a session over r and w until the client sends exit or the
// input ends. The exit code is 0 after a shutdown request, 1 otherwise, as
// the protocol asks.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opts Options) (int, error) {
	s := NewServer(r, w, opts)
	if err := s.conn.Serve(ctx, s); err != nil {
		return 1, err
	}
	if s.state == shutDown {
		return 0, nil
	}
	return 1, nil
}

// NewServer makes a server that reads r and writes w; its Handle answers
// one message.
func NewServer(r io.Reader, w io.Writer, opts Options) *Server {
	return &Server{
		opts: opts, conn: jsonrpc.NewConn(r, w),
		docs: map[string]*document{}, cache: runner.NewCache(),
	}
}

// Handle answers one request or notification.
func (s *Server) Handle(ctx context.Context, req jsonrpc.Request) (any, error) {
	if req.Method == "exit" {
		return nil, jsonrpc.ErrExit
	}
	defer func() {
		if s.dirty && s.state == running && !s.conn.Pending() {
			s.lint(ctx)
		}
	}()
	switch {
	case s.state == uninitialized && req.Method != "initialize":
		if req.Notify {
			return nil, nil
		}
		return nil, jsonrpc.Errorf(jsonrpc.ServerNotInitialized, "%s before initialize", req.Method)
	case s.state == shutDown && !req.Notify:
		return nil, jsonrpc.Errorf(jsonrpc.InvalidRequest, "%s after shutdown", req.Method)
	case s.state == shutDown:
		return nil, nil
	}
	switch req.Method {
	case "initialize":
		return s.initialize(req)
	case "initialized":
		s.registerWatchers()
		return nil, nil
	case "$/setTrace", "$/cancelRequest":
		return nil, nil
	case "shutdown":
		s.state = shutDown
		return nil, nil
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(req, &p); err != nil {
			return nil, err
		}
		if p.TextDocument.URI == "" {
			return nil, jsonrpc.Errorf(jsonrpc.InvalidParams, "codeAction needs textDocument.uri")
		}
		if s.dirty {
			s.lint(ctx)
		}
		return s.codeActions(p), nil
	}
	if !req.Notify {
		return nil, jsonrpc.Errorf(jsonrpc.MethodNotFound, "method %q is not supported", req.Method)
	}
	if err := s.notification(ctx, req); err != nil {
		s.logf(msgError, "%s: %v", req.Method, err)
	}
	return nil, nil
}

// notification handles the document and workspace notifications; an
// error is logged to the client, since a notification has no response.
func (s *Server) notification(ctx context.Context, req jsonrpc.Request) error {
	switch req.Method {
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(req, &p); err != nil {
			return err
		}
		path, err := pathOf(p.TextDocument.URI)
		if err != nil {
			return err
		}
		s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version,
			text: []byte(p.TextDocument.Text)}
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(req, &p); err != nil {
			return err
		}
		d, err := s.doc(p.TextDocument.URI)
		if err != nil {
			return err
		}
		for _, ch := range p.ContentChanges {
			if d.text, err = s.apply(d.text, ch); err != nil {
				return err
			}
		}
		d.version = p.TextDocument.Version
		s.dirty = true // linted once no other message waits (Handle)
		return nil
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(req, &p); err != nil {
			return err
		}
		d, err := s.doc(p.TextDocument.URI)
		if err != nil {
			return err
		}
		if p.Text != nil {
			d.text = []byte(*p.Text)
		}
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(req, &p); err != nil {
			return err
		}
		d, err := s.doc(p.TextDocument.URI)
		if err != nil {
			return err
		}
		path, _ := pathOf(d.uri)
		delete(s.docs, path)
		s.publish(d.uri, nil, []Diagnostic{})
	case "workspace/didChangeConfiguration":
		s.configure()
	case "workspace/didChangeWatchedFiles":
		var p DidChangeWatchedFilesParams
		if err := decode(req, &p); err != nil {
			return err
		}
		for _, ch := range p.Changes {
			path, err := pathOf(ch.URI)
			if err != nil {
				continue
			}
			s.cache.Forget(path)
			if base := filepath.Base(path); base == ".flasklint.toml" || base == "pyproject.toml" {
				s.configure()
			}
		}
	default:
		return nil // other notifications are not used
	}
	s.lint(ctx)
	return nil
}

func (s *Server) initialize(req jsonrpc.Request) (any, error) {
	if s.state != uninitialized {
		return nil, jsonrpc.Errorf(jsonrpc.InvalidRequest, "initialize was already received")
	}
	var p InitializeParams
	if req.Params != nil {
		if err := json.Unmarshal(req.Params, &p); err != nil {
			return nil, jsonrpc.Errorf(jsonrpc.InvalidParams, "initialize: %v", err)
		}
	}
	s.root = s.opts.Dir
	var named []string
	for _, f := range p.WorkspaceFolders {
		named = append(named, f.URI)
	}
	if p.RootURI != nil {
		named = append(named, *p.RootURI)
	}
	for _, u := range named {
		if dir, err := pathOf(u); err == nil && isDir(dir) {
			s.root = dir
			break
		}
	}
	if len(named) == 0 && p.RootPath != nil && filepath.IsAbs(*p.RootPath) && isDir(*p.RootPath) {
		s.root = filepath.Clean(*p.RootPath)
	}
	if s.root == "" {
		s.root, _ = os.Getwd()
	}
	enc := "utf-16"
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == "utf-8" {
			enc, s.utf8 = e, true
		}
	}
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.state = running
	s.configure()
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding:   enc,
			TextDocumentSync:   TextDocumentSync{OpenClose: true, Change: 1, Save: SaveOptions{IncludeText: true}},
			CodeActionProvider: CodeActionProvider{CodeActionKinds: []string{"quickfix"}},
		},
		ServerInfo: ServerInfo{Name: "flasklint", Version: s.opts.Version},
	}, nil
}

// watchedFiles are the files whose changes on disk the client is asked to
// report: what flasklint reads, and its configuration.
var watchedFiles = []string{
	"**/*.py", "**/*.conf", "**/*.{yml,yaml}", "**/*Dockerfile*", "**/Containerfile", "**/.env*",
	"**/*.env", "**/*.toml", "**/Procfile*", "**/*.sh", "**/*.service", "**/*.ini", "**/*.cfg",
	"**/requirements*.txt", "**/*.lock", "**/nginx/**", "**/sites-*/**",
}

// registerWatchers asks a client that can for didChangeWatchedFiles: a
// file changed on disk (a checkout, a formatter) is then linted again at
// once, not only at the next edit. The client's answer is not awaited.
func (s *Server) registerWatchers() {
	if !s.watch {
		return
	}
	watchers := make([]FileSystemWatcher, len(watchedFiles))
	for i, g := range watchedFiles {
		watchers[i] = FileSystemWatcher{GlobPattern: g}
	}
	_ = s.conn.Request("flasklint-watch", "client/registerCapability", map[string]any{
		"registrations": []Registration{{
			ID: "flasklint-files", Method: "workspace/didChangeWatchedFiles",
			RegisterOptions: map[string]any{"watchers": watchers},
		}},
	})
}

// configure reads the project's configuration again.
func (s *Server) configure() {
	s.run = runner.Options{}
	if s.opts.Configure == nil {
		return
	}
	run, err := s.opts.Configure(s.root)
	if err != nil {
		s.logf(msgError, "the configuration could not be read, the defaults apply: %v", err)
		return
	}
	s.run = run
}

// lint runs the rules over the workspace, with the open documents' text
// in place of the disk's, and publishes the diagnostics of every open
// document.
func (s *Server) lint(ctx context.Context) {
	s.dirty = false
	opts := s.run
	opts.Dir, opts.Paths, opts.Workers, opts.Cache = s.root, []string{s.root}, s.opts.Workers, s.cache
	opts.Overlay = map[string][]byte{}
	for p, d := range s.docs {
		opts.Overlay[p] = d.text
	}
	if broad(s.root) {
		// Never walk the whole file system or home directory: lint the
		// open files as check does files named on its command line.
		opts.Paths = nil
		for p := range s.docs {
			if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
				opts.Paths = append(opts.Paths, p)
			}
		}
		sort.Strings(opts.Paths)
		if len(opts.Paths) == 0 {
			return
		}
	}
	res, err := runner.Run(ctx, opts)
	if err != nil {
		s.logf(msgError, "lint: %v", err)
		return
	}
	s.base, s.findings = res.Base, map[string][]rules.Finding{}
	for _, f := range res.Findings {
		s.findings[f.Pos.File] = append(s.findings[f.Pos.File], f)
	}
	s.sources = func(rel string) []byte {
		if d := s.docs[filepath.Join(res.Base, filepath.FromSlash(rel))]; d != nil {
			return d.text
		}
		return res.Source(rel)
	}
	conv := newConverter(s.utf8, s.sources)
	paths := make([]string, 0, len(s.docs))
	for p := range s.docs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		d := s.docs[p]
		diags := []Diagnostic{}
		if rel, ok := s.rel(p); ok {
			for _, f := range s.findings[rel] {
				diags = append(diags, s.diagnostic(conv, f))
			}
		}
		version := d.version
		s.publish(d.uri, &version, diags)
	}
}

// diagnostic is a finding as a diagnostic.
func (s *Server) diagnostic(conv *converter, f rules.Finding) Diagnostic {
	d := Diagnostic{
		Range:    conv.rng(f.Pos),
		Severity: severity(f.Level()),
		Code:     f.RuleID,
		Source:   "flasklint",
		Message:  f.Message,
	}
	if r := rules.ByID(f.RuleID); r != nil {
		d.CodeDescription = &CodeDescription{Href: r.HelpURI()}
	}
	for _, rel := range f.Related {
		d.RelatedInformation = append(d.RelatedInformation, RelatedInformation{
			Location: Location{URI: s.uriOf(rel.Pos.File), Range: conv.rng(rel.Pos)},
			Message:  cmpOr(rel.Message, "related place"),
		})
	}
	return d
}

func severity(level string) int {
	switch level {
	case "error":
		return SeverityError
	case "warning":
		return SeverityWarning
	}
	return SeverityInformation
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Server) publish(uri string, version *int, diags []Diagnostic) {
	_ = s.conn.Notify("textDocument/publishDiagnostics",
		PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags})
}

// msgError is the Error type of window/logMessage.
const msgError = 1

func (s *Server) logf(kind int, format string, args ...any) {
	_ = s.conn.Notify("window/logMessage", LogMessageParams{Type: kind, Message: fmt.Sprintf(format, args...)})
}

// doc returns an open document.
func (s *Server) doc(uri string) (*document, error) {
	path, err := pathOf(uri)
	if err != nil {
		return nil, err
	}
	d := s.docs[path]
	if d == nil {
		return nil, jsonrpc.Errorf(jsonrpc.InvalidParams, "%s is not open", uri)
	}
	return d, nil
}

// rel is an absolute path relative to the last run's base.
func (s *Server) rel(path string) (string, bool) {
	r, err := filepath.Rel(s.base, path)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// uriOf is the URI of a base-relative file: the open document's own URI
// when it is open, so that the client matches it.
func (s *Server) uriOf(rel string) string {
	abs := filepath.Join(s.base, filepath.FromSlash(rel))
	if d := s.docs[abs]; d != nil {
		return d.uri
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// pathOf is the absolute path of a file: URI.
func pathOf(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" || (u.Host != "" && u.Host != "localhost") {
		return "", jsonrpc.Errorf(jsonrpc.InvalidParams, "%q is not a file: URI", uri)
	}
	p := filepath.Clean(filepath.FromSlash(u.Path))
	if !filepath.IsAbs(p) {
		return "", jsonrpc.Errorf(jsonrpc.InvalidParams, "%q is not an absolute file: URI", uri)
	}
	return p, nil
}

// broad tells whether a root is too broad to walk: the file system root or
// the home directory.
func broad(root string) bool {
	home, _ := os.UserHomeDir()
	return root == filepath.Dir(root) || (home != "" && root == filepath.Clean(home))
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

// decode reads a message's parameters into v.
func decode(req jsonrpc.Request, v any) error {
	if req.Params == nil {
		return jsonrpc.Errorf(jsonrpc.InvalidParams, "%s needs parameters", req.Method)
	}
	if err := json.Unmarshal(req.Params, v); err != nil {
		return jsonrpc.Errorf(jsonrpc.InvalidParams, "%s: %v", req.Method, err)
	}
	return nil
}
