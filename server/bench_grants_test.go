package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/seed/seedtest"
)

// grantsServer is a server over the demo data with one approved HMG
// credential whose secret is known (on PostgreSQL with
// GECLI_TEST_ENGINE=postgres).
func grantsServer(b *testing.B) (base, clientID, secret string) {
	path := seedtest.DemoDB(b)
	if os.Getenv("GECLI_TEST_ENGINE") == "postgres" {
		path = demoPostgres(b)
	}
	base, d := serveGrants(b, path, "")
	clientID, secret = knownSecret(b, d)
	return base, clientID, secret
}

// grantsReplicas is two servers on one PostgreSQL database, as behind a
// load balancer: one issuer address, shared signing keys.
func grantsReplicas(b *testing.B) (bases []string, clientID, secret string) {
	url := demoPostgres(b)
	const public = "http://gecli.replicas.bench"
	a, d := serveGrants(b, url, public)
	other, _ := serveGrants(b, url, public)
	clientID, secret = knownSecret(b, d)
	return []string{a, other}, clientID, secret
}

// serveGrants serves the database at path; publicURL "" is the server's
// own address.
func serveGrants(b *testing.B, path, publicURL string) (string, *db.DB) {
	ctx := context.Background()
	d, err := db.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close() })
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	if publicURL == "" {
		publicURL = base
	}
	auth, err := NewAuth(ctx, d, AuthOptions{PublicURL: publicURL, Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		b.Fatal(err)
	}
	srv.Config.Handler = New(d, Config{Auth: auth}).Handler()
	srv.Start()
	b.Cleanup(srv.Close)
	return base, d
}

// knownSecret gives the demo's first approved HMG request a secret.
func knownSecret(b *testing.B, d *db.DB) (clientID, secret string) {
	ctx := context.Background()
	items, _, _, err := d.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusApproved}, Env: api.EnvHMG, Limit: 1})
	if err != nil || len(items) == 0 {
		b.Fatalf("no approved request in the demo: %v", err)
	}
	secret = api.NewSecret()
	if _, err := d.SetSecret(ctx, items[0].ID, db.NewSecret{Hash: identity.HashSecret(secret), Hint: api.SecretHint(secret),
		By: db.Actor{ID: "bench", Name: "bench"}, At: time.Now()}); err != nil {
		b.Fatal(err)
	}
	c, err := d.Credential(ctx, items[0].ID, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return c.ClientID, secret
}

// connections is how many callers ask at once (DESIGN.md §8: 64).
const connections = 64

// BenchmarkClientCredentialsGrants measures client-credentials grants over
// loopback HTTP with keep-alive connections, as a gateway fleet would ask:
// parse, checksum, one indexed look-up, constant-time hash compare, ES256
// signature. Target: 10,000 grants/s on 2 cores at 64 connections.
func BenchmarkClientCredentialsGrants(b *testing.B) {
	base, clientID, secret := grantsServer(b)
	benchGrants(b, []string{base}, clientID, secret)
}

// BenchmarkClientCredentialsGrantsReplicas is the same with the callers
// spread over two replicas on one PostgreSQL (on one machine here, so
// both replicas and the database share its cores).
func BenchmarkClientCredentialsGrantsReplicas(b *testing.B) {
	bases, clientID, secret := grantsReplicas(b)
	benchGrants(b, bases, clientID, secret)
}

func benchGrants(b *testing.B, bases []string, clientID, secret string) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: connections}}
	body := url.Values{"grant_type": {"client_credentials"}}.Encode()
	var calls atomic.Uint64
	b.SetParallelism(max(1, connections/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	hammer(b, client, func() *http.Request {
		base := bases[calls.Add(1)%uint64(len(bases))]
		req, _ := http.NewRequest("POST", base+"/oauth2/token", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(clientID, secret)
		return req
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "grants/s")
}

// BenchmarkGatewayPing measures the gateway check with a valid token (the
// same token again and again, as an integration uses it for its 5
// minutes): the token's signature, the request's status (revocation), the
// allowlist. Target: 15,000 checks/s.
func BenchmarkGatewayPing(b *testing.B) {
	base, clientID, secret := grantsServer(b)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: connections}}
	req, _ := http.NewRequest("POST", base+"/oauth2/token", strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(clientID, secret)
	res, err := client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(res.Body).Decode(&tok)
	res.Body.Close()
	b.SetParallelism(max(1, connections/runtime.GOMAXPROCS(0)))
	b.ResetTimer()
	hammer(b, client, func() *http.Request {
		req, _ := http.NewRequest("GET", base+"/gateway/hmg/ping", nil)
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		return req
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pings/s")
}

// hammer sends the requests next builds from every parallel caller,
// each answer read whole and required to be 200, and reports the p99 of
// one call.
func hammer(b *testing.B, client *http.Client, next func() *http.Request) {
	var mu sync.Mutex
	var times []time.Duration
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			start := time.Now()
			res, err := client.Do(next())
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("%s: %d", res.Request.URL.Path, res.StatusCode)
			}
			mine = append(mine, time.Since(start))
		}
		mu.Lock()
		times = append(times, mine...)
		mu.Unlock()
	})
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	if len(times) > 0 {
		b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
	}
}
