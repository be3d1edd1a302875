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
}

var noticePtBR = NoticeText{
	KeyList: "avisos", KeyDismiss: "dispensar", ListTitle: "Avisos", Dismissed: "dispensado",
	Empty: "Nenhum aviso agora.", More: "(+%d · ! lista)", One: "(! lista)", MaintenanceTitle: "Manutenção",
	Window: "de %s a %s", From: "desde %s", Until: "até %s", Warning: "atenção", Info: "aviso",
	Planned:   "Manutenção %s por %s (em %s): gravações esperam, leituras seguem",
	PlannedAt: "às %s", PlannedOn: "em %s às %s",
	Active:         "Em manutenção até %s: nada é gravado (o digitado fica guardado), leituras seguem",
	DismissedToast: "Aviso dispensado: ! ainda o mostra na lista.",
}

var noticeEn = NoticeText{
	KeyList: "announcements", KeyDismiss: "dismiss", ListTitle: "Announcements", Dismissed: "dismissed",
	Empty: "No announcements now.", More: "(+%d · ! list)", One: "(! list)", MaintenanceTitle: "Maintenance",
	Window: "from %s to %s", From: "since %s", Until: "until %s", Warning: "warning", Info: "notice",
	Planned:   "Maintenance %s for %s (in %s): saving waits, reading goes on",
	PlannedAt: "at %s", PlannedOn: "on %s at %s",
	Active:         "Under maintenance until %s: nothing is saved (what you type is kept), reading goes on",
	DismissedToast: "Announcement dismissed: ! still lists it.",
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
