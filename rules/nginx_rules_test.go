package rules

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/flasklint/flasklint/parsers/nginx"
)

var nginxRules = []*Rule{
	NginxCORSAnyOrigin, ForwardedClientHeader, RealIPTrustAll, UnderscoresInHeaders, ProxyHeadersDropped,
	CatchAllDefaultServer, CatchAllHostForwarded, AliasTraversal, AddHeaderDropped, HeaderInjection,
	VariableProxyPass, UpgradeForwarded, ServerTokensOn, AutoindexOn, ReturnBeforeAccess,
}

// runNginxRules loads files from fsys and returns "file:line ID severity"
// for every finding of the nginx rules and every loader problem.
func runNginxRules(t *testing.T, fsys fstest.MapFS, files ...string) []string {
	t.Helper()
	project := &Project{Nginx: nginx.Load(nginx.Options{FS: fsys, Roots: []string{"."}}, files)}
	var out []string
	for _, prob := range project.Nginx.Problems {
		out = append(out, fmt.Sprintf("%s:%d problem%d", prob.File, prob.Span.StartLine, prob.Kind))
	}
	for _, r := range nginxRules {
		err := r.Check(NewPass(r, project, func(f Finding) {
			out = append(out, fmt.Sprintf("%s:%d %s %s", f.Pos.File, f.Pos.StartLine, f.RuleID, f.Severity))
			t.Logf("%s:%d:%d %s %s: %s", f.Pos.File, f.Pos.StartLine, f.Pos.StartCol, f.RuleID, f.Severity, f.Message)
		}))
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
	}
	slices.Sort(out)
	return out
}

func nginxFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// dirFS copies the named files of a directory into a MapFS; it skips the
// test when the directory is not on this machine.
func dirFS(t *testing.T, dir string, files ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range files {
		data, err := os.ReadFile(dir + "/" + f)
		if err != nil {
			t.Fatalf("%s not available: %v", dir, err)
		}
		fsys[f] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func wantFindings(t *testing.T, got []string, want ...string) {
	t.Helper()
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

const sharedCases = "/work/shared/cases/"

func TestNginxSharedCases(t *testing.T) {
	tests := []struct {
		dir   string
		files []string
		want  []string
	}{
		{"06-proxy-hop-trust", []string{"site.conf"}, nil},
		{
			"10-host-var-catch-all",
			[]string{"site.conf"},
			[]string{"site.conf:3 FL501 medium", "site.conf:7 FL502 medium"},
		},
		{"13-included-snippets", []string{"sites/app.conf", "snippets/cors.conf"},
			[]string{"sites/app.conf:13 problem2", "sites/app.conf:13 FL401 low"}},
		{"14-log-format-comments", []string{"nginx.conf"}, []string{"nginx.conf:12 FL401 medium"}},
		{
			"16-site-file-without-http",
			[]string{"site.conf"},
			[]string{"site.conf:7 problem2", "site.conf:11 FL401 medium"},
		},
		{"18-map-blocks", []string{"hosts.conf", "tenants.map"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got := runNginxRules(t, dirFS(t, sharedCases+tt.dir, tt.files...), tt.files...)
			wantFindings(t, got, tt.want...)
		})
	}
}
