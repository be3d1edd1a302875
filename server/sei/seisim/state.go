package seisim

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// state is everything the simulator remembers: what the state file holds.
type state struct {
	NextID      int64       `json:"next_id"`      // IdProcedimento, IdDocumento (one sequence, as SEI's protocolo table)
	NextDoc     int64       `json:"next_doc"`     // DocumentoFormatado, a 7-digit number
	NextAndam   int64       `json:"next_andam"`   // IdAndamento
	YearSeq     map[int]int `json:"year_seq"`     // the process sequence, restarted each year
	Processes   []*process  `json:"processes"`    // in creation order
	FormatVer   int         `json:"format"`       // 1
	LastChanged time.Time   `json:"last_changed"` // for a person reading the file
}

type process struct {
	ID            string        `json:"id"`
	Protocol      string        `json:"protocol"`
	TypeID        string        `json:"type_id"`
	Type          string        `json:"type"`
	Especificacao string        `json:"especificacao"`
	Observacao    string        `json:"observacao,omitempty"`
	NivelAcesso   string        `json:"nivel_acesso,omitempty"`
	UnitID        string        `json:"unit"`
	OpenedOn      string        `json:"data_autuacao"` // dd/mm/yyyy
	OpenUnits     []string      `json:"open_units"`
	Assuntos      []assunto     `json:"assuntos,omitempty"`
	Interessados  []interessado `json:"interessados,omitempty"`
	Related       []string      `json:"related,omitempty"` // protocols
	Documents     []*document   `json:"documents"`
	Movements     []*movement   `json:"movements"`
}

type assunto struct {
	Codigo    string `json:"codigo"`
	Descricao string `json:"descricao,omitempty"`
}

type interessado struct {
	IdContato string `json:"id_contato,omitempty"`
	Cpf       string `json:"cpf,omitempty"`
	Cnpj      string `json:"cnpj,omitempty"`
	Sigla     string `json:"sigla,omitempty"`
	Nome      string `json:"nome,omitempty"`
}

type document struct {
	ID           string        `json:"id"`
	Formatted    string        `json:"formatted"`
	Tipo         string        `json:"tipo"` // G or R
	SerieID      string        `json:"serie_id"`
	Serie        string        `json:"serie"`
	Numero       string        `json:"numero,omitempty"`
	Data         string        `json:"data"`
	Descricao    string        `json:"descricao,omitempty"`
	NomeArquivo  string        `json:"nome_arquivo,omitempty"`
	NivelAcesso  string        `json:"nivel_acesso,omitempty"`
	Observacao   string        `json:"observacao,omitempty"`
	Remetente    *interessado  `json:"remetente,omitempty"`
	Interessados []interessado `json:"interessados,omitempty"`
	UnitID       string        `json:"unit"`
	Size         int           `json:"size"`
	SHA256       string        `json:"sha256"`
	Content      []byte        `json:"content"`
}

type movement struct {
	ID        string     `json:"id"`
	Tarefa    string     `json:"tarefa"`
	Modulo    string     `json:"tarefa_modulo,omitempty"`
	Descricao string     `json:"descricao"`
	UnitID    string     `json:"unit"`
	At        time.Time  `json:"at"`
	Atributos []atributo `json:"atributos"`
}

type atributo struct {
	Nome     string `json:"nome"`
	Valor    string `json:"valor"`
	IdOrigem string `json:"id_origem,omitempty"`
}

func newState() *state {
	return &state{NextID: 1000001, NextDoc: 1, NextAndam: 1, YearSeq: map[int]int{}, FormatVer: 1}
}

func (st *state) newID() string {
	id := st.NextID
	st.NextID++
	return strconv.FormatInt(id, 10)
}

func (st *state) newAndamento() string {
	id := st.NextAndam
	st.NextAndam++
	return strconv.FormatInt(id, 10)
}

func (st *state) newDocNumber() string {
	n := st.NextDoc
	st.NextDoc++
	return fmt.Sprintf("%07d", n)
}

// newProtocol numbers the year's next process: prefix (5 digits), a
// 6-digit sequence that restarts each year, the year, two check digits.
func (st *state) newProtocol(prefix string, year int) string {
	st.YearSeq[year]++
	return formatProtocol(prefix, st.YearSeq[year], year)
}

func formatProtocol(prefix string, seq, year int) string {
	base := fmt.Sprintf("%s%06d%04d", prefix, seq, year)
	return fmt.Sprintf("%s.%06d/%04d-%s", prefix, seq, year, checkDigits(base))
}

// checkDigits are the two mod-11 digits of the federal NUP (Portaria
// Interministerial nº 11/2019), which SEI installations of the federal
// executive use: the 15 digits weighed 16…2 from the left, 11 minus the
// remainder (10 → 0, 11 → 1); then the same over the 16 digits with the
// first check digit, weighed 17…2.
func checkDigits(base15 string) string {
	dv := func(digits string) byte {
		sum := 0
		w := len(digits) + 1
		for i := 0; i < len(digits); i++ {
			sum += int(digits[i]-'0') * (w - i)
		}
		d := 11 - sum%11
		if d >= 10 {
			d -= 10
		}
		return byte('0' + d)
	}
	d1 := dv(base15)
	d2 := dv(base15 + string(d1))
	return string([]byte{d1, d2})
}

// digits keeps only 0-9: SEI finds a protocol typed with or without its
// punctuation.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// byProtocol finds a process by its protocol, typed with or without its
// punctuation, as SEI does.
func (st *state) byProtocol(protocol string) *process {
	d := digits(protocol)
	if d == "" {
		return nil
	}
	for _, p := range st.Processes {
		if digits(p.Protocol) == d {
			return p
		}
	}
	return nil
}

func (st *state) byID(id string) *process {
	id = strings.TrimSpace(id)
	for _, p := range st.Processes {
		if p.ID == id {
			return p
		}
	}
	return nil
}

func (st *state) findDocument(id string) (*process, *document) {
	for _, p := range st.Processes {
		for _, d := range p.Documents {
			if d.ID == id || d.Formatted == id {
				return p, d
			}
		}
	}
	return nil, nil
}

// loadState reads the state file; a file that does not exist yet is an
// empty state.
func loadState(path string) (*state, []byte, error) {
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return newState(), nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("seisim: read state: %w", err)
	}
	st := newState()
	if err := json.Unmarshal(b, st); err != nil {
		return nil, nil, fmt.Errorf("seisim: state file %s: %w", path, err)
	}
	if st.YearSeq == nil {
		st.YearSeq = map[int]int{}
	}
	return st, b, nil
}

// writeFileAtomic writes to a temporary file in the same directory,
// syncs it and renames it over path: a crash leaves the old file or the
// new one, never half of one.
func writeFileAtomic(path string, b []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	ok := false
	defer func() {
		if !ok {
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	ok = true
	return nil
}
