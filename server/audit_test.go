package server

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestTheAuditTrailRecordsEveryChange: admin changes with before and
// after, request events, vault writes without values and sign-ins land in
// one trail, newest first, filtered and paged; only audit:read reads it.
func TestTheAuditTrailRecordsEveryChange(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	newName := "Tribunal de Justiça do Estado Exemplo (renomeado)"
	if res := ts.call("PATCH", "/api/v1/institutions/"+tjCNPJ, admin, "application/json", mustJSON(api.InstitutionPatch{Name: &newName})); res.status != 200 {
		t.Fatalf("rename: %d %s", res.status, res.body)
	}
	r := ts.approvedRequest(tjCNPJ)
	ts.signInAs("avaliador")
	write := api.VaultWrite{Credentials: []api.VaultEntry{{SystemName: "*", CustomerKey: "c1", Username: lawyerCPF, Password: "segredo-do-cofre-1"}}}
	if res := ts.vault("POST", "?institution="+tjCNPJ, ts.tokenFor("solicitante"), write); res.status/100 != 2 {
		t.Fatalf("vault write: %d %s", res.status, res.body)
	}

	page := func(query string) api.AuditPage {
		t.Helper()
		res := ts.call("GET", "/api/v1/audit"+query, admin, "", nil)
		if res.status != 200 {
			t.Fatalf("audit%s: %d %s", query, res.status, res.body)
		}
		return decode[api.AuditPage](t, res.body)
	}
	renamed := page("?action=institution.updated&target=institution:" + tjCNPJ).Items
	if len(renamed) != 1 || renamed[0].ActorName != "Carla Dias" || !strings.Contains(string(renamed[0].Before), "Exemplo\"") ||
		!strings.Contains(string(renamed[0].After), "renomeado") {
		t.Errorf("the rename, with before and after: %+v", renamed)
	}
	if got := page("?target=request:" + r.ID).Items; len(got) < 2 || got[len(got)-1].Action != "request.submitted" {
		t.Errorf("the request's events, newest first: %+v", got)
	}
	if got := page("?action=session.").Items; len(got) == 0 || got[0].Target != "user:avaliador" {
		t.Errorf("the sign-in: %+v", got)
	}
	vault := page("?action=vault.write").Items
	if len(vault) != 1 {
		t.Fatalf("the vault write: %+v", vault)
	}
	if b, _ := json.Marshal(vault); strings.Contains(string(b), "segredo-do-cofre-1") || strings.Contains(string(b), lawyerCPF) {
		t.Errorf("the vault's values are in the audit: %s", b)
	}

	// Keyset pages: each page continues where the last stopped, no event
	// twice, none skipped.
	first := page("?limit=2")
	second := page("?limit=2&cursor=" + first.NextCursor)
	if len(first.Items) != 2 || first.NextCursor == "" || len(second.Items) != 2 || second.Items[0].Seq != first.Items[1].Seq-1 {
		t.Errorf("pages: %+v then %+v", first, second)
	}
	wantProblem(t, "a bad since", ts.call("GET", "/api/v1/audit?since=ontem", admin, "", nil), 400, api.CodeInvalidParameter)
	wantProblem(t, "a limit too big", ts.call("GET", "/api/v1/audit?limit=5000", admin, "", nil), 400, api.CodeInvalidParameter)
	if got := page("?since=2999-01-01T00:00:00Z").Items; len(got) != 0 {
		t.Errorf("since the future: %+v", got)
	}
	wantProblem(t, "a requester reads the audit", ts.call("GET", "/api/v1/audit", ts.tokenFor("solicitante"), "", nil), 403, api.CodeForbiddenRole)

	// A person looks for someone by the name on screen, not by an id.
	if got := page("?actor=carla&action=institution.updated").Items; len(got) != 1 || got[0].Actor != "u-admin" {
		t.Errorf("by part of the name: %+v", got)
	}
	// Publishing what is published changes nothing and records nothing.
	before := len(page("?action=api.published&limit=200").Items)
	if res := ts.call("POST", "/api/v1/apis/"+r.APIID+"/publish", admin, "", nil); res.status != 200 {
		t.Fatalf("publish again: %d %s", res.status, res.body)
	}
	if after := len(page("?action=api.published&limit=200").Items); after != before {
		t.Errorf("publishing a published API was recorded: %d events, were %d", after, before)
	}
}

// TestTamperingIsFoundAndCheckpointsPinThePast: verify names the first
// broken link; an attacker who rewrites an event and recomputes every
// hash after it gets a chain that verifies, but not against a signed
// checkpoint kept from before.
func TestTamperingIsFoundAndCheckpointsPinThePast(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.tokenFor("admin")
	for _, name := range []string{"Um", "Dois", "Três"} {
		n := "Tribunal " + name
		if res := ts.call("PATCH", "/api/v1/institutions/"+tjCNPJ, admin, "application/json", mustJSON(api.InstitutionPatch{Name: &n})); res.status != 200 {
			t.Fatal(res.status)
		}
	}
	verify := func() api.AuditVerification {
		t.Helper()
		res := ts.call("GET", "/api/v1/audit/verify", admin, "", nil)
		if res.status != 200 {
			t.Fatalf("verify: %d %s", res.status, res.body)
		}
		return decode[api.AuditVerification](t, res.body)
	}
	if v := verify(); !v.OK || v.Events == 0 || v.Requests == 0 {
		t.Fatalf("an untouched database: %+v", v)
	}
	res := ts.call("POST", "/api/v1/audit/checkpoints", admin, "", nil)
	kept := decode[api.AuditCheckpoint](t, res.body)
	if res.status != 201 || kept.Signature == "" || kept.Count == 0 {
		t.Fatalf("checkpoint: %d %s", res.status, res.body)
	}
	if list := decode[api.List[api.AuditCheckpoint]](t, ts.call("GET", "/api/v1/audit/checkpoints", admin, "", nil).body); len(list.Items) != 1 {
		t.Errorf("checkpoints: %+v", list)
	}

	// The trail refuses changes; an attacker with the database drops the
	// trigger, edits the second rename and recomputes the chain from it.
	raw := ts.raw()
	ctx := context.Background()
	var seq int64
	if err := raw.QueryRowContext(ctx, "SELECT seq FROM audit_events WHERE after LIKE '%Tribunal Dois%'").Scan(&seq); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.ExecContext(ctx, "UPDATE audit_events SET detail = 'x' WHERE seq = "+itoa(seq)); err == nil {
		t.Fatal("the audit trail accepted an UPDATE")
	}
	dropTriggers(t, ts, raw)
	if _, err := raw.ExecContext(ctx, "UPDATE audit_events SET after = replace(after, 'Dois', 'Quatro') WHERE seq = "+itoa(seq)); err != nil {
		t.Fatal(err)
	}
	v := verify()
	if v.OK || v.Broken == nil || v.Broken.Chain != "audit" || v.Broken.At != seq {
		t.Fatalf("an edited event: %+v (want broken at %d)", v, seq)
	}
	rechain(t, raw) // the attacker's recomputation
	if v, err := ts.db.VerifyChains(ctx); err != nil || !v.OK {
		t.Fatalf("the recomputed chain should verify by itself: %+v %v", v, err)
	}
	v = verify()
	if v.OK || v.Broken == nil || v.Broken.Chain != "checkpoint" || v.Broken.At != kept.Count {
		t.Errorf("the rewritten past against the stored checkpoint: %+v", v)
	}
	// A forged checkpoint (the attacker's own head, the old signature).
	if _, err := raw.ExecContext(ctx, "DELETE FROM audit_checkpoints"); err != nil {
		t.Fatal(err)
	}
	forged := kept
	forged.Head, _ = ts.db.AuditHashAt(ctx, kept.Count)
	got, err := VerifyAudit(ctx, ts.db, ts.auth.Keys, []api.AuditCheckpoint{forged})
	if err != nil || got.OK || got.Broken == nil || !strings.Contains(got.Broken.Reason, "assinatura") {
		t.Errorf("a checkpoint whose head was replaced: %+v %v", got, err)
	}
	got, err = VerifyAudit(ctx, ts.db, ts.auth.Keys, []api.AuditCheckpoint{kept})
	if err != nil || got.OK {
		t.Errorf("the kept checkpoint against the rewritten past: %+v %v", got, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// dropTriggers removes the audit trail's append-only triggers, as someone
// with the database's owner rights could.
func dropTriggers(t *testing.T, ts *testServer, raw *sql.DB) {
	t.Helper()
	for _, tr := range []string{"audit_events_no_update", "audit_events_no_delete"} {
		drop := "DROP TRIGGER " + tr
		if ts.postgres() {
			drop += " ON audit_events"
		}
		if _, err := raw.Exec(drop); err != nil {
			t.Fatal(err)
		}
	}
}

// rechain recomputes every hash of the audit trail from its rows, as an
// attacker who knows the algorithm (it is no secret) would after editing.
func rechain(t *testing.T, raw *sql.DB) {
	t.Helper()
	rows, err := raw.Query("SELECT seq, at, actor_id, actor_name, action, target, before, after, detail FROM audit_events ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		seq    int64
		fields []string
	}
	var all []row
	for rows.Next() {
		r := row{fields: make([]string, 8)}
		if err := rows.Scan(&r.seq, &r.fields[0], &r.fields[1], &r.fields[2], &r.fields[3], &r.fields[4], &r.fields[5], &r.fields[6], &r.fields[7]); err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	rows.Close()
	prev := ""
	for _, r := range all {
		h := sha256.New()
		h.Write([]byte(prev))
		h.Write([]byte{0})
		h.Write([]byte(itoa(r.seq)))
		for _, f := range r.fields {
			h.Write([]byte{0})
			h.Write([]byte(f))
		}
		hash := hex.EncodeToString(h.Sum(nil))
		if _, err := raw.Exec("UPDATE audit_events SET prev_hash = '" + prev + "', hash = '" + hash + "' WHERE seq = " + itoa(r.seq)); err != nil {
			t.Fatal(err)
		}
		prev = hash
	}
}
