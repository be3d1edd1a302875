package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
)

// Idempotency-Key (DESIGN.md §5): the writes a person may retry accept a
// key; the same key with the same request, by the same caller within 24 h,
// replays the first answer and applies once; with another request it is
// 422 idempotency_key_reused.

const (
	maxIdempotencyKey  = 255
	maxIdempotentBody  = api.MaxAttachmentBytes + 64<<10 // an opinion with its PDF; JSON bodies keep their own bound
	inFlightWait       = 5 * time.Second
	inFlightPollPeriod = 50 * time.Millisecond
	// A key on record means its write committed; its answer lands within
	// milliseconds. One still without an answer this long after was lost
	// (the server stopped between the two): the write is there, its
	// answer is not.
	answerLostAfter = time.Minute
)

// answerKept says what of a first answer may be kept for replay.
type answerKept int

const (
	keepAnswer answerKept = iota
	// keepNoBody: the answer holds a secret, shown once and never stored;
	// a replay says it was given and cannot be shown again.
	keepNoBody
)

// idempotent wraps a write handler with the Idempotency-Key rules.
func (s *Server) idempotent(h func(http.ResponseWriter, *http.Request, identity.Principal), kept answerKept) func(http.ResponseWriter, *http.Request, identity.Principal) {
	return func(w http.ResponseWriter, r *http.Request, p identity.Principal) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			h(w, r, p)
			return
		}
		if !validIdempotencyKey(key) {
			s.problem(w, r, api.Refusal(http.StatusBadRequest, api.CodeInvalidParameter, api.Say("Idempotency-Key deve ter de 1 a 255 caracteres ASCII visíveis", "Idempotency-Key must have 1 to 255 visible ASCII characters")))
			return
		}
		body, ok := s.readBody(w, r, maxIdempotentBody, api.CodeBodyTooLarge, api.Say("corpo grande demais", "body too large"))
		if !ok {
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		hash, err := s.requestHash(r, body)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		caller := p.Subject
		if caller == "" {
			caller = "client:" + p.ClientID
		}
		switch rec, err := s.db.IdempotencyRecord(r.Context(), caller, key, s.now()); {
		case errors.Is(err, db.ErrNotFound):
			s.firstWithKey(w, r, p, h, &db.Claim{Caller: caller, Key: key, Hash: hash, At: s.now()}, kept)
		case err != nil:
			s.internal(w, r, err)
		default:
			s.replay(w, r, caller, key, hash, rec)
		}
	}
}

// firstWithKey runs the write, its transaction recording the key, and
// keeps its answer. Nothing is kept when nothing was written (an answer
// refused before the write, a 503 busy), so a retry applies anew.
func (s *Server) firstWithKey(w http.ResponseWriter, r *http.Request, p identity.Principal,
	h func(http.ResponseWriter, *http.Request, identity.Principal), c *db.Claim, kept answerKept) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	h(rec, r.WithContext(db.WithClaim(r.Context(), c)), p)
	if c.Taken() {
		// A request with the same key wrote first, while this one waited
		// for the writer: this one wrote nothing; the answer is the first's.
		first, err := s.db.IdempotencyRecord(r.Context(), c.Caller, c.Key, s.now())
		if err != nil {
			s.internal(w, r, err)
			return
		}
		s.replay(w, r, c.Caller, c.Key, c.Hash, first)
		return
	}
	if c.Recorded() {
		body, ctype := rec.body.Bytes(), rec.header.Get("Content-Type")
		if kept == keepNoBody && rec.status < 300 {
			body, ctype = nil, "" // withheld: replay says so
		}
		s.db.FinishIdempotency(c.Caller, c.Key, rec.status, ctype, bytes.Clone(body))
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	w.Write(rec.body.Bytes())
}

// replay answers as the first request with the key did (422 if that one
// was another request); while its answer is not kept yet, this one waits
// a moment for it.
func (s *Server) replay(w http.ResponseWriter, r *http.Request, caller, key, hash string, rec db.Idempotency) {
	if rec.RequestHash != hash {
		s.problem(w, r, api.Refusal(http.StatusUnprocessableEntity, api.CodeIdempotencyReused, api.Say("esta Idempotency-Key já foi usada com outro pedido; use uma chave nova para cada operação", "this Idempotency-Key was already used with another body; use a new key for each operation")))
		return
	}
	deadline := time.Now().Add(inFlightWait)
	for rec.Status == 0 && time.Now().Before(deadline) && s.now().Sub(rec.CreatedAt) < answerLostAfter {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(inFlightPollPeriod):
		}
		var err error
		if rec, err = s.db.IdempotencyRecord(r.Context(), caller, key, s.now()); err != nil {
			s.internal(w, r, err)
			return
		}
	}
	switch {
	case rec.Status == 0 && s.now().Sub(rec.CreatedAt) >= answerLostAfter:
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeIdempotencyAnswerLost, api.Say("a operação desta Idempotency-Key foi feita, mas a resposta se perdeu; consulte o recurso para ver o resultado", "the operation of this Idempotency-Key was done, but its answer was lost; read the resource to see the result")))
	case rec.Status == 0:
		w.Header().Set("Retry-After", "1")
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeIdempotencyInProgress, api.Say("o pedido com esta Idempotency-Key ainda está em andamento; tente de novo em instantes", "the call with this Idempotency-Key is still in progress; try again in a moment")))
	case rec.ContentType == "" && len(rec.Body) == 0 && rec.Status < 300:
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeSecretNotReplayed, api.Say("o secret gerado com esta Idempotency-Key foi entregue na primeira resposta e não é guardado; gere outro se o perdeu", "the secret generated with this Idempotency-Key was given in the first answer and is not kept; generate another if you lost it")))
	default:
		w.Header().Set("Content-Type", rec.ContentType)
		w.Header().Set("Idempotent-Replayed", "true")
		w.WriteHeader(rec.Status)
		w.Write(rec.Body)
	}
}

// requestHash identifies a request (method, path, body) with an HMAC
// under a key the replicas share: bodies may hold a vault password, which
// a plain hash would let be guessed offline.
func (s *Server) requestHash(r *http.Request, body []byte) (string, error) {
	s.idemMu.Lock()
	if s.idemKey == nil {
		key, err := s.db.ServerKey(r.Context(), "idempotency")
		if err != nil {
			s.idemMu.Unlock()
			return "", err
		}
		s.idemKey = key
	}
	key := s.idemKey
	s.idemMu.Unlock()
	m := hmac.New(sha256.New, key)
	m.Write([]byte(r.Method + " " + r.URL.Path + "\n"))
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil)), nil
}

func validIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > maxIdempotencyKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] <= ' ' || k[i] > '~' {
			return false
		}
	}
	return true
}

// recorder keeps an answer so it can be stored before it is sent.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}
