package main

import (
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// table prints aligned columns on standard output: a header, then one
// line per row. For people; scripts read --json, whose field names are
// the REST API's and stay put (README, "Scripting").
type table struct{ w *tabwriter.Writer }

func newTable(header ...string) *table {
	t := &table{w: tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(header...)
	}
	return t
}

// field writes "label  value" (a detail's line), skipping empty values.
func (t *table) field(label, value string) {
	if value = strings.Join(strings.Fields(value), " "); value != "" {
		t.w.Write([]byte(label + "\t" + value + "\n"))
	}
}

// row writes one line; tabs and line breaks inside a cell would break the
// columns, so they become spaces.
func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = strings.Join(strings.Fields(c), " ")
		if cells[i] == "" {
			cells[i] = "-"
		}
	}
	t.w.Write([]byte(strings.Join(cells, "\t") + "\n"))
}

func (t *table) flush() error { return t.w.Flush() }

// when shows an RFC 3339 time as local date and minute ("" stays "").
func when(s string) string {
	at, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return s
	}
	return at.Local().Format("2006-01-02 15:04")
}

// clip shortens s to n characters with an ellipsis.
func clip(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
