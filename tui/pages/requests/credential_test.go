package requests

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
)

// listed says whether the footer and ? offer key k.
func listed(p *Page, k string) (short, full bool) {
	has := func(bs []key.Binding) bool {
		return slices.ContainsFunc(bs, func(b key.Binding) bool { return b.Help().Key == k })
	}
	short = has(p.ShortHelp())
	for _, g := range p.FullHelp() {
		full = full || has(g)
	}
	return short, full
}

// selectWhere moves down until the selected request matches.
func selectWhere(t *testing.T, d *drive.Driver, p *Page, ok func(api.Request) bool) api.Request {
	t.Helper()
	for range 20 {
		d.WaitFor("a selected row", func(string) bool { return p.current() != nil && !p.mb.Pending("window") })
		if r := p.current(); ok(*r) {
			return *r
		}
		d.Key("down")
	}
	t.Fatal("no request matches")
	return api.Request{}
}

// shown counts the messages asking the root for r's credential.
func shown(d *drive.Driver, id string) int {
	want := common.ShowPageMsg{Page: common.CredentialsPage, Back: "requests", Select: id}
	n := 0
	for _, m := range d.Seen {
		if m == want {
			n++
		}
	}
	return n
}

// TestCredentialKeyGoesToTheCredential: C, on a request with the 🔒 (in
// the table or its detail), asks the root for its credential on
// Credenciais, naming this page for the way back; it is offered only
// there and to whoever may use Credenciais.
func TestCredentialKeyGoesToTheCredential(t *testing.T) {
	d, p := newPage(t, cached(t, 10), 120, 30)
	none := selectWhere(t, d, p, func(r api.Request) bool { return r.CredentialState == api.CredentialNone })
	if short, full := listed(p, "C"); short || full {
		t.Errorf("C is offered on %s, which has no credential", none.ID)
	}
	d.Key("C")
	if shown(d, none.ID) != 0 {
		t.Fatal("C asked for a credential that does not exist")
	}

	r := selectWhere(t, d, p, func(r api.Request) bool { return r.CredentialState != api.CredentialNone })
	if actions(r) != "○ 🔒" {
		t.Fatalf("the row of %s shows %q", r.ID, actions(r))
	}
	if short, full := listed(p, "C"); !short || !full {
		t.Errorf("C is not offered on %s (footer %v, help %v)", r.ID, short, full)
	}
	d.Key("C")
	d.WaitFor("the way to the credential", func(string) bool { return shown(d, r.ID) == 1 })
	if p.detail != nil || p.current().ID != r.ID {
		t.Fatal("the table must stay as it was, for esc on Credenciais to come back to it")
	}

	// enter still opens the detail; C there goes to the same credential.
	d.Key("enter")
	d.WaitFor("the detail", func(string) bool { return p.detail != nil && !p.detail.loading })
	if short, full := listed(p, "C"); !short || !full {
		t.Errorf("C is not offered in the detail (footer %v, help %v)", short, full)
	}
	d.Key("C")
	d.WaitFor("the way from the detail", func(string) bool { return shown(d, r.ID) == 2 })
	if p.detail == nil {
		t.Fatal("the detail closed: esc on Credenciais must find it open")
	}

	// Whoever cannot use Credenciais is not offered it.
	p.com.Me = &api.Me{Name: "Eva", Roles: []api.Role{api.RoleEvaluator}}
	if short, full := listed(p, "C"); short || full {
		t.Error("C is offered to an evaluator")
	}
	d.Key("C")
	if shown(d, r.ID) != 2 {
		t.Error("C acted for an evaluator")
	}
}
