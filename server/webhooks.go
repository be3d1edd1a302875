package server

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// Outbound webhooks (issue 19, item 5): an institution's requesters (or
// whoever administers institutions) register endpoints; each request
// status change and credential event is delivered to them signed.

func (s *Server) webhookRoutes() {
	perms := []api.Permission{api.PermCredentialsManage, api.PermUsersAdmin}
	s.handle("GET", "/api/v1/institutions/{cnpj}/webhooks", s.withPermission(s.listWebhooks, perms...))
	s.handle("POST", "/api/v1/institutions/{cnpj}/webhooks", s.withPermission(s.createWebhook, perms...))
	s.handle("DELETE", "/api/v1/institutions/{cnpj}/webhooks/{wid}", s.withPermission(s.deleteWebhook, perms...))
	s.handle("POST", "/api/v1/institutions/{cnpj}/webhooks/{wid}/test", s.withPermission(s.testWebhook, perms...))
	s.handle("GET", "/api/v1/institutions/{cnpj}/webhooks/{wid}/deliveries", s.withPermission(s.webhookDeliveries, perms...))
}

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, ok := s.allowlistInstitution(w, r, p)
	if !ok {
		return
	}
	items, err := s.db.Webhooks(r.Context(), cnpj)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.List[api.Webhook]{Items: items})
}

// createWebhook registers an endpoint and answers its signing secret,
// the only time it is shown; it is kept sealed under the vault's key
// (the server signs with it), so a locked vault refuses the registration.
func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, ok := s.allowlistInstitution(w, r, p)
	if !ok {
		return
	}
	var in api.WebhookCreate
	if !s.decodeJSON(w, r, &in) {
		return
	}
	if prob := s.cfg.Webhooks.CheckURL(in.URL); prob != nil {
		s.problem(w, r, prob)
		return
	}
	if !s.vaultOpen(w, r) {
		return
	}
	raw := make([]byte, 32)
	rand.Read(raw) // never fails (crypto/rand)
	secret := "gecli_whs_" + base64.RawURLEncoding.EncodeToString(raw)
	h := api.Webhook{ID: db.NewWebhookID(), CNPJ: cnpj, URL: in.URL, CreatedBy: p.Name, CreatedAt: s.now().UTC().Format(time.RFC3339)}
	sealed, err := s.vaultKey.Seal(db.WebhookIdentity(cnpj, h.ID), []byte(secret))
	if err != nil {
		s.internal(w, r, err)
		return
	}
	switch err := s.db.CreateWebhook(r.Context(), h, sealed); {
	case errors.Is(err, db.ErrTooMany):
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeWebhookLimit, api.Sayf(api.Say(
			"a instituição já tem %d webhooks, o máximo: apague um antes", "the institution already has %d webhooks, the most: delete one first"), api.MaxWebhooks)))
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("webhook created", "webhook", h.ID, "cnpj", cnpj, "by", p.Subject) // never the secret
	w.Header().Set("Cache-Control", "no-store")
	s.writeJSON(w, r, http.StatusCreated, api.WebhookCreated{Webhook: h, Secret: secret})
}

// webhookOf resolves {cnpj} and {wid}: an endpoint of that institution.
func (s *Server) webhookOf(w http.ResponseWriter, r *http.Request, p identity.Principal) (cnpj, id string, ok bool) {
	if cnpj, ok = s.allowlistInstitution(w, r, p); !ok {
		return "", "", false
	}
	id = r.PathValue("wid")
	if !prefixedHexID(id, "whk-") {
		s.webhookNotFound(w, r)
		return "", "", false
	}
	h, _, err := s.db.WebhookSecret(r.Context(), id)
	switch {
	case errors.Is(err, db.ErrNotFound) || (err == nil && h.CNPJ != cnpj):
		s.webhookNotFound(w, r) // another institution's is not there for this one
		return "", "", false
	case err != nil:
		s.internal(w, r, err)
		return "", "", false
	}
	return cnpj, id, true
}

func (s *Server) webhookNotFound(w http.ResponseWriter, r *http.Request) {
	s.problem(w, r, api.Refusal(http.StatusNotFound, api.CodeWebhookNotFound, api.Say("não há este webhook nesta instituição", "there is no such webhook in this institution")))
}

func (s *Server) deleteWebhook(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, id, ok := s.webhookOf(w, r, p)
	if !ok {
		return
	}
	switch err := s.db.DeleteWebhook(r.Context(), cnpj, id); {
	case errors.Is(err, db.ErrNotFound):
		s.webhookNotFound(w, r)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.log.Info("webhook deleted", "webhook", id, "by", p.Subject)
	w.WriteHeader(http.StatusNoContent)
}

// testWebhook puts a test event in the endpoint's line (202: the sender
// delivers it as it delivers the others; the log says how it went).
func (s *Server) testWebhook(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	cnpj, id, ok := s.webhookOf(w, r, p)
	if !ok {
		return
	}
	e, err := s.db.EnqueueWebhookTest(r.Context(), cnpj, id, s.now())
	switch {
	case errors.Is(err, db.ErrNotFound):
		s.webhookNotFound(w, r)
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusAccepted, e)
}

func (s *Server) webhookDeliveries(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	_, id, ok := s.webhookOf(w, r, p)
	if !ok {
		return
	}
	items, err := s.db.WebhookDeliveries(r.Context(), id, 100)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, api.List[api.WebhookDelivery]{Items: items})
}
