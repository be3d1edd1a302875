// Package seisim is a simulator of SEI's SOAP web service (SeiWS.php,
// SEI 4.1's sei.wsdl: rpc/encoded, namespace "Sei", SOAPAction
// "SeiAction"), written from the WSDL alone, so gecli's SEI client is
// exercised over HTTP as it would be against a real installation.
//
// It answers gerarProcedimento, incluirDocumento, consultarProcedimento
// and lancarAndamento, with SEI's faults for what it does not know (the
// system, its key, units, process types, document series, processes). It
// keeps processes, documents (their bytes and SHA-256) and movements in
// memory and, optionally, in a JSON state file. Tests can make it fail,
// stall or go down, and read what it holds at /_sim/.
package seisim

import (
	"crypto/subtle"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The paths a SEI installation serves its web service at.
const (
	Path           = "/sei/ws/SeiWS.php"
	ControllerPath = "/sei/controlador_ws.php" // ?servico=sei
	SOAPAction     = "SeiAction"
)

// Unit is an SEI unit (unidade).
type Unit struct {
	Sigla, Descricao string
}

// Config is what the simulator knows: one system and its key, and the
// ids a client may name.
type Config struct {
	Sigla string // SiglaSistema
	Key   string // IdentificacaoServico (the service's access key)

	Units          map[string]Unit   // IdUnidade → unit
	ProcedureTypes map[string]string // IdTipoProcedimento → name
	Series         map[string]string // IdSerie → name (tipo de documento)

	// StateFile, when set, is read at start and rewritten (atomically)
	// after every change.
	StateFile string
	Now       func() time.Time // default time.Now
	Location  *time.Location   // for dates and protocol years; default time.Local
	Prefix    string           // the 5-digit unit code of protocols; default "99990"
	PublicURL string           // base of LinkAcesso; default the request's host
	MaxBody   int64            // bytes; default 64 MiB
}

// DemoKey is the key DemoConfig accepts.
const DemoKey = "gecli-sei-sim-demo-key"

// DemoConfig is a small installation to point a server at.
func DemoConfig() Config {
	return Config{
		Sigla: "GECLI",
		Key:   DemoKey,
		Units: map[string]Unit{
			"110000001": {"SEGEC", "Seção de Gestão de Clientes da PDPJ"},
			"110000002": {"SETEC", "Seção de Análise Técnica"},
			"110000003": {"SEJUR", "Seção de Apoio Jurídico"},
		},
		ProcedureTypes: map[string]string{
			"100000100": "Gestão de Clientes: Solicitação de acesso a API",
			"100000101": "Gestão de Clientes: Renovação de acesso",
		},
		Series: map[string]string{
			"10": "Requerimento",
			"11": "Formulário",
			"12": "Parecer",
			"13": "Anexo",
			"14": "Despacho",
		},
	}
}

// Sim is the simulated web service; it is an http.Handler.
type Sim struct {
	cfg Config
	mux *http.ServeMux

	mu    sync.Mutex
	st    *state
	saved []byte // the state file's contents, to undo a change that could not be saved

	ctl                     sync.Mutex
	fails                   int
	failStatus, failStatusN int
	stall, stallAfter       time.Duration
	down                    bool
	calls                   []Call
}

// Call is one SOAP request the simulator received, for tests.
type Call struct {
	Op      string    `json:"op"`
	At      time.Time `json:"at"`
	Outcome string    `json:"outcome"` // ok, fault, injected-fault, injected-status, down, canceled
	Fault   string    `json:"fault,omitempty"`
}

const maxCalls = 1000

// Open builds a simulator, reading its state file if it has one.
func Open(cfg Config) (*Sim, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Location == nil {
		cfg.Location = time.Local
	}
	if cfg.Prefix == "" {
		cfg.Prefix = "99990"
	}
	if len(cfg.Prefix) != 5 || digits(cfg.Prefix) != cfg.Prefix {
		return nil, fmt.Errorf("seisim: prefix %q: five digits", cfg.Prefix)
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 64 << 20
	}
	s := &Sim{cfg: cfg, st: newState()}
	if cfg.StateFile != "" {
		st, b, err := loadState(cfg.StateFile)
		if err != nil {
			return nil, err
		}
		s.st, s.saved = st, b
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc(Path, s.serveSOAP)
	s.mux.HandleFunc(ControllerPath, s.serveSOAP)
	s.mux.HandleFunc("GET /_sim/processes", s.listProcesses)
	s.mux.HandleFunc("GET /_sim/processes/{id...}", s.getProcess)
	s.mux.HandleFunc("GET /_sim/documents/{id}/content", s.getContent)
	s.mux.HandleFunc("GET /_sim/calls", s.listCalls)
	return s, nil
}

// New is Open for a configuration whose state file is known to be
// readable (or absent); it panics otherwise.
func New(cfg Config) *Sim {
	s, err := Open(cfg)
	if err != nil {
		panic(err)
	}
	return s
}

func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Fail makes the next n SOAP calls answer a SOAP fault (SOAP-ENV:Server,
// HTTP 500) without doing anything.
func (s *Sim) Fail(n int) {
	s.ctl.Lock()
	s.fails = n
	s.ctl.Unlock()
}

// FailStatus makes the next n SOAP calls answer a bare HTTP status (503,
// 502…), as a proxy in front of SEI would, without doing anything.
func (s *Sim) FailStatus(n, status int) {
	s.ctl.Lock()
	s.failStatusN, s.failStatus = n, status
	s.ctl.Unlock()
}

// Stall delays every SOAP call by d before it is handled: a client that
// gives up meanwhile changed nothing. Zero stops stalling.
func (s *Sim) Stall(d time.Duration) {
	s.ctl.Lock()
	s.stall = d
	s.ctl.Unlock()
}

// StallAfter handles every SOAP call at once and delays its answer by d:
// a client that gives up meanwhile did change the state (a retry that
// is not idempotent then makes a second process). Zero stops it.
func (s *Sim) StallAfter(d time.Duration) {
	s.ctl.Lock()
	s.stallAfter = d
	s.ctl.Unlock()
}

// Down makes the SOAP endpoint close every connection without an answer
// (as an unreachable SEI would look to a client), or work again.
// /_sim/ keeps answering.
func (s *Sim) Down(down bool) {
	s.ctl.Lock()
	s.down = down
	s.ctl.Unlock()
}

// Calls are the SOAP calls received, oldest first (the last 1000).
func (s *Sim) Calls() []Call {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return append([]Call(nil), s.calls...)
}

func (s *Sim) record(op, outcome, fault string) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.calls = append(s.calls, Call{Op: op, At: s.cfg.Now(), Outcome: outcome, Fault: fault})
	if len(s.calls) > maxCalls {
		s.calls = append([]Call(nil), s.calls[len(s.calls)-maxCalls:]...)
	}
}

// injected is what the control knobs say about the next call.
type injected struct {
	down              bool
	stall, stallAfter time.Duration
	fault             bool
	status            int
}

func (s *Sim) takeInjected() injected {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	in := injected{down: s.down, stall: s.stall, stallAfter: s.stallAfter}
	if in.down {
		return in
	}
	if s.failStatusN > 0 {
		s.failStatusN--
		in.status = s.failStatus
	} else if s.fails > 0 {
		s.fails--
		in.fault = true
	}
	return in
}

func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

func (s *Sim) serveSOAP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == ControllerPath && r.URL.Query().Get("servico") != "sei" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		if r.Method == http.MethodGet && r.URL.Query().Has("wsdl") {
			http.Error(w, "o simulador não serve WSDL: use o sei.wsdl do SEI 4.1", http.StatusNotFound)
			return
		}
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "método não permitido: o serviço SOAP aceita POST", http.StatusMethodNotAllowed)
		return
	}
	in := s.takeInjected()
	if in.down {
		s.record("", "down", "")
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		http.Error(w, "SEI indisponível", http.StatusServiceUnavailable)
		return
	}
	// The body is read first: only then does the server notice a client
	// that hangs up, and a stall ends with the client's patience.
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		s.record("", "fault", err.Error())
		writeFault(w, clientFault("Não foi possível ler a requisição: %v", err))
		return
	}
	if !wait(r, in.stall) {
		s.record("", "canceled", "")
		return
	}
	if in.status != 0 {
		s.record("", "injected-status", http.StatusText(in.status))
		http.Error(w, http.StatusText(in.status), in.status)
		return
	}
	if in.fault {
		const msg = "Falha simulada (seisim): o serviço não está disponível no momento."
		s.record("", "injected-fault", msg)
		writeFault(w, serverFault(msg))
		return
	}
	op, resp, f := s.handle(r, body)
	if !wait(r, in.stallAfter) {
		s.record(op, "canceled", "")
		return
	}
	if f != nil {
		s.record(op, "fault", f.msg)
		writeFault(w, f)
		return
	}
	s.record(op, "ok", "")
	writeResponse(w, op, resp)
}

// handle reads and checks the envelope and runs its operation.
func (s *Sim) handle(r *http.Request, body []byte) (string, el, *fault) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "text/xml") {
		return "", el{}, clientFault("Content-Type %q: SOAP 1.1 é text/xml.", ct)
	}
	if a := strings.Trim(strings.TrimSpace(r.Header.Get("SOAPAction")), `"`); a != SOAPAction {
		return "", el{}, clientFault("SOAPAction %q desconhecida: este serviço espera %q.", a, SOAPAction)
	}
	call, err := parseEnvelope(body)
	if err != nil {
		return "", el{}, err.(*fault)
	}
	op := call.name
	h, ok := operations[op]
	if !ok || call.ns != nsSei {
		return op, el{}, clientFault("Operação {%s}%s não existe neste serviço.", call.ns, op)
	}
	if f := s.authenticate(call); f != nil {
		return op, el{}, f
	}
	resp, f := h(s, r, call)
	return op, resp, f
}

func (s *Sim) authenticate(call *node) *fault {
	sigla := call.str("SiglaSistema")
	if sigla != s.cfg.Sigla {
		return serverFault("Sistema [%s] não encontrado.", sigla)
	}
	key := call.str("IdentificacaoServico")
	if subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.Key)) != 1 {
		// The key is never echoed: it is a secret.
		return serverFault("Serviço do sistema [%s] não encontrado.", sigla)
	}
	return nil
}
