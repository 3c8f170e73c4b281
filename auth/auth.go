// Package auth is the cryptography of the back office's accounts:
// passwords hashed with argon2id, their strength judged with zxcvbn, and the
// random session tokens whose hashes the store keeps. The domain decides
// the policy (koers.MinPasswordLength, the session time-outs); this package
// holds the technology.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/koers-nl/koers"
	"github.com/trustelem/zxcvbn"
	"golang.org/x/crypto/argon2"
)

// Params are argon2id's costs. A hash records the ones it was made with, so
// that they can rise without invalidating stored hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams follow OWASP's advice for argon2id: 19 MiB, two passes,
// one thread.
var DefaultParams = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
)

// hashing bounds the hashes computed at once: each takes Params.Memory,
// and a flood of sign-ins must not take all of it.
var hashing = make(chan struct{}, max(2, runtime.GOMAXPROCS(0)))

// Hash returns the PHC string of password's argon2id hash with a new salt:
// "$argon2id$v=19$m=19456,t=2,p=1$salt$key".
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := derive(password, salt, p, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

func derive(password string, salt []byte, p Params, n uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, n)
}

// ErrMalformed is returned for a stored hash that is not one of Hash's.
var ErrMalformed = errors.New("auth: malformed password hash")

// Verify reports whether password matches the PHC string hash, in time
// that does not depend on where they differ.
func Verify(password, hash string) (bool, error) {
	p, salt, key, err := parse(hash)
	if err != nil {
		return false, err
	}
	got := derive(password, salt, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// parse reads a PHC string of argon2id.
func parse(hash string) (p Params, salt, key []byte, err error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, ErrMalformed
	}
	var m, t, th uint64
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &th); err != nil ||
		m < 8 || m > 4<<20 || t < 1 || t > 100 || th < 1 || th > 255 {
		return p, nil, nil, ErrMalformed
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, ErrMalformed
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return p, nil, nil, ErrMalformed
	}
	return Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(th)}, salt, key, nil
}

// dummy is a hash to verify against when the account does not exist, so
// that a sign-in takes as long whether it does or not.
var dummy, _ = Hash("koers: no such account", DefaultParams)

// VerifyNothing spends the time of one Verify.
func VerifyNothing(password string) { _, _ = Verify(password, dummy) }

// guessable is how strong a password must be, in zxcvbn's score (0 to 4):
// 3 is "safely unguessable" against an online attack and well beyond the
// lists of common passwords it knows.
const guessable = 3

// strengthLimit bounds the part of a password zxcvbn looks at; its work
// grows quickly with length, and a long password is strong anyway.
const strengthLimit = 64

// CheckPassword judges a new password against the domain's policy: the
// length, and not a common or easily guessed one (zxcvbn's lists of common
// passwords, names and words, keyboard patterns, dates and repeats; words
// that belong to the user or to koers count as known). It returns an
// EINVALID error with a Dutch message for the form, or nil.
func CheckPassword(password string, userWords ...string) error {
	switch n := utf8.RuneCountInString(password); {
	case !utf8.ValidString(password):
		return koers.Errorf(koers.EINVALID, "Het wachtwoord bevat tekens die geen tekst zijn.")
	case n < koers.MinPasswordLength:
		return koers.Errorf(koers.EINVALID, "Kies een wachtwoord van minstens %d tekens; dit is er %d lang.", koers.MinPasswordLength, n)
	case len(password) > koers.MaxPasswordLength:
		return koers.Errorf(koers.EINVALID, "Kies een wachtwoord van hoogstens %d tekens.", koers.MaxPasswordLength)
	}
	sample := password
	if utf8.RuneCountInString(sample) > strengthLimit {
		sample = string([]rune(sample)[:strengthLimit])
	}
	words := append([]string{"koers", "beheer", "gemeente", "begroting", "wachtwoord"}, userWords...)
	if zxcvbn.PasswordStrength(sample, words).Score < guessable {
		return koers.Errorf(koers.EINVALID, "Dit wachtwoord is te makkelijk te raden: het staat op een lijst van veelgebruikte wachtwoorden of lijkt erop. Kies bijvoorbeeld vier losse woorden achter elkaar.")
	}
	return nil
}

// NewToken returns a new random session token for the cookie (256 bits,
// URL-safe) and the hash the store keeps of it.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("new token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, TokenHash(token), nil
}

// NewAPIToken returns a new token for the write API and the hash the
// store keeps of it: koers.APITokenPrefix, which secret scanners can
// recognise, and 256 random bits.
func NewAPIToken() (token, hash string, err error) {
	raw, _, err := NewToken()
	if err != nil {
		return "", "", err
	}
	token = koers.APITokenPrefix + raw
	return token, TokenHash(token), nil
}

// TokenHash is what the store keeps of a token: a leak of the sessions
// table gives no one a session.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
