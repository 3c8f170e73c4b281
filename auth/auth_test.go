package auth

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// cheap keeps the tests fast; the format and checks are the same.
var cheap = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery staple", cheap)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q is not a PHC string of argon2id with its parameters", h)
	}
	h2, _ := Hash("correct horse battery staple", cheap)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, tt := range []struct {
		password string
		want     bool
	}{
		{"correct horse battery staple", true},
		{"correct horse battery stapl", false},
		{"Correct horse battery staple", false},
		{"", false},
	} {
		ok, err := Verify(tt.password, h)
		if err != nil || ok != tt.want {
			t.Errorf("Verify(%q) = %v, %v; want %v", tt.password, ok, err, tt.want)
		}
	}
}

func TestVerifyMalformed(t *testing.T) {
	good, _ := Hash("x", cheap)
	parts := strings.Split(good, "$")
	for _, h := range []string{
		"",
		"plain",
		"$argon2i$v=19$m=64,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=18$m=64,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=64,t=0,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=99999999,t=1,p=1$" + parts[4] + "$" + parts[5],
		"$argon2id$v=19$m=64,t=1,p=1$!!$" + parts[5],
		"$argon2id$v=19$m=64,t=1,p=1$" + parts[4] + "$AAAA",
		good + "$",
	} {
		if ok, err := Verify("x", h); ok || err != ErrMalformed {
			t.Errorf("Verify(%q) = %v, %v; want false, ErrMalformed", h, ok, err)
		}
	}
}

func FuzzVerify(f *testing.F) {
	good, _ := Hash("x", cheap)
	f.Add(good)
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, h string) {
		if p, _, _, err := parse(h); err == nil && (p.Memory > 1024 || p.Time > 2 || p.Threads > 4) {
			t.Skip("costly parameters")
		}
		_, _ = Verify("x", h)
	})
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password string
		words    []string
		want     string // "" when accepted
	}{
		{"kort", nil, "Kies een wachtwoord van minstens 12 tekens; dit is er 4 lang."},
		{"12345678901", nil, "Kies een wachtwoord van minstens 12 tekens; dit is er 11 lang."},
		{"wachtwoord123", nil, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar."},
		{"password1234", nil, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar."},
		{"qwertyuiop123", nil, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar."},
		{"aaaaaaaaaaaaaaaa", nil, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar."},
		{"leiderdorp2024!", []string{"leiderdorp"}, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar."},
		{strings.Repeat("x", 257), nil, "Kies een wachtwoord van hoogstens 256 tekens."},
		{"\xff\xfe123456789012", nil, "Het wachtwoord bevat tekens die geen tekst zijn."},
		{"tulp-fiets-molen-kaas", nil, ""},
		{"Zx8!qLw2#rTv9", nil, ""},
		{strings.Repeat("lange zin met veel woorden ", 9), nil, ""},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.password, tt.words...)
		if got := koers.ErrorMessage(err); err != nil && koers.ErrorCode(err) != koers.EINVALID || (err == nil) != (tt.want == "") || (err != nil && got != tt.want) {
			t.Errorf("CheckPassword(%q) = %v (%s); want %q", tt.password, err, koers.ErrorCode(err), tt.want)
		}
	}
}

func TestToken(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken()
	if a == b || ha == hb || len(a) != 43 || len(ha) != 64 {
		t.Fatalf("tokens %q %q hashes %q %q", a, b, ha, hb)
	}
	if TokenHash(a) != ha || TokenHash(b) != hb || ha == a {
		t.Fatal("TokenHash does not give the token's hash")
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("correct horse battery staple", DefaultParams); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	pw := strings.Repeat("lange zin met veel woorden ", 9)
	for b.Loop() {
		_ = CheckPassword(pw, "naam@gemeente.nl")
	}
}
