package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/gecli/gecli/api"
)

// Draft is a request being written in the wizard.
type Draft struct {
	ID            string               `json:"id"`
	Step          int                  `json:"step"`
	APIID         string               `json:"api_id"`
	APIName       string               `json:"api_name"`
	Environment   api.Environment      `json:"environment"`
	CNPJ          string               `json:"cnpj"`
	Contact       api.TechnicalContact `json:"technical_contact"`
	Purpose       string               `json:"purpose"`
	SEIProcess    string               `json:"sei_process"`
	CustomFields  map[string]string    `json:"custom_fields"`
	Attachments   []string             `json:"attachments"` // local PDF paths
	TermsID       string               `json:"terms_id"`
	TermsVersion  string               `json:"terms_version"`
	TermsAccepted bool                 `json:"terms_accepted"`
	UpdatedAt     time.Time            `json:"updated_at"`

	// A draft of a verification form (FAQ 3.19) names its request.
	FormFor           string `json:"form_for,omitempty"`
	EntityName        string `json:"entity_name,omitempty"`
	EntityCNPJ        string `json:"entity_cnpj,omitempty"`
	Project           string `json:"project,omitempty"`
	FormJustification string `json:"form_justification,omitempty"`
}

// FormDraftID is the draft id of a request's verification form: one per
// request, so reopening the form resumes it.
func FormDraftID(requestID string) string { return "form-" + requestID }

// SaveDraft stores a draft (replacing its previous version).
func (s *Store) SaveDraft(ctx context.Context, d Draft) (err error) {
	defer s.fail(&err, OpWrite, EntityDraft, d.ID)
	body, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO drafts (id, body, updated_at) VALUES (?,?,?)
		ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
		d.ID, string(body), d.UpdatedAt.UTC().Format(time.RFC3339Nano))
	return err
}

// Drafts lists the drafts, most recently edited first.
func (s *Store) Drafts(ctx context.Context) (_ []Draft, err error) {
	defer s.fail(&err, OpRead, EntityDraft, "")
	rows, err := s.db.QueryContext(ctx, "SELECT body FROM drafts ORDER BY updated_at DESC, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var body string
		if err := rows.Scan(&body); err != nil {
			return nil, err
		}
		var d Draft
		if err := json.Unmarshal([]byte(body), &d); err != nil {
			return nil, &Error{Op: OpCorrupt, Entity: EntityDraft, Path: s.path, Err: err}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Draft returns one draft; ok is false when there is none.
func (s *Store) Draft(ctx context.Context, id string) (d Draft, ok bool, err error) {
	all, err := s.Drafts(ctx)
	for _, x := range all {
		if x.ID == id {
			return x, true, err
		}
	}
	return d, false, err
}

// DeleteDraft removes a submitted or abandoned draft.
func (s *Store) DeleteDraft(ctx context.Context, id string) (err error) {
	defer s.fail(&err, OpWrite, EntityDraft, id)
	_, err = s.db.ExecContext(ctx, "DELETE FROM drafts WHERE id = ?", id)
	return err
}
