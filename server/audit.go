package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// auditRoutes: the audit trail (FAQ 1.1), its verification and its
// signed checkpoints, for whoever has audit:read.
func (s *Server) auditRoutes() {
	s.handle("GET", "/api/v1/audit", s.withPermission(s.listAudit, api.PermAuditRead))
	s.handle("GET", "/api/v1/audit/verify", s.withPermission(s.verifyAudit, api.PermAuditRead))
	s.handle("GET", "/api/v1/audit/checkpoints", s.withPermission(s.listCheckpoints, api.PermAuditRead))
	s.handle("POST", "/api/v1/audit/checkpoints", s.withPermission(s.addCheckpoint, api.PermAuditRead))
}

const (
	auditPageDefault = 50
	auditPageMax     = 200
)

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	q := r.URL.Query()
	f := db.AuditFilter{Actor: q.Get("actor"), Action: q.Get("action"), Target: q.Get("target"), Limit: auditPageDefault}
	var bad []api.FieldError
	for name, v := range map[string]string{"actor": f.Actor, "action": f.Action, "target": f.Target} {
		if utf8.RuneCountInString(v) > api.MaxQueryLen {
			bad = append(bad, api.Refuse(name, api.Say("até 200 caracteres", "up to 200 characters")))
		}
	}
	for name, dst := range map[string]*string{"since": &f.Since, "until": &f.Until} {
		if v := q.Get(name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				bad = append(bad, api.Refuse(name, api.Say("data e hora RFC 3339, como 2026-12-01T00:00:00Z", "an RFC 3339 date and time, as in 2026-12-01T00:00:00Z")))
				continue
			}
			*dst = t.UTC().Format("2006-01-02T15:04:05.000Z")
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > auditPageMax {
			bad = append(bad, api.Refuse("limit", api.Say("de 1 a 200", "from 1 to 200")))
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			bad = append(bad, api.Refuse("cursor", api.Say("use o next_cursor da página anterior", "use the previous page's next_cursor")))
		}
		f.Before = n
	}
	if bad != nil {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("filtro inválido", "invalid filter")).WithFields(bad...))
		return
	}
	items, err := s.db.ListAudit(r.Context(), f)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	page := api.AuditPage{Items: items}
	if len(items) == f.Limit && items[len(items)-1].Seq > 1 {
		page.NextCursor = strconv.FormatInt(items[len(items)-1].Seq, 10)
	}
	s.writeJSON(w, r, http.StatusOK, page)
}

func (s *Server) verifyAudit(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	v, err := VerifyAudit(r.Context(), s.db, s.auth.Keys, nil)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, v)
}

func (s *Server) listCheckpoints(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	items, err := s.db.Checkpoints(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.List[api.AuditCheckpoint]{Items: items})
}

func (s *Server) addCheckpoint(w http.ResponseWriter, r *http.Request, _ identity.Principal) {
	c, err := Checkpoint(r.Context(), s.db, s.auth.Keys)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, c)
}

// Checkpoint signs the audit chain's head now and keeps it (the
// checkpoint's own event comes after it in the chain).
func Checkpoint(ctx context.Context, d *db.DB, keys *identity.Keys) (api.AuditCheckpoint, error) {
	count, head, err := d.AuditHead(ctx)
	if err != nil {
		return api.AuditCheckpoint{}, err
	}
	c := api.AuditCheckpoint{Count: count, Head: head, At: time.Now().UTC().Format(time.RFC3339)}
	if c.KeyID, c.Signature, err = keys.Sign(c.Payload()); err != nil {
		return c, err
	}
	return c, d.AddCheckpoint(ctx, c)
}

// VerifyAudit recomputes every chain, then checks each checkpoint, the
// stored ones and those kept elsewhere (kept): its signature, and that
// the chain still has its head at its count. A rewritten past fails the
// second check even when its chain was recomputed to verify.
func VerifyAudit(ctx context.Context, d *db.DB, keys *identity.Keys, kept []api.AuditCheckpoint) (api.AuditVerification, error) {
	v, err := d.VerifyChains(ctx)
	if err != nil || v.Broken != nil {
		return v, err
	}
	stored, err := d.Checkpoints(ctx)
	if err != nil {
		return v, err
	}
	for _, c := range append(kept, stored...) {
		v.Checkpoints++
		if err := keys.Verify(ctx, c.KeyID, c.Payload(), c.Signature); err != nil {
			v.OK, v.Broken = false, &api.AuditBreak{Chain: "checkpoint", At: c.Count, Reason: "assinatura inválida: " + err.Error()}
			return v, nil
		}
		if c.Count == 0 {
			continue
		}
		h, err := d.AuditHashAt(ctx, c.Count)
		if err != nil {
			return v, err
		}
		if h != c.Head {
			reason := "o evento " + strconv.FormatInt(c.Count, 10) + " não tem mais o hash assinado: o passado foi reescrito"
			if h == "" {
				reason = "a trilha não chega mais ao evento " + strconv.FormatInt(c.Count, 10)
			}
			v.OK, v.Broken = false, &api.AuditBreak{Chain: "checkpoint", At: c.Count, Reason: strings.TrimSpace(reason)}
			return v, nil
		}
	}
	return v, nil
}
