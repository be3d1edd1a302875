package db

import (
	"context"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
)

func TestHistoryIsAppendOnlyAndChained(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, testDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	minimalCatalog(t, d)
	r := pendingRequest(t, d)
	if _, err := d.ApplyTransition(ctx, r.ID, Transition{From: []api.Status{api.StatusPending}, To: api.StatusRejected,
		Actor: Actor{ID: "e", Name: "Bruno"}, Action: "rejected", Justification: "incompleta", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := d.VerifyHistory(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := d.w.db.Exec("UPDATE request_events SET justification = 'ok' WHERE request_id = ?", r.ID); err == nil {
		t.Fatal("an event was edited")
	}
	if _, err := d.w.db.Exec("DELETE FROM request_events WHERE request_id = ?", r.ID); err == nil {
		t.Fatal("an event was deleted")
	}
	// Even bypassing the triggers, tampering shows in the chain.
	drop := "DROP TRIGGER request_events_no_update"
	if d.postgres {
		drop += " ON request_events"
	}
	if _, err := d.w.db.Exec(drop); err != nil {
		t.Fatal(err)
	}
	if _, err := d.w.db.Exec("UPDATE request_events SET justification = 'aprovada' WHERE request_id = ? AND n = 2", r.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.VerifyHistory(ctx, r.ID); err == nil {
		t.Fatal("a tampered history verified")
	}
}

// minimalCatalog gives d one institution and one API ("x"), enough for
// requests.
func minimalCatalog(t testing.TB, d *DB) {
	t.Helper()
	if err := d.UpsertInstitution(context.Background(), api.Institution{CNPJ: "11222333000181", Name: "TJ"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.w.db.Exec(`INSERT INTO apis (id, name, acronym, description, category, system_type, owner, auth_type, openapi_doc,
		sort_key, search_text, updated_at) VALUES ('x','X','X','','data','other','','', '', 'x', 'x', '')`); err != nil {
		t.Fatal(err)
	}
}

// newPending is a pending submission to API "x" of minimalCatalog.
func newPending() NewRequest {
	return NewRequest{Create: api.RequestCreate{APIID: "x", Environment: api.EnvPRD, InstitutionCNPJ: "11222333000181"},
		Requester: Actor{ID: "u", Name: "Ana"}, Rule: api.RuleFormStandard, Status: api.StatusPending, At: time.Now()}
}

// pendingRequest stores newPending in d.
func pendingRequest(t *testing.T, d *DB) api.Request {
	t.Helper()
	r, err := d.CreateRequest(context.Background(), newPending())
	if err != nil {
		t.Fatal(err)
	}
	return r
}
