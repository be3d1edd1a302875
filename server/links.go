package server

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"net/http"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// Download links let a person whose terminal runs on another machine
// (gecli ssh on a jump host) save an attachment on their own: the TUI
// copies the link through OSC 52 and they open it in their browser, so
// nothing is written on the host on their behalf. A link is good once,
// for api.DownloadLinkTTL, and only while the sign-in that made it lives.
func (s *Server) linkRoutes() {
	s.handle("POST", "/api/v1/requests/{id}/attachments/{aid}/link", s.signedIn(s.newDownloadLink))
	s.handle("GET", "/dl/{token}", s.useDownloadLink)
}

func (s *Server) newDownloadLink(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	aid := r.PathValue("aid")
	if _, _, err := s.db.AttachmentContent(r.Context(), req.ID, aid); errors.Is(err, db.ErrNotFound) {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("anexo inexistente", "no such attachment")))
		return
	} else if err != nil {
		s.internal(w, r, err)
		return
	}
	raw := make([]byte, 32)
	rand.Read(raw)
	token := base64.RawURLEncoding.EncodeToString(raw)
	l := db.DownloadLink{TokenHash: linkHash(token), RequestID: req.ID, AttachmentID: aid, UserID: p.Subject,
		Username: p.Username, Role: string(firstRole(p.Roles)), SessionID: p.Session, ExpiresAt: s.now().Add(api.DownloadLinkTTL)}
	if err := s.db.AddDownloadLink(r.Context(), l); err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusCreated, api.DownloadLink{URL: s.publicBase(r) + "/dl/" + token, ExpiresAt: l.ExpiresAt.UTC()})
}

// useDownloadLink serves the attachment once. The link's sign-in must
// still be live: signing out, a revocation or a disabled account ends
// the links made with it too.
func (s *Server) useDownloadLink(w http.ResponseWriter, r *http.Request) {
	gone := func() {
		s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeNotFound, api.Say("link de download inexistente, já usado ou expirado (vale uma vez, por 5 minutos): peça outro no gecli", "download link unknown, already used or expired (it works once, for 5 minutes): ask gecli for another")))
	}
	token := r.PathValue("token")
	if len(token) != 43 {
		gone()
		return
	}
	l, err := s.db.UseDownloadLink(r.Context(), linkHash(token), s.now())
	if errors.Is(err, db.ErrNotFound) {
		gone()
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	live, err := s.live(r.Context(), identity.Principal{Subject: l.UserID, Username: l.Username, Name: l.Username,
		Roles: []api.Role{api.Role(l.Role)}, Session: l.SessionID})
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if !live {
		gone()
		return
	}
	a, content, err := s.db.AttachmentContent(r.Context(), l.RequestID, l.AttachmentID)
	if errors.Is(err, db.ErrNotFound) {
		gone()
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", contentDisposition(a.Filename))
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "application/pdf")
	w.Write(content)
}

func linkHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
