package sei

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// answering is a server that answers every call with status and body.
func answering(t *testing.T, status int, body string, delay time.Duration) *Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		w.WriteHeader(status)
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, Sigla: "GECLI", Key: "k", Unidade: "1", TipoProcedimento: "2", SerieDocumento: "3",
		Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An answer as PHP's SoapServer writes it for SEI (namespace prefix ns1,
// typed values, an encoded array).
const gerarAnswer = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="Sei"
 xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/" SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
<SOAP-ENV:Body><ns1:gerarProcedimentoResponse><parametros xsi:type="ns1:RetornoGeracaoProcedimento">
<IdProcedimento xsi:type="xsd:string">4521</IdProcedimento>
<ProcedimentoFormatado xsi:type="xsd:string">00001.000123/2026-71</ProcedimentoFormatado>
<LinkAcesso xsi:type="xsd:string">https://sei.example.jus.br/sei/controlador.php?acao=procedimento_trabalhar&amp;id_procedimento=4521</LinkAcesso>
<RetornoInclusaoDocumentos SOAP-ENC:arrayType="ns1:RetornoInclusaoDocumento[1]" xsi:type="ns1:ArrayOfRetornoInclusaoDocumento">
<item xsi:type="ns1:RetornoInclusaoDocumento"><IdDocumento xsi:type="xsd:string">9001</IdDocumento>
<DocumentoFormatado xsi:type="xsd:string">0000456</DocumentoFormatado><LinkAcesso xsi:type="xsd:string">https://sei/doc/9001</LinkAcesso></item>
</RetornoInclusaoDocumentos></parametros></ns1:gerarProcedimentoResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`

const faultAnswer = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>
<faultcode>SOAP-ENV:Server</faultcode><faultstring>Unidade [110000999] não encontrada.</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`

// TestAnswersFaultsAndOutagesAreTold: an answer is read in the WSDL's
// shape; a SOAP fault is a Fault with SEI's own message; what is not SEI
// answering (a timeout, a gateway's 502, HTML, a 500 with no fault) is
// Unavailable, to be tried again.
func TestAnswersFaultsAndOutagesAreTold(t *testing.T) {
	ctx := context.Background()
	got, err := answering(t, 200, gerarAnswer, 0).GerarProcedimento(ctx, Procedimento{}, nil)
	if err != nil || got.ProcedimentoFormatado != "00001.000123/2026-71" || got.IdProcedimento != "4521" ||
		len(got.RetornoInclusaoDocumentos.Items) != 1 || got.RetornoInclusaoDocumentos.Items[0].DocumentoFormatado != "0000456" ||
		got.LinkAcesso != "https://sei.example.jus.br/sei/controlador.php?acao=procedimento_trabalhar&id_procedimento=4521" {
		t.Fatalf("answer: %+v %v", got, err)
	}

	_, err = answering(t, 500, faultAnswer, 0).IncluirDocumento(ctx, Documento{})
	var f *Fault
	if !errors.As(err, &f) || f.Message != "Unidade [110000999] não encontrada." || f.Code != "SOAP-ENV:Server" || f.Operation != "incluirDocumento" {
		t.Fatalf("fault: %#v", err)
	}

	for name, c := range map[string]*Client{
		"timeout":         answering(t, 200, gerarAnswer, 2*time.Second),
		"a gateway's 502": answering(t, 502, "<html>Bad Gateway</html>", 0),
		"HTML with 200":   answering(t, 200, "<html><body>manutenção</body></html>", 0),
		"500, no fault":   answering(t, 500, "Fatal error: Allowed memory size exhausted", 0),
		"another answer":  answering(t, 200, gerarAnswer, 0),
	} {
		var err error
		if name == "another answer" {
			_, err = c.ConsultarProcedimento(ctx, "x") // the answer of another operation
		} else {
			_, err = c.ConsultarProcedimento(ctx, "00001.000123/2026-71")
		}
		var u *Unavailable
		if !errors.As(err, &u) || errors.As(err, &f) {
			t.Errorf("%s: %#v, want Unavailable", name, err)
		}
	}
	if _, err := New(Config{URL: "http://x", Sigla: "S"}); err == nil {
		t.Error("a configuration without its key was accepted")
	}
}

// TestTheKeyNeverLeavesInAFault: SEI's message for a service it does not
// find names the identification it was given; the client keeps the
// message and drops the key.
func TestTheKeyNeverLeavesInAFault(t *testing.T) {
	leak := `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>` +
		`<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>Serviço [k] do sistema [OUTRO] não encontrado.</faultstring>` +
		`</SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`
	_, err := answering(t, 500, leak, 0).ConsultarProcedimento(context.Background(), "x")
	var f *Fault
	if !errors.As(err, &f) || f.Message != "Serviço [***] do sistema [OUTRO] não encontrado." {
		t.Fatalf("fault: %#v", err)
	}
}
