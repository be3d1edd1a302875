package toast

import "testing"

func TestOldTimerCannotClearNewToast(t *testing.T) {
	var m Model
	m.Push("primeiro", false)
	m.Push("segundo", true)
	m.Expire(ExpireMsg{ID: 1}) // the first toast's timer fires late
	if !m.Visible() || m.Text() != "segundo" {
		t.Fatalf("the new toast was cleared by the old timer: visible=%v %q", m.Visible(), m.Text())
	}
	m.Expire(ExpireMsg{ID: 2})
	if m.Visible() {
		t.Fatal("the toast did not expire")
	}
}
