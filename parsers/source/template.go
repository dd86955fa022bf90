package source

import "strings"

// MaskTemplates hides the template syntax of Jinja, cookiecutter and the
// like, keeping every byte offset, line and column in place: a "{% ... %}"
// statement or "{# ... #}" comment becomes spaces, and a "{{ ... }}"
// expression becomes an opaque placeholder of the same length,
// "${______}", which every parser of deployment files reads as a value
// filled in at run time. Only a construct that closes on its own line is
// masked; "${#" (a shell string length) is left alone.
func MaskTemplates(src []byte) []byte {
	var out []byte
	for i := 0; i+1 < len(src); i++ {
		if src[i] != '{' {
			continue
		}
		var closer string
		switch src[i+1] {
		case '{':
			closer = "}}"
		case '%':
			closer = "%}"
		case '#':
			if i > 0 && src[i-1] == '$' {
				continue
			}
			closer = "#}"
		default:
			continue
		}
		end := closeOnLine(src, i+2, closer)
		if end < 0 {
			continue
		}
		if out == nil {
			out = append([]byte(nil), src...)
		}
		fill(out[i:end], closer == "}}")
		i = end - 1
	}
	if out == nil {
		return src
	}
	return out
}

// closeOnLine is the offset just past closer, searched from i to the end of
// the line, or -1.
func closeOnLine(src []byte, i int, closer string) int {
	for ; i+1 < len(src) && src[i] != '\n'; i++ {
		if src[i] == closer[0] && src[i+1] == closer[1] {
			return i + 2
		}
	}
	return -1
}

func fill(b []byte, expr bool) {
	for j := range b {
		b[j] = ' '
	}
	if expr {
		b[0], b[1], b[len(b)-1] = '$', '{', '}'
		for j := 2; j < len(b)-1; j++ {
			b[j] = '_'
		}
	}
}

// HasTemplate tells whether a line holds template syntax ("{{", "{%", "{#")
// or starts with an envsubst placeholder ("${KEY}=...", "$KEY"): a line
// that the file's own syntax need not describe.
func HasTemplate(line string) bool {
	for _, t := range []string{"{{", "{%", "{#"} {
		if strings.Contains(line, t) {
			return true
		}
	}
	return strings.HasPrefix(strings.TrimSpace(line), "$")
}
