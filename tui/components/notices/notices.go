// Package notices draws what the server announces (issue 19, FAQ 5.1 and
// 5.3): the lines under the header (the maintenance window's countdown,
// and the newest announcement not dismissed) and the ! list, where an
// announcement is read whole and dismissed. It reads store.Notices; the
// sync keeps them fresh and the cache keeps them offline.
package notices

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/store"
	"github.com/gecli/gecli/tui/common"
)

// Soon is how far ahead a planned maintenance is announced on every
// screen; one further off is in `gecli maintenance show` only.
const Soon = 7 * 24 * time.Hour

// Current are the announcements showing at now for roles (the cache may
// hold some whose window closed since they were fetched, or a role's from
// before a sign-out): warnings first, then the newest.
func Current(n store.Notices, now time.Time, roles []api.Role) []api.Announcement {
	var out []api.Announcement
	for _, a := range n.Announcements {
		if a.Current(now) && a.For(roles) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b api.Announcement) int {
		if (a.Severity == api.SeverityWarning) != (b.Severity == api.SeverityWarning) {
			if a.Severity == api.SeverityWarning {
				return -1
			}
			return 1
		}
		return cmp.Compare(b.CreatedAt, a.CreatedAt)
	})
	return out
}

// Undismissed are the current announcements the person has not dismissed.
func Undismissed(n store.Notices, now time.Time, roles []api.Role) []api.Announcement {
	var out []api.Announcement
	for _, a := range Current(n, now, roles) {
		if !n.Dismissed[a.ID] {
			out = append(out, a)
		}
	}
	return out
}

// Lines are the notices under the header, each one line of width: the
// maintenance window (planned within Soon, or under way) and the first
// announcement not dismissed, with how many more there are.
func Lines(com *common.Common, n store.Notices, now time.Time, width int) []string {
	st, t := com.Styles, &com.Text.Notice
	var out []string
	if line := MaintenanceLine(com, n.Maintenance, now); line != "" {
		out = append(out, common.Truncate(st.Banner.Render("⚠ "+line), width))
	}
	if list := Undismissed(n, now, Roles(com)); len(list) > 0 {
		a := list[0]
		mark, style := "ℹ ", st.Accent
		if a.Severity == api.SeverityWarning {
			mark, style = "! ", st.Warning
		}
		more := " " + t.One
		if len(list) > 1 {
			more = " " + fmt.Sprintf(t.More, len(list)-1)
		}
		text := common.Plain(a.Title.In(com.Lang))
		if body := strings.Join(strings.Fields(common.Plain(a.Text.In(com.Lang))), " "); body != "" {
			text += " — " + body
		}
		// The title and text give way; the way to the list never does.
		room := max(8, width-2-ansi.StringWidth(more))
		out = append(out, style.Render(mark+common.Truncate(text, room))+st.Subtle.Render(more))
	}
	return out
}

// Any says whether there is something for the ! list: an announcement or
// a maintenance window on the lines.
func Any(com *common.Common, n store.Notices, now time.Time) bool {
	return len(Current(n, now, Roles(com))) > 0 || MaintenanceLine(com, n.Maintenance, now) != ""
}

// Roles are the signed-in person's (none signed out: the public ones).
func Roles(com *common.Common) []api.Role {
	if com.Me == nil {
		return nil
	}
	return com.Me.Roles
}

// MaintenanceLine is the countdown to the window, or the window under way
// ("" for none, ended, or further off than Soon).
func MaintenanceLine(com *common.Common, m *api.Maintenance, now time.Time) string {
	if m == nil {
		return ""
	}
	t := &com.Text.Notice
	start, end := m.Window()
	switch {
	case end.IsZero() || !now.Before(end):
		return ""
	case !now.Before(start):
		return withReason(com, fmt.Sprintf(t.Active, clock(com, start, end)), m)
	case start.Sub(now) > Soon:
		return ""
	}
	when := fmt.Sprintf(t.PlannedAt, start.Local().Format("15:04"))
	if y, mo, d := start.Local().Date(); y != now.Local().Year() || mo != now.Local().Month() || d != now.Local().Day() {
		when = fmt.Sprintf(t.PlannedOn, day(com, start), start.Local().Format("15:04"))
	}
	return withReason(com, fmt.Sprintf(t.Planned, when, com.Text.Span(end.Sub(start)), com.Text.Span(start.Sub(now))), m)
}

// clock is the window's end as a person reads it: its time, and its day
// when that is not the start's.
func clock(com *common.Common, start, end time.Time) string {
	if start.Local().YearDay() != end.Local().YearDay() {
		return day(com, end) + " " + end.Local().Format("15:04")
	}
	return end.Local().Format("15:04")
}

func day(com *common.Common, tm time.Time) string {
	if com.Lang == api.En {
		return tm.Local().Format("Jan 2")
	}
	return tm.Local().Format("02/01")
}

func withReason(com *common.Common, line string, m *api.Maintenance) string {
	if reason := strings.Join(strings.Fields(common.Plain(m.Message.In(com.Lang))), " "); reason != "" {
		return line + " · " + reason
	}
	return line
}
