package admin

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/internal/drive"
)

// TestPublishAnnouncementsAndPlanMaintenance: in Avisos an administrator
// publishes an announcement (a time nobody can read is refused under its
// field, the rest kept), sees it listed, deletes it after confirming;
// plans a window, which shows on top, and ends it after confirming. Each
// reaches the server.
func TestPublishAnnouncementsAndPlanMaintenance(t *testing.T) {
	d, p, _ := live(t, 120, 40, api.PtBR, secNotices)
	s := p.sections[secNotices].(*notices)
	d.WaitForText("Manutenção: nenhuma programada")
	d.Key("n")
	d.WaitForText("Novo aviso")
	d.Type("Troca de certificado do gateway")
	for range 6 {
		d.Key("tab")
	}
	d.Key("tab") // to Aparece até
	d.Type("amanhã")
	d.Key("enter")
	d.WaitForText("✖ uma data e hora")
	d.WaitForText("Troca de certificado do gateway") // kept
	for range len("amanhã") {
		d.Key("backspace")
	}
	d.Key("enter")
	d.WaitFor("the toast Aviso publicado.", func(string) bool { return toastSaid(d, "Aviso publicado.") })
	d.WaitFor("the announcement listed", func(string) bool {
		return !p.mb.Pending("notices") && len(s.items) == 1 && s.items[0].Title.PtBR == "Troca de certificado do gateway"
	})
	ctx := context.Background()
	if got, err := p.com.Authed.Announcements(ctx, false); err != nil || len(got) != 1 {
		t.Fatalf("on the server: %v %v", got, err)
	}

	d.Key("m")
	d.WaitForText("Janela de manutenção")
	d.Type("23:30")
	d.Key("tab")
	for range 3 {
		d.Key("backspace")
	}
	d.Type("2h")
	d.Key("enter")
	d.WaitFor("the toast Manutenção programada.", func(string) bool { return toastSaid(d, "Manutenção programada.") })
	d.WaitForText("Manutenção programada de ")
	if w, err := p.com.Authed.Maintenance(ctx); err != nil || w == nil {
		t.Fatalf("the window on the server: %v %v", w, err)
	}
	d.Key("M")
	d.WaitForText("Encerrar a manutenção agora?")
	d.Key("s")
	d.WaitFor("the toast Manutenção encerrada.", func(string) bool { return toastSaid(d, "Manutenção encerrada.") })
	d.WaitForText("Manutenção: nenhuma programada")

	d.Key("x")
	d.WaitForText("Apagar o aviso “Troca de certificado do gateway”?")
	d.Key("s")
	d.WaitFor("the toast Aviso apagado.", func(string) bool { return toastSaid(d, "Aviso apagado.") })
	d.WaitForText("Nenhum aviso publicado")
}

func toastSaid(d *drive.Driver, text string) bool {
	for _, m := range d.Seen {
		if tm, ok := m.(common.ToastMsg); ok && tm.Text == text {
			return true
		}
	}
	return false
}

func TestNoticesSectionGolden(t *testing.T) {
	for _, lang := range []api.Lang{api.PtBR, api.En} {
		for _, size := range [][2]int{{120, 40}, {80, 24}} {
			t.Run(fmt.Sprintf("%s/%dx%d", lang, size[0], size[1]), func(t *testing.T) {
				d, _, _ := live(t, size[0], size[1], lang, secNotices)
				d.Key("n")
				d.WaitFor("the form", func(v string) bool {
					return strings.Contains(v, "Novo aviso") || strings.Contains(v, "New announcement")
				})
				golden.RequireEqual(t, d.View())
			})
		}
	}
}

// TestAWrongLengthIsSaidInEnglish: the form's own check is worded in the
// screen's language, not replaced by a generic "refused".
func TestAWrongLengthIsSaidInEnglish(t *testing.T) {
	d, _, _ := live(t, 80, 24, api.En, secNotices)
	d.Key("m")
	d.WaitForText("Maintenance window")
	d.Key("tab")
	for range 3 {
		d.Key("backspace")
	}
	d.Type("soon")
	d.Key("enter")
	d.WaitForText("✖ a length such as 30m or 2h")
}
