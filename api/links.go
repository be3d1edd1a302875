package api

import (
	"regexp"
	"time"
)

// DownloadLink is a short-lived, single-use address of one attachment,
// for a person whose terminal runs elsewhere (gecli ssh): they open it
// in their own browser, and nothing is written where gecli runs.
type DownloadLink struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// DownloadLinkTTL is how long a download link can be used (once).
const DownloadLinkTTL = 5 * time.Minute

// SSHSession is what gecli ssh reports of one SSH session of the caller:
// its start, then its end, for the audit trail.
type SSHSession struct {
	// Session is gecli ssh's id of the connection (a UUID).
	Session string `json:"session"`
	// Event is "start" or "end".
	Event       string `json:"event"`
	Fingerprint string `json:"fingerprint"`
	RemoteAddr  string `json:"remote_addr"`
}

var (
	sshSessionID  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	sshFinger     = regexp.MustCompile(`^SHA256:[A-Za-z0-9+/]{43}$`)
	sshRemoteAddr = regexp.MustCompile(`^[0-9A-Za-z.:\[\]%-]{1,64}$`)
)

// Validate checks an SSH session report; a FieldError names the field.
func (s SSHSession) Validate() *FieldError {
	switch {
	case !sshSessionID.MatchString(s.Session):
		return refusal("session", Say("um UUID em minúsculas", "a lower-case UUID"))
	case s.Event != "start" && s.Event != "end":
		return refusal("event", Say("start ou end", "start or end"))
	case !sshFinger.MatchString(s.Fingerprint):
		return refusal("fingerprint", Say("a impressão SHA256 da chave, como ssh-keygen -l a mostra", "the key's SHA256 fingerprint, as ssh-keygen -l shows it"))
	case !sshRemoteAddr.MatchString(s.RemoteAddr):
		return refusal("remote_addr", Say("host:porta", "host:port"))
	}
	return nil
}
