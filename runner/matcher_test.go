package runner

import (
	"bytes"
	"math/rand"
	"testing"
)

func TestMatcher(t *testing.T) {
	m := newMatcher([]string{"flask", "real_ip", "access_route"}, []string{"import socket", "cors"})
	for src, want := range map[string]need{
		"from Flask import Flask":       needStrong,
		"IMPORT SOCKET":                 needWeak,
		"import  socket":                needNone,
		"x = 'x-real_ip'":               needStrong,
		"realreal_ip":                   needStrong, // the failure link after "real"
		"access_rout":                   needNone,
		"accessaccess_route":            needStrong,
		"":                              needNone,
		"fla sk flas k cor s real-ip\n": needNone,
		"\xffcors\x00":                  needWeak,
		"cors, then flask":              needStrong, // a strong needle after a weak one
		"import socket; import cors":    needWeak,
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
	m := newMatcher(needles[:2], needles[2:])
	rng := rand.New(rand.NewSource(1))
	for range 5000 {
		src := make([]byte, rng.Intn(12))
		for i := range src {
			src[i] = "abcABC"[rng.Intn(6)]
		}
		want := needNone
		for i, n := range needles {
			if bytes.Contains(bytes.ToLower(src), bytes.ToLower([]byte(n))) {
				if i < 2 {
					want = needStrong
				} else if want == needNone {
					want = needWeak
				}
			}
		}
		if got := m.match(src); got != want {
			t.Fatalf("match(%q) = %v, want %v", src, got, want)
		}
	}
}
