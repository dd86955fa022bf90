# flasklint's build and test entry points. `make test` is what CI runs.
GO ?= go
export CGO_ENABLED := 1

.PHONY: build test vet fmt-check tools install

build:
	$(GO) build -o bin/flasklint .

install:
	$(GO) install .

tools:
	./scripts/ensure-test-tools
	./scripts/ensure-sarif-multitool

fmt-check:
	@out=$$(find . -name '*.go' -not -path './.git/*' -not -path './bin/*' | xargs gofmt -l); \
	if [ -n "$$out" ]; then echo "not gofmt'ed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# Every test: unit tests, the annotated rule testdata (its nginx files also
# through the real `nginx -t`, which `tools` installs), the shared cases, the
# output goldens, SARIF validation (also by the SARIF Multitool, which `tools`
# installs), the README checks, and internal/integration: a real pre-commit
# run of the hooks and actionlint on the action and the workflows.
test: tools fmt-check vet
	PATH="$(CURDIR)/bin/testpath:$$PATH" $(GO) test -count=1 ./...
