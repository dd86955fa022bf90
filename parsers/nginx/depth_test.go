package nginx

import (
	"strings"
	"testing"
)

// TestBlockDepthIsBounded: blocks nested past maxBlockDepth, includes
// counted, are dropped with one syntax problem at the first one left out;
// what encloses them is kept.
func TestBlockDepthIsBounded(t *testing.T) {
	n := maxBlockDepth + 50
	deep := strings.Repeat("location / {\n", n) + strings.Repeat("}\n", n)
	s := load(t, map[string]string{
		"nginx.conf": "http {\n    include inner.conf;\n}\n",
		"inner.conf": deep,
	}, "nginx.conf")
	check(
		t,
		"problems",
		problems(s),
		"1 inner.conf:100:1-13 blocks nest more than 100 deep; what they hold was not read\n",
	)
	depth := 0
	for ds := s.Configs[0].Directives; len(ds) > 0; ds = ds[0].Block {
		depth++
	}
	if depth != maxBlockDepth+1 {
		t.Errorf("kept %d levels, want %d", depth, maxBlockDepth+1)
	}
}
