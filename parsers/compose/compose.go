// Package compose reads the services of a Docker Compose file with the line
// of every value that matters to a Flask deployment: command, entrypoint,
// environment (list and map forms), env_file, ports and expose. It reads
// the YAML with gopkg.in/yaml.v3's node API, for the line numbers, and
// hides its types.
package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/flasklint/flasklint/parsers/source"
)

// Value is a scalar with its line.
type Value struct {
	Text string
	Line int
}

// Env is one environment entry. HasValue is false for a bare "- KEY" or
// "KEY:" (taken from the shell that runs compose).
type Env struct {
	Key, Value string
	HasValue   bool
	Line       int
}

// Command is a command or entrypoint: exec words or one shell string.
type Command struct {
	Words []string // list form
	Shell string   // string form
	Line  int
}

// Service is one service of a compose file.
type Service struct {
	Name  string
	Line  int
	Image string
	Build bool
	// Context is the build context as written ("." when build has none).
	Context    string
	Dockerfile string // build.dockerfile, if set
	Command    *Command
	Entrypoint *Command
	Env        []Env
	EnvFiles   []Value
	Ports      []Value // each "host:container" as written, or "target" of the long form
	Expose     []Value
	DependsOn  []string
	Profiles   []string // the profiles that start it; none: always started
	// Mounts are its bind mounts, as written.
	Mounts []Mount
}

// Mount is a bind mount: "./nginx:/etc/nginx/conf.d:ro", or the long
// form's source and target.
type Mount struct {
	Source, Target string // the host path and the container path
	Line           int
}

// File is a parsed compose file.
type File struct {
	Path      string
	Services  []*Service
	Error     string
	ErrorLine int
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// Parse reads a compose file. A YAML error is kept with its line.
func Parse(path string, src []byte) (f *File) {
	f = &File{Path: path}
	defer func() {
		if r := recover(); r != nil {
			f.Services = nil
			f.Error, f.ErrorLine = fmt.Sprintf("the YAML parser failed on this file: %v", r), 1
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(source.MaskTemplates(src)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return f
		}
		f.Error, f.ErrorLine = yamlError(err.Error())
		return f
	}
	if len(doc.Content) == 0 {
		return f
	}
	services := mapGet(doc.Content[0], "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return f
	}
	for _, kv := range pairs(services) {
		name, body := kv[0], resolve(kv[1])
		if body == nil || body.Kind != yaml.MappingNode {
			continue
		}
		f.Services = append(f.Services, service(name.Value, name.Line, body))
	}
	return f
}

func service(name string, line int, body *yaml.Node) *Service {
	s := &Service{Name: name, Line: line}
	if n := mapGet(body, "image"); n != nil {
		s.Image = n.Value
	}
	if b := mapGet(body, "build"); b != nil {
		s.Build, s.Context = true, "."
		if b.Kind == yaml.ScalarNode {
			s.Context = b.Value
		} else if c := mapGet(b, "context"); c != nil {
			s.Context = c.Value
		}
		if d := mapGet(b, "dockerfile"); d != nil {
			s.Dockerfile = d.Value
		}
	}
	s.Command = command(mapGet(body, "command"))
	s.Entrypoint = command(mapGet(body, "entrypoint"))
	if env := mapGet(body, "environment"); env != nil {
		switch env.Kind {
		case yaml.MappingNode:
			for _, kv := range pairs(env) {
				k, v := kv[0], resolve(kv[1])
				e := Env{Key: k.Value, Line: k.Line}
				if v != nil && v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
					e.Value, e.HasValue = v.Value, true
				}
				s.Env = append(s.Env, e)
			}
		case yaml.SequenceNode:
			for _, it := range env.Content {
				if it.Kind != yaml.ScalarNode {
					continue
				}
				k, v, ok := cut(it.Value)
				s.Env = append(s.Env, Env{Key: k, Value: v, HasValue: ok, Line: it.Line})
			}
		}
	}
	s.EnvFiles = scalars(mapGet(body, "env_file"), "path")
	s.Ports = scalars(mapGet(body, "ports"), "")
	s.Expose = scalars(mapGet(body, "expose"), "")
	s.Mounts = mounts(mapGet(body, "volumes"))
	for _, v := range scalars(mapGet(body, "profiles"), "") {
		s.Profiles = append(s.Profiles, v.Text)
	}
	for _, d := range scalars(mapGet(body, "depends_on"), "") {
		s.DependsOn = append(s.DependsOn, d.Text)
	}
	if dep := mapGet(body, "depends_on"); dep != nil && dep.Kind == yaml.MappingNode {
		for i := 0; i < len(dep.Content); i += 2 {
			s.DependsOn = append(s.DependsOn, dep.Content[i].Value)
		}
	}
	return s
}

// mounts reads the bind mounts of a volumes list. A named volume has no
// path; a bind mount's source starts with ".", "/" or "~", or has a slash.
func mounts(n *yaml.Node) []Mount {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Mount
	for _, it := range n.Content {
		var m Mount
		switch it = resolve(it); {
		case it == nil:
			continue
		case it.Kind == yaml.ScalarNode:
			src, rest, _ := strings.Cut(it.Value, ":")
			dst, _, _ := strings.Cut(rest, ":")
			m = Mount{Source: src, Target: dst, Line: it.Line}
		case it.Kind == yaml.MappingNode:
			src, dst := mapGet(it, "source"), mapGet(it, "target")
			if src == nil || dst == nil {
				continue
			}
			m = Mount{Source: src.Value, Target: dst.Value, Line: src.Line}
		default:
			continue
		}
		if m.Source != "" && (strings.ContainsAny(m.Source[:1], "./~") || strings.Contains(m.Source, "/")) {
			out = append(out, m)
		}
	}
	return out
}

// cut splits "KEY=value".
func cut(s string) (k, v string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == '=' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func command(n *yaml.Node) *Command {
	n = resolve(n)
	if n == nil {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return &Command{Shell: n.Value, Line: n.Line}
	case yaml.SequenceNode:
		c := &Command{Line: n.Line}
		for _, w := range n.Content {
			c.Words = append(c.Words, w.Value)
		}
		return c
	}
	return nil
}

// scalars reads a string, a list of strings, or a list of mappings whose
// key field is taken (long-form ports use "published"/"target").
func scalars(n *yaml.Node, key string) []Value {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind == yaml.ScalarNode {
		return []Value{{n.Value, n.Line}}
	}
	if n.Kind != yaml.SequenceNode {
		return nil
	}
	var out []Value
	for _, it := range n.Content {
		it = resolve(it)
		switch {
		case it == nil:
		case it.Kind == yaml.ScalarNode:
			out = append(out, Value{it.Value, it.Line})
		case it.Kind == yaml.MappingNode && key != "":
			if v := mapGet(it, key); v != nil {
				out = append(out, Value{v.Value, v.Line})
			}
		case it.Kind == yaml.MappingNode:
			out = append(out, Value{longPort(it), it.Line})
		}
	}
	return out
}

// longPort renders a long-form port as "host_ip:published:target".
func longPort(n *yaml.Node) string {
	get := func(k string) string {
		if v := mapGet(n, k); v != nil {
			return v.Value
		}
		return ""
	}
	s := get("target")
	if p := get("published"); p != "" {
		s = p + ":" + s
		if ip := get("host_ip"); ip != "" {
			s = ip + ":" + s
		}
	}
	return s
}

func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 16; depth++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func mapGet(m *yaml.Node, key string) *yaml.Node {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	merges := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch k := m.Content[i]; {
		case k.Value == key && !isMerge(k):
			return resolve(m.Content[i+1]) // a mapping's own key wins
		case isMerge(k):
			merges = true
		}
	}
	if !merges {
		return nil
	}
	for _, kv := range pairs(m) {
		if kv[0].Value == key {
			return resolve(kv[1])
		}
	}
	return nil
}

// isMerge tells whether a mapping key is the YAML merge key `<<`.
func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "")
}

// maxMerges bounds how many mappings `<<` merge keys may pull into one
// mapping, nested merges counted: aliases can make a small file expand
// into a huge one.
const maxMerges = 64

// pairs lists a mapping's key and value nodes with YAML merge keys
// (`<<: *base`, `<<: [*a, *b]`) expanded: the mapping's own keys first and
// winning, then the merged mappings' keys in order, each key once.
func pairs(m *yaml.Node) [][2]*yaml.Node {
	budget := maxMerges
	seen := map[string]bool{}
	var out [][2]*yaml.Node
	var add func(m *yaml.Node, depth int)
	add = func(m *yaml.Node, depth int) {
		m = resolve(m)
		if m == nil || m.Kind != yaml.MappingNode || depth > 8 {
			return
		}
		var merges []*yaml.Node
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if isMerge(k) {
				merges = append(merges, v)
				continue
			}
			if !seen[k.Value] {
				seen[k.Value] = true
				out = append(out, [2]*yaml.Node{k, v})
			}
		}
		for _, v := range merges {
			v = resolve(v)
			if v == nil {
				continue
			}
			sources := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				sources = v.Content
			}
			for _, src := range sources {
				if budget--; budget < 0 {
					return
				}
				add(src, depth+1)
			}
		}
	}
	add(m, 0)
	return out
}

// yamlError reads the message and line of a yaml.v3 error. A scanner error
// gives the 1-based line of the problem; a parser error ("did not find
// expected ...") gives the 0-based line of the block or flow collection it
// was parsing, so it is moved to that collection's 1-based line and said so.
func yamlError(msg string) (string, int) {
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0]+": ", "", 1)
		if strings.Contains(msg, "did not find expected") {
			line++
			msg += " (in the collection that starts on this line)"
		}
	}
	return msg, max(line, 1)
}
