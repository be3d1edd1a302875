package pdfview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
	"github.com/gecli/gecli/tui/overlay"
	"github.com/gecli/gecli/tui/route"
)

// host runs the viewer alone, as a page that owns it would: answers
// opened through its mailbox, its actions carried out, drawn in all of
// the room.
type host struct {
	m      *Model
	w, h   int
	closed *bool
}

func (h host) Init() tea.Cmd { return nil }
func (h host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		return h, nil
	case route.Envelope:
		inner, ok := h.m.Mailbox().Open(m)
		if !ok || inner == nil {
			return h, nil
		}
		msg = inner
	}
	switch a := h.m.Update(msg).(type) {
	case overlay.Run:
		return h, a.Cmd
	case overlay.Close:
		*h.closed = true
	}
	return h, nil
}
func (h host) View() tea.View { return tea.NewView(h.m.View(h.w, h.h)) }

// open starts a viewer on the document fetch gives, at w×h, in lang.
func open(t *testing.T, lang api.Lang, w, h int, fetch Fetch) (*drive.Driver, *Model, *bool) {
	t.Helper()
	return openWith(t, lang, w, h, fetch, readTimeout)
}

func openWith(t *testing.T, lang api.Lang, w, h int, fetch Fetch, read time.Duration) (*drive.Driver, *Model, *bool) {
	t.Helper()
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(lang), Lang: lang, Now: time.Now}
	m, cmd := newModel(com, "page", "termo-de-uso-datajud.pdf", fetch, w, read)
	closed := new(bool)
	d := drive.New(t, host{m: m, w: w, h: h, closed: closed}, w, h)
	d.Send(cmd())
	return d, m, closed
}

func bytesOf(b []byte) Fetch { return func(context.Context) ([]byte, error) { return b, nil } }

// terms is the document most tests read: three pages in Portuguese, with
// paragraphs long enough to wrap at 80 columns and the word "dados"
// five times, with and without its accentless neighbours.
func terms() []byte {
	return pdftest.Text(
		[]string{"TERMO DE USO DA API DATAJUD", "",
			"Cláusula 1ª – Das obrigações da instituição solicitante, que responde pelo uso das credenciais emitidas em seu nome",
			"e por toda chamada feita com elas ao Gateway PDPJ, inclusive por sistemas de terceiros que contratar.", "",
			"A instituição não compartilhará as credenciais e manterá seus dados de contato atualizados."},
		[]string{"Cláusula 2ª – Da proteção de dados pessoais (LGPD)", "",
			"Os dados obtidos pela API destinam-se exclusivamente à finalidade declarada na solicitação; a PROTEÇÃO",
			"dos DADOS pessoais é dever da instituição, que responde por vazamentos e usos indevidos.",
			"Linha 1", "Linha 2", "Linha 3", "Linha 4", "Linha 5", "Linha 6", "Linha 7", "Linha 8", "Linha 9", "Linha 10",
			"Linha 11", "Linha 12", "Linha 13", "Linha 14", "Linha 15", "Linha 16", "Linha 17", "Linha 18", "Linha 19"},
		[]string{"Cláusula 3ª – Das sanções", "", "O descumprimento autoriza a revogação das credenciais e o bloqueio dos dados.",
			"Brasília, 21 de novembro de 2026."},
	)
}

// loaded waits for the document to be read.
func loaded(t *testing.T, d *drive.Driver) {
	t.Helper()
	d.WaitFor("the document", func(v string) bool { return !strings.Contains(v, "carregando") && !strings.Contains(v, "loading") })
}

func fits(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(ansi.Strip(v), "\n")
	if len(lines) > h {
		t.Errorf("%d lines, over %d", len(lines), h)
	}
	for i, l := range lines {
		if n := len([]rune(l)); n > w {
			t.Errorf("line %d is %d wide, over %d: %q", i+1, n, w, l)
		}
		if strings.Contains(l, "…") {
			t.Errorf("line %d is cut: %q", i+1, l)
		}
	}
}

// TestGolden: the first screen of the terms at 80x24 and 120x40 in
// Portuguese and at 80x24 in English: the file's name and the page,
// every paragraph wrapped (never cut), the next page's mark, where the
// screen is.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		lang api.Lang
		w, h int
		want []string
	}{
		{"pt-80x24", api.PtBR, 80, 24, []string{"termo-de-uso-datajud.pdf", "página 1 de 3", "── página 2 ──", "linhas 1–22 de "}},
		{"pt-120x40", api.PtBR, 120, 40, []string{"página 1 de 3", "── página 3 ──"}},
		{"en-80x24", api.En, 80, 24, []string{"page 1 of 3", "── page 2 ──", "lines 1–22 of "}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, _, _ := open(t, c.lang, c.w, c.h, bytesOf(terms()))
			loaded(t, d)
			v := d.View()
			golden.RequireEqual(t, v)
			fits(t, v, c.w, c.h)
			for _, w := range c.want {
				if !strings.Contains(v, w) {
					t.Errorf("missing %q:\n%s", w, v)
				}
			}
			// The long clause is whole, over two rows.
			flat := strings.Join(strings.Fields(v), " ")
			if !strings.Contains(flat, "que responde pelo uso das credenciais emitidas em seu nome") {
				t.Errorf("the clause is not whole:\n%s", v)
			}
		})
	}
}

// first is the first line of the document on screen.
func first(v string) string { return strings.Split(v, "\n")[1] }

func TestScrollAndPages(t *testing.T) {
	d, m, _ := open(t, api.PtBR, 80, 24, bytesOf(terms()))
	loaded(t, d)
	top := first(d.View())
	d.Key("j")
	if v := d.View(); first(v) == top || !strings.Contains(v, "linhas 2–23") {
		t.Errorf("j did not scroll a line:\n%s", v)
	}
	d.Key("k")
	if first(d.View()) != top {
		t.Error("k did not scroll back")
	}
	d.Key("]")
	v := d.View()
	if !strings.Contains(v, "página 2 de 3") || first(v) != "── página 2 ──" {
		t.Errorf("] did not go to page 2:\n%s", v)
	}
	d.Key("]")
	if v := d.View(); !strings.Contains(v, "página 3 de 3") && !strings.Contains(v, "Das sanções") {
		t.Errorf("] did not go to page 3:\n%s", v)
	}
	d.Key("G")
	if v := d.View(); !strings.Contains(v, "Brasília, 21 de novembro de 2026.") || !strings.Contains(v, "página 3 de 3") {
		t.Errorf("G did not show the end:\n%s", v)
	}
	d.Key("[") // a short last page is shown from its start: back to page 2
	if v := d.View(); first(v) != "── página 2 ──" {
		t.Errorf("[ did not go back to page 2:\n%s", v)
	}
	d.Key("j")
	d.Key("[") // from inside a page: to its start
	if v := d.View(); first(v) != "── página 2 ──" {
		t.Errorf("[ did not go back to the start of page 2:\n%s", v)
	}
	d.Key("g")
	if first(d.View()) != top {
		t.Error("g did not go to the top")
	}
	d.Key("space")
	if v := d.View(); !strings.Contains(v, "linhas 22–") {
		t.Errorf("space did not page down:\n%s", v)
	}
	d.Key("pgup")
	if first(d.View()) != top {
		t.Error("pgup did not page up")
	}
	d.Send(tea.KeyPressMsg{Code: tea.KeyRight})
	if !strings.Contains(d.View(), "página 2 de 3") {
		t.Error("→ did not go to page 2")
	}
	// A narrower terminal wraps again and keeps the line at the top.
	d.Key("j")
	topLine := m.rows[m.offset].line
	m.View(50, 24)
	if m.rows[m.offset].line != topLine {
		t.Error("rewrapping lost the place")
	}
	fits(t, m.View(50, 24), 50, 24)
}

func TestSearch(t *testing.T) {
	d, m, closed := open(t, api.PtBR, 80, 24, bytesOf(terms()))
	loaded(t, d)
	d.Key("/")
	d.Type("Protecao Q") // q is typed, not a way out
	if *closed || !strings.Contains(d.View(), "/ Protecao Q") {
		t.Fatalf("the search box did not take the keys:\n%s", d.View())
	}
	for range 2 {
		d.Key("backspace")
	}
	d.Key("enter")
	v := d.View()
	if !strings.Contains(v, "“Protecao”: 1 de 2") {
		t.Fatalf("no count of matches:\n%s", v)
	}
	// Without accents or case, "Protecao" finds "proteção" and "PROTEÇÃO",
	// and the one n is on stands out from the others.
	styled := m.View(80, 24)
	current := m.com.Styles.FilterOn.Padding(0).Render("proteção")
	if !strings.Contains(styled, current) {
		t.Errorf("the current match is not highlighted:\n%q", styled)
	}
	other := m.com.Styles.Text.Reverse(true).Render("PROTEÇÃO")
	if !strings.Contains(styled, other) {
		t.Errorf("the other match is not highlighted:\n%q", styled)
	}
	d.Key("n")
	if v := d.View(); !strings.Contains(v, "“Protecao”: 2 de 2") {
		t.Errorf("n: %s", v)
	}
	if styled := m.View(80, 24); !strings.Contains(styled, m.com.Styles.FilterOn.Padding(0).Render("PROTEÇÃO")) {
		t.Errorf("n did not move the highlight")
	}
	d.Key("n") // round the document
	if v := d.View(); !strings.Contains(v, "1 de 2") {
		t.Errorf("n from the last: %s", v)
	}
	d.Key("N")
	if v := d.View(); !strings.Contains(v, "2 de 2") {
		t.Errorf("N from the first: %s", v)
	}

	// A match further down scrolls to it: the last "dados" is on page 3.
	d.Key("/")
	for range len("Protecao") {
		d.Key("backspace")
	}
	d.Type("dados")
	d.Key("enter")
	if v := d.View(); !strings.Contains(v, "“dados”: 1 de 5") {
		t.Fatalf("dados: %s", v)
	}
	for range 4 {
		d.Key("n")
	}
	v = d.View()
	if !strings.Contains(v, "5 de 5") || !strings.Contains(v, "bloqueio dos dados") || !strings.Contains(v, "página 3 de 3") {
		t.Errorf("the fifth match is not on screen:\n%s", v)
	}
	t.Run("golden", func(t *testing.T) { golden.RequireEqual(t, v) })

	d.Key("/")
	d.Type("x")
	d.Key("esc") // leaves the box, the search as it was
	if v := d.View(); !strings.Contains(v, "5 de 5") || *closed {
		t.Errorf("esc in the box: closed %v\n%s", *closed, v)
	}
	d.Key("/")
	for range 6 {
		d.Key("backspace")
	}
	d.Type("inexistente")
	d.Key("enter")
	if v := d.View(); !strings.Contains(v, "“inexistente”: nada encontrado") {
		t.Errorf("not found: %s", v)
	}
	if len(m.ShortHelp()) != 5 { // esc, ↓, pgdn, ], /: no n without matches
		t.Errorf("help after a search that found nothing: %d keys", len(m.ShortHelp()))
	}
	d.Key("q")
	if !*closed {
		t.Error("q did not close")
	}
}

func TestNoTextLayer(t *testing.T) {
	d, m, closed := open(t, api.PtBR, 80, 24, bytesOf(pdftest.Scanned()))
	loaded(t, d)
	v := d.View()
	if !strings.Contains(v, "não tem camada de texto (é uma imagem digitalizada)") {
		t.Fatalf("no word of the missing text layer:\n%s", v)
	}
	fits(t, v, 80, 24)
	if keys := m.ShortHelp(); len(keys) != 1 || keys[0].Help().Key != "esc/q" {
		t.Errorf("keys offered: %v", keys)
	}
	d.Key("j")
	d.Key("/")
	if m.typing || d.View() != v {
		t.Error("keys for reading did something on a document without text")
	}
	d.Key("esc")
	if !*closed {
		t.Error("esc did not close")
	}
}

func TestErrors(t *testing.T) {
	t.Run("the server unreachable, then back", func(t *testing.T) {
		var calls atomic.Int32
		fetch := func(context.Context) ([]byte, error) {
			if calls.Add(1) == 1 {
				return nil, &client.NetworkError{Err: errors.New("dial tcp: connection refused")}
			}
			return terms(), nil
		}
		d, m, _ := open(t, api.PtBR, 80, 24, fetch)
		loaded(t, d)
		v := d.View()
		want := common.Explain(m.com.Text, &client.NetworkError{})
		if !strings.Contains(strings.Join(strings.Fields(v), " "), want) {
			t.Errorf("want %q:\n%s", want, v)
		}
		if keys := m.ShortHelp(); len(keys) != 2 || keys[0].Help().Key != "r" {
			t.Errorf("keys offered: %v", keys)
		}
		d.Key("r")
		d.WaitForText("página 1 de 3")
	})
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"not a PDF", []byte("<html>Erro 502</html>"), "O arquivo não é um PDF."},
		{"cut short", terms()[:2000], "O PDF está incompleto"},
		{"damaged", append(append([]byte{}, terms()[:20]...), terms()[bytes.Index(terms(), []byte("xref")):]...), "Não foi possível ler este PDF"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, m, _ := open(t, api.PtBR, 80, 24, bytesOf(c.b))
			loaded(t, d)
			if v := d.View(); !strings.Contains(v, c.want) {
				t.Errorf("want %q:\n%s", c.want, v)
			}
			if keys := m.ShortHelp(); len(keys) != 1 {
				t.Errorf("trying again cannot help, yet %d keys", len(keys))
			}
		})
	}
	t.Run("too slow", func(t *testing.T) {
		pages := make([][]string, 400)
		for i := range pages {
			pages[i] = []string{fmt.Sprintf("página %d", i+1), strings.Repeat("texto ", 100)}
		}
		d, m, _ := openWith(t, api.En, 80, 24, bytesOf(pdftest.Text(pages...)), time.Nanosecond)
		loaded(t, d)
		if v := d.View(); !strings.Contains(v, "Reading the PDF took too long") {
			t.Errorf("%s", v)
		}
		if keys := m.ShortHelp(); len(keys) != 2 {
			t.Errorf("r is not offered after a timeout: %v", keys)
		}
	})
}

// TestReadingSlotsAreBounded: with every reading slot held (documents
// whose reading went on past their deadline), a new read waits, then
// says why and offers r; once a slot frees, r reads the document.
func TestReadingSlotsAreBounded(t *testing.T) {
	for range cap(readers) {
		readers <- struct{}{}
	}
	freed := false
	free := func() {
		if !freed {
			for range cap(readers) {
				<-readers
			}
			freed = true
		}
	}
	defer free()
	d, m, _ := openWith(t, api.En, 80, 24, bytesOf(terms()), 50*time.Millisecond)
	loaded(t, d)
	if v := strings.Join(strings.Fields(d.View()), " "); !strings.Contains(v, "Other PDFs are still being read") {
		t.Fatalf("no word of the taken slots:\n%s", d.View())
	}
	if keys := m.ShortHelp(); len(keys) != 2 {
		t.Errorf("r is not offered while the slots are taken: %v", keys)
	}
	free()
	m.read = readTimeout
	d.Key("r")
	d.WaitForText("TERMO DE USO DA API DATAJUD")
}

func TestLoading(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	fetch := func(ctx context.Context) ([]byte, error) {
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil, ctx.Err()
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Now: time.Now}
	m, _ := New(com, "page", "parecer.pdf", fetch, 80)
	v := m.View(80, 24)
	if !strings.Contains(v, "parecer.pdf") || !strings.Contains(v, "carregando…") {
		t.Errorf("%s", v)
	}
	if keys := m.ShortHelp(); len(keys) != 1 {
		t.Errorf("keys while loading: %v", keys)
	}
	if _, ok := m.Update(tea.KeyPressMsg{Code: tea.KeyEscape}).(overlay.Close); !ok {
		t.Error("esc does not close while loading")
	}
}
