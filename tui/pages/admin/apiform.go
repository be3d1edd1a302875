package admin

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/tui/common"
	"github.com/gecli/gecli/tui/components/pathcomplete"
	"github.com/gecli/gecli/tui/i18n"
)

// apiForm describes a new API (a == nil) or changes one; its id is fixed
// once created. Custom fields are groups of five inputs (ctrl+n adds one).
func apiForm(e *env, a *api.API) spec {
	t := e.com.Text
	at := t.Admin
	cur := api.API{Category: api.CatData, SystemType: api.SysOther, AuthType: api.AuthTypes[0]}
	title := at.NewAPI
	if a != nil {
		cur, title = *a, fmt.Sprintf(at.EditAPI, a.ID)
	}
	cats, sys := enumOptions(api.Categories, t.Lang), enumOptions(api.SystemTypes, t.Lang)
	fields := []field{
		textField("id", at.FieldID, cur.ID, api.MaxAPIIDLen),
		textField("name", at.FieldName, cur.Name, api.MaxNameLen),
		textField("acronym", at.FieldAcronym, cur.Acronym, 20),
		textField("description", at.FieldDescription, cur.Description, 2000),
		choiceField("category", t.CategoryLabel, cats.values, cats.names, string(cur.Category)),
		choiceField("system_type", t.SystemTypeLabel, sys.values, sys.names, string(cur.SystemType)),
		textField("owner", t.DocsOwner, cur.Owner, api.MaxNameLen),
		choiceField("auth_type", at.FieldAuth, api.AuthTypes, strings.Split(at.AuthNames, "|"), cur.AuthType),
		textField("env.hmg", t.URLHMG, cur.BaseURL(api.EnvHMG), 500),
		textField("env.prd", t.URLPRD, cur.BaseURL(api.EnvPRD), 500),
	}
	fields[0].locked = a != nil
	for i, cf := range cur.CustomFields {
		fields = append(fields, customField(at, i, cf)...)
	}
	existing := len(cur.CustomFields)
	c, create := e.com.Authed, a == nil
	return spec{kind: "api", title: title, note: at.APIFormNote, fields: fields, draft: "api:" + cur.ID,
		check: func(v values) []api.FieldError { w, _ := apiWrite(v); return w.Validate() },
		send:  func(v values) tea.Cmd { w, _ := apiWrite(v); return saveAPI(c, w, create) },
		wire:  func(v values, f string) string { _, keys := apiWrite(v); return keys(f) },
		say:   sayAPI(at.Rule),
		grow:  func(n int) []field { return customField(at, existing+n, api.CustomField{Type: "string"}) },
	}
}

// customField is the inputs of custom field n, keyed cfN.name and so on.
func customField(at i18n.AdminText, n int, cf api.CustomField) []field {
	k := func(s string) string { return fmt.Sprintf("cf%d.%s", n, s) }
	req := "false"
	if cf.Required {
		req = "true"
	}
	label := func(s string) string { return fmt.Sprintf(at.CustomField, n+1, s) }
	return []field{
		textField(k("name"), label(at.CFName), cf.Name, 40),
		textField(k("label"), label(at.CFLabel), cf.Label, 100),
		choiceField(k("type"), label(at.CFType), []string{"string", "integer"}, strings.Split(at.CFTypes, "|"), cf.Type),
		choiceField(k("required"), label(at.CFRequired), []string{"false", "true"}, strings.Split(at.NoYes, "|"), req),
		textField(k("pattern"), label(at.CFPattern), cf.Pattern, 200),
	}
}

var wireIndex = regexp.MustCompile(`^(environments|custom_fields)\[(\d+)\]\.(\w+)$`)

// apiWrite builds the body from the form, and how the body's field names
// (environments[1].base_url) map back to the form's inputs (env.prd):
// a blank URL offers no environment, a custom field left empty is none.
func apiWrite(v values) (api.APIWrite, func(string) string) {
	w := api.APIWrite{ID: v["id"], Name: v["name"], Acronym: v["acronym"], Description: v["description"],
		Category: api.Category(v["category"]), SystemType: api.SystemType(v["system_type"]), Owner: v["owner"],
		AuthType: v["auth_type"], Environments: []api.APIEnvironment{}, CustomFields: []api.CustomField{}}
	var envKeys, cfKeys []string
	for _, env := range api.Environments {
		if u := v["env."+string(env)]; u != "" {
			w.Environments = append(w.Environments, api.APIEnvironment{Name: env, BaseURL: u})
			envKeys = append(envKeys, "env."+string(env))
		}
	}
	for n := 0; ; n++ {
		p := "cf" + strconv.Itoa(n) + "."
		name, ok := v[p+"name"]
		if !ok {
			break
		}
		if name == "" && v[p+"label"] == "" && v[p+"pattern"] == "" {
			continue
		}
		w.CustomFields = append(w.CustomFields, api.CustomField{Name: name, Label: v[p+"label"], Type: v[p+"type"],
			Required: v[p+"required"] == "true", Pattern: v[p+"pattern"]})
		cfKeys = append(cfKeys, p)
	}
	return w, func(f string) string {
		m := wireIndex.FindStringSubmatch(f)
		if m == nil {
			return f
		}
		i, _ := strconv.Atoi(m[2])
		switch {
		case m[1] == "environments" && i < len(envKeys):
			return envKeys[i]
		case m[1] == "custom_fields" && i < len(cfKeys):
			return cfKeys[i] + m[3]
		}
		return f
	}
}

type options struct{ values, names []string }

func enumOptions[T interface {
	~string
	Label(api.Lang) string
}](all []T, lang api.Lang) options {
	var o options
	for _, v := range all {
		o.values, o.names = append(o.values, string(v)), append(o.names, v.Label(lang))
	}
	return o
}

// uploadForm sends an API's OpenAPI document or a new version of its
// terms of use, from a typed path (tab completes it).
func uploadForm(e *env, a api.API, terms bool) spec {
	t, c := e.com.Text, e.com.Authed
	at := t.Admin
	if !terms {
		return spec{kind: "openapi", title: fmt.Sprintf(at.UploadOpenAPI, a.Name), note: at.UploadOpenAPINote, path: "path", draft: "openapi:" + a.ID,
			fields: []field{textField("path", at.FieldPath, "", 1024)},
			check:  requirePath(at),
			say:    sayUpload(at.Rule),
			send:   onThisMachine(e.com, func(v values) tea.Cmd { return uploadOpenAPI(c, a.ID, v["path"], t) })}
	}
	note := fmt.Sprintf(at.UploadTermsNote, a.Terms.Version)
	if a.Terms.Version == "" {
		note = at.UploadTermsFirst
	}
	return spec{kind: "terms", title: fmt.Sprintf(at.UploadTerms, a.Name), note: note, path: "path", draft: "terms:" + a.ID,
		fields: []field{textField("version", at.FieldVersion, "", 32), textField("path", at.FieldPath, "", 1024)},
		check: func(v values) []api.FieldError {
			out := requirePath(at)(v)
			if !termsVersion.MatchString(v["version"]) {
				out = append(out, api.FieldError{Field: "version", Message: at.Rule.TermsVersion})
			}
			return out
		},
		say:  sayUpload(at.Rule),
		send: onThisMachine(e.com, func(v values) tea.Cmd { return uploadTerms(c, a.ID, v["version"], v["path"], t) })}
}

// termsVersion is the server's rule for a version name.
var termsVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z.\-]{0,31}$`)

func requirePath(at i18n.AdminText) func(values) []api.FieldError {
	return func(v values) []api.FieldError {
		if v["path"] == "" {
			return []api.FieldError{{Field: "path", Message: at.ErrPath}}
		}
		return nil
	}
}

// onThisMachine keeps an upload to a TUI on the person's own machine:
// over SSH the path would name a file of the host (common.Remote), which
// is not even looked at.
func onThisMachine(com *common.Common, send func(values) tea.Cmd) func(values) tea.Cmd {
	if !com.Remote {
		return send
	}
	text := com.Text.Remote.NoHostFiles
	return func(values) tea.Cmd { return func() tea.Msg { return refusedPath(text) } }
}

// readUpload reads a file to send, refusing what the server would
// (missing, a folder, too large) with the path named.
func readUpload(path string, limit int64) ([]byte, error) {
	p := pathcomplete.Expand(path)
	st, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, &api.AttachmentError{Kind: api.AttachmentMissing, Path: p, Err: err}
	case st.IsDir():
		return nil, &api.AttachmentError{Kind: api.AttachmentIsDir, Path: p}
	case st.Size() > limit:
		return nil, &api.AttachmentError{Kind: api.AttachmentTooLarge, Path: p, Size: st.Size()}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, &api.AttachmentError{Kind: api.AttachmentUnreadable, Path: p, Err: err}
	}
	return b, nil
}

// refusedPath puts a local refusal of the file under the path field.
func refusedPath(text string) formAnswer {
	return formAnswer{fields: []api.FieldError{{Field: "path", Message: text}}}
}

func uploadOpenAPI(c *client.Client, id, path string, t *i18n.Text) tea.Cmd {
	at := t.Admin
	return func() tea.Msg {
		b, err := readUpload(path, api.MaxOpenAPIDocBytes)
		var ae *api.AttachmentError
		switch {
		case errors.As(err, &ae) && ae.Kind == api.AttachmentTooLarge:
			return refusedPath(fmt.Sprintf(at.ErrDocTooLarge, api.MaxOpenAPIDocBytes>>20))
		case errors.As(err, &ae) && ae.Kind == api.AttachmentIsDir:
			// The attachments' sentence asks for a PDF: this is a document.
			return refusedPath(fmt.Sprintf(at.ErrDocIsDir, ae.Path))
		}
		if err != nil {
			return refusedPath(common.Explain(t, err))
		}
		ctx, cancel := timeout()
		defer cancel()
		if _, err := c.UploadOpenAPI(ctx, id, b); err != nil {
			return formAnswer{err: err}
		}
		return formAnswer{result: uploaded{text: fmt.Sprintf(at.OpenAPIUploaded, id)}}
	}
}

func uploadTerms(c *client.Client, id, version, path string, t *i18n.Text) tea.Cmd {
	at := t.Admin
	return func() tea.Msg {
		b, err := readUpload(path, api.MaxAttachmentBytes)
		if err == nil {
			if perr := api.ValidatePDF(b); perr != nil {
				err = &api.AttachmentError{Kind: api.AttachmentNotPDF, Path: pathcomplete.Expand(path), Err: perr}
			}
		}
		if err != nil {
			return refusedPath(common.Explain(t, err))
		}
		ctx, cancel := timeout()
		defer cancel()
		terms, err := c.UploadTerms(ctx, id, version, b)
		if err != nil {
			return formAnswer{err: err}
		}
		return formAnswer{result: uploaded{text: fmt.Sprintf(at.TermsUploaded, terms.Version, id)}}
	}
}
