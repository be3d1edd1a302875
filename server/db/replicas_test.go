package db

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/vault"
	"github.com/gecli/gecli/testkit/pgtest"
)

// twoReplicas opens one PostgreSQL database twice, as two `gecli serve`
// processes would: two pools, two writers.
func twoReplicas(t *testing.T) (*DB, *DB) {
	t.Helper()
	url := pgtest.URL(t)
	ctx := context.Background()
	var dbs [2]*DB
	for i := range dbs {
		d, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		dbs[i] = d
	}
	return dbs[0], dbs[1]
}

// TestReplicasDecideARequestOnce: the same request decided on two
// replicas at once is decided once; the others find it decided.
func TestReplicasDecideARequestOnce(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	minimalCatalog(t, a)
	r := pendingRequest(t, a)
	var wg sync.WaitGroup
	results := make(chan error, 8)
	for i := range 8 {
		replica := []*DB{a, b}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := replica.ApplyTransition(ctx, r.ID, Transition{From: []api.Status{api.StatusPending}, To: api.StatusApproved,
				Actor: Actor{ID: "e", Name: "Bruno"}, Action: "approved", At: time.Now()})
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	decided := 0
	for err := range results {
		switch {
		case err == nil:
			decided++
		case !errors.Is(err, ErrState):
			t.Fatalf("a decision failed otherwise: %v", err)
		}
	}
	if decided != 1 {
		t.Fatalf("%d decisions took effect, want 1", decided)
	}
	if err := b.VerifyHistory(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
}

// TestReplicasRotateARefreshTokenOnce: one refresh token used on two
// replicas at once rotates once; the other use is a replay, which revokes
// the family.
func TestReplicasRotateARefreshTokenOnce(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	if err := a.CreateUser(ctx, User{ID: "u1", Username: "ana", Name: "Ana", CPF: "52998224725", Role: api.RoleRequester, PasswordHash: "x"}); err != nil {
		t.Fatal(err)
	}
	exp := time.Now().Add(time.Hour)
	if err := a.AddRefreshToken(ctx, RefreshToken{Hash: "h0", FamilyID: "f", UserID: "u1", ClientID: "gecli-tui", ExpiresAt: exp}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, replica := range []*DB{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = replica.RotateRefreshToken(ctx, "h0", RefreshToken{Hash: []string{"h1", "h2"}[i], ExpiresAt: exp}, time.Now())
		}()
	}
	wg.Wait()
	rotated, replayed := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			rotated++
		case errors.Is(err, ErrTokenReplayed):
			replayed++
		default:
			t.Fatalf("a rotation failed otherwise: %v", err)
		}
	}
	if rotated != 1 || replayed != 1 {
		t.Fatalf("%d rotations and %d replays, want 1 and 1", rotated, replayed)
	}
	for _, h := range []string{"h1", "h2"} {
		if _, active, _ := a.RefreshTokenActive(ctx, h, time.Now()); active {
			t.Errorf("%s is active after its family was replayed", h)
		}
	}
}

// TestReplicasSyncNeverSkipsAChange: while two replicas create and decide
// requests at once, a client syncing with since= (as the TUI does) ends
// up with every request's latest change: no row commits later with a
// lower sequence number than one a reader already passed.
func TestReplicasSyncNeverSkipsAChange(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	minimalCatalog(t, a)

	var writers sync.WaitGroup
	for w := range 6 {
		replica := []*DB{a, b}[w%2]
		writers.Add(1)
		go func() {
			defer writers.Done()
			for range 15 {
				r, err := replica.CreateRequest(ctx, newPending())
				if err != nil {
					t.Error(err)
					return
				}
				if w%3 == 0 {
					if _, err := replica.ApplyTransition(ctx, r.ID, Transition{From: []api.Status{api.StatusPending}, To: api.StatusApproved,
						Actor: Actor{ID: "e", Name: "Bruno"}, Action: "approved", At: time.Now()}); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() { writers.Wait(); close(done) }()

	seen := map[string]int64{} // request -> the newest sequence the client saw
	since := int64(0)
	syncOnce := func() {
		for {
			page, cursor, top, err := b.ListRequests(ctx, RequestFilter{SinceSet: true, Since: since, Limit: 7})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page {
				seen[r.ID] = r.Seq
			}
			since = max(since, top)
			if cursor == "" {
				return
			}
		}
	}
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		syncOnce()
	}
	syncOnce() // after the last commit
	all, _, _, err := a.ListRequests(ctx, RequestFilter{SinceSet: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 90 {
		t.Fatalf("%d requests stored, want 90", len(all))
	}
	for _, r := range all {
		if seen[r.ID] != r.Seq {
			t.Fatalf("request %s: the client last saw change %d, the database has %d: a change was skipped", r.ID, seen[r.ID], r.Seq)
		}
	}
}

// TestReplicasRotateASecretInTurn: a secret rotated on two replicas at
// once (each with a grace period) ends with one as the current secret
// and the other as the previous one: neither caller is handed a secret
// that silently no longer works.
func TestReplicasRotateASecretInTurn(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	minimalCatalog(t, a)
	n := newPending()
	n.Rule = api.RuleAuto
	r, err := a.CreateRequest(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ApplyTransition(ctx, r.ID, Transition{From: []api.Status{api.StatusPending}, To: api.StatusApproved,
		Actor: Actor{ID: "e", Name: "Bruno"}, Action: "approved", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	for round := range 20 {
		hashes := []string{fmt.Sprint("a", round), fmt.Sprint("b", round)}
		var wg sync.WaitGroup
		for i, replica := range []*DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := replica.SetSecret(ctx, r.ID, NewSecret{Hash: hashes[i], Hint: "x", Grace: time.Hour,
					By: Actor{ID: "u", Name: "Ana"}, At: time.Now()}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		c, err := a.Credential(ctx, r.ID, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		client, err := a.ClientByID(ctx, c.ClientID)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{client.SecretHash, client.PreviousHash}
		if !(got[0] == hashes[0] && got[1] == hashes[1] || got[0] == hashes[1] && got[1] == hashes[0]) {
			t.Fatalf("round %d: current %q, previous %q; want %v, one of them current and the other previous", round, got[0], got[1], hashes)
		}
	}
}

// TestReplicasChangeARequestWithoutDeadlock: form saves, attachments and
// secret rotations of one request on two replicas at once all succeed:
// every write takes the request's row before the change sequence, so no
// two wait on each other (PostgreSQL would undo one after a second).
func TestReplicasChangeARequestWithoutDeadlock(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	minimalCatalog(t, a)
	r := pendingRequest(t, a)
	if _, err := a.ApplyTransition(ctx, r.ID, Transition{From: []api.Status{api.StatusPending}, To: api.StatusApproved,
		Actor: Actor{ID: "e", Name: "Bruno"}, Action: "approved", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	by := Actor{ID: "u", Name: "Ana"}
	if err := a.SaveVerificationForm(ctx, r.ID, api.VerificationForm{Complete: true}, by, time.Now()); err != nil {
		t.Fatal(err)
	}
	writes := []func(d *DB, i int) error{
		func(d *DB, i int) error {
			return d.SaveVerificationForm(ctx, r.ID, api.VerificationForm{Complete: true}, by, time.Now())
		},
		func(d *DB, i int) error {
			_, err := d.SetSecret(ctx, r.ID, NewSecret{Hash: fmt.Sprint("h", i), Hint: "x", By: by, At: time.Now()})
			return err
		},
		func(d *DB, i int) error {
			_, err := d.AddAttachment(ctx, r.ID, fmt.Sprintf("att-%d-%d", i, time.Now().UnixNano()), "a.pdf", []byte("%PDF-1.4"), by, time.Now())
			return err
		},
	}
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if err := writes[w%len(writes)]([]*DB{a, b}[w%2], w*100+i); err != nil {
					t.Errorf("write %d of kind %d: %v", i, w%len(writes), err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if err := a.VerifyHistory(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
}

// TestAVaultPutWaitsForARotation: a put on a replica while another
// rotates the master key waits for the rotation, then sees the new key
// check and stores nothing (its entries would be sealed by the old key).
// The rotation is held open here at the point where it has locked the
// key check, as RotateVaultKey does first.
func TestAVaultPutWaitsForARotation(t *testing.T) {
	a, b := twoReplicas(t)
	ctx := context.Background()
	minimalCatalog(t, a)
	if err := a.SetVaultKeyCheck(ctx, "old-check"); err != nil {
		t.Fatal(err)
	}
	rotation, err := a.w.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer rotation.Rollback()
	var check string
	if err := rotation.QueryRowContext(ctx, "SELECT value FROM vault_meta WHERE name = 'key_check' FOR UPDATE").Scan(&check); err != nil {
		t.Fatal(err)
	}
	key := VaultKey{Institution: "11222333000181", CustomerKey: "c", System: "*"}
	put := make(chan error, 1)
	go func() {
		_, err := b.PutVaultEntries(ctx, []VaultPut{{Key: key, Sealed: vault.Sealed{KeyID: "old"}}}, "old-check",
			Actor{ID: "u", Name: "Ana"}, time.Now())
		put <- err
	}()
	select {
	case err := <-put:
		t.Fatalf("the put did not wait for the rotation: %v", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := rotation.ExecContext(ctx, "UPDATE vault_meta SET value = 'new-check' WHERE name = 'key_check'"); err != nil {
		t.Fatal(err)
	}
	if err := rotation.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-put; !errors.Is(err, ErrVaultKey) {
		t.Fatalf("the put after the rotation: %v, want ErrVaultKey", err)
	}
	if _, err := a.VaultEntry(ctx, key); !errors.Is(err, ErrNotFound) {
		t.Fatalf("the refused put stored its entry: %v", err)
	}
}
