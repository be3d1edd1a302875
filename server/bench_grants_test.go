package server

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/seed/seedtest"
)

// BenchmarkClientCredentialsGrants measures client-credentials grants over
// loopback HTTP with keep-alive connections, as a gateway fleet would ask:
// parse, checksum, one indexed look-up, constant-time hash compare, ES256
// signature. Target: 3,000 grants/s on 2 cores (DESIGN.md §8).
func BenchmarkClientCredentialsGrants(b *testing.B) {
	ctx := context.Background()
	d, err := db.Open(ctx, seedtest.DemoDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	auth, err := NewAuth(ctx, d, AuthOptions{PublicURL: base, Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		b.Fatal(err)
	}
	srv.Config.Handler = New(d, Config{Auth: auth}).Handler()
	srv.Start()
	defer srv.Close()

	items, _, _, err := d.ListRequests(ctx, db.RequestFilter{Statuses: []api.Status{api.StatusApproved}, Env: api.EnvHMG, Limit: 1})
	if err != nil || len(items) == 0 {
		b.Fatalf("no approved request in the demo: %v", err)
	}
	secret := api.NewSecret()
	if _, err := d.SetSecret(ctx, items[0].ID, db.NewSecret{Hash: identity.HashSecret(secret), Hint: api.SecretHint(secret),
		By: db.Actor{ID: "bench", Name: "bench"}, At: time.Now()}); err != nil {
		b.Fatal(err)
	}
	c, err := d.Credential(ctx, items[0].ID, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	body := url.Values{"grant_type": {"client_credentials"}}.Encode()
	b.SetParallelism(4)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("POST", base+"/oauth2/token", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth(c.ClientID, secret)
			res, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("grant: %d", res.StatusCode)
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "grants/s")
}
