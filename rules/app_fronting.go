package rules

import (
	"path"
	"strings"
)

// FrontingLinks returns the links of the nginx locations that proxy to the
// app defined in file (see DeployLink): matched by address with the app's
// launches, or, when a target cannot be resolved, by place in the tree.
func FrontingLinks(p *Project, file string) []*LocationLink {
	return p.DeployLink().Fronting(file)
}

// appFileOf is the file of the app a ProxyFix wraps: the app's own file,
// else an app of the same file, else the nearest app of the tree, else the
// ProxyFix's file.
func appFileOf(p *Project, pf *ProxyFixCall) string {
	if pf.App != nil {
		return pf.App.File.Path
	}
	near := appsNear(p, path.Dir(pf.File.Path))
	if containsString(near, pf.File.Path) || len(near) != 1 {
		return pf.File.Path
	}
	return near[0]
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
