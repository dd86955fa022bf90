package rules

import (
	"path"
	"strings"
)

// FrontingLocations returns the nginx locations of the tree that proxy to
// the app defined in file: the proxying locations whose configuration file
// shares the deepest directory with it. A tree that keeps nginx
// configurations in several top-level directories (a collection of
// example projects) only links an app to nginx under its own top-level
// directory.
//
// NOTE: the link is by place in the tree, not by address; matching
// proxy_pass targets with the app's bind comes with the deployment files.
func FrontingLocations(nm *NginxModel, file string) []*NginxLocation {
	best, tops := -1, map[string]bool{}
	var out []*NginxLocation
	for _, l := range nm.Proxying() {
		tops[topDir(l.Dir.File)] = true
		d := commonDepth(path.Dir(file), path.Dir(l.Dir.File))
		switch {
		case d > best:
			best, out = d, []*NginxLocation{l}
		case d == best:
			out = append(out, l)
		}
	}
	if best == 0 && len(tops) > 1 {
		return nil
	}
	return out
}

// topDir is the first directory of a slash path, "" for a file at the top.
func topDir(p string) string {
	if i := strings.IndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// commonDepth counts the leading directories two directory paths share.
func commonDepth(a, b string) int {
	if a == "." || b == "." {
		return 0
	}
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	return n
}
