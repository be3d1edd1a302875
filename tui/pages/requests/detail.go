package requests

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/reqdetail"
	"github.com/gecli/gecli/tui/overlay"
)

// detailView is one request's detail (the shared reqdetail component)
// with the page's actions: cancel, download, read its PDFs, scroll, and
// its SEI keys.
type detailView struct {
	msg     reqdetail.Msg
	loading bool
	offset  int
}

func (p *Page) openDetail() tea.Cmd {
	r := p.current()
	if r == nil {
		return nil
	}
	p.detail = &detailView{msg: reqdetail.Msg{ID: r.ID, Req: *r}, loading: true}
	return p.mb.Latest("detail", reqdetail.Load(p.com.Authed, p.store, r.ID, p.com.Now()))
}

// detailLoaded shows the answer; a failure keeps the row's data on
// screen, and a cache that could not keep a good answer is said apart.
// A fresh answer has its SEI section read next.
func (p *Page) detailLoaded(msg reqdetail.Msg) tea.Cmd {
	if p.detail == nil {
		return nil
	}
	p.detail.loading = false
	if msg.Err != nil {
		p.detail.msg.Err = msg.Err
		return nil
	}
	prev := p.detail.msg
	p.detail.msg = reqdetail.Reread(prev, msg)
	reqdetail.FollowInBox(p.com, p.mb.ID(), p.detail.msg)
	return tea.Batch(reqdetail.CacheProblem(p.com, msg), reqdetail.ReadSEI(p.com, p.mb, prev, msg))
}

// rereadDetail reads the open detail again after a sync brought changes
// (a decision, the SEI process linked), without the loading line: what
// is on screen stays until the answer.
func (p *Page) rereadDetail() tea.Cmd {
	if p.detail == nil {
		return nil
	}
	return p.mb.Latest("detail", reqdetail.Load(p.com.Authed, p.store, p.detail.msg.ID, p.com.Now()))
}

// seiAnswered puts a SEI answer in the open detail, and in its SEI box
// when open (a retry's toast comes whether or not the detail is still
// open).
func (p *Page) seiAnswered(msg reqdetail.SEIMsg) tea.Cmd {
	m := &reqdetail.Msg{}
	if p.detail != nil {
		m = &p.detail.msg
	}
	cmd := reqdetail.SEIAnswered(p.com, p.mb, m, msg)
	reqdetail.FollowInBox(p.com, p.mb.ID(), *m)
	return cmd
}

func (p *Page) detailKey(msg tea.KeyPressMsg) tea.Cmd {
	k, d := p.keys, p.detail
	r := &d.msg.Req
	if cmd, ok := k.sei.Key(p.com, p.mb, d.msg, msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		p.detail = nil
		p.mb.Drop("detail")
		p.mb.Drop(reqdetail.QuestionSEI)
	case key.Matches(msg, k.Cancel) && p.mayCancel(*r):
		return p.askCancel(r)
	case key.Matches(msg, k.Revoke) && p.mayRevokeRequest(r):
		return p.askRevoke(r)
	case key.Matches(msg, k.Credential):
		return p.showCredential(r)
	case key.Matches(msg, k.CopyID):
		return p.copyID(r)
	case key.Matches(msg, k.Form) && p.mayFillForm(*r):
		return p.openForm(*r)
	case key.Matches(msg, k.Read) && reqdetail.Readable(*r):
		box, cmd := reqdetail.ReadFiles(p.com, p.mb.ID(), p.com.Authed, *r, p.width)
		if box != nil {
			p.com.Overlays.Push(box)
		}
		return cmd
	case key.Matches(msg, k.Download):
		files := reqdetail.Files(*r) // the opinions' PDFs too
		switch {
		case len(files) == 0:
			return nil // d is not offered
		case p.com.Authed == nil:
			return common.Toast(p.com.Text.PDFView.SignIn, true)
		}
		var cmds []tea.Cmd
		for _, a := range files {
			cmds = append(cmds, p.mb.Every(reqdetail.DownloadFor(p.com, r.ID, a)))
		}
		return tea.Batch(cmds...)
	case key.Matches(msg, k.Down):
		d.offset = min(d.offset+1, p.maxOffset())
	case key.Matches(msg, k.Up):
		d.offset = max(0, min(d.offset, p.maxOffset())-1)
	}
	return nil
}

// detailLines are the detail's lines, the open cancel question first.
func (p *Page) detailLines() []string {
	lines := reqdetail.Render(p.com, p.detail.msg, p.detail.loading, p.width)
	if q, ok := p.question(); ok { // wrapped: its keys come last
		lines = append(append(strings.Split(lipgloss.Wrap(p.com.Styles.Warning.Render(q), max(1, p.width), " "), "\n"), ""), lines...)
	}
	return lines
}

// maxOffset is how far the detail scrolls: not at all when it fits.
func (p *Page) maxOffset() int { return max(0, len(p.detailLines())-p.height+1) }

// detailMoves scroll the detail, when it does not fit.
func (p *Page) detailMoves() []key.Binding {
	if p.maxOffset() == 0 {
		return nil
	}
	return []key.Binding{p.keys.Up, p.keys.Down}
}

func (p *Page) detailView() string {
	d := p.detail
	if box, ok := reqdetail.Reading(p.com, p.mb.ID()); ok {
		return box.View(p.width, p.height) // the viewer or its picker, in all of the room
	}
	if box, ok := overlay.Of[*reqdetail.SEIBox](p.com.Overlays, p.mb.ID()); ok {
		return box.View(p.width, p.height) // in place of the detail, all of the room
	}
	lines := p.detailLines()
	if box, ok := overlay.Of[*revokeBox](p.com.Overlays, p.mb.ID()); ok {
		// The box stays at the top whatever the detail's scroll.
		return box.View(p.width, p.height) + "\n\n" + strings.Join(lines, "\n")
	}
	offset := min(d.offset, p.maxOffset())
	return strings.Join(lines[offset:], "\n")
}

// openForm opens the technical verification form of an approved form_*
// request in the wizard (FAQ 3.19), resuming its draft when there is one.
func (p *Page) openForm(r api.Request) tea.Cmd {
	if (r.Rule != api.RuleFormRes316 && r.Rule != api.RuleFormStandard) || r.Status != api.StatusApproved {
		return common.Toast(p.com.Text.FormNotApplicable, true)
	}
	s, title := p.store, p.com.Text.FormTitle+" "+r.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		d, ok, _ := s.Draft(ctx, store.FormDraftID(r.ID))
		if !ok {
			d = store.Draft{ID: store.FormDraftID(r.ID), FormFor: r.ID, APIName: title,
				EntityName: r.Institution.Name, EntityCNPJ: r.Institution.CNPJ, Contact: r.TechnicalContact}
		}
		return common.OpenWizardMsg{Draft: &d}
	}
}
