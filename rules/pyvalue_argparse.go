package rules

import (
	"strings"

	"github.com/flasklint/flasklint/parsers/python"
)

// The values an argparse parser produces: parse_args() on a parser gives a
// namespace whose attributes are the defaults of the parser's arguments,
// each overridable by its command-line option.
const (
	argparseParser    = "argparse.ArgumentParser"
	argparseNamespace = "argparse.Namespace"
)

// parseArgs is parser.parse_args(): a namespace that remembers its parser
// (the ArgumentParser call) in Def.
func parseArgs(f *python.File, n *python.Node, parser Value) Value {
	return Value{Kind: ResultVal, Str: argparseNamespace, Origin: Origin{f, n},
		Def: Def{parser.Origin.File, parser.Origin.Node}}
}

// argparseDefault is the default of the argument stored under dest by the
// parser whose ArgumentParser call is parser.Node: the last add_argument or
// set_defaults of that parser in its file that sets it.
func (e *evaluator) argparseDefault(parser Def, dest string) Value {
	var out Value
	python.Walk(parser.File.Root, func(n *python.Node) bool {
		fn := n.Child("function")
		if n.Type() != "call" || !isType(fn, "attribute") {
			return true
		}
		method := parser.File.Text(fn.Child("attribute"))
		if method != "add_argument" && method != "set_defaults" {
			return true
		}
		owner := e.eval(parser.File, fn.Child("object"))
		if !owner.Is(ResultVal, argparseParser) || owner.Origin.Node != parser.Node {
			return true
		}
		args := argsOf(parser.File, n)
		if method == "set_defaults" {
			if v := args.at(-1, dest); v != nil {
				out = e.eval(parser.File, v).withOverride(out)
			}
			return true
		}
		if option, ok := e.argumentDest(parser.File, args, dest); ok {
			out = e.argumentDefault(parser.File, n, args)
			out.Override = option
		}
		return true
	})
	return out
}

// argumentDest tells whether add_argument(...) stores under dest, and the
// option that sets it ("--host", or the positional name).
func (e *evaluator) argumentDest(f *python.File, args callArgs, dest string) (string, bool) {
	var names []string
	for _, a := range args.pos {
		if v := e.eval(f, a); v.Kind == StrVal && !v.Partial {
			names = append(names, v.Str)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	option := names[0]
	for _, n := range names {
		if strings.HasPrefix(n, "--") {
			option = n
			break
		}
	}
	got := strings.ReplaceAll(strings.TrimLeft(option, "-"), "-", "_")
	if d := args.at(-1, "dest"); d != nil {
		v := e.eval(f, d)
		got = v.Str
	}
	return option, got == dest
}

// argumentDefault is an argument's default, with argparse's own defaults for
// the store_true and store_false actions.
func (e *evaluator) argumentDefault(f *python.File, call *python.Node, args callArgs) Value {
	if d := args.at(-1, "default"); d != nil {
		return e.eval(f, d)
	}
	v := Value{Kind: NoneVal, Origin: Origin{f, call}}
	switch action := e.eval(f, args.at(-1, "action")); action.Str {
	case "store_true":
		v.Kind, v.Bool = BoolVal, false
	case "store_false":
		v.Kind, v.Bool = BoolVal, true
	}
	return v
}
