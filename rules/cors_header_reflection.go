package rules

import (
	"fmt"
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// CORSHeaderReflection reports hand-written Access-Control-Allow-Origin
// headers that allow any site.
var CORSHeaderReflection = &Rule{
	ID:        "FL303",
	Name:      "cors-header-reflection",
	Title:     "a hand-written cors header allows any origin",
	Severity:  Medium,
	Precision: MediumPrec,
	Tags:      []string{"security", "cors"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "An `after_request` hook or a view that copies the request's `Origin` " +
			"(`request.headers[\"Origin\"]`, `.get(\"Origin\")`, `request.origin`) into " +
			"`Access-Control-Allow-Origin` without comparing it with an allowlist lets every " +
			"website read the response from a visitor's browser. With " +
			"`Access-Control-Allow-Credentials: true` in the same function the browser also sends " +
			"the visitor's cookies, and every site can act as the logged-in user: high.\n\n" +
			"A literal `\"*\"` is reported as low, like flask-cors's `origins=\"*\"`: browsers " +
			"never send cookies to a `*` response, so it only exposes what needs no login.",
		Fix: "Compare the origin with a fixed set before echoing it: " +
			"`if origin in ALLOWED_ORIGINS: resp.headers[\"Access-Control-Allow-Origin\"] = origin`, " +
			"and add `Vary: Origin`. Or use flask-cors with an explicit `origins` list.",
		Limitations: "The allowlist check is recognised when a condition in the same function " +
			"compares the origin or passes it to a call; a check in another function, or a " +
			"flag computed from it and tested later, is not seen and gives a false positive. " +
			"Headers set through helper functions are not followed.",
	},
	Check: checkCORSHeaderReflection,
}

func checkCORSHeaderReflection(p *Pass) error {
	m := p.Project.AppModel()
	for _, f := range p.Project.Python {
		sets := headerSets(m, f, f.Root)
		for _, h := range sets {
			if h.name != "access-control-allow-origin" {
				continue
			}
			if finding, ok := reflectionFinding(m, f, h, sets); ok {
				p.Report(finding)
			}
		}
	}
	return nil
}

func reflectionFinding(m *AppModel, f *python.File, h headerSet, sets []headerSet) (Finding, bool) {
	fn := underFunction(h.node)
	creds := credentialsIn(m, f, fn, sets)
	if v := m.Resolver.Resolve(f, h.value); v.Kind == StrVal && !v.Partial && v.Str == "*" {
		msg := `Access-Control-Allow-Origin is set to "*": every site can read the response`
		if creds != nil {
			msg += `; browsers refuse "*" together with Access-Control-Allow-Credentials: true, ` +
				`so credentialed requests fail`
		}
		return Finding{Severity: Low, Pos: nodePos(f, h.node), Message: msg + originNote(v, f, h.node)}, true
	}

	names := map[string]bool{}
	if !isOriginRead(m, f, h.value, names) || originChecked(m, f, fn, names) {
		return Finding{}, false
	}
	finding := Finding{
		Pos: nodePos(f, h.node),
		Message: fmt.Sprintf("Access-Control-Allow-Origin copies the request's Origin (%s) without an "+
			"allowlist check: every site can read the response", shortText(f, h.value)),
	}
	if creds != nil {
		finding.Severity = High
		line := f.Span(creds.node).StartLine
		finding.Message += fmt.Sprintf(", and Access-Control-Allow-Credentials: true (line %d) "+
			"lets it act as the logged-in user", line)
		finding.Related = []Related{{Pos: nodePos(f, creds.node), Message: "credentials are allowed here"}}
	}
	return finding, true
}

// credentialsIn finds an Access-Control-Allow-Credentials: true set in the
// function fn.
func credentialsIn(m *AppModel, f *python.File, fn *python.Node, sets []headerSet) *headerSet {
	for i, h := range sets {
		if h.name != "access-control-allow-credentials" || underFunction(h.node) != fn {
			continue
		}
		v := m.Resolver.Resolve(f, h.value)
		if v.Kind == BoolVal && v.Bool || v.Kind == StrVal && strings.EqualFold(v.Str, "true") {
			return &sets[i]
		}
	}
	return nil
}

// originChecked tells whether a condition in fn compares the origin (by one
// of its variable names, or read afresh) or passes it to a call, the usual
// shapes of an allowlist check.
func originChecked(m *AppModel, f *python.File, fn *python.Node, names map[string]bool) bool {
	mentions := func(n *python.Node) bool {
		return containsNode(n, func(c *python.Node) bool {
			return c.Type() == "identifier" && names[f.Text(c)] || isOriginRead(m, f, c, map[string]bool{})
		})
	}
	return conditionChecks(f, fn, mentions, nil)
}

// containsNode tells whether match holds for n or a node below it.
func containsNode(n *python.Node, match func(*python.Node) bool) bool {
	found := false
	python.Walk(n, func(c *python.Node) bool {
		found = found || match(c)
		return !found
	})
	return found
}

// conditionChecks tells whether a condition in fn compares a value that
// mentions matches (an identity test with "is" does not count), calls a
// method on it (origin.endswith(...)) or passes it to a call
// (is_allowed(origin)); also whether fn has a node for which the optional
// extra holds. These are the usual shapes of an allowlist check.
func conditionChecks(f *python.File, fn *python.Node, mentions, extra func(*python.Node) bool) bool {
	checked := false
	python.Walk(fn, func(n *python.Node) bool {
		for _, cond := range conditionsOf(n) {
			python.Walk(cond, func(c *python.Node) bool {
				switch c.Type() {
				case "comparison_operator":
					ops := f.Text(c.Child("operators"))
					checked = checked || ops != "is" && !strings.HasPrefix(ops, "is ") && mentions(c)
				case "call":
					callee := c.Child("function")
					checked = checked || mentions(c.Child("arguments")) ||
						isType(callee, "attribute") && mentions(callee.Child("object"))
				}
				return !checked
			})
		}
		checked = checked || extra != nil && extra(n)
		return !checked
	})
	return checked
}

// conditionsOf returns the condition expressions a node tests.
func conditionsOf(n *python.Node) []*python.Node {
	switch n.Type() {
	case "if_statement", "elif_clause", "while_statement":
		return []*python.Node{n.Child("condition")}
	case "conditional_expression":
		if parts := n.NamedChildren(); len(parts) == 3 {
			return parts[1:2]
		}
	case "assert_statement":
		if parts := n.NamedChildren(); len(parts) > 0 {
			return parts[:1]
		}
	}
	return nil
}
