package sarif

import (
	"fmt"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flasklint/flasklint/rules"
)

// addResult appends the result for f, a finding of r (rule number index).
func addResult(run *sarif.Run, r *rules.Rule, index int, f rules.Finding, fp *fingerprinter) *sarif.Result {
	res := run.CreateResultForRule(r.ID).
		WithRuleIndex(index).
		WithLevel(effectiveSeverity(r, f).Level()).
		WithMessage(sarif.NewTextMessage(messageText(f))).
		AddLocation(location(f.Pos))

	for i, rel := range f.Related {
		res.AddRelatedLocation(location(rel.Pos).
			WithID(i + 1).
			WithMessage(sarif.NewTextMessage(relatedText(rel))))
	}

	if f.Fix != nil {
		res.AddFixe(fix(f.Fix))
	}

	if hash, ok := fp.lineHash(f.Pos.File, region(f.Pos).startLine); ok {
		// NOTE: AddPartialFingerprint panics on a new result (nil map).
		res.WithPartialFingerprints(map[string]string{"primaryLocationLineHash": hash})
	}
	return res
}

// fix is a finding's quick fix as a SARIF fix: one artifact change per
// file, one replacement per edit.
func fix(f *rules.Fix) *sarif.Fix {
	out := sarif.NewFix().WithDescription(sarif.NewTextMessage(f.Description))
	changes := map[string]*sarif.ArtifactChange{}
	for _, e := range f.Edits {
		ch := changes[e.Pos.File]
		if ch == nil {
			ch = sarif.NewArtifactChange().WithArtifactLocation(
				sarif.NewSimpleArtifactLocation(fileURI(e.Pos.File)).WithURIBaseID(srcRoot))
			changes[e.Pos.File] = ch
			out.AddArtifactChange(ch)
		}
		reg := region(e.Pos)
		ch.AddReplacement(sarif.NewReplacement().
			WithDeletedRegion(sarif.NewRegion().
				WithStartLine(reg.startLine).
				WithStartColumn(reg.startCol).
				WithEndLine(reg.endLine).
				WithEndColumn(reg.endCol)).
			WithInsertedContent(sarif.NewArtifactContent().WithText(e.NewText)))
	}
	return out
}

// notification is the tool execution notification for f, a finding of an
// FL0xx rule: a file flasklint could not read or parse.
func notification(r *rules.Rule, index int, f rules.Finding) *sarif.Notification {
	return sarif.NewNotification().
		WithLevel(effectiveSeverity(r, f).Level()).
		WithMessage(sarif.NewTextMessage(f.Message)).
		WithDescriptor(sarif.NewReportingDescriptorReference().WithID(r.ID)).
		WithAssociatedRule(sarif.NewReportingDescriptorReference().WithID(r.ID).WithIndex(index)).
		AddLocation(location(f.Pos))
}

// messageText is the finding's message. When the finding has related
// locations, it links them the way GitHub shows them: "[text](id)", with
// literal brackets escaped as SARIF requires for messages with links.
func messageText(f rules.Finding) string {
	if len(f.Related) == 0 {
		return f.Message
	}
	links := make([]string, len(f.Related))
	for i, rel := range f.Related {
		links[i] = fmt.Sprintf("[%s](%d)", escapeBrackets(relatedText(rel)), i+1)
	}
	return escapeBrackets(f.Message) + "; see " + strings.Join(links, ", ")
}

// relatedText is a related location's message, or its position when it
// has none.
func relatedText(rel rules.Related) string {
	if rel.Message != "" {
		return rel.Message
	}
	return rel.Pos.String()
}

var bracketEscaper = strings.NewReplacer(`[`, `\[`, `]`, `\]`)

func escapeBrackets(s string) string { return bracketEscaper.Replace(s) }

// location is a physical location relative to %SRCROOT%.
func location(p rules.Pos) *sarif.Location {
	reg := region(p)
	artifact := sarif.NewSimpleArtifactLocation(fileURI(p.File)).WithURIBaseID(srcRoot)
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact).
		WithRegion(sarif.NewRegion().
			WithStartLine(reg.startLine).
			WithStartColumn(reg.startCol).
			WithEndLine(reg.endLine).
			WithEndColumn(reg.endCol)))
}

type span struct{ startLine, startCol, endLine, endCol int }

// region makes p's span a valid SARIF region: lines and columns at least
// 1 (a whole-file finding starts at 1:1) and an end not before the start.
func region(p rules.Pos) span {
	s := span{max(p.StartLine, 1), max(p.StartCol, 1), p.EndLine, p.EndCol}
	if s.endLine < s.startLine {
		s.endLine, s.endCol = s.startLine, s.startCol
	}
	if s.endLine == s.startLine {
		s.endCol = max(s.endCol, s.startCol)
	}
	s.endCol = max(s.endCol, 1)
	return s
}

// fileURI turns a relative, slash-separated path into a relative URI
// reference: bytes outside RFC 3986's unreserved and sub-delims sets are
// percent-encoded (UTF-8), so "é.py" becomes "%C3%A9.py". ':' is encoded
// too, so that no first segment reads as a scheme.
func fileURI(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		c := path[i]
		if uriSafe(c) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func uriSafe(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=@/", c) >= 0
}
