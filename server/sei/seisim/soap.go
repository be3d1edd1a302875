package seisim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

const (
	nsEnvelope11 = "http://schemas.xmlsoap.org/soap/envelope/"
	nsEnvelope12 = "http://www.w3.org/2003/05/soap-envelope"
	nsXSI        = "http://www.w3.org/2001/XMLSchema-instance"
	nsSei        = "Sei"
	maxDepth     = 64
)

// fault is a SOAP 1.1 fault: code is Client (the message is wrong),
// Server (SEI refused it: every business error) or VersionMismatch.
type fault struct {
	code, msg string
}

func (f *fault) Error() string { return f.code + ": " + f.msg }

func serverFault(format string, a ...any) *fault {
	return &fault{"Server", fmt.Sprintf(format, a...)}
}

func clientFault(format string, a ...any) *fault {
	return &fault{"Client", fmt.Sprintf(format, a...)}
}

// node is one element of a request, read generically: local names only,
// so any prefix (and any namespace below the operation) is accepted.
type node struct {
	ns, name string
	attrs    map[string]string // local name → value (xsi:type is "type", xsi:nil is "nil")
	nilAttr  bool
	text     string
	kids     []*node
	ids      map[string]*node // shared by the whole envelope: SOAP-ENC id → element, for href="#id"
}

// parseEnvelope reads a SOAP 1.1 envelope and returns its operation
// element (the Body's first child).
func parseEnvelope(body []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	ids := map[string]*node{}
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, clientFault("Envelope SOAP malformado: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, clientFault("Envelope SOAP não pode conter DTD.")
		case xml.StartElement:
			if len(stack) >= maxDepth {
				return nil, clientFault("Envelope SOAP aninhado demais.")
			}
			n := &node{ns: t.Name.Space, name: t.Name.Local, attrs: map[string]string{}, ids: ids}
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				n.attrs[a.Name.Local] = a.Value
				if a.Name.Space == nsXSI && a.Name.Local == "nil" && (a.Value == "true" || a.Value == "1") {
					n.nilAttr = true
				}
				if a.Name.Local == "id" && a.Name.Space == "" {
					ids[a.Value] = n
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, clientFault("Envelope SOAP malformado: mais de um elemento raiz.")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil || root.name != "Envelope" {
		return nil, clientFault("A mensagem não é um envelope SOAP.")
	}
	if root.ns == nsEnvelope12 {
		return nil, &fault{"VersionMismatch", "Este serviço fala SOAP 1.1 (namespace " + nsEnvelope11 + ")."}
	}
	if root.ns != nsEnvelope11 {
		return nil, &fault{"VersionMismatch", "Namespace de envelope desconhecido: " + root.ns}
	}
	var b *node
	for _, k := range root.kids {
		if k.name == "Body" && k.ns == nsEnvelope11 {
			b = k
		}
	}
	if b == nil {
		return nil, clientFault("Envelope SOAP sem Body.")
	}
	for _, k := range b.kids {
		if k.attrs["root"] == "0" { // a multiRef serialised after the call
			continue
		}
		return k, nil
	}
	return nil, clientFault("Body SOAP vazio: nenhuma operação.")
}

// deref follows a SOAP-encoding reference (href="#id") to the element
// it names.
func (n *node) deref() *node {
	for i := 0; n != nil && i < 8; i++ {
		h, ok := n.attrs["href"]
		if !ok || !strings.HasPrefix(h, "#") {
			return n
		}
		n = n.ids[h[1:]]
	}
	return n
}

// child is the first child called name (nil if absent or xsi:nil).
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			k = k.deref()
			if k == nil || k.nilAttr {
				return nil
			}
			return k
		}
	}
	return nil
}

// str is a child's text, trimmed; "" when absent or nil.
func (n *node) str(name string) string {
	c := n.child(name)
	if c == nil {
		return ""
	}
	return strings.TrimSpace(c.text)
}

// raw is a child's text as sent (a description keeps its spaces).
func (n *node) raw(name string) string {
	c := n.child(name)
	if c == nil {
		return ""
	}
	return c.text
}

// items are the members of a SOAP-encoded array (whatever they are
// called: item, or the type's name).
func (n *node) items(name string) []*node {
	c := n.child(name)
	if c == nil {
		return nil
	}
	var out []*node
	for _, k := range c.kids {
		if k = k.deref(); k != nil && !k.nilAttr {
			out = append(out, k)
		}
	}
	return out
}

// el is one element of an answer, written the way PHP's SoapServer
// writes rpc/encoded: every value with its xsi:type, arrays with
// SOAP-ENC:arrayType, absent values as xsi:nil.
type el struct {
	name, typ string
	text      string
	nilValue  bool
	arrayOf   string // the item type, for arrays
	kids      []el
}

func str(name, v string) el { return el{name: name, typ: "xsd:string", text: v} }

func obj(name, typ string, kids ...el) el { return el{name: name, typ: "ns1:" + typ, kids: kids} }

func null(name string) el { return el{name: name, nilValue: true} }

func arr(name, itemType string, items []el) el {
	for i := range items {
		items[i].name = "item"
	}
	return el{name: name, typ: "ns1:ArrayOf" + itemType, arrayOf: "ns1:" + itemType, kids: items}
}

func (e el) write(b *strings.Builder) {
	b.WriteString("<" + e.name)
	if e.nilValue {
		b.WriteString(` xsi:nil="true"/>`)
		return
	}
	if e.arrayOf != "" {
		fmt.Fprintf(b, ` SOAP-ENC:arrayType="%s[%d]"`, e.arrayOf, len(e.kids))
	}
	if e.typ != "" {
		b.WriteString(` xsi:type="` + e.typ + `"`)
	}
	b.WriteString(">")
	if len(e.kids) == 0 {
		xml.EscapeText(writerOf{b}, []byte(e.text))
	}
	for _, k := range e.kids {
		k.write(b)
	}
	b.WriteString("</" + e.name + ">")
}

type writerOf struct{ b *strings.Builder }

func (w writerOf) Write(p []byte) (int, error) { return w.b.Write(p) }

const envelopeOpen = `<?xml version="1.0" encoding="UTF-8"?>` +
	`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="Sei"` +
	` xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
	` xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"` +
	` SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><SOAP-ENV:Body>`

const envelopeClose = `</SOAP-ENV:Body></SOAP-ENV:Envelope>`

// writeResponse answers op with its one part, parametros.
func writeResponse(w http.ResponseWriter, op string, parametros el) {
	var b strings.Builder
	b.WriteString(envelopeOpen)
	b.WriteString("<ns1:" + op + "Response>")
	parametros.name = "parametros"
	parametros.write(&b)
	b.WriteString("</ns1:" + op + "Response>")
	b.WriteString(envelopeClose)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, b.String())
}

// writeFault answers HTTP 500 with a SOAP 1.1 fault, as SOAP 1.1 says.
func writeFault(w http.ResponseWriter, f *fault) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	b.WriteString(`<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault>`)
	b.WriteString("<faultcode>SOAP-ENV:" + f.code + "</faultcode><faultstring>")
	xml.EscapeText(writerOf{&b}, []byte(f.msg))
	b.WriteString("</faultstring></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>")
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	w.WriteHeader(http.StatusInternalServerError)
	io.WriteString(w, b.String())
}
