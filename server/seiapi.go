package server

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/identity"
	"github.com/gecli/gecli/server/sei"
)

// seiRoutes: a request's SEI process and the log of what was sent.
func (s *Server) seiRoutes() {
	s.handle("GET", "/api/v1/requests/{id}/sei", s.signedIn(s.getSEI))
	s.handle("POST", "/api/v1/requests/{id}/sei/retry", s.withPermission(s.retrySEI, api.PermRequestsRevoke))
}

// seiRefresh bounds the live look-up: the page answers from what gecli
// knows when SEI is slow.
const seiRefresh = 3 * time.Second

func (s *Server) getSEI(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	items, log, err := s.db.SEIOf(r.Context(), req.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := api.SEIStatus{Process: api.SEIProcess{Number: req.SEIProcess, State: req.SEIState}, Items: []api.SEIItem{}, Log: []api.SEICall{}}
	for _, it := range items {
		a := api.SEIItem{Item: it.Item, Kind: it.Kind, State: it.State, Attempts: it.Attempts, Result: it.Result, CreatedAt: it.CreatedAt, DoneAt: it.DoneAt}
		if it.State == db.SEIPending {
			a.NextAt = it.NextAt.Format(time.RFC3339)
		}
		out.Items = append(out.Items, a)
	}
	for _, e := range log {
		out.Log = append(out.Log, api.SEICall{Item: e.Item, Operation: e.Operation, At: e.At, Outcome: e.Outcome, Detail: e.Detail, Attempt: e.Attempt})
	}
	if !can(r, api.PermRequestsRead) && !can(r, api.PermRequestsRevoke) {
		// A requester sees where each send is, not what SEI or the network
		// answered (addresses, SEI's internal messages).
		for i := range out.Items {
			out.Items[i].Result = ""
		}
		for i := range out.Log {
			out.Log[i].Detail = ""
		}
	}
	if s.cfg.SEI != nil && req.SEIState == "linked" {
		ctx, cancel := context.WithTimeout(r.Context(), seiRefresh)
		defer cancel()
		proc, err := s.cfg.SEI.ConsultarProcedimento(ctx, req.SEIProcess)
		var fault *sei.Fault
		switch {
		case err == nil:
			fillProcess(&out.Process, proc)
		case errors.As(err, &fault):
			out.Process.RefreshFailed = fault.Message
		default:
			out.Process.RefreshFailed = "o SEI não respondeu agora; mostrando o que o gecli sabe"
		}
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

func fillProcess(p *api.SEIProcess, proc sei.RetornoConsultaProcedimento) {
	p.Refreshed = true
	p.Link = proc.LinkAcesso
	p.Type = proc.TipoProcedimento.Nome
	p.OpenedAt = proc.DataAutuacao
	p.LastMovement = proc.UltimoAndamento.Descricao
	p.LastMovedAt = proc.UltimoAndamento.DataHora
	for _, u := range proc.UnidadesProcedimentoAberto.Items {
		p.OpenUnits = append(p.OpenUnits, u.Unidade.Sigla)
	}
}

func (s *Server) retrySEI(w http.ResponseWriter, r *http.Request, p identity.Principal) {
	req, ok := s.visibleRequest(w, r, p)
	if !ok {
		return
	}
	n, err := s.db.RetrySEI(r.Context(), req.ID, time.Now())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if n == 0 {
		s.problem(w, r, api.Refusal(http.StatusConflict, api.CodeRequestState, api.Say("nada a reenviar: nenhum envio desta solicitação falhou", "nothing to send again: no send of this request failed")))
		return
	}
	s.log.Info("sei items retried", "request", req.ID, "items", n, "by", p.Subject)
	s.getSEI(w, r, p)
}
