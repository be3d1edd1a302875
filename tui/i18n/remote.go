package i18n

// RemoteText is the wording of a TUI served by gecli ssh to a terminal
// on another machine (issue 17): what it does instead of touching the
// host's files.
type RemoteText struct {
	// DownloadLinkLabel names a copied download link: %s the file, %s
	// the time it stops working.
	DownloadLinkLabel string
	// NoHostFiles: a file was asked for over SSH, where it would be read
	// from the host, not from the person's machine.
	NoHostFiles string
}

var remotePtBR = RemoteText{
	DownloadLinkLabel: "Link de download de %s (vale uma vez, até %s; abra no seu navegador)",
	NoHostFiles:       "Pelo SSH os arquivos seriam lidos do servidor, não da sua máquina: anexe-os com o gecli no seu computador",
}

var remoteEn = RemoteText{
	DownloadLinkLabel: "Download link of %s (works once, until %s; open it in your browser)",
	NoHostFiles:       "Over SSH files would be read from the server, not from your machine: attach them with gecli on your own computer",
}
