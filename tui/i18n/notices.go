package i18n

import (
	"fmt"
	"time"
)

// NoticeText words the announcements (the line under the header, the !
// list) and the maintenance window's countdown (issue 19).
type NoticeText struct {
	KeyList, KeyDismiss, ListTitle, Dismissed, Empty string
	// More: %d announcements besides the one on the line; One: none.
	More, One string
	// MaintenanceTitle heads the window in the ! list.
	MaintenanceTitle string
	// Window: %s from, %s until; From, Until: one bound.
	Window, From, Until string
	Warning, Info       string
	// Planned: %s when (at, or day and time), %s how long, %s how soon.
	Planned, PlannedAt, PlannedOn string
	// Active: %s the end.
	Active string
	// Dismiss's toast.
	DismissedToast string
	// Word of a decision: %s the request's number, %s its API, %s the
	// environment; Because adds %s the justification. Many: %d how many,
	// %s each one's number and outcome (Short*), joined.
	Approved, Rejected, Revoked, Released, Because, Many      string
	ShortApproved, ShortRejected, ShortRevoked, ShortReleased string
	// What is new: the catalog's badge, n's help and the filter's label;
	// a request's terms changed since (TermsChanged: %s the version it
	// accepted, %s the current one).
	New, KeyOnlyNew, OnlyNew, TermsLabel, TermsChanged, NewTerms string
	// GraceEnding: %s the client_id, %s how soon its previous secret
	// stops working.
	GraceEnding string
}

var noticePtBR = NoticeText{
	KeyList: "avisos", KeyDismiss: "dispensar", ListTitle: "Avisos", Dismissed: "dispensado",
	Empty: "Nenhum aviso agora.", More: "(+%d · ! lista)", One: "(! lista)", MaintenanceTitle: "Manutenção",
	Window: "de %s a %s", From: "desde %s", Until: "até %s", Warning: "atenção", Info: "aviso",
	Planned:   "Manutenção %s por %s (em %s): gravações esperam, leituras seguem",
	PlannedAt: "às %s", PlannedOn: "em %s às %s",
	Active:         "Em manutenção até %s: nada é gravado (o digitado fica guardado), leituras seguem",
	DismissedToast: "Aviso dispensado: ! ainda o mostra na lista.",
	Approved:       "%s (%s, %s) foi aprovada", Rejected: "%s (%s, %s) foi reprovada", Revoked: "%s (%s, %s) foi revogada",
	Released: "A credencial de %s (%s, %s) foi liberada: o formulário técnico foi aceito", Because: ": “%s”",
	Many: "%d solicitações suas mudaram: %s",
	New:  "novo", NewTerms: "termo novo", KeyOnlyNew: "só as novas", OnlyNew: "só as novas desde a última visita", TermsLabel: "Termo de uso",
	TermsChanged:  "aceitou a versão %s; a atual é %s (mudou desde o aceite)",
	GraceEnding:   "O secret anterior de %s deixa de valer em %s: troque-o onde ainda estiver em uso",
	ShortApproved: "%s aprovada", ShortRejected: "%s reprovada", ShortRevoked: "%s revogada", ShortReleased: "%s com a credencial liberada",
}

var noticeEn = NoticeText{
	KeyList: "announcements", KeyDismiss: "dismiss", ListTitle: "Announcements", Dismissed: "dismissed",
	Empty: "No announcements now.", More: "(+%d · ! list)", One: "(! list)", MaintenanceTitle: "Maintenance",
	Window: "from %s to %s", From: "since %s", Until: "until %s", Warning: "warning", Info: "notice",
	Planned:   "Maintenance %s for %s (in %s): saving waits, reading goes on",
	PlannedAt: "at %s", PlannedOn: "on %s at %s",
	Active:         "Under maintenance until %s: nothing is saved (what you type is kept), reading goes on",
	DismissedToast: "Announcement dismissed: ! still lists it.",
	Approved:       "%s (%s, %s) was approved", Rejected: "%s (%s, %s) was rejected", Revoked: "%s (%s, %s) was revoked",
	Released: "The credential of %s (%s, %s) was released: the verification form was accepted", Because: ": “%s”",
	Many: "%d of your requests changed: %s",
	New:  "new", NewTerms: "new terms", KeyOnlyNew: "new ones only", OnlyNew: "only those new since your last visit", TermsLabel: "Terms of use",
	TermsChanged:  "accepted version %s; the current one is %s (changed since)",
	GraceEnding:   "The previous secret of %s stops working in %s: replace it wherever it is still in use",
	ShortApproved: "%s approved", ShortRejected: "%s rejected", ShortRevoked: "%s revoked", ShortReleased: "%s with its credential released",
}

// Span words a duration as a person says it: "30 min", "2 h", "1 h 30 min"
// ("less than a minute" is "1 min": a countdown never says 0).
func (t *Text) Span(d time.Duration) string {
	m := int((d + time.Minute - 1) / time.Minute) // rounded up
	m = max(m, 1)
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	default:
		return fmt.Sprintf("%d h %d min", m/60, m%60)
	}
}

// NoticeAdminText words Administração's Avisos section.
type NoticeAdminText struct {
	Section, KeyNew, KeyDelete, KeySchedule, KeyEnd                           string
	NewTitle, ScheduleTitle, FieldTitle, FieldTitleEn, FieldText, FieldTextEn string
	FieldSeverity, FieldAudience, FieldFrom, FieldUntil, FieldStart           string
	FieldDuration, FieldReason, FieldReasonEn, WhenNote, LengthNote, Everyone string
	ColTitle, ColSeverity, ColAudience, ColFrom, ColUntil, Count, None        string
	// NoWindow, Planned (%s start, %s end), On (%s end): the window line.
	NoWindow, Planned, On string
	// ConfirmDelete: %s the title; ConfirmEnd; the toasts.
	ConfirmDelete, ConfirmEnd, Published, Deleted, Scheduled, Ended string
	BadDuration, TitleRequired, BadWhen                             string
}

var noticeAdminPtBR = NoticeAdminText{
	Section: "Avisos", KeyNew: "novo aviso", KeyDelete: "apagar", KeySchedule: "manutenção", KeyEnd: "encerrar manutenção",
	NewTitle: "Novo aviso", ScheduleTitle: "Janela de manutenção", FieldTitle: "Título", FieldTitleEn: "Título (inglês)",
	FieldText: "Texto", FieldTextEn: "Texto (inglês)", FieldSeverity: "Tipo", FieldAudience: "Para", FieldFrom: "Aparece de",
	FieldUntil: "Aparece até", FieldStart: "Início", FieldDuration: "Duração", FieldReason: "Motivo", FieldReasonEn: "Motivo (inglês)",
	WhenNote:   "Datas: 22:00 (a próxima), 2026-12-04 22:00 ou RFC 3339; vazio: já (ou sem fim).",
	LengthNote: " Duração: 30m, 2h (até 7 dias).",
	Everyone:   "todos", ColTitle: "Título", ColSeverity: "Tipo", ColAudience: "Para", ColFrom: "De", ColUntil: "Até",
	Count: "%s aviso|%s avisos", None: "Nenhum aviso publicado: n publica um.",
	NoWindow: "Manutenção: nenhuma programada (m programa uma)", Planned: "Manutenção programada de %s a %s", On: "Manutenção em curso até %s: gravações recusadas",
	ConfirmDelete: "Apagar o aviso “%s”? Ninguém mais o verá.", ConfirmEnd: "Encerrar a manutenção agora? As gravações voltam a ser aceitas.",
	Published: "Aviso publicado.", Deleted: "Aviso apagado.", Scheduled: "Manutenção programada.", Ended: "Manutenção encerrada.",
	BadDuration: "uma duração como 30m ou 2h, até 7 dias", TitleRequired: "um título de uma linha, até 120 caracteres",
	BadWhen: "uma data e hora: 22:00, 2026-12-04 22:00 ou 2026-12-04T22:00:00-03:00",
}

var noticeAdminEn = NoticeAdminText{
	Section: "Notices", KeyNew: "new notice", KeyDelete: "delete", KeySchedule: "maintenance", KeyEnd: "end maintenance",
	NewTitle: "New announcement", ScheduleTitle: "Maintenance window", FieldTitle: "Title", FieldTitleEn: "Title (English)",
	FieldText: "Text", FieldTextEn: "Text (English)", FieldSeverity: "Kind", FieldAudience: "For", FieldFrom: "Shows from",
	FieldUntil: "Shows until", FieldStart: "Start", FieldDuration: "Length", FieldReason: "Reason", FieldReasonEn: "Reason (English)",
	WhenNote:   "Times: 22:00 (the next), 2026-12-04 22:00 or RFC 3339; empty: now (or no end).",
	LengthNote: " Length: 30m, 2h (up to 7 days).",
	Everyone:   "everyone", ColTitle: "Title", ColSeverity: "Kind", ColAudience: "For", ColFrom: "From", ColUntil: "Until",
	Count: "%s announcement|%s announcements", None: "No announcement published: n publishes one.",
	NoWindow: "Maintenance: none planned (m plans one)", Planned: "Maintenance planned from %s to %s", On: "Maintenance under way until %s: writes refused",
	ConfirmDelete: "Delete the announcement “%s”? Nobody will see it again.", ConfirmEnd: "End the maintenance now? Writes are accepted again.",
	Published: "Announcement published.", Deleted: "Announcement deleted.", Scheduled: "Maintenance planned.", Ended: "Maintenance ended.",
	BadDuration: "a length such as 30m or 2h, up to 7 days", TitleRequired: "a one-line title of up to 120 characters",
	BadWhen: "a date and time: 22:00, 2026-12-04 22:00 or 2026-12-04T22:00:00-03:00",
}
