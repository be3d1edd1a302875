package table

import (
	"image/color"
	"strings"
	"sync"

	"charm.land/lipgloss/v2"
)

// A cell's style is colours and attributes (the table pads and truncates
// the text itself), so it only puts escape sequences around the text.
// Style.Render works out margins, borders and alignment for every call,
// most of a frame's time at 40 rows; the sequences of each distinct style
// are found once, by rendering a sentinel, and reused.

type paintKey struct {
	fg, bg, underline color.Color
	attrs             uint16
	padLeft, padRight int
	marginLeft, right int
}

func keyOf(s lipgloss.Style) paintKey {
	k := paintKey{fg: s.GetForeground(), bg: s.GetBackground(), underline: s.GetUnderlineColor(),
		padLeft: s.GetPaddingLeft(), padRight: s.GetPaddingRight(), marginLeft: s.GetMarginLeft(), right: s.GetMarginRight()}
	for i, on := range []bool{s.GetBold(), s.GetFaint(), s.GetItalic(), s.GetUnderline(),
		s.GetReverse(), s.GetStrikethrough(), s.GetBlink(),
		s.GetBorderTop(), s.GetBorderRight(), s.GetBorderBottom(), s.GetBorderLeft()} {
		if on {
			k.attrs |= 1 << i
		}
	}
	return k
}

// wrap is what a style puts before and after a text; ok is false when
// the style does more than that (it is then rendered as is).
type wrap struct {
	before, after string
	ok            bool
}

const sentinel = "\uE000" // a private-use character: one cell, never in data

var paints sync.Map // paintKey → wrap; as many entries as a theme has styles

// paint renders text (already fitted to its width) in style s.
func paint(s lipgloss.Style, text string) string {
	k := keyOf(s)
	w, found := paints.Load(k)
	if !found {
		out := s.Render(sentinel)
		before, after, cut := strings.Cut(out, sentinel)
		// Underline and strike-through are drawn rune by rune (spaces
		// apart): those styles are rendered as they are.
		simple := !s.GetUnderline() && !s.GetStrikethrough()
		w = wrap{before, after, simple && cut && !strings.Contains(after, sentinel) && !strings.Contains(out, "\n")}
		paints.Store(k, w)
	}
	if p := w.(wrap); p.ok {
		return p.before + text + p.after
	}
	return s.Render(text)
}
