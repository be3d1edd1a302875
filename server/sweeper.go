package server

import (
	"context"
	mrand "math/rand/v2"
	"time"
)

// SweepEvery is how often a server removes what has expired (db.Sweep):
// expired sign-ins and their refresh families, idempotency keys past
// their day, idle rate-limit buckets.
const SweepEvery = 10 * time.Minute

// StartSweeping sweeps soon after start, then every `every`, until stop
// is called (stop waits for a sweep in progress, so the database can be
// closed after it). Replicas each run one; they take turns (db.Sweep).
func (s *Server) StartSweeping(ctx context.Context, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Replicas started together should not all sweep at the same moment.
		wait := time.Duration(mrand.Int64N(int64(every)/10 + 1))
		for {
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			s.sweep(ctx)
			wait = every
		}
	}()
	return func() { cancel(); <-done }
}

func (s *Server) sweep(ctx context.Context) {
	swept, err := s.db.Sweep(ctx, s.now())
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Warn("expiry sweep failed", "err", err)
	case swept.Skipped:
		s.log.Debug("expiry sweep left to another replica")
	case swept.Total() > 0:
		s.log.Info("expiry sweep", "device_codes", swept.DeviceCodes, "refresh_tokens", swept.RefreshTokens,
			"idempotency_keys", swept.IdempotencyKeys, "rate_limits", swept.RateLimits)
	}
	if err == nil && !swept.Skipped {
		s.checkpointIfMoved(ctx)
	}
}

// checkpointIfMoved signs the audit's head when anything but the last
// checkpoint's own event came after it: at the sweep's interval, by one
// replica at a time.
func (s *Server) checkpointIfMoved(ctx context.Context) {
	count, _, err := s.db.AuditHead(ctx)
	if err != nil {
		s.log.Warn("audit checkpoint failed", "err", err)
		return
	}
	last, err := s.db.Checkpoints(ctx)
	if err != nil || count == 0 || len(last) > 0 && count <= last[0].Count+1 {
		return
	}
	if c, err := Checkpoint(ctx, s.db, s.auth.Keys); err != nil {
		s.log.Warn("audit checkpoint failed", "err", err)
	} else {
		s.log.Info("audit checkpoint", "count", c.Count, "head", c.Head)
	}
}
