package config

import (
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// position is where a key, or an element of an array, is written.
type position struct {
	line, col int // of the key (of the element for an array element)
	valueCol  int // of the value, for a key
}

// positions maps a key of the settings table to where it is written. Keys
// are dotted from the table ("select", "per-file-ignores.tests/**"); an
// array element adds its index ("select[2]").
type positions map[string]position

// elem is the position of element i of the array under key, or of the key
// when the element's is unknown.
func (p positions) elem(key string, i int) position {
	if e, ok := p[fmt.Sprintf("%s[%d]", key, i)]; ok {
		return e
	}
	return p[key]
}

// locate finds the keys of the settings table (table "" is the top level)
// in a document that decodes without error.
func locate(data []byte, table string) positions {
	out := positions{}
	var prefix []string
	if table != "" {
		prefix = strings.Split(table, ".")
	}
	p := &unstable.Parser{}
	p.Reset(data)
	var current []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			current = keyParts(e.Key())
			if rel, ok := relative(current, prefix); ok && len(rel) > 0 {
				out[strings.Join(rel, ".")] = shape(p, e.Key())
			}
		case unstable.KeyValue:
			addKeyValue(p, out, e, current, prefix)
		}
	}
	return out
}

// addKeyValue records a key-value under the table path current, and the
// elements of its array or inline table value.
func addKeyValue(p *unstable.Parser, out positions, kv *unstable.Node, current, prefix []string) {
	full := append(append([]string{}, current...), keyParts(kv.Key())...)
	rel, ok := relative(full, prefix)
	if !ok || len(rel) == 0 {
		return
	}
	name := strings.Join(rel, ".")
	pos := shape(p, kv.Key())
	value := kv.Value()
	if value.Raw.Length > 0 {
		pos.valueCol = p.Shape(value.Raw).Start.Column
	}
	out[name] = pos
	switch value.Kind {
	case unstable.Array:
		it := value.Children()
		for i := 0; it.Next(); i++ {
			if n := it.Node(); n.Raw.Length > 0 {
				s := p.Shape(n.Raw).Start
				out[fmt.Sprintf("%s[%d]", name, i)] = position{line: s.Line, col: s.Column}
			}
		}
	case unstable.InlineTable:
		it := value.Children()
		for it.Next() {
			if n := it.Node(); n.Kind == unstable.KeyValue {
				addKeyValue(p, out, n, full, prefix)
			}
		}
	}
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

// shape is the position of the first part of a key.
func shape(p *unstable.Parser, it unstable.Iterator) position {
	if !it.Next() {
		return position{}
	}
	s := p.Shape(it.Node().Raw).Start
	return position{line: s.Line, col: s.Column}
}

// relative is key without prefix, if key starts with it.
func relative(key, prefix []string) ([]string, bool) {
	if len(key) < len(prefix) {
		return nil, false
	}
	for i := range prefix {
		if key[i] != prefix[i] {
			return nil, false
		}
	}
	return key[len(prefix):], true
}
