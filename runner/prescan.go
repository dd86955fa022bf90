package runner

import (
	"bytes"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/flasklint/flasklint/rules"
)

// prescan decides from a file's bytes alone whether a selected rule may read
// it: one pass over the bytes with an automaton of every selected rule's
// needles, matched without regard to ASCII case.
type prescan struct {
	names []string // parts of base names read whatever the file holds
	m     *matcher // nil when no selected rule has Python needles
}

// What a file's bytes tell the pre-scan.
type need uint8

const (
	needNone   need = 0
	needStrong need = 1 // a needle or a name: the file is read
	needWeak   need = 2 // weak needles only: read in a tree that holds a strong one
	// needAlone: not UTF-8 text, so parsed whatever it holds (FL001 tells
	// why it is no Python source), but by itself no sign of a Flask tree
	// and no reason to read the files it imports.
	needAlone need = 4
)

// prescans keeps the pre-scan of each selection of rules (by their ids),
// so that a cache can tell a file's earlier result is still good.
var prescans sync.Map

func newPrescan(selected []*rules.Rule) *prescan {
	if selected == nil {
		selected = rules.All
	}
	var ids strings.Builder
	for _, r := range selected {
		ids.WriteString(r.ID + " ")
	}
	if s, ok := prescans.Load(ids.String()); ok {
		return s.(*prescan)
	}
	s := &prescan{}
	var strong, weak []string
	for _, r := range selected {
		strong = append(strong, r.Needles.Python...)
		weak = append(weak, r.Needles.Weak...)
		for _, n := range r.Needles.Names {
			if !slices.Contains(s.names, n) {
				s.names = append(s.names, n)
			}
		}
	}
	if len(strong)+len(weak) > 0 {
		s.m = newMatcher(strong, weak)
	}
	actual, _ := prescans.LoadOrStore(ids.String(), s)
	return actual.(*prescan)
}

// wanted tells what a selected rule may read in the file. A file that is
// not UTF-8 text (NUL bytes, another encoding) is always parsed: its
// needles may be spelled in other bytes, and parsing it reports why it is
// no Python source. The needles found in its bytes (those of an encoding
// that keeps ASCII) count as in any other file.
func (s *prescan) wanted(p string, src []byte) need {
	base := path.Base(p)
	for _, n := range s.names {
		if strings.Contains(base, n) {
			return needStrong
		}
	}
	found := needNone
	if s.m != nil {
		found = s.m.match(src)
	}
	if found != needStrong && (bytes.IndexByte(src, 0) >= 0 || !utf8.Valid(src)) {
		found |= needAlone
	}
	return found
}

// choose sorts the Python files: wanted are those a selected rule may
// read, the files with a strong needle and, when there is one in the tree
// (flaskTree), those with a weak one. Without one, the files with only
// weak needles are out of scope: no rule reads them, even when every file
// is parsed. Alone are the files that are not UTF-8 text and hold no
// needle: they are parsed too, but only for themselves. (One that holds a
// needle counts like a UTF-8 file with that needle.)
func (s *prescan) choose(cache *Cache, paths []string, sources map[string][]byte, workers int,
) (wanted, alone, outOfScope map[string]bool) {
	wanted, alone, outOfScope = map[string]bool{}, map[string]bool{}, map[string]bool{}
	flaskTree := false
	var weak []string
	needs := make([]need, len(paths))
	parallel(len(paths), workers, func(i int) { needs[i] = cache.need(s, paths[i], sources[paths[i]]) })
	for i, p := range paths {
		switch {
		case needs[i]&needStrong != 0:
			wanted[p], flaskTree = true, true
		case needs[i]&needWeak != 0:
			weak = append(weak, p)
		case needs[i]&needAlone != 0:
			alone[p] = true
		}
	}
	for _, p := range weak {
		if flaskTree {
			wanted[p] = true
		} else {
			outOfScope[p] = true
		}
	}
	return wanted, alone, outOfScope
}

// matcher is an Aho-Corasick automaton over ASCII-folded bytes, as a dense
// table of states by byte class: the bytes that occur in no needle share
// one class, so the table stays small.
type matcher struct {
	class   [256]uint8
	classes int
	next    []int32 // state*classes + class -> state
	final   []need  // what reaching the state finds
}

func newMatcher(strong, weak []string) *matcher {
	m := &matcher{classes: 1}
	needles := append(slices.Clip(strong), weak...)
	for _, n := range needles {
		for i := 0; i < len(n); i++ {
			c := lower(n[i])
			if m.class[c] == 0 {
				m.class[c] = uint8(m.classes)
				m.classes++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	// The trie, with -1 for a missing edge.
	goTo := [][]int32{m.newState()}
	m.final = []need{needNone}
	for i, n := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := m.class[n[i]]
			if goTo[s][c] < 0 {
				goTo[s][c] = int32(len(goTo))
				goTo = append(goTo, m.newState())
				m.final = append(m.final, needNone)
			}
			s = goTo[s][c]
		}
		if i < len(strong) {
			m.final[s] |= needStrong
		} else {
			m.final[s] |= needWeak
		}
	}
	// Breadth first: fill the missing edges from the failure links.
	m.next = make([]int32, len(goTo)*m.classes)
	fail := make([]int32, len(goTo))
	var queue []int32
	for c := range m.classes {
		if t := goTo[0][c]; t > 0 {
			queue = append(queue, t)
			m.next[c] = t
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		m.final[s] |= m.final[fail[s]]
		for c := range m.classes {
			t := goTo[s][c]
			if t < 0 {
				m.next[int(s)*m.classes+c] = m.next[int(fail[s])*m.classes+c]
				continue
			}
			fail[t] = m.next[int(fail[s])*m.classes+c]
			m.next[int(s)*m.classes+c] = t
			queue = append(queue, t)
		}
	}
	return m
}

func (m *matcher) newState() []int32 {
	row := make([]int32, m.classes)
	for i := range row {
		row[i] = -1
	}
	return row
}

// match tells whether src holds a strong needle, else whether it holds a
// weak one.
func (m *matcher) match(src []byte) need {
	s, found := int32(0), needNone
	for _, b := range src {
		s = m.next[int(s)*m.classes+int(m.class[b])]
		if f := m.final[s]; f != needNone {
			if f&needStrong != 0 {
				return needStrong
			}
			found = needWeak
		}
	}
	return found
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
