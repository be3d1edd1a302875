package db

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/vault"
)

// VaultSystems lists the tribunal systems, wildcard first.
func (d *DB) VaultSystems(ctx context.Context) ([]api.VaultSystem, error) {
	rows, err := d.query(ctx, "SELECT name, tribunal, degree, two_factor FROM vault_systems ORDER BY position")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []api.VaultSystem
	for rows.Next() {
		var s api.VaultSystem
		if err := rows.Scan(&s.Name, &s.Tribunal, &s.Degree, &s.TwoFactor); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// VaultKeyCheck returns the stored master-key check ("" before first use).
func (d *DB) VaultKeyCheck(ctx context.Context) (string, error) {
	var v string
	err := d.queryRow(ctx, "SELECT value FROM vault_meta WHERE name = 'key_check'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetVaultKeyCheck records the master key's check value the first time a
// key is used; it never replaces another key's (that is rotation's job).
func (d *DB) SetVaultKeyCheck(ctx context.Context, check string) error {
	_, err := d.w.exec(ctx, "INSERT INTO vault_meta (name, value) VALUES ('key_check', ?) ON CONFLICT (name) DO NOTHING", check)
	return err
}

// VaultKey names one entry.
type VaultKey struct{ Institution, CustomerKey, System string }

// compare orders keys: institution, customer key, system.
func (k VaultKey) compare(o VaultKey) int {
	return cmp.Or(strings.Compare(k.Institution, o.Institution), strings.Compare(k.CustomerKey, o.CustomerKey),
		strings.Compare(k.System, o.System))
}

// Identity is what the entry is sealed to.
func (k VaultKey) Identity() vault.Identity {
	return vault.Identity{Institution: k.Institution, CustomerKey: k.CustomerKey, System: k.System}
}

// VaultEntries lists an institution's entries (keys only, never values),
// optionally for one customer_key.
func (d *DB) VaultEntries(ctx context.Context, institution, customerKey string) ([]VaultKey, error) {
	q := "SELECT customer_key, system_name FROM vault_entries WHERE institution_cnpj = ?"
	args := []any{institution}
	if customerKey != "" {
		q += " AND customer_key = ?"
		args = append(args, customerKey)
	}
	rows, err := d.query(ctx, q+" ORDER BY system_name, customer_key", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VaultKey
	for rows.Next() {
		k := VaultKey{Institution: institution}
		if err := rows.Scan(&k.CustomerKey, &k.System); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// VaultAudit is one audit line: who did what to which key, and the outcome.
type VaultAudit struct {
	Actor   Actor
	Action  string // write, delete, resolve
	Key     VaultKey
	Outcome string
	At      time.Time
}

func appendVaultAudit(ctx context.Context, ex interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, a VaultAudit) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO vault_audit (at, actor_id, actor_name, institution_cnpj, action, customer_key,
		system_name, outcome) VALUES (?,?,?,?,?,?,?,?)`, a.At.UTC().Format(time.RFC3339Nano), a.Actor.ID, a.Actor.Name,
		a.Key.Institution, a.Action, a.Key.CustomerKey, a.Key.System, a.Outcome)
	if tx, ok := ex.(*sql.Tx); ok && err == nil {
		// The trail names the key, never a value.
		record(tx, Audit{Actor: a.Actor, Action: "vault." + a.Action, Target: "vault:" + a.Key.Institution + "/" + a.Key.CustomerKey + "/" + a.Key.System,
			Detail: a.Outcome})
	}
	return err
}

// AuditVault appends an audit line on its own (resolutions).
func (d *DB) AuditVault(ctx context.Context, a VaultAudit) error {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	if err := appendVaultAudit(ctx, tx, a); err != nil {
		return err
	}
	return d.w.commit(tx)
}

// VaultAuditLog returns an institution's audit lines, oldest first.
func (d *DB) VaultAuditLog(ctx context.Context, institution string) ([]VaultAudit, error) {
	rows, err := d.query(ctx, `SELECT at, actor_id, actor_name, action, customer_key, system_name, outcome
		FROM vault_audit WHERE institution_cnpj = ? ORDER BY id`, institution)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VaultAudit
	for rows.Next() {
		var a VaultAudit
		var at string
		a.Key.Institution = institution
		if err := rows.Scan(&at, &a.Actor.ID, &a.Actor.Name, &a.Action, &a.Key.CustomerKey, &a.Key.System, &a.Outcome); err != nil {
			return nil, err
		}
		a.At, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// VaultPut is one entry to store, sealed.
type VaultPut struct {
	Key    VaultKey
	Sealed vault.Sealed
}

// PutVaultEntry stores or overwrites one sealed entry and audits it; it
// reports whether the entry is new.
func (d *DB) PutVaultEntry(ctx context.Context, k VaultKey, s vault.Sealed, check string, by Actor, at time.Time) (created bool, err error) {
	out, err := d.PutVaultEntries(ctx, []VaultPut{{k, s}}, check, by, at)
	if err != nil {
		return false, err
	}
	return out[0], nil
}

// PutVaultEntries stores or overwrites entries and audits each, in one
// transaction: all of them or none (a retry then applies them all); it
// reports which are new. check is the key check of the master key that
// sealed them: once `gecli vault rotate-key` has replaced it, a replica
// still running on the old key is refused (ErrVaultKey) instead of
// storing entries the new key cannot open.
func (d *DB) PutVaultEntries(ctx context.Context, puts []VaultPut, check string, by Actor, at time.Time) ([]bool, error) {
	created := make([]bool, len(puts))
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		// Shared with other writers, exclusive against a rotation (which
		// locks it for update): a rotation waits for these puts, or they
		// for it and then see its new check.
		var stored string
		if err := tx.QueryRowContext(ctx, "SELECT value FROM vault_meta WHERE name = 'key_check'"+d.forShare()).
			Scan(&stored); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if stored != check {
			return ErrVaultKey
		}
		stamp := at.UTC().Format(time.RFC3339)
		// In key order: two puts of the same entries lock them in the same
		// order, so neither waits for the other forever.
		order := make([]int, len(puts))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(x, y int) int { return puts[x].Key.compare(puts[y].Key) })
		for _, i := range order {
			k, s := puts[i].Key, puts[i].Sealed
			// Insert, or else update: which one happened is what the row
			// said at that moment, even with another put of it at once.
			res, err := tx.ExecContext(ctx, `INSERT INTO vault_entries (institution_cnpj, customer_key, system_name, key_id, wrapped_key,
				ciphertext, updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?)
				ON CONFLICT (institution_cnpj, customer_key, system_name) DO NOTHING`,
				k.Institution, k.CustomerKey, k.System, s.KeyID, s.WrappedKey, s.Ciphertext, stamp, by.ID)
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if n == 0 {
				if _, err := tx.ExecContext(ctx, `UPDATE vault_entries SET key_id = ?, wrapped_key = ?, ciphertext = ?, updated_at = ?,
					updated_by = ? WHERE institution_cnpj = ? AND customer_key = ? AND system_name = ?`,
					s.KeyID, s.WrappedKey, s.Ciphertext, stamp, by.ID, k.Institution, k.CustomerKey, k.System); err != nil {
					return err
				}
			}
			outcome := api.VaultUpdated
			if n == 1 {
				outcome = api.VaultCreated
			}
			if err := appendVaultAudit(ctx, tx, VaultAudit{Actor: by, Action: "write", Key: k, Outcome: outcome, At: at}); err != nil {
				return err
			}
			created[i] = n == 1
		}
		return nil
	})
	return created, err
}

// DeleteVaultEntries removes a system's entries of an institution (one
// customer_key, or all when empty) and audits it; it returns how many went.
func (d *DB) DeleteVaultEntries(ctx context.Context, k VaultKey, by Actor, at time.Time) (int64, error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer d.w.end(tx)
	q := "DELETE FROM vault_entries WHERE institution_cnpj = ? AND system_name = ?"
	args := []any{k.Institution, k.System}
	if k.CustomerKey != "" {
		q += " AND customer_key = ?"
		args = append(args, k.CustomerKey)
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	outcome := "deleted"
	if n == 0 {
		outcome = "nothing_to_delete"
	}
	if err := appendVaultAudit(ctx, tx, VaultAudit{Actor: by, Action: "delete", Key: k, Outcome: outcome, At: at}); err != nil {
		return 0, err
	}
	return n, d.w.commit(tx)
}

// VaultEntry returns one sealed entry.
func (d *DB) VaultEntry(ctx context.Context, k VaultKey) (vault.Sealed, error) {
	var s vault.Sealed
	err := d.queryRow(ctx, `SELECT key_id, wrapped_key, ciphertext FROM vault_entries
		WHERE institution_cnpj = ? AND customer_key = ? AND system_name = ?`, k.Institution, k.CustomerKey, k.System).
		Scan(&s.KeyID, &s.WrappedKey, &s.Ciphertext)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	return s, err
}

// RotateVaultKey re-wraps every data key from old to next and replaces the
// key check, in one transaction: either every entry moves or none does.
func (d *DB) RotateVaultKey(ctx context.Context, old, next *vault.MasterKey) (int, error) {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer d.w.end(tx)
	var check string
	err = tx.QueryRowContext(ctx, "SELECT value FROM vault_meta WHERE name = 'key_check'"+d.forUpdate()).Scan(&check)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if check != "" && check != old.Check() {
		return 0, ErrVaultKey
	}
	rows, err := tx.QueryContext(ctx, "SELECT institution_cnpj, customer_key, system_name, key_id, wrapped_key, ciphertext FROM vault_entries")
	if err != nil {
		return 0, err
	}
	type row struct {
		k VaultKey
		s vault.Sealed
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.k.Institution, &r.k.CustomerKey, &r.k.System, &r.s.KeyID, &r.s.WrappedKey, &r.s.Ciphertext); err != nil {
			rows.Close()
			return 0, err
		}
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, r := range all {
		s, err := old.Rewrap(r.k.Identity(), r.s, next)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE vault_entries SET key_id = ?, wrapped_key = ? WHERE institution_cnpj = ?
			AND customer_key = ? AND system_name = ?`, s.KeyID, s.WrappedKey, r.k.Institution, r.k.CustomerKey, r.k.System); err != nil {
			return 0, err
		}
	}
	hooks, err := rewrapWebhooks(ctx, tx, old, next)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO vault_meta (name, value) VALUES ('key_check', ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, next.Check()); err != nil {
		return 0, err
	}
	record(tx, Audit{Actor: actorOf(ctx), Action: "vault.key_rotated", Target: "vault:*",
		Detail: fmt.Sprintf("%d entradas, %d segredos de webhook", len(all), hooks)})
	return len(all), d.w.commit(tx)
}

// ErrVaultKey is a master key that is not the one the vault was sealed with.
var ErrVaultKey = errors.New("a chave mestra não é a que selou o cofre")

// ServiceClient is a machine client for one institution.
type ServiceClient struct {
	ClientID, Name, Institution, Scope, SecretHash string
	Disabled                                       bool
}

// CreateServiceClient stores a service client.
func (d *DB) CreateServiceClient(ctx context.Context, c ServiceClient, at time.Time) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO service_clients (client_id, name, institution_cnpj, scope, secret_hash, created_at)
			VALUES (?,?,?,?,?,?)`, c.ClientID, c.Name, api.NormalizeCNPJ(c.Institution), c.Scope, c.SecretHash, at.UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "service_client.created", Target: "service_client:" + c.ClientID,
			After: map[string]string{"name": c.Name, "institution": api.NormalizeCNPJ(c.Institution), "scope": c.Scope}})
		return nil
	})
}

// ServiceClientByID looks a service client up.
func (d *DB) ServiceClientByID(ctx context.Context, id string) (ServiceClient, error) {
	var c ServiceClient
	err := d.queryRow(ctx, `SELECT client_id, name, institution_cnpj, scope, secret_hash, disabled
		FROM service_clients WHERE client_id = ?`, id).Scan(&c.ClientID, &c.Name, &c.Institution, &c.Scope, &c.SecretHash, &c.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	return c, err
}
