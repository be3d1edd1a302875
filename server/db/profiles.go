package db

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/gecli/gecli/api"
)

// ErrLastProfilesAdmin refuses a change that would leave no enabled
// person able to edit the profiles: nobody could ever undo it.
var ErrLastProfilesAdmin = errors.New("no enabled user would keep profiles:admin")

// Profiles returns each role's permissions, in api.Permissions order.
func (d *DB) Profiles(ctx context.Context) (map[api.Role][]api.Permission, error) {
	rows, err := d.query(ctx, "SELECT role, permission FROM profiles")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[api.Role][]api.Permission{api.RoleRequester: {}, api.RoleEvaluator: {}, api.RoleAdmin: {}}
	for rows.Next() {
		var role api.Role
		var p api.Permission
		if err := rows.Scan(&role, &p); err != nil {
			return nil, err
		}
		out[role] = append(out[role], p)
	}
	for role := range out {
		slices.SortFunc(out[role], func(a, b api.Permission) int {
			return slices.Index(api.Permissions, a) - slices.Index(api.Permissions, b)
		})
	}
	return out, rows.Err()
}

// SetProfile replaces role's permissions, unless that would leave no
// enabled user with profiles:admin (ErrLastProfilesAdmin).
func (d *DB) SetProfile(ctx context.Context, role api.Role, perms []api.Permission) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockGuard(ctx, tx); err != nil {
			return err
		}
		before, err := profileOf(ctx, tx, role)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM profiles WHERE role = ?", string(role)); err != nil {
			return err
		}
		for _, p := range perms {
			if _, err := tx.ExecContext(ctx, "INSERT INTO profiles (role, permission) VALUES (?, ?)", string(role), string(p)); err != nil {
				return err
			}
		}
		if err := checkGuard(ctx, tx); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "profile.updated", Target: "profile:" + string(role),
			Before: api.Profile{Role: role, Permissions: before}, After: api.Profile{Role: role, Permissions: perms}})
		return nil
	})
}

func profileOf(ctx context.Context, tx *sql.Tx, role api.Role) ([]api.Permission, error) {
	rows, err := tx.QueryContext(ctx, "SELECT permission FROM profiles WHERE role = ? ORDER BY permission", string(role))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.Permission{}
	for rows.Next() {
		var p api.Permission
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// lockGuard orders the writes that can take profiles:admin away from
// everyone (a profile's change, a user's role or disabling) on
// PostgreSQL: two at once could each see the other's admin left.
func (d *DB) lockGuard(ctx context.Context, tx *sql.Tx) error {
	return d.lockRow(ctx, tx, "profiles", "permission", string(api.PermProfilesAdmin))
}

// checkGuard fails the transaction when no enabled user is left with
// profiles:admin.
func checkGuard(ctx context.Context, tx *sql.Tx) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE disabled = 0 AND role IN
		(SELECT role FROM profiles WHERE permission = ?)`, string(api.PermProfilesAdmin)).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrLastProfilesAdmin
	}
	return nil
}
