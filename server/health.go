package server

import (
	"context"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz answers 200 only while the database answers.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.db.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		s.problem(w, r, api.Refusal(http.StatusServiceUnavailable, api.CodeNotReady, api.Say("banco de dados indisponível", "database unavailable")))
		return
	}
	// During maintenance the server still serves reads: ready, and says
	// until when it refuses writes.
	if m, ok, err := s.db.Maintenance(ctx, s.now()); err == nil && ok && m.Active {
		s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "maintenance", "until": m.EndsAt})
		return
	}
	s.writeJSON(w, r, http.StatusOK, map[string]string{"status": "ready"})
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, s.cfg.Build)
}

func (s *Server) meta(w http.ResponseWriter, r *http.Request) {
	m := api.NewMeta(s.cfg.Build)
	m.Auth = s.auth.Meta
	s.writeCacheableJSON(w, r, m)
}

func (s *Server) openAPISpec(w http.ResponseWriter, r *http.Request) {
	writeCacheable(w, r, "application/yaml", api.OpenAPISpec)
}
