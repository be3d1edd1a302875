package db

import (
	"context"
	"database/sql"
	"time"
)

// SigningKey is one stored key of the embedded issuer.
type SigningKey struct {
	KID, Alg   string
	PrivateDER []byte
	CreatedAt  time.Time
}

// SigningKeys lists the keys that are not retired, newest first.
func (d *DB) SigningKeys(ctx context.Context) ([]SigningKey, error) {
	rows, err := d.query(ctx, `SELECT kid, alg, private_der, created_at FROM signing_keys
		WHERE retired_at IS NULL ORDER BY created_at DESC, kid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []SigningKey
	for rows.Next() {
		var k SigningKey
		var at string
		if err := rows.Scan(&k.KID, &k.Alg, &k.PrivateDER, &at); err != nil {
			return nil, err
		}
		k.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, k)
	}
	return out, rows.Err()
}

// AddSigningKey stores a new key; it becomes the signing key.
func (d *DB) AddSigningKey(ctx context.Context, k SigningKey) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO signing_keys (kid, alg, private_der, created_at) VALUES (?,?,?,?)",
			k.KID, k.Alg, k.PrivateDER, k.CreatedAt.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "issuer.key_added", Target: "key:" + k.KID, Detail: k.Alg})
		return nil
	})
}
