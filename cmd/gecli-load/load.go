package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/server"
	"github.com/gecli/gecli/server/db"
	"github.com/gecli/gecli/server/seed"
)

// load is the set-up the clients share: tokens of the demo people, an API
// whose requests wait for an evaluator, and one credential for grants and
// gateway checks (another one is rotated).
type load struct {
	bases []string // the replicas; each call goes to one at random
	http  *http.Client
	d     *db.DB
	auth  *server.Auth

	mu       sync.Mutex
	tokens   map[string]string
	minted   time.Time
	pending  api.API
	clientID string
	secret   string
	rotated  string // a request whose secret is regenerated over and over
	gateway  string // a token of clientID, for /gateway/hmg/ping
	toDecide chan string
	latest   atomic.Int64 // the highest change sequence a client has seen
}

// seen records a change sequence a client saw.
func (l *load) seen(seq int64) {
	for cur := l.latest.Load(); seq > cur && !l.latest.CompareAndSwap(cur, seq); cur = l.latest.Load() {
	}
}

const (
	requester = "solicitante"
	evaluator = "avaliador"
	court     = "11222333000181" // the demo court: linked to the requester, loopback allowed

	loadPurpose = "Carga de teste: integração do sistema processual do tribunal."
)

func newLoad(ctx context.Context, bases []string, d *db.DB, auth *server.Auth) (*load, error) {
	l := &load{bases: bases, d: d, auth: auth, toDecide: make(chan string, 10_000),
		http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 2000, MaxIdleConns: 2000}}}
	if err := l.mint(ctx); err != nil {
		return nil, err
	}
	apis, err := d.ListAPIs(ctx, db.CatalogFilter{})
	if err != nil {
		return nil, err
	}
	var auto api.API
	for _, a := range apis {
		switch {
		case a.SystemType == api.SysSNGB && a.Rule == api.ApprovalMatrix[api.SysSNGB] && a.Offers(api.EnvPRD):
			l.pending = a
		case a.SystemType == api.SysOther && a.Rule.For(api.EnvHMG) == api.RuleAuto && a.Offers(api.EnvHMG):
			auto = a
		}
	}
	if l.pending.ID == "" || auto.ID == "" {
		return nil, fmt.Errorf("the database lacks the demo catalog (an SNGB API and an automatic one)")
	}
	var ids [2]string
	for i := range ids {
		var r api.Request
		if status, body := l.call(ctx, "POST", "/api/v1/requests", requester, "", seed.Submission(auto, api.EnvHMG, court, loadPurpose)); status != 201 {
			return nil, fmt.Errorf("set-up submission: %d %s", status, body)
		} else if err := json.Unmarshal(body, &r); err != nil {
			return nil, err
		}
		ids[i] = r.ID
	}
	var sec api.SecretResponse
	status, body := l.call(ctx, "POST", "/api/v1/requests/"+ids[0]+"/credential/secret", requester, "", nil)
	if status != 200 {
		return nil, fmt.Errorf("set-up secret: %d %s", status, body)
	}
	json.Unmarshal(body, &sec)
	l.clientID, l.secret, l.rotated = sec.ClientID, sec.ClientSecret, ids[1]
	if status, tok := l.grant(ctx); status != 200 {
		return nil, fmt.Errorf("set-up grant: %d", status)
	} else {
		l.gateway = tok
	}
	return l, nil
}

// base is a replica, at random.
func (l *load) base() string { return l.bases[rand.IntN(len(l.bases))] }

// mint gives every demo person a fresh access token (they live 5 min).
func (l *load) mint(ctx context.Context) error {
	tokens := map[string]string{}
	for _, name := range []string{requester, evaluator} {
		u, err := l.d.UserByUsername(ctx, name)
		if err != nil {
			return fmt.Errorf("demo user %s: %w", name, err)
		}
		if tokens[name], err = l.auth.Issuer.AccessToken(u, "gecli-tui"); err != nil {
			return err
		}
	}
	l.mu.Lock()
	l.tokens, l.minted = tokens, time.Now()
	l.mu.Unlock()
	return nil
}

func (l *load) token(who string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.tokens[who]
}

// call sends one request and returns its status and body (0 when no
// answer came).
func (l *load) call(ctx context.Context, method, path, who, key string, body any) (int, []byte) {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequestWithContext(ctx, method, l.base()+path, rd)
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+l.token(who))
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	res, err := l.http.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (l *load) grant(ctx context.Context) (int, string) {
	req, _ := http.NewRequestWithContext(ctx, "POST", l.base()+"/oauth2/token",
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(l.clientID, l.secret)
	res, err := l.http.Do(req)
	if err != nil {
		return 0, ""
	}
	defer res.Body.Close()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	json.NewDecoder(res.Body).Decode(&tok)
	return res.StatusCode, tok.AccessToken
}

// op is one kind of call a client makes; write says which latency it
// counts in.
type op struct {
	name   string
	write  bool
	weight int
	do     func(ctx context.Context, l *load) int
}

var ops = []op{
	{"list-since", false, 20, func(ctx context.Context, l *load) int {
		// A TUI's sync asks for what changed since its last one: a few
		// rows. One in ten is a first sync, a full page of 200 rows.
		since := max(0, l.latest.Load()-rand.Int64N(30))
		if rand.IntN(10) == 0 {
			since = rand.Int64N(1000)
		}
		s, _ := l.call(ctx, "GET", fmt.Sprintf("/api/v1/requests?since=%d&limit=200", since), evaluator, "", nil)
		return s
	}},
	{"list-filtered", false, 15, func(ctx context.Context, l *load) int {
		q := []string{"status=pending", "status=approved&env=prd", "env=hmg", "status=rejected"}[rand.IntN(4)]
		s, _ := l.call(ctx, "GET", "/api/v1/requests?limit=100&"+q, []string{evaluator, requester}[rand.IntN(2)], "", nil)
		return s
	}},
	{"submit", true, 15, func(ctx context.Context, l *load) int {
		s, b := l.call(ctx, "POST", "/api/v1/requests", requester, newKey(), seed.Submission(l.pending, api.EnvPRD, court, loadPurpose))
		var r api.Request
		if s == 201 && json.Unmarshal(b, &r) == nil {
			l.seen(r.Seq)
			select {
			case l.toDecide <- r.ID:
			default:
			}
		}
		return s
	}},
	{"decide", true, 10, func(ctx context.Context, l *load) int {
		select {
		case id := <-l.toDecide:
			s, _ := l.call(ctx, "POST", "/api/v1/requests/"+id+"/decision", evaluator, newKey(),
				api.Decision{Decision: "reject", Justification: "Carga de teste: reprovada."})
			return s
		default:
			return -1 // nothing to decide yet
		}
	}},
	{"secret", true, 5, func(ctx context.Context, l *load) int {
		s, _ := l.call(ctx, "POST", "/api/v1/requests/"+l.rotated+"/credential/secret", requester, newKey(), map[string]int{"grace_seconds": 0})
		return s
	}},
	{"grant", false, 15, func(ctx context.Context, l *load) int {
		s, _ := l.grant(ctx)
		return s
	}},
	{"ping", false, 20, func(ctx context.Context, l *load) int {
		req, _ := http.NewRequestWithContext(ctx, "GET", l.base()+"/gateway/hmg/ping", nil)
		l.mu.Lock()
		req.Header.Set("Authorization", "Bearer "+l.gateway)
		l.mu.Unlock()
		res, err := l.http.Do(req)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}},
}

func newKey() string { return fmt.Sprintf("load-%d-%d", time.Now().UnixNano(), rand.Int64()) }

// result gathers what every client saw.
type result struct {
	mu       sync.Mutex
	elapsed  time.Duration
	statuses map[string]map[int]int
	byOp     map[string][]time.Duration
	reads    []time.Duration
	writes   []time.Duration
}

func (l *load) run(clients int, duration, think time.Duration) *result {
	res := &result{statuses: map[string]map[int]int{}, byOp: map[string][]time.Duration{}}
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	// Tokens of people live 5 minutes; the gateway token too.
	go func() {
		t := time.NewTicker(4 * time.Minute)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				l.mint(ctx)
				if s, tok := l.grant(ctx); s == 200 {
					l.mu.Lock()
					l.gateway = tok
					l.mu.Unlock()
				}
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				if think > 0 { // a person or a script between two calls
					select {
					case <-ctx.Done():
						return
					case <-time.After(time.Duration(rand.ExpFloat64() * float64(think))):
					}
				}
				n := rand.IntN(total)
				o := ops[0]
				for _, cand := range ops {
					if n < cand.weight {
						o = cand
						break
					}
					n -= cand.weight
				}
				t0 := time.Now()
				status := o.do(context.WithoutCancel(ctx), l)
				took := time.Since(t0)
				if status < 0 {
					continue
				}
				res.add(o, status, took)
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res
}

func (r *result) add(o op, status int, took time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.statuses[o.name] == nil {
		r.statuses[o.name] = map[int]int{}
	}
	r.statuses[o.name][status]++
	r.byOp[o.name] = append(r.byOp[o.name], took)
	if o.write {
		r.writes = append(r.writes, took)
	} else {
		r.reads = append(r.reads, took)
	}
}

func (r *result) failures() int {
	n := 0
	for _, by := range r.statuses {
		for s, c := range by {
			if s == 0 || s >= 500 {
				n += c
			}
		}
	}
	return n
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

func (r *result) print(w io.Writer) {
	names := make([]string, 0, len(r.statuses))
	for n := range r.statuses {
		names = append(names, n)
	}
	sort.Strings(names)
	calls := 0
	for _, n := range names {
		var parts []string
		for s, c := range r.statuses[n] {
			parts = append(parts, fmt.Sprintf("%d×%d", c, s))
			calls += c
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "  %-14s p50 %8s  p99 %8s  %s\n", n, percentile(r.byOp[n], 0.5).Round(10*time.Microsecond),
			percentile(r.byOp[n], 0.99).Round(10*time.Microsecond), strings.Join(parts, " "))
	}
	fmt.Fprintf(w, "calls: %d in %s (%.0f/s); 5xx or no answer: %d\n", calls, r.elapsed.Round(time.Millisecond),
		float64(calls)/r.elapsed.Seconds(), r.failures())
	fmt.Fprintf(w, "reads:  %d, p50 %s, p99 %s\n", len(r.reads), percentile(r.reads, 0.5).Round(time.Microsecond), percentile(r.reads, 0.99).Round(time.Microsecond))
	fmt.Fprintf(w, "writes: %d, p50 %s, p99 %s\n", len(r.writes), percentile(r.writes, 0.5).Round(time.Microsecond), percentile(r.writes, 0.99).Round(time.Microsecond))
}
