package rules

import "testing"

// TestProjectsOfTheTree: top-level directories are projects, a file at the
// top belongs to all; a repository below the top is split the same way
// within itself, and its top-level files belong to its own projects only.
func TestProjectsOfTheTree(t *testing.T) {
	p := &Project{Repos: []string{"checkouts/one", "checkouts/one/vendor/two", "three"}}
	for _, tt := range []struct {
		a, b string
		same bool
		deep int
	}{
		{"svc/app.py", "svc/nginx/site.conf", true, 1},
		{"svc/app.py", "other/nginx/site.conf", false, 0},
		{"nginx.conf", "svc/app.py", true, 0},
		{"checkouts/one/a/app.py", "checkouts/one/a/nginx/x.conf", true, 1},
		{"checkouts/one/a/app.py", "checkouts/one/b/nginx/x.conf", false, 0},
		{"checkouts/one/compose.yaml", "checkouts/one/b/app.py", true, 0},
		{"checkouts/one/compose.yaml", "three/b/app.py", false, 0},
		{"checkouts/one/vendor/two/x/app.py", "checkouts/one/vendor/y.py", false, 0},
		{"checkouts/one/vendor/two/x/app.py", "checkouts/one/vendor/two/x/y/z.py", true, 1},
		{"three/a/app.py", "threefold/a/app.py", false, 0},
		{"nginx.conf", "three/a/app.py", true, 0},
	} {
		if got := p.sameProject(tt.a, tt.b); got != tt.same {
			t.Errorf("sameProject(%s, %s) = %v", tt.a, tt.b, got)
		}
		if got := p.sameProject(tt.b, tt.a); got != tt.same {
			t.Errorf("sameProject(%s, %s) = %v", tt.b, tt.a, got)
		}
		if got := p.dirDepth(dirOf(tt.a), dirOf(tt.b)); got != tt.deep {
			t.Errorf("dirDepth(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.deep)
		}
	}
}

func dirOf(f string) string {
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] == '/' {
			return f[:i]
		}
	}
	return "."
}
