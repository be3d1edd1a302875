// Package route addresses the answers of Cmds. Every Cmd a page, an
// overlay or the sync model starts goes through its Mailbox, which wraps
// the answer in an Envelope naming the asker and the question; the root
// hands the envelope to that asker only, and only when it is the newest
// answer of its question. No page keeps a counter to drop stale answers.
package route

import (
	"fmt"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"
)

// ID names an asker: a page ("catalog"), an overlay ("reveal#7") or the
// sync model.
type ID string

// Root is the owner of the overlays the root model opens itself (help,
// sign-in, the wizard).
const Root ID = "root"

var seq atomic.Uint64

// NewID returns an ID no other asker has, for overlays: a box opened again
// must not receive the answers of the one closed before.
func NewID(kind string) ID { return ID(fmt.Sprintf("%s#%d", kind, seq.Add(1))) }

// Envelope is one answer on its way back to the asker.
type Envelope struct {
	To       ID
	Question string // "" for answers that are always delivered
	Gen      uint64
	Msg      tea.Msg
}

// Mailbox numbers an asker's questions. It lives in the asker and is read
// by the root in Update only; Cmds capture its ID and numbers, never it.
type Mailbox struct {
	id     ID
	newest map[string]uint64 // question -> newest number asked
	open   map[string]bool   // question -> newest not yet answered
}

// NewMailbox opens the mailbox of id.
func NewMailbox(id ID) *Mailbox {
	return &Mailbox{id: id, newest: map[string]uint64{}, open: map[string]bool{}}
}

// ID is the asker's address.
func (b *Mailbox) ID() ID { return b.id }

// Latest runs cmd as the newest ask of question: an answer to an earlier
// ask of the same question, landing later, is dropped.
func (b *Mailbox) Latest(question string, cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	b.newest[question]++
	b.open[question] = true
	return wrap(b.id, question, b.newest[question], cmd)
}

// Every runs cmd; its answer is always delivered (a decision, a save: each
// one matters, none replaces another).
func (b *Mailbox) Every(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return wrap(b.id, "", 0, cmd)
}

// Pending reports whether the newest ask of question is unanswered.
func (b *Mailbox) Pending(question string) bool { return b.open[question] }

// Drop forgets every ask of question in flight: their answers are dropped
// (the detail they were for was closed).
func (b *Mailbox) Drop(question string) {
	b.newest[question]++
	b.open[question] = false
}

// Open returns the message inside e when it is for this mailbox and is
// the newest answer of its question; that question is then answered. The
// message is nil when the Cmd answered nothing.
func (b *Mailbox) Open(e Envelope) (tea.Msg, bool) {
	if e.To != b.id {
		return nil, false
	}
	if e.Question == "" {
		return e.Msg, true
	}
	if e.Gen != b.newest[e.Question] {
		return nil, false
	}
	b.open[e.Question] = false
	return e.Msg, true
}

// wrap runs cmd and addresses its answer. A batch is addressed item by
// item, so a Cmd may be built with tea.Batch (the question is answered by
// the first item to land). Only wrap Cmds whose answers are the asker's
// own messages: a message for the root or the runtime (a toast, a
// clipboard write) inside an envelope would never reach them. A Cmd that
// answers nothing still answers its question (an empty envelope), so
// Pending never stays true.
func wrap(to ID, question string, gen uint64, cmd tea.Cmd) tea.Cmd {
	return func() tea.Msg {
		msg := cmd()
		switch msg := msg.(type) {
		case nil:
			return Envelope{To: to, Question: question, Gen: gen}
		case tea.BatchMsg:
			out := make(tea.BatchMsg, 0, len(msg))
			for _, c := range msg {
				if c != nil {
					out = append(out, wrap(to, question, gen, c))
				}
			}
			return out
		}
		return Envelope{To: to, Question: question, Gen: gen, Msg: msg}
	}
}
