// Package sarif writes flasklint's findings as a SARIF 2.1.0 log for GitHub
// code scanning and SARIF viewers. It is the only package that imports the
// SARIF library (go-sarif v3); everything else hands it rules.Rule and
// rules.Finding values.
//
// The log has one run. tool.driver.rules lists every rule, whether or not it
// fired, so that ruleIndex is stable. Each result carries an explicit level,
// one location relative to %SRCROOT%, a full region (startLine, startColumn,
// endLine, endColumn; columns in UTF-16 code units) and, when the file's
// bytes are available, the primaryLocationLineHash GitHub would compute.
// Findings of family FL0xx (files that could not be read or parsed, nginx
// includes that could not be followed) are also listed as tool execution
// notifications of the run's single invocation; the findings about
// suppression comments (FL005-FL007) are not.
package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/flasklint/flasklint/rules"
)

const (
	schemaURI      = "https://json.schemastore.org/sarif-2.1.0.json"
	toolName       = "flasklint"
	informationURI = "https://github.com/flasklint/flasklint"
	srcRoot        = "%SRCROOT%"
	columnKind     = "utf16CodeUnits"
)

// Log is everything one SARIF file is written from.
type Log struct {
	// Rules is every rule, sorted by id, including rules without results.
	Rules []*rules.Rule
	// Findings are already sorted and deduplicated by the caller.
	Findings []rules.Finding
	// ToolVersion is flasklint's version, e.g. "0.1.0".
	ToolVersion string
	// Category is the automationDetails.id category; "" means "flasklint".
	// It is written as "<category>/", an id with an empty run part.
	Category string
	// BaseURI is the absolute directory URI %SRCROOT% stands for
	// ("file:///abs/dir/"); "" leaves originalUriBaseIds out.
	BaseURI string
	// Source returns the bytes of a file named by Finding.Pos.File, for
	// fingerprints. It may be nil or return nil: no fingerprint then.
	Source func(file string) []byte
	// Suppressed are findings that inline suppressions hid. They are
	// written as results with an inSource suppression (status accepted,
	// the comment's reason as justification), in order with Findings.
	// Leave them out of uploads to GitHub, which ignores suppressions and
	// would open them as alerts.
	Suppressed []rules.Suppressed
}

// Write writes log as pretty-printed SARIF 2.1.0 JSON ending in a newline.
// The same Log always gives the same bytes.
func Write(w io.Writer, log Log) error {
	rep, err := build(log)
	if err != nil {
		return err
	}
	raw, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("encoding sarif: %w", err)
	}
	clean, err := dropUnset(raw)
	if err != nil {
		return fmt.Errorf("cleaning sarif: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, clean, "", "  "); err != nil {
		return fmt.Errorf("indenting sarif: %w", err)
	}
	out.WriteByte('\n')
	_, err = w.Write(out.Bytes())
	return err
}

// build turns a Log into a go-sarif report. The rules go in first, so that
// every result finds its ruleIndex.
func build(log Log) (*sarif.Report, error) {
	run := newRun(log)
	index := make(map[string]int, len(log.Rules))
	for i, r := range log.Rules {
		if _, dup := index[r.ID]; dup {
			return nil, fmt.Errorf("rule %s is listed twice", r.ID)
		}
		addRule(run, r)
		index[r.ID] = i
	}

	inv := sarif.NewInvocation().WithExecutionSuccessful(true)
	fp := newFingerprinter(log.Source)
	for _, e := range entries(log) {
		f := e.Finding
		i, ok := index[f.RuleID]
		if !ok {
			return nil, fmt.Errorf("finding at %s: rule %s is not in the rule list", f.Pos, f.RuleID)
		}
		r := log.Rules[i]
		res := addResult(run, r, i, f, fp)
		if e.suppressed {
			res.AddSuppression(sarif.NewSuppression().
				WithKind("inSource").WithStatus("accepted").WithJustification(e.Reason).
				WithLocation(location(e.By)))
			continue
		}
		if r.Family() == "0" && !rules.IsSuppressionRule(r.ID) {
			inv.AddToolExecutionNotification(notification(r, i, f))
		}
	}
	run.AddInvocation(inv)

	rep := report.NewV210Report()
	rep.Schema = schemaURI
	rep.AddRun(run)
	return rep, nil
}

// entry is a finding to write, suppressed or not.
type entry struct {
	rules.Suppressed
	suppressed bool
}

// entries merges the suppressed findings into the findings, both sorted,
// keeping the order of each.
func entries(log Log) []entry {
	out := make([]entry, 0, len(log.Findings)+len(log.Suppressed))
	sup := log.Suppressed
	for _, f := range log.Findings {
		for len(sup) > 0 && rules.CompareFindings(sup[0].Finding, f) < 0 {
			out = append(out, entry{Suppressed: sup[0], suppressed: true})
			sup = sup[1:]
		}
		out = append(out, entry{Suppressed: rules.Suppressed{Finding: f}})
	}
	for _, s := range sup {
		out = append(out, entry{Suppressed: s, suppressed: true})
	}
	return out
}

// newRun creates the run with its tool, column kind, category and base URI.
func newRun(log Log) *sarif.Run {
	run := sarif.NewRunWithInformationURI(toolName, informationURI)
	run.Tool.Driver.WithVersion(log.ToolVersion).WithSemanticVersion(log.ToolVersion)
	run.WithColumnKind(columnKind)
	run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(automationID(log.Category)))
	if log.BaseURI != "" {
		base := log.BaseURI
		if !strings.HasSuffix(base, "/") {
			base += "/"
		}
		// NOTE: AddOriginalUriBaseId panics on a new run (nil map).
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			srcRoot: *sarif.NewSimpleArtifactLocation(base),
		})
	}
	return run
}

// automationID is the "category/run-id" id with an empty run id: GitHub
// takes the text before the last '/' as the category.
func automationID(category string) string {
	category = strings.TrimSuffix(category, "/")
	if category == "" {
		category = toolName
	}
	return category + "/"
}

// effectiveSeverity is the finding's severity, or its rule's when the
// finding leaves it at the zero value.
func effectiveSeverity(r *rules.Rule, f rules.Finding) rules.Severity {
	if f.Severity != 0 {
		return f.Severity
	}
	return r.Severity
}
