package search

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestBox(t *testing.T) {
	b := New("nome", 10)
	b.Focus()
	if _, changed := b.Key(tea.KeyPressMsg{Code: 'a', Text: "a"}); !changed || b.Value() != "a" {
		t.Fatalf("typing: %q changed=%v", b.Value(), changed)
	}
	if _, changed := b.Key(tea.KeyPressMsg{Code: tea.KeyEnter}); changed || b.Active || b.Value() != "a" {
		t.Fatal("enter must leave the box and keep the text")
	}
	b.Focus()
	if _, changed := b.Key(tea.KeyPressMsg{Code: tea.KeyEscape}); !changed || b.Active || b.Value() != "" {
		t.Fatal("esc must clear and leave")
	}
	if _, changed := b.Key(tea.KeyPressMsg{Code: tea.KeyEscape}); changed {
		t.Fatal("esc on an empty box changes nothing")
	}
}
