# flasklint's build and test entry points. `make test` is what CI runs.
GO ?= go
export CGO_ENABLED := 1

.PHONY: build test vet fmt-check tools install fuzz bench

build:
	$(GO) build -o bin/flasklint .

install:
	$(GO) install .

tools:
	./scripts/ensure-test-tools
	./scripts/ensure-sarif-multitool
	./scripts/ensure-lsp-client

fmt-check:
	@out=$$(find . -name '*.go' -not -path './.git/*' -not -path './bin/*' | xargs gofmt -l); \
	if [ -n "$$out" ]; then echo "not gofmt'ed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Every test: unit tests, the annotated rule testdata (its nginx files also
# through the real `nginx -t`, which `tools` installs), the shared cases, the
# output goldens, SARIF validation (also by the SARIF Multitool, which `tools`
# installs), the README checks, and internal/integration: a real pre-commit
# run of the hooks and actionlint on the action and the workflows. The
# runner's tests, which lint the whole testdata with rules running in
# parallel, run again under the race detector.
test: tools fmt-check vet
	PATH="$(CURDIR)/bin/testpath:$$PATH" $(GO) test -count=1 ./...
	$(GO) test -race -count=1 ./runner

# Every fuzz target, one after another, each for FUZZTIME; a crasher is kept
# under the package's testdata/fuzz/ and the target fails, the others still
# run. `make test` only replays the seeds and the kept crashers.
FUZZTIME ?= 1m
# Minimising each new interesting input may take a minute by default, in
# which the target shows 0 execs/sec; keep it short so FUZZTIME fuzzes.
FUZZMINIMIZETIME ?= 10s
# Extra flags for each run, e.g. FUZZFLAGS=-parallel=1 to leave cores free.
FUZZFLAGS ?=
FUZZ_TARGETS := \
	./parsers/python:FuzzParse \
	./parsers/nginx:FuzzLoad \
	./parsers/pins:FuzzParse \
	./parsers/dockerfile:FuzzParse \
	./parsers/compose:FuzzParse \
	./parsers/dotenv:FuzzParse \
	./parsers/procfile:FuzzParse \
	./parsers/shell:FuzzParse \
	./parsers/unit:FuzzParse \
	./parsers/packagejson:FuzzParse \
	./config:FuzzLoad \
	./rules:FuzzSuppressions \
	./rules:FuzzNginxRules \
	./cli:FuzzCheck \
	./lsp:FuzzServer

fuzz:
	@fail=0; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$pkg $$name for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME) $(FUZZFLAGS) $$pkg || fail=1; \
	done; exit $$fail

# Times flasklint against bandit, `nginx -t` and the cost of reading the same
# files (installing what it compares against), runs the Go benchmarks and
# shows the change since the previous run. Not part of `make test`.
bench:
	./scripts/bench
