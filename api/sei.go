package api

// SEIProcess is a request's administrative process in SEI (FAQ 6.3), as
// gecli knows it and, when SEI answers, as SEI tells it now.
type SEIProcess struct {
	Number string `json:"number"` // 00000.000000/0000-00
	State  string `json:"state"`  // pending, linked, failed ("" without the integration)
	Link   string `json:"link,omitempty"`
	// What consultarProcedimento told just now (absent when SEI did not
	// answer: Refreshed is false then).
	Type          string   `json:"type,omitempty"`
	OpenedAt      string   `json:"opened_at,omitempty"`
	LastMovement  string   `json:"last_movement,omitempty"`
	LastMovedAt   string   `json:"last_moved_at,omitempty"`
	OpenUnits     []string `json:"open_units,omitempty"`
	Refreshed     bool     `json:"refreshed"`
	RefreshFailed string   `json:"refresh_failed,omitempty"`
}

// SEIItem is one send to SEI and where it is.
type SEIItem struct {
	Item      string `json:"item"`
	Kind      string `json:"kind"`  // process, document, movement
	State     string `json:"state"` // pending, sent, failed
	Attempts  int    `json:"attempts"`
	NextAt    string `json:"next_at,omitempty"`
	Result    string `json:"result,omitempty"`
	CreatedAt string `json:"created_at"`
	DoneAt    string `json:"done_at,omitempty"`
}

// SEICall is one call to SEI and its outcome.
type SEICall struct {
	Item      string `json:"item"`
	Operation string `json:"operation"`
	At        string `json:"at"`
	Outcome   string `json:"outcome"` // ok, fault (SEI refused), unavailable, error (gecli's own), retried (by an admin)
	Detail    string `json:"detail"`
	Attempt   int    `json:"attempt"`
}

// SEIStatus answers GET /api/v1/requests/{id}/sei.
type SEIStatus struct {
	Process SEIProcess `json:"process"`
	Items   []SEIItem  `json:"items"`
	Log     []SEICall  `json:"log"`
}
