package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	regsynth "github.com/koers-nl/koers/synth/register"
)

// synthRegister writes a synthetic register: iWmo/iJw 3.2 messages and
// the CSV files of doc/register-csv.md.
func (m *Main) synthRegister(args []string) error {
	fs := m.flags("synth register", "--inhabitants N --years FROM-TO --out DIR [--municipality CODE] [--seed N]")
	inhabitants := fs.Int("inhabitants", 27000, "inhabitants of the municipality or region; rates are Leiderdorp's")
	years := fs.String("years", "", "the years, FROM-TO (e.g. 2018-2025) or one year")
	out := fs.String("out", "", "the directory to write: berichten/YEAR/TYPE/*.xml and the CSV files")
	municipality := fs.String("municipality", regsynth.DefaultMunicipality, "CBS gemeentecode, four digits: sender of 301, receiver of 305 and 307")
	seed := fs.Uint64("seed", 1, "the same seed gives the same register")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("synth register: unexpected argument %q", fs.Arg(0))
	}
	if *out == "" {
		return errors.New("synth register: --out needs a directory")
	}
	from, to, err := yearRange(*years)
	if err != nil {
		return fmt.Errorf("synth register: %w", err)
	}
	start := time.Now()
	reg, err := regsynth.Generate(regsynth.Options{Inhabitants: *inhabitants, From: from, To: to, Municipality: *municipality, Seed: *seed})
	if err != nil {
		return fmt.Errorf("synth register: %w", err)
	}
	w, err := reg.WriteDir(*out)
	if err != nil {
		return fmt.Errorf("synth register: %w", err)
	}
	secs := time.Since(start).Seconds()
	fmt.Fprintf(m.Stdout, "wrote %d messages (%d MB) and %d CSV files to %s in %.1f s (%.0f messages/s): %d persons, %d registrations, %d benefits, %d work places, %d providers\n",
		w.Messages, w.Bytes>>20, len(w.CSVFiles), *out, secs, float64(w.Messages)/secs,
		len(reg.Persons), len(reg.Registrations), len(reg.Benefits), len(reg.Work), len(reg.Providers))
	return nil
}

// yearRange reads "2018-2025" or "2025".
func yearRange(s string) (from, to int, err error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		b = a
	}
	from, err1 := strconv.Atoi(a)
	to, err2 := strconv.Atoi(b)
	if s == "" || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("--years %q: write FROM-TO, e.g. 2018-2025", s)
	}
	return from, to, nil
}
