package pathcomplete

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestCandidatesListWhatATabCannotChoose: a folder with several files
// completes nothing more but names them; a prefix shared by two names
// completes to what they share; one match completes whole.
func TestCandidatesListWhatATabCannotChoose(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"t", "t.pdf", "other.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	in := dir + "/"
	out, names := Candidates(in)
	if out != in || !slices.Equal(names, []string{"other.yaml", "sub/", "t", "t.pdf"}) {
		t.Fatalf("folder: %q %v", out, names)
	}
	out, names = Candidates(in + "t")
	if out != in+"t" || !slices.Equal(names, []string{"t", "t.pdf"}) {
		t.Fatalf("t: %q %v", out, names)
	}
	out, names = Candidates(in + "o")
	if out != in+"other.yaml" || names != nil {
		t.Fatalf("one match: %q %v", out, names)
	}
	if Complete(in+"s") != in+"sub/" {
		t.Fatalf("a folder gets its slash: %q", Complete(in+"s"))
	}
}
