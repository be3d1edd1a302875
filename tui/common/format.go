package common

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

func sprintf(format string, a ...any) string { return fmt.Sprintf(format, a...) }

// Truncate cuts s (which may hold styles) to width cells with an ellipsis.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// PadRight pads a styled string with spaces to width cells.
func PadRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// Spread places left and right on one line of width cells, truncating the
// left part when they do not fit.
func Spread(left, right string, width int) string {
	rw := ansi.StringWidth(right)
	if rw >= width {
		return Truncate(right, width)
	}
	left = Truncate(left, width-rw-1)
	gap := width - ansi.StringWidth(left) - rw
	return left + strings.Repeat(" ", max(gap, 1)) + right
}

// Wrap breaks text into lines of at most width cells, at spaces where it
// can and inside a word longer than a line; the text's own line breaks
// stay, and tabs become spaces (a tab's width depends on the terminal).
func Wrap(text string, width int) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	text = strings.ReplaceAll(text, "\t", "    ")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, strings.Split(ansi.Wrap(para, width, ""), "\n")...)
	}
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return out
}
