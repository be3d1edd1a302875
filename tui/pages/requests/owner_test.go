package requests

import (
	"testing"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

// TestOnlyWhoSubmitsIsOfferedFormAndCancel: f (the verification form)
// and x (cancel) are offered to a requester where they apply, never to
// an evaluator or an admin, whose presses do nothing (the server would
// answer 403 at the end).
func TestOnlyWhoSubmitsIsOfferedFormAndCancel(t *testing.T) {
	d, p := newPage(t, cached(t, 5), 120, 30)
	pending := api.Request{ID: "SOL-2026-000001", Status: api.StatusPending, Rule: api.RuleFormStandard}
	approved := api.Request{ID: "SOL-2026-000002", Status: api.StatusApproved, Rule: api.RuleFormRes316}
	auto := api.Request{ID: "SOL-2026-000003", Status: api.StatusApproved, Rule: api.RuleAuto}
	cases := []struct {
		role api.Role
		r    api.Request
		want []string
	}{
		{api.RoleRequester, pending, []string{"x"}},
		{api.RoleRequester, approved, []string{"f"}},
		{api.RoleRequester, auto, nil},
		{api.RoleEvaluator, pending, nil},
		{api.RoleEvaluator, approved, nil},
		{api.RoleAdmin, approved, nil},
	}
	for _, c := range cases {
		p.com.Me = &api.Me{Name: "X", Roles: []api.Role{c.role}}
		var got []string
		for _, k := range p.ownerKeys(c.r) {
			got = append(got, k.Help().Key)
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%s on a %s %s request: offered %v, want %v", c.role, c.r.Status, c.r.Rule, got, c.want)
		}
	}

	p.com.Me = &api.Me{Name: "Bruno", Roles: []api.Role{api.RoleEvaluator}}
	for p.current() == nil || p.current().Status != api.StatusPending {
		d.Key("down")
	}
	d.Key("x")
	if _, open := p.question(); open {
		t.Error("x asked an evaluator to cancel a request")
	}
}

// TestYCopiesTheRequestsNumber: y copies the selected request's number,
// from the table and from its detail, and is listed in the full help.
func TestYCopiesTheRequestsNumber(t *testing.T) {
	d, p := newPage(t, cached(t, 5), 120, 30)
	p.com.Clip = &common.Clipboard{}
	id := p.current().ID
	if _, full := listed(p, "y"); !full {
		t.Errorf("y is not in the help of the table")
	}
	d.Key("y")
	d.WaitFor("the number on the clipboard", func(string) bool { osc, _ := d.Copied(id); return osc })
	d.Key("j")
	next := p.current().ID
	d.Key("enter")
	d.WaitFor("the detail", func(string) bool { return p.detail != nil })
	if _, full := listed(p, "y"); !full {
		t.Errorf("y is not in the help of the detail")
	}
	d.Key("y")
	d.WaitFor("the detail's number on the clipboard", func(string) bool { osc, _ := d.Copied(next); return osc })
}
