package runner

import (
	"bytes"
	"math/rand"
	"testing"
)

func TestMatcher(t *testing.T) {
	m := newMatcher([]string{"flask", "import socket", "real_ip", "cors", "access_route"})
	for src, want := range map[string]bool{
		"from Flask import Flask":       true,
		"IMPORT SOCKET":                 true,
		"import  socket":                false,
		"x = 'x-real_ip'":               true,
		"realreal_ip":                   true, // the failure link after "real"
		"access_rout":                   false,
		"accessaccess_route":            true,
		"":                              false,
		"fla sk flas k cor s real-ip\n": false,
		"\xffcors\x00":                  true,
	} {
		if got := m.match([]byte(src)); got != want {
			t.Errorf("match(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestMatcherAgreesWithSearch compares the automaton with a plain search of
// each needle on random texts over a small alphabet, where needles overlap.
func TestMatcherAgreesWithSearch(t *testing.T) {
	needles := []string{"abab", "bac", "Ca", "aaab", "cb"}
	m := newMatcher(needles)
	rng := rand.New(rand.NewSource(1))
	for range 5000 {
		src := make([]byte, rng.Intn(12))
		for i := range src {
			src[i] = "abcABC"[rng.Intn(6)]
		}
		want := false
		for _, n := range needles {
			want = want || bytes.Contains(bytes.ToLower(src), bytes.ToLower([]byte(n)))
		}
		if got := m.match(src); got != want {
			t.Fatalf("match(%q) = %v, want %v", src, got, want)
		}
	}
}
