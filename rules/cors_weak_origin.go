package rules

import (
	"fmt"
	"strings"
)

// CORSWeakOrigin reports flask-cors origins that match more sites than
// they seem to.
var CORSWeakOrigin = &Rule{
	ID:        "FL305",
	Name:      "cors-weak-origin",
	Title:     "a cors origin pattern matches more sites than intended",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "cors"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "flask-cors treats an origin string that contains any of `* \\ ] ? $ ^ [ ( )` as a " +
			"regular expression and matches it with `re.match`: anchored at the start, not at the " +
			"end. So `r\"https://.*\\.example\\.com\"` also matches `https://x.example.com.evil.net`, " +
			"an unescaped dot matches any character (`https://app.example.com$` accepts " +
			"`https://appxexample.com`), and a glob such as `https://*.example.com` is a regex that " +
			"does not mean \"any subdomain\" at all. The literal origin `\"null\"` is what sandboxed " +
			"iframes and `data:` pages send, so any site can claim it. High with credentials, " +
			"medium without. A plain origin without regex characters is compared exactly and is " +
			"fine.",
		Fix: "List exact origins (`[\"https://app.example.com\"]`), or write the regex with both " +
			"anchors and escaped dots: `r\"^https://[a-z0-9-]+\\.example\\.com$\"`. Never allow " +
			"`\"null\"`.",
		Limitations: "Patterns built at run time are not followed.",
	},
	Check: checkCORSWeakOrigin,
}

func checkCORSWeakOrigin(p *Pass) error {
	for _, u := range p.Project.AppModel().CORS {
		for _, pol := range u.Policies() {
			checkWeakOrigins(p, u, pol)
		}
	}
	return nil
}

func checkWeakOrigins(p *Pass, u *CORSUse, pol CORSPolicy) {
	opt, set, _ := u.option(pol, "origins")
	if !set {
		return
	}
	creds, credSet, _ := u.option(pol, "supports_credentials")
	withCreds := credSet && creds.Value.IsOn()
	for _, op := range originPatterns(p.Project.AppModel(), opt.Value) {
		o := op.Value
		problem := weakOrigin(o.Str, op.compiled)
		if problem == "" {
			continue
		}
		sev, tail := Medium, ""
		if withCreds {
			sev, tail = High, ", and supports_credentials lets it act as the logged-in user"
		}
		note := policyResource(pol)
		p.Report(Finding{
			Severity: sev,
			Pos:      nodePos(u.File, u.Node),
			Message: fmt.Sprintf(
				"%s%s allows origin %s: %s%s%s",
				u.callName(),
				note,
				o.Python(),
				problem,
				tail,
				originNote(o, u.File, u.Node),
			),
			Related: relatedOrigin(o, u.File, u.Node, "the origin is set here"),
		})
	}
}

func policyResource(pol CORSPolicy) string {
	if pol.Resource == "" {
		return ""
	}
	return fmt.Sprintf(" for resources %q", pol.Resource)
}

// originPattern is one origin string; compiled is set for the pattern of
// re.compile(...), which is a regex even without regex characters.
type originPattern struct {
	Value
	compiled bool
}

// originPatterns lists the fully known origin strings of an origins value,
// including the patterns of re.compile(...) items.
func originPatterns(m *AppModel, v Value) []originPattern {
	items := []Value{v}
	if v.Kind == ListVal {
		items = v.Items
	}
	var out []originPattern
	for _, it := range items {
		if it.Is(ResultVal, "re.compile") && it.Origin.Valid() {
			pat := m.Resolver.Resolve(it.Origin.File, argsOf(it.Origin.File, it.Origin.Node).at(0, "pattern"))
			if pat.Kind == StrVal && !pat.Partial {
				out = append(out, originPattern{pat, true})
			}
			continue
		}
		if it.Kind == StrVal && !it.Partial {
			out = append(out, originPattern{Value: it})
		}
	}
	return out
}

// weakOrigin says what is wrong with one origin, or "".
func weakOrigin(s string, compiled bool) string {
	switch {
	case strings.EqualFold(s, "null"):
		return `"null" is the origin of sandboxed iframes and data: pages, which any site can create`
	case s == "*" || s == ".*" || s == "^.*" || s == "^.*$" || s == ".*$":
		return "" // any origin: FL301 and FL302
	case !compiled && !strings.ContainsAny(s, `*\]?$^[()`):
		return "" // compared exactly
	case globLike(s):
		return fmt.Sprintf("it is a regular expression, not a glob: %q does not mean \"any subdomain\", its * "+
			"repeats the character before it and its dots match any character", s)
	case !endAnchored(s):
		return "the regular expression has no end anchor ($), and flask-cors matches it with re.match, so " +
			"an origin that merely starts with it passes (https://app.example.com.evil.net)"
	case unescapedDot(s):
		return "an unescaped dot in the regular expression matches any character, so a look-alike domain " +
			"passes (app.example.com also matches appxexample.com)"
	}
	return ""
}

// globLike tells whether a pattern is written as a shell glob:
// https://*.example.com, *.example.com.
func globLike(s string) bool {
	rest := s
	if i := strings.Index(s, "://"); i >= 0 {
		rest = s[i+3:]
	}
	return strings.HasPrefix(rest, "*.") || strings.Contains(rest, ".*.") && !strings.Contains(s, `\.`)
}

func endAnchored(s string) bool {
	return strings.HasSuffix(s, "$") && !strings.HasSuffix(s, `\$`) || strings.HasSuffix(s, `\Z`)
}

// unescapedDot tells whether a regex has a '.' outside a character class
// that is not escaped and not followed by a quantifier (".*", ".+" are
// meant as wildcards).
func unescapedDot(s string) bool {
	inClass := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == '.' && !inClass:
			if i+1 < len(s) && strings.IndexByte("*+?{", s[i+1]) >= 0 {
				continue
			}
			return true
		}
	}
	return false
}
