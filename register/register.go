// Package register is the social-domain register's service layer: it
// turns a BSN into a pseudonym with the installation's secret key
// (Keyer), reads the counting rules from their file (DecodeRules), and
// computes what may leave the register (Compute): counts by the rules,
// small numbers suppressed. The facts themselves live behind a
// koers.Register (package register/sqlreg).
package register

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/koers-nl/koers"
)

// KeySize is the least number of secret bytes a key file holds.
const KeySize = 32

// Keyer pseudonymises BSNs: HMAC-SHA256 under the installation's secret.
// The same BSN gives the same pseudonym under the same key, and without
// the key a pseudonym cannot be traced back by trying all BSNs (there are
// only a billion). The key is kept in a file outside the database: a copy
// of the database alone names nobody.
type Keyer struct {
	key []byte
}

// String hides the key: a Keyer printed into a log shows no secret.
func (k *Keyer) String() string { return "register.Keyer{…}" }

// GoString hides the key from %#v too.
func (k *Keyer) GoString() string { return k.String() }

// NewKeyer makes a Keyer from a secret of at least KeySize bytes.
func NewKeyer(secret []byte) (*Keyer, error) {
	if len(secret) < KeySize {
		return nil, koers.Errorf(koers.EINVALID, "De sleutel voor pseudoniemen is te kort: %d bytes, ten minste %d.", len(secret), KeySize)
	}
	return &Keyer{key: bytes.Clone(secret)}, nil
}

// LoadKey reads the key file at path: at least KeySize random bytes,
// written raw or as hexadecimal (whitespace around it is ignored; a file
// of hexadecimal digits only is read as hexadecimal). A file
// others than its owner may read is refused: whoever reads the key can
// recompute every pseudonym.
func LoadKey(path string) (*Keyer, error) {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, koers.Errorf(koers.EINVALID, "Het sleutelbestand %s bestaat niet; maak het eenmalig aan.", path)
		}
		return nil, fmt.Errorf("register key %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, koers.Errorf(koers.EINVALID, "Het sleutelbestand %s is geen gewoon bestand.", path)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return nil, koers.Errorf(koers.EINVALID, "Het sleutelbestand %s is leesbaar voor anderen dan de eigenaar (rechten %04o); zet de rechten op 0600 (chmod 600 %s).", path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("register key %s: %w", path, err)
	}
	secret := data
	if t := bytes.TrimSpace(data); len(t)%2 == 0 && len(t) > 0 {
		if b, err := hex.DecodeString(string(t)); err == nil {
			secret = b
		}
	}
	if len(secret) < KeySize {
		return nil, koers.Errorf(koers.EINVALID, "Het sleutelbestand %s bevat %d bytes; een sleutel heeft ten minste %d willekeurige bytes.", path, len(secret), KeySize)
	}
	return NewKeyer(secret)
}

// NewKeyFile creates a key file at path with KeySize random bytes in
// hexadecimal, readable by its owner only, for a first run. It never
// overwrites a file: a new key makes every pseudonym in the register
// new, and the clients already there unreachable.
func NewKeyFile(path string) (*Keyer, error) {
	secret := make([]byte, KeySize)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil, koers.Errorf(koers.EINVALID, "Het sleutelbestand %s bestaat al; een nieuwe sleutel maakt alle pseudoniemen onbruikbaar.", path)
		}
		return nil, fmt.Errorf("register key %s: %w", path, err)
	}
	_, err = f.WriteString(hex.EncodeToString(secret) + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("register key %s: %w", path, err)
	}
	return NewKeyer(secret)
}

// Pseudonym checks bsn and returns its pseudonym: the hex HMAC-SHA256 of
// its nine digits. A BSN is nine digits that pass the elfproef; one of
// eight digits, as some systems write it, is refused rather than guessed.
func (k *Keyer) Pseudonym(bsn string) (koers.Pseudonym, error) {
	if err := CheckBSN(bsn); err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte(bsn))
	return koers.Pseudonym(hex.EncodeToString(m.Sum(nil))), nil
}

// CheckBSN reports whether bsn is a burgerservicenummer: nine digits,
// not all zero, whose weighted sum (9 × the first digit, 8 × the second,
// …, 2 × the eighth, −1 × the last) is a multiple of eleven (elfproef).
// The error does not repeat the number.
func CheckBSN(bsn string) error {
	if len(bsn) != 9 {
		return koers.Errorf(koers.EINVALID, "Een BSN heeft negen cijfers, niet %d tekens.", len(bsn))
	}
	sum, zero := 0, true
	for i := range 9 {
		c := bsn[i]
		if c < '0' || c > '9' {
			return koers.Errorf(koers.EINVALID, "Een BSN bestaat uit cijfers.")
		}
		d := int(c - '0')
		if d != 0 {
			zero = false
		}
		if i == 8 {
			sum -= d
		} else {
			sum += (9 - i) * d
		}
	}
	if zero || sum%11 != 0 {
		return koers.Errorf(koers.EINVALID, "Het BSN voldoet niet aan de elfproef.")
	}
	return nil
}

// Compute counts every rule in reg for years, in one snapshot, and turns
// the tallies into what may leave the register, in the order of rules and
// then years. A
// rule's threshold is thresholds[indicator] (none: koers.DefaultThreshold).
func Compute(ctx context.Context, reg koers.Register, orgID int64, rules []koers.CountRule, thresholds map[string]int, years []int, now time.Time) ([]koers.ComputedValue, error) {
	for i := range rules {
		if err := rules[i].Validate(); err != nil {
			return nil, err
		}
	}
	tallies, err := reg.CountAll(ctx, orgID, rules, years)
	if err != nil {
		return nil, fmt.Errorf("count: %w", err)
	}
	out := make([]koers.ComputedValue, 0, len(rules)*len(years))
	for i := range rules {
		for _, t := range tallies[i] {
			out = append(out, koers.Compute(&rules[i], t, thresholds[rules[i].Indicator], now))
		}
	}
	return out, nil
}
