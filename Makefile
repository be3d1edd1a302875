# gecli — the two commands a newcomer needs are `make run` and `make test`.

VERSION ?= $(shell git describe --tags --dirty 2>/dev/null || echo 0.1.0-dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X github.com/gecli/gecli/api.version=$(VERSION) \
           -X github.com/gecli/gecli/api.commit=$(COMMIT) \
           -X github.com/gecli/gecli/api.date=$(DATE)
BIN     := bin/gecli
# A named version: the module proxy serves it, @latest may not.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run build lint lint-spec test bench bench-postgres bench-load fuzz clean

## run: build and start the demo (backend + TUI in one process)
run: build
	./$(BIN) demo

## build: compile bin/gecli
build:
	go build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/gecli

## lint: what CI checks before the tests: gofmt, go vet, a tidy go.mod,
## staticcheck
lint:
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then \
		echo "gofmt -l: these files need gofmt -w:"; echo "$$unformatted"; exit 1; fi
	go vet ./...
	go mod tidy -diff
	go run $(STATICCHECK) ./...

## test: vet and every test with the race detector, then the TUI's keys
## walk and screens without it (they drive hundreds of models: see
## tui/keywalk_test.go); with GECLI_TEST_POSTGRES_URL set (.ci/run sets
## it), the server's tests once more on PostgreSQL, without -race
test:
	go vet ./...
	go test -race -count=1 -timeout 8m ./...
	go test -count=1 -timeout 8m -run 'TestEveryListedKeyActsAndEveryActingKeyIsListed|TestEveryScreenInBothSizesAndLanguages' ./tui/
	@if [ -n "$$GECLI_TEST_POSTGRES_URL" ]; then \
		echo "the server's tests on PostgreSQL (without -race: the engine's SQL is what differs, races were sought above):"; \
		GECLI_TEST_ENGINE=postgres go test -count=1 -timeout 8m ./server/...; \
	fi

## bench: the benchmarks whose figures README reports (the million-row
## ones build their data first: allow several minutes)
bench:
	go test -run '^$$' -bench . -benchmem -benchtime 2s ./store/ ./tui/...
	go test -run '^$$' -bench 'ListAPIs|ClientCredentialsGrants|GatewayPing' -benchmem -benchtime 3s ./server/
	go test -run '^$$' -bench 'Sync' -benchtime 3x -timeout 30m ./server/
	go test -run '^$$' -bench 'ListRequestsMillion$$' -benchtime 100x -timeout 60m ./server/
	go test -run '^$$' -bench 'ListRequestsMillionParallel' -benchtime 3000x -timeout 60m ./server/
	go test -run '^$$' -bench 'Session' -benchtime 20x ./sshd/

## lint-spec: api/openapi.yaml against Redocly's recommended rules (needs
## npm's registry once; the spec test keeps the main ones in make test)
lint-spec:
	npx --yes @redocly/cli@2.77.0 lint --extends recommended api/openapi.yaml

## bench-postgres: the server's benchmarks on PostgreSQL (set
## GECLI_TEST_POSTGRES_URL; the million-row database is copied there once
## and kept in schema bench_1000000_v2)
bench-postgres:
	GECLI_TEST_ENGINE=postgres go test -run '^$$' -bench 'ClientCredentialsGrants|GatewayPing' -benchtime 3s ./server/
	GECLI_TEST_ENGINE=postgres go test -run '^$$' -bench 'ListRequestsMillion$$' -benchtime 100x -timeout 60m ./server/

## bench-load: 200 concurrent mixed clients (a mean pause of 250 ms
## between a client's calls; --think 0 saturates) for 30 s against a
## server of its own on loopback (exits 1 on any 5xx or lost answer)
bench-load:
	go run ./cmd/gecli-load --clients 200 --duration 30s

## fuzz: run each fuzz target (validators, request bodies, query builders)
## for a while; the seeds found are in each package's testdata/fuzz
fuzz:
	for f in FuzzValidateCNPJ FuzzCNPJCheckDigits FuzzValidateCPF FuzzNormalizeOAB FuzzValidatePDF FuzzCheckSecret; do \
		go test -run '^$$' -fuzz "^$$f$$" -fuzztime 20s ./api/ || exit 1; \
	done
	go test -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime 20s ./internal/strictjson/
	go test -run '^$$' -fuzz '^FuzzRequestBodies$$' -fuzztime 20s ./server/
	go test -run '^$$' -fuzz '^FuzzRequestListQuery$$' -fuzztime 20s ./server/
	go test -run '^$$' -fuzz '^FuzzCacheQueries$$' -fuzztime 30s ./store/
	go test -run '^$$' -fuzz '^FuzzListRequests$$' -fuzztime 30s ./server/db/

clean:
	rm -rf bin
