package seisim

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
)

type operation func(s *Sim, r *http.Request, call *node) (el, *fault)

var operations = map[string]operation{
	"gerarProcedimento":     (*Sim).gerarProcedimento,
	"incluirDocumento":      (*Sim).incluirDocumento,
	"consultarProcedimento": (*Sim).consultarProcedimento,
	"lancarAndamento":       (*Sim).lancarAndamento,
}

// Task ids of the movements the simulator records by itself; a client's
// lancarAndamento keeps the IdTarefa it sent.
const (
	taskProcessGenerated  = "1"
	taskDocumentGenerated = "2"
	taskDocumentReceived  = "3"
	taskProcessSent       = "32"
)

const systemUserID = "100000001"

var (
	reDate     = regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)
	reProtocol = regexp.MustCompile(`^\d{5}\.\d{6}/\d{4}-\d{2}$`)
	reTask     = regexp.MustCompile(`^\d{1,10}$`)
)

func (s *Sim) now() time.Time { return s.cfg.Now().In(s.cfg.Location) }

func (s *Sim) today() string { return s.now().Format("02/01/2006") }

func (s *Sim) unit(call *node) (string, *fault) {
	id := call.str("IdUnidade")
	if _, ok := s.cfg.Units[id]; !ok {
		return "", serverFault("Unidade [%s] não encontrada.", id)
	}
	return id, nil
}

func (s *Sim) base(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimRight(s.cfg.PublicURL, "/")
	}
	return "http://" + r.Host
}

func (s *Sim) processLink(r *http.Request, p *process) string {
	return s.base(r) + "/sei/controlador.php?acao=procedimento_trabalhar&id_procedimento=" + p.ID
}

func (s *Sim) documentLink(r *http.Request, p *process, d *document) string {
	return s.processLink(r, p) + "&id_documento=" + d.ID
}

func validDate(v string) bool {
	if !reDate.MatchString(v) {
		return false
	}
	_, err := time.Parse("02/01/2006", v)
	return err == nil
}

// accessLevel checks NivelAcesso (0 público, 1 restrito, 2 sigiloso) and
// that a restricted or secret one names its legal basis.
func accessLevel(n *node) (string, *fault) {
	lv := n.str("NivelAcesso")
	switch lv {
	case "", "0":
		return lv, nil
	case "1", "2":
		if n.str("IdHipoteseLegal") == "" {
			return "", serverFault("Hipótese legal não informada.")
		}
		return lv, nil
	}
	return "", serverFault("Nível de acesso [%s] inválido.", lv)
}

func readInteressado(n *node) interessado {
	return interessado{IdContato: n.str("IdContato"), Cpf: n.str("Cpf"), Cnpj: n.str("Cnpj"), Sigla: n.str("Sigla"), Nome: n.raw("Nome")}
}

func readInteressados(items []*node) ([]interessado, *fault) {
	var out []interessado
	for _, it := range items {
		i := readInteressado(it)
		if i.Nome == "" && i.IdContato == "" {
			return nil, serverFault("Nome do interessado não informado.")
		}
		out = append(out, i)
	}
	return out, nil
}

// readDocument checks a Documento as incluirDocumento and
// gerarProcedimento receive it; the process it goes into is the caller's.
func (s *Sim) readDocument(d *node, unit string) (*document, *fault) {
	doc := &document{Tipo: d.str("Tipo"), SerieID: d.str("IdSerie"), Numero: d.str("Numero"), Data: d.str("Data"),
		Descricao: d.raw("Descricao"), NomeArquivo: d.str("NomeArquivo"), Observacao: d.raw("Observacao"), UnitID: unit}
	if doc.Tipo != "G" && doc.Tipo != "R" {
		return nil, serverFault("Tipo do documento [%s] inválido (G: gerado, R: recebido).", doc.Tipo)
	}
	name, ok := s.cfg.Series[doc.SerieID]
	if !ok {
		return nil, serverFault("Série [%s] não encontrada.", doc.SerieID)
	}
	doc.Serie = name
	if doc.Data == "" {
		doc.Data = s.today()
	} else if !validDate(doc.Data) {
		return nil, serverFault("Data do documento [%s] inválida (dd/mm/aaaa).", doc.Data)
	}
	lv, f := accessLevel(d)
	if f != nil {
		return nil, f
	}
	doc.NivelAcesso = lv
	if rem := d.child("Remetente"); rem != nil {
		r := readInteressado(rem)
		doc.Remetente = &r
	}
	if doc.Interessados, f = readInteressados(d.items("Interessados")); f != nil {
		return nil, f
	}
	text := d.raw("Conteudo")
	if strings.TrimSpace(text) == "" {
		text = d.raw("ConteudoMTOM")
	}
	text = strings.Join(strings.Fields(text), "") // base64 wrapped at 76 columns is still base64
	if text == "" && doc.Tipo == "R" {
		return nil, serverFault("Conteúdo do documento não informado.")
	}
	content, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		return nil, serverFault("Conteúdo do documento não está em base64 válido.")
	}
	if doc.Tipo == "R" && doc.NomeArquivo == "" {
		return nil, serverFault("Nome do arquivo não informado.")
	}
	sum := sha256.Sum256(content)
	doc.Content, doc.Size, doc.SHA256 = content, len(content), hex.EncodeToString(sum[:])
	return doc, nil
}

// addDocument numbers doc, files it in p and records its movement.
func (s *Sim) addDocument(p *process, doc *document) {
	doc.ID = s.st.newID()
	doc.Formatted = s.st.newDocNumber()
	p.Documents = append(p.Documents, doc)
	task, desc := taskDocumentGenerated, "Gerado documento "+levelWord(doc.NivelAcesso)+" "+doc.Formatted+" ("+doc.Serie+")"
	if doc.Tipo == "R" {
		task, desc = taskDocumentReceived, "Registro de documento externo "+levelWord(doc.NivelAcesso)+" "+doc.Formatted+" ("+doc.Serie+")"
	}
	s.addMovement(p, doc.UnitID, task, "", desc, []atributo{{Nome: "DOCUMENTO", Valor: doc.Formatted, IdOrigem: doc.ID}})
}

func levelWord(lv string) string {
	switch lv {
	case "1":
		return "restrito"
	case "2":
		return "sigiloso"
	}
	return "público"
}

func (s *Sim) addMovement(p *process, unit, task, module, desc string, attrs []atributo) *movement {
	m := &movement{ID: s.st.newAndamento(), Tarefa: task, Modulo: module, Descricao: desc, UnitID: unit, At: s.now(), Atributos: attrs}
	p.Movements = append(p.Movements, m)
	return m
}

// commit saves the state file after a change; if it cannot, the change
// is undone and the call answers a fault, as a database error would.
func (s *Sim) commit() *fault {
	if s.cfg.StateFile == "" {
		return nil
	}
	s.st.LastChanged = s.now()
	b, err := json.MarshalIndent(s.st, "", "  ")
	if err == nil {
		err = writeFileAtomic(s.cfg.StateFile, b)
	}
	if err != nil {
		old := newState()
		if s.saved != nil {
			_ = json.Unmarshal(s.saved, old)
		}
		s.st = old
		return serverFault("Erro ao gravar o estado do simulador: %v", err)
	}
	s.saved = b
	return nil
}

func (s *Sim) gerarProcedimento(r *http.Request, call *node) (el, *fault) {
	unit, f := s.unit(call)
	if f != nil {
		return el{}, f
	}
	pn := call.child("Procedimento")
	if pn == nil {
		return el{}, serverFault("Procedimento não informado.")
	}
	p := &process{TypeID: pn.str("IdTipoProcedimento"), Especificacao: pn.raw("Especificacao"), Observacao: pn.raw("Observacao"),
		UnitID: unit, OpenedOn: pn.str("DataAutuacao"), Protocol: pn.str("NumeroProtocolo")}
	name, ok := s.cfg.ProcedureTypes[p.TypeID]
	if !ok {
		return el{}, serverFault("Tipo de processo [%s] não encontrado.", p.TypeID)
	}
	p.Type = name
	if p.NivelAcesso, f = accessLevel(pn); f != nil {
		return el{}, f
	}
	if p.OpenedOn == "" {
		p.OpenedOn = s.today()
	} else if !validDate(p.OpenedOn) {
		return el{}, serverFault("Data de autuação [%s] inválida (dd/mm/aaaa).", p.OpenedOn)
	}
	for _, a := range pn.items("Assuntos") {
		code := a.str("CodigoEstruturado")
		if code == "" {
			return el{}, serverFault("Código do assunto não informado.")
		}
		p.Assuntos = append(p.Assuntos, assunto{Codigo: code, Descricao: a.raw("Descricao")})
	}
	if p.Interessados, f = readInteressados(pn.items("Interessados")); f != nil {
		return el{}, f
	}
	var docs []*document
	for _, d := range call.items("Documentos") {
		if d.str("IdProcedimento") != "" || d.str("ProtocoloProcedimento") != "" {
			return el{}, serverFault("Documento não pode referenciar outro procedimento.")
		}
		doc, f := s.readDocument(d, unit)
		if f != nil {
			return el{}, f
		}
		docs = append(docs, doc)
	}
	var sendTo []string
	for _, u := range call.items("UnidadesEnvio") {
		id := strings.TrimSpace(u.text)
		if _, ok := s.cfg.Units[id]; !ok {
			return el{}, serverFault("Unidade [%s] não encontrada.", id)
		}
		if id != unit {
			sendTo = append(sendTo, id)
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rel := range call.items("ProcedimentosRelacionados") {
		q := s.st.byProtocol(rel.text)
		if q == nil {
			return el{}, serverFault("Processo [%s] não encontrado.", strings.TrimSpace(rel.text))
		}
		p.Related = append(p.Related, q.Protocol)
	}
	year := s.now().Year()
	if p.Protocol != "" {
		if !reProtocol.MatchString(p.Protocol) {
			return el{}, serverFault("Número de protocolo [%s] inválido.", p.Protocol)
		}
		if s.st.byProtocol(p.Protocol) != nil {
			return el{}, serverFault("Já existe um processo com o protocolo [%s].", p.Protocol)
		}
	} else {
		p.Protocol = s.st.newProtocol(s.cfg.Prefix, year)
	}
	p.ID = s.st.newID()
	p.OpenUnits = []string{unit}
	s.st.Processes = append(s.st.Processes, p)
	s.addMovement(p, unit, taskProcessGenerated, "", "Processo "+levelWord(p.NivelAcesso)+" gerado", nil)
	var rets []el
	for _, doc := range docs {
		s.addDocument(p, doc)
		rets = append(rets, obj("item", "RetornoInclusaoDocumento",
			str("IdDocumento", doc.ID), str("DocumentoFormatado", doc.Formatted), str("LinkAcesso", s.documentLink(r, p, doc))))
	}
	if len(sendTo) > 0 {
		if call.str("SinManterAbertoUnidade") != "S" {
			p.OpenUnits = nil
		}
		for _, u := range sendTo {
			p.OpenUnits = append(p.OpenUnits, u)
			s.addMovement(p, unit, taskProcessSent, "", "Processo remetido pela unidade "+s.cfg.Units[unit].Sigla+" para "+s.cfg.Units[u].Sigla,
				[]atributo{{Nome: "UNIDADE", Valor: s.cfg.Units[u].Sigla, IdOrigem: u}})
		}
	}
	if f := s.commit(); f != nil {
		return el{}, f
	}
	return obj("parametros", "RetornoGeracaoProcedimento",
		str("IdProcedimento", p.ID),
		str("ProcedimentoFormatado", p.Protocol),
		str("LinkAcesso", s.processLink(r, p)),
		arr("RetornoInclusaoDocumentos", "RetornoInclusaoDocumento", rets),
	), nil
}

func (s *Sim) incluirDocumento(r *http.Request, call *node) (el, *fault) {
	unit, f := s.unit(call)
	if f != nil {
		return el{}, f
	}
	d := call.child("Documento")
	if d == nil {
		return el{}, serverFault("Documento não informado.")
	}
	doc, f := s.readDocument(d, unit)
	if f != nil {
		return el{}, f
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var p *process
	switch id, prot := d.str("IdProcedimento"), d.str("ProtocoloProcedimento"); {
	case id != "":
		if p = s.st.byID(id); p == nil {
			return el{}, serverFault("Processo [%s] não encontrado.", id)
		}
	case prot != "":
		if p = s.st.byProtocol(prot); p == nil {
			return el{}, serverFault("Processo [%s] não encontrado.", prot)
		}
	default:
		return el{}, serverFault("Processo não informado.")
	}
	if !p.openIn(unit) {
		return el{}, serverFault("Processo [%s] não possui andamento aberto na unidade [%s].", p.Protocol, s.cfg.Units[unit].Sigla)
	}
	s.addDocument(p, doc)
	if f := s.commit(); f != nil {
		return el{}, f
	}
	return obj("parametros", "RetornoInclusaoDocumento",
		str("IdDocumento", doc.ID), str("DocumentoFormatado", doc.Formatted), str("LinkAcesso", s.documentLink(r, p, doc))), nil
}

func (p *process) openIn(unit string) bool {
	for _, u := range p.OpenUnits {
		if u == unit {
			return true
		}
	}
	return false
}

func (s *Sim) consultarProcedimento(r *http.Request, call *node) (el, *fault) {
	if _, f := s.unit(call); f != nil {
		return el{}, f
	}
	prot := call.str("ProtocoloProcedimento")
	if prot == "" {
		return el{}, serverFault("Protocolo do processo não informado.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.byProtocol(prot)
	if p == nil {
		return el{}, serverFault("Processo [%s] não encontrado.", prot)
	}
	flag := func(name string) bool { return call.str(name) == "S" }
	lv := p.NivelAcesso
	if lv == "" {
		lv = "0"
	}
	out := obj("parametros", "RetornoConsultaProcedimento",
		str("IdProcedimento", p.ID),
		str("ProcedimentoFormatado", p.Protocol),
		str("Especificacao", p.Especificacao),
		str("DataAutuacao", p.OpenedOn),
		str("LinkAcesso", s.processLink(r, p)),
		str("NivelAcessoLocal", lv),
		str("NivelAcessoGlobal", lv),
		obj("TipoProcedimento", "TipoProcedimento", str("IdTipoProcedimento", p.TypeID), str("Nome", p.Type)),
	)
	add := func(on bool, e func() el, name string) {
		if on {
			out.kids = append(out.kids, e())
		} else {
			out.kids = append(out.kids, null(name))
		}
	}
	add(flag("SinRetornarAndamentoGeracao") && len(p.Movements) > 0, func() el { return s.andamento("AndamentoGeracao", p.Movements[0]) }, "AndamentoGeracao")
	out.kids = append(out.kids, null("AndamentoConclusao")) // the simulator never concludes a process
	add(flag("SinRetornarUltimoAndamento") && len(p.Movements) > 0, func() el { return s.andamento("UltimoAndamento", p.Movements[len(p.Movements)-1]) }, "UltimoAndamento")
	add(flag("SinRetornarUnidadesProcedimentoAberto"), func() el {
		var items []el
		for _, u := range p.OpenUnits {
			items = append(items, obj("item", "UnidadeProcedimentoAberto", s.unidade("Unidade", u), null("UsuarioAtribuicao")))
		}
		return arr("UnidadesProcedimentoAberto", "UnidadeProcedimentoAberto", items)
	}, "UnidadesProcedimentoAberto")
	add(flag("SinRetornarAssuntos"), func() el {
		var items []el
		for _, a := range p.Assuntos {
			items = append(items, obj("item", "Assunto", str("CodigoEstruturado", a.Codigo), str("Descricao", a.Descricao)))
		}
		return arr("Assuntos", "Assunto", items)
	}, "Assuntos")
	add(flag("SinRetornarInteressados"), func() el {
		var items []el
		for _, i := range p.Interessados {
			items = append(items, obj("item", "Interessado", optStr("IdContato", i.IdContato), optStr("Cpf", i.Cpf), optStr("Cnpj", i.Cnpj),
				str("Sigla", i.Sigla), str("Nome", i.Nome)))
		}
		return arr("Interessados", "Interessado", items)
	}, "Interessados")
	add(flag("SinRetornarObservacoes"), func() el {
		var items []el
		if p.Observacao != "" {
			items = append(items, obj("item", "Observacao", str("Descricao", p.Observacao), s.unidade("Unidade", p.UnitID)))
		}
		return arr("Observacoes", "Observacao", items)
	}, "Observacoes")
	add(flag("SinRetornarProcedimentosRelacionados"), func() el {
		var items []el
		for _, prot := range p.Related {
			if q := s.st.byProtocol(prot); q != nil {
				items = append(items, obj("item", "ProcedimentoResumido", str("IdProcedimento", q.ID), str("ProcedimentoFormatado", q.Protocol),
					obj("TipoProcedimento", "TipoProcedimento", str("IdTipoProcedimento", q.TypeID), str("Nome", q.Type))))
			}
		}
		return arr("ProcedimentosRelacionados", "ProcedimentoResumido", items)
	}, "ProcedimentosRelacionados")
	add(flag("SinRetornarProcedimentosAnexados"), func() el {
		return arr("ProcedimentosAnexados", "ProcedimentoResumido", nil)
	}, "ProcedimentosAnexados")
	out.kids = append(out.kids, null("TipoPrioridade"))
	return out, nil
}

func optStr(name, v string) el {
	if v == "" {
		return null(name)
	}
	return str(name, v)
}

func (s *Sim) unidade(name, id string) el {
	u := s.cfg.Units[id]
	return obj(name, "Unidade", str("IdUnidade", id), str("Sigla", u.Sigla), str("Descricao", u.Descricao))
}

func (s *Sim) andamento(name string, m *movement) el {
	var attrs []el
	for _, a := range m.Atributos {
		attrs = append(attrs, obj("item", "AtributoAndamento", str("Nome", a.Nome), str("Valor", a.Valor), str("IdOrigem", a.IdOrigem)))
	}
	return obj(name, "Andamento",
		str("IdAndamento", m.ID),
		str("IdTarefa", m.Tarefa),
		optStr("IdTarefaModulo", m.Modulo),
		str("Descricao", m.Descricao),
		str("DataHora", m.At.In(s.cfg.Location).Format("02/01/2006 15:04:05")),
		s.unidade("Unidade", m.UnitID),
		obj("Usuario", "Usuario", str("IdUsuario", systemUserID), str("Sigla", s.cfg.Sigla), str("Nome", "Sistema "+s.cfg.Sigla)),
		arr("Atributos", "AtributoAndamento", attrs),
	)
}

func (s *Sim) lancarAndamento(r *http.Request, call *node) (el, *fault) {
	unit, f := s.unit(call)
	if f != nil {
		return el{}, f
	}
	prot := call.str("ProtocoloProcedimento")
	if prot == "" {
		return el{}, serverFault("Protocolo do processo não informado.")
	}
	task, module := call.str("IdTarefa"), call.str("IdTarefaModulo")
	if task == "" && module == "" {
		return el{}, serverFault("Tarefa não informada.")
	}
	if task != "" && !reTask.MatchString(task) {
		return el{}, serverFault("Tarefa [%s] não encontrada.", task)
	}
	var attrs []atributo
	for _, a := range call.items("Atributos") {
		at := atributo{Nome: a.str("Nome"), Valor: a.raw("Valor"), IdOrigem: a.str("IdOrigem")}
		if at.Nome == "" {
			return el{}, serverFault("Nome do atributo do andamento não informado.")
		}
		attrs = append(attrs, at)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.st.byProtocol(prot)
	if p == nil {
		return el{}, serverFault("Processo [%s] não encontrado.", prot)
	}
	m := s.addMovement(p, unit, task, module, describe(task, module, attrs), attrs)
	if f := s.commit(); f != nil {
		return el{}, f
	}
	return s.andamento("parametros", m), nil
}

// describe words a movement from its attributes: a DESCRICAO attribute
// is the text (as SEI's "atualização de andamento" task shows it), else
// each attribute as NOME: valor.
func describe(task, module string, attrs []atributo) string {
	for _, a := range attrs {
		if strings.EqualFold(a.Nome, "DESCRICAO") {
			return a.Valor
		}
	}
	var parts []string
	for _, a := range attrs {
		parts = append(parts, a.Nome+": "+a.Valor)
	}
	t := task
	if t == "" {
		t = module
	}
	if len(parts) == 0 {
		return "Andamento lançado (tarefa " + t + ")"
	}
	return "Andamento lançado (tarefa " + t + "): " + strings.Join(parts, "; ")
}
