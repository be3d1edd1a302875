package wizard

import (
	"context"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pathcomplete"
)

const ioTimeout = 15 * time.Second

type catalogMsg struct {
	apis []api.API
	err  error
}

type savedMsg struct{ err error }

type saveTickMsg struct{}

type fileCheckedMsg struct {
	path string
	err  error
}

type completedMsg struct {
	input, completion string
}

type submittedMsg struct {
	req       api.Request
	uploadErr error // the request exists; an attachment failed
	err       error // nothing was created
}

func loadCatalog(s *store.Store) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		apis, err := s.Catalog(ctx, store.CatalogQuery{})
		return catalogMsg{apis: apis, err: err}
	}
}

// contactMsg is the technical contact of the person's last request.
type contactMsg struct{ contact api.TechnicalContact }

// lastContact reads the contact the person gave last time (nothing
// found, or the cache failing, is an empty form as before).
func lastContact(s *store.Store, requester string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		c, _, _ := s.LastContact(ctx, requester)
		return contactMsg{contact: c}
	}
}

func saveDraft(s *store.Store, d store.Draft) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), ioTimeout)
		defer cancel()
		return savedMsg{err: s.SaveDraft(ctx, d)}
	}
}

// debounce is the timer of a save shortly after an edit.
func debounce() tea.Cmd {
	return tea.Tick(400*time.Millisecond, func(time.Time) tea.Msg { return saveTickMsg{} })
}

// checkFile verifies an attachment before it is queued: it exists, is at
// most 10 MB and is a PDF by content (FAQ 4.2: "Arquivo incompatível ou
// superior ao limite"). Over SSH (remote) it looks at nothing: the path
// would name a file of the host, not of the person's machine.
func checkFile(remote bool, path string) tea.Cmd {
	return func() tea.Msg {
		p := expand(path)
		if remote {
			return fileCheckedMsg{path: p, err: common.ErrHostFiles}
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentMissing, Path: p, Err: err}}
		case st.IsDir():
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentIsDir, Path: p}}
		case st.Size() > api.MaxAttachmentBytes:
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentTooLarge, Path: p, Size: st.Size()}}
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentUnreadable, Path: p, Err: err}}
		}
		if err := api.ValidatePDF(b); err != nil {
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentNotPDF, Path: p, Err: err}}
		}
		if err := api.ValidateFilename(api.UploadName(p)); err != nil {
			return fileCheckedMsg{path: p, err: &api.AttachmentError{Kind: api.AttachmentBadName, Path: p, Err: err}}
		}
		return fileCheckedMsg{path: p}
	}
}

// complete extends a path as a shell's tab completion does; over SSH
// (remote) it lists nothing of the host and says why.
func complete(remote bool, input string) tea.Cmd {
	return func() tea.Msg {
		if remote {
			return fileCheckedMsg{path: input, err: common.ErrHostFiles}
		}
		return completedMsg{input: input, completion: pathcomplete.Complete(input)}
	}
}

func expand(p string) string { return pathcomplete.Expand(p) }

// submit creates the request, then uploads each attachment. A failure
// after creation keeps the request (it exists on the server) and says
// which attachment did not go.
func submit(c *client.Client, remote bool, req api.RequestCreate, files []string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		// One key for this submission: retried, it is created once.
		// Uploads that follow are not retried (the key stays off them).
		created, err := c.CreateRequest(client.WithIdempotencyKey(ctx, client.NewIdempotencyKey()), req)
		if err != nil {
			return submittedMsg{err: err}
		}
		for _, f := range files {
			b, err := common.ReadFile(remote, f)
			if err == nil {
				_, err = c.UploadAttachment(ctx, created.ID, api.UploadName(f), b)
			}
			if err != nil {
				return submittedMsg{req: created, uploadErr: &api.AttachmentError{Kind: api.AttachmentUpload, Path: f, Err: err}}
			}
		}
		if len(files) > 0 {
			if r, err := c.Request(ctx, created.ID); err == nil {
				created = r
			}
		}
		return submittedMsg{req: created}
	}
}

type formSubmittedMsg struct {
	form api.VerificationForm
	err  error
}

// submitForm uploads the documents of a verification form, then saves the
// form naming them (FAQ 3.19: at least one PDF).
func submitForm(c *client.Client, remote bool, requestID string, f api.VerificationForm, files []string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		for _, path := range files {
			b, err := common.ReadFile(remote, path)
			if err != nil {
				return formSubmittedMsg{err: &api.AttachmentError{Kind: api.AttachmentUnreadable, Path: path, Err: err}}
			}
			a, err := c.UploadAttachment(ctx, requestID, api.UploadName(path), b)
			if err != nil {
				return formSubmittedMsg{err: &api.AttachmentError{Kind: api.AttachmentUpload, Path: path, Err: err}}
			}
			f.Documents = append(f.Documents, a.ID)
		}
		saved, err := c.SaveVerificationForm(ctx, requestID, f)
		return formSubmittedMsg{form: saved, err: err}
	}
}
