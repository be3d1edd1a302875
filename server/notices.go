package server

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// Notices (issue 19, FAQ 5.1-5.3): announcements, and maintenance windows
// during which writes wait.

func (s *Server) noticeRoutes() {
	s.handle("GET", "/api/v1/announcements", s.maybeSignedIn(s.listAnnouncements))
	s.handle("POST", "/api/v1/announcements", s.withPermission(s.createAnnouncement, api.PermNoticesAdmin))
	s.handle("PUT", "/api/v1/announcements/{id}", s.withPermission(s.updateAnnouncement, api.PermNoticesAdmin))
	s.handle("DELETE", "/api/v1/announcements/{id}", s.withPermission(s.deleteAnnouncement, api.PermNoticesAdmin))
	s.handle("GET", "/api/v1/maintenance", s.getMaintenance)
	s.handle("PUT", "/api/v1/maintenance", s.withPermission(s.putMaintenance, api.PermNoticesAdmin))
	s.handle("DELETE", "/api/v1/maintenance", s.withPermission(s.deleteMaintenance, api.PermNoticesAdmin))
}

// maybeSignedIn serves anyone: signed out, h gets nil; with a token, it
// is checked as signedIn checks it (a bad one is refused, not ignored:
// the client then refreshes it instead of seeing less in silence).
func (s *Server) maybeSignedIn(h func(http.ResponseWriter, *http.Request, *identity.Principal)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if raw, ok := identity.BearerToken(r); !ok || raw == "" {
			h(w, r, nil)
			return
		}
		s.signedIn(func(w http.ResponseWriter, r *http.Request, p identity.Principal) { h(w, r, &p) })(w, r)
	}
}

// listAnnouncements answers the current announcements of the caller's
// audience (everyone's when signed out); ?all=true gives whoever holds
// notices:admin every one, past and planned, to manage them.
func (s *Server) listAnnouncements(w http.ResponseWriter, r *http.Request, p *identity.Principal) {
	all := r.URL.Query().Get("all")
	if all != "" && all != "true" && all != "false" {
		s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("all: true ou false", "all: true or false")))
		return
	}
	if all == "true" && (p == nil || !can(r, api.PermNoticesAdmin)) {
		s.problem(w, r, api.Refusal(http.StatusForbidden, api.CodeForbiddenRole, api.Say(
			"só quem tem notices:admin vê os avisos fora do prazo ou de outros perfis", "only notices:admin sees announcements out of their window or for other roles")))
		return
	}
	items, err := s.db.Announcements(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	var roles []api.Role
	if p != nil {
		roles = p.Roles
	}
	out := []api.Announcement{}
	now := s.now()
	for _, a := range items {
		if all == "true" || (a.Current(now) && a.For(roles)) {
			out = append(out, a)
		}
	}
	w.Header().Add("Vary", "Authorization")
	s.writeJSON(w, r, http.StatusOK, api.List[api.Announcement]{Items: out})
}

func (s *Server) announcementBody(w http.ResponseWriter, r *http.Request) (api.AnnouncementWrite, bool) {
	var in api.AnnouncementWrite
	if !s.decodeJSON(w, r, &in) {
		return in, false
	}
	in.Normalize()
	if bad := in.Validate(); bad != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("aviso inválido", "invalid announcement")).WithFields(bad...))
		return in, false
	}
	return in, true
}

func (s *Server) createAnnouncement(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	in, ok := s.announcementBody(w, r)
	if !ok {
		return
	}
	a, err := s.db.CreateAnnouncement(r.Context(), in, s.now())
	switch {
	case errors.Is(err, db.ErrTooMany):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeValidation, api.Sayf(api.Say(
			"há %d avisos guardados, o máximo: apague os que passaram", "%d announcements are kept, the most there may be: delete past ones"), api.MaxAnnouncements)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("announcement created", "id", a.ID, "by", p.Subject)
	s.writeJSON(w, r, http.StatusCreated, a)
}

func (s *Server) updateAnnouncement(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	if !validNoticeID(id) {
		s.announcementNotFound(w, r, id)
		return
	}
	in, ok := s.announcementBody(w, r)
	if !ok {
		return
	}
	a, err := s.db.UpdateAnnouncement(r.Context(), id, in, s.now())
	switch {
	case errors.Is(err, db.ErrNotFound):
		s.announcementNotFound(w, r, id)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("announcement updated", "id", id, "by", p.Subject)
	s.writeJSON(w, r, http.StatusOK, a)
}

func (s *Server) deleteAnnouncement(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	id := r.PathValue("id")
	if !validNoticeID(id) {
		s.announcementNotFound(w, r, id)
		return
	}
	switch err := s.db.DeleteAnnouncement(r.Context(), id); {
	case errors.Is(err, db.ErrNotFound):
		s.announcementNotFound(w, r, id)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("announcement deleted", "id", id, "by", p.Subject)
	w.WriteHeader(http.StatusNoContent)
}

// validNoticeID: "anc-" and 12 hex digits (anything else cannot exist).
func validNoticeID(id string) bool { return prefixedHexID(id, "anc-") }

// prefixedHexID says whether id is prefix and 12 lower-case hex digits,
// the form of the ids the server makes for announcements and webhooks: an
// id of another form is answered not found without a query.
func prefixedHexID(id, prefix string) bool {
	hex, ok := strings.CutPrefix(id, prefix)
	return ok && len(hex) == 12 && strings.Trim(hex, "0123456789abcdef") == ""
}

func (s *Server) announcementNotFound(w http.ResponseWriter, r *http.Request, id string) {
	if len(id) > 40 {
		id = id[:40] + "…"
	}
	s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeAnnouncementNotFound, api.Sayf(api.Say("não há aviso %q", "there is no announcement %q"), id)))
}

// getMaintenance answers the window planned or under way, or 204 when
// there is none: anyone may ask, to say so before it starts.
func (s *Server) getMaintenance(w http.ResponseWriter, r *http.Request) {
	m, ok, err := s.db.Maintenance(r.Context(), s.now())
	switch {
	case err != nil:
		s.internal(w, r, err)
	case !ok:
		w.WriteHeader(http.StatusNoContent)
	default:
		s.writeJSON(w, r, http.StatusOK, m)
	}
}

func (s *Server) putMaintenance(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	var in api.MaintenanceWrite
	if !s.decodeJSON(w, r, &in) {
		return
	}
	in.StartsAt, in.EndsAt = strings.TrimSpace(in.StartsAt), strings.TrimSpace(in.EndsAt)
	if in.StartsAt == "" {
		in.StartsAt = s.now().UTC().Format(time.RFC3339) // an unplanned window starts by the server's clock
	}
	in.Message.PtBR, in.Message.En = api.TrimText(in.Message.PtBR), api.TrimText(in.Message.En)
	if bad := in.Validate(s.now()); bad != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("janela de manutenção inválida", "invalid maintenance window")).WithFields(bad...))
		return
	}
	if err := s.db.SetMaintenance(r.Context(), in); err != nil {
		s.internal(w, r, err)
		return
	}
	s.log.Info("maintenance scheduled", "starts_at", in.StartsAt, "ends_at", in.EndsAt, "by", p.Subject)
	s.getMaintenance(w, r)
}

func (s *Server) deleteMaintenance(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	switch err := s.db.ClearMaintenance(r.Context(), s.now()); {
	case errors.Is(err, db.ErrNotFound):
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("não há manutenção programada nem em curso", "no maintenance is planned or under way")))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("maintenance ended", "by", p.Subject)
	w.WriteHeader(http.StatusNoContent)
}

// openDuringMaintenance are the routes that are not held during a
// maintenance window although their method writes: signing in and out,
// a first password included (reads need a token; these pages are HTML
// forms, which a problem+json would only garble), reads that happen to be POSTs (the vault's
// resolve, a single-use download link, an SSH session's registration),
// and the notices themselves (to end the window, and to say more about
// it). Every other POST, PUT, PATCH and DELETE is held; a new route is
// held unless named here (TestEveryWriteRouteIsHeldOrNamedOpen).
var openDuringMaintenance = map[string]bool{
	"POST /oauth2/token": true, "POST /oauth2/device_authorization": true, "POST /oauth2/introspect": true,
	"POST /oauth2/revoke": true, "POST /device": true, "POST /device/activate": true,
	"POST /api/v1/vault/resolve": true, "POST /api/v1/requests/{id}/attachments/{aid}/link": true,
	"POST /api/v1/me/ssh-sessions": true,
	"POST /api/v1/announcements":   true, "PUT /api/v1/announcements/{id}": true, "DELETE /api/v1/announcements/{id}": true,
	"PUT /api/v1/maintenance": true, "DELETE /api/v1/maintenance": true,
}

// duringMaintenance answers writes with 503 maintenance while a window is
// on, with Retry-After until its end; reads go on. The window is read
// from the database before each write, so every replica stops at once.
func (s *Server) duringMaintenance(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
			next.ServeHTTP(w, r)
			return
		}
		if _, pattern := s.mux.Handler(r); openDuringMaintenance[pattern] {
			next.ServeHTTP(w, r)
			return
		}
		now := s.now()
		m, ok, err := s.db.Maintenance(r.Context(), now)
		if err != nil || !ok || !m.Active {
			next.ServeHTTP(w, r) // an unreadable window is the write's own error to meet
			return
		}
		_, end := m.Window()
		w.Header().Set("Retry-After", fmt.Sprint(max(1, int(math.Ceil(end.Sub(now).Seconds())))))
		s.problem(w, r, maintenanceRefusal(m, end))
	})
}

// maintenanceRefusal says until when, and the admin's message if any.
func maintenanceRefusal(m api.Maintenance, end time.Time) *api.Problem {
	msg := api.Sayf(api.Say("manutenção em curso até %s UTC: nada foi gravado; leituras seguem normalmente", "maintenance under way until %s UTC: nothing was saved; reads go on as usual"),
		end.UTC().Format("2006-01-02 15:04"))
	if m.Message.PtBR != "" {
		msg = msg.Plus(api.Say(" ("+m.Message.In(api.PtBR)+")", " ("+m.Message.In(api.En)+")"))
	}
	return api.Refusal(http.StatusServiceUnavailable, api.CodeMaintenance, msg)
}
