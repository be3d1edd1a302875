package seisim

import (
	"encoding/json"
	"net/http"
	"time"
)

// The inspection endpoint's view of a process: what tests and the
// end-to-end run check. Read-only; documents without their bytes
// (GET /_sim/documents/{id}/content has them).
type processView struct {
	ID            string         `json:"id"`
	Protocol      string         `json:"protocol"`
	TypeID        string         `json:"type_id"`
	Type          string         `json:"type"`
	Especificacao string         `json:"especificacao"`
	NivelAcesso   string         `json:"nivel_acesso"`
	Unit          string         `json:"unit"`
	UnitSigla     string         `json:"unit_sigla"`
	DataAutuacao  string         `json:"data_autuacao"`
	OpenUnits     []string       `json:"open_units"`
	Interessados  []interessado  `json:"interessados"`
	Documents     []documentView `json:"documents"`
	Movements     []movementView `json:"movements"`
}

type documentView struct {
	ID          string `json:"id"`
	Formatted   string `json:"formatted"`
	Tipo        string `json:"tipo"`
	SerieID     string `json:"serie_id"`
	Serie       string `json:"serie"`
	NomeArquivo string `json:"nome_arquivo"`
	Descricao   string `json:"descricao"`
	Data        string `json:"data"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"`
}

type movementView struct {
	ID        string     `json:"id"`
	Tarefa    string     `json:"tarefa"`
	Descricao string     `json:"descricao"`
	Unit      string     `json:"unit"`
	Atributos []atributo `json:"atributos"`
	At        time.Time  `json:"at"`
}

func (s *Sim) view(p *process) processView {
	v := processView{ID: p.ID, Protocol: p.Protocol, TypeID: p.TypeID, Type: p.Type, Especificacao: p.Especificacao,
		NivelAcesso: p.NivelAcesso, Unit: p.UnitID, UnitSigla: s.cfg.Units[p.UnitID].Sigla, DataAutuacao: p.OpenedOn,
		OpenUnits: append([]string{}, p.OpenUnits...), Interessados: append([]interessado{}, p.Interessados...),
		Documents: []documentView{}, Movements: []movementView{}}
	for _, d := range p.Documents {
		v.Documents = append(v.Documents, documentView{ID: d.ID, Formatted: d.Formatted, Tipo: d.Tipo, SerieID: d.SerieID, Serie: d.Serie,
			NomeArquivo: d.NomeArquivo, Descricao: d.Descricao, Data: d.Data, Size: d.Size, SHA256: d.SHA256})
	}
	for _, m := range p.Movements {
		v.Movements = append(v.Movements, movementView{ID: m.ID, Tarefa: m.Tarefa, Descricao: m.Descricao, Unit: m.UnitID,
			Atributos: append([]atributo{}, m.Atributos...), At: m.At})
	}
	return v
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func (s *Sim) listProcesses(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	out := []processView{}
	for _, p := range s.st.Processes {
		out = append(out, s.view(p))
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// getProcess finds a process by IdProcedimento or protocol (with its
// slash: /_sim/processes/99990.000001/2026-07).
func (s *Sim) getProcess(w http.ResponseWriter, r *http.Request) {
	key := r.PathValue("id")
	s.mu.Lock()
	p := s.st.byID(key)
	if p == nil {
		p = s.st.byProtocol(key)
	}
	var v processView
	if p != nil {
		v = s.view(p)
	}
	s.mu.Unlock()
	if p == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "processo não encontrado: " + key})
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Sim) getContent(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	_, d := s.st.findDocument(r.PathValue("id"))
	var b []byte
	if d != nil {
		b = d.Content
	}
	s.mu.Unlock()
	if d == nil {
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "documento não encontrado"})
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(b)
}

func (s *Sim) listCalls(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.Calls())
}
