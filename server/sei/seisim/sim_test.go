package seisim

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var testNow = time.Date(2026, 3, 14, 13, 30, 5, 0, time.UTC)

const testKey = "chave-de-teste"

var pdf = []byte("%PDF-1.4\n% solicitação 42\n%%EOF\n")

func testConfig() Config {
	c := DemoConfig()
	c.Key = testKey
	c.Now = func() time.Time { return testNow }
	c.Location = time.UTC
	return c
}

type env struct {
	t   *testing.T
	sim *Sim
	srv *httptest.Server
}

func newEnv(t *testing.T, cfg Config) *env {
	t.Helper()
	s, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &env{t: t, sim: s, srv: srv}
}

// fixture reads a hand-written request and fills its {{PLACEHOLDERS}}.
func fixture(t *testing.T, name string, vars map[string]string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	v := map[string]string{
		"SIGLA": "GECLI", "KEY": testKey, "UNIDADE": "110000001", "TIPO": "100000100", "SERIE": "13",
		"CONTEUDO": base64.StdEncoding.EncodeToString(pdf), "TIPO_DOC": "R", "SIN": "S",
		"ID_PROCEDIMENTO": "", "PROTOCOLO": "",
	}
	for k, x := range vars {
		v[k] = x
	}
	s := string(b)
	for k, x := range v {
		s = strings.ReplaceAll(s, "{{"+k+"}}", x)
	}
	if i := strings.Index(s, "{{"); i >= 0 {
		t.Fatalf("%s: placeholder left: %s", name, s[i:i+20])
	}
	return s
}

type answer struct {
	status int
	body   string
	op     *node // the Body's first element: the response or the Fault
}

func (e *env) do(method, path, action, contentType, body string) answer {
	e.t.Helper()
	req, err := http.NewRequest(method, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if action != "" {
		req.Header.Set("SOAPAction", action)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, body: string(b)}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/xml") {
		op, err := parseEnvelope(b)
		if err != nil {
			e.t.Fatalf("answer is not an envelope: %v\n%s", err, b)
		}
		a.op = op
	}
	return a
}

func (e *env) post(name string, vars map[string]string) answer {
	e.t.Helper()
	return e.do(http.MethodPost, Path, `"SeiAction"`, "text/xml; charset=utf-8", fixture(e.t, name, vars))
}

func (e *env) ok(a answer, op string) *node {
	e.t.Helper()
	if a.status != http.StatusOK || a.op == nil || a.op.name != op+"Response" || a.op.ns != "Sei" {
		e.t.Fatalf("want %sResponse, got HTTP %d:\n%s", op, a.status, a.body)
	}
	p := a.op.child("parametros")
	if p == nil {
		e.t.Fatalf("no parametros:\n%s", a.body)
	}
	return p
}

func (e *env) fault(a answer, code, msg string) {
	e.t.Helper()
	if a.status != http.StatusInternalServerError || a.op == nil || a.op.name != "Fault" {
		e.t.Fatalf("want a fault, got HTTP %d:\n%s", a.status, a.body)
	}
	if got := a.op.str("faultcode"); got != "SOAP-ENV:"+code {
		e.t.Errorf("faultcode %q, want SOAP-ENV:%s", got, code)
	}
	if got := a.op.str("faultstring"); got != msg {
		e.t.Errorf("faultstring %q, want %q", got, msg)
	}
}

func (e *env) processes() []processView {
	e.t.Helper()
	resp, err := http.Get(e.srv.URL + "/_sim/processes")
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out []processView
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		e.t.Fatal(err)
	}
	return out
}

// generate makes a process with the main fixture; its protocol and id.
func (e *env) generate() (string, string) {
	e.t.Helper()
	p := e.ok(e.post("gerarProcedimento.xml", nil), "gerarProcedimento")
	return p.str("ProcedimentoFormatado"), p.str("IdProcedimento")
}

var reNUP = regexp.MustCompile(`^(\d{5})\.(\d{6})/(\d{4})-(\d{2})$`)

func validNUP(p string) bool {
	m := reNUP.FindStringSubmatch(p)
	return m != nil && checkDigits(m[1]+m[2]+m[3]) == m[4]
}

func TestCheckDigitsOfAKnownNUP(t *testing.T) {
	// The worked example of the NUP's rules (Portaria Interministerial nº 11/2019).
	if got := checkDigits("230370014622021"); got != "65" {
		t.Fatalf("check digits %s, want 65", got)
	}
	if got := formatProtocol("99990", 1, 2026); !validNUP(got) || !strings.HasPrefix(got, "99990.000001/2026-") {
		t.Fatalf("protocol %s", got)
	}
}

func TestGerarProcedimento(t *testing.T) {
	e := newEnv(t, testConfig())
	a := e.post("gerarProcedimento.xml", nil)
	p := e.ok(a, "gerarProcedimento")
	prot := p.str("ProcedimentoFormatado")
	if !validNUP(prot) || !strings.HasPrefix(prot, "99990.000001/2026-") {
		t.Fatalf("ProcedimentoFormatado %q", prot)
	}
	for _, want := range []string{
		`<ns1:gerarProcedimentoResponse><parametros xsi:type="ns1:RetornoGeracaoProcedimento">`,
		`<IdProcedimento xsi:type="xsd:string">`,
		`<RetornoInclusaoDocumentos SOAP-ENC:arrayType="ns1:RetornoInclusaoDocumento[1]" xsi:type="ns1:ArrayOfRetornoInclusaoDocumento"><item xsi:type="ns1:RetornoInclusaoDocumento">`,
	} {
		if !strings.Contains(a.body, want) {
			t.Errorf("answer lacks %s:\n%s", want, a.body)
		}
	}
	if l := p.str("LinkAcesso"); !strings.Contains(l, "id_procedimento="+p.str("IdProcedimento")) {
		t.Errorf("LinkAcesso %q", l)
	}
	docs := p.items("RetornoInclusaoDocumentos")
	if len(docs) != 1 || docs[0].str("DocumentoFormatado") != "0000001" || docs[0].str("IdDocumento") == "" {
		t.Fatalf("RetornoInclusaoDocumentos:\n%s", a.body)
	}

	ps := e.processes()
	if len(ps) != 1 {
		t.Fatalf("%d processes", len(ps))
	}
	got := ps[0]
	sum := sha256.Sum256(pdf)
	if got.Protocol != prot || got.Type != "Gestão de Clientes: Solicitação de acesso a API" || got.Unit != "110000001" ||
		got.Especificacao != "Acesso à API de Comunicações & Intimações (req. 42)" || got.DataAutuacao != "14/03/2026" {
		t.Errorf("process %+v", got)
	}
	if len(got.Documents) != 1 || got.Documents[0].SHA256 != hex.EncodeToString(sum[:]) || got.Documents[0].Size != len(pdf) ||
		got.Documents[0].NomeArquivo != "solicitacao-42.pdf" || got.Documents[0].Serie != "Anexo" {
		t.Errorf("documents %+v", got.Documents)
	}
	if len(got.Movements) != 2 || got.Movements[0].Descricao != "Processo público gerado" || !got.Movements[0].At.Equal(testNow) {
		t.Errorf("movements %+v", got.Movements)
	}
	if len(got.Interessados) != 1 || got.Interessados[0].Cnpj != "00000000000191" {
		t.Errorf("interessados %+v", got.Interessados)
	}

	// The next process of the year takes the next number.
	if p2, _ := e.generate(); !strings.HasPrefix(p2, "99990.000002/2026-") || !validNUP(p2) {
		t.Errorf("second protocol %s", p2)
	}
}

func TestGerarProcedimentoOtherPrefixesMultiRefAndSending(t *testing.T) {
	e := newEnv(t, testConfig())
	p := e.ok(e.post("gerarProcedimento_multiref.xml", nil), "gerarProcedimento")
	ps := e.processes()
	if len(ps) != 1 || ps[0].Especificacao != "Renovação" || ps[0].Protocol != p.str("ProcedimentoFormatado") {
		t.Fatalf("processes %+v", ps)
	}
	if got := ps[0].OpenUnits; len(got) != 1 || got[0] != "110000002" {
		t.Errorf("open units %v: sent to 110000002 without keeping it open here", got)
	}
	if d := ps[0].Documents; len(d) != 1 || d[0].Tipo != "G" || d[0].Size != len("<p>Despacho</p>") {
		t.Errorf("documents %+v", d)
	}
	// Closed in the generating unit: it can no longer add documents there.
	e.fault(e.post("incluirDocumento.xml", map[string]string{"PROTOCOLO": ps[0].Protocol}), "Server",
		"Processo ["+ps[0].Protocol+"] não possui andamento aberto na unidade [SEGEC].")
	e.ok(e.post("incluirDocumento.xml", map[string]string{"PROTOCOLO": ps[0].Protocol, "UNIDADE": "110000002"}), "incluirDocumento")
}

func TestIncluirDocument(t *testing.T) {
	e := newEnv(t, testConfig())
	prot, id := e.generate()
	content := []byte(strings.Repeat("contrato ", 40))
	// Wrapped at 76 columns, as many encoders do.
	b64 := base64.StdEncoding.EncodeToString(content)
	var wrapped strings.Builder
	for i := 0; i < len(b64); i += 76 {
		wrapped.WriteString(b64[i:min(i+76, len(b64))] + "\n")
	}
	a := e.post("incluirDocumento.xml", map[string]string{"PROTOCOLO": prot, "CONTEUDO": wrapped.String()})
	r := e.ok(a, "incluirDocumento")
	if !strings.Contains(a.body, `<parametros xsi:type="ns1:RetornoInclusaoDocumento"><IdDocumento xsi:type="xsd:string">`) ||
		r.str("DocumentoFormatado") != "0000002" || !strings.Contains(r.str("LinkAcesso"), "id_documento="+r.str("IdDocumento")) {
		t.Fatalf("answer:\n%s", a.body)
	}
	// By IdProcedimento, with the protocol typed without punctuation elsewhere.
	e.ok(e.post("incluirDocumento.xml", map[string]string{"ID_PROCEDIMENTO": id, "TIPO_DOC": "G", "CONTEUDO": ""}), "incluirDocumento")

	ps := e.processes()
	docs := ps[0].Documents
	sum := sha256.Sum256(content)
	if len(docs) != 3 || docs[1].SHA256 != hex.EncodeToString(sum[:]) || docs[1].Data != "15/03/2026" || docs[2].Tipo != "G" || docs[2].Size != 0 {
		t.Fatalf("documents %+v", docs)
	}
	resp, err := http.Get(e.srv.URL + "/_sim/documents/" + docs[1].ID + "/content")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(got) != string(content) {
		t.Errorf("content %q", got)
	}
}

func TestConsultarProcedimento(t *testing.T) {
	e := newEnv(t, testConfig())
	prot, id := e.generate()
	a := e.post("consultarProcedimento.xml", map[string]string{"PROTOCOLO": prot})
	p := e.ok(a, "consultarProcedimento")
	if p.str("IdProcedimento") != id || p.str("ProcedimentoFormatado") != prot || p.str("DataAutuacao") != "14/03/2026" ||
		p.child("TipoProcedimento").str("IdTipoProcedimento") != "100000100" || p.str("Especificacao") == "" {
		t.Fatalf("answer:\n%s", a.body)
	}
	last := p.child("UltimoAndamento")
	if last == nil || last.str("DataHora") != "14/03/2026 13:30:05" || last.child("Unidade").str("Sigla") != "SEGEC" ||
		last.child("Usuario").str("Sigla") != "GECLI" || !strings.HasPrefix(last.str("Descricao"), "Registro de documento externo") {
		t.Errorf("UltimoAndamento:\n%s", a.body)
	}
	open := p.items("UnidadesProcedimentoAberto")
	if len(open) != 1 || open[0].child("Unidade").str("IdUnidade") != "110000001" {
		t.Errorf("UnidadesProcedimentoAberto:\n%s", a.body)
	}
	if !strings.Contains(a.body, `<UnidadesProcedimentoAberto SOAP-ENC:arrayType="ns1:UnidadeProcedimentoAberto[1]" xsi:type="ns1:ArrayOfUnidadeProcedimentoAberto"><item xsi:type="ns1:UnidadeProcedimentoAberto"><Unidade xsi:type="ns1:Unidade">`) {
		t.Errorf("shape of UnidadesProcedimentoAberto:\n%s", a.body)
	}
	if as := p.items("Assuntos"); len(as) != 1 || as[0].str("CodigoEstruturado") != "019.01" {
		t.Errorf("Assuntos:\n%s", a.body)
	}
	if g := p.child("AndamentoGeracao"); g == nil || g.str("IdTarefa") != taskProcessGenerated {
		t.Errorf("AndamentoGeracao:\n%s", a.body)
	}

	// The protocol without its punctuation finds it too; with every flag N
	// the optional parts are nil.
	a = e.post("consultarProcedimento.xml", map[string]string{"PROTOCOLO": digits(prot), "SIN": "N"})
	p = e.ok(a, "consultarProcedimento")
	for _, name := range []string{"UltimoAndamento", "UnidadesProcedimentoAberto", "AndamentoGeracao", "Assuntos", "Interessados"} {
		if !strings.Contains(a.body, "<"+name+` xsi:nil="true"/>`) || p.child(name) != nil {
			t.Errorf("%s not nil with its flag N:\n%s", name, a.body)
		}
	}
}

func TestLancarAndamento(t *testing.T) {
	e := newEnv(t, testConfig())
	prot, _ := e.generate()
	a := e.post("lancarAndamento.xml", map[string]string{"PROTOCOLO": prot, "UNIDADE": "110000002"})
	m := e.ok(a, "lancarAndamento")
	if !strings.Contains(a.body, `<parametros xsi:type="ns1:Andamento">`) || m.str("IdTarefa") != "65" ||
		m.str("Descricao") != "Solicitação aprovada por maria.souza" || m.child("Unidade").str("IdUnidade") != "110000002" {
		t.Fatalf("answer:\n%s", a.body)
	}
	if at := m.items("Atributos"); len(at) != 1 || at[0].str("IdOrigem") != "42" {
		t.Errorf("Atributos:\n%s", a.body)
	}
	last := e.ok(e.post("consultarProcedimento.xml", map[string]string{"PROTOCOLO": prot}), "consultarProcedimento").child("UltimoAndamento")
	if last.str("IdAndamento") != m.str("IdAndamento") {
		t.Errorf("UltimoAndamento is %s, want the one just launched (%s)", last.str("IdAndamento"), m.str("IdAndamento"))
	}
	mv := e.processes()[0].Movements
	if got := mv[len(mv)-1]; got.Tarefa != "65" || len(got.Atributos) != 1 || got.Atributos[0].Nome != "DESCRICAO" {
		t.Errorf("movement %+v", got)
	}
}

func TestFaults(t *testing.T) {
	e := newEnv(t, testConfig())
	prot, _ := e.generate()
	const unknown = "99990.000999/2026-00"
	cases := []struct {
		name, fixture string
		vars          map[string]string
		code, msg     string
	}{
		{"unknown system", "gerarProcedimento.xml", map[string]string{"SIGLA": "OUTRO"}, "Server", "Sistema [OUTRO] não encontrado."},
		{"wrong key", "consultarProcedimento.xml", map[string]string{"KEY": "errada", "PROTOCOLO": prot}, "Server", "Serviço do sistema [GECLI] não encontrado."},
		{"unknown unit", "gerarProcedimento.xml", map[string]string{"UNIDADE": "110000999"}, "Server", "Unidade [110000999] não encontrada."},
		{"unknown unit (consult)", "consultarProcedimento.xml", map[string]string{"UNIDADE": "1", "PROTOCOLO": prot}, "Server", "Unidade [1] não encontrada."},
		{"unknown process type", "gerarProcedimento.xml", map[string]string{"TIPO": "7"}, "Server", "Tipo de processo [7] não encontrado."},
		{"unknown series", "incluirDocumento.xml", map[string]string{"SERIE": "999", "PROTOCOLO": prot}, "Server", "Série [999] não encontrada."},
		{"unknown series in a new process", "gerarProcedimento.xml", map[string]string{"SERIE": "999"}, "Server", "Série [999] não encontrada."},
		{"unknown process by protocol", "incluirDocumento.xml", map[string]string{"PROTOCOLO": unknown}, "Server", "Processo [" + unknown + "] não encontrado."},
		{"unknown process by id", "incluirDocumento.xml", map[string]string{"ID_PROCEDIMENTO": "42"}, "Server", "Processo [42] não encontrado."},
		{"no process", "incluirDocumento.xml", nil, "Server", "Processo não informado."},
		{"unknown process (consult)", "consultarProcedimento.xml", map[string]string{"PROTOCOLO": unknown}, "Server", "Processo [" + unknown + "] não encontrado."},
		{"unknown process (movement)", "lancarAndamento.xml", map[string]string{"PROTOCOLO": unknown}, "Server", "Processo [" + unknown + "] não encontrado."},
		{"received document without content", "incluirDocumento.xml", map[string]string{"PROTOCOLO": prot, "CONTEUDO": ""}, "Server", "Conteúdo do documento não informado."},
		{"received document without content in a new process", "gerarProcedimento.xml", map[string]string{"CONTEUDO": " "}, "Server", "Conteúdo do documento não informado."},
		{"invalid base64", "incluirDocumento.xml", map[string]string{"PROTOCOLO": prot, "CONTEUDO": "não é base64!"}, "Server", "Conteúdo do documento não está em base64 válido."},
		{"invalid document kind", "incluirDocumento.xml", map[string]string{"PROTOCOLO": prot, "TIPO_DOC": "X"}, "Server", "Tipo do documento [X] inválido (G: gerado, R: recebido)."},
		{"unknown operation", "unknownOperation.xml", nil, "Client", "Operação {Sei}gerarProcesso não existe neste serviço."},
		{"malformed envelope", "malformed.xml", nil, "Client", "Envelope SOAP malformado: XML syntax error on line 3: unexpected EOF"},
		{"SOAP 1.2", "soap12.xml", nil, "VersionMismatch", "Este serviço fala SOAP 1.1 (namespace http://schemas.xmlsoap.org/soap/envelope/)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			e.fault(e.post(c.fixture, c.vars), c.code, c.msg)
		})
	}
	e.t = t
	if ps := e.processes(); len(ps) != 1 || len(ps[0].Documents) != 1 || len(ps[0].Movements) != 2 {
		t.Errorf("a refused call changed the state: %+v", ps)
	}

	body := fixture(t, "consultarProcedimento.xml", map[string]string{"PROTOCOLO": prot})
	e.fault(e.do(http.MethodPost, Path, `"OutraAcao"`, "text/xml", body), "Client", `SOAPAction "OutraAcao" desconhecida: este serviço espera "SeiAction".`)
	e.fault(e.do(http.MethodPost, Path, "", "text/xml", body), "Client", `SOAPAction "" desconhecida: este serviço espera "SeiAction".`)
	e.fault(e.do(http.MethodPost, Path, "SeiAction", "application/json", body), "Client", `Content-Type "application/json": SOAP 1.1 é text/xml.`)
	e.fault(e.do(http.MethodPost, Path, "SeiAction", "text/xml", `<!DOCTYPE x [<!ENTITY a "b">]><x/>`), "Client", "Envelope SOAP não pode conter DTD.")
	if a := e.do(http.MethodGet, Path, "", "", ""); a.status != http.StatusMethodNotAllowed {
		t.Errorf("GET: HTTP %d, want 405", a.status)
	}
	if a := e.do(http.MethodPut, Path, "SeiAction", "text/xml", body); a.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT: HTTP %d, want 405", a.status)
	}
	// The controller path answers too, unquoted SOAPAction included.
	e.ok(e.do(http.MethodPost, ControllerPath+"?servico=sei", "SeiAction", "text/xml", body), "consultarProcedimento")
}

func TestStateSurvivesARestart(t *testing.T) {
	cfg := testConfig()
	cfg.StateFile = filepath.Join(t.TempDir(), "sei.json")
	e := newEnv(t, cfg)
	prot, _ := e.generate()
	e.ok(e.post("incluirDocumento.xml", map[string]string{"PROTOCOLO": prot}), "incluirDocumento")
	e.ok(e.post("lancarAndamento.xml", map[string]string{"PROTOCOLO": prot}), "lancarAndamento")
	before := e.processes()
	e.srv.Close()

	e2 := newEnv(t, cfg)
	after := e2.processes()
	bj, _ := json.Marshal(before)
	aj, _ := json.Marshal(after)
	if string(bj) != string(aj) {
		t.Fatalf("state after restart:\n%s\nbefore:\n%s", aj, bj)
	}
	e2.ok(e2.post("consultarProcedimento.xml", map[string]string{"PROTOCOLO": prot}), "consultarProcedimento")
	p2, _ := e2.generate()
	if !strings.HasPrefix(p2, "99990.000002/2026-") {
		t.Errorf("numbering restarted: %s", p2)
	}
	if ps := e2.processes(); ps[1].Documents[0].Formatted != "0000003" {
		t.Errorf("document numbering restarted: %+v", ps[1].Documents)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.StateFile), ".*.tmp"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestAStateFileThatCannotBeWrittenUndoesTheChange(t *testing.T) {
	dir := t.TempDir()
	cfg := testConfig()
	cfg.StateFile = filepath.Join(dir, "sub", "sei.json") // its directory does not exist
	e := newEnv(t, cfg)
	a := e.post("gerarProcedimento.xml", nil)
	if a.status != http.StatusInternalServerError || !strings.Contains(a.body, "Erro ao gravar o estado do simulador") {
		t.Fatalf("HTTP %d:\n%s", a.status, a.body)
	}
	if ps := e.processes(); len(ps) != 0 {
		t.Errorf("an unsaved process stayed: %+v", ps)
	}
}

func TestACorruptStateFileIsAnError(t *testing.T) {
	cfg := testConfig()
	cfg.StateFile = filepath.Join(t.TempDir(), "sei.json")
	os.WriteFile(cfg.StateFile, []byte("{"), 0o600)
	if _, err := Open(cfg); err == nil {
		t.Fatal("Open accepted a corrupt state file")
	}
}

func TestFail(t *testing.T) {
	e := newEnv(t, testConfig())
	e.sim.Fail(2)
	for range 2 {
		e.fault(e.post("gerarProcedimento.xml", nil), "Server", "Falha simulada (seisim): o serviço não está disponível no momento.")
	}
	e.generate()
	if ps := e.processes(); len(ps) != 1 {
		t.Errorf("%d processes: a failed call must change nothing", len(ps))
	}
	e.sim.FailStatus(1, http.StatusServiceUnavailable)
	if a := e.post("gerarProcedimento.xml", nil); a.status != http.StatusServiceUnavailable {
		t.Errorf("HTTP %d, want 503", a.status)
	}
	e.generate()
	calls := e.sim.Calls()
	var outcomes []string
	for _, c := range calls {
		outcomes = append(outcomes, c.Outcome)
	}
	if got := strings.Join(outcomes, ","); got != "injected-fault,injected-fault,ok,injected-status,ok" {
		t.Errorf("calls %s", got)
	}
}

// waitFor polls cond until it holds or a second has passed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (e *env) postWithTimeout(d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.srv.URL+Path, strings.NewReader(fixture(e.t, "gerarProcedimento.xml", nil)))
	req.Header.Set("Content-Type", "text/xml")
	req.Header.Set("SOAPAction", "SeiAction")
	resp, err := e.srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
	}
	return err
}

func lastOutcome(s *Sim) string {
	c := s.Calls()
	if len(c) == 0 {
		return ""
	}
	return c[len(c)-1].Outcome
}

func TestStall(t *testing.T) {
	e := newEnv(t, testConfig())
	e.sim.Stall(10 * time.Second)
	if err := e.postWithTimeout(50 * time.Millisecond); err == nil {
		t.Fatal("a stalled call answered before the client's timeout")
	}
	waitFor(t, "the stalled call to be abandoned", func() bool { return lastOutcome(e.sim) == "canceled" })
	if ps := e.processes(); len(ps) != 0 {
		t.Errorf("a call stalled before it was handled created %d processes", len(ps))
	}

	// Stalled after the work: the client gives up, the process exists.
	e.sim.Stall(0)
	e.sim.StallAfter(10 * time.Second)
	if err := e.postWithTimeout(50 * time.Millisecond); err == nil {
		t.Fatal("a stalled answer arrived before the client's timeout")
	}
	waitFor(t, "the process to be created", func() bool { return len(e.processes()) == 1 })
	e.sim.StallAfter(0)
	e.generate()
}

func TestDown(t *testing.T) {
	e := newEnv(t, testConfig())
	e.sim.Down(true)
	if err := e.postWithTimeout(time.Second); err == nil {
		t.Fatal("a call to a down SEI got an answer")
	}
	if ps := e.processes(); len(ps) != 0 {
		t.Errorf("inspection while down: %+v", ps)
	}
	e.sim.Down(false)
	e.generate()
}

func TestInspection(t *testing.T) {
	e := newEnv(t, testConfig())
	prot, id := e.generate()
	get := func(path string) (int, processView) {
		resp, err := http.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var v processView
		json.NewDecoder(resp.Body).Decode(&v)
		return resp.StatusCode, v
	}
	for _, key := range []string{id, prot, digits(prot)} {
		if st, v := get("/_sim/processes/" + key); st != http.StatusOK || v.Protocol != prot || len(v.Documents) != 1 {
			t.Errorf("/_sim/processes/%s: %d %+v", key, st, v)
		}
	}
	if st, _ := get("/_sim/processes/404"); st != http.StatusNotFound {
		t.Errorf("unknown process: %d", st)
	}
	resp, err := http.Post(e.srv.URL+"/_sim/processes", "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /_sim/processes: %d, want 405 (read-only)", resp.StatusCode)
	}
	resp, err = http.Get(e.srv.URL + "/_sim/processes")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, field := range []string{`"protocol"`, `"type"`, `"especificacao"`, `"unit"`, `"documents"`, `"nome_arquivo"`, `"sha256"`, `"movements"`, `"tarefa"`, `"atributos"`, `"at"`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("/_sim/processes lacks %s", field)
		}
	}
	if strings.Contains(string(b), `"content"`) {
		t.Error("/_sim/processes carries document bytes")
	}
}
