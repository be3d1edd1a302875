package main

import (
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/gecli/gecli/server/sei"
)

// seiFlags configure the SEI integration of gecli serve. The service's
// identification (a secret) comes only from GECLI_SEI_KEY or a file, never
// a flag value that ps would show.
type seiFlags struct {
	url, sigla, unidade, tipo, serie, keyFile string
}

func (f *seiFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.url, "sei-url", "", "web service do SEI (…/sei/ws/SeiWS.php); sem ele a integração fica desligada e o número SEI é só o digitado")
	fs.StringVar(&f.sigla, "sei-sigla", "", "sigla do sistema gecli cadastrado no SEI (Administração > Sistemas)")
	fs.StringVar(&f.unidade, "sei-unidade", "", "IdUnidade que gera os processos")
	fs.StringVar(&f.tipo, "sei-tipo-procedimento", "", "IdTipoProcedimento dos processos gerados")
	fs.StringVar(&f.serie, "sei-serie-documento", "", "IdSerie dos documentos incluídos")
	fs.StringVar(&f.keyFile, "sei-key-file", "", "arquivo com a identificação do serviço (ou a chave em GECLI_SEI_KEY)")
}

// client is the configured SEI client, or nil when --sei-url is absent.
func (f *seiFlags) client() (*sei.Client, error) {
	if f.url == "" {
		return nil, nil
	}
	key := os.Getenv("GECLI_SEI_KEY")
	if f.keyFile != "" {
		b, err := os.ReadFile(f.keyFile)
		if err != nil {
			return nil, usagef("--sei-key-file: %v", err)
		}
		key = strings.TrimSpace(string(b))
	}
	if key == "" {
		return nil, usagef("--sei-url pede a identificação do serviço em GECLI_SEI_KEY ou --sei-key-file")
	}
	c, err := sei.New(sei.Config{URL: f.url, Sigla: f.sigla, Key: key, Unidade: f.unidade, TipoProcedimento: f.tipo, SerieDocumento: f.serie})
	if err != nil {
		return nil, usagef("%v", err)
	}
	return c, nil
}
