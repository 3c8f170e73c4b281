// Package istd reads the iWmo and iJw 3.2 messages the register is fed
// with: the toewijzing (301) a municipality sends a provider, and the
// start (305) and stop (307) of care the provider sends back. Decode
// checks a message against the rules of its schema, written here as our
// own code (schema.go), and against the register's own rules, and turns it
// into a koers.RegisterBatch: the client as a pseudonym, birth year, sex
// and postcode area; nothing else that names a person is kept. A message
// with any problem yields every problem, located, and no batch.
package istd

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/koers-nl/koers"
)

// Pseudonymiser replaces a BSN by the client's pseudonym; the register's
// Keyer is one.
type Pseudonymiser interface {
	Pseudonym(bsn string) (koers.Pseudonym, error)
}

// kind is what a message reports.
type kind int

const (
	toewijzing301 kind = iota
	start305
	stop307
)

// message is one of the messages Decode reads.
type message struct {
	name string // "WMO301"
	law  koers.Law
	kind kind
	ns   string // the message's namespace
	base string // the basisschema's namespace
	tree *node
}

// Supported names the messages Decode reads, in the words of its refusal.
const Supported = "WMO301, WMO305, WMO307, JW301, JW305 en JW307"

// messages are the supported messages by namespace.
var messages = map[string]*message{}

func init() {
	wmo := law{categorie: wmoCategorie, beeindiging: wmoBeeindiging}
	jeugd := law{categorie: jeugdCategorie, beeindiging: jeugdBeeindiging}
	add := func(std, prefix string, l koers.Law, rules law, codes [3]string) {
		base := "http://www.istandaarden.nl/" + std + "/3_2/basisschema/schema"
		for i, n := range []string{"301", "305", "307"} {
			m := &message{name: strings.ToUpper(prefix) + n, law: l, kind: kind(i), base: base,
				ns: "http://www.istandaarden.nl/" + std + "/3_2/" + prefix + n + "/schema"}
			switch m.kind {
			case toewijzing301:
				m.tree = toewijzingTree(rules, codes[i])
			default:
				m.tree = careReport(rules, codes[i], m.kind == stop307)
			}
			messages[m.ns] = m
		}
	}
	// The berichtcodes are COD002's.
	add("iwmo", "wmo", koers.Wmo, wmo, [3]string{"414", "418", "420"})
	add("ijw", "jw", koers.Jeugdwet, jeugd, [3]string{"436", "438", "440"})
}

var istdNamespace = regexp.MustCompile(`^http://www\.istandaarden\.nl/(iwmo|ijw)/([0-9]+)_([0-9]+)/(wmo|jw)([0-9]+)/schema$`)

// refuse is the error for a file that is not a message Decode reads.
func refuse(name, ns string) error {
	if m := istdNamespace.FindStringSubmatch(ns); m != nil {
		msg := strings.ToUpper(m[4]) + m[5]
		if m[2] != "3" || m[3] != "2" {
			return koers.Errorf(koers.EINVALID, "Bericht %s van release %s.%s wordt niet ingelezen; koers leest release 3.2 (%s).", msg, m[2], m[3], Supported)
		}
		return koers.Errorf(koers.EINVALID, "Bericht %s wordt niet ingelezen; koers leest %s.", msg, Supported)
	}
	return koers.Errorf(koers.EINVALID, "Bestand %s is geen iWmo- of iJw-bericht; koers leest %s.", name, Supported)
}

var municipalityCode = regexp.MustCompile(`^[0-9]{4}$`)

// Decode reads the message in data, named name in problems, for the
// municipality with CBS gemeentecode municipality (four digits): a 301
// must come from it, a 305 or 307 must be addressed to it. The BSN is
// replaced by key's pseudonym and goes no further. On any problem it
// returns an *Error with every problem and no batch; a file that is no
// message Decode reads is refused with a koers.EINVALID error that names
// the messages it reads.
func Decode(name string, data []byte, key Pseudonymiser, municipality string) (*koers.RegisterBatch, error) {
	if !municipalityCode.MatchString(municipality) {
		return nil, koers.Errorf(koers.EINVALID, "De gemeentecode %q heeft geen vier cijfers.", municipality)
	}
	r := readers.Get().(*reader)
	defer r.release()
	r.reset(data)
	m, err := r.read(name)
	if err != nil {
		return nil, err
	}
	var b *koers.RegisterBatch
	if len(r.problems) == 0 && m != nil {
		b = r.batch(m, municipality)
	}
	if len(r.problems) > 0 {
		locate(data, r.problems)
		return nil, &Error{File: name, Problems: r.problems}
	}
	if len(b.Clients) == 0 {
		return b, nil // a 305 or 307: its care refers to the toewijzing, not the client
	}
	p, err := key.Pseudonym(r.vals[fBsn].s)
	if err != nil {
		return nil, fmt.Errorf("pseudonymising the client of %s: %w", name, err)
	}
	if !p.Valid() {
		return nil, errors.New("the pseudonymiser returned no pseudonym")
	}
	b.Clients[0].Pseudonym = p
	for i := range b.Assignments {
		b.Assignments[i].Client = p
	}
	return b, nil
}

// value is an element's content as read, and where its element starts.
type value struct {
	s   string
	off int
	set bool
}

// rec is a product or an address as read.
type rec struct {
	v    [nFields]value
	off  int
	path string
}

// frame is an open element.
type frame struct {
	n      *node
	counts []int // occurrences of each of n's children
	off    int
	seg    string // the element in a path: "ToegewezenProduct[2]"
	text   []byte // the content of a simple element
	mixed  bool   // text found in an element of elements
	raw    qname  // as written, prefix and all: its end tag must match
	mark   int    // the namespace bindings in scope before it
}

// reader walks one message, checking it against its tree.
type reader struct {
	data     []byte
	problems []Problem
	stack    []*frame
	free     []*frame
	vals     [nFields]value
	products []rec
	contacts []rec
	cur      *rec
	ns       []binding
	sc       scanner
}

// readers keeps readers between messages: their buffers serve the next.
var readers = sync.Pool{New: func() any { return new(reader) }}

func (r *reader) reset(data []byte) {
	r.free = append(r.free, r.stack...)
	*r = reader{data: data, free: r.free, stack: r.stack[:0], products: r.products[:0], contacts: r.contacts[:0], ns: r.ns[:0],
		sc: scanner{data: data, attrs: r.sc.attrs[:0], text: r.sc.text[:0], scratch: r.sc.scratch[:0], norm: r.sc.norm[:0]}}
}

// release returns r to the pool, holding on to nothing of the message.
func (r *reader) release() {
	r.data, r.sc.data, r.problems, r.cur = nil, nil, nil, nil
	r.vals = [nFields]value{}
	clear(r.products)
	clear(r.contacts)
	// The buffers held the message's text, a BSN and names among it.
	for _, f := range r.stack {
		clear(f.text[:cap(f.text)])
	}
	for _, f := range r.free {
		clear(f.text[:cap(f.text)])
	}
	for _, b := range [][]byte{r.sc.text, r.sc.scratch, r.sc.norm} {
		clear(b[:cap(b)])
	}
	readers.Put(r)
}

func (r *reader) path(extra string) string {
	var b strings.Builder
	for _, f := range r.stack {
		b.WriteByte('/')
		b.WriteString(f.seg)
	}
	if extra != "" {
		b.WriteByte('/')
		b.WriteString(extra)
	}
	return b.String()
}

func (r *reader) problem(off int, path, format string, args ...any) {
	r.problems = append(r.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...), offset: off})
}

func isSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// read checks the message and collects what the register reads. It
// returns the message, or an error when the file is not one Decode reads.
func (r *reader) read(name string) (*message, error) {
	sc := &r.sc
	if err := sc.prolog(); err != nil {
		r.syntax(err)
		return nil, nil
	}
	var m *message
	done := false // the root element ended
	for {
		t, err := sc.next()
		if err != nil {
			r.syntax(err)
			return m, nil
		}
		switch t.kind {
		case tokEOF:
			if len(r.stack) > 0 {
				r.problem(len(r.data), "", "geen geldige XML: het bestand houdt op voor het einde van <%s>", r.stack[len(r.stack)-1].raw)
			}
			if m == nil {
				return nil, refuse(name, "")
			}
			return m, nil
		case tokStart:
			mark := len(r.ns)
			for _, a := range t.attrs {
				if string(a.name.prefix) == "xmlns" {
					r.ns = append(r.ns, binding{string(a.name.local), string(a.value)})
				} else if len(a.name.prefix) == 0 && string(a.name.local) == "xmlns" {
					r.ns = append(r.ns, binding{"", string(a.value)})
				}
			}
			space := r.resolve(t.name.prefix)
			if m == nil {
				m = messages[space]
				if m == nil {
					return nil, refuse(name, space)
				}
				if string(t.name.local) != "Bericht" {
					return nil, koers.Errorf(koers.EINVALID, "Bestand %s is geen %s: het hoofdelement heet %s, niet Bericht.", name, m.name, t.name.local)
				}
				r.push(m.tree, t.name, mark, t.off, "Bericht")
				r.attrs(t, mark)
				continue
			}
			if done {
				r.problem(t.off, "", "na het einde van het bericht volgt nog een element %s", t.name.local)
				done = false // report it once, and read it as unknown
				r.push(unknown, t.name, mark, t.off, "")
				continue
			}
			parent := r.stack[len(r.stack)-1]
			if parent.n == unknown {
				r.push(unknown, t.name, mark, t.off, "")
				continue
			}
			var kid *node
			i := 0
			for j, k := range parent.n.kids {
				want := m.ns
				if k.base {
					want = m.base
				}
				if string(t.name.local) == k.name && space == want {
					kid, i = k, j
					break
				}
			}
			if kid == nil {
				if parent.n.typ != nil {
					r.problem(t.off, r.path(""), "element %s hoort hier niet: %s bevat geen elementen", t.name.local, parent.n.name)
				} else {
					r.problem(t.off, r.path(string(t.name.local)), "element %s is onbekend in %s", t.name.local, parent.n.name)
				}
				r.push(unknown, t.name, mark, t.off, "")
				continue
			}
			parent.counts[i]++
			seg := kid.name
			if kid.many {
				seg = kid.name + "[" + strconv.Itoa(parent.counts[i]) + "]"
			} else if parent.counts[i] > 1 {
				r.problem(t.off, r.path(seg), "element %s komt meer dan één keer voor", kid.name)
			}
			r.push(kid, t.name, mark, t.off, seg)
			r.attrs(t, mark)
			if kid.record != rNone {
				x := rec{off: t.off, path: r.path("")}
				switch kid.record {
				case rProduct:
					r.products = append(r.products, x)
					r.cur = &r.products[len(r.products)-1]
				case rContact:
					r.contacts = append(r.contacts, x)
					r.cur = &r.contacts[len(r.contacts)-1]
				}
			}
		case tokEnd:
			if len(r.stack) == 0 {
				r.problem(t.off, "", "geen geldige XML: </%s> sluit niets", t.name)
				return m, nil
			}
			f := r.stack[len(r.stack)-1]
			if !f.raw.equal(t.name) {
				r.problem(t.off, "", "geen geldige XML: element <%s> wordt gesloten door </%s>", f.raw, t.name)
				return m, nil
			}
			if f.n != unknown {
				r.end(f)
			}
			r.ns = r.ns[:f.mark]
			r.stack = r.stack[:len(r.stack)-1]
			r.free = append(r.free, f)
			if f.n.record != rNone {
				r.cur = nil
			}
			if len(r.stack) == 0 {
				done = true
			}
		case tokText:
			if len(r.stack) == 0 {
				if !isSpace(t.text) {
					if m == nil {
						return nil, refuse(name, "")
					}
					r.problem(t.off, "", "na het einde van het bericht volgt nog tekst")
				}
				continue
			}
			f := r.stack[len(r.stack)-1]
			if f.n == unknown {
				continue
			}
			if f.n.typ != nil {
				f.text = append(f.text, t.text...)
			} else if !f.mixed && !isSpace(t.text) {
				f.mixed = true
				r.problem(t.off, r.path(""), "tekst hoort niet in %s, dat alleen elementen bevat", f.n.name)
			}
		}
	}
}

// unknown stands for an element the schema does not know, and all in it:
// it is reported once and read over.
var unknown = &node{name: "?"}

// binding is a namespace prefix in scope.
type binding struct{ prefix, url string }

// resolve gives the namespace of a prefix in scope; an undeclared prefix
// stands for itself, which matches no namespace of the messages.
func (r *reader) resolve(prefix []byte) string {
	if string(prefix) == "xml" {
		return "http://www.w3.org/XML/1998/namespace"
	}
	for i := len(r.ns) - 1; i >= 0; i-- {
		if r.ns[i].prefix == string(prefix) {
			return r.ns[i].url
		}
	}
	return string(prefix)
}

// syntax notes a document that is not well-formed.
func (r *reader) syntax(err error) {
	off := len(r.data)
	if se, ok := err.(*syntaxError); ok {
		off = se.off
	}
	r.problem(off, "", "geen geldige XML: %s", err.Error())
}

func (r *reader) push(n *node, raw qname, mark, off int, seg string) {
	var f *frame
	if k := len(r.free); k > 0 {
		f = r.free[k-1]
		r.free = r.free[:k-1]
	} else {
		f = &frame{}
	}
	*f = frame{n: n, raw: raw, mark: mark, off: off, seg: seg, text: f.text[:0], counts: f.counts[:0]}
	for range n.kids {
		f.counts = append(f.counts, 0)
	}
	r.stack = append(r.stack, f)
}

// attrs refuses attributes: these schemas declare none. Namespace
// declarations and the schema-instance locations are not attributes of
// the message.
func (r *reader) attrs(t token, mark int) {
	for _, a := range t.attrs {
		p, l := string(a.name.prefix), string(a.name.local)
		if p == "xmlns" || p == "" && l == "xmlns" {
			continue
		}
		if p != "" && r.resolve(a.name.prefix) == xsiNamespace && (l == "schemaLocation" || l == "noNamespaceSchemaLocation") {
			continue
		}
		r.problem(t.off, r.path(""), "attribuut %s is onbekend", a.name)
	}
}

// end checks a closed element: the content of a simple one, the required
// children of another; and keeps what the register reads.
func (r *reader) end(f *frame) {
	if f.n.typ != nil {
		// The content is checked in place: check keeps nothing of it.
		s := unsafe.String(unsafe.SliceData(f.text), len(f.text))
		if msg := f.n.typ.check(s, f.n.personal); msg != "" {
			r.problem(f.off, r.path(""), "%s", msg)
			return
		}
		if f.n.field != fNone {
			s = strings.Clone(s) // kept: a string of its own
			if f.n.typ.collapse {
				s = strings.Trim(s, " \t\r\n")
			}
			v := value{s: s, off: f.off, set: true}
			if r.cur != nil {
				r.cur.v[f.n.field] = v
			} else {
				r.vals[f.n.field] = v
			}
		}
		return
	}
	for i, k := range f.n.kids {
		if k.min > 0 && f.counts[i] == 0 {
			r.problem(f.off, r.path(""), "element %s ontbreekt", k.name)
		}
	}
}

// dutchPostcode is a Dutch postcode: four digits, then two letters.
var dutchPostcode = regexp.MustCompile(`^([1-9][0-9]{3}) ?[A-Za-z]{2}$`)

// batch maps a checked message into a batch, with the register's own
// rules beyond the schema; the client's pseudonym is filled in by Decode.
func (r *reader) batch(m *message, municipality string) *koers.RegisterBatch {
	v := &r.vals
	if m.kind == toewijzing301 {
		if a := v[fAfzender]; a.s != municipality {
			r.problem(a.off, "/Bericht/Header/Afzender", "het bericht komt van gemeente %s, niet van deze gemeente (%s)", a.s, municipality)
		}
	} else if o := v[fOntvanger]; o.s != municipality {
		r.problem(o.off, "/Bericht/Header/Ontvanger", "het bericht is voor gemeente %s, niet voor deze gemeente (%s)", o.s, municipality)
	}
	msg := v[fAfzender].s + "/" + v[fIdentificatie].s + "/" + v[fDagtekening].s
	// A date the register cannot keep is refused here, where the file
	// and line are known.
	date := func(x value, path string) time.Time {
		t, ok := parseDate(x.s)
		if ok && (t.Year() < koers.MinYear || t.Year() > koers.MaxYear) {
			r.problem(x.off, path, "de datum %s ligt buiten de jaren %d–%d", x.s, koers.MinYear, koers.MaxYear)
			return time.Time{}
		}
		return t
	}
	c := koers.Client{Sex: v[fGeslacht].s}
	if born := date(v[fGeboortedatum], "/Bericht/Client/Geboortedatum/Datum"); !born.IsZero() && v[fDatumGebruik].s != "3" {
		c.BirthYear = born.Year()
	}
	c.Area = area(r.contacts)
	b := &koers.RegisterBatch{}
	if m.kind == toewijzing301 {
		// Only a toewijzing brings the client. A start or stop refers to
		// the toewijzing, and has no address: a client from it would
		// replace the one the 301 brought with one without an area.
		b.Clients = []koers.Client{c}
	}
	for i := range r.products {
		p := &r.products[i].v
		at := r.products[i].path
		if m.kind == toewijzing301 {
			if !p[fCategorie].set {
				r.problem(r.products[i].off, at, "element Product ontbreekt: koers telt toewijzingen per productcategorie")
			}
			a := koers.Assignment{
				Law: m.law, Number: canonicalInteger(p[fNummer].s),
				Category: p[fCategorie].s, Product: p[fCode].s, Delivery: koers.InKind,
				Provider: v[fOntvanger].s, Start: date(p[fIngangsdatum], at+"/Ingangsdatum"), End: date(p[fEinddatum], at+"/Einddatum"),
				Unit: p[fEenheid].s, Frequency: p[fFrequentie].s, ChangeReason: p[fRedenWijziging].s, Message: msg,
			}
			if p[fVolume].set {
				a.Volume, _ = parseInteger(p[fVolume].s)
			}
			if p[fBudget].set {
				cents, _ := parseInteger(p[fBudget].s)
				a.Budget = koers.Money(cents)
			}
			if !a.End.IsZero() && a.End.Before(a.Start) {
				r.problem(p[fEinddatum].off, at+"/Einddatum", "de einddatum %s ligt voor de ingangsdatum %s", p[fEinddatum].s, p[fIngangsdatum].s)
			}
			b.Assignments = append(b.Assignments, a)
			continue
		}
		if !p[fNummer].set {
			r.problem(r.products[i].off, at, "element ToewijzingNummer ontbreekt: koers koppelt start en stop van zorg aan de toewijzing")
		}
		// StatusAanlevering 3 (verwijderen) withdraws a report of the
		// start or stop of the same assignment and date (koers.CareEvent).
		e := koers.CareEvent{Law: m.law, Assignment: canonicalInteger(p[fNummer].s), Kind: koers.CareStart, Message: msg, Withdrawn: p[fStatus].s == "3"}
		if m.kind == stop307 {
			e.Kind, e.Date, e.Reason = koers.CareStop, date(p[fEinddatum], at+"/Einddatum"), p[fRedenBeeindiging].s
		} else {
			e.Date = date(p[fBegindatum], at+"/Begindatum")
		}
		b.Care = append(b.Care, e)
	}
	if m.kind == toewijzing301 {
		b.Providers = []koers.Provider{{AGB: v[fOntvanger].s}}
	}
	return b
}

// area is the four digits of the client's postcode: of the address in the
// BRP (soort 01) when it has one, else of the first address with a Dutch
// postcode; "" when none has.
func area(contacts []rec) string {
	best := ""
	for _, c := range contacts {
		m := dutchPostcode.FindStringSubmatch(c.v[fPostcode].s)
		if m == nil {
			continue
		}
		if c.v[fAdresSoort].s == "01" {
			return m[1]
		}
		if best == "" {
			best = m[1]
		}
	}
	return best
}
