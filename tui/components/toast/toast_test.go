package toast

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/themes"
)

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

// TestALongToastIsReadWhole: at 80 columns a message longer than the line
// goes on to a second line, whole ("s confirma · esc desiste" at its end
// was cut); past two lines the rest is cut.
func TestALongToastIsReadWhole(t *testing.T) {
	st := themes.Get(themes.Mono)
	var m Model
	text := "x.txt não é um PDF (o conteúdo não começa com %PDF-): anexe o documento assinado em PDF."
	m.Push(text, true)
	v := ansi.Strip(m.View(st, 80))
	lines := strings.Split(v, "\n")
	if len(lines) != 2 || strings.Join(strings.Fields(v), " ") != "✖ "+text {
		t.Fatalf("a two-line toast at 80 columns:\n%s", v)
	}
	m.Push("curta", false)
	if v := ansi.Strip(m.View(st, 80)); v != "ℹ curta" {
		t.Fatalf("a short toast: %q", v)
	}
	m.Push(strings.Repeat("palavra ", 40), false)
	if v := ansi.Strip(m.View(st, 80)); strings.Count(v, "\n") != MaxLines-1 || !strings.HasSuffix(v, "…") {
		t.Fatalf("a toast past two lines is cut on the second:\n%s", v)
	}
}
