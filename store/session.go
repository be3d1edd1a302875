package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Session is a signed-in session: the tokens and the issuer endpoints that
// refresh and revoke them.
type Session struct {
	AccessToken, RefreshToken string
	Expiry                    time.Time
	Issuer, ClientID          string
	TokenURL, RevokeURL       string
}

// SaveSession replaces the stored session.
func (s *Store) SaveSession(ctx context.Context, se Session) (err error) {
	defer s.fail(&err, OpWrite, EntitySession, "")
	_, err = s.db.ExecContext(ctx, `INSERT INTO session (id, access_token, refresh_token, expiry, issuer, client_id, token_url, revoke_url)
		VALUES (1,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET access_token = excluded.access_token,
		refresh_token = excluded.refresh_token, expiry = excluded.expiry, issuer = excluded.issuer,
		client_id = excluded.client_id, token_url = excluded.token_url, revoke_url = excluded.revoke_url`,
		se.AccessToken, se.RefreshToken, se.Expiry.UTC().Format(time.RFC3339Nano), se.Issuer, se.ClientID, se.TokenURL, se.RevokeURL)
	return err
}

// Session returns the stored session; ok is false when signed out.
func (s *Store) Session(ctx context.Context) (se Session, ok bool, err error) {
	defer s.fail(&err, OpRead, EntitySession, "")
	var exp string
	err = s.db.QueryRowContext(ctx, `SELECT access_token, refresh_token, expiry, issuer, client_id, token_url, revoke_url
		FROM session WHERE id = 1`).Scan(&se.AccessToken, &se.RefreshToken, &exp, &se.Issuer, &se.ClientID, &se.TokenURL, &se.RevokeURL)
	if errors.Is(err, sql.ErrNoRows) {
		return se, false, nil
	}
	if err != nil {
		return se, false, err
	}
	se.Expiry, _ = time.Parse(time.RFC3339Nano, exp)
	return se, true, nil
}

// ClearSession forgets the tokens (logout).
func (s *Store) ClearSession(ctx context.Context) (err error) {
	defer s.fail(&err, OpWrite, EntitySession, "")
	_, err = s.db.ExecContext(ctx, "DELETE FROM session")
	return err
}
