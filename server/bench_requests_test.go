package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed/seedtest"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/pgtest"
)

// benchServer is a server whose database has n extra requests, stored
// through the same code as real submissions (history, hash chain).
// With GECLI_TEST_ENGINE=postgres the database is PostgreSQL's (see
// benchPostgres).
func benchServer(b *testing.B, n int) (*httptest.Server, *Auth, *db.DB) {
	b.Helper()
	var d *db.DB
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		d = benchPostgres(b, n)
	} else {
		d = benchSQLite(b, n)
	}
	srv := httptest.NewUnstartedServer(nil)
	url := "http://" + srv.Listener.Addr().String()
	auth, err := NewAuth(context.Background(), d, AuthOptions{PublicURL: url, Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		b.Fatal(err)
	}
	srv.Config.Handler = New(d, Config{Auth: auth}).Handler()
	srv.Start()
	b.Cleanup(srv.Close)
	return srv, auth, d
}

// benchPostgres is benchSQLite's database copied into PostgreSQL (as
// `gecli db copy` would) and kept in schema bench_N between runs, since
// the copy takes minutes.
func benchPostgres(b *testing.B, n int) *db.DB {
	b.Helper()
	ctx := context.Background()
	schema := fmt.Sprintf("bench_%d_v2", n)
	d, err := db.Open(ctx, pgtest.Kept(b, schema, false))
	if err != nil {
		b.Fatal(err)
	}
	if users, err := d.CountUsers(ctx); err == nil && users > 0 {
		b.Cleanup(func() { d.Close() })
		return d // copied by an earlier run
	}
	d.Close()
	if d, err = db.Open(ctx, pgtest.Kept(b, schema, true)); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	from := benchSQLite(b, n)
	start := time.Now()
	rep, err := db.CopyAll(ctx, from, d, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("copied %d requests into PostgreSQL in %v", rep.Rows["requests"], time.Since(start).Round(time.Second))
	return d
}

// benchSQLite is a copy of the demo database with n extra requests.
func benchSQLite(b *testing.B, n int) *db.DB {
	b.Helper()
	ctx := context.Background()
	// Seeding a million requests takes minutes: keep the result under the
	// temp dir and reuse it on the next run.
	cached := filepath.Join(os.TempDir(), fmt.Sprintf("gecli-bench-server-%d-v2.db", n))
	path := filepath.Join(b.TempDir(), "server.db")
	if err := copyFile(cached, path); err == nil {
		n = 0 // already seeded
	} else if err := os.WriteFile(path, mustRead(b, seedtest.DemoDB(b)), 0o600); err != nil {
		b.Fatal(err)
	}
	d, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	apis, _ := d.ListAPIs(ctx, db.CatalogFilter{Env: api.EnvHMG})
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	const batch = 10_000
	for start := 0; start < n; start += batch {
		all := make([]db.NewRequest, 0, batch)
		for i := start; i < min(start+batch, n); i++ {
			// Skewed as a real queue is: most pending in HMG, some
			// approved, PRD rarer, a few rejected, one API seldom asked.
			a := apis[i%(len(apis)-1)]
			if i%1000 == 0 {
				a = apis[len(apis)-1]
			}
			env, status := api.EnvHMG, api.StatusPending
			if i%5 == 0 {
				env = api.EnvPRD
			}
			switch {
			case i%97 == 0:
				status = api.StatusRejected
			case i%3 == 0:
				status = api.StatusApproved
			}
			all = append(all, db.NewRequest{Create: api.RequestCreate{APIID: a.ID, Environment: env,
				InstitutionCNPJ: []string{"11222333000181", "12ABC34501DE35", "33683111000107"}[i%3],
				Terms:           api.TermsAcceptance{ID: a.Terms.ID, Version: a.Terms.Version, Accepted: true}},
				Requester: db.Actor{ID: "u-solicitante", Name: "Ana Souza"}, Rule: api.RuleFormStandard,
				Status: status, At: base.Add(time.Duration(i) * time.Minute)})
		}
		if err := d.SeedRequests(ctx, all, func(string, int) []db.Transition { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	if n > 0 {
		// Close and reopen so the file on disk is complete before copying.
		d.Close()
		if err := copyFile(path, cached); err != nil {
			b.Fatal(err)
		}
		if d, err = db.Open(ctx, path); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { d.Close() })
	}
	return d
}

// copyFile streams from to to (a million-row database is over a
// gigabyte: reading it whole would be in the peak RSS the benchmarks
// report).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func bearer(b *testing.B, auth *Auth, d *db.DB, username string) string {
	u, err := d.UserByUsername(context.Background(), username)
	if err != nil {
		b.Fatal(err)
	}
	tok, err := auth.Issuer.AccessToken(u, "gecli-tui")
	if err != nil {
		b.Fatal(err)
	}
	return tok
}

// BenchmarkListRequestsMillion is one page (100 rows) at 1,000,000
// requests through the whole HTTP stack, for every kind of filter: none,
// dense ones, sparse ones and one matching nothing, as an evaluator (all
// institutions) and as a requester (their institutions). p99 is reported.
// Target: 10 ms p99. Building the database takes minutes: make bench.
func BenchmarkListRequestsMillion(b *testing.B) {
	srv, auth, d := benchServer(b, 1_000_000)
	rare := ""
	if apis, _ := d.ListAPIs(context.Background(), db.CatalogFilter{Env: api.EnvHMG}); len(apis) > 0 {
		rare = apis[len(apis)-1].ID
	}
	cases := []struct{ name, query string }{
		{"none", ""},
		{"status", "status=pending"},
		{"env", "env=prd"},
		{"status+env", "status=approved&env=prd"},
		{"api", "api=" + rare},
		{"q", "q=tabelas"},
		{"sparse", "status=rejected&env=prd"},
		{"sparse-api", "status=approved&env=prd&api=" + rare},
		{"nothing", "status=revoked"},
	}
	for _, who := range []string{"avaliador", "solicitante"} {
		for _, c := range cases {
			b.Run(who+"/"+c.name, func(b *testing.B) {
				var times []time.Duration
				tok, minted := "", time.Time{}
				for b.Loop() {
					if time.Since(minted) > time.Minute { // tokens live 5 minutes
						b.StopTimer()
						tok, minted = bearer(b, auth, d, who), time.Now()
						b.StartTimer()
					}
					start := time.Now()
					req, _ := http.NewRequest("GET", srv.URL+"/api/v1/requests?limit=100&"+c.query, nil)
					req.Header.Set("Authorization", "Bearer "+tok)
					res, err := srv.Client().Do(req)
					if err != nil || res.StatusCode != 200 {
						b.Fatal(err, res.StatusCode)
					}
					res.Body.Close()
					times = append(times, time.Since(start))
				}
				sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
				b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
			})
		}
	}
}

// BenchmarkListRequestsMillionParallel is the same pages from 32
// connections at once, every filter and both roles mixed: the p99 of one
// page, and the peak RSS of the process (server and clients; the target
// is the server's, so this over-states it). Targets: 50 ms, 300 MB.
func BenchmarkListRequestsMillionParallel(b *testing.B) {
	srv, auth, d := benchServer(b, 1_000_000)
	rare := ""
	if apis, _ := d.ListAPIs(context.Background(), db.CatalogFilter{Env: api.EnvHMG}); len(apis) > 0 {
		rare = apis[len(apis)-1].ID
	}
	queries := []string{"", "status=pending", "env=prd", "status=approved&env=prd", "api=" + rare, "q=tabelas",
		"status=rejected&env=prd", "status=approved&env=prd&api=" + rare, "status=revoked"}
	tokens := map[string]string{"avaliador": bearer(b, auth, d, "avaliador"), "solicitante": bearer(b, auth, d, "solicitante")}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	var mu sync.Mutex
	var times []time.Duration
	b.SetParallelism(max(1, 32/runtime.GOMAXPROCS(0))) // 32 goroutines, each its own connection
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		i := 0
		for pb.Next() {
			who := []string{"avaliador", "solicitante"}[i%2]
			q := queries[(i/2)%len(queries)]
			i++
			start := time.Now()
			req, _ := http.NewRequest("GET", srv.URL+"/api/v1/requests?limit=100&"+q, nil)
			req.Header.Set("Authorization", "Bearer "+tokens[who])
			res, err := client.Do(req)
			if err != nil || res.StatusCode != 200 {
				b.Error(err, res)
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		times = append(times, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	}
	b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
}

// peakRSS is the process's peak resident set (VmHWM), in bytes.
func peakRSS() int64 {
	status, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkSync measures the TUI's request sync over loopback: an initial
// sync of 100,000 rows into an empty cache, and then 1,000 changed rows.
func BenchmarkSync(b *testing.B) {
	srv, auth, d := benchServer(b, 100_000)
	tok := bearer(b, auth, d, "avaliador")
	c, _ := client.New(srv.URL, nil)
	c = c.WithTokens(staticToken(tok))
	ctx := context.Background()
	b.Run("initial-100k", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s, err := store.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("c%d.db", time.Now().UnixNano())))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			n, err := client.SyncRequests(ctx, c, s)
			if err != nil || n < 100_000 {
				b.Fatal(n, err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	})
	b.Run("changes-1k", func(b *testing.B) {
		s, _ := store.Open(ctx, filepath.Join(b.TempDir(), "c.db"))
		defer s.Close()
		if _, err := client.SyncRequests(ctx, c, s); err != nil {
			b.Fatal(err)
		}
		page, _, _, _ := d.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusPending}, Limit: 100_000})
		next := 0
		for b.Loop() {
			b.StopTimer()
			for i := 0; i < 1000; i++ {
				d.ApplyTransition(ctx, page[next].ID, db.Transition{From: []api.Status{api.StatusPending},
					To: api.StatusRejected, Actor: db.Actor{ID: "b", Name: "bench"}, Action: "rejected", At: time.Now()})
				next++
			}
			b.StartTimer()
			n, err := client.SyncRequests(ctx, c, s)
			if err != nil || n != 1000 {
				b.Fatal(n, err)
			}
		}
	})
}

func mustRead(b *testing.B, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

type staticToken string

type oauth2Token = oauth2.Token

func (t staticToken) Token() (*oauth2Token, error) {
	return &oauth2Token{AccessToken: string(t), TokenType: "Bearer"}, nil
}
