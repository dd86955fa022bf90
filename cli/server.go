package cli

import (
	"context"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/flasklint/flasklint/lsp"
	"github.com/flasklint/flasklint/runner"
)

func newServer(stdin io.Reader, stdout io.Writer, code *int) *cobra.Command {
	var workers int
	cmd := &cobra.Command{
		Use:   "server",
		Short: "run the language server on standard input and output",
		Long: "Run flasklint's language server (the Language Server Protocol over standard input and\n" +
			"output). It publishes the findings of the open files as diagnostics while they are\n" +
			"edited, linted together with the workspace's other files, with the project's\n" +
			"configuration as check reads it; and offers quick fixes and suppressions as code actions.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			c, err := lsp.Serve(ctx, stdin, stdout, lsp.Options{
				Configure: serverSettings, Version: Version, Workers: workers,
			})
			*code = c
			return err
		},
	}
	cmd.Flags().IntVar(&workers, "workers", 0, "parser goroutines (default: one per core)")
	return cmd
}

// serverSettings are the run options of a workspace root: the
// configuration found from the root, as check finds it for that directory.
func serverSettings(root string) (runner.Options, error) {
	s, err := resolveSettings(checkFlags{}, pflag.NewFlagSet("server", pflag.ContinueOnError), []string{root})
	if err != nil {
		return runner.Options{}, err
	}
	return runner.Options{Rules: s.rules, Exclude: s.excluded, Ignored: s.ignoredIn}, nil
}
