package identity

import (
	"errors"
	"net/http"
	"net/url"
)

// clientGrant is RFC 6749 4.4. The client authenticates with HTTP Basic
// (2.3.1: id and secret form-encoded, then base64) or with client_id and
// client_secret in the body, never both.
func (e *Endpoints) clientGrant(w http.ResponseWriter, r *http.Request, f url.Values) {
	c, ok := e.authenticateClient(w, r, f)
	if !ok {
		return
	}
	if s := f.Get("scope"); s != "" && s != c.Scope {
		oauthError(w, http.StatusBadRequest, "invalid_scope", "escopo não concedido a este cliente: "+s)
		return
	}
	res, err := e.Issuer.ClientToken(c)
	e.tokenResult(w, res, err)
}

// authenticateClient checks a confidential client's id and secret (HTTP
// Basic, RFC 6749 2.3.1, or client_id and client_secret in the body, never
// both), answering the error itself when they do not hold.
func (e *Endpoints) authenticateClient(w http.ResponseWriter, r *http.Request, f url.Values) (Client, bool) {
	if e.Clients == nil {
		oauthError(w, http.StatusUnauthorized, "invalid_client", "este servidor não tem clientes confidenciais")
		return Client{}, false
	}
	id, secret, basic := r.BasicAuth()
	if basic {
		if f.Has("client_secret") {
			oauthError(w, http.StatusBadRequest, "invalid_request", "use HTTP Basic ou client_secret no corpo, não os dois")
			return Client{}, false
		}
		var err1, err2 error
		id, err1 = url.QueryUnescape(id)
		secret, err2 = url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			e.clientFailed(w, basic, "cabeçalho Basic malformado")
			return Client{}, false
		}
	} else {
		id, secret = f.Get("client_id"), f.Get("client_secret")
	}
	if id == "" || secret == "" {
		e.clientFailed(w, basic, "informe client_id e client_secret (HTTP Basic ou corpo)")
		return Client{}, false
	}
	// Only failures count, per client id and per address: the right
	// secret is not refused because someone else guessed wrong.
	refused, wait, failed := e.clientFailures.look(r.Context(), clientKey(id), e.addr(r))
	if refused {
		tooMany(w, wait)
		return Client{}, false
	}
	c, err := e.Clients.AuthenticateClient(r.Context(), id, secret)
	if errors.Is(err, ErrClientAuth) {
		failed()
	}
	switch {
	case errors.Is(err, ErrClientAuth):
		e.clientFailed(w, basic, "client_id ou client_secret inválidos")
		return Client{}, false
	case errors.Is(err, ErrClientUnauthorized):
		oauthError(w, http.StatusBadRequest, "unauthorized_client", err.Error())
		return Client{}, false
	case err != nil:
		e.serverError(w, err)
		return Client{}, false
	}
	return c, true
}

// clientKey names a client in the rate limits (bounded: the key is
// stored).
func clientKey(id string) string {
	if len(id) > 128 {
		return id[:128]
	}
	return id
}

// clientFailed answers 401 invalid_client.
func (e *Endpoints) clientFailed(w http.ResponseWriter, basic bool, why string) {
	if basic {
		w.Header().Set("WWW-Authenticate", `Basic realm="gecli"`)
	}
	oauthError(w, http.StatusUnauthorized, "invalid_client", why)
}
