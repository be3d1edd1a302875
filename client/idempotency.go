package client

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
)

// One user action, one Idempotency-Key (DESIGN.md §5): a write sent with a
// key may be sent again with it, and the server applies it once. So a
// write whose answer is lost (a network cut, a server that stalled, a 503
// busy) is retried here with its key until its context ends.

type idemKey struct{}

// NewIdempotencyKey returns a fresh key for one user action.
func NewIdempotencyKey() string {
	b := make([]byte, 15)
	rand.Read(b)
	return base32.StdEncoding.EncodeToString(b)
}

// WithIdempotencyKey makes the writes under ctx carry key, and lets them
// be retried.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idemKey{}, key)
}

// IdempotencyKey returns the key ctx carries ("" for none).
func IdempotencyKey(ctx context.Context) string {
	k, _ := ctx.Value(idemKey{}).(string)
	return k
}

// retryable reports whether a write may be sent again with its key: the
// answer never arrived, or the server said it did nothing yet.
func retryable(err error) bool {
	var pe *ProblemError
	if errors.As(err, &pe) {
		return pe.Problem.Status == http.StatusServiceUnavailable &&
			(pe.Problem.Code == api.CodeBusy || pe.Problem.Code == api.CodeDBUnavailable) ||
			pe.Problem.Code == api.CodeIdempotencyInProgress
	}
	return IsOffline(err)
}

// retryDelays space the attempts of one write; the context bounds them.
var retryDelays = []time.Duration{200 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second}

// withRetries runs attempt, again with the same key while the outcome is
// unknown and ctx allows.
func withRetries(ctx context.Context, attempt func() error) error {
	err := attempt()
	if IdempotencyKey(ctx) == "" {
		return err
	}
	for _, d := range retryDelays {
		if err == nil || !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(d):
		}
		err = attempt()
	}
	return err
}
