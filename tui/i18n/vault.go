package i18n

// VaultText is the Cofre page's wording (the JUDIT "Cofre de Credenciais").
type VaultText struct {
	// Title takes the counts of Systems and Stored (Plural forms).
	Systems, Stored                                                                        string
	Tab, Title, SignIn, Only, Loading, Locked, Institution, CustomerKey, AllKeys, Search   string
	Active, NotExists, TwoFactor, Empty, KeyAdd, KeyDelete, KeyInstitution, KeyCustomer    string
	FormTitle, FormSystem, FormUser, FormPassword, FormSeed, FormSeedOptional              string
	FormPickHint, FormNever, Saved, Updated, ConfirmDelete, Deleted, KeyFilterHint, Saving string
	ErrSystem, ErrCustomerKey, ErrUsername, ErrPassword, ErrTOTP, ErrTOTPMissing, NoValue  string
}

var vaultPtBR = VaultText{
	Tab: "Cofre", Title: "Cofre de credenciais · %s · %s", Systems: "%s sistema|%s sistemas", Stored: "%s cadastrada|%s cadastradas",
	SignIn:      "Entre (L) para gerenciar o cofre da sua instituição.",
	Only:        "O cofre pertence às instituições: entre como Solicitante vinculado a uma.",
	Loading:     "Carregando o cofre…",
	Locked:      "Cofre fechado: %s",
	Institution: "Instituição", CustomerKey: "customer_key", AllKeys: "todas", Search: "sistema",
	Active: "● cadastrada", NotExists: "○ não cadastrada", TwoFactor: "2FA",
	Empty:  "Nenhum sistema corresponde à busca.",
	KeyAdd: "cadastrar/sobrescrever", KeyDelete: "apagar", KeyInstitution: "instituição", KeyCustomer: "customer_key",
	FormTitle:  "Cadastrar ou sobrescrever credencial",
	FormSystem: "Sistema", FormUser: "Usuário (CPF ou OAB)", FormPassword: "Senha", FormSeed: "Segredo TOTP (2FA)",
	FormSeedOptional: "opcional: só para sistemas com autenticação de dois fatores",
	FormPickHint:     "(←/→ para trocar; * vale para os sistemas sem credencial própria)",
	FormNever:        "As credenciais são criptografadas e ninguém as lê de volta, nem você: para mudar, sobrescreva.",
	Saved:            "Credencial cadastrada em %s (customer_key %s).",
	Updated:          "Credencial sobrescrita em %s (customer_key %s).",
	ConfirmDelete:    "Apagar a credencial de %s para a customer_key %s? s confirma · esc cancela",
	Deleted:          "Credencial de %s apagada.",
	KeyFilterHint:    "customer_key (enter filtra, vazio mostra todas): ",
	Saving:           "Gravando…",
	ErrSystem:        "sistema desconhecido",
	ErrCustomerKey:   "customer_key: use até 64 letras, dígitos, . _ : -",
	ErrUsername:      "usuário: informe um CPF válido ou um número OAB (ex.: SP123456)",
	ErrPassword:      "senha: obrigatória, até 256 caracteres",
	ErrTOTP:          "segredo TOTP: base32 (letras A–Z e dígitos 2–7), ao menos 16 caracteres",
	ErrTOTPMissing:   "este sistema exige autenticação de dois fatores: informe o segredo TOTP",
	NoValue:          "nenhum valor guardado é exibido: o cofre não os devolve",
}

var vaultEn = VaultText{
	Tab: "Vault", Title: "Credential vault · %s · %s", Systems: "%s system|%s systems", Stored: "%s stored|%s stored",
	SignIn:      "Sign in (L) to manage your institution's vault.",
	Only:        "The vault belongs to institutions: sign in as a Requester linked to one.",
	Loading:     "Loading the vault…",
	Locked:      "Vault locked: %s",
	Institution: "Institution", CustomerKey: "customer_key", AllKeys: "all", Search: "system",
	Active: "● stored", NotExists: "○ not stored", TwoFactor: "2FA",
	Empty:  "No system matches the search.",
	KeyAdd: "add/overwrite", KeyDelete: "delete", KeyInstitution: "institution", KeyCustomer: "customer_key",
	FormTitle:  "Add or overwrite a credential",
	FormSystem: "System", FormUser: "Username (CPF or OAB)", FormPassword: "Password", FormSeed: "TOTP secret (2FA)",
	FormSeedOptional: "optional: only for systems with two-factor authentication",
	FormPickHint:     "(←/→ to change; * serves the systems without their own credential)",
	FormNever:        "Credentials are encrypted and nobody reads them back, not even you: to change one, overwrite it.",
	Saved:            "Credential stored for %s (customer_key %s).",
	Updated:          "Credential overwritten for %s (customer_key %s).",
	ConfirmDelete:    "Delete the credential of %s for customer_key %s? s confirms · esc cancels",
	Deleted:          "Credential of %s deleted.",
	KeyFilterHint:    "customer_key (enter filters, empty shows all): ",
	Saving:           "Saving…",
	ErrSystem:        "unknown system",
	ErrCustomerKey:   "customer_key: up to 64 letters, digits, . _ : -",
	ErrUsername:      "username: a valid CPF or an OAB number (e.g. SP123456)",
	ErrPassword:      "password: required, at most 256 characters",
	ErrTOTP:          "TOTP secret: base32 (letters A–Z and digits 2–7), at least 16 characters",
	ErrTOTPMissing:   "this system requires two-factor authentication: enter the TOTP secret",
	NoValue:          "no stored value is shown: the vault never returns them",
}
