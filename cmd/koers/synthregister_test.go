package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSynthRegister writes a small register and checks what it says and
// what it wrote; bad arguments are refused.
func TestSynthRegister(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "reg")
	got := mustRun(t, "synth", "register", "--inhabitants", "500", "--years", "2024-2025", "--municipality", "0626", "--seed", "3", "--out", dir)
	if !strings.HasPrefix(got, "wrote ") || !strings.Contains(got, "and 6 CSV files to "+dir) {
		t.Errorf("synth register printed %q", got)
	}
	for _, name := range []string{"registraties.csv", "uitkeringen.csv", "werk.csv", "aanbieders.csv", "plafonds.csv", "bevolking.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "berichten", "2025", "wmo301", "*.xml"))
	if len(files) == 0 {
		t.Fatal("no WMO301 messages for 2025")
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(string(b), "<wmo301:Afzender>0626</wmo301:Afzender>") {
		t.Errorf("the 301 is not from the municipality 0626:\n%s", b)
	}
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"--years", "2024"}, "synth register: --out needs a directory"},
		{[]string{"--out", dir, "--years", "2024/2025"}, `synth register: --years "2024/2025": write FROM-TO, e.g. 2018-2025`},
		{[]string{"--out", dir, "--years", "2024", "--inhabitants", "0"}, "synth register: Het aantal inwoners ligt tussen 100 en 20000000, niet 0."},
		{[]string{"--out", dir, "--years", "2024", "extra"}, `synth register: unexpected argument "extra"`},
	} {
		_, _, err := run(t, append([]string{"synth", "register"}, tt.args...)...)
		if err == nil || err.Error() != tt.err {
			t.Errorf("synth register %v: err = %v, want %q", tt.args, err, tt.err)
		}
	}
}
