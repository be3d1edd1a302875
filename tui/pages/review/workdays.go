package review

import "time"

// DefaultOverdueDays is how many working days a request may wait before
// its row is marked late, when common.Common.ReviewOverdueDays is 0.
const DefaultOverdueDays = 5

// holidays are Brazil's fixed national holidays (month, day): the
// movable ones (Carnaval, Sexta-feira Santa, Corpus Christi) and the
// states' and cities' are not counted.
var holidays = map[[2]int]bool{
	{1, 1}: true, {4, 21}: true, {5, 1}: true, {9, 7}: true, {10, 12}: true,
	{11, 2}: true, {11, 15}: true, {11, 20}: true, {12, 25}: true,
}

// workday says whether the date of t is a working day: Monday to Friday,
// not a national holiday.
func workday(t time.Time) bool {
	switch t.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !holidays[[2]int{int(t.Month()), t.Day()}]
}

// workdaysSince counts the working days after from's date up to now's
// date (local dates; a request sent today has waited 0), stopping once
// the count passes limit: a row only needs to know whether it is late.
func workdaysSince(from, now time.Time, limit int) int {
	from, now = from.Local(), now.Local()
	day := time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, time.Local)
	end := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, time.Local)
	n := 0
	for day = day.AddDate(0, 0, 1); !day.After(end) && n <= limit; day = day.AddDate(0, 0, 1) {
		if workday(day) {
			n++
		}
	}
	return n
}

// overdue says whether a request created at created (RFC 3339) has
// waited more than days working days by now.
func overdue(created string, now time.Time, days int) bool {
	t, err := time.Parse(time.RFC3339, created)
	if err != nil {
		return false
	}
	return workdaysSince(t, now, days) > days
}
