package regsynth

import (
	"bufio"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/koers-nl/koers"
)

// Written says what WriteDir wrote.
type Written struct {
	Messages int            // XML messages, one a file
	ByType   map[string]int // messages by type: "wmo301", "jw305", ...
	CSVFiles []string       // the CSV files, by name
	Bytes    int64
}

// The layout WriteDir writes: every message in its own file (the standard
// has one message a file), under berichten/<year>/<type>/, the year that
// of its Dagtekening; the CSV files at the top.
//
//	DIR/berichten/2024/wmo301/WMO301-000000012345.xml
//	DIR/registraties.csv, uitkeringen.csv, werk.csv, aanbieders.csv, plafonds.csv, bevolking.csv

// WriteDir writes the register into dir as iWmo/iJw 3.2 messages and CSV
// files; dir is made when missing.
func (o *Output) WriteDir(dir string) (*Written, error) {
	w := &writer{o: o, dir: dir, made: map[string]bool{}, out: &Written{ByType: map[string]int{}}, jobs: make(chan job, 256)}
	// Creating a file costs the disk far more than rendering a message:
	// several writers at once keep it busy.
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for range writers {
		wg.Go(func() {
			for j := range w.jobs {
				if err := os.WriteFile(j.path, j.data, 0o644); err != nil {
					mu.Lock()
					failed = cmp.Or(failed, err)
					mu.Unlock()
				}
			}
		})
	}
	var err error
	for _, a := range o.Assignments {
		if err = w.assignment(a); err != nil {
			break
		}
	}
	close(w.jobs)
	wg.Wait()
	if err = cmp.Or(err, failed); err != nil {
		return nil, err
	}
	if err := w.csvs(); err != nil {
		return nil, err
	}
	return w.out, nil
}

// writers is how many files are written at once.
const writers = 8

type job struct {
	path string
	data []byte
}

type writer struct {
	o     *Output
	dir   string
	made  map[string]bool
	out   *Written
	ident int
	jobs  chan job
}

// law's names in messages.
type standard struct {
	prefix, basis, ns string // element prefix (wmo / jw), basisschema prefix, namespace root
	codes             [3]string
	version           string
}

var standards = map[koers.Law]standard{
	koers.Wmo:      {"wmo", "iwmo", "http://www.istandaarden.nl/iwmo/3_2/", [3]string{"414", "418", "420"}, "1.0.0"},
	koers.Jeugdwet: {"jw", "ijw", "http://www.istandaarden.nl/ijw/3_2/", [3]string{"436", "438", "440"}, "0.1.0"},
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// later is a deterministic few days after t, at most the last day of the
// data: when a report is sent after the fact.
func (w *writer) later(t time.Time, n int) time.Time {
	d := t.Add(days(1 + n%7))
	if last := dec31(w.o.Options.To); d.After(last) {
		d = last
	}
	if d.Before(t) {
		d = t
	}
	return d
}

func (w *writer) assignment(a Assignment) error {
	st := standards[a.Law]
	p := w.o.Persons[a.Person]
	prov := w.o.Providers[a.Provider].AGB
	mun := w.o.Options.Municipality
	if err := w.message(st, "301", 0, mun, prov, a.Assigned, p, func(b []byte, m string) []byte {
		b = append(b, "\t\t<"+m+":Contactgegevens>\n\t\t\t<"+m+":Contact>\n\t\t\t\t<"+m+":Soort>01</"+m+":Soort>\n\t\t\t\t<"+m+":Adres>\n\t\t\t\t\t<"+st.basis+":Postcode>"...)
		b = append(b, p.Postcode...)
		b = append(b, "</"+st.basis+":Postcode>\n\t\t\t\t</"+m+":Adres>\n\t\t\t</"+m+":Contact>\n\t\t</"+m+":Contactgegevens>\n"...)
		b = append(b, "\t\t<"+m+":ToegewezenProducten>\n\t\t\t<"+m+":ToegewezenProduct>\n"...)
		b = elem(b, 4, m, "ToewijzingNummer", strconv.Itoa(a.Number))
		b = productElem(b, st, m, a)
		b = elem(b, 4, m, "Toewijzingsdatum", day(a.Assigned))
		b = elem(b, 4, m, "Toewijzingstijd", "09:00:00")
		b = elem(b, 4, m, "Ingangsdatum", day(a.Start))
		b = elem(b, 4, m, "Einddatum", day(a.End))
		b = append(b, "\t\t\t\t<"+m+":Omvang>\n"...)
		b = elem(b, 5, st.basis, "Volume", strconv.FormatInt(a.Volume, 10))
		b = elem(b, 5, st.basis, "Eenheid", a.Unit)
		b = elem(b, 5, st.basis, "Frequentie", a.Freq)
		b = append(b, "\t\t\t\t</"+m+":Omvang>\n"...)
		b = elem(b, 4, m, "Budget", strconv.FormatInt(int64(a.Budget), 10))
		return append(b, "\t\t\t</"+m+":ToegewezenProduct>\n\t\t</"+m+":ToegewezenProducten>\n"...)
	}); err != nil {
		return err
	}
	// start is a 305 of the care start on begin: reported (status "1")
	// or withdrawn ("3").
	start := func(begin time.Time, status string, dated time.Time) error {
		return w.message(st, "305", 1, prov, mun, dated, p, func(b []byte, m string) []byte {
			b = append(b, "\t\t<"+m+":StartProducten>\n\t\t\t<"+m+":StartProduct>\n"...)
			b = elem(b, 4, m, "ToewijzingNummer", strconv.Itoa(a.Number))
			b = productElem(b, st, m, a)
			b = elem(b, 4, m, "ToewijzingIngangsdatum", day(a.Start))
			b = elem(b, 4, m, "Begindatum", day(begin))
			b = elem(b, 4, m, "StatusAanlevering", status)
			return append(b, "\t\t\t</"+m+":StartProduct>\n\t\t</"+m+":StartProducten>\n"...)
		})
	}
	if !a.WrongStart.IsZero() {
		// The wrong start, and its withdrawal with the right one's report.
		if err := start(a.WrongStart, "1", w.later(a.WrongStart, a.Number)); err != nil {
			return err
		}
		if err := start(a.WrongStart, "3", w.later(a.CareStart, a.Number)); err != nil {
			return err
		}
	}
	if !a.CareStart.IsZero() {
		if err := start(a.CareStart, "1", w.later(a.CareStart, a.Number)); err != nil {
			return err
		}
	}
	if !a.Stop.IsZero() {
		if err := w.message(st, "307", 2, prov, mun, w.later(a.Stop, a.Number+3), p, func(b []byte, m string) []byte {
			b = append(b, "\t\t<"+m+":StopProducten>\n\t\t\t<"+m+":StopProduct>\n"...)
			b = elem(b, 4, m, "ToewijzingNummer", strconv.Itoa(a.Number))
			b = productElem(b, st, m, a)
			b = elem(b, 4, m, "ToewijzingIngangsdatum", day(a.Start))
			b = elem(b, 4, m, "Begindatum", day(a.CareStart))
			b = elem(b, 4, m, "RedenBeeindiging", a.StopReason)
			b = elem(b, 4, m, "Einddatum", day(a.Stop))
			b = elem(b, 4, m, "StatusAanlevering", "1")
			return append(b, "\t\t\t</"+m+":StopProduct>\n\t\t</"+m+":StopProducten>\n"...)
		}); err != nil {
			return err
		}
	}
	return nil
}

func productElem(b []byte, st standard, m string, a Assignment) []byte {
	b = append(b, "\t\t\t\t<"+m+":Product>\n"...)
	b = elem(b, 5, st.basis, "Categorie", a.Category)
	b = elem(b, 5, st.basis, "Code", a.Product)
	return append(b, "\t\t\t\t</"+m+":Product>\n"...)
}

var tabs = "\t\t\t\t\t\t\t\t"

// elem appends <p:name>value</p:name> on its own line. Values are codes,
// digits and dates: nothing to escape.
func elem(b []byte, depth int, p, name, value string) []byte {
	b = append(b, tabs[:depth]...)
	b = append(b, '<')
	b = append(b, p...)
	b = append(b, ':')
	b = append(b, name...)
	b = append(b, '>')
	b = append(b, value...)
	b = append(b, "</"...)
	b = append(b, p...)
	b = append(b, ':')
	b = append(b, name...)
	return append(b, ">\n"...)
}

// message writes one message of kind (301, 305, 307) with its header and
// client; body adds what follows the client's name.
func (w *writer) message(st standard, kind string, code int, from, to string, dated time.Time, p Person, body func(b []byte, m string) []byte) error {
	w.ident++
	ident := fmt.Sprintf("%012d", w.ident)
	m := st.prefix + kind
	b := make([]byte, 0, 2048)
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"...)
	b = append(b, "<"+m+":Bericht xmlns:"+st.basis+`="`+st.ns+`basisschema/schema" xmlns:`+m+`="`+st.ns+m+`/schema">`+"\n"...)
	b = append(b, "\t<"+m+":Header>\n"...)
	b = elem(b, 2, m, "BerichtCode", st.codes[code])
	b = elem(b, 2, m, "BerichtVersie", "3")
	b = elem(b, 2, m, "BerichtSubversie", "2")
	b = elem(b, 2, m, "Afzender", from)
	b = elem(b, 2, m, "Ontvanger", to)
	b = append(b, "\t\t<"+m+":BerichtIdentificatie>\n"...)
	b = elem(b, 3, st.basis, "Identificatie", ident)
	b = elem(b, 3, st.basis, "Dagtekening", day(dated))
	b = append(b, "\t\t</"+m+":BerichtIdentificatie>\n\t\t<"+m+":XsdVersie>\n"...)
	b = elem(b, 3, st.basis, "BasisschemaXsdVersie", st.version)
	b = elem(b, 3, st.basis, "BerichtXsdVersie", st.version)
	b = append(b, "\t\t</"+m+":XsdVersie>\n\t</"+m+":Header>\n\t<"+m+":Client>\n"...)
	b = elem(b, 2, m, "Bsn", p.BSN)
	b = append(b, "\t\t<"+m+":Geboortedatum>\n"...)
	b = elem(b, 3, st.basis, "Datum", day(p.Birth))
	b = append(b, "\t\t</"+m+":Geboortedatum>\n"...)
	b = elem(b, 2, m, "Geslacht", p.Sex)
	b = append(b, "\t\t<"+m+":Naam>\n\t\t\t<"+st.basis+":Geslachtsnaam>\n"...)
	b = elem(b, 4, st.basis, "Achternaam", "Testpersoon")
	b = append(b, "\t\t\t</"+st.basis+":Geslachtsnaam>\n"...)
	b = elem(b, 3, st.basis, "Voorletters", "T")
	if kind == "301" {
		b = elem(b, 3, st.basis, "NaamGebruik", "1")
	}
	b = append(b, "\t\t</"+m+":Naam>\n"...)
	b = body(b, m)
	b = append(b, "\t</"+m+":Client>\n</"+m+":Bericht>\n"...)

	sub := filepath.Join(w.dir, "berichten", strconv.Itoa(dated.Year()), m)
	if !w.made[sub] {
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		w.made[sub] = true
	}
	w.jobs <- job{filepath.Join(sub, strings.ToUpper(m)+"-"+ident+".xml"), b}
	w.out.Messages++
	w.out.ByType[m]++
	w.out.Bytes += int64(len(b))
	return nil
}

// euro writes an amount as Dutch spreadsheets do: 1.234.567,89.
func euro(m koers.Money) string {
	s := strconv.FormatInt(int64(m)/100, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return fmt.Sprintf("%s,%02d", b.String(), int64(m)%100)
}

func optDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return day(t)
}

// csvs writes the CSV files (doc/register-csv.md), semicolon separated.
func (w *writer) csvs() error {
	client := func(i int) []string {
		p := w.o.Persons[i]
		return []string{p.BSN, strconv.Itoa(p.Birth.Year()), p.Sex, p.Area()}
	}
	files := []struct {
		name   string
		header string
		rows   func(emit func(...string))
	}{
		{"registraties.csv", "soort;id;bsn;geboortejaar;geslacht;wijk;datum;einddatum;uitkomst", func(emit func(...string)) {
			for _, r := range w.o.Registrations {
				emit(append(append([]string{string(r.Kind), r.ID}, client(r.Person)...), day(r.Date), optDay(r.End), r.Outcome)...)
			}
		}},
		{"uitkeringen.csv", "id;bsn;geboortejaar;geslacht;wijk;begindatum;einddatum", func(emit func(...string)) {
			for _, x := range w.o.Benefits {
				emit(append(append([]string{x.ID}, client(x.Person)...), day(x.Start), optDay(x.End))...)
			}
		}},
		{"werk.csv", "id;bsn;geboortejaar;geslacht;wijk;plaatsing;begindatum;einddatum", func(emit func(...string)) {
			for _, x := range w.o.Work {
				emit(append(append([]string{x.ID}, client(x.Person)...), string(x.Placement), day(x.Start), optDay(x.End))...)
			}
		}},
		{"aanbieders.csv", "agb;naam", func(emit func(...string)) {
			for _, p := range w.o.Providers {
				emit(p.AGB, p.Name)
			}
		}},
		{"plafonds.csv", "agb;jaar;bedrag;waarschuwing", func(emit func(...string)) {
			for _, c := range w.o.Ceilings {
				emit(c.Provider, strconv.Itoa(c.Year), euro(c.Amount), strconv.Itoa(c.WarnAt))
			}
		}},
		{"bevolking.csv", "sleutel;jaar;aantal", func(emit func(...string)) {
			for _, p := range w.o.Populations {
				emit(p.Key, strconv.Itoa(p.Year), strconv.FormatInt(p.Count, 10))
			}
		}},
	}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		file, err := os.Create(filepath.Join(w.dir, f.name))
		if err != nil {
			return err
		}
		bw := bufio.NewWriter(file)
		bw.WriteString(f.header + "\n")
		// No value holds a separator or a quote: names are ours.
		f.rows(func(cols ...string) { bw.WriteString(strings.Join(cols, ";") + "\n") })
		if err := bw.Flush(); err != nil {
			file.Close()
			return err
		}
		if err := file.Close(); err != nil {
			return err
		}
		w.out.CSVFiles = append(w.out.CSVFiles, f.name)
	}
	return nil
}
