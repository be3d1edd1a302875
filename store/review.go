package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode"
)

// Decision drafts: the justification of a decision typed on Avaliação and
// not yet registered, one per request id (and one under BulkDraftID for
// the decision of the marked requests), so that esc, a refused decision
// or a restart never lose it.

// BulkDraftID is the draft of the bulk decision's justification.
const BulkDraftID = "bulk"

// DecisionDraft returns the justification kept for id; ok is false when
// there is none.
func (s *Store) DecisionDraft(ctx context.Context, id string) (text string, ok bool, err error) {
	defer s.fail(&err, OpRead, EntityDraft, id)
	err = s.db.QueryRowContext(ctx, "SELECT justification FROM decision_drafts WHERE id = ?", id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return text, err == nil, err
}

// SaveDecisionDraft keeps the justification typed for id; a blank one
// removes the draft (nothing is worth keeping).
func (s *Store) SaveDecisionDraft(ctx context.Context, id, text string, at time.Time) (err error) {
	if strings.TrimSpace(text) == "" {
		return s.DeleteDecisionDraft(ctx, id)
	}
	defer s.fail(&err, OpWrite, EntityDraft, id)
	_, err = s.db.ExecContext(ctx, `INSERT INTO decision_drafts (id, justification, updated_at) VALUES (?,?,?)
		ON CONFLICT (id) DO UPDATE SET justification = excluded.justification, updated_at = excluded.updated_at`,
		id, text, at.UTC().Format(time.RFC3339Nano))
	return err
}

// DeleteDecisionDraft drops id's draft (its decision was registered).
func (s *Store) DeleteDecisionDraft(ctx context.Context, id string) (err error) {
	defer s.fail(&err, OpWrite, EntityDraft, id)
	_, err = s.db.ExecContext(ctx, "DELETE FROM decision_drafts WHERE id = ?", id)
	return err
}

// keepInstitutions records the institutions a page of synced requests
// names (CNPJ → legal name), inside the page's transaction.
func keepInstitutions(ctx context.Context, tx *sql.Tx, names map[string]string) error {
	for cnpj, name := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO request_institutions (cnpj, name) VALUES (?, ?)
			ON CONFLICT (cnpj) DO UPDATE SET name = excluded.name WHERE name IS NOT excluded.name`, cnpj, name); err != nil {
			return err
		}
	}
	return nil
}

// InstitutionQuery finds institutions of the cached requests: Name is
// part of the legal name (case and accents aside: "justica" finds
// "Justiça"), CNPJ the start of the CNPJ, digits (and, for the
// alphanumeric CNPJ, letters) with or without its punctuation. Empty
// fields match every institution.
type InstitutionQuery struct{ Name, CNPJ string }

// InstitutionCNPJs resolves q into the CNPJs it matches, for
// RequestQuery.CNPJs: nil when q is empty (any institution), an empty
// slice when nothing matches. The cache knows a few thousand institutions
// at most, so they are read whole and matched here.
func (s *Store) InstitutionCNPJs(ctx context.Context, q InstitutionQuery) (_ []string, err error) {
	name, cnpj := Fold(q.Name), CNPJDigits(q.CNPJ)
	if name == "" && cnpj == "" {
		return nil, nil
	}
	defer s.fail(&err, OpRead, EntityRequests, "")
	rows, err := s.db.QueryContext(ctx, "SELECT cnpj, name FROM request_institutions ORDER BY cnpj")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var c, n string
		if err := rows.Scan(&c, &n); err != nil {
			return nil, err
		}
		if strings.HasPrefix(c, cnpj) && strings.Contains(Fold(n), name) {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// CNPJDigits is a typed CNPJ as the cache keeps it: without dots, slashes,
// dashes or spaces, letters upper case (the alphanumeric CNPJ).
func CNPJDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			return r
		case r >= 'a' && r <= 'z':
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}

// Fold is text for matching as a person means it: lower case, without
// the accents of Portuguese, spaces collapsed.
func Fold(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.Map(func(r rune) rune {
		if f, ok := unaccented[r]; ok {
			return f
		}
		return r
	}, s)
}

var unaccented = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ç': 'c', 'ñ': 'n',
}
