package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestADecisionElsewhereIsToldAtOnce: the requester's TUI is open on the
// catalog; an evaluator, elsewhere, rejects one of her pending requests
// and approves another. Within the background sync she reads each in a
// toast that names the request and the outcome (the rejection with its
// justification), and her terminal (WezTerm here) gets an OSC 9
// notification.
func TestADecisionElsewhereIsToldAtOnce(t *testing.T) {
	b := startBackend(t, "127.0.0.1:0")
	s := openStore(t)
	b.SignIn(t, s, "solicitante")
	m := newModel(t, b.URL, s, func(o *Options) { o.SyncEvery = 200 * time.Millisecond })
	d := drive.New(t, m, 120, 40)
	d.Send(tea.EnvMsg{"TERM_PROGRAM=WezTerm", "TERM=xterm-256color"})
	d.WaitFor("the first sync", func(string) bool {
		for _, msg := range d.Seen {
			if synced, ok := msg.(common.RequestsSyncedMsg); ok && synced.Changed > 0 {
				return true
			}
		}
		return false
	})

	c, err := client.New(b.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	evaluator := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "avaliador")}))
	ctx := context.Background()
	// Her pending requests, as she sees them (the demo's requests of an
	// institution she is not linked to carry her name too).
	requester := c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: b.Token(t, "solicitante")}))
	pending, err := requester.Requests(ctx, client.RequestQuery{Statuses: []api.Status{api.StatusPending}, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	hers := pending.Items
	if len(hers) < 2 {
		t.Fatalf("the demo has %d pending requests of Ana Souza", len(hers))
	}
	why := "Falta o ofício assinado pelo responsável."
	if _, err := evaluator.Decide(ctx, hers[0].ID, api.Decision{Decision: "reject", Justification: why}); err != nil {
		t.Fatal(err)
	}
	rejected := hers[0].ID + " (" + hers[0].APIName + ", " + hers[0].Environment.Badge() + ") foi reprovada: “" + why + "”"
	d.WaitFor("the rejection, with its justification", func(v string) bool { return strings.Contains(strings.Join(strings.Fields(v), " "), rejected) })
	d.WaitFor("an OSC 9 notification of the rejection", func(string) bool { return notified(d, "\x1b]9;gecli: "+rejected) })
	if !strings.Contains(d.View(), "18 de 18 APIs") {
		t.Error("the toast took the person off the page she was on")
	}

	if _, err := evaluator.Decide(ctx, hers[1].ID, api.Decision{Decision: "approve"}); err != nil {
		t.Fatal(err)
	}
	approved := hers[1].ID + " (" + hers[1].APIName + ", " + hers[1].Environment.Badge() + ") foi aprovada"
	d.WaitFor("the approval", func(v string) bool { return strings.Contains(strings.Join(strings.Fields(v), " "), approved) })
}

func notified(d *drive.Driver, prefix string) bool {
	for _, msg := range d.Seen {
		if raw, ok := msg.(tea.RawMsg); ok && strings.HasPrefix(strings.Join(strings.Fields(raw.Msg.(string)), " "), prefix) {
			return true
		}
	}
	return false
}

// TestNotificationsOnlyWhereTheTerminalShowsThem: OSC 9 or 777 by the
// terminal, nothing inside tmux or on an unknown one; a control character
// from the server never reaches the terminal inside the sequence.
func TestNotificationsOnlyWhereTheTerminalShowsThem(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for name, c := range map[string]struct {
		getenv func(string) string
		want   common.Notifier
	}{
		"iTerm2":         {env("TERM_PROGRAM", "iTerm.app"), common.NotifyOSC9},
		"kitty":          {env("TERM", "xterm-kitty"), common.NotifyOSC9},
		"foot":           {env("TERM", "foot"), common.NotifyOSC777},
		"urxvt":          {env("TERM", "rxvt-unicode-256color"), common.NotifyOSC777},
		"tmux in iTerm2": {env("TERM_PROGRAM", "iTerm.app", "TMUX", "/tmp/tmux-0/default,1,0"), common.NotifyNone},
		"over ssh, tmux": {env("TERM", "tmux-256color"), common.NotifyNone},
		"unknown":        {env("TERM", "xterm-256color"), common.NotifyNone},
	} {
		if got := common.DetectNotifier(c.getenv); got != c.want {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	if common.Notification(common.NotifyNone, "gecli", "x") != nil {
		t.Error("a notification where the terminal shows none")
	}
	for _, n := range []common.Notifier{common.NotifyOSC9, common.NotifyOSC777} {
		seq := common.Notification(n, "gecli", "reprovada: \x1b]0;pwned\x07 fim")().(tea.RawMsg).Msg.(string)
		if strings.Count(seq, "\x1b") != 1 || strings.Count(seq, "\x07") != 1 || !strings.HasSuffix(seq, "fim\x07") {
			t.Errorf("notifier %d let a control character through: %q", n, seq)
		}
	}
}

// TestAPreviousSecretEndingSoonIsTold: a credential whose previous secret
// stops working within the hour is told once (not again at the next
// reading), one further off or already ended is not.
func TestAPreviousSecretEndingSoonIsTold(t *testing.T) {
	s := openStore(t)
	m := newModel(t, "http://127.0.0.1:1", s)
	m.me = &api.Me{Name: "Ana Souza", Roles: []api.Role{api.RoleRequester}}
	d := drive.New(t, m, 120, 40)
	now := fixedNow()
	items := []api.Credential{
		{ClientID: "hmg-datajud-0a1b2c3d4e5f", PreviousValidUntil: now.Add(50 * time.Minute).Format(time.RFC3339)},
		{ClientID: "prd-tpu-aaaaaaaaaaaa", PreviousValidUntil: now.Add(5 * time.Hour).Format(time.RFC3339)},
		{ClientID: "prd-cnj-cccccccccccc", PreviousValidUntil: now.Add(20 * time.Minute).Format(time.RFC3339)},
		{ClientID: "hmg-cpf-bbbbbbbbbbbb", PreviousValidUntil: now.Add(-time.Minute).Format(time.RFC3339)},
	}
	d.Send(graceMsg{items: items})
	d.WaitFor("both secrets ending within the hour, in one toast", func(v string) bool {
		flat := strings.Join(strings.Fields(v), " ")
		return strings.Contains(flat, "O secret anterior de hmg-datajud-0a1b2c3d4e5f deixa de valer em 50 min") &&
			strings.Contains(flat, "prd-cnj-cccccccccccc deixa de valer em 20 min")
	})
	if v := d.View(); strings.Contains(v, "prd-tpu") || strings.Contains(v, "hmg-cpf") {
		t.Fatalf("a secret not ending within the hour was told:\n%s", v)
	}
	if m.graceEnding(graceMsg{items: items}) != nil {
		t.Error("told twice")
	}
}
