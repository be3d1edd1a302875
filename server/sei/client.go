package sei

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Config is how gecli reaches one SEI installation: its web service
// (https://sei.example.jus.br/sei/ws/SeiWS.php), the system registered for
// gecli there (Administração > Sistemas: a sigla and a service
// identification or access key, a secret), the unit that opens processes
// and the types it opens them with.
type Config struct {
	URL              string
	Sigla            string
	Key              string // IdentificacaoServico; from GECLI_SEI_KEY or a file, never a flag
	Unidade          string // IdUnidade
	TipoProcedimento string // IdTipoProcedimento of the processes gecli generates
	SerieDocumento   string // IdSerie of the documents gecli includes
	Timeout          time.Duration
	HTTP             *http.Client
}

// Client calls SEI's web service.
type Client struct {
	cfg  Config
	http *http.Client
}

// maxAnswer bounds what is read of an answer: a process's data, never a
// document's content.
const maxAnswer = 4 << 20

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	switch {
	case cfg.URL == "":
		return nil, errors.New("sei: URL do serviço não informada")
	case cfg.Sigla == "" || cfg.Key == "":
		return nil, errors.New("sei: sigla do sistema e identificação do serviço são obrigatórias")
	case cfg.Unidade == "" || cfg.TipoProcedimento == "" || cfg.SerieDocumento == "":
		return nil, errors.New("sei: unidade, tipo de processo e série de documento são obrigatórios")
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 20 * time.Second
	}
	hc := cfg.HTTP
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{cfg: cfg, http: hc}, nil
}

// auth are the first parts of every operation: the system and its key,
// then (for most) the unit that acts.
func (c *Client) auth() []node {
	return []node{str("SiglaSistema", c.cfg.Sigla), str("IdentificacaoServico", c.cfg.Key), str("IdUnidade", c.cfg.Unidade)}
}

// call posts one operation and decodes its answer into out.
func (c *Client) call(ctx context.Context, op string, parts []node, out any) error {
	body, err := envelope(op, append(c.auth(), parts...))
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "text/xml; charset=utf-8")
	req.Header.Set("SOAPAction", `"`+soapAction+`"`)
	res, err := c.http.Do(req)
	if err != nil {
		return &Unavailable{Operation: op, Err: errors.New(strings.ReplaceAll(err.Error(), c.cfg.Key, "***"))}
	}
	defer res.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(res.Body, maxAnswer))
	if err != nil {
		return &Unavailable{Operation: op, Err: err}
	}
	// A fault comes with 500; anything else but 200 is not SEI answering.
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusInternalServerError {
		return &Unavailable{Operation: op, Err: fmt.Errorf("HTTP %d", res.StatusCode)}
	}
	err = decodeResponse(op, bytes.NewReader(answer), out)
	var f *Fault
	if res.StatusCode == http.StatusInternalServerError && err != nil && !errors.As(err, &f) {
		return &Unavailable{Operation: op, Err: fmt.Errorf("HTTP 500 without a SOAP fault")}
	}
	if f != nil {
		// SEI names the service identification it did not find in its
		// message ("Serviço [KEY] do sistema [S] não encontrado."): the
		// message is kept and logged, the key is not.
		f.Message = strings.ReplaceAll(f.Message, c.cfg.Key, "***")
	}
	return err
}

// GerarProcedimento generates a process of the configured type in the
// configured unit, with its first documents.
func (c *Client) GerarProcedimento(ctx context.Context, p Procedimento, docs []Documento) (RetornoGeracaoProcedimento, error) {
	if p.IdTipoProcedimento == "" {
		p.IdTipoProcedimento = c.cfg.TipoProcedimento
	}
	items := make([]node, len(docs))
	for i, d := range docs {
		items[i] = c.document(d).node("item")
	}
	parts := []node{p.node(), array("Documentos", "ArrayOfDocumento", "Documento", items),
		strs("ProcedimentosRelacionados", "ArrayOfProcedimentoRelacionado", nil), strs("UnidadesEnvio", "ArrayOfIdUnidade", nil),
		str("SinManterAbertoUnidade", "S"), str("SinEnviarEmailNotificacao", "N"), str("DataRetornoProgramado", ""),
		str("DiasRetornoProgramado", ""), str("SinDiasUteisRetornoProgramado", "N"), str("IdMarcador", ""), str("TextoMarcador", ""),
		str("DataControlePrazo", ""), str("DiasControlePrazo", ""), str("SinDiasUteisControlePrazo", "N")}
	var out RetornoGeracaoProcedimento
	return out, c.call(ctx, "gerarProcedimento", parts, &out)
}

// IncluirDocumento includes a document in an existing process.
func (c *Client) IncluirDocumento(ctx context.Context, d Documento) (RetornoInclusaoDocumento, error) {
	var out RetornoInclusaoDocumento
	return out, c.call(ctx, "incluirDocumento", []node{c.document(d).node("Documento")}, &out)
}

// document fills what gecli's documents always carry: received files, of
// the configured series.
func (c *Client) document(d Documento) Documento {
	if d.Tipo == "" {
		d.Tipo = DocumentoRecebido
	}
	if d.IdSerie == "" {
		d.IdSerie = c.cfg.SerieDocumento
	}
	return d
}

// ConsultarProcedimento reads a process by its number (formatted, as
// people type it), with its last movement and the units where it is open.
func (c *Client) ConsultarProcedimento(ctx context.Context, protocolo string) (RetornoConsultaProcedimento, error) {
	parts := []node{str("ProtocoloProcedimento", protocolo), str("SinRetornarAssuntos", "N"), str("SinRetornarInteressados", "N"),
		str("SinRetornarObservacoes", "N"), str("SinRetornarAndamentoGeracao", "S"), str("SinRetornarAndamentoConclusao", "N"),
		str("SinRetornarUltimoAndamento", "S"), str("SinRetornarUnidadesProcedimentoAberto", "S"),
		str("SinRetornarProcedimentosRelacionados", "N"), str("SinRetornarProcedimentosAnexados", "N")}
	var out RetornoConsultaProcedimento
	return out, c.call(ctx, "consultarProcedimento", parts, &out)
}

// TarefaAtualizacaoAndamento is SEI's task for a free-text movement
// ("@DESCRICAO@", id 65 in SEI's task table): how an integration records
// what happened outside SEI.
const TarefaAtualizacaoAndamento = "65"

// LancarAndamento records a movement in a process: a decision, a
// cancellation, a revocation, described in text.
func (c *Client) LancarAndamento(ctx context.Context, protocolo, descricao string) (Andamento, error) {
	attrs := []node{strct("item", "AtributoAndamento", str("Nome", "DESCRICAO"), str("Valor", descricao), str("IdOrigem", ""))}
	parts := []node{str("ProtocoloProcedimento", protocolo), str("IdTarefa", TarefaAtualizacaoAndamento), str("IdTarefaModulo", ""),
		array("Atributos", "ArrayOfAtributoAndamento", "AtributoAndamento", attrs)}
	var out Andamento
	return out, c.call(ctx, "lancarAndamento", parts, &out)
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
