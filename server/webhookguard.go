package server

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/gecli/gecli/api"
)

// WebhookPolicy says which endpoints the server may POST to. By default
// only https to public addresses: a webhook must not turn the server into
// a way to reach its own network (the cloud's metadata address, an
// intranet service). AllowLoopback takes http and https on 127.0.0.1/::1
// (tests, a receiver on the same host); AllowPrivate takes private,
// link-local and shared ranges (an intranet receiver, on purpose).
type WebhookPolicy struct {
	AllowLoopback, AllowPrivate bool
}

var errWebhookAddress = errors.New("the address is in a range the server may not reach")

// shared is RFC 6598's carrier-grade NAT range, private in all but name.
var shared = netip.MustParsePrefix("100.64.0.0/10")

// allowedIP checks one address the endpoint resolves to.
func (p WebhookPolicy) allowedIP(ip netip.Addr) error {
	ip = ip.Unmap()
	switch {
	case ip.IsLoopback():
		if p.AllowLoopback {
			return nil
		}
	case ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast():
		// never: no one listens there for us
	case ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || shared.Contains(ip):
		if p.AllowPrivate {
			return nil
		}
	default:
		return nil
	}
	return fmt.Errorf("%w (%s)", errWebhookAddress, ip)
}

// CheckURL refuses an endpoint before it is registered: not https (http
// only on loopback, where allowed), credentials in the URL, no host, or a
// literal address the policy refuses. A name is checked where it
// resolves, at each delivery (a DNS answer may change).
func (p WebhookPolicy) CheckURL(raw string) *api.Problem {
	refuse := func(pt, en string) *api.Problem {
		return api.Refusal(http.StatusUnprocessableEntity, api.CodeWebhookURL, api.Say(pt, en)).
			WithFields(api.Refuse("url", api.Say(pt, en)))
	}
	if len(raw) > api.MaxWebhookURLLen || strings.TrimSpace(raw) != raw || raw == "" {
		return refuse("um endereço https de até 2.048 caracteres", "an https address of up to 2,048 characters")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return refuse("um endereço completo, como https://exemplo.jus.br/gecli", "a whole address, such as https://example.jus.br/gecli")
	}
	if u.User != nil {
		return refuse("sem usuário e senha no endereço: a assinatura autentica o gecli", "no user or password in the address: the signature authenticates gecli")
	}
	host := u.Hostname()
	ip, literal := netip.ParseAddr(host)
	loopback := (literal == nil && ip.IsLoopback()) || host == "localhost"
	switch {
	case u.Scheme == "https":
	case u.Scheme == "http" && loopback && p.AllowLoopback:
	default:
		return refuse("só https (o conteúdo e a assinatura viajam cifrados)", "https only (the content and its signature travel encrypted)")
	}
	if host == "localhost" && !p.AllowLoopback {
		return refuse("um endereço deste servidor não é aceito", "an address of this server is not accepted")
	}
	if literal == nil {
		if err := p.allowedIP(ip); err != nil {
			return refuse("um endereço de rede interna não é aceito", "an internal network address is not accepted")
		}
	}
	return nil
}

// Client is the HTTP client of deliveries: the address each connection
// goes to is checked as it is dialled (after DNS, so a name that resolves
// to an internal address is refused too), proxies from the environment
// are not used, redirects are not followed, and a slow endpoint is cut.
func (p WebhookPolicy) Client() *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, Control: func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return err
		}
		return p.allowedIP(ap.Addr())
	}}
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{Proxy: nil, DialContext: dialer.DialContext, TLSHandshakeTimeout: 5 * time.Second,
			MaxIdleConns: 10, IdleConnTimeout: 30 * time.Second, ResponseHeaderTimeout: 10 * time.Second},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
