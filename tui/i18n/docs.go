package i18n

// DocsText is the wording of an endpoint's detail in Documentação (FAQ
// 3.11: parameters, request body, responses and a JSON example).
type DocsText struct {
	// KeyEndpoint opens the selected endpoint's detail.
	KeyEndpoint string
	// Section titles. ResponseExample: %s the status.
	Parameters, Body, Responses, RequestExample, ResponseExample string
	// The parameters' columns.
	ColName, ColIn, ColType, ColDesc string
	// Required marks what must be sent (a * beside the name); BodyRequired
	// says it of the whole body.
	Required, BodyRequired string
	// NoParameters, NoResponses: the document lists none.
	NoParameters, NoResponses string
	// Built: the example was made from the schema, the document has none;
	// Cut: it was longer than what is shown.
	Built, Cut string
	// Deprecated marks an operation the document says not to use.
	Deprecated string
}

var docsPtBR = DocsText{
	KeyEndpoint:     "ver o endpoint",
	Parameters:      "Parâmetros",
	Body:            "Corpo da requisição",
	Responses:       "Respostas",
	RequestExample:  "Exemplo de requisição",
	ResponseExample: "Exemplo de resposta (%s)",
	ColName:         "nome", ColIn: "em", ColType: "tipo", ColDesc: "descrição",
	Required:     "* obrigatório",
	BodyRequired: "obrigatório",
	NoParameters: "Sem parâmetros.",
	NoResponses:  "O documento não descreve respostas.",
	Built:        "montado a partir do esquema",
	Cut:          "… (exemplo cortado)",
	Deprecated:   "obsoleto",
}

var docsEn = DocsText{
	KeyEndpoint:     "view the endpoint",
	Parameters:      "Parameters",
	Body:            "Request body",
	Responses:       "Responses",
	RequestExample:  "Request example",
	ResponseExample: "Response example (%s)",
	ColName:         "name", ColIn: "in", ColType: "type", ColDesc: "description",
	Required:     "* required",
	BodyRequired: "required",
	NoParameters: "No parameters.",
	NoResponses:  "The document describes no responses.",
	Built:        "built from the schema",
	Cut:          "… (example cut)",
	Deprecated:   "deprecated",
}
