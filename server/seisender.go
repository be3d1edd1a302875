package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/sei"
)

// SEISender sends the outbox to SEI: it claims one due item at a time
// (several senders, on several replicas, never take the same one), sends
// it, and records the outcome; a failure is tried again later, longer
// each time.
type SEISender struct {
	DB     *db.DB
	SEI    *sei.Client
	Log    *slog.Logger
	Now    func() time.Time
	Lease  time.Duration // how long a claimed item is this sender's
	Every  time.Duration // how often it looks when idle
	Faults int           // SEI's refusals of one item before it waits for an admin
}

// Backoff bounds: the first retry after backoffMin, doubling to backoffMax.
const (
	backoffMin = 2 * time.Second
	backoffMax = 10 * time.Minute
)

// defaults fills what was left unset.
func (s *SEISender) defaults() {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Lease == 0 {
		s.Lease = 2 * time.Minute
	}
	if s.Every == 0 {
		s.Every = time.Second
	}
	if s.Faults == 0 {
		s.Faults = 5
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
}

// Start sends until ctx ends; stop waits for the send in progress.
func (s *SEISender) Start(ctx context.Context) (stop func()) {
	s.defaults()
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			// A send in progress is not cut by stop (SEI may already have
			// acted: cut, it would be sent again); it is bounded by the
			// client's timeout, and stop waits for it.
			for ctx.Err() == nil && s.SendOne(context.WithoutCancel(ctx)) {
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(s.Every): // idle: a new item waits at most this long
			}
		}
	}()
	return func() { cancel(); <-done }
}

// SendOne sends the next due item, if any; it says whether it found one.
func (s *SEISender) SendOne(ctx context.Context) bool {
	s.defaults()
	now := s.Now()
	it, ok, err := s.DB.ClaimSEI(ctx, now, s.Lease)
	if err != nil || !ok {
		if err != nil && ctx.Err() == nil {
			s.Log.Warn("sei outbox claim failed", "err", err)
		}
		return false
	}
	call, link, err := s.send(ctx, it)
	now = s.Now()
	if err == nil {
		if err := s.DB.FinishSEI(ctx, it, call, link, now); err != nil {
			s.Log.Error("sei sent, but not recorded: it will be sent again when its lease ends", "request", it.RequestID, "item", it.Item, "err", err)
		}
		return true
	}
	var fault *sei.Fault
	var down *sei.Unavailable
	call.Outcome, call.Detail = "unavailable", err.Error()
	failed := false
	switch {
	case errors.As(err, &fault):
		call.Outcome, call.Detail = "fault", fault.Message
		faults, ferr := s.DB.SEIFaults(ctx, it)
		failed = ferr == nil && faults+1 >= s.Faults // SEI's refusals, not the outages before them
	case !errors.As(err, &down):
		// gecli's own trouble with the item (what it should send is gone or
		// unreadable): trying again will not help; an admin sees why.
		call.Outcome, failed = "error", true
	}
	wait := min(backoffMin<<min(it.Attempts-1, 20), backoffMax)
	if err := s.DB.DeferSEI(ctx, it, call, now.Add(wait), failed, now); err != nil {
		s.Log.Warn("sei outbox: recording a failed send failed", "err", err)
	}
	s.Log.Info("sei send failed", "request", it.RequestID, "item", it.Item, "attempt", it.Attempts, "outcome", call.Outcome,
		"detail", call.Detail, "retry_in", wait, "failed", failed)
	return true
}

// send performs one item.
func (s *SEISender) send(ctx context.Context, it db.SEIItem) (db.SEICall, *db.SEILink, error) {
	var p db.SEIPayload
	if err := json.Unmarshal(it.Payload, &p); err != nil {
		return db.SEICall{Operation: "none"}, nil, err
	}
	req, err := s.DB.GetRequest(ctx, it.RequestID)
	if err != nil {
		return db.SEICall{Operation: "none"}, nil, err
	}
	switch it.Kind {
	case db.SEIProcess:
		return s.process(ctx, req)
	case db.SEIMovement:
		call := db.SEICall{Operation: "lancarAndamento"}
		a, err := s.SEI.LancarAndamento(ctx, req.SEIProcess, p.Text)
		call.Outcome, call.Detail = "ok", "andamento "+a.IdAndamento
		return call, nil, err
	default:
		call := db.SEICall{Operation: "incluirDocumento"}
		doc, err := s.document(ctx, req, p)
		if err != nil {
			return call, nil, err
		}
		doc.ProtocoloProcedimento = req.SEIProcess
		r, err := s.SEI.IncluirDocumento(ctx, doc)
		call.Outcome, call.Detail = "ok", "documento "+r.DocumentoFormatado
		return call, nil, err
	}
}

// process generates the request's process with its summary as the first
// document, or links the one the requester named once SEI confirms it.
func (s *SEISender) process(ctx context.Context, req api.Request) (db.SEICall, *db.SEILink, error) {
	if req.SEIProcess != "" {
		call := db.SEICall{Operation: "consultarProcedimento"}
		p, err := s.SEI.ConsultarProcedimento(ctx, req.SEIProcess)
		call.Outcome, call.Detail = "ok", "processo "+p.ProcedimentoFormatado+" vinculado"
		return call, &db.SEILink{Number: p.ProcedimentoFormatado, ID: p.IdProcedimento, Link: p.LinkAcesso}, err
	}
	call := db.SEICall{Operation: "gerarProcedimento"}
	party := sei.Interessado{Cnpj: req.Institution.CNPJ, Nome: req.Institution.Name}
	summary := sei.Documento{Descricao: "Solicitação de acesso " + req.ID, NomeArquivo: strings.ToLower(req.ID) + ".pdf",
		Data: seiDate(req.CreatedAt), NivelAcesso: sei.AcessoPublico, Remetente: &party, Conteudo: summaryPDF(req)}
	r, err := s.SEI.GerarProcedimento(ctx, sei.Procedimento{
		Especificacao: especificacao(req),
		Interessados:  []sei.Interessado{party}, Observacao: "Gerado pelo gecli a partir da solicitação " + req.ID,
		NivelAcesso: sei.AcessoPublico}, []sei.Documento{summary})
	call.Outcome, call.Detail = "ok", "processo "+r.ProcedimentoFormatado+" gerado"
	return call, &db.SEILink{Number: r.ProcedimentoFormatado, ID: r.IdProcedimento, Link: r.LinkAcesso}, err
}

// document is the file an item includes: an attachment, an opinion (its
// PDF, or its text rendered), the verification form rendered.
func (s *SEISender) document(ctx context.Context, req api.Request, p db.SEIPayload) (sei.Documento, error) {
	d := sei.Documento{Data: seiDate(time.Now().UTC().Format(time.RFC3339)), NivelAcesso: sei.AcessoPublico}
	switch {
	case p.Attachment != "":
		a, content, err := s.DB.AttachmentContent(ctx, req.ID, p.Attachment)
		if err != nil {
			return d, err
		}
		d.Descricao, d.NomeArquivo, d.Conteudo = "Anexo "+a.Filename, a.Filename, content
	case p.Opinion != "":
		for _, o := range req.Opinions {
			if o.ID == p.Opinion {
				d.Descricao, d.NomeArquivo = "Parecer técnico de "+o.AuthorName, strings.ToLower(o.ID)+".pdf"
				d.Conteudo = sei.SummaryPDF("Parecer técnico - "+req.ID, []sei.Field{{Label: "Autor", Value: o.AuthorName},
					{Label: "Data", Value: o.At}, {Label: "Parecer", Value: o.Text}})
			}
		}
		if d.Conteudo == nil {
			return d, fmt.Errorf("opinion %s not found", p.Opinion)
		}
	default:
		f, _, err := s.DB.VerificationForm(ctx, req.ID)
		if err != nil {
			return d, err
		}
		d.Descricao, d.NomeArquivo = "Formulário de verificação técnica", "formulario-"+strings.ToLower(req.ID)+".pdf"
		d.Conteudo = sei.SummaryPDF("Formulário de verificação técnica - "+req.ID, []sei.Field{
			{Label: "Entidade", Value: f.EntityName + " (" + api.FormatCNPJ(f.EntityCNPJ) + ")"},
			{Label: "Contato técnico", Value: f.TechnicalContact.Name + " <" + f.TechnicalContact.Email + ">"},
			{Label: "Projeto", Value: f.Project}, {Label: "Justificativa", Value: f.Justification}})
	}
	return d, nil
}

// summaryPDF is the request as SEI's first document reads it.
func summaryPDF(r api.Request) []byte {
	fields := []sei.Field{
		{Label: "API", Value: r.APIName + " (" + r.APIID + ")"},
		{Label: "Ambiente", Value: r.Environment.Label(api.PtBR)},
		{Label: "Instituição", Value: r.Institution.Name + " - CNPJ " + api.FormatCNPJ(r.Institution.CNPJ)},
		{Label: "Solicitante", Value: r.Requester.Name},
		{Label: "Contato técnico", Value: fmt.Sprintf("%s, %s, %s", r.TechnicalContact.Name, r.TechnicalContact.Email, r.TechnicalContact.Phone)},
		{Label: "Finalidade", Value: r.Purpose},
		{Label: "Termo de uso aceito", Value: r.Terms.ID + ", versão " + r.Terms.Version},
		{Label: "Enviada em", Value: r.CreatedAt},
	}
	keys := make([]string, 0, len(r.CustomFields))
	for k := range r.CustomFields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fields = append(fields, sei.Field{Label: k, Value: r.CustomFields[k]})
	}
	return sei.SummaryPDF("Solicitação de acesso "+r.ID, fields)
}

// seiDate is an RFC 3339 stamp as SEI writes dates (dd/mm/aaaa).
func seiDate(stamp string) string {
	t, err := time.Parse(time.RFC3339, stamp)
	if err != nil {
		t = time.Now()
	}
	return t.Format("02/01/2006")
}

// maxEspecificacao is SEI's limit on a process's specification (50 in
// SEI 4's ProtocoloRN; counted in ISO-8859-1).
const maxEspecificacao = 50

// especificacao names the process within SEI's limit: the request, the
// environment, then as much of the API's name as fits, in Latin-1.
func especificacao(r api.Request) string {
	s := []rune(r.ID + " " + strings.ToUpper(string(r.Environment)) + " " + r.APIName)
	for i, c := range s {
		if c > 0xff {
			s[i] = '-' // an en dash and the like: not in ISO-8859-1
		}
	}
	return string(s[:min(len(s), maxEspecificacao)])
}
