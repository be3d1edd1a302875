package db

import (
	"context"
	"strings"
	"testing"

	"github.com/gecli/gecli/api"
)

// TestPeopleArePagedByUsername: the list of people is read in keyset pages
// (no silent cap), each starting after the last username of the one before.
func TestPeopleArePagedByUsername(t *testing.T) {
	ctx := context.Background()
	d := openTemp(t)
	for _, u := range []string{"ana", "bia", "caio", "davi", "eva"} {
		if err := d.AddUser(ctx, "u-"+u, api.UserCreate{Username: u, Name: strings.ToUpper(u[:1]) + u[1:], Role: api.RoleRequester}, Activation{}); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	after := ""
	for range 10 {
		page, err := d.ListUserEntries(ctx, "", after, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range page {
			got = append(got, u.Username)
		}
		if len(page) < 2 {
			break
		}
		after = page[len(page)-1].Username
	}
	if strings.Join(got, ",") != "ana,bia,caio,davi,eva" {
		t.Errorf("pages: %v", got)
	}
}
