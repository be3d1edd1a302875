package sei

import (
	"bufio"
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
)

// wsdl is what testdata/wsdl_parts.txt says of SEI's WSDL.
type wsdl struct {
	parts map[string][]string          // op -> part names in order
	types map[string]map[string]string // part name -> xsi type of a structured part, per op
	elems map[string]map[string]bool   // type -> element -> required
}

func readWSDL(t *testing.T) wsdl {
	t.Helper()
	f, err := os.Open("testdata/wsdl_parts.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := wsdl{parts: map[string][]string{}, types: map[string]map[string]string{}, elems: map[string]map[string]bool{}}
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) == 0 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		if fields[0] == "type" {
			w.elems[fields[1]] = map[string]bool{}
			for _, e := range fields[2:] {
				w.elems[fields[1]][strings.TrimSuffix(e, "*")] = strings.HasSuffix(e, "*")
			}
			continue
		}
		op := fields[0]
		w.types[op] = map[string]string{}
		for _, p := range fields[1:] {
			name, typ, _ := strings.Cut(p, ":")
			w.parts[op] = append(w.parts[op], name)
			if typ != "" {
				w.types[op][name] = typ
			}
		}
	}
	return w
}

// el is an element of a captured envelope.
type el struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Kids    []el       `xml:",any"`
	Text    string     `xml:",chardata"`
}

func (e el) attr(local string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// capture answers every call with an empty fault and keeps what was sent.
func capture(t *testing.T) (*Client, *[]*http.Request, *[][]byte) {
	t.Helper()
	var reqs []*http.Request
	var bodies [][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		reqs, bodies = append(reqs, r), append(bodies, b)
		w.WriteHeader(500)
		io.WriteString(w, `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>`+
			`<SOAP-ENV:Fault><faultcode>SOAP-ENV:Server</faultcode><faultstring>captured</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{URL: srv.URL, Sigla: "GECLI", Key: "chave", Unidade: "110000001", TipoProcedimento: "100000100", SerieDocumento: "12"})
	if err != nil {
		t.Fatal(err)
	}
	return c, &reqs, &bodies
}

// TestEnvelopesHaveTheWSDLsShape: every operation's envelope is SOAP 1.1
// RPC/encoded as SEI's binding declares it (SOAPAction "SeiAction", the
// operation in namespace Sei), with exactly the WSDL's parts in order,
// structured parts typed as the WSDL types them, and within them only the
// types' elements, the required ones present.
func TestEnvelopesHaveTheWSDLsShape(t *testing.T) {
	w := readWSDL(t)
	c, reqs, bodies := capture(t)
	ctx := context.Background()
	doc := Documento{Descricao: "Solicitação de acesso", NomeArquivo: "solicitacao.pdf", Data: "01/12/2026", Conteudo: []byte("%PDF-1.4 x %%EOF"),
		Interessados: []Interessado{{Cnpj: "11222333000181", Nome: "Tribunal"}}}
	c.GerarProcedimento(ctx, Procedimento{Especificacao: "Acesso à API DataJud", NivelAcesso: AcessoPublico,
		Assuntos: []Assunto{{CodigoEstruturado: "019.1", Descricao: "Acesso"}}, Interessados: []Interessado{{Cnpj: "11222333000181", Nome: "Tribunal"}}},
		[]Documento{doc})
	doc.ProtocoloProcedimento = "00001.000001/2026-01"
	c.IncluirDocumento(ctx, doc)
	c.ConsultarProcedimento(ctx, "00001.000001/2026-01")
	c.LancarAndamento(ctx, "00001.000001/2026-01", "Solicitação aprovada por Bruno Lima")

	ops := []string{"gerarProcedimento", "incluirDocumento", "consultarProcedimento", "lancarAndamento"}
	if len(*bodies) != len(ops) {
		t.Fatalf("%d calls, want %d", len(*bodies), len(ops))
	}
	for i, op := range ops {
		r := (*reqs)[i]
		if r.Method != "POST" || r.Header.Get("SOAPAction") != `"SeiAction"` || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/xml") {
			t.Errorf("%s: %s, SOAPAction %q, Content-Type %q", op, r.Method, r.Header.Get("SOAPAction"), r.Header.Get("Content-Type"))
		}
		var env el
		if err := xml.Unmarshal((*bodies)[i], &env); err != nil {
			t.Fatalf("%s: not XML: %v", op, err)
		}
		if env.XMLName.Space != "http://schemas.xmlsoap.org/soap/envelope/" || env.XMLName.Local != "Envelope" ||
			env.attr("encodingStyle") != "http://schemas.xmlsoap.org/soap/encoding/" || len(env.Kids) != 1 || env.Kids[0].XMLName.Local != "Body" {
			t.Fatalf("%s: not a SOAP 1.1 encoded envelope: %s", op, (*bodies)[i])
		}
		call := env.Kids[0].Kids[0]
		if call.XMLName.Space != "Sei" || call.XMLName.Local != op {
			t.Errorf("%s: body element %v", op, call.XMLName)
		}
		var names []string
		for _, p := range call.Kids {
			names = append(names, p.XMLName.Local)
			typ := strings.TrimPrefix(p.attr("type"), "sei:")
			if want, ok := w.types[op][p.XMLName.Local]; ok {
				if typ != want {
					t.Errorf("%s.%s: xsi:type %q, want %q", op, p.XMLName.Local, typ, want)
				}
			} else if p.attr("type") != "xsd:string" {
				t.Errorf("%s.%s: xsi:type %q, want xsd:string", op, p.XMLName.Local, p.attr("type"))
			}
			checkStruct(t, w, op+"."+p.XMLName.Local, p)
		}
		if !slices.Equal(names, w.parts[op]) {
			t.Errorf("%s parts:\n got %v\nwant %v", op, names, w.parts[op])
		}
	}
}

// checkStruct checks a structured value (or each item of an array) against
// its WSDL type's elements.
func checkStruct(t *testing.T, w wsdl, where string, e el) {
	t.Helper()
	if arrayType := e.attr("arrayType"); arrayType != "" {
		for _, item := range e.Kids {
			if item.XMLName.Local != "item" {
				t.Errorf("%s: array child %s, want item", where, item.XMLName.Local)
			}
			checkStruct(t, w, where+"[]", item)
		}
		return
	}
	elems, ok := w.elems[strings.TrimPrefix(e.attr("type"), "sei:")]
	if !ok {
		return
	}
	seen := map[string]bool{}
	for _, k := range e.Kids {
		if _, known := elems[k.XMLName.Local]; !known {
			t.Errorf("%s: %s is not an element of %s", where, k.XMLName.Local, e.attr("type"))
		}
		seen[k.XMLName.Local] = true
		checkStruct(t, w, where+"."+k.XMLName.Local, k)
	}
	for name, required := range elems {
		if required && !seen[name] {
			t.Errorf("%s: required element %s missing", where, name)
		}
	}
}
