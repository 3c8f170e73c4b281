// Command koers publishes a municipality's planning & control documents.
//
//	koers serve              serve the site and the API
//	koers import FILE...     load document bundles
//	koers export DOCUMENT    write a document as a bundle to stdout
//	koers check FILE...      validate bundles without writing
//	koers synth              write a synthetic document, or a corpus, for benchmarks
//	koers register           the social-domain register: import, compute, forget
//
// This package only wires the others together; Main.Run is the whole
// program, so that tests can start it (on port 0) and stop it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "koers:", err)
		}
		os.Exit(1)
	}
}

// Main is the program with its surroundings made explicit.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// OnListen, if set, is called with the address the server listens on.
	OnListen func(addr string)
}

// NewMain returns a Main on the process's own streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

const usage = `koers publishes planning & control documents.

Usage:
  koers serve [--addr ADDR] [--db DB] [--no-demo] [--base-url URL] [--client-header NAME] [--log-format text|json]
  koers import [--db DB] FILE...
  koers export [--db DB] DOCUMENT      (an id, or ORGANISATION/DOCUMENT slugs)
  koers check FILE...
  koers synth [--programmes N]         (a synthetic begroting, as a bundle, to stdout)
  koers synth --out DIR [--organisations N] [--documents M] [--programmes P]
                                       (a corpus: one bundle per document, DIR/ORGANISATION/DOCUMENT.json)
  koers synth --queries N              (search queries for a corpus, one a line)
  koers synth register --inhabitants N --years FROM-TO --out DIR [--municipality CODE] [--seed N]
                                       (a synthetic register: iWmo/iJw messages and CSV files)
  koers copy --from DB --to DB         (every document and benchmark; exports compared)
  koers backup [--db sqlite:PATH] FILE (online, consistent)
  koers restore [--db sqlite:PATH] FILE
  koers statline [--db DB] DOCUMENT FILE
                                       (fill DOCUMENT's comparison tables from a CBS StatLine export)
  koers user add --org SLUG --role ROLE [--name NAME] EMAIL
  koers user list [--org SLUG] | disable EMAIL | reset EMAIL
                                       (back-office accounts; a new password is read from stdin)
  koers register keygen --key-file F
  koers register import [--db DB] --org SLUG --key-file F --municipality CODE FILE_OR_DIR...
  koers register compute [--db DB] --org SLUG --rules FILE --years 2016-2025 [--write]
  koers register forget [--db DB] --org SLUG --older-than 7y
                                       (the social-domain register; koers register help)

DB is sqlite:PATH (default sqlite:koers-data/koers.db, or $KOERS_DB) or
postgres://USER@HOST/DATABASE.
Run "koers COMMAND --help" for a command's flags.
`

// Run runs the command in args.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return errors.New("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return m.serve(ctx, rest)
	case "import":
		return m.importCmd(ctx, rest)
	case "export":
		return m.export(ctx, rest)
	case "check":
		return m.check(rest)
	case "synth":
		return m.synth(rest)
	case "copy":
		return m.copyCmd(ctx, rest)
	case "backup":
		return m.backup(ctx, rest)
	case "restore":
		return m.restore(ctx, rest)
	case "statline":
		return m.statlineCmd(ctx, rest)
	case "user":
		return m.user(ctx, rest)
	case "register":
		return m.register(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	}
	fmt.Fprint(m.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// env returns the environment variable or the fallback.
func (m *Main) env(name, fallback string) string {
	if v := m.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func (m *Main) flags(name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(m.Stderr, "Usage: koers %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// logger writes structured logs to stderr as text or JSON.
func (m *Main) logger(format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(m.Stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(m.Stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}
