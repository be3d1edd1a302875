package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// BenchmarkListAPIs measures GET /api/v1/apis through the whole handler
// stack over a catalog of 1,000 APIs: a full list, a text search, and an
// ETag revalidation (304).
func BenchmarkListAPIs(b *testing.B) {
	ctx := context.Background()
	d, err := db.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	demo := seed.DemoAPIs()
	all := make([]db.NewAPI, 0, 1000)
	for i := 0; len(all) < 1000; i++ {
		n := demo[i%len(demo)]
		n.API.ID = fmt.Sprintf("%s-%04d", n.API.ID, i)
		n.API.Terms.ID = fmt.Sprintf("%s-%04d", n.API.Terms.ID, i)
		all = append(all, n)
	}
	if err := d.InsertAPIs(ctx, all); err != nil {
		b.Fatal(err)
	}
	auth, err := NewAuth(ctx, d, AuthOptions{PublicURL: "http://bench", Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		b.Fatal(err)
	}
	h := New(d, Config{Auth: auth}).Handler()
	get := func(path, etag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	etag := get("/api/v1/apis", "").Header().Get("ETag")
	for _, c := range []struct{ name, path, etag string }{
		{"all", "/api/v1/apis", ""},
		{"search", "/api/v1/apis?q=diario&env=prd", ""},
		{"revalidate-304", "/api/v1/apis", etag},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if rec := get(c.path, c.etag); rec.Code != http.StatusOK && rec.Code != http.StatusNotModified {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
