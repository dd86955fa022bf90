package rules

import "github.com/flasklint/flasklint/parsers/python"

// callArgs are the arguments of one call, split into positional and
// keyword ones.
type callArgs struct {
	pos     []*python.Node          // positional argument expressions
	kw      map[string]*python.Node // keyword name -> value expression
	kwNodes []*python.Node          // the keyword_argument nodes, in order
	// splat is set when *args or **kwargs may hold more arguments, so an
	// argument that is absent is unknown rather than defaulted.
	splat bool
}

func argsOf(f *python.File, call *python.Node) callArgs {
	a := callArgs{kw: map[string]*python.Node{}}
	list := call.Child("arguments")
	if list == nil || list.Type() != "argument_list" {
		return a
	}
	for _, c := range list.NamedChildren() {
		switch c.Type() {
		case "keyword_argument":
			a.kw[f.Text(c.Child("name"))] = c.Child("value")
			a.kwNodes = append(a.kwNodes, c)
		case "list_splat", "dictionary_splat":
			a.splat = true
		default:
			a.pos = append(a.pos, c)
		}
	}
	return a
}

// at returns the argument passed by keyword name or at position i (-1 or an
// empty name for none), or nil.
func (a callArgs) at(i int, name string) *python.Node {
	if v, ok := a.kw[name]; ok && name != "" {
		return v
	}
	if i >= 0 && i < len(a.pos) {
		return a.pos[i]
	}
	return nil
}
