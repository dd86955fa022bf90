package nginx

import (
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// configPrefixes are the usual nginx configuration directories. An absolute
// include under one of them is looked up in the tree as if the scanned
// directory were that directory.
var configPrefixes = []string{"/etc/nginx/", "/usr/local/nginx/conf/", "/usr/local/etc/nginx/"}

// stockFiles are installed with nginx or its distribution packages and are
// usually not kept in a repository.
var stockFiles = map[string]bool{
	"proxy_params": true, "uwsgi_params": true, "fastcgi_params": true, "fastcgi.conf": true,
	"scgi_params": true, "mime.types": true, "koi-utf": true, "koi-win": true, "win-utf": true,
	"snippets/fastcgi-php.conf": true, "snippets/snakeoil.conf": true,
}

// resolution is where an include argument leads: files, or why none.
type resolution struct {
	paths []string
	kind  ProblemKind // 0, IncludeMissing or IncludeOutside
	rel   string      // the argument as a path relative to the tree
}

func (r resolution) message(arg string) string {
	if r.kind == IncludeOutside {
		return fmt.Sprintf("include %q points outside the scanned tree and was not read", arg)
	}
	msg := fmt.Sprintf("include %q matches no file in the scanned tree", arg)
	switch {
	case stockModelled(r.rel):
		return msg + "; it is a stock file installed with nginx, not kept in the tree, so its usual Debian " +
			"content is assumed"
	case stockFiles[r.rel]:
		return msg + "; it is a stock file installed with nginx, not kept in the tree, so its directives were " +
			"not checked"
	}
	return msg + "; the directives it holds were not checked"
}

// dataMessage describes an unresolved include in the body of a map-like
// block, which names a data file.
func (r resolution) dataMessage(arg, block string) string {
	if r.kind == IncludeOutside {
		return fmt.Sprintf("include %q points outside the scanned tree and was not read", arg)
	}
	return fmt.Sprintf(
		"include %q matches no file in the scanned tree; nginx cannot start without it, and the %s entries it "+
			"holds were not read",
		arg,
		block,
	)
}

// resolve finds the files an include argument names. A relative path is
// tried against the including file's directory, then the root file's
// directory, then each scan root; an absolute path under a usual nginx
// directory is made relative first. Candidates that leave the scan roots are
// never opened. A glob that matches nothing is silent, as in nginx.
func (l *loader) resolve(arg, from, root string) resolution {
	glob := strings.ContainsAny(arg, "*?[")
	rel, ok := relativeInclude(arg)
	res := resolution{rel: rel, kind: IncludeOutside}
	if !ok {
		return res
	}
	for _, base := range uniq(path.Dir(from), path.Dir(root), l.roots) {
		cand := cleanRel(path.Join(base, rel))
		if !l.inRoots(cand) {
			continue
		}
		res.kind = IncludeMissing
		if glob {
			res.paths = l.glob(cand)
		} else if l.isFile(cand) {
			res.paths = []string{cand}
		}
		if len(res.paths) > 0 {
			res.kind = 0
			return res
		}
	}
	if (glob || inertStock[res.rel]) && res.kind == IncludeMissing {
		res.kind = 0
	}
	return res
}

// inertStock are stock files that hold only data no rule reads (MIME types,
// character set tables): one missing from the tree is not reported.
var inertStock = map[string]bool{"mime.types": true, "koi-utf": true, "koi-win": true, "win-utf": true}

// relativeInclude maps an include argument to a path relative to the tree;
// false when it is absolute outside the usual nginx directories.
func relativeInclude(arg string) (string, bool) {
	if !strings.HasPrefix(arg, "/") {
		return arg, arg != ""
	}
	clean := path.Clean(arg)
	for _, prefix := range configPrefixes {
		if strings.HasPrefix(clean, prefix) {
			return strings.TrimPrefix(clean, prefix), true
		}
	}
	return "", false
}

func (l *loader) glob(pattern string) []string {
	matches, err := fs.Glob(l.fsys, pattern)
	if err != nil {
		return nil
	}
	var files []string
	for _, m := range matches {
		if l.inRoots(m) && l.isFile(m) {
			files = append(files, m)
		}
	}
	return files
}

func (l *loader) isFile(p string) bool {
	info, err := fs.Stat(l.fsys, p)
	return err == nil && !info.IsDir()
}

// inRoots tells whether a cleaned relative path stays inside a scan root.
func (l *loader) inRoots(p string) bool {
	if !fs.ValidPath(p) {
		return false
	}
	for _, r := range l.roots {
		if r == "." || p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// cleanRel cleans a slash path relative to the tree; "" for an absolute one.
func cleanRel(p string) string {
	p = path.Clean(strings.TrimPrefix(p, "./"))
	if strings.HasPrefix(p, "/") {
		return ""
	}
	return p
}

func uniq(a, b string, rest []string) []string {
	out := []string{a}
	for _, s := range append([]string{b}, rest...) {
		dup := false
		for _, o := range out {
			dup = dup || o == s
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}
