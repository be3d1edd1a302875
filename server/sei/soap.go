// Package sei is a client of SEI's web service (SeiWS.php): the SOAP 1.1
// interface, RPC style with SOAP encoding, that every SEI installation
// exposes in namespace "Sei" (its WSDL, sei.wsdl, names the operations,
// their parts in order and the types used here). gecli generates a
// process for each access request, includes its documents and records its
// decisions as movements.
package sei

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// The namespaces of an RPC/encoded SOAP 1.1 message.
const (
	nsEnvelope = "http://schemas.xmlsoap.org/soap/envelope/"
	nsEncoding = "http://schemas.xmlsoap.org/soap/encoding/"
	nsSchema   = "http://www.w3.org/2001/XMLSchema"
	nsInstance = "http://www.w3.org/2001/XMLSchema-instance"
	nsSei      = "Sei"
	soapAction = "SeiAction" // every operation's, in the WSDL's binding
)

// node is one element of an encoded message: a typed value, a struct of
// named children, or a SOAP-encoded array of items.
type node struct {
	name  string
	typ   string // xsi:type, "xsd:string" or "sei:Procedimento"
	text  string
	kids  []node
	array string // element type of an array ("sei:Documento"); kids are its items
	null  bool   // xsi:nil: the part is sent, with no value
}

func str(name, v string) node { return node{name: name, typ: "xsd:string", text: v} }

// opt is a string part sent only when it has a value (minOccurs="0").
func opt(kids []node, name, v string) []node {
	if v == "" {
		return kids
	}
	return append(kids, str(name, v))
}

func strct(name, typ string, kids ...node) node {
	return node{name: name, typ: "sei:" + typ, kids: kids}
}

func array(name, arrayType, itemType string, items []node) node {
	for i := range items {
		items[i].name = "item"
	}
	n := node{name: name, typ: "sei:" + arrayType, array: itemType, kids: items}
	if itemType != "xsd:string" {
		n.array = "sei:" + itemType
	}
	return n
}

func strs(name, arrayType string, vals []string) node {
	items := make([]node, len(vals))
	for i, v := range vals {
		items[i] = str("item", v)
	}
	return array(name, arrayType, "xsd:string", items)
}

// envelope writes a request: the operation in namespace Sei, its parts as
// children in the WSDL's order.
func envelope(op string, parts []node) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	e := xml.NewEncoder(&buf)
	start := xml.StartElement{Name: xml.Name{Local: "SOAP-ENV:Envelope"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "xmlns:SOAP-ENV"}, Value: nsEnvelope},
		{Name: xml.Name{Local: "xmlns:SOAP-ENC"}, Value: nsEncoding},
		{Name: xml.Name{Local: "xmlns:xsd"}, Value: nsSchema},
		{Name: xml.Name{Local: "xmlns:xsi"}, Value: nsInstance},
		{Name: xml.Name{Local: "xmlns:sei"}, Value: nsSei},
		{Name: xml.Name{Local: "SOAP-ENV:encodingStyle"}, Value: nsEncoding},
	}}
	body := xml.StartElement{Name: xml.Name{Local: "SOAP-ENV:Body"}}
	call := xml.StartElement{Name: xml.Name{Local: "sei:" + op}}
	for _, t := range []xml.Token{start, body, call} {
		if err := e.EncodeToken(t); err != nil {
			return nil, err
		}
	}
	for _, p := range parts {
		if err := p.encode(e); err != nil {
			return nil, err
		}
	}
	for _, t := range []xml.Token{call.End(), body.End(), start.End()} {
		if err := e.EncodeToken(t); err != nil {
			return nil, err
		}
	}
	if err := e.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (n node) encode(e *xml.Encoder) error {
	start := xml.StartElement{Name: xml.Name{Local: n.name}}
	switch {
	case n.null:
		start.Attr = []xml.Attr{{Name: xml.Name{Local: "xsi:nil"}, Value: "true"}}
	case n.array != "":
		start.Attr = []xml.Attr{{Name: xml.Name{Local: "SOAP-ENC:arrayType"}, Value: n.array + "[" + strconv.Itoa(len(n.kids)) + "]"},
			{Name: xml.Name{Local: "xsi:type"}, Value: n.typ}}
	default:
		start.Attr = []xml.Attr{{Name: xml.Name{Local: "xsi:type"}, Value: n.typ}}
	}
	if err := e.EncodeToken(start); err != nil {
		return err
	}
	if n.kids == nil && n.text != "" {
		if err := e.EncodeToken(xml.CharData(n.text)); err != nil {
			return err
		}
	}
	for _, k := range n.kids {
		if err := k.encode(e); err != nil {
			return err
		}
	}
	return e.EncodeToken(start.End())
}

// Fault is SEI's refusal: a SOAP fault, with SEI's own message kept.
type Fault struct {
	Operation string
	Code      string // faultcode, e.g. SOAP-ENV:Server or SOAP-ENV:Client
	Message   string // faultstring, in SEI's words ("Unidade [110000999] não encontrada.")
}

func (f *Fault) Error() string { return "sei " + f.Operation + ": " + f.Message }

// Unavailable wraps what says nothing of the request itself: SEI could not
// be reached, took too long, or answered with something that is not SOAP.
// Such a send may be tried again as it was.
type Unavailable struct {
	Operation string
	Err       error
}

func (u *Unavailable) Error() string { return "sei " + u.Operation + ": unavailable: " + u.Err.Error() }
func (u *Unavailable) Unwrap() error { return u.Err }

type soapFault struct {
	Code   string `xml:"faultcode"`
	String string `xml:"faultstring"`
}

// decodeResponse reads the answer of op into out (the element inside
// <{op}Response>, SEI's "parametros"), or its fault.
func decodeResponse(op string, body io.Reader, out any) error {
	d := xml.NewDecoder(body)
	inBody := false
	for {
		tok, err := d.Token()
		if err != nil {
			return &Unavailable{Operation: op, Err: fmt.Errorf("no SOAP body in the answer: %w", err)}
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case !inBody && start.Name.Local == "Body":
			inBody = true
		case !inBody:
			continue
		case start.Name.Local == "Fault":
			var f soapFault
			if err := d.DecodeElement(&f, &start); err != nil {
				return &Unavailable{Operation: op, Err: err}
			}
			return &Fault{Operation: op, Code: f.Code, Message: f.String}
		case start.Name.Local == op+"Response":
			return decodeFirstChild(d, op, out)
		default:
			return &Unavailable{Operation: op, Err: fmt.Errorf("unexpected answer element %s", start.Name.Local)}
		}
	}
}

func decodeFirstChild(d *xml.Decoder, op string, out any) error {
	for {
		tok, err := d.Token()
		if err != nil {
			return &Unavailable{Operation: op, Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if out == nil {
				return d.Skip()
			}
			if err := d.DecodeElement(out, &t); err != nil {
				return &Unavailable{Operation: op, Err: fmt.Errorf("answer not in the WSDL's shape: %w", err)}
			}
			return nil
		case xml.EndElement:
			if out != nil {
				return &Unavailable{Operation: op, Err: errors.New("empty answer")}
			}
			return nil
		}
	}
}
