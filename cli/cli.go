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
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flasklint/flasklint/baseline"
	"github.com/flasklint/flasklint/config"
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

// validateFlags rejects flag values that the configuration file would reject
// too: globs that match nothing, a negative worker count.
func validateFlags(f checkFlags) error {
	for _, p := range append(append([]string{}, f.exclude...), f.extendExclude...) {
		if err := config.CheckGlob(p); err != nil {
			return usageError{fmt.Errorf("--exclude/--extend-exclude: %w", err)}
		}
	}
	if f.workers < 0 {
		return usageError{fmt.Errorf("--workers must be 0 (one per core) or more, not %d", f.workers)}
	}
	return nil
}

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
	// --version without the -v shorthand: under check, -v is --verbose.
	root.Flags().Bool("version", false, "print flasklint's version")
	root.AddCommand(newCheck(stdin, stdout, stderr, code), newRule(stdout), newRules(stdout), newVersion(stdout),
		newServer(stdin, stdout, code))
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
	format, outFile, category            string
	selectIDs, extendSelect, ignoreIDs   []string
	exclude, extendExclude               []string
	failOn                               rules.Severity
	configFile, baseline, writeBaseline  string
	isolated, showSettings               bool
	exitZero, verbose, includeSuppressed bool
	workers                              int
	stdinFilename                        string
}

func newCheck(stdin io.Reader, stdout, stderr io.Writer, code *int) *cobra.Command {
	var f checkFlags
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "lint the flask deployment files under the paths (default .)",
		Long: "Lint the flask deployment files under the paths (default .).\n\n" +
			"When every path is a file (as pre-commit passes them), the whole project (the git\n" +
			"repository holding the files, else the working directory) is read for cross-file\n" +
			"findings, and only the findings in the named files are reported.",
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := runCheck(cmd.Context(), f, cmd.Flags(), args, stdin, stdout, stderr)
			*code = c
			return err
		},
	}
	fl := cmd.Flags()
	fl.SortFlags = false
	fl.StringVar(&f.format, "output-format", "text", "output format: text, json, sarif or github")
	fl.StringVarP(&f.outFile, "output-file", "o", "", "write the output to this file instead of standard output")
	fl.StringSliceVar(
		&f.selectIDs,
		"select",
		nil,
		"rules to run: ids or prefixes such as FL3, or ALL (comma-separated)",
	)
	fl.StringSliceVar(&f.extendSelect, "extend-select", nil, "rules to run on top of select")
	fl.StringSliceVar(&f.ignoreIDs, "ignore", nil, "rules to skip: ids or prefixes (comma-separated)")
	fl.StringSliceVar(
		&f.exclude,
		"exclude",
		nil,
		"globs of files and directories to leave out (replaces the configuration's exclude)",
	)
	fl.StringSliceVar(&f.extendExclude, "extend-exclude", nil, "more globs to leave out")
	fl.Var(
		severityValue{&f.failOn},
		"fail-on",
		"lowest severity that makes the exit status 1: critical, high, medium, low or info",
	)
	fl.BoolVar(&f.exitZero, "exit-zero", false, "exit 0 even when there are findings")
	fl.StringVar(&f.category, "category", "", "SARIF automationDetails category (default flasklint)")
	fl.BoolVar(
		&f.includeSuppressed,
		"include-suppressed",
		false,
		"SARIF: also write suppressed findings, with an inSource suppression",
	)
	fl.StringVar(&f.baseline, "baseline", "", "leave out the findings recorded in this baseline file")
	fl.StringVar(&f.writeBaseline, "write-baseline", "", "record the current findings in this baseline file and exit 0")
	fl.StringVar(
		&f.configFile,
		"config",
		"",
		"read the settings from this file (a .flasklint.toml or a pyproject.toml)",
	)
	fl.BoolVar(&f.isolated, "isolated", false, "read no configuration file")
	fl.BoolVar(
		&f.showSettings,
		"show-settings",
		false,
		"print the effective settings and where each comes from, then exit",
	)
	fl.BoolVarP(&f.verbose, "verbose", "v", false, "say what was skipped and why on standard error")
	fl.IntVar(&f.workers, "workers", 0, "parser goroutines (default: one per core)")
	fl.StringVar(&f.stdinFilename, "stdin-filename", "",
		"lint standard input as the file PATH (the rest of the project from disk), for editors")
	return cmd
}

func runCheck(ctx context.Context, f checkFlags, flags *pflag.FlagSet, paths []string, stdin io.Reader,
	stdout, stderr io.Writer,
) (int, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := validateFlags(f); err != nil {
		return ExitError, err
	}
	overlay, err := stdinOverlay(f.stdinFilename, paths, stdin)
	if err != nil {
		return ExitError, err
	}
	if f.stdinFilename != "" {
		paths = []string{f.stdinFilename}
	}
	s, err := resolveSettings(f, flags, paths)
	if err != nil {
		return ExitError, err
	}
	if f.showSettings {
		return ExitClean, s.show(stdout)
	}
	write, err := formatter(f)
	if err != nil {
		return ExitError, err
	}
	var known *baseline.Baseline
	if f.baseline != "" {
		if known, err = baseline.Load(f.baseline); err != nil {
			return ExitError, err
		}
	}

	opts := runner.Options{
		Paths: paths, Rules: s.rules, Workers: f.workers, Exclude: s.excluded, Ignored: s.ignoredIn,
		Overlay: overlay,
	}
	if f.verbose {
		opts.Log = stderr
	}
	res, err := runner.Run(ctx, opts)
	if err != nil {
		return ExitError, err
	}
	failed := func() error { return fmt.Errorf("rules could not run: %s", strings.Join(res.Failed, "; ")) }
	if f.writeBaseline != "" {
		if len(res.Failed) > 0 {
			return ExitError, failed()
		}
		return writeBaseline(f.writeBaseline, res, stderr)
	}
	inBaseline := 0
	if known != nil {
		k, err := baseline.NewKeyer(f.baseline, res.Base, res.Source)
		if err != nil {
			return ExitError, err
		}
		res.Findings, inBaseline = known.Filter(k, res.Findings)
	}

	var buf bytes.Buffer
	if err := write(&buf, res); err != nil {
		return ExitError, err
	}
	if err := emit(buf.Bytes(), f.outFile, stdout); err != nil {
		return ExitError, err
	}
	fmt.Fprintln(stderr, summary(res, s, inBaseline))
	if len(res.Failed) > 0 {
		return ExitError, failed()
	}
	if f.exitZero || !slices.ContainsFunc(res.Findings, s.fails) {
		return ExitClean, nil
	}
	return ExitFindings, nil
}

// stdinOverlay reads standard input as the text of the --stdin-filename
// file. The file must exist on disk (an editor's buffer of it): flasklint
// reads it in its place, and the rest of the project from disk, as a run
// on that one file does.
func stdinOverlay(name string, paths []string, stdin io.Reader) (map[string][]byte, error) {
	if name == "" {
		return nil, nil
	}
	if len(paths) > 0 {
		return nil, usageError{fmt.Errorf("--stdin-filename takes no paths")}
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return nil, err
	}
	if info, err := os.Stat(abs); err != nil || !info.Mode().IsRegular() {
		return nil, fmt.Errorf("--stdin-filename %s: the file must exist (its text is read from standard input)", name)
	}
	src, err := io.ReadAll(io.LimitReader(stdin, runner.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading standard input: %w", err)
	}
	return map[string][]byte{abs: src}, nil
}

// writeBaseline records the run's findings and exits 0.
func writeBaseline(path string, res *runner.Result, stderr io.Writer) (int, error) {
	k, err := baseline.NewKeyer(path, res.Base, res.Source)
	if err != nil {
		return ExitError, err
	}
	if err := k.Write(path, res.Findings); err != nil {
		return ExitError, err
	}
	fmt.Fprintf(stderr, "flasklint: wrote %d findings to the baseline %s\n", len(res.Findings), path)
	return ExitClean, nil
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
	if f.includeSuppressed && f.format != "sarif" {
		return nil, usageError{fmt.Errorf("--include-suppressed is for --output-format sarif only")}
	}
	switch f.format {
	case "text":
		return func(w io.Writer, r *runner.Result) error { return output.Text(w, r.Displayed(), rules.ByID) }, nil
	case "json":
		return func(w io.Writer, r *runner.Result) error { return output.JSON(w, r.Findings, rules.ByID) }, nil
	case "github":
		return func(w io.Writer, r *runner.Result) error { return output.GitHub(w, r.Displayed(), rules.ByID) }, nil
	case "sarif":
		return func(w io.Writer, r *runner.Result) error {
			log := sarif.Log{
				Rules: rules.All, Findings: r.Findings, ToolVersion: Version,
				Category: f.category, BaseURI: fileURI(r.Base), Source: r.Source,
			}
			if f.includeSuppressed {
				log.Suppressed = r.Suppressed
			}
			return sarif.Write(w, log)
		}, nil
	}
	return nil, usageError{fmt.Errorf("unknown output format %q (text, json, sarif or github)", f.format)}
}

// fileURI is the file: URI of a directory, ending in a slash.
func fileURI(dir string) string {
	p := filepath.ToSlash(dir)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// summary is the line printed on standard error after the output.
func summary(r *runner.Result, s *settings, inBaseline int) string {
	var b strings.Builder
	if len(r.Findings) == 0 {
		fmt.Fprintf(&b, "flasklint: no findings in %s", count(r.Files, "file"))
	} else {
		levels := map[string]int{}
		for _, f := range r.Findings {
			levels[f.Level()]++
		}
		fmt.Fprintf(&b, "flasklint: %s (%s, %s, %s) in %s", count(len(r.Findings), "finding"),
			count(levels["error"], "error"), count(levels["warning"], "warning"), count(levels["note"], "note"),
			count(r.Files, "file"))
	}
	if r.Only != nil {
		fmt.Fprintf(&b, ", reported for the %d named", len(r.Only))
	}
	if n := len(r.Suppressed); n > 0 {
		fmt.Fprintf(&b, "; %d suppressed", n)
	}
	if inBaseline > 0 {
		fmt.Fprintf(&b, "; %d in the baseline", inBaseline)
	}
	if s.failOn > rules.Info && len(r.Findings) > 0 {
		n := 0
		for _, f := range r.Findings {
			if s.fails(f) {
				n++
			}
		}
		fmt.Fprintf(&b, "; %d at or above fail-on %s", n, s.failOn)
	}
	return b.String()
}

// count says "1 file" or "3 files".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
