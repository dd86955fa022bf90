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

// A project of the tree is one top-level directory: the apps, nginx files
// and deployment files under it work together, and a file at the top of
// the tree belongs to every project. A git repository below the tree's top
// (a folder of checkouts, checked from the folder) is taken apart first and
// split by its own top-level directories, so that it gives what it gives
// when checked from its top.
type projectKey struct {
	repo string // the repository below the tree's top that holds the file, or ""
	top  string // the top-level directory within it, "" at its top
}

// projectOf locates a file or directory of the tree (see projectKey).
func (p *Project) projectOf(f string) projectKey {
	repo, rel := p.inRepo(f)
	return projectKey{repo: repo, top: topDir(rel)}
}

// inRepo is the innermost repository of Repos that holds the file or
// directory, and its path there ("." for the repository itself).
func (p *Project) inRepo(f string) (repo, rel string) {
	rel = f
	for _, r := range p.Repos {
		switch {
		case len(r) <= len(repo):
		case f == r:
			repo, rel = r, "."
		case strings.HasPrefix(f, r+"/"):
			repo, rel = r, f[len(r)+1:]
		}
	}
	return repo, rel
}

// sameProject tells whether two files belong to the same project of the
// tree: the same top-level directory of the same repository, or one of
// them at the top (of the repository, or of the whole tree).
func (p *Project) sameProject(a, b string) bool {
	ka, kb := p.projectOf(a), p.projectOf(b)
	if ka.repo != kb.repo {
		return ka == projectKey{} || kb == projectKey{}
	}
	return ka.top == "" || kb.top == "" || ka.top == kb.top
}

// sameRepo tells whether a file of a repository below the tree's top and
// another file are in the same one; every file counts as in the same as a
// file outside any.
func (p *Project) sameRepo(a, b string) bool {
	ra, _ := p.inRepo(a)
	if ra == "" {
		return true
	}
	rb, _ := p.inRepo(b)
	return ra == rb
}

// dirDepth counts the leading directories two directories of the tree
// share within the same repository (see projectKey), 0 across two.
func (p *Project) dirDepth(a, b string) int {
	ra, relA := p.inRepo(a)
	rb, relB := p.inRepo(b)
	if ra != rb {
		return 0
	}
	return commonDepth(relA, relB)
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
