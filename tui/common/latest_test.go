package common

import "testing"

func TestLatestTakesOnlyTheNewestAnswer(t *testing.T) {
	var l Latest
	older, newer := l.Ask(), l.Ask()
	if !l.Pending() {
		t.Fatal("two loads asked, none answered, yet not pending")
	}
	if !l.Take(newer) || l.Pending() {
		t.Fatal("the newest answer was not taken")
	}
	if l.Take(older) {
		t.Fatal("an older answer landing last was taken")
	}
}
