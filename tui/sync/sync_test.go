package sync

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/testkit/backend"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/route"
)

// unreachable is a model whose server never answers (nothing listens on
// port 9 of loopback).
func unreachable(t *testing.T) *Model {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, _ := client.New("http://127.0.0.1:9", nil)
	return New(Options{Client: c, Store: s, Text: i18n.For(api.PtBR), Now: time.Now,
		RetryEvery: time.Millisecond, SyncEvery: time.Hour})
}

// deliver runs cmd and hands the model the answers addressed to it, as
// the root does; it returns the root's messages among them, and the Cmds
// the model started in turn (not run: a retry would go on forever).
func deliver(m *Model, cmd tea.Cmd) (msgs []tea.Msg, next []tea.Cmd) {
	if cmd == nil {
		return nil, nil
	}
	switch msg := cmd().(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			ms, ns := deliver(m, c)
			msgs, next = append(msgs, ms...), append(next, ns...)
		}
	case route.Envelope:
		if inner, ok := m.Mailbox().Open(msg); ok {
			next = append(next, m.Update(inner))
		}
	case nil:
	default:
		msgs = append(msgs, msg)
	}
	return msgs, next
}

func TestOfflineRetriesUntilTheServerAnswers(t *testing.T) {
	m := unreachable(t)
	refresh := m.Init()
	if !m.Syncing() || m.Refresh() != nil {
		t.Fatal("a refresh in flight: ctrl+r must wait for it, not start another")
	}
	msgs, next := deliver(m, refresh)
	if m.Online() || m.Syncing() || len(next) == 0 {
		t.Fatal("the server did not answer: offline, and a retry scheduled")
	}
	for _, msg := range msgs {
		if _, ok := msg.(common.ToastMsg); ok {
			t.Fatalf("a background refresh that found the server down must be quiet: %v", msg)
		}
	}
	older := tea.Batch(next...) // the retry the refresh scheduled
	newer := m.SetOnline(false) // offline again: a newer retry replaces it
	if _, again := deliver(m, older); len(again) != 0 || m.Syncing() {
		t.Fatal("an older retry timer acted")
	}
	if _, again := deliver(m, newer); len(again) != 1 || !m.Syncing() {
		t.Fatal("the newest retry did not refresh the catalog")
	}
}

func TestForcedOfflineNeverRefreshes(t *testing.T) {
	m := New(Options{Text: i18n.For(api.En)})
	msgs, _ := deliver(m, m.Refresh())
	if len(msgs) != 1 || msgs[0].(common.ToastMsg).Text != i18n.For(api.En).OfflineNoRefresh || m.Syncing() {
		t.Fatalf("ctrl+r with --offline: %v", msgs)
	}
	if m.SetOnline(false) != nil {
		t.Fatal("with --offline nothing is retried")
	}
}

func TestSignedOutStopsTheBackgroundSync(t *testing.T) {
	m := unreachable(t)
	if m.SyncRequests() != nil {
		t.Fatal("signed out, yet a requests sync")
	}
	c, _ := client.New("http://127.0.0.1:9", nil)
	m.SignedIn(c, api.Me{Subject: "sub"})
	if !m.Mailbox().Pending("requests") || !m.Mailbox().Pending("tick") {
		t.Fatal("signing in starts a sync and the background timer")
	}
	m.SignedOut()
	if m.Mailbox().Pending("tick") || m.Update(bgSyncMsg{}) != nil {
		t.Fatal("the timer of a signed-out session still syncs")
	}
}

// TestAPingNoticesTheServerGoneAndBack: online, a ping the server does
// not answer (it stopped) is offline at once, without waiting for the
// next sync; offline, a ping it answers (it is back on the same address)
// refreshes the catalog now, and its answer is online.
func TestAPingNoticesTheServerGoneAndBack(t *testing.T) {
	b := backend.Start(t, "127.0.0.1:0", "")
	addr := strings.TrimPrefix(b.URL, "http://")
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, _ := client.New(b.URL, nil)
	m := New(Options{Client: c, Store: s, Text: i18n.For(api.PtBR), Now: time.Now, RetryEvery: time.Hour, SyncEvery: time.Hour,
		BeatEvery: time.Millisecond, BeatTimeout: time.Second})
	deliver(m, m.refreshCatalog(false))
	if !m.Online() {
		t.Fatal("the first refresh found the server down")
	}
	beat := func() []tea.Cmd {
		_, next := deliver(m, m.Update(beatMsg{}))
		return next
	}
	beat()
	if !m.Online() {
		t.Fatal("a ping the server answered made it offline")
	}

	b.Stop()
	beat()
	if m.Online() {
		t.Fatal("the server stopped, yet a ping left it online")
	}

	backend.Start(t, addr, "")
	next := beat()
	if !m.Syncing() {
		t.Fatal("the server is back, yet the ping did not refresh the catalog")
	}
	for _, cmd := range next {
		deliver(m, cmd)
	}
	if !m.Online() {
		t.Fatal("the refresh after the server came back did not say online")
	}
}
