package seed

import "github.com/gecli/gecli/api"

// demoAPI is one catalog entry of the demo dataset, in the spirit of the
// FAQ's examples (3.1, 3.20): Consulta CPF, Consulta IES, PJe Gateway, DJE,
// SNGB, Datalake, TPU and notification services.
type demoAPI struct {
	id, name, acronym, owner, description string
	category                              api.Category
	system                                api.SystemType
	hmg, prd                              bool // environments offered
	termsVersion                          string
	fields                                []api.CustomField
	rule                                  *api.RuleSet // override of the matrix
	endpoints                             []endpoint
}

const (
	ownerDTI      = "DTI/CNJ – Departamento de Tecnologia da Informação"
	ownerPDPJ     = "Equipe PDPJ – Programa Justiça 4.0"
	ownerDPJ      = "DPJ/CNJ – Departamento de Pesquisas Judiciárias"
	ownerSistemas = "Sistemas Nacionais/CNJ"
)

var demoAPIs = []demoAPI{
	{id: "consulta-cpf", name: "Consulta CPF", acronym: "CPF", owner: ownerDTI, category: api.CatData, system: api.SysOther,
		hmg: true, prd: true, termsVersion: "3.1",
		description: "Consulta a situação cadastral de pessoas físicas na base da Receita Federal, com nome, data de nascimento e situação do CPF.",
		endpoints: []endpoint{
			{"get", "/v1/pessoas-fisicas/{cpf}", "Consulta a situação cadastral de um CPF"},
			{"post", "/v1/pessoas-fisicas/lote", "Consulta até 500 CPFs em lote"},
			{"get", "/v1/pessoas-fisicas/lote/{protocolo}", "Resultado de uma consulta em lote"},
		}},
	{id: "consulta-cnpj", name: "Consulta CNPJ", acronym: "CNPJ", owner: ownerDTI, category: api.CatData, system: api.SysOther,
		hmg: true, prd: true, termsVersion: "2.0",
		description: "Dados cadastrais de pessoas jurídicas (razão social, situação, endereço e quadro societário), inclusive CNPJ alfanumérico.",
		endpoints: []endpoint{
			{"get", "/v1/pessoas-juridicas/{cnpj}", "Dados cadastrais de um CNPJ"},
			{"get", "/v1/pessoas-juridicas/{cnpj}/socios", "Quadro de sócios e administradores"},
		}},
	{id: "consulta-ies", name: "Consulta IES", acronym: "IES", owner: ownerDTI, category: api.CatData, system: api.SysOther,
		hmg: true, prd: true, termsVersion: "1.2",
		description: "Instituições de ensino superior e cursos reconhecidos pelo MEC (e-MEC), para validação de diplomas em concursos e cadastros.",
		endpoints: []endpoint{
			{"get", "/v1/instituicoes", "Pesquisa instituições por nome, UF ou código e-MEC"},
			{"get", "/v1/instituicoes/{codigo}", "Detalhe de uma instituição"},
			{"get", "/v1/instituicoes/{codigo}/cursos", "Cursos reconhecidos da instituição"},
		}},
	{id: "pje-gateway", name: "PJe Gateway", acronym: "PJE-GW", owner: ownerPDPJ, category: api.CatCoreServices, system: api.SysOther,
		hmg: true, prd: true, termsVersion: "4.0",
		description: "Acesso unificado aos processos do PJe de todos os tribunais: capa, movimentos, documentos e peticionamento intercorrente.",
		endpoints: []endpoint{
			{"get", "/v2/processos/{numero}", "Capa e partes de um processo (número CNJ)"},
			{"get", "/v2/processos/{numero}/movimentos", "Movimentações do processo"},
			{"get", "/v2/processos/{numero}/documentos", "Lista os documentos públicos do processo"},
			{"get", "/v2/processos/{numero}/documentos/{id}", "Baixa um documento em PDF"},
			{"post", "/v2/peticoes", "Protocola uma petição intercorrente"},
		}},
	{id: "djen-consulta", name: "Diário de Justiça Eletrônico Nacional – Consulta", acronym: "DJEN", owner: ownerSistemas,
		category: api.CatNotification, system: api.SysDJE, hmg: true, prd: true, termsVersion: "2.3",
		description: "Comunicações processuais publicadas no DJEN por todos os tribunais, com busca por OAB, parte, processo e período.",
		endpoints: []endpoint{
			{"get", "/v1/comunicacoes", "Pesquisa comunicações por OAB, parte, processo ou data"},
			{"get", "/v1/comunicacoes/{hash}", "Texto integral de uma comunicação"},
			{"get", "/v1/cadernos/{tribunal}/{data}", "Caderno diário de um tribunal em PDF"},
		}},
	{id: "djen-publicacao", name: "DJEN – Publicação", acronym: "DJEN-PUB", owner: ownerSistemas,
		category: api.CatNotification, system: api.SysDJE, hmg: true, prd: true, termsVersion: "2.3",
		description: "Envio de intimações, editais e demais atos para publicação no Diário de Justiça Eletrônico Nacional.",
		endpoints: []endpoint{
			{"post", "/v1/comunicacoes", "Envia um ato para publicação"},
			{"get", "/v1/comunicacoes/{id}/situacao", "Situação da publicação"},
			{"delete", "/v1/comunicacoes/{id}", "Cancela um ato ainda não publicado"},
		}},
	{id: "sngb", name: "Sistema Nacional de Gestão de Bens", acronym: "SNGB", owner: ownerSistemas,
		category: api.CatData, system: api.SysSNGB, hmg: true, prd: true, termsVersion: "1.0",
		description: "Cadastro e destinação de bens apreendidos e acautelados em processos judiciais, com histórico de custódia.",
		fields: []api.CustomField{
			{Name: "orgao_custodiante", Label: "Órgão custodiante", Type: "string", Required: true},
			{Name: "codigo_unidade", Label: "Código da unidade judiciária (SIESPJ)", Type: "string", Required: true, Pattern: `^\d{4,6}$`},
			{Name: "volume_mensal", Label: "Volume mensal estimado de bens", Type: "integer", Required: false},
		},
		endpoints: []endpoint{
			{"get", "/v1/bens", "Pesquisa bens por processo, tipo ou unidade"},
			{"post", "/v1/bens", "Cadastra um bem apreendido"},
			{"get", "/v1/bens/{id}", "Detalhe e histórico de custódia de um bem"},
			{"patch", "/v1/bens/{id}/destinacao", "Registra a destinação de um bem"},
		}},
	{id: "datalake-pdpj", name: "Datalake PDPJ", acronym: "DATALAKE", owner: ownerDPJ,
		category: api.CatData, system: api.SysDatalake, hmg: true, prd: true, termsVersion: "1.4",
		description: "Consultas analíticas sobre a base consolidada de processos da PDPJ, com conjuntos de dados anonimizados.",
		endpoints: []endpoint{
			{"get", "/v1/datasets", "Conjuntos de dados disponíveis"},
			{"get", "/v1/datasets/{id}", "Dicionário de dados de um conjunto"},
			{"post", "/v1/consultas", "Submete uma consulta SQL assíncrona"},
			{"get", "/v1/consultas/{id}/resultado", "Resultado paginado de uma consulta"},
		}},
	{id: "datajud", name: "DataJud – Base Nacional de Dados do Poder Judiciário", acronym: "DATAJUD", owner: ownerDPJ,
		category: api.CatData, system: api.SysDatalake, hmg: true, prd: true, termsVersion: "2.1",
		description: "Metadados processuais de todos os tribunais (Res. CNJ 331/2020) para pesquisa, estatística e painéis.",
		endpoints: []endpoint{
			{"post", "/v1/{tribunal}/_search", "Pesquisa processos de um tribunal (consulta DSL)"},
			{"get", "/v1/tribunais", "Tribunais e índices disponíveis"},
		}},
	{id: "codex", name: "Codex – Texto Integral de Decisões", acronym: "CODEX", owner: ownerDPJ,
		category: api.CatData, system: api.SysDatalake, hmg: false, prd: true, termsVersion: "1.0",
		description: "Texto integral anonimizado de decisões e sentenças para pesquisa jurisprudencial e treinamento de modelos.",
		endpoints: []endpoint{
			{"get", "/v1/documentos", "Pesquisa decisões por termo, classe ou tribunal"},
			{"get", "/v1/documentos/{id}", "Texto integral de uma decisão"},
		}},
	{id: "tpu", name: "Tabelas Processuais Unificadas", acronym: "TPU", owner: ownerSistemas,
		category: api.CatCoreServices, system: api.SysOther, hmg: true, prd: true, termsVersion: "1.1",
		rule:        &api.RuleSet{HMG: api.RuleAuto, PRD: api.RuleAuto}, // public reference tables
		description: "Classes, assuntos, movimentos e tipos de documento das TPU (Res. CNJ 46/2007), com versões e vigência.",
		endpoints: []endpoint{
			{"get", "/v1/classes", "Classes processuais vigentes"},
			{"get", "/v1/assuntos", "Árvore de assuntos"},
			{"get", "/v1/movimentos", "Movimentos processuais"},
			{"get", "/v1/documentos", "Tipos de documento"},
			{"get", "/v1/versoes", "Versões publicadas das tabelas"},
		}},
	{id: "domicilio-eletronico", name: "Domicílio Judicial Eletrônico", acronym: "DOMICILIO", owner: ownerPDPJ,
		category: api.CatNotification, system: api.SysOther, hmg: true, prd: true, termsVersion: "3.0",
		description: "Citações e intimações eletrônicas a pessoas jurídicas e órgãos públicos, com registro de ciência.",
		endpoints: []endpoint{
			{"get", "/v1/comunicacoes", "Comunicações recebidas pelo destinatário"},
			{"get", "/v1/comunicacoes/{id}", "Conteúdo de uma comunicação"},
			{"post", "/v1/comunicacoes/{id}/ciencia", "Registra a ciência de uma comunicação"},
		}},
	{id: "notificacoes-pdpj", name: "Serviço de Notificações PDPJ", acronym: "NOTIFICA", owner: ownerPDPJ,
		category: api.CatNotification, system: api.SysOther, hmg: true, prd: false, termsVersion: "0.9",
		description: "Assinaturas de eventos processuais (webhooks): receba um aviso quando um processo acompanhado é movimentado.",
		endpoints: []endpoint{
			{"post", "/v1/assinaturas", "Cria uma assinatura de eventos"},
			{"get", "/v1/assinaturas", "Lista as assinaturas da instituição"},
			{"delete", "/v1/assinaturas/{id}", "Cancela uma assinatura"},
			{"get", "/v1/eventos", "Eventos entregues nas últimas 72 horas"},
		}},
	{id: "parametros-tribunais", name: "Parâmetros de Integração dos Tribunais", acronym: "PARAM", owner: ownerPDPJ,
		category: api.CatConfiguration, system: api.SysOther, hmg: true, prd: true, termsVersion: "1.0",
		description: "Endereços, versões do PJe, calendários de expediente e feriados forenses de cada tribunal.",
		endpoints: []endpoint{
			{"get", "/v1/tribunais", "Tribunais integrados à PDPJ"},
			{"get", "/v1/tribunais/{sigla}/parametros", "Parâmetros de integração de um tribunal"},
			{"get", "/v1/tribunais/{sigla}/feriados", "Feriados e suspensões de prazo"},
		}},
	{id: "orgaos-julgadores", name: "Cadastro Nacional de Órgãos Julgadores", acronym: "CNOJ", owner: ownerSistemas,
		category: api.CatConfiguration, system: api.SysOther, hmg: true, prd: true, termsVersion: "1.3",
		description: "Unidades judiciárias, competências e serventias de todo o país, com código SIESPJ e vigência.",
		endpoints: []endpoint{
			{"get", "/v1/orgaos", "Pesquisa órgãos julgadores"},
			{"get", "/v1/orgaos/{codigo}", "Detalhe de um órgão julgador"},
			{"put", "/v1/orgaos/{codigo}/competencias", "Atualiza as competências (tribunais)"},
		}},
	{id: "webhooks-gateway", name: "Configuração de Webhooks do Gateway", acronym: "HOOKS", owner: ownerPDPJ,
		category: api.CatConfiguration, system: api.SysOther, hmg: true, prd: false, termsVersion: "1.0",
		description: "Cadastro de URLs de retorno, segredos de assinatura HMAC e políticas de reenvio para integrações do Gateway.",
		endpoints: []endpoint{
			{"get", "/v1/webhooks", "Webhooks configurados"},
			{"post", "/v1/webhooks", "Cadastra uma URL de retorno"},
			{"post", "/v1/webhooks/{id}/teste", "Envia um evento de teste"},
		}},
	{id: "corporativo", name: "Corporativo CNJ – Pessoas e Unidades", acronym: "CORP", owner: ownerDTI,
		category: api.CatCoreServices, system: api.SysOther, hmg: true, prd: true, termsVersion: "2.2",
		description: "Magistrados, servidores e unidades do Poder Judiciário, base para perfis de acesso e lotação.",
		endpoints: []endpoint{
			{"get", "/v1/pessoas/{cpf}", "Dados funcionais de um magistrado ou servidor"},
			{"get", "/v1/unidades", "Unidades organizacionais"},
			{"get", "/v1/unidades/{id}/lotacoes", "Pessoas lotadas em uma unidade"},
		}},
	{id: "sei-integracao", name: "Integração SEI/CNJ", acronym: "SEI", owner: ownerDTI,
		category: api.CatCoreServices, system: api.SysOther, hmg: true, prd: true, termsVersion: "1.0",
		description: "Geração de processos SEI a partir de solicitações, anexação de documentos e consulta de número, unidade e situação.",
		endpoints: []endpoint{
			{"post", "/v1/processos", "Gera um processo SEI"},
			{"get", "/v1/processos/{numero}", "Metadados do processo (unidade e situação)"},
			{"post", "/v1/processos/{numero}/documentos", "Anexa um documento ao processo"},
		}},
}
