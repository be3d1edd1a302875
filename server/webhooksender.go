package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/vault"
)

// WebhookSender delivers the webhook outbox: it claims one due delivery at
// a time (senders on several replicas never take the same one), signs it
// with the endpoint's secret and POSTs it; a failure is tried again later,
// longer each time, until Attempts.
type WebhookSender struct {
	DB       *db.DB
	Key      *vault.MasterKey // the vault's: the secrets are sealed under it
	Policy   WebhookPolicy
	Log      *slog.Logger
	Now      func() time.Time
	Lease    time.Duration
	Every    time.Duration
	Attempts int           // before a delivery is failed for good
	Backoff  time.Duration // the first retry's wait, doubling (to backoffMax)

	client *http.Client
}

func (s *WebhookSender) defaults() {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Lease == 0 {
		s.Lease = time.Minute
	}
	if s.Every == 0 {
		s.Every = time.Second
	}
	if s.Attempts == 0 {
		s.Attempts = 8
	}
	if s.Backoff == 0 {
		s.Backoff = backoffMin
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	s.client = s.Policy.Client()
}

// WebhookSender is the sender of this server's outbox, with its vault key
// (nil while the vault is locked: deliveries then wait).
func (s *Server) WebhookSender(policy WebhookPolicy) *WebhookSender {
	return &WebhookSender{DB: s.db, Key: s.vaultKey, Policy: policy, Log: s.log, Now: s.cfg.Now}
}

// Start delivers until ctx ends; stop waits for the delivery in progress.
func (s *WebhookSender) Start(ctx context.Context) (stop func()) {
	s.defaults()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			for ctx.Err() == nil && s.SendOne(ctx) {
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(s.Every):
			}
		}
	}()
	return func() { cancel(); <-done }
}

// SendOne delivers the next due item, if any; it says whether it found one.
func (s *WebhookSender) SendOne(ctx context.Context) bool {
	if s.client == nil {
		s.defaults()
	}
	if s.Key == nil {
		return false // the secrets cannot be opened: nothing can be signed
	}
	now := s.Now()
	it, ok, err := s.DB.ClaimWebhook(ctx, now, s.Lease)
	if err != nil {
		s.Log.Warn("webhook: claim", "err", err)
		return false
	}
	if !ok {
		return false
	}
	status, why := s.deliver(ctx, it)
	now = s.Now()
	switch {
	case status >= 200 && status < 300:
		err = s.DB.FinishWebhook(ctx, it, status, now)
		s.Log.Info("webhook delivered", "delivery", it.ID, "webhook", it.WebhookID, "status", status)
	default:
		failed := it.Attempts >= s.Attempts
		wait := s.Backoff << min(it.Attempts-1, 20)
		if wait > backoffMax || wait <= 0 {
			wait = backoffMax
		}
		err = s.DB.DeferWebhook(ctx, it, status, why, now.Add(wait), failed, now)
		s.Log.Warn("webhook not delivered", "delivery", it.ID, "webhook", it.WebhookID, "status", status, "why", why,
			"attempt", it.Attempts, "failed", failed)
	}
	if err != nil && !errors.Is(err, db.ErrLeaseLost) {
		s.Log.Warn("webhook: recording the outcome", "delivery", it.ID, "err", err)
	}
	return true
}

// deliver signs and POSTs one item: the endpoint's status, or 0 and why
// it could not be reached.
func (s *WebhookSender) deliver(ctx context.Context, it db.WebhookItem) (int, string) {
	h, sealed, err := s.DB.WebhookSecret(ctx, it.WebhookID)
	if err != nil {
		return 0, "endpoint not found: " + err.Error()
	}
	secret, err := s.Key.Open(db.WebhookIdentity(h.CNPJ, h.ID), sealed)
	if err != nil {
		return 0, "the signing secret could not be opened (vault key?)"
	}
	defer clear(secret)
	if p := s.Policy.CheckURL(h.URL); p != nil {
		return 0, "address refused by the policy"
	}
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(it.Body))
	if err != nil {
		return 0, err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "gecli-webhooks/"+api.Build().Version)
	req.Header.Set(api.SignatureHeader, api.SignWebhook(secret, s.Now(), it.Body))
	req.Header.Set("X-Gecli-Delivery", fmt.Sprint(it.ID))
	res, err := s.client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // reuse the connection; nothing of it is kept
	if res.StatusCode < 200 || res.StatusCode >= 300 {
		return res.StatusCode, "the endpoint answered " + res.Status
	}
	return res.StatusCode, ""
}
