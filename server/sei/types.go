package sei

// The WSDL's types gecli sends and reads (sei.wsdl, SEI 4.x). Fields keep
// SEI's names; only those gecli uses are here.

// Assunto is a subject of SEI's classification table.
type Assunto struct {
	CodigoEstruturado string `xml:"CodigoEstruturado"`
	Descricao         string `xml:"Descricao"`
}

// Interessado is a party to a process (the requesting institution).
type Interessado struct {
	Cpf   string `xml:"Cpf"`
	Cnpj  string `xml:"Cnpj"`
	Sigla string `xml:"Sigla"`
	Nome  string `xml:"Nome"`
}

// Procedimento is a process to generate.
type Procedimento struct {
	IdTipoProcedimento string
	Especificacao      string
	Assuntos           []Assunto
	Interessados       []Interessado
	Observacao         string
	NivelAcesso        string // 0 público, 1 restrito, 2 sigiloso
	IdHipoteseLegal    string // required by SEI for a restricted process
}

// Access levels (NivelAcesso).
const (
	AcessoPublico  = "0"
	AcessoRestrito = "1"
)

// Document kinds (Documento.Tipo): G is made in SEI, R is received (a
// file from outside: what gecli sends).
const (
	DocumentoGerado   = "G"
	DocumentoRecebido = "R"
)

// Documento is a document to include (in a new process, or an existing
// one by IdProcedimento or ProtocoloProcedimento).
type Documento struct {
	Tipo                  string
	IdProcedimento        string
	ProtocoloProcedimento string
	IdSerie               string
	Numero                string
	Data                  string // dd/mm/aaaa
	Descricao             string
	Remetente             *Interessado
	Interessados          []Interessado
	Observacao            string
	NomeArquivo           string
	NivelAcesso           string
	IdHipoteseLegal       string
	Conteudo              []byte // sent base64-encoded, as the WSDL's Conteudo
}

// RetornoInclusaoDocumento is a document SEI included.
type RetornoInclusaoDocumento struct {
	IdDocumento        string `xml:"IdDocumento"`
	DocumentoFormatado string `xml:"DocumentoFormatado"`
	LinkAcesso         string `xml:"LinkAcesso"`
}

// RetornoGeracaoProcedimento is a process SEI generated.
type RetornoGeracaoProcedimento struct {
	IdProcedimento            string `xml:"IdProcedimento"`
	ProcedimentoFormatado     string `xml:"ProcedimentoFormatado"`
	LinkAcesso                string `xml:"LinkAcesso"`
	RetornoInclusaoDocumentos struct {
		Items []RetornoInclusaoDocumento `xml:"item"`
	} `xml:"RetornoInclusaoDocumentos"`
}

// Unidade is an SEI unit (an office).
type Unidade struct {
	IdUnidade string `xml:"IdUnidade"`
	Sigla     string `xml:"Sigla"`
	Descricao string `xml:"Descricao"`
}

// Usuario is an SEI user.
type Usuario struct {
	IdUsuario string `xml:"IdUsuario"`
	Sigla     string `xml:"Sigla"`
	Nome      string `xml:"Nome"`
}

// AtributoAndamento is a named value of a movement.
type AtributoAndamento struct {
	Nome     string `xml:"Nome"`
	Valor    string `xml:"Valor"`
	IdOrigem string `xml:"IdOrigem"`
}

// Andamento is a movement of a process.
type Andamento struct {
	IdAndamento string  `xml:"IdAndamento"`
	IdTarefa    string  `xml:"IdTarefa"`
	Descricao   string  `xml:"Descricao"`
	DataHora    string  `xml:"DataHora"` // dd/mm/aaaa hh:mm:ss
	Unidade     Unidade `xml:"Unidade"`
	Usuario     Usuario `xml:"Usuario"`
	Atributos   struct {
		Items []AtributoAndamento `xml:"item"`
	} `xml:"Atributos"`
}

// TipoProcedimento is a process type.
type TipoProcedimento struct {
	IdTipoProcedimento string `xml:"IdTipoProcedimento"`
	Nome               string `xml:"Nome"`
}

// UnidadeProcedimentoAberto is a unit where the process is open.
type UnidadeProcedimentoAberto struct {
	Unidade           Unidade `xml:"Unidade"`
	UsuarioAtribuicao Usuario `xml:"UsuarioAtribuicao"`
}

// RetornoConsultaProcedimento is what SEI tells of a process.
type RetornoConsultaProcedimento struct {
	IdProcedimento             string           `xml:"IdProcedimento"`
	ProcedimentoFormatado      string           `xml:"ProcedimentoFormatado"`
	Especificacao              string           `xml:"Especificacao"`
	DataAutuacao               string           `xml:"DataAutuacao"`
	LinkAcesso                 string           `xml:"LinkAcesso"`
	TipoProcedimento           TipoProcedimento `xml:"TipoProcedimento"`
	AndamentoGeracao           Andamento        `xml:"AndamentoGeracao"`
	UltimoAndamento            Andamento        `xml:"UltimoAndamento"`
	UnidadesProcedimentoAberto struct {
		Items []UnidadeProcedimentoAberto `xml:"item"`
	} `xml:"UnidadesProcedimentoAberto"`
}

func (i Interessado) node(name string) node {
	var kids []node
	kids = opt(kids, "Cpf", i.Cpf)
	kids = opt(kids, "Cnpj", i.Cnpj)
	kids = opt(kids, "Sigla", i.Sigla)
	kids = opt(kids, "Nome", i.Nome)
	return strct(name, "Interessado", kids...)
}

func interessados(list []Interessado) node {
	items := make([]node, len(list))
	for i, in := range list {
		items[i] = in.node("item")
	}
	return array("Interessados", "ArrayOfInteressado", "Interessado", items)
}

func (p Procedimento) node() node {
	assuntos := make([]node, len(p.Assuntos))
	for i, a := range p.Assuntos {
		assuntos[i] = strct("item", "Assunto", str("CodigoEstruturado", a.CodigoEstruturado), str("Descricao", a.Descricao))
	}
	kids := []node{str("IdTipoProcedimento", p.IdTipoProcedimento)}
	kids = opt(kids, "Especificacao", p.Especificacao)
	kids = append(kids, array("Assuntos", "ArrayOfAssunto", "Assunto", assuntos), interessados(p.Interessados),
		str("Observacao", p.Observacao), str("NivelAcesso", p.NivelAcesso))
	kids = opt(kids, "IdHipoteseLegal", p.IdHipoteseLegal)
	return strct("Procedimento", "Procedimento", kids...)
}

func (d Documento) node(name string) node {
	kids := []node{str("Tipo", d.Tipo)}
	kids = opt(kids, "IdProcedimento", d.IdProcedimento)
	kids = opt(kids, "ProtocoloProcedimento", d.ProtocoloProcedimento)
	kids = append(kids, str("IdSerie", d.IdSerie))
	kids = opt(kids, "Numero", d.Numero)
	kids = opt(kids, "Data", d.Data)
	kids = opt(kids, "Descricao", d.Descricao)
	if d.Remetente != nil {
		r := d.Remetente.node("Remetente")
		r.typ = "sei:Remetente"
		kids = append(kids, r)
	}
	if len(d.Interessados) > 0 {
		kids = append(kids, interessados(d.Interessados))
	}
	kids = opt(kids, "Observacao", d.Observacao)
	kids = opt(kids, "NomeArquivo", d.NomeArquivo)
	kids = opt(kids, "NivelAcesso", d.NivelAcesso)
	kids = opt(kids, "IdHipoteseLegal", d.IdHipoteseLegal)
	if d.Conteudo != nil {
		kids = append(kids, str("Conteudo", base64Std(d.Conteudo)))
	}
	return strct(name, "Documento", kids...)
}
