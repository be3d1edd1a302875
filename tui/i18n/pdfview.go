package i18n

// PDFViewText is the wording of the PDF viewer (attachments, opinions'
// PDFs, terms of use), of the picker of a request's files, and of the
// keys that open them.
type PDFViewText struct {
	// Loading: the file is being fetched and read.
	Loading string
	// Page: %s the page at the top of the screen, %s how many.
	Page string
	// PageMark is the line that starts a page after the first: %s page.
	PageMark string
	// EmptyPage and UnreadablePage stand in for a page's text.
	EmptyPage, UnreadablePage string
	// Lines: %s first line shown, %s last, %s all of them.
	Lines string
	// Truncated ends a document cut at the viewer's limits: %s pages,
	// %s megabytes of text.
	Truncated string

	// What keeps a document from being read. NoText: it has no text
	// layer; the rest are the reader's refusals; TooLarge: %s the limit
	// in MB.
	NoText, NotPDF, Incomplete, Encrypted, Unreadable, TooLarge, Timeout string
	// Busy: other documents hold every reading slot (a hostile file's
	// reading goes on after its deadline).
	Busy string

	// Search. Placeholder is the input's; Found: %s the text, %s which
	// match, %s how many; NotFound: %s the text; Many: the matches were
	// too many to count all (%s the ones counted).
	Placeholder, Found, NotFound, Many string

	// Keys.
	KeyRead, KeyReadTerms, KeySearch, KeyMatch, KeyClose, KeyRetry string

	// The picker of a request's files: PickTitle %s how many; Opinion:
	// %s who wrote it; Size: %s kilobytes.
	PickTitle, PickHint, Opinion, Size string
	// TermsTitle: %s the API, %s the version of its terms.
	TermsTitle string
	// NoFiles: the request has no PDF to read; SignIn and TermsSignIn:
	// reading needs a session.
	NoFiles, SignIn, TermsSignIn string
}

var pdfViewPtBR = PDFViewText{
	Loading:        "carregando…",
	Page:           "página %s de %s",
	PageMark:       "página %s",
	EmptyPage:      "(página sem texto)",
	UnreadablePage: "(não foi possível ler esta página)",
	Lines:          "linhas %s–%s de %s",
	Truncated:      "O documento continua além do que o leitor mostra (até %s páginas ou %s MB de texto): baixe o arquivo para ler o resto.",

	NoText:     "Este PDF não tem camada de texto (é uma imagem digitalizada): não há texto para mostrar aqui. Baixe o arquivo e abra-o num leitor de PDF.",
	NotPDF:     "O arquivo não é um PDF.",
	Incomplete: "O PDF está incompleto (o arquivo foi cortado): não há como lê-lo.",
	Encrypted:  "O PDF está protegido por senha ou cifrado de um modo que o leitor não abre. Baixe o arquivo e abra-o num leitor de PDF.",
	Unreadable: "Não foi possível ler este PDF: o arquivo está danificado ou usa recursos que o leitor não conhece. Baixe-o e abra-o num leitor de PDF.",
	TooLarge:   "O PDF passa do limite de %s MB.",
	Timeout:    "A leitura do PDF demorou demais e foi interrompida. Tente de novo (r) ou baixe o arquivo.",
	Busy:       "Outros PDFs ainda estão sendo lidos e ocupam a leitura. Tente de novo (r) em instantes ou baixe o arquivo.",

	Placeholder: "buscar no documento",
	Found:       "“%s”: %s de %s",
	NotFound:    "“%s”: nada encontrado",
	Many:        "“%s”: mais de %s resultados; n e N percorrem os primeiros",

	KeyRead: "ler PDF", KeyReadTerms: "ler o termo de uso", KeySearch: "buscar no texto",
	KeyMatch: "próximo/anterior", KeyClose: "fechar", KeyRetry: "tentar de novo",

	PickTitle:   "Ler qual arquivo? (%s)",
	PickHint:    "↑/↓ escolhe · enter lê · esc volta",
	Opinion:     "parecer de %s",
	Size:        "%s KB",
	TermsTitle:  "Termo de uso · %s (versão %s)",
	NoFiles:     "Esta solicitação não tem PDFs para ler.",
	SignIn:      "Entre (L) para ler os arquivos da solicitação.",
	TermsSignIn: "Entre (L) para ler o termo de uso.",
}

var pdfViewEn = PDFViewText{
	Loading:        "loading…",
	Page:           "page %s of %s",
	PageMark:       "page %s",
	EmptyPage:      "(page without text)",
	UnreadablePage: "(this page could not be read)",
	Lines:          "lines %s–%s of %s",
	Truncated:      "The document goes on beyond what the viewer shows (up to %s pages or %s MB of text): download the file to read the rest.",

	NoText:     "This PDF has no text layer (it is a scanned image): there is no text to show here. Download the file and open it in a PDF reader.",
	NotPDF:     "The file is not a PDF.",
	Incomplete: "The PDF is incomplete (the file was cut short): it cannot be read.",
	Encrypted:  "The PDF is password-protected or encrypted in a way the viewer cannot open. Download the file and open it in a PDF reader.",
	Unreadable: "This PDF could not be read: the file is damaged or uses features the viewer does not know. Download it and open it in a PDF reader.",
	TooLarge:   "The PDF is over the %s MB limit.",
	Timeout:    "Reading the PDF took too long and was stopped. Try again (r) or download the file.",
	Busy:       "Other PDFs are still being read and hold every reading slot. Try again (r) in a moment or download the file.",

	Placeholder: "search the document",
	Found:       "“%s”: %s of %s",
	NotFound:    "“%s”: not found",
	Many:        "“%s”: over %s matches; n and N go through the first ones",

	KeyRead: "read PDF", KeyReadTerms: "read the terms of use", KeySearch: "search the text",
	KeyMatch: "next/previous", KeyClose: "close", KeyRetry: "try again",

	PickTitle:   "Read which file? (%s)",
	PickHint:    "↑/↓ choose · enter reads · esc back",
	Opinion:     "opinion by %s",
	Size:        "%s KB",
	TermsTitle:  "Terms of use · %s (version %s)",
	NoFiles:     "This request has no PDFs to read.",
	SignIn:      "Sign in (L) to read the request's files.",
	TermsSignIn: "Sign in (L) to read the terms of use.",
}
