package backend

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/gecli/gecli/store"
)

// SignIn stores in s a session of the demo user username, minted by the
// embedded issuer: real tokens the server checks like any other.
func (b *Backend) SignIn(t testing.TB, s *store.Store, username string) {
	t.Helper()
	ctx := context.Background()
	u, err := b.DB.UserByUsername(ctx, username)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Auth.Issuer.StartSession(ctx, u, ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveSession(ctx, store.Session{AccessToken: res.AccessToken, RefreshToken: res.RefreshToken,
		Expiry: time.Now().Add(time.Duration(res.ExpiresIn) * time.Second), Issuer: b.URL, ClientID: ClientID,
		TokenURL: b.URL + "/oauth2/token", RevokeURL: b.URL + "/oauth2/revoke"}); err != nil {
		t.Fatal(err)
	}
}

// Token mints a 5-minute access token of the demo user username, for
// clients built in tests.
func (b *Backend) Token(t testing.TB, username string) string {
	t.Helper()
	u, err := b.DB.UserByUsername(context.Background(), username)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := b.Auth.Issuer.AccessToken(u, ClientID)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// Approve acts as the person in the browser: it opens /device, then posts
// the code, the credentials and the decision ("approve" or "deny").
func (b *Backend) Approve(t testing.TB, userCode, username, password, action string) int {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	res, err := browser.Get(b.URL + "/device?user_code=" + url.QueryEscape(userCode))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		t.Fatalf("no CSRF field on /device")
	}
	res, err = browser.PostForm(b.URL+"/device", url.Values{"csrf": {string(m[1])}, "user_code": {userCode},
		"username": {username}, "password": {password}, "action": {action}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}
