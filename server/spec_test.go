package server

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/internal/pg"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed/seedtest"
	"github.com/gecli/gecli/server/vault"
	"github.com/gecli/gecli/testkit/pgtest"
	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	specOnce   sync.Once
	specRouter routers.Router
	specErr    error
)

// router loads api/openapi.yaml once and checks that it is itself valid.
func router(t testing.TB) routers.Router {
	specOnce.Do(func() {
		doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPISpec)
		if err != nil {
			specErr = err
			return
		}
		if specErr = doc.Validate(context.Background()); specErr != nil {
			return
		}
		doc.Servers = nil // match any host
		specRouter, specErr = legacy.NewRouter(doc)
	})
	if specErr != nil {
		t.Fatalf("api/openapi.yaml: %v", specErr)
	}
	return specRouter
}

// testServer is a server over a real SQLite file with the demo catalog.
type testServer struct {
	t      *testing.T
	srv    *httptest.Server
	db     *db.DB
	dbPath string
	auth   *Auth
	server *Server
	logs   *syncBuffer // everything the server and the issuer logged
	// vaultKey is the master key the server was given.
	vaultKey *vault.MasterKey
}

// syncBuffer collects log lines written from handler goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	path := seedtest.DemoDB(t)
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		path = demoPostgres(t)
	}
	key, err := vault.ParseKey(vault.NewKey())
	if err != nil {
		t.Fatal(err)
	}
	return startServer(t, path, "", key)
}

// startServer serves the database at path; publicURL "" is the server's
// own address (replicas share one, as behind a load balancer).
func startServer(t *testing.T, path, publicURL string, key *vault.MasterKey) *testServer {
	t.Helper()
	return startServerWith(t, path, publicURL, key, nil)
}

// startServerWith is startServer with the server's Config changed by
// configure first (an SEI client, say).
func startServerWith(t *testing.T, path, publicURL string, key *vault.MasterKey, configure func(*Config)) *testServer {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	if publicURL != "" {
		url = publicURL
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	auth, err := NewAuth(ctx, d, AuthOptions{PublicURL: url, Audience: "gecli", ClientID: "gecli-tui", Log: log})
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, srv: srv, db: d, dbPath: path, auth: auth, logs: logs}
	ts.vaultKey = key
	cfg := Config{Build: api.Build(), Auth: auth, Logger: log, VaultKey: key}
	if configure != nil {
		configure(&cfg)
	}
	ts.server = New(d, cfg)
	srv.Config.Handler = ts.server.Handler()
	srv.Start()
	t.Cleanup(srv.Close)
	return ts
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request and validates the response against the spec: every
// status, header and body the server sends must be documented.
func (ts *testServer) do(method, path string, header map[string]string) response {
	ts.t.Helper()
	req, _ := http.NewRequest(method, ts.srv.URL+path, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := ts.srv.Client().Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	ts.validate(req, res, body)
	return response{status: res.StatusCode, header: res.Header, body: body}
}

func (ts *testServer) validate(req *http.Request, res *http.Response, body []byte) {
	ts.t.Helper()
	route, params, err := router(ts.t).FindRoute(req)
	if err != nil {
		if res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusMethodNotAllowed {
			return // undocumented routes answer with a problem, checked by the caller
		}
		ts.t.Fatalf("%s %s is not in api/openapi.yaml: %v", req.Method, req.URL.Path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	out.SetBodyBytes(bytes.Clone(body))
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		ts.t.Fatalf("%s %s -> %d does not match the spec: %v\nbody: %.400s", req.Method, req.URL, res.StatusCode, err, body)
	}
}

// storedBytes is everything the database holds: on SQLite the file and
// its WAL as on disk; on PostgreSQL every value of every table, as text
// (bytea as its escaped bytes).
func (ts *testServer) storedBytes() string {
	ts.t.Helper()
	if ts.postgres() {
		return ts.postgresDump()
	}
	var out []byte
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(ts.dbPath + suffix)
		if err != nil && !os.IsNotExist(err) {
			ts.t.Fatal(err)
		}
		out = append(out, b...)
	}
	return string(out)
}

func (ts *testServer) postgresDump() string {
	raw := ts.raw()
	rows, err := raw.Query(`SELECT table_name, column_name, data_type FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	if err != nil {
		ts.t.Fatal(err)
	}
	var cols [][3]string
	for rows.Next() {
		var c [3]string
		rows.Scan(&c[0], &c[1], &c[2])
		cols = append(cols, c)
	}
	rows.Close()
	var out strings.Builder
	for _, c := range cols {
		expr := `"` + c[1] + `"::text`
		if c[2] == "bytea" {
			expr = `encode("` + c[1] + `", 'escape')`
		}
		var all sql.NullString
		if err := raw.QueryRow(`SELECT string_agg(` + expr + `, ' ') FROM "` + c[0] + `"`).Scan(&all); err != nil {
			ts.t.Fatal(err)
		}
		out.WriteString(all.String)
		out.WriteByte('\n')
	}
	return out.String()
}

// postgres says the test runs on PostgreSQL (GECLI_TEST_ENGINE=postgres).
func (ts *testServer) postgres() bool { return pg.IsURL(ts.dbPath) }

// raw opens the test's database past the server: to inspect it, or to
// tamper with it as an attacker with the database would.
func (ts *testServer) raw() *sql.DB {
	ts.t.Helper()
	var raw *sql.DB
	var err error
	if ts.postgres() {
		raw, err = pg.Open(context.Background(), ts.dbPath, nil, pg.Options{MaxConns: 2})
	} else {
		raw, err = sql.Open("sqlite", "file:"+ts.dbPath+"?_pragma=busy_timeout(5000)")
	}
	if err != nil {
		ts.t.Fatal(err)
	}
	ts.t.Cleanup(func() { raw.Close() })
	return raw
}

// demoPostgres is a PostgreSQL schema of the test's own, holding the
// demo data (GECLI_TEST_ENGINE=postgres: make test runs the server's tests
// once on each engine). The data is copied from the SQLite demo database
// the other tests start from (made once per run) with db.CopyAll, the
// copy `gecli db copy` makes: a fifth of the time seeding each schema
// took, which had brought the PostgreSQL run near its timeout. Seeding
// PostgreSQL itself is server/seed's tests' to check.
func demoPostgres(t testing.TB) string {
	ctx := context.Background()
	from, err := db.Open(ctx, seedtest.DemoDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close()
	url := pgtest.URL(t)
	to, err := db.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer to.Close()
	if _, err := db.CopyAll(ctx, from, to, nil); err != nil {
		t.Fatalf("copy the demo data: %v", err)
	}
	return url
}
