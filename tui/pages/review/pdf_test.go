package review

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/internal/drive"
)

// readablePage is the queue at w×h whose oldest request has a project
// PDF, served (with its detail) by a fake server.
func readablePage(t *testing.T, w, h int) (*drive.Driver, *Page) {
	t.Helper()
	withProject := func(r *api.Request) {
		r.Attachments = []api.Attachment{{ID: "att-1", Filename: "projeto-tecnico.pdf", Size: 48213}}
	}
	s := queue(t, withProject)
	doc := pdftest.Text([]string{"Projeto técnico de integração", "", "A consulta roda uma vez por dia, fora do horário de pico."})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		const base = "/api/v1/requests/SOL-2026-000001"
		switch req.URL.Path {
		case base:
			r, _, _, _ := s.RequestDetail(context.Background(), "SOL-2026-000001")
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(r)
		case base + "/attachments/att-1":
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(doc)
		default:
			http.NotFound(w, req)
		}
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(srv.URL, nil)
	me := &api.Me{Name: "Bruno", Roles: []api.Role{api.RoleEvaluator}}
	d, p := newPageAs(t, w, h, me, s)
	p.com.Authed = c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}))
	p.com.Online = true
	return d, p
}

// TestReadAnAttachmentBesideTheQueue: p on the oldest request reads its
// PDF in the detail's pane, the queue still beside it at 120 columns; at
// 80 the viewer takes the page. esc brings the detail back.
func TestReadAnAttachmentBesideTheQueue(t *testing.T) {
	for _, size := range [][2]int{{120, 36}, {80, 20}} {
		d, p := readablePage(t, size[0], size[1])
		if !offered(p, "p") {
			t.Fatalf("%dx%d: p is not offered for a request with a PDF: %v", size[0], size[1], helpKeys(p.ShortHelp()))
		}
		d.Key("p")
		d.WaitForText("fora do horário de pico.")
		v := d.View()
		if !strings.Contains(v, "projeto-tecnico.pdf") || !strings.Contains(v, "página 1 de 1") {
			t.Errorf("%dx%d: the viewer's title and page:\n%s", size[0], size[1], v)
		}
		besideQueue := strings.Contains(v, "2026-000002 PRD")
		if wide := size[0] >= 120; besideQueue != wide {
			t.Errorf("%dx%d: the queue beside the viewer = %v:\n%s", size[0], size[1], besideQueue, v)
		}
		if _, ok := p.com.Overlays.Top().(*pdfview.Model); !ok {
			t.Fatalf("%dx%d: the viewer is not on top to take the keys", size[0], size[1])
		}
		d.Key("esc")
		if v := d.View(); p.com.Overlays.Len() != 0 || !strings.Contains(v, "Finalidade") {
			t.Errorf("%dx%d: esc did not bring the detail back:\n%s", size[0], size[1], v)
		}
	}
}

// TestReadIsNotOfferedWithoutFiles: a request without PDFs lists no p.
func TestReadIsNotOfferedWithoutFiles(t *testing.T) {
	_, p := newPage(t, 120, 30)
	if offered(p, "p") {
		t.Errorf("p offered for a request without files: %v", helpKeys(p.ShortHelp()))
	}
}
