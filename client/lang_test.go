package client

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestClientAsksInItsLanguage: every call carries the Accept-Language of
// the client's language (pt-BR unless WithLang says otherwise), so the
// server's details come in the screen's language.
func TestClientAsksInItsLanguage(t *testing.T) {
	got := make(chan string, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("Accept-Language")
		w.Header().Set("Content-Type", api.ProblemContentType)
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte(`{"type":"x","title":"Not Found","status":404,"code":"not_found"}`))
	}))
	defer srv.Close()
	c, err := New(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		c    *Client
		want string
	}{{c, "pt-BR"}, {c.WithLang(api.En), "en"}, {c.WithLang(api.En).WithTokens(nil), "en"}} {
		tt.c.Meta(context.Background())
		if h := <-got; h != tt.want {
			t.Errorf("Accept-Language %q, want %q", h, tt.want)
		}
	}
	if (*Client)(nil).WithLang(api.En) != nil {
		t.Error("an offline (nil) client became one")
	}
}
