package rules

import "testing"

func TestSampleOf(t *testing.T) {
	for _, c := range []struct {
		file, target string
		want         bool
	}{
		{".env.dev-sample", ".env.dev", true},
		{".env.example", ".env", true},
		{"app/.env.sample", "app/.env", true},
		{".env.dev-sample", ".env", false},
		{".env.dev", ".env.dev", false},
		{".env.production.example", ".env", false},
		{".envexample", ".env", false},
	} {
		if got := sampleOf(c.file, c.target); got != c.want {
			t.Errorf("sampleOf(%q, %q) = %v, want %v", c.file, c.target, got, c.want)
		}
	}
}
