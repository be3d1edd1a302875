package api

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Notices (FAQ 5.1-5.3): announcements on the home screen, and
// maintenance windows announced before they start.

// Problem codes of notices.
const (
	// CodeMaintenance: a write during a maintenance window (503, with
	// Retry-After); reads go on.
	CodeMaintenance Code = "maintenance"
	// CodeAnnouncementNotFound: no announcement with that id.
	CodeAnnouncementNotFound Code = "announcement_not_found"
)

// Limits of a notice's texts.
const (
	MaxNoticeTitleLen = 120
	MaxNoticeTextLen  = 2000
	// MaxAnnouncements is how many announcements the server keeps: a list
	// that a terminal shows whole, not an archive.
	MaxAnnouncements = 200
	// MaxMaintenance is the longest window one may schedule.
	MaxMaintenance = 7 * 24 * time.Hour
)

// Localized is a text in both of gecli's languages, as the wire carries
// it: {"pt-BR": "...", "en": "..."}.
type Localized struct {
	PtBR string `json:"pt-BR"`
	En   string `json:"en"`
}

// In is the text in lang, falling back to pt-BR (the portal's language)
// when the English one was left empty.
func (l Localized) In(lang Lang) string {
	if lang == En && strings.TrimSpace(l.En) != "" {
		return l.En
	}
	return l.PtBR
}

// Severity is how an announcement is shown.
type Severity string

const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
)

// AudienceAll is an announcement for everyone, signed in or not; any
// other audience is a role, for the people signed in with it.
const AudienceAll = "all"

// Announcement is a notice on the home screen (GET /api/v1/announcements).
// StartsAt and EndsAt (RFC 3339) bound when it shows; empty is open.
type Announcement struct {
	ID        string    `json:"id"`
	Title     Localized `json:"title"`
	Text      Localized `json:"text"`
	Severity  Severity  `json:"severity"`
	StartsAt  string    `json:"starts_at,omitempty"`
	EndsAt    string    `json:"ends_at,omitempty"`
	Audience  string    `json:"audience"`
	CreatedAt string    `json:"created_at"`
	UpdatedAt string    `json:"updated_at"`
}

// AnnouncementWrite is the body of POST and PUT /api/v1/announcements.
type AnnouncementWrite struct {
	Title    Localized `json:"title"`
	Text     Localized `json:"text"`
	Severity Severity  `json:"severity"`
	StartsAt string    `json:"starts_at,omitempty"`
	EndsAt   string    `json:"ends_at,omitempty"`
	Audience string    `json:"audience"`
}

// Current says whether a shows at now.
func (a Announcement) Current(now time.Time) bool {
	return within(now, a.StartsAt, a.EndsAt)
}

// For says whether a is for a person with roles (none: signed out).
func (a Announcement) For(roles []Role) bool {
	return a.Audience == AudienceAll || slices.Contains(roles, Role(a.Audience))
}

func within(now time.Time, from, until string) bool {
	if t, err := time.Parse(time.RFC3339, from); err == nil && now.Before(t) {
		return false
	}
	if t, err := time.Parse(time.RFC3339, until); err == nil && !now.Before(t) {
		return false
	}
	return true
}

// Normalize trims the texts and fills the defaults (info, everyone).
func (w *AnnouncementWrite) Normalize() {
	for _, s := range []*string{&w.Title.PtBR, &w.Title.En, &w.Text.PtBR, &w.Text.En} {
		*s = TrimText(*s)
	}
	w.StartsAt, w.EndsAt, w.Audience = strings.TrimSpace(w.StartsAt), strings.TrimSpace(w.EndsAt), strings.TrimSpace(w.Audience)
	if w.Severity == "" {
		w.Severity = SeverityInfo
	}
	if w.Audience == "" {
		w.Audience = AudienceAll
	}
}

// Validate checks an announcement as the server stores it: a title in
// pt-BR (English optional: pt-BR shows in its place), a known severity
// and audience, and a window whose end follows its start.
func (w AnnouncementWrite) Validate() []FieldError {
	var out []FieldError
	titled := func(field, s string, required bool) {
		if (required && VisibleLen(s) == 0) || utf8.RuneCountInString(s) > MaxNoticeTitleLen || MultiLine(s) {
			out = append(out, Refuse(field, Say("um título de uma linha, até 120 caracteres", "a one-line title of up to 120 characters")))
		}
	}
	titled("title.pt-BR", w.Title.PtBR, true)
	titled("title.en", w.Title.En, false)
	for field, s := range map[string]string{"text.pt-BR": w.Text.PtBR, "text.en": w.Text.En} {
		if utf8.RuneCountInString(s) > MaxNoticeTextLen {
			out = append(out, Refuse(field, Say("até 2.000 caracteres", "up to 2,000 characters")))
		}
	}
	if w.Severity != SeverityInfo && w.Severity != SeverityWarning {
		out = append(out, Refuse("severity", Say("info ou warning", "info or warning")))
	}
	if w.Audience != AudienceAll && !Role(w.Audience).Valid() {
		out = append(out, Refuse("audience", Say("all ou um perfil (requester, evaluator, admin)", "all or a role (requester, evaluator, admin)")))
	}
	return append(out, validWindow(w.StartsAt, w.EndsAt, false)...)
}

// validWindow checks RFC 3339 bounds: each optional unless needed, and
// the end after the start.
func validWindow(from, until string, needed bool) []FieldError {
	var out []FieldError
	parse := func(field, s string) (time.Time, bool) {
		if s == "" {
			if needed {
				out = append(out, Refuse(field, Say("obrigatório, em RFC 3339 (2026-12-04T22:00:00-03:00)", "required, in RFC 3339 (2026-12-04T22:00:00-03:00)")))
			}
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			out = append(out, Refuse(field, Say("data e hora em RFC 3339 (2026-12-04T22:00:00-03:00)", "a date and time in RFC 3339 (2026-12-04T22:00:00-03:00)")))
			return t, false
		}
		return t, true
	}
	start, okStart := parse("starts_at", from)
	end, okEnd := parse("ends_at", until)
	if okStart && okEnd && !end.After(start) {
		out = append(out, Refuse("ends_at", Say("o fim deve vir depois do início", "the end must come after the start")))
	}
	return out
}

// Maintenance is a maintenance window (GET /api/v1/maintenance): from
// StartsAt to EndsAt (RFC 3339) the server answers writes with 503
// maintenance; before it, every screen counts down to it.
type Maintenance struct {
	StartsAt string    `json:"starts_at"`
	EndsAt   string    `json:"ends_at"`
	Message  Localized `json:"message"`
	// Active is whether the window is on now (the server's clock).
	Active bool `json:"active"`
}

// MaintenanceWrite is the body of PUT /api/v1/maintenance.
type MaintenanceWrite struct {
	StartsAt string    `json:"starts_at"`
	EndsAt   string    `json:"ends_at"`
	Message  Localized `json:"message"`
}

// Validate checks a window: both bounds, the end after the start and
// still to come, at most MaxMaintenance long; the message is optional.
func (w MaintenanceWrite) Validate(now time.Time) []FieldError {
	out := validWindow(w.StartsAt, w.EndsAt, true)
	if len(out) > 0 {
		return out
	}
	start, _ := time.Parse(time.RFC3339, w.StartsAt)
	end, _ := time.Parse(time.RFC3339, w.EndsAt)
	if !end.After(now) {
		out = append(out, Refuse("ends_at", Say("o fim já passou", "the end has already passed")))
	}
	if end.Sub(start) > MaxMaintenance {
		out = append(out, Refuse("ends_at", Say("uma janela dura no máximo 7 dias", "a window lasts at most 7 days")))
	}
	for field, s := range map[string]string{"message.pt-BR": w.Message.PtBR, "message.en": w.Message.En} {
		if utf8.RuneCountInString(s) > MaxNoticeTextLen {
			out = append(out, Refuse(field, Say("até 2.000 caracteres", "up to 2,000 characters")))
		}
	}
	return out
}

// Window is the maintenance's bounds (zero times when unparsable).
func (m Maintenance) Window() (start, end time.Time) {
	start, _ = time.Parse(time.RFC3339, m.StartsAt)
	end, _ = time.Parse(time.RFC3339, m.EndsAt)
	return start, end
}

// ParseWhen reads a time as an administrator types it: RFC 3339, or a
// local "2006-01-02 15:04", or a local "15:04" (its next occurrence). ""
// stays "" (an open bound). The answer is RFC 3339, in UTC.
func ParseWhen(s string, now time.Time) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC().Format(time.RFC3339), nil
	}
	if t, err := time.ParseInLocation("2006-01-02 15:04", s, now.Location()); err == nil {
		return t.UTC().Format(time.RFC3339), nil
	}
	if t, err := time.ParseInLocation("15:04", s, now.Location()); err == nil {
		next := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
		if !next.After(now) {
			next = next.AddDate(0, 0, 1)
		}
		return next.UTC().Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("%q não é uma data e hora: use 2026-12-04T22:00:00-03:00, 2026-12-04 22:00 ou 22:00", s)
}
