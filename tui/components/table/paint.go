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
// are found once, by rendering a sentinel, and reused. A style that does
// more (a width, a border, a link, a transform...) is rendered as it is.

type paintKey struct {
	fg, bg color.Color
	attrs  uint8
}

// plain says the style only colours and sets attributes: what the
// sentinel's sequences reproduce exactly. (Padding is out too: whether
// its spaces take the background cannot be read back from a style.)
func plain(s lipgloss.Style) bool {
	top, right, bottom, left := s.GetPadding()
	mTop, mRight, mBottom, mLeft := s.GetMargin()
	link, _ := s.GetHyperlink()
	return s.GetWidth() == 0 && s.GetHeight() == 0 && s.GetMaxWidth() == 0 && s.GetMaxHeight() == 0 &&
		s.GetAlignHorizontal() == lipgloss.Left && s.GetAlignVertical() == lipgloss.Top && !s.GetInline() &&
		s.GetTransform() == nil && link == "" && top+right+bottom+left == 0 && mTop+mRight+mBottom+mLeft == 0 &&
		!s.GetBorderTop() && !s.GetBorderRight() && !s.GetBorderBottom() && !s.GetBorderLeft() &&
		// Underline and strike-through are drawn rune by rune (spaces
		// apart).
		!s.GetUnderline() && !s.GetStrikethrough()
}

func keyOf(s lipgloss.Style) paintKey {
	k := paintKey{fg: s.GetForeground(), bg: s.GetBackground()}
	for i, on := range []bool{s.GetBold(), s.GetFaint(), s.GetItalic(), s.GetReverse(), s.GetBlink()} {
		if on {
			k.attrs |= 1 << i
		}
	}
	return k
}

// wrap is what a style puts before and after a text.
type wrap struct{ before, after string }

const sentinel = "\uE000" // a private-use character: one cell, never in data

var paints sync.Map // paintKey → wrap; as many entries as a theme has styles

// paint renders text (already fitted to its width) in style s.
func paint(s lipgloss.Style, text string) string {
	if strings.ContainsAny(text, "\t\n") || !plain(s) {
		return s.Render(text)
	}
	k := keyOf(s)
	w, found := paints.Load(k)
	if !found {
		out := s.Render(sentinel)
		before, after, _ := strings.Cut(out, sentinel)
		w = wrap{before, after}
		paints.Store(k, w)
	}
	p := w.(wrap)
	return p.before + text + p.after
}
