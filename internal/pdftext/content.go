package pdftext

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/ledongthuc/pdf"
)

// Bounds of one page's interpretation, beyond the content's size.
const (
	maxRuns      = 1 << 20 // text runs kept per page
	maxRunBytes  = 64 << 10
	maxFormDepth = 8 // form XObjects inside form XObjects
	maxStack     = 512
	checkEvery   = 4096 // operators between looks at the context
)

// errStop is panicked out of an interpretation to end it: the context
// is done, or the document's content budget is spent.
var errStop = errors.New("pdftext: stopped")

// extractor reads pages one after the other, under one budget.
type extractor struct {
	ctx    context.Context
	budget int64 // decompressed content bytes left for the document
	ops    int
}

// run is a piece of text shown at one place, in device space (points,
// y up): where it starts and ends on its baseline, and its font size.
type run struct {
	x, y, end, size float64
	text            string
	// space: the text before it in the same TJ array was moved away by
	// more than a fifth of an em (how producers write a word space).
	space bool
}

// page returns a page's text, laid out in lines.
func (ex *extractor) page(p pdf.Value) (text string, err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok && errors.Is(e, errStop) {
				text, err = "", errStop
				return
			}
			text, err = "", fmt.Errorf("page: %v", x)
		}
	}()
	contents := p.Key("Contents")
	if contents.IsNull() {
		return "", nil
	}
	if err := ex.measure(contents, maxPageContent); err != nil {
		return "", err
	}
	pg := &pageText{ex: ex}
	in := &interp{pg: pg, resources: inherited(p, "Resources"), fonts: map[string]*font{}}
	in.g = gstate{ctm: identity, th: 1}
	in.run(contents)
	return layout(pg.runs), nil
}

// measure reads a content stream (or array of them) once, counting its
// decompressed bytes: a page over limit is refused before the library
// would tokenise it, and the document's budget pays for it.
func (ex *extractor) measure(v pdf.Value, limit int64) error {
	streams := []pdf.Value{v}
	if v.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < v.Len() && i < 4096; i++ {
			streams = append(streams, v.Index(i))
		}
	}
	var n int64
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rd := s.Reader()
		m, err := io.Copy(io.Discard, io.LimitReader(rd, limit-n+1))
		rd.Close()
		n += m
		if err != nil {
			return fmt.Errorf("content: %w", err)
		}
		if n > limit {
			return fmt.Errorf("content over %d bytes", limit)
		}
	}
	if n > ex.budget {
		panic(errStop)
	}
	ex.budget -= n
	return nil
}

// tick counts an operator and stops the interpretation once the context
// is done.
func (ex *extractor) tick() {
	ex.ops++
	if ex.ops%checkEvery == 0 && ex.ctx.Err() != nil {
		panic(errStop)
	}
}

// pageText collects a page's runs.
type pageText struct {
	ex   *extractor
	runs []run
}

// matrix is a PDF transformation [a b c d e f].
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul is m×n: m applied first, then n.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

// gstate is the part of the graphics state text depends on.
type gstate struct {
	ctm                      matrix
	font                     *font
	size, tc, tw, th, tl, ts float64
}

// interp interprets one content stream: a page's, or a form XObject's
// with its own resources.
type interp struct {
	pg        *pageText
	resources pdf.Value
	fonts     map[string]*font
	depth     int
	g         gstate
	stack     []gstate
	tm, tlm   matrix
	// adjust is how far the current TJ array moved since its last
	// string, in thousandths of an em (negative numbers move right).
	adjust float64
}

func (in *interp) run(strm pdf.Value) {
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		in.pg.ex.tick()
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		in.op(op, args)
	})
}

// num is argument i as a number, 0 when missing or not a number.
func num(args []pdf.Value, i int) float64 {
	if i >= len(args) {
		return 0
	}
	f := args[i].Float64()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func mat(args []pdf.Value) matrix {
	var m matrix
	for i := range m {
		m[i] = num(args, i)
	}
	return m
}

// op carries out one operator; one with the wrong operands is skipped,
// as readers do.
func (in *interp) op(op string, args []pdf.Value) {
	g := &in.g
	switch op {
	case "q":
		if len(in.stack) < maxStack {
			in.stack = append(in.stack, *g)
		}
	case "Q":
		if n := len(in.stack); n > 0 {
			*g, in.stack = in.stack[n-1], in.stack[:n-1]
		}
	case "cm":
		if len(args) == 6 {
			g.ctm = mat(args).mul(g.ctm)
		}
	case "BT":
		in.tm, in.tlm = identity, identity
	case "Tf":
		if len(args) == 2 {
			g.font, g.size = in.font(args[0].Name()), num(args, 1)
		}
	case "Tc":
		g.tc = num(args, 0)
	case "Tw":
		g.tw = num(args, 0)
	case "Tz":
		g.th = num(args, 0) / 100
	case "TL":
		g.tl = num(args, 0)
	case "Ts":
		g.ts = num(args, 0)
	case "Td":
		in.moveLine(num(args, 0), num(args, 1))
	case "TD":
		g.tl = -num(args, 1)
		in.moveLine(num(args, 0), num(args, 1))
	case "Tm":
		if len(args) == 6 {
			in.tm = mat(args)
			in.tlm = in.tm
		}
	case "T*":
		in.moveLine(0, -g.tl)
	case "Tj":
		if len(args) == 1 {
			in.show(args[0].RawString())
		}
	case "'":
		if len(args) == 1 {
			in.moveLine(0, -g.tl)
			in.show(args[0].RawString())
		}
	case "\"":
		if len(args) == 3 {
			g.tw, g.tc = num(args, 0), num(args, 1)
			in.moveLine(0, -g.tl)
			in.show(args[2].RawString())
		}
	case "TJ":
		if len(args) == 1 {
			in.showArray(args[0])
		}
	case "Do":
		if len(args) == 1 {
			in.form(args[0].Name())
		}
	}
}

func (in *interp) moveLine(tx, ty float64) {
	in.tlm = translate(tx, ty).mul(in.tlm)
	in.tm = in.tlm
}

func (in *interp) showArray(a pdf.Value) {
	in.adjust = 0
	for i := 0; i < a.Len(); i++ {
		x := a.Index(i)
		switch x.Kind() {
		case pdf.String:
			in.show(x.RawString())
		case pdf.Integer, pdf.Real:
			n := num([]pdf.Value{x}, 0)
			in.adjust += n
			in.tm = translate(-n/1000*in.g.size*in.g.th, 0).mul(in.tm)
		}
	}
	in.adjust = 0
}

// show places a string: where it starts, what it says, where the text
// position ends up after it.
func (in *interp) show(raw string) {
	g := &in.g
	f := g.font
	if f == nil {
		f = noFont
	}
	space := in.adjust < -200
	in.adjust = 0
	if len(raw) > maxRunBytes {
		raw = raw[:maxRunBytes]
	}
	trm := matrix{g.size * g.th, 0, 0, g.size, 0, g.ts}.mul(in.tm).mul(g.ctm)
	x, y := trm[4], trm[5]
	size := math.Hypot(trm[2], trm[3]) // the font's height on the page
	var tx float64
	for _, c := range f.codes(raw) {
		w := f.width(c)
		adv := w/1000*g.size + g.tc
		if c.c == ' ' && c.n == 1 {
			adv += g.tw
		}
		tx += adv * g.th
	}
	in.tm = translate(tx, 0).mul(in.tm)
	end := matrix{g.size * g.th, 0, 0, g.size, 0, g.ts}.mul(in.tm).mul(g.ctm)[4]
	text := clean(f.decode(raw))
	if text == "" || len(in.pg.runs) >= maxRuns {
		return
	}
	in.pg.runs = append(in.pg.runs, run{x: x, y: y, end: end, size: size, text: text, space: space})
}

// form interprets a form XObject (text that letterheads, stamps and
// some producers' whole pages are drawn in); images are skipped.
func (in *interp) form(name string) {
	x := in.resources.Key("XObject").Key(name)
	if x.Kind() != pdf.Stream || x.Key("Subtype").Name() != "Form" || in.depth >= maxFormDepth {
		return
	}
	if err := in.pg.ex.measure(x, maxPageContent); err != nil {
		return
	}
	res := x.Key("Resources")
	if res.IsNull() {
		res = in.resources
	}
	sub := &interp{pg: in.pg, resources: res, fonts: map[string]*font{}, depth: in.depth + 1, g: in.g}
	if m := x.Key("Matrix"); m.Kind() == pdf.Array && m.Len() == 6 {
		args := make([]pdf.Value, 6)
		for i := range args {
			args[i] = m.Index(i)
		}
		sub.g.ctm = mat(args).mul(in.g.ctm)
	}
	sub.run(x)
}

// font is one of the content's fonts, parsed once.
func (in *interp) font(name string) *font {
	if f, ok := in.fonts[name]; ok {
		return f
	}
	f := newFont(in.pg.ex, in.resources.Key("Font").Key(name))
	if len(in.fonts) < 256 {
		in.fonts[name] = f
	}
	return f
}
