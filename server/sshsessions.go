package server

import (
	"net/http"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// gecli ssh reports each SSH session of a signed-in person, at its start
// and at its end, with the caller's own token: the audit trail then says
// who was on the jump host, from where, with which key, and for how long.
// A person can only report sessions as themselves (the actor is the
// token's), so nothing here can be written in someone else's name.
func (s *Server) sshSessionRoutes() {
	s.handle("POST", "/api/v1/me/ssh-sessions", s.signedIn(s.reportSSHSession))
}

func (s *Server) reportSSHSession(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	var body api.SSHSession
	if !s.decodeJSON(w, r, &body) {
		return
	}
	if fe := body.Validate(); fe != nil {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeValidation, api.Say("sessão SSH inválida; nada foi gravado", "invalid SSH session; nothing was saved")).WithFields(*fe))
		return
	}
	action := "ssh.session_started"
	if body.Event == "end" {
		action = "ssh.session_ended"
	}
	err := s.db.Record(r.Context(), db.Audit{Actor: db.Actor{ID: p.Subject, Name: p.Name}, Action: action,
		Target: "ssh:" + body.Session, After: map[string]string{"fingerprint": body.Fingerprint, "remote_addr": body.RemoteAddr}})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
