package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/api"
	"github.com/gecli/gecli/client"
	"github.com/gecli/gecli/session"
	"github.com/gecli/gecli/store"
)

// runAnnouncements is `gecli announcements list|add|rm`: the notices of
// the home screen, with the signed-in session (add and rm: notices:admin).
func runAnnouncements(ctx context.Context, args []string) error {
	const use = "use: gecli announcements list [--all] | add --title TÍTULO [--text TEXTO] [--title-en T] [--text-en T] [--severity info|warning] [--from QUANDO] [--until QUANDO] [--audience all|PERFIL] | rm ID"
	if len(args) == 0 {
		return usagef(use)
	}
	sub, rest := args[0], args[1:]
	var all, asJSON bool
	var w api.AnnouncementWrite
	var severity, from, until string
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "list":
			fs.BoolVar(&all, "all", false, "todos, também os fora do prazo e de outros perfis (notices:admin)")
		case "add":
			fs.StringVar(&w.Title.PtBR, "title", "", "título em português (até 120 caracteres)")
			fs.StringVar(&w.Title.En, "title-en", "", "título em inglês (sem ele, o português aparece)")
			fs.StringVar(&w.Text.PtBR, "text", "", "texto em português (até 2.000 caracteres)")
			fs.StringVar(&w.Text.En, "text-en", "", "texto em inglês")
			fs.StringVar(&severity, "severity", "info", "info ou warning")
			fs.StringVar(&from, "from", "", "aparece a partir de (RFC 3339, AAAA-MM-DD HH:MM ou HH:MM, hora local; padrão: já)")
			fs.StringVar(&until, "until", "", "aparece até (mesmos formatos; padrão: sem fim)")
			fs.StringVar(&w.Audience, "audience", api.AudienceAll, "all (todos, também sem sessão) ou um perfil: requester, evaluator, admin")
		}
	}
	var target string
	switch sub {
	case "list", "add":
	case "rm":
		if len(rest) == 0 || rest[0] == "" || rest[0][0] == '-' {
			return usagef("use: gecli announcements rm ID")
		}
		target, rest = rest[0], rest[1:]
	default:
		return usagef("gecli announcements: subcomando desconhecido %q (list, add, rm)", sub)
	}
	return withServer(ctx, "announcements "+sub, rest, extra, func(c *client.Client, s *store.Store) error {
		authed, err := session.Resume(ctx, s, c)
		if err != nil && !(sub == "list" && !all && errors.Is(err, session.ErrNoSession)) {
			return err
		}
		if authed == nil {
			authed = c // signed out, the public ones
		}
		switch sub {
		case "list":
			items, err := authed.Announcements(ctx, all)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(items)
			}
			t := newTable("ID", "TIPO", "PÚBLICO", "DE", "ATÉ", "TÍTULO")
			for _, a := range items {
				t.row(a.ID, string(a.Severity), a.Audience, when(a.StartsAt), when(a.EndsAt), a.Title.PtBR)
			}
			return t.flush()
		case "add":
			w.Severity = api.Severity(severity)
			now := time.Now()
			if w.StartsAt, err = api.ParseWhen(from, now); err != nil {
				return usagef("--from: %v", err)
			}
			if w.EndsAt, err = api.ParseWhen(until, now); err != nil {
				return usagef("--until: %v", err)
			}
			a, err := authed.CreateAnnouncement(ctx, w)
			if err != nil {
				return explainAdminError(err)
			}
			if asJSON {
				return printJSON(a)
			}
			fmt.Printf("aviso %s publicado: %s\n", a.ID, a.Title.PtBR)
			return nil
		default:
			if err := authed.DeleteAnnouncement(ctx, target); err != nil {
				return explainAdminError(err)
			}
			fmt.Printf("aviso %s apagado\n", target)
			return nil
		}
	})
}

// runMaintenance is `gecli maintenance show|schedule|start|end`: the
// maintenance window (FAQ 5.3); start is an unplanned one, from now.
func runMaintenance(ctx context.Context, args []string) error {
	const use = "use: gecli maintenance show | schedule --at QUANDO --for DURAÇÃO [--message TEXTO] [--message-en TEXTO] | start --for DURAÇÃO [--message TEXTO] | end"
	if len(args) == 0 {
		return usagef(use)
	}
	sub, rest := args[0], args[1:]
	var asJSON bool
	var at string
	var length time.Duration
	var msg api.Localized
	extra := func(fs *pflag.FlagSet) {
		fs.BoolVar(&asJSON, "json", false, "imprime JSON")
		switch sub {
		case "schedule", "start":
			if sub == "schedule" {
				fs.StringVar(&at, "at", "", "início (RFC 3339, AAAA-MM-DD HH:MM ou HH:MM, hora local: a próxima)")
			}
			fs.DurationVar(&length, "for", 0, "duração (ex.: 30m, 2h; no máximo 7 dias)")
			fs.StringVar(&msg.PtBR, "message", "", "o motivo, em português")
			fs.StringVar(&msg.En, "message-en", "", "o motivo, em inglês")
		}
	}
	switch sub {
	case "show", "schedule", "start", "end":
	default:
		return usagef("gecli maintenance: subcomando desconhecido %q (show, schedule, start, end)", sub)
	}
	return withServer(ctx, "maintenance "+sub, rest, extra, func(c *client.Client, s *store.Store) error {
		if sub == "show" {
			m, err := c.Maintenance(ctx)
			if err != nil {
				return err
			}
			return printMaintenance(m, asJSON)
		}
		authed, err := session.Resume(ctx, s, c)
		if err != nil {
			return err
		}
		if sub == "end" {
			if err := authed.EndMaintenance(ctx); err != nil {
				return explainAdminError(err)
			}
			fmt.Println("manutenção encerrada: o servidor volta a aceitar gravações")
			return nil
		}
		if length <= 0 {
			return usagef("gecli maintenance %s: informe --for (ex.: --for 30m)", sub)
		}
		now := time.Now()
		start := "" // start: now, by the server's clock
		if sub == "schedule" {
			if at == "" {
				return usagef("gecli maintenance schedule: informe --at (ex.: --at 22:00)")
			}
			if start, err = api.ParseWhen(at, now); err != nil {
				return usagef("--at: %v", err)
			}
		}
		begin := now
		if start != "" {
			begin, _ = time.Parse(time.RFC3339, start)
		}
		m, err := authed.SetMaintenance(ctx, api.MaintenanceWrite{StartsAt: start,
			EndsAt: begin.Add(length).UTC().Format(time.RFC3339), Message: msg})
		if err != nil {
			return explainAdminError(err)
		}
		return printMaintenance(&m, asJSON)
	})
}

func printMaintenance(m *api.Maintenance, asJSON bool) error {
	switch {
	case asJSON && m == nil:
		fmt.Println("null")
	case asJSON:
		return printJSON(m)
	case m == nil:
		fmt.Println("nenhuma manutenção programada")
	default:
		state := "programada"
		if m.Active {
			state = "em curso: o servidor recusa gravações (503 maintenance); leituras seguem"
		}
		fmt.Printf("manutenção %s, de %s a %s\n", state, when(m.StartsAt), when(m.EndsAt))
		if m.Message.PtBR != "" {
			fmt.Printf("motivo: %s\n", m.Message.PtBR)
		}
	}
	return nil
}
