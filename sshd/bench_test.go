package sshd

import (
	"runtime"
	"testing"
	"time"
)

// The cost of a session on the host running gecli ssh, with the backend
// in the same process (its share is small and constant): README's SSH
// figures come from here (go test -bench Session ./sshd/).

// resumable is a gecli ssh whose one key has signed in once, so that every
// connection after resumes signed in: what an evaluator's day is made of.
func resumable(b *testing.B) (*served, func() *terminal) {
	s := serve(b, func(c *Config) { c.ConnectBurst, c.ConnectEvery, c.MaxSessions = 1<<20, time.Nanosecond, 1<<10 })
	key := newKey(b)
	first := s.connect(key, "xterm-256color", nil, 120, 40)
	s.signIn(first, "avaliador", "demo-avaliador")
	first.waitFor("Bruno Lima")
	first.close()
	return s, func() *terminal { return s.connect(key, "xterm-256color", nil, 120, 40) }
}

// BenchmarkSessionStart: from the TCP dial to the signed-in catalog on
// the client's screen (key exchange, public-key auth, the pty, the key's
// sealed cache opened, the TUI's first frames).
func BenchmarkSessionStart(b *testing.B) {
	_, open := resumable(b)
	b.ResetTimer()
	for range b.N {
		tm := open()
		tm.waitFor("Bruno Lima")
		tm.close()
	}
}

// BenchmarkSessionMemory: the heap 20 open sessions hold, each signed in
// and showing the catalog, per session (bytes/session).
func BenchmarkSessionMemory(b *testing.B) {
	const open = 20
	_, connect := resumable(b)
	for range b.N {
		before := heapInUse()
		sessions := make([]*terminal, open)
		for i := range sessions {
			sessions[i] = connect()
			sessions[i].waitFor("Bruno Lima")
		}
		b.ReportMetric(float64(heapInUse()-before)/open, "bytes/session")
		for _, tm := range sessions {
			tm.close()
		}
	}
}

func heapInUse() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapInuse)
}
