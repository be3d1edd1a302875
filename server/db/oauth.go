package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/gecli/gecli/internal/pg"
)

// DeviceCode is one RFC 8628 authorization.
type DeviceCode struct {
	DeviceHash, UserCode, ClientID string
	ExpiresAt                      time.Time
	Interval                       time.Duration
	LastPollAt                     time.Time
	Status                         string // pending, approved, denied, consumed
	UserID                         string
}

// Device code states.
const (
	DevicePending  = "pending"
	DeviceApproved = "approved"
	DeviceDenied   = "denied"
	DeviceConsumed = "consumed"
)

// CreateDeviceCode stores a new authorization; ErrConflict when the user
// code collides (the caller draws another).
func (d *DB) CreateDeviceCode(ctx context.Context, c DeviceCode) error {
	_, err := d.w.exec(ctx, `INSERT INTO device_codes (device_hash, user_code, client_id, expires_at, interval_s)
		VALUES (?,?,?,?,?)`, c.DeviceHash, c.UserCode, c.ClientID, c.ExpiresAt.Unix(), int(c.Interval/time.Second))
	if err != nil && isUnique(err) {
		return ErrConflict
	}
	return err
}

func scanDevice(row *sql.Row) (DeviceCode, error) {
	var c DeviceCode
	var exp, last, interval int64
	var user sql.NullString
	err := row.Scan(&c.DeviceHash, &c.UserCode, &c.ClientID, &exp, &interval, &last, &c.Status, &user)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	c.ExpiresAt, c.LastPollAt = time.Unix(exp, 0), time.Unix(last, 0)
	c.Interval, c.UserID = time.Duration(interval)*time.Second, user.String
	return c, err
}

const deviceColumns = "device_hash, user_code, client_id, expires_at, interval_s, last_poll_at, status, user_id"

// DeviceByUserCode finds an authorization by the code a person typed.
func (d *DB) DeviceByUserCode(ctx context.Context, userCode string) (DeviceCode, error) {
	return scanDevice(d.queryRow(ctx, "SELECT "+deviceColumns+" FROM device_codes WHERE user_code = ?", userCode))
}

// DecideDevice approves or denies a pending, unexpired authorization.
// It reports false when the code was not pending any more.
func (d *DB) DecideDevice(ctx context.Context, userCode, status, userID string, now time.Time) (bool, error) {
	res, err := d.w.exec(ctx, `UPDATE device_codes SET status = ?, user_id = ?
		WHERE user_code = ? AND status = 'pending' AND expires_at > ?`, status, userID, userCode, now.Unix())
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// PollDevice records a poll of the token endpoint and returns the
// authorization as it was before the poll. Polling faster than the
// interval raises the interval by 5 s (RFC 8628 slow_down), stored so that
// every replica enforces it.
func (d *DB) PollDevice(ctx context.Context, deviceHash string, now time.Time) (c DeviceCode, tooFast bool, err error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return c, false, err
	}
	defer d.w.end(tx)
	c, err = scanDevice(tx.QueryRowContext(ctx, "SELECT "+deviceColumns+" FROM device_codes WHERE device_hash = ?"+d.forUpdate(), deviceHash))
	if err != nil {
		return c, false, err
	}
	tooFast = c.LastPollAt.Unix() > 0 && now.Sub(c.LastPollAt) < c.Interval
	interval := c.Interval
	if tooFast {
		interval += 5 * time.Second
	}
	status := c.Status
	if c.Status == DeviceApproved {
		status = DeviceConsumed // tokens are issued once
	}
	if _, err := tx.ExecContext(ctx, "UPDATE device_codes SET last_poll_at = ?, interval_s = ?, status = ? WHERE device_hash = ?",
		now.Unix(), int(interval/time.Second), status, deviceHash); err != nil {
		return c, false, err
	}
	return c, tooFast, d.w.commit(tx)
}

// RefreshToken is one stored (hashed) refresh token.
type RefreshToken struct {
	Hash, FamilyID, UserID, ClientID string
	ExpiresAt                        time.Time
}

// AddRefreshToken stores a refresh token.
// A new family is a sign-in: the audit records it (refreshes are not).
func (d *DB) AddRefreshToken(ctx context.Context, t RefreshToken) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO refresh_tokens (token_hash, family_id, user_id, client_id, expires_at)
			VALUES (?,?,?,?,?)`, t.Hash, t.FamilyID, t.UserID, t.ClientID, t.ExpiresAt.Unix()); err != nil {
			return err
		}
		var username, name string
		if err := tx.QueryRowContext(ctx, "SELECT username, name FROM users WHERE id = ?", t.UserID).Scan(&username, &name); err != nil {
			return err
		}
		record(tx, Audit{Actor: Actor{ID: t.UserID, Name: name}, Action: "session.signed_in", Target: "user:" + username,
			Detail: "client " + t.ClientID})
		return nil
	})
}

// Refresh outcomes.
var (
	ErrTokenReplayed = errors.New("refresh token already used: family revoked")
	ErrTokenInvalid  = errors.New("refresh token unknown, expired or revoked")
)

// RotateRefreshToken consumes a refresh token and stores its successor in
// the same family, atomically. A token presented a second time revokes the
// whole family (RFC 9700 4.14: a stolen token and its legitimate copy
// cannot both keep working).
func (d *DB) RotateRefreshToken(ctx context.Context, hash string, next RefreshToken, now time.Time) (RefreshToken, error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return RefreshToken{}, err
	}
	defer d.w.end(tx)
	var cur RefreshToken
	var exp int64
	var used sql.NullInt64
	var revoked bool
	err = tx.QueryRowContext(ctx, `SELECT token_hash, family_id, user_id, client_id, expires_at, used_at, revoked
		FROM refresh_tokens WHERE token_hash = ?`+d.forUpdate(), hash).Scan(&cur.Hash, &cur.FamilyID, &cur.UserID, &cur.ClientID, &exp, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return cur, ErrTokenInvalid
	}
	if err != nil {
		return cur, err
	}
	cur.ExpiresAt = time.Unix(exp, 0)
	if used.Valid {
		if _, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?", cur.FamilyID); err != nil {
			return cur, err
		}
		if err := d.w.commit(tx); err != nil {
			return cur, err
		}
		return cur, ErrTokenReplayed
	}
	if revoked || !now.Before(cur.ExpiresAt) {
		return cur, ErrTokenInvalid
	}
	if _, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?", now.Unix(), hash); err != nil {
		return cur, err
	}
	next.FamilyID, next.UserID, next.ClientID = cur.FamilyID, cur.UserID, cur.ClientID
	if _, err := tx.ExecContext(ctx, `INSERT INTO refresh_tokens (token_hash, family_id, user_id, client_id, expires_at)
		VALUES (?,?,?,?,?)`, next.Hash, next.FamilyID, next.UserID, next.ClientID, next.ExpiresAt.Unix()); err != nil {
		return cur, err
	}
	return cur, d.w.commit(tx)
}

// RevokeRefreshFamily revokes the family of a refresh token (logout).
// Unknown tokens are not an error (RFC 7009 2.2).
func (d *DB) RevokeRefreshFamily(ctx context.Context, hash string) error {
	_, err := d.w.exec(ctx, `UPDATE refresh_tokens SET revoked = 1
		WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = ?)`, hash)
	return err
}

// RefreshTokenActive tells introspection whether a refresh token is live.
func (d *DB) RefreshTokenActive(ctx context.Context, hash string, now time.Time) (RefreshToken, bool, error) {
	var t RefreshToken
	var exp int64
	var used sql.NullInt64
	var revoked bool
	err := d.queryRow(ctx, `SELECT family_id, user_id, client_id, expires_at, used_at, revoked
		FROM refresh_tokens WHERE token_hash = ?`, hash).Scan(&t.FamilyID, &t.UserID, &t.ClientID, &exp, &used, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return t, false, nil
	}
	if err != nil {
		return t, false, err
	}
	t.ExpiresAt = time.Unix(exp, 0)
	return t, !used.Valid && !revoked && now.Before(t.ExpiresAt), nil
}

// isUnique reports a unique-constraint violation (SQLite's message).
func isUnique(err error) bool {
	return err != nil && (strings.Contains(err.Error(), "UNIQUE") || pg.UniqueViolation(err)) // SQLite's message; PostgreSQL's code
}

// SessionLive says whether userID is enabled and, for family != "",
// whether that sign-in (its refresh family) has not been ended: every API
// call with a person's token asks (through a cache of a second), so a
// logout, a revocation or a disabled user stops its access tokens at once.
func (d *DB) SessionLive(ctx context.Context, userID, family string) (bool, error) {
	var disabled, revoked bool
	err := d.queryRow(ctx, `SELECT u.disabled, COALESCE((SELECT MAX(r.revoked) FROM refresh_tokens r WHERE r.family_id = ?), 0)
		FROM users u WHERE u.id = ?`, family, userID).Scan(&disabled, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return !disabled && !revoked, nil
}

// RevokeSession ends a sign-in session by its family id (an access token
// presented to /oauth2/revoke names its session).
func (d *DB) RevokeSession(ctx context.Context, family string) error {
	_, err := d.w.exec(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE family_id = ?", family)
	return err
}
