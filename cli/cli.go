// Package cli is flasklint's command line: it parses arguments, runs the
// driver and writes the chosen output format. Run takes the arguments and the
// three streams and returns the exit code, so it is tested without a process.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/flasklint/flasklint/output"
	"github.com/flasklint/flasklint/rules"
	"github.com/flasklint/flasklint/runner"
	"github.com/flasklint/flasklint/sarif"
)

// Version is flasklint's version.
const Version = "0.1.0"

// Exit codes.
const (
	ExitClean    = 0 // no findings
	ExitFindings = 1 // at least one finding
	ExitError    = 2 // bad arguments or a tool error
)

// usageError marks errors in the arguments.
type usageError struct{ error }

// Run runs flasklint with the arguments (without the program name).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	code := ExitClean
	root := newRoot(stdin, stdout, stderr, &code)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "flasklint: error: %v\n", err)
		if !strings.Contains(err.Error(), "\n") && isUsage(err) {
			fmt.Fprintln(stderr, "run 'flasklint --help' for usage")
		}
		return ExitError
	}
	return code
}

func isUsage(err error) bool {
	var u usageError
	return errors.As(err, &u) || strings.HasPrefix(err.Error(), "unknown")
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	root := &cobra.Command{
		Use:           "flasklint",
		Short:         "a static configuration linter for flask deployments",
		SilenceErrors: true,
		SilenceUsage:  true,
		Version:       Version,
	}
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newCheck(stdout, stderr, code), newRule(stdout), newRules(stdout), newVersion(stdout))
	return root
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print flasklint's version",
		Args:  cobra.NoArgs,
		Run:   func(*cobra.Command, []string) { fmt.Fprintf(stdout, "flasklint %s\n", Version) },
	}
}

func newRule(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "rule ID",
		Short: "print the documentation of a rule (by id or name)",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			for _, r := range rules.All {
				if strings.EqualFold(r.ID, args[0]) || r.Name == args[0] {
					_, err := io.WriteString(stdout, r.Markdown())
					return err
				}
			}
			return usageError{fmt.Errorf("unknown rule %q (see 'flasklint rules')", args[0])}
		},
	}
}

func newRules(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "rules",
		Short: "list every rule",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tTITLE")
			for _, r := range rules.All {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Title)
			}
			return tw.Flush()
		},
	}
}

type checkFlags struct {
	format, outFile, category string
	selectIDs, ignoreIDs      []string
	exitZero, verbose         bool
	workers                   int
}

func newCheck(stdout, stderr io.Writer, code *int) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "lint the flask deployment files under the paths (default .)",
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := runCheck(cmd.Context(), f, args, stdout, stderr)
			*code = c
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "output-format", "text", "output format: text, json, sarif or github")
	fl.StringVarP(&f.outFile, "output-file", "o", "", "write the output to this file instead of standard output")
	fl.StringSliceVar(&f.selectIDs, "select", nil, "rules to run: ids or prefixes such as FL3 (comma-separated)")
	fl.StringSliceVar(&f.ignoreIDs, "ignore", nil, "rules to skip: ids or prefixes (comma-separated)")
	fl.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings")
	fl.StringVar(&f.category, "category", "", "SARIF automationDetails category (default flasklint)")
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "say what was skipped and why on standard error")
	fl.IntVar(&f.workers, "workers", 0, "parser goroutines (default: one per core)")
	return cmd
}

func runCheck(ctx context.Context, f checkFlags, paths []string, stdout, stderr io.Writer) (int, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	selected, err := selectRules(f.selectIDs, f.ignoreIDs)
	if err != nil {
		return ExitError, err
	}
	write, err := formatter(f)
	if err != nil {
		return ExitError, err
	}
	opts := runner.Options{Paths: paths, Rules: selected, Workers: f.workers}
	if f.verbose {
		opts.Log = stderr
	}
	res, err := runner.Run(ctx, opts)
	if err != nil {
		return ExitError, err
	}

	var buf bytes.Buffer
	if err := write(&buf, res); err != nil {
		return ExitError, err
	}
	if err := emit(buf.Bytes(), f.outFile, stdout); err != nil {
		return ExitError, err
	}
	fmt.Fprintln(stderr, summary(res))
	if len(res.Failed) > 0 {
		return ExitError, fmt.Errorf("rules could not run: %s", strings.Join(res.Failed, "; "))
	}
	if len(res.Findings) == 0 || f.exitZero {
		return ExitClean, nil
	}
	return ExitFindings, nil
}

func emit(out []byte, file string, stdout io.Writer) error {
	if file == "" {
		_, err := stdout.Write(out)
		return err
	}
	return os.WriteFile(file, out, 0o644)
}

type writeFunc func(io.Writer, *runner.Result) error

func formatter(f checkFlags) (writeFunc, error) {
	switch f.format {
	case "text":
		return func(w io.Writer, r *runner.Result) error { return output.Text(w, r.Findings, rules.ByID) }, nil
	case "json":
		return func(w io.Writer, r *runner.Result) error { return output.JSON(w, r.Findings, rules.ByID) }, nil
	case "github":
		return func(w io.Writer, r *runner.Result) error { return output.GitHub(w, r.Findings, rules.ByID) }, nil
	case "sarif":
		return func(w io.Writer, r *runner.Result) error {
			return sarif.Write(w, sarif.Log{
				Rules: rules.All, Findings: r.Findings, ToolVersion: Version,
				Category: f.category, BaseURI: fileURI(r.Base), Source: r.Source,
			})
		}, nil
	}
	return nil, usageError{fmt.Errorf("unknown output format %q (text, json, sarif or github)", f.format)}
}

// fileURI is the file: URI of a directory, ending in a slash.
func fileURI(dir string) string {
	u := "file://" + strings.ReplaceAll(dir, string(os.PathSeparator), "/")
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

func summary(r *runner.Result) string {
	if len(r.Findings) == 0 {
		return fmt.Sprintf("flasklint: no findings in %d files", r.Files)
	}
	levels := map[string]int{}
	for _, f := range r.Findings {
		levels[f.Level()]++
	}
	return fmt.Sprintf("flasklint: %d findings (%d errors, %d warnings, %d notes) in %d files",
		len(r.Findings), levels["error"], levels["warning"], levels["note"], r.Files)
}
