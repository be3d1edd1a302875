package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
	"github.com/gecli/gecli/testkit/pgtest"
)

// cutter is a TCP proxy that can be cut (every connection dropped, new
// ones refused) and restored: PostgreSQL going away and coming back.
type cutter struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	cut    bool
	conns  []net.Conn
}

func newCutter(t *testing.T, target string) *cutter {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cutter{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); c.set(true) })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			c.mu.Lock()
			if c.cut {
				c.mu.Unlock()
				in.Close()
				continue
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				c.mu.Unlock()
				in.Close()
				continue
			}
			c.conns = append(c.conns, in, out)
			c.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
	return c
}

func (c *cutter) set(cut bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cut = cut
	if cut {
		for _, conn := range c.conns {
			conn.Close()
		}
		c.conns = nil
	}
}

// TestADatabaseThatGoesAwayIsA503AndComesBack: PostgreSQL out of reach
// makes /readyz and the requests that need it answer 503
// database_unavailable with Retry-After, never 500; when it is back the
// server answers again by itself.
func TestADatabaseThatGoesAwayIsA503AndComesBack(t *testing.T) {
	ctx := context.Background()
	direct := pgtest.URL(t)
	u, _ := url.Parse(direct)
	seeded, err := db.Open(ctx, direct)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.Demo(ctx, seeded); err != nil {
		t.Fatal(err)
	}
	seeded.Close()
	proxy := newCutter(t, u.Host)
	u.Host = proxy.ln.Addr().String()
	d, err := db.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	auth, err := NewAuth(ctx, d, AuthOptions{PublicURL: base, Audience: "gecli", ClientID: "gecli-tui"})
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = New(d, Config{Build: api.Build(), Auth: auth}).Handler()
	srv.Start()
	defer srv.Close()
	user, err := d.UserByUsername(ctx, "avaliador")
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := auth.Issuer.AccessToken(user, "gecli-tui")
	get := func(path string) (int, string, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Retry-After"), string(body)
	}
	if status, _, body := get("/api/v1/requests?limit=5"); status != 200 {
		t.Fatalf("before: %d %s", status, body)
	}

	proxy.set(true)
	status, retry, body := get("/api/v1/requests?limit=5")
	if status != 503 || retry == "" || !strings.Contains(body, string(api.CodeDBUnavailable)) {
		t.Fatalf("with the database gone: %d (Retry-After %q) %s", status, retry, body)
	}
	if status, _, _ := get("/readyz"); status != 503 {
		t.Fatalf("/readyz with the database gone: %d", status)
	}

	proxy.set(false)
	deadline := time.Now().Add(10 * time.Second)
	for {
		status, _, body = get("/api/v1/requests?limit=5")
		if status == 200 || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if status != 200 {
		t.Fatalf("the database is back, the server is not: %d %s", status, body)
	}
	if status, _, _ := get("/readyz"); status != 200 {
		t.Fatalf("/readyz after: %d", status)
	}
}
