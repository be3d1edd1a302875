package requests

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/internal/pdftext/pdftest"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/themes"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pdfview"
	"github.com/gecli/gecli/tui/i18n"
	"github.com/gecli/gecli/tui/internal/drive"
)

// pdfPage opens the detail of r, served with its files (by id) by a
// fake server, signed in as a requester.
func pdfPage(t *testing.T, r api.Request, files map[string][]byte) (*drive.Driver, *Page) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		base := "/api/v1/requests/" + r.ID
		if req.URL.Path == base {
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(r)
			return
		}
		if id, ok := strings.CutPrefix(req.URL.Path, base+"/attachments/"); ok && files[id] != nil {
			w.Header().Set("Content-Type", "application/pdf")
			w.Write(files[id])
			return
		}
		http.NotFound(w, req)
	}))
	t.Cleanup(srv.Close)
	c, _ := client.New(srv.URL, nil)
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.ApplyRequests(ctx, []api.Request{r}, r.Seq); err != nil {
		t.Fatal(err)
	}
	com := &common.Common{Styles: themes.Get(themes.Mono), Text: i18n.For(api.PtBR), Lang: api.PtBR, Online: true,
		Now: func() time.Time { return seiNow }, Me: requester(), Clip: &common.Clipboard{},
		Authed: c.WithTokens(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "t"}))}
	p := New(com, s)
	d := drive.New(t, drive.NewHost(p.com, p), 100, 30)
	d.WaitForText("DataJud")
	d.Key("enter")
	d.WaitFor("the detail", func(string) bool { return p.detail != nil && !p.detail.loading })
	return d, p
}

// TestReadAttachment: p on the detail of a request with one PDF opens
// the viewer on it in place of the detail, with the PDF's own text; esc
// comes back to the detail.
func TestReadAttachment(t *testing.T) {
	r := seiRequest("", "")
	r.Attachments = []api.Attachment{{ID: "att-1", Filename: "projeto-tecnico.pdf", Size: 48213}}
	doc := pdftest.Text([]string{"Projeto técnico de integração", "", "O sistema consultará a API uma vez por dia."})
	d, p := pdfPage(t, r, map[string][]byte{"att-1": doc})
	if !offered(p, "p") {
		t.Fatalf("p is not in the help of a request with a PDF: %v", p.ShortHelp())
	}
	d.Key("p")
	d.WaitForText("O sistema consultará a API uma vez por dia.")
	v := d.View()
	for _, want := range []string{"projeto-tecnico.pdf", "página 1 de 1", "Projeto técnico de integração"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Finalidade") {
		t.Errorf("the detail shows under the viewer:\n%s", v)
	}
	if _, ok := p.com.Overlays.Top().(*pdfview.Model); !ok {
		t.Fatal("the viewer is not on top, to take the keys")
	}
	d.Key("esc")
	if v := d.View(); !strings.Contains(v, "Finalidade") || p.com.Overlays.Len() != 0 {
		t.Errorf("esc did not come back to the detail:\n%s", v)
	}
}

// TestReadPicksAmongFiles: with an attachment and an opinion's PDF, p
// asks which; enter reads the chosen one, esc comes back to the choice,
// esc again to the detail.
func TestReadPicksAmongFiles(t *testing.T) {
	r := seiRequest("", "")
	r.Attachments = []api.Attachment{{ID: "att-1", Filename: "projeto.pdf", Size: 2048}}
	r.Opinions = []api.Opinion{{ID: "op-1", Author: "bruno", AuthorName: "Bruno Lima", At: "2026-11-22T09:00:00Z", Text: "Parecer favorável.",
		Attachment: &api.Attachment{ID: "att-2", Filename: "parecer-tecnico.pdf", Size: 1024}}}
	d, p := pdfPage(t, r, map[string][]byte{
		"att-1": pdftest.Text([]string{"Projeto"}),
		"att-2": pdftest.Text([]string{"Parecer técnico: favorável, sem ressalvas."}),
	})
	d.Key("p")
	v := d.View()
	for _, want := range []string{"Ler qual arquivo? (2)", "▸ projeto.pdf · 2 KB", "parecer-tecnico.pdf · parecer de Bruno Lima · 1 KB"} {
		if !strings.Contains(v, want) {
			t.Errorf("missing %q:\n%s", want, v)
		}
	}
	d.Key("j")
	d.Key("enter")
	d.WaitForText("Parecer técnico: favorável, sem ressalvas.")
	d.Key("esc")
	if v := d.View(); !strings.Contains(v, "Ler qual arquivo?") {
		t.Errorf("esc in the viewer did not come back to the choice:\n%s", v)
	}
	d.Key("esc")
	if v := d.View(); !strings.Contains(v, "Finalidade") || p.com.Overlays.Len() != 0 {
		t.Errorf("esc did not come back to the detail:\n%s", v)
	}
}

// TestReadNotOfferedWithoutFiles: a request with no PDF lists no p, and
// p does nothing then (it is not offered).
func TestReadNotOfferedWithoutFiles(t *testing.T) {
	d, p := pdfPage(t, seiRequest("", ""), nil)
	for _, g := range append(p.FullHelp(), p.ShortHelp()) {
		for _, b := range g {
			if b.Help().Key == "p" {
				t.Error("p is in the help of a request without files")
			}
		}
	}
	before := d.View()
	if _, cmd := p.Update(drive.KeyPress("p")); cmd != nil || p.com.Overlays.Len() != 0 || d.View() != before {
		t.Error("p acted on a request without files, where it is not offered")
	}
}
