package runner

import (
	"path"
	"strings"

	"github.com/flasklint/flasklint/rules"
)

// prescan decides from a file's bytes alone whether a selected rule may read
// it: one pass over the bytes with an automaton of every selected rule's
// needles, matched without regard to ASCII case.
type prescan struct {
	every bool     // a selected rule reads every Python file
	names []string // parts of base names read whatever the file holds
	m     *matcher // nil when no selected rule has Python needles
}

func newPrescan(selected []*rules.Rule) *prescan {
	if selected == nil {
		selected = rules.All
	}
	s := &prescan{}
	var needles []string
	for _, r := range selected {
		s.every = s.every || r.Needles.EveryPython()
		needles = append(needles, r.Needles.Python...)
		s.names = append(s.names, r.Needles.Names...)
	}
	if len(needles) > 0 {
		s.m = newMatcher(needles)
	}
	return s
}

// wanted tells whether a selected rule may read the file.
func (s *prescan) wanted(p string, src []byte) bool {
	base := path.Base(p)
	for _, n := range s.names {
		if strings.Contains(base, n) {
			return true
		}
	}
	return s.m != nil && s.m.match(src)
}

// matcher is an Aho-Corasick automaton over ASCII-folded bytes, as a dense
// table of states by byte class: the bytes that occur in no needle share
// one class, so the table stays small.
type matcher struct {
	class   [256]uint8
	classes int
	next    []int32 // state*classes + class -> state
	final   []bool
}

func newMatcher(needles []string) *matcher {
	m := &matcher{classes: 1}
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
	m.final = []bool{false}
	for _, n := range needles {
		s := int32(0)
		for i := 0; i < len(n); i++ {
			c := m.class[n[i]]
			if goTo[s][c] < 0 {
				goTo[s][c] = int32(len(goTo))
				goTo = append(goTo, m.newState())
				m.final = append(m.final, false)
			}
			s = goTo[s][c]
		}
		m.final[s] = true
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
		m.final[s] = m.final[s] || m.final[fail[s]]
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

// match tells whether src holds a needle.
func (m *matcher) match(src []byte) bool {
	s := int32(0)
	for _, b := range src {
		s = m.next[int(s)*m.classes+int(m.class[b])]
		if m.final[s] {
			return true
		}
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
