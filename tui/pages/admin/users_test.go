package admin

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
)

func TestUsersGolden(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			d, _, _ := live(t, size[0], size[1], api.PtBR, secUsers)
			d.WaitForText("Carla Dias")
			golden.RequireEqual(t, d.View())
		})
	}
}

// TestCreateUserShowsTheCodeOnce: a bad username is refused under its
// field with the rest kept; the new person's activation code is shown in
// its box, copied, and gone once the box closes; the person is listed as
// not activated, can be disabled after confirming, and gets a new code.
func TestCreateUserShowsTheCodeOnce(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secUsers)
	d.Key("n")
	d.WaitForText("Nova pessoa")
	d.Type("Joana Silva") // not a username
	d.Key("tab")
	d.Type("Joana Silva")
	d.Key("tab")
	d.Key("tab") // no CPF
	d.Key("right")
	d.Key("tab") // role: Avaliador
	d.Type("00.394.494/0001-36")
	d.Key("enter")
	d.WaitForText("✖ 3 a 64 letras minúsculas")
	if v := d.View(); !strings.Contains(v, "00.394.494/0001-36") || !strings.Contains(v, "‹ Avaliador ›") {
		t.Fatalf("what was typed must stay:\n%s", v)
	}
	for range len("Joana Silva") {
		d.Key("backspace")
	}
	d.Type("joana.silva")
	d.Key("enter")
	d.WaitForText("Código de ativação")
	box, ok := topCode(p)
	if !ok || box.c.ActivationCode == "" {
		t.Fatalf("no code box: %+v", box)
	}
	code := box.c.ActivationCode
	v := d.View()
	if !strings.Contains(v, code) || !strings.Contains(v, "não será mostrado de novo") || !strings.Contains(v, "/device/activate") {
		t.Fatalf("the code, its address and the warning must be on screen:\n%s", v)
	}
	d.Key("c")
	d.WaitFor("the copy", func(string) bool { osc, _ := d.Copied(code); return osc })
	if !strings.Contains(v, "Cadastro de Joana Silva (joana.silva) criado") {
		t.Fatalf("the title names the record, not the person's gender:\n%s", v)
	}
	d.Key("esc")
	d.WaitForText("joana.silva")
	if v := d.View(); strings.Contains(v, code) || boxOpen[*codeBox](p) {
		t.Fatalf("the code is still on screen after closing:\n%s", v)
	}
	d.WaitForText("não ativado")
	// The new person is the selected row: d below acts on her.
	s := p.sections[secUsers].(*users)
	d.WaitFor("the new row selected", func(string) bool {
		return !p.mb.Pending("users") && s.selected() != nil && s.selected().Username == "joana.silva"
	})
	d.Key("d")
	d.WaitForText("Desativar Joana Silva (joana.silva)?")
	d.Key("s")
	d.WaitFor("the toast to say access was disabled", func(string) bool {
		for _, m := range d.Seen {
			if tm, ok := m.(common.ToastMsg); ok && tm.Text == "Acesso de joana.silva desativado: a pessoa não entra mais até ser reativada." {
				return true
			}
		}
		return false
	})
	d.WaitForText("desativado")

	d.Key("a")
	d.WaitForText("Gerar um novo código de ativação para Joana Silva")
	d.Key("s")
	d.WaitForText("Novo código de ativação de Joana Silva")
	if again, _ := topCode(p); again.c.ActivationCode == code || again.c.ActivationCode == "" {
		t.Fatalf("a new code must differ: %q", again.c.ActivationCode)
	}
	d.Key("esc")
	list, err := p.com.Authed.Users(context.Background(), "joana")
	if err != nil || len(list) != 1 || !list[0].Disabled || list[0].Role != api.RoleEvaluator || len(list[0].Institutions) != 1 {
		t.Fatalf("on the server: %+v %v", list, err)
	}
}

func topCode(p *Page) (*codeBox, bool) {
	boxes := p.com.Overlays.OwnedBy(p.mb.ID())
	if len(boxes) == 0 {
		return nil, false
	}
	b, ok := boxes[len(boxes)-1].(*codeBox)
	return b, ok
}
