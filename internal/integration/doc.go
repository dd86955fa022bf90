// Package integration holds the tests that run flasklint through the real
// clients users meet it in: pre-commit installing the hook from this
// repository, actionlint on the GitHub Action and the documented workflows,
// and a language client (node, with the npm packages that
// scripts/ensure-lsp-client installs) driving `flasklint server`.
// They need git, pre-commit, shellcheck and Go's module proxy or a warm module
// cache; `make tools` installs the first three. A missing tool fails the
// test: nothing here passes by skipping.
package integration
