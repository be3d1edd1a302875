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

// Sealer keeps the session's tokens sealed at rest: gecli ssh keeps the
// sessions of many people on one host, each cache under its key's
// fingerprint, and a copied file must not give anyone a working token.
// A value that does not open (another key, a file from elsewhere) reads
// as signed out: the person signs in again.
type Sealer interface {
	Seal(plain string) (string, error)
	Open(sealed string) (string, error)
}

// SealSessions makes this cache seal the tokens it saves and open them as
// it reads them. Call it right after Open, before any session is read.
func (s *Store) SealSessions(sl Sealer) { s.sealer = sl }

// SaveSession replaces the stored session.
func (s *Store) SaveSession(ctx context.Context, se Session) (err error) {
	defer s.fail(&err, OpWrite, EntitySession, "")
	if s.sealer != nil {
		if se.AccessToken, err = s.sealer.Seal(se.AccessToken); err != nil {
			return err
		}
		if se.RefreshToken, err = s.sealer.Seal(se.RefreshToken); err != nil {
			return err
		}
	}
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
	if s.sealer != nil {
		access, aerr := s.sealer.Open(se.AccessToken)
		refresh, rerr := s.sealer.Open(se.RefreshToken)
		if aerr != nil || rerr != nil {
			return Session{}, false, nil
		}
		se.AccessToken, se.RefreshToken = access, refresh
	}
	return se, true, nil
}

// ClearSession forgets the tokens (logout).
func (s *Store) ClearSession(ctx context.Context) (err error) {
	defer s.fail(&err, OpWrite, EntitySession, "")
	_, err = s.db.ExecContext(ctx, "DELETE FROM session")
	return err
}
