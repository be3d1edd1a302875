package seed

// The demo's richer operations: parameters beyond the path, request
// bodies with their schemas, and examples, so Documentação has something
// to show (FAQ 3.11: parameters, the structure of the answer as JSON).
// Every other operation gets its path parameters, described, and the
// usual responses.

// param is a query or header parameter.
type param struct {
	name, in, typ, format, desc string
	required                    bool
	enum                        []string
}

// opDetail enriches one operation, by "method path".
type opDetail struct {
	description string
	params      []param
	body        string // a component schema; "[]X" is an array of X
	bodyExample any
	status      string // the success status; 200 when empty
	response    string // a component schema; "[]X" is an array of X
	example     any    // none: the reader builds one from the schema
}

// pathParams describes the demo's path parameters by name.
var pathParams = map[string][2]string{
	"numero":    {"Número do processo no padrão CNJ (NNNNNNN-DD.AAAA.J.TR.OOOO)", ""},
	"cpf":       {"CPF com 11 dígitos, sem pontuação", ""},
	"cnpj":      {"CNPJ com 14 caracteres, numérico ou alfanumérico, sem pontuação", ""},
	"protocolo": {"Protocolo devolvido ao enviar o lote", ""},
	"codigo":    {"Código do órgão ou da instituição", ""},
	"tribunal":  {"Sigla do tribunal em minúsculas (ex.: tjsp, trf1)", ""},
	"data":      {"Dia do caderno", "date"},
	"sigla":     {"Sigla do tribunal (ex.: TJSP)", ""},
	"hash":      {"Hash da comunicação, como devolvido na pesquisa", ""},
	"id":        {"Identificador do recurso", ""},
}

var paging = []param{
	{name: "pagina", in: "query", typ: "integer", desc: "Página, a partir de 1"},
	{name: "tamanho", in: "query", typ: "integer", desc: "Itens por página (até 100)"},
}

var opDetails = map[string]opDetail{
	"get /v1/pessoas-fisicas/{cpf}": {
		description: "Devolve a situação cadastral do CPF na Receita Federal. A consulta é registrada com a finalidade declarada na solicitação de acesso.",
		params:      []param{{name: "X-Finalidade", in: "header", typ: "string", desc: "Finalidade da consulta, para a auditoria", required: true}},
		response:    "PessoaFisica",
		example: map[string]any{"cpf": "12345678909", "nome": "MARIA DA SILVA", "dataNascimento": "1980-05-17",
			"situacao": "regular", "dataInscricao": "1998-03-02"},
	},
	"post /v1/pessoas-fisicas/lote": {
		description: "Enfileira a consulta de até 500 CPFs; o resultado fica disponível pelo protocolo devolvido.",
		body:        "ConsultaLote",
		bodyExample: map[string]any{"cpfs": []string{"12345678909", "98765432100"}, "finalidade": "Habilitação de credores",
			"urlRetorno": "https://sistema.tribunal.jus.br/retorno"},
		status:   "202",
		response: "Protocolo",
	},
	"get /v2/processos/{numero}": {
		description: "Capa do processo: classe, assuntos, órgão julgador e partes com seus advogados. Processos em segredo de justiça exigem credencial habilitada.",
		params:      []param{{name: "incluirPartes", in: "query", typ: "boolean", desc: "Inclui as partes e seus advogados"}},
		response:    "Processo",
		example: map[string]any{"numero": "0001234-56.2024.8.26.0100", "classe": "Procedimento Comum Cível",
			"assuntos": []string{"Indenização por Dano Moral"}, "orgaoJulgador": "1ª Vara Cível do Foro Central",
			"dataAjuizamento": "2024-02-15", "segredoJustica": false,
			"partes": []any{map[string]any{"polo": "ativo", "nome": "MARIA DA SILVA", "advogados": []string{"OAB/SP 123456"}}}},
	},
	"get /v2/processos/{numero}/movimentos": {
		params:   append([]param{{name: "desde", in: "query", typ: "string", format: "date", desc: "Só os movimentos a partir desta data"}}, paging...),
		response: "[]Movimento",
	},
	"post /v2/peticoes": {
		description: "Protocola uma petição intercorrente em processo já distribuído. Os documentos vão em PDF, codificados em base64, até 10 MB cada.",
		params:      []param{{name: "Idempotency-Key", in: "header", typ: "string", desc: "Chave que torna o reenvio seguro: o mesmo protocolo volta"}},
		body:        "Peticao",
		bodyExample: map[string]any{"numeroProcesso": "0001234-56.2024.8.26.0100", "tipoPeticao": "Manifestação",
			"documentos": []any{map[string]any{"nome": "manifestacao.pdf", "conteudo": "JVBERi0xLjcKJeLjz9MK"}}},
		status:   "201",
		response: "Protocolo",
	},
	"get /v1/comunicacoes": {
		params: append([]param{
			{name: "numeroOab", in: "query", typ: "string", desc: "Número da OAB do advogado"},
			{name: "ufOab", in: "query", typ: "string", desc: "UF da OAB", enum: []string{"SP", "RJ", "MG", "DF", "RS"}},
			{name: "dataInicio", in: "query", typ: "string", format: "date", desc: "Início do período de disponibilização", required: true},
			{name: "dataFim", in: "query", typ: "string", format: "date", desc: "Fim do período (até 30 dias após o início)"},
		}, paging...),
		response: "[]Comunicacao",
	},
	"post /v1/bens": {
		description: "Cadastra um bem apreendido, com o órgão custodiante e, se houver, os bens a ele vinculados.",
		body:        "Bem",
		status:      "201",
		response:    "Bem",
	},
	"get /v1/orgaos": {
		params: append([]param{
			{name: "nome", in: "query", typ: "string", desc: "Parte do nome do órgão julgador"},
			{name: "uf", in: "query", typ: "string", desc: "UF da sede", enum: []string{"SP", "RJ", "MG", "DF", "RS"}},
			{name: "competencia", in: "query", typ: "string", desc: "Competência (ex.: cível, criminal, família)"},
		}, paging...),
		response: "[]OrgaoJulgador",
		example: []any{map[string]any{"codigo": "48291", "nome": "1ª Vara Cível do Foro Central", "tribunal": "TJSP",
			"uf": "SP", "competencias": []string{"cível"}, "vigenteDesde": "2019-01-07"}},
	},
	"put /v1/orgaos/{codigo}/competencias": {
		body:        "Competencias",
		bodyExample: map[string]any{"competencias": []string{"cível", "família"}, "vigenteDesde": "2026-02-01"},
		response:    "OrgaoJulgador",
	},
}

func obj(required []string, props map[string]any) map[string]any {
	s := map[string]any{"type": "object", "properties": props}
	if required != nil {
		s["required"] = required
	}
	return s
}

func str(desc string) map[string]any { return map[string]any{"type": "string", "description": desc} }

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func arrayOf(item map[string]any) map[string]any {
	return map[string]any{"type": "array", "items": item}
}

// demoSchemas are the components the operations above name.
var demoSchemas = map[string]any{
	"PessoaFisica": obj([]string{"cpf", "nome", "situacao"}, map[string]any{
		"cpf": str("CPF, 11 dígitos"), "nome": str("Nome completo"),
		"dataNascimento": map[string]any{"type": "string", "format": "date"},
		"situacao":       map[string]any{"type": "string", "enum": []string{"regular", "suspensa", "cancelada", "nula"}},
		"dataInscricao":  map[string]any{"type": "string", "format": "date"},
	}),
	"ConsultaLote": obj([]string{"cpfs", "finalidade"}, map[string]any{
		"cpfs":       map[string]any{"type": "array", "maxItems": 500, "items": map[string]any{"type": "string"}, "description": "Até 500 CPFs"},
		"finalidade": str("Finalidade da consulta, para a auditoria"),
		"urlRetorno": map[string]any{"type": "string", "format": "uri", "description": "Avisada quando o lote termina"},
	}),
	"Protocolo": obj([]string{"protocolo", "recebidoEm"}, map[string]any{
		"protocolo":  str("Protocolo da operação"),
		"recebidoEm": map[string]any{"type": "string", "format": "date-time"},
		"situacao":   map[string]any{"type": "string", "enum": []string{"recebido", "processando", "concluido"}},
	}),
	"Processo": obj([]string{"numero", "classe"}, map[string]any{
		"numero": str("Número CNJ"), "classe": str("Classe processual (TPU)"),
		"assuntos":        arrayOf(map[string]any{"type": "string"}),
		"orgaoJulgador":   str("Órgão julgador"),
		"dataAjuizamento": map[string]any{"type": "string", "format": "date"},
		"segredoJustica":  map[string]any{"type": "boolean"},
		"partes":          arrayOf(ref("Parte")),
	}),
	"Parte": obj([]string{"polo", "nome"}, map[string]any{
		"polo":      map[string]any{"type": "string", "enum": []string{"ativo", "passivo", "terceiro"}},
		"nome":      str("Nome da parte"),
		"advogados": arrayOf(map[string]any{"type": "string", "description": "OAB/UF número"}),
	}),
	"Movimento": obj([]string{"data", "codigo", "descricao"}, map[string]any{
		"data":      map[string]any{"type": "string", "format": "date-time"},
		"codigo":    map[string]any{"type": "integer", "description": "Código do movimento (TPU)"},
		"descricao": str("Descrição do movimento"),
	}),
	"Peticao": obj([]string{"numeroProcesso", "tipoPeticao", "documentos"}, map[string]any{
		"numeroProcesso": str("Número CNJ do processo"),
		"tipoPeticao":    str("Tipo de petição (TPU)"),
		"documentos":     arrayOf(ref("Documento")),
	}),
	"Documento": obj([]string{"nome", "conteudo"}, map[string]any{
		"nome":     str("Nome do arquivo"),
		"conteudo": map[string]any{"type": "string", "format": "byte", "description": "PDF em base64"},
	}),
	"Comunicacao": obj([]string{"hash", "tipo", "dataDisponibilizacao"}, map[string]any{
		"hash": str("Identificador da comunicação"), "tipo": map[string]any{"type": "string", "enum": []string{"intimacao", "citacao", "edital"}},
		"dataDisponibilizacao": map[string]any{"type": "string", "format": "date"},
		"numeroProcesso":       str("Número CNJ"), "tribunal": str("Sigla do tribunal"), "texto": str("Teor da comunicação"),
	}),
	// Bem names itself (a bem may hold others): the reader must not loop.
	"Bem": obj([]string{"descricao", "tipo", "orgaoCustodiante"}, map[string]any{
		"descricao":        str("Descrição do bem"),
		"tipo":             map[string]any{"type": "string", "enum": []string{"veiculo", "imovel", "valores", "outros"}},
		"orgaoCustodiante": str("Órgão que guarda o bem"),
		"numeroProcesso":   str("Processo em que foi apreendido"),
		"valorEstimado":    map[string]any{"type": "number", "format": "double"},
		"vinculados":       arrayOf(ref("Bem")),
	}),
	"OrgaoJulgador": obj([]string{"codigo", "nome", "tribunal"}, map[string]any{
		"codigo": str("Código SIESPJ"), "nome": str("Nome do órgão"), "tribunal": str("Sigla do tribunal"),
		"uf": str("UF da sede"), "competencias": arrayOf(map[string]any{"type": "string"}),
		"vigenteDesde": map[string]any{"type": "string", "format": "date"},
	}),
	"Competencias": obj([]string{"competencias", "vigenteDesde"}, map[string]any{
		"competencias": arrayOf(map[string]any{"type": "string"}),
		"vigenteDesde": map[string]any{"type": "string", "format": "date"},
	}),
}
