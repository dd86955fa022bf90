package rules

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/flasklint/flasklint/parsers/python"
)

// ClientIPFromForwardedHeader reports app code that takes the client's
// address from a header the client can write.
var ClientIPFromForwardedHeader = &Rule{
	ID:        "FL403",
	Name:      "client-ip-from-forwarded-header",
	Title:     "the client address is read from a client-controlled header",
	Severity:  Medium,
	Precision: HighPrecision,
	Tags:      []string{"security", "proxy"},
	Needles:   AppNeedles,
	Doc: Doc{
		Why: "Each proxy appends the address it received the request from to `X-Forwarded-For`; " +
			"whatever the client sent comes first. The left-most entry " +
			"(`header.split(\",\")[0]`, `request.access_route[0]`) is therefore the one value the " +
			"client always chooses. Used as the client's address it lets anyone dodge rate " +
			"limits, pass IP allowlists and forge audit logs. `X-Real-IP` is only trustworthy " +
			"when every request passes a proxy that overwrites it; read directly and used as an " +
			"identity (returned from an IP helper, stored in an address variable, compared, or " +
			"used as a rate-limit key) it is reported as well.",
		Fix: "Let Werkzeug's `ProxyFix(app.wsgi_app, x_for=N)`, with N the number of proxies in " +
			"front of the app, set `request.remote_addr`, and use that. If the header must be " +
			"read, take the Nth entry from the right, never the first.",
		Limitations: "Reads are traced through local variables in the same file only. A " +
			"helper that receives the header as a parameter is not followed. `X-Real-IP` read " +
			"for display or logging is not reported.",
	},
	Check: checkClientIPFromForwardedHeader,
}

func checkClientIPFromForwardedHeader(p *Pass) error {
	m := p.Project.AppModel()
	for _, f := range p.Project.Python {
		python.Walk(f.Root, func(n *python.Node) bool {
			switch {
			case isFirstElement(f, n) && isForwardedList(m, f, n.Child("value"), 0):
				p.Report(Finding{Pos: nodePos(f, n), Message: leftMostMessage(m, f, n)})
			case isRealIPRead(m, f, n) && usedAsIdentity(f, n):
				p.Report(Finding{Pos: nodePos(f, n), Message: fmt.Sprintf("%s is taken as the client's "+
					"address, but any client can send that header unless every request passes a proxy "+
					"that overwrites it", shortText(f, n))})
			}
			return true
		})
	}
	return nil
}

// isFirstElement tells whether n is x[0].
func isFirstElement(f *python.File, n *python.Node) bool {
	if n.Type() != "subscript" {
		return false
	}
	idx := n.Child("subscript")
	return idx != nil && idx.Type() == "integer" && f.Text(idx) == "0"
}

func leftMostMessage(m *AppModel, f *python.File, n *python.Node) string {
	const claim = "is written by the client, not by a proxy: it is whatever address the client chooses to claim"
	if v := n.Child("value"); isType(v, "attribute") && f.Text(v.Child("attribute")) == "access_route" {
		return fmt.Sprintf("%s is the left-most X-Forwarded-For entry, which %s", shortText(f, n), claim)
	}
	return fmt.Sprintf("the left-most X-Forwarded-For entry (%s) %s", shortText(f, n), claim)
}

func isRealIPRead(m *AppModel, f *python.File, n *python.Node) bool {
	name, list, ok := headerRead(m, f, n)
	return ok && !list && name == "x-real-ip"
}

// usedAsIdentity tells whether a header read serves as the client's
// identity: returned from an address helper, stored in an address
// variable, compared, or used as a rate-limit key.
func usedAsIdentity(f *python.File, n *python.Node) bool {
	for c, p := n, n.Parent(); p != nil; c, p = p, p.Parent() {
		switch p.Type() {
		case "parenthesized_expression", "boolean_operator", "conditional_expression", "lambda",
			"argument_list":
			continue
		case "call":
			if c.Field() == "function" || isStringWrapper(f, p) {
				continue
			}
			return false
		case "attribute":
			continue // x.strip
		case "comparison_operator":
			return true
		case "keyword_argument":
			return strings.Contains(f.Text(p.Child("name")), "key")
		case "assignment":
			l := p.Child("left")
			return c.Field() == "right" && isType(l, "identifier") && isAddressName(f.Text(l))
		case "return_statement":
			fn := underFunction(p)
			return isType(fn, "function_definition") && isAddressName(f.Text(fn.Child("name")))
		}
		return false
	}
	return false
}

func isStringWrapper(f *python.File, call *python.Node) bool {
	fn := call.Child("function")
	if isType(fn, "identifier") {
		return f.Text(fn) == "str"
	}
	return slices.Contains([]string{"strip", "lstrip", "rstrip", "lower"}, methodName(f, call))
}

// isAddressName tells whether an identifier names a client address:
// client_ip, remote_addr, realIP, ip.
func isAddressName(name string) bool {
	var words []string
	word := []rune{}
	for i, r := range name {
		if r == '_' || unicode.IsUpper(r) && i > 0 && len(word) > 0 && !unicode.IsUpper(word[len(word)-1]) {
			words, word = append(words, strings.ToLower(string(word))), nil
		}
		if r != '_' {
			word = append(word, r)
		}
	}
	words = append(words, strings.ToLower(string(word)))
	for _, w := range words {
		switch w {
		case "ip", "addr", "address", "client", "remote", "ipaddr":
			return true
		}
	}
	return false
}
