package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/testkit/backend"
)

// demoServer runs the real backend with the demo catalog.
func demoServer(t *testing.T) *Client {
	t.Helper()
	b := backend.Start(t, "127.0.0.1:0", "")
	c, err := New(b.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestListAPIsRevalidates(t *testing.T) {
	c := demoServer(t)
	ctx := context.Background()
	page, err := c.ListAPIs(ctx, CatalogQuery{}, "")
	if err != nil || len(page.Items) < 15 || page.ETag == "" {
		t.Fatalf("first fetch: %d items, etag %q, %v", len(page.Items), page.ETag, err)
	}
	again, err := c.ListAPIs(ctx, CatalogQuery{}, page.ETag)
	if err != nil || !again.NotModified || again.ETag != page.ETag {
		t.Fatalf("revalidation: %+v, %v", again, err)
	}
	dje, err := c.ListAPIs(ctx, CatalogQuery{Q: "diário", Category: api.CatNotification, Env: api.EnvPRD}, page.ETag)
	if err != nil || dje.NotModified || len(dje.Items) == 0 {
		t.Fatalf("filtered: %+v, %v", dje, err)
	}
}

func TestTypedErrors(t *testing.T) {
	c := demoServer(t)
	ctx := context.Background()
	_, err := c.GetAPI(ctx, "nao-existe")
	if ProblemCode(err) != api.CodeAPINotFound || IsOffline(err) {
		t.Fatalf("unknown API: %v (code %q)", err, ProblemCode(err))
	}
	_, err = c.ListAPIs(ctx, CatalogQuery{Category: "musica"}, "")
	if ProblemCode(err) != api.CodeInvalidParameter {
		t.Fatalf("bad category: %v", err)
	}
	if _, err := c.GetAPI(ctx, "../etc"); err == nil || ProblemCode(err) != "" {
		t.Fatalf("a bad id must be refused before any request: %v", err)
	}
}

func TestUnreachableServerIsOffline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	c, _ := New("http://"+addr, &http.Client{Timeout: 2 * time.Second})
	_, err = c.ListAPIs(context.Background(), CatalogQuery{}, "")
	if !IsOffline(err) {
		t.Fatalf("closed port: %v, want a NetworkError", err)
	}
}

func TestProxyErrorPageBecomesProblem(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html>bad gateway</html>"))
	}))
	defer srv.Close()
	c, _ := New(srv.URL, nil)
	_, err := c.Meta(context.Background())
	if ProblemCode(err) != "http_502" || IsOffline(err) {
		t.Fatalf("502 from a proxy: %v", err)
	}
}

func TestNewRejectsBadURLs(t *testing.T) {
	for _, u := range []string{"", "localhost:8080", "ftp://x", "http://"} {
		_, err := New(u, nil)
		var ce *Error
		if !errors.As(err, &ce) || ce.Kind != KindBadServerURL || ce.URL != u {
			t.Errorf("New(%q): %v, want a KindBadServerURL error naming it", u, err)
		}
	}
}

func TestParseEndpointsFromServerDocument(t *testing.T) {
	c := demoServer(t)
	doc, err := c.OpenAPIDocument(context.Background(), "pje-gateway", "")
	if err != nil {
		t.Fatal(err)
	}
	eps, err := ParseEndpoints(doc.Body)
	if err != nil {
		t.Fatal(err)
	}
	if len(eps) != 5 {
		t.Fatalf("got %d endpoints: %+v", len(eps), eps)
	}
	first := eps[0]
	if first.Method != "POST" || first.Path != "/v2/peticoes" || first.Summary == "" {
		t.Errorf("first endpoint by path: %+v", first)
	}
	if _, err := ParseEndpoints([]byte("not an openapi doc {")); !errors.Is(err, &Error{Kind: KindBadOpenAPI}) {
		t.Errorf("garbage parsed as a document: %v", err)
	}
}

func TestTermsAreAValidPDF(t *testing.T) {
	c := demoServer(t)
	pdf, err := c.Terms(context.Background(), "tpu")
	if err != nil || api.ValidatePDF(pdf) != nil {
		t.Fatalf("terms: %d bytes, %v", len(pdf), err)
	}
	if _, err := c.Terms(context.Background(), "nao-existe"); ProblemCode(err) != api.CodeAPINotFound {
		t.Errorf("unknown API: %v", err)
	}
}

// TestErrorsAreTypedAndEnglish: every kind has developer text of its own
// (no Portuguese: people read the TUI's wording, not this), wraps its
// cause, and matches its sentinel whatever values it carries.
func TestErrorsAreTypedAndEnglish(t *testing.T) {
	cause := errors.New("cause")
	for _, k := range ErrorKinds() {
		e := &Error{Kind: k, Err: cause}
		if s := e.Error(); strings.HasPrefix(s, "client error") || strings.ContainsAny(s, "ãçéíóúâêõ") {
			t.Errorf("kind %d: developer text %q", k, s)
		}
		if !errors.Is(e, cause) || !errors.Is(e, &Error{Kind: k}) {
			t.Errorf("kind %d: does not wrap its cause or match its kind", k)
		}
	}
	signedOut := &Error{Kind: KindSignedOut, Code: "invalid_grant"}
	if !errors.Is(fmt.Errorf("load: %w", signedOut), ErrSignedOut) || errors.Is(&Error{Kind: KindNoIssuer}, ErrSignedOut) {
		t.Error("ErrSignedOut must match signed-out errors only")
	}
}

// TestNoticesAreMadePlain: an announcement's or a window's text with
// control characters (an escape sequence from a hostile or broken server)
// reaches the caller without them.
func TestNoticesAreMadePlain(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/api/v1/announcements":
			w.Write([]byte(`{"items":[{"id":"anc-000000000001","title":{"pt-BR":"Aviso\u001b]0;pwned\u0007 fim","en":""},"text":{"pt-BR":"a\u001b[2Jb","en":""},"severity":"info","audience":"all","created_at":"","updated_at":""}]}`))
		case "/api/v1/maintenance":
			w.Write([]byte(`{"starts_at":"2026-12-04T22:00:00Z","ends_at":"2026-12-04T22:30:00Z","message":{"pt-BR":"x\u001b[31my","en":""},"active":false}`))
		}
	}))
	defer srv.Close()
	c, _ := New(srv.URL, nil)
	anns, err := c.Announcements(context.Background(), false)
	if err != nil || len(anns) != 1 {
		t.Fatal(err)
	}
	m, err := c.Maintenance(context.Background())
	if err != nil || m == nil {
		t.Fatal(err)
	}
	for _, s := range []string{anns[0].Title.PtBR, anns[0].Text.PtBR, m.Message.PtBR} {
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("a control character got through: %q", s)
		}
	}
}
