package api

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Outbound webhooks (issue 19, item 5): an institution's HTTPS endpoint
// gets each of its requests' status changes and credential events as a
// signed JSON POST.

// Problem codes of webhooks.
const (
	CodeWebhookNotFound Code = "webhook_not_found"
	// CodeWebhookURL: not https (loopback aside, where allowed), or a host
	// in a private range the server may not reach.
	CodeWebhookURL Code = "webhook_url_refused"
	// CodeWebhookLimit: an institution has as many endpoints as it may.
	CodeWebhookLimit Code = "webhook_limit"
)

// Limits of webhooks.
const (
	MaxWebhooks      = 10   // endpoints per institution
	MaxWebhookURLLen = 2048 // an endpoint's URL
	// WebhookTolerance is how old a signed timestamp a receiver should
	// take: older is a replay.
	WebhookTolerance = 5 * time.Minute
)

// The events a webhook receives.
const (
	EventRequestStatus   = "request.status_changed"
	EventSecretGenerated = "credential.secret_generated"
	EventWebhookTest     = "webhook.test"
)

// SignatureHeader carries t=UNIX,v1=HEX where HEX is HMAC-SHA256(secret,
// t + "." + body): the timestamp is signed with the body, so a receiver
// refuses a replay of an old delivery.
const SignatureHeader = "X-Gecli-Signature"

// WebhookCreate is the body of POST /api/v1/institutions/{cnpj}/webhooks.
type WebhookCreate struct {
	URL string `json:"url"`
}

// Webhook is a registered endpoint (never its secret).
type Webhook struct {
	ID        string `json:"id"`
	CNPJ      string `json:"cnpj"`
	URL       string `json:"url"`
	CreatedBy string `json:"created_by"`
	CreatedAt string `json:"created_at"`
}

// WebhookCreated is the one answer that holds the signing secret.
type WebhookCreated struct {
	Webhook
	Secret string `json:"secret"`
}

// WebhookEvent is what a delivery POSTs.
type WebhookEvent struct {
	ID          string      `json:"id"` // the event's: a receiver that got it once ignores it again
	Event       string      `json:"event"`
	At          string      `json:"at"`
	RequestID   string      `json:"request_id,omitempty"`
	APIID       string      `json:"api_id,omitempty"`
	Environment Environment `json:"environment,omitempty"`
	CNPJ        string      `json:"cnpj"`
	Status      Status      `json:"status,omitempty"`
	// Justification of a decision or revocation, when there is one.
	Justification string `json:"justification,omitempty"`
	ClientID      string `json:"client_id,omitempty"`
}

// WebhookDelivery is one event sent (or being sent) to an endpoint.
type WebhookDelivery struct {
	ID          int64  `json:"id"`
	EventID     string `json:"event_id"`
	Event       string `json:"event"`
	RequestID   string `json:"request_id,omitempty"`
	State       string `json:"state"` // pending, delivered, failed
	Attempts    int    `json:"attempts"`
	LastStatus  int    `json:"last_status,omitempty"` // the endpoint's HTTP status
	LastError   string `json:"last_error,omitempty"`
	CreatedAt   string `json:"created_at"`
	NextAt      string `json:"next_at,omitempty"`
	DeliveredAt string `json:"delivered_at,omitempty"`
}

// SignWebhook is the X-Gecli-Signature of body sent at t.
func SignWebhook(secret []byte, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(mac.Sum(nil))
}

// Errors of VerifyWebhook.
var (
	ErrSignature      = errors.New("webhook: bad signature")
	ErrSignatureStale = errors.New("webhook: timestamp outside the tolerance (a replay?)")
)

// VerifyWebhook checks a delivery as a receiver should: the signature of
// the timestamp and body, and a timestamp within tolerance of now.
func VerifyWebhook(secret []byte, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts, sig string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sig = v
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || sig == "" {
		return fmt.Errorf("%w: malformed header", ErrSignature)
	}
	want := SignWebhook(secret, time.Unix(sec, 0), body)
	if !hmac.Equal([]byte(want), []byte("t="+ts+",v1="+sig)) {
		return ErrSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return ErrSignatureStale
	}
	return nil
}
