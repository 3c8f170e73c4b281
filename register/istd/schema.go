package istd

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The rules of the iWmo and iJw 3.2 schemas of the six messages koers
// reads, written as our own Go: the element tree of each message (which
// elements may appear where, which are required, which repeat) and the
// simple types of their content (lengths, patterns, code lists, integers,
// dates). The order of elements is not checked: the register does not
// depend on it. The iWmo and iJw messages share their structure; the code
// lists of product category and reason of ending differ.

// stype is a simple type: the content an element without children may have.
type stype struct {
	what string // the type in Dutch words, for problems: "een BSN", "een datum"

	collapse bool // whitespace collapses (integers, dates, times); strings keep it

	minLen, maxLen int      // in characters, when a string; 0: none
	enum           []string // the allowed values, when a code list
	pattern        func(string) bool
	form           string // what pattern asks, in Dutch: "negen cijfers"

	integer    bool
	minV, maxV int64

	date, time bool
	elfproef   bool // a BSN: beyond the schema, the eleven test
}

// check returns the problem with value s, or "". personal values are not
// repeated in the problem: a BSN or a name does not belong in a log.
func (t *stype) check(s string, personal bool) string {
	raw := s
	show := func() string {
		if personal {
			return "de waarde"
		}
		return strconv.Quote(raw)
	}
	if t.collapse {
		s = strings.Trim(s, " \t\r\n")
	}
	n := utf8.RuneCountInString(s)
	switch {
	case t.integer:
		v, ok := parseInteger(s)
		if !ok {
			return show() + " is geen geheel getal"
		}
		if v < t.minV || v > t.maxV {
			return fmt.Sprintf("%s ligt niet tussen %d en %d", show(), t.minV, t.maxV)
		}
	case t.date:
		if _, ok := parseDate(s); !ok {
			return show() + " is geen geldige datum (jjjj-mm-dd)"
		}
	case t.time:
		if !validTime(s) {
			return show() + " is geen geldige tijd (uu:mm:ss)"
		}
	}
	if t.minLen > 0 && n < t.minLen {
		return "de waarde is leeg"
	}
	if t.maxLen > 0 && n > t.maxLen {
		return fmt.Sprintf("%s is langer dan %d tekens", show(), t.maxLen)
	}
	if t.enum != nil && !contains(t.enum, s) {
		if len(t.enum) == 1 {
			return fmt.Sprintf("%s moet %s zijn", show(), t.enum[0])
		}
		return fmt.Sprintf("%s is geen code uit de lijst van %s (%s)", show(), t.what, strings.Join(t.enum, ", "))
	}
	if t.pattern != nil && !t.pattern(s) {
		return fmt.Sprintf("%s is geen %s: verwacht %s", show(), t.what, t.form)
	}
	if t.elfproef && !elfproef(s) {
		return "het BSN voldoet niet aan de elfproef"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// parseInteger reads an xs:integer: an optional sign and digits.
func parseInteger(s string) (int64, bool) {
	digits := strings.TrimLeft(s, "+-")
	if len(s)-len(digits) > 1 || digits == "" || !allDigits(digits) {
		return 0, false
	}
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 15 {
		return 1 << 62, true // beyond every maximum of these schemas
	}
	v, _ := strconv.ParseInt(digits, 10, 64)
	if s[0] == '-' {
		v = -v
	}
	return v, true
}

// canonicalInteger writes an xs:integer as its value: "0101" is 101.
func canonicalInteger(s string) string {
	v, _ := parseInteger(strings.Trim(s, " \t\r\n"))
	return strconv.FormatInt(v, 10)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseDate reads an xs:date without a time zone (LDT_Datum forbids one),
// a real calendar date. Years before 1 and after 9999 are refused, which
// the schema would allow; no message carries them.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !allDigits(s[:4]) || !allDigits(s[5:7]) || !allDigits(s[8:]) {
		return time.Time{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 30 February
	}
	return t, true
}

// validTime reads an xs:time without a time zone (LDT_Tijd): hh:mm:ss
// with optional fractions of a second.
func validTime(s string) bool {
	if len(s) < 8 || s[2] != ':' || s[5] != ':' || !allDigits(s[:2]) || !allDigits(s[3:5]) || !allDigits(s[6:8]) {
		return false
	}
	if rest := s[8:]; rest != "" && (rest[0] != '.' || len(rest) == 1 || !allDigits(rest[1:])) {
		return false
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:5])
	sec, _ := strconv.Atoi(s[6:8])
	if h == 24 {
		return m == 0 && sec == 0 && strings.Trim(s[8:], ".0") == ""
	}
	return h < 24 && m < 60 && sec < 60
}

// elfproef is the eleven test of a BSN.
func elfproef(s string) bool {
	if len(s) != 9 || !allDigits(s) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(s[i]-'0')
	}
	sum -= int(s[8] - '0')
	return sum%11 == 0
}

// xmlSpace is what \s matches in an XSD pattern.
func xmlSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// someText is the schemas' pattern ".*[^\s].*": one line with something
// other than white space on it.
func someText(s string) bool {
	return !strings.ContainsAny(s, "\r\n") && strings.IndexFunc(s, func(r rune) bool { return !xmlSpace(r) }) >= 0
}

// digits returns the pattern [0-9]{n}.
func digits(n int) func(string) bool {
	return func(s string) bool { return len(s) == n && allDigits(s) }
}

// The simple types of the basisschema the six messages use.
func text(max int) *stype {
	return &stype{what: "tekst", minLen: 1, maxLen: max, pattern: someText, form: "tekst op één regel"}
}

func code(what string, max int, codes ...string) *stype {
	return &stype{what: what, maxLen: max, enum: codes}
}

func integer(max int64) *stype {
	return &stype{what: "geheel getal", collapse: true, integer: true, maxV: max}
}

var (
	tDatum = &stype{what: "datum", collapse: true, date: true}
	tTijd  = &stype{what: "tijd", collapse: true, time: true}
	tBSN   = &stype{what: "BSN", minLen: 1, maxLen: 9, pattern: digits(9), form: "negen cijfers", elfproef: true}
	tAGB   = &stype{what: "AGB-code", minLen: 1, maxLen: 8, pattern: digits(8), form: "acht cijfers"}
	// LDT_Gemeente: the CBS gemeentecode.
	tGemeente = &stype{what: "gemeentecode", minLen: 1, pattern: digits(4), form: "vier cijfers"}
	tVersie   = &stype{what: "versie", minLen: 1, pattern: semver, form: "drie getallen met punten, zoals 1.0.0"}
	tIdent    = text(12)
	tNummer   = integer(999999999) // LDT_Nummer: ToewijzingNummer
	tVolume   = integer(99999999)
	tBudget   = integer(99999999) // in cents
	tHuisnr   = integer(99999)
	tVolgorde = integer(99)

	tGeslacht         = code("geslacht", 1, "0", "1", "2")
	tDatumGebruik     = code("datumgebruik", 1, "1", "2", "3")
	tNaamGebruik      = code("naamgebruik", 1, "1", "2", "3", "4", "5", "6")
	tCommunicatievorm = code("communicatievorm", 1, "1", "2", "3")
	tJuridisch        = code("juridische status (WJ232)", 2, "01", "02", "03", "04", "05", "11", "12")
	tVertegenw        = code("wettelijke vertegenwoordiging", 2, "06", "07", "08", "09", "10")
	tSoortRelatie     = code("soort relatie", 2, "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
		"14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "25")
	tAdresSoort     = code("adressoort", 2, "01", "02", "03", "04")
	tWoonadres      = code("aanduiding woonadres", 2, "AB", "BY", "TO", "WW")
	tEenheid        = code("eenheden (WJ756)", 2, "01", "04", "14", "16", "82", "83", "84")
	tFrequentie     = code("frequenties (WMO757)", 1, "1", "2", "4", "6")
	tRedenWijziging = code("redenen van wijziging (WMO002/JZ002)", 2, "01", "02", "03", "04", "05", "06", "07",
		"08", "09", "10", "11", "12", "13", "14")
	tStatus = code("status van aanlevering", 1, "1", "2", "3", "9")

	tNaam        = text(200)
	tVoorvoegsel = text(10)
	tVoorletters = &stype{what: "voorletters", minLen: 1, maxLen: 6, pattern: letters, form: "letters"}
	tTaal        = text(25)
	tCommentaar  = &stype{what: "commentaar", minLen: 1, pattern: func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return !xmlSpace(r) }) >= 0
	}, form: "tekst"}
	tPersoonsid    = text(20)
	tReferentie    = text(36)
	tProductcode   = text(5)
	tPostcode      = text(8)
	tStraat        = text(24)
	tPlaats        = text(80)
	tHuisletter    = text(1)
	tToevoeging    = text(4)
	tOrganisatie   = text(35)
	tEmail         = text(80)
	tLandnummer    = text(4)
	tTelefoon      = &stype{what: "telefoonnummer", minLen: 1, maxLen: 15, pattern: allDigits, form: "cijfers"}
	tLandCode      = &stype{what: "landcode", maxLen: 2, pattern: upper2, form: "twee hoofdletters (ISO 3166)"}
	wmoCategorie   = code("productcategorieën (WMO020)", 2, "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17", "18")
	jeugdCategorie = code("productcategorieën (JZ020)", 2, "31", "32", "33", "34", "35", "36", "37", "38",
		"40", "41", "42", "43", "44", "45", "46", "47", "48", "49", "50", "51", "52", "53", "54", "55")
	wmoBeeindiging   = code("redenen van beëindiging (WMO588)", 2, "02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39")
	jeugdBeeindiging = code("redenen van beëindiging (JZ588)", 2, "02", "20", "31", "32", "33", "34", "35", "36", "37", "38", "39")
)

// semver is the pattern of LDT_Versie: three numbers without leading zeros.
func semver(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || !allDigits(p) || (len(p) > 1 && p[0] == '0') {
			return false
		}
	}
	return true
}

// letters is LDT_Voorletters' pattern ([a-zA-ZÀ-ỳ])+.
func letters(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 'À' && r <= 'ỳ') {
			return false
		}
	}
	return s != ""
}

// upper2 stands in for the schema's list of ISO 3166 country codes: koers
// does not read the country, so it checks the form only.
func upper2(s string) bool {
	return len(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'
}

// A field is what the register reads from an element.
type field uint8

const (
	fNone field = iota
	fAfzender
	fOntvanger
	fIdentificatie
	fDagtekening
	fBsn
	fGeboortedatum
	fDatumGebruik
	fGeslacht
	fAdresSoort
	fPostcode
	fNummer
	fCategorie
	fCode
	fIngangsdatum
	fEinddatum
	fRedenWijziging
	fVolume
	fEenheid
	fFrequentie
	fBudget
	fBegindatum
	fRedenBeeindiging
	fStatus
	nFields
)

// A record is a repeated group the register reads as one: a product, or
// one of the client's addresses.
type record uint8

const (
	rNone record = iota
	rProduct
	rContact
)

// node is an element of a message's tree.
type node struct {
	name     string
	base     bool // declared in the basisschema: its namespace is the basisschema's
	min      int  // 0 or 1
	many     bool // maxOccurs unbounded
	typ      *stype
	kids     []*node
	field    field
	record   record
	personal bool // about a person: its value is never repeated in a problem
}

func el(name string, t *stype) *node { return &node{name: name, min: 1, typ: t} }

func group(name string, kids ...*node) *node { return &node{name: name, min: 1, kids: kids} }

func (n *node) optional() *node        { n.min = 0; return n }
func (n *node) repeats() *node         { n.many = true; return n }
func (n *node) reads(f field) *node    { n.field = f; return n }
func (n *node) rec(r record) *node     { n.record = r; return n }
func (n *node) of(kids ...*node) *node { n.kids = kids; return n }

// cdt marks a group from the basisschema: its children are in that
// namespace.
func cdt(name string, kids ...*node) *node {
	for _, k := range kids {
		k.base = true
	}
	return group(name, kids...)
}

// personal marks n and everything under it as personal data.
func personal(n *node) *node {
	n.personal = true
	for _, k := range n.kids {
		personal(k)
	}
	return n
}

// law is what differs between iWmo and iJw.
type law struct {
	categorie, beeindiging *stype
}

func achternaam(name string) *node {
	return cdt(name, el("Achternaam", tNaam), el("Voorvoegsel", tVoorvoegsel).optional())
}

func geboortedatum(read bool) *node {
	n := cdt("Geboortedatum", el("Datum", tDatum), el("DatumGebruik", tDatumGebruik).optional())
	if read {
		n.kids[0].field, n.kids[1].field = fGeboortedatum, fDatumGebruik
	}
	return personal(n)
}

func volledigeNaam() *node {
	return personal(cdt("Naam", achternaam("Geslachtsnaam"), achternaam("Partnernaam").optional(),
		el("Voornamen", tNaam).optional(), el("Voorletters", tVoorletters).optional(), el("NaamGebruik", tNaamGebruik)))
}

func verkorteNaam() *node {
	return personal(cdt("Naam", achternaam("Geslachtsnaam"), el("Voornamen", tNaam).optional(), el("Voorletters", tVoorletters).optional()))
}

func product(l law, read bool) *node {
	n := cdt("Product", el("Categorie", l.categorie), el("Code", tProductcode).optional())
	if read {
		n.kids[0].field, n.kids[1].field = fCategorie, fCode
	}
	return n
}

// contact is a client's or relation's address; the client's are read for
// the postcode.
func contact(read bool) *node {
	telefoon := func(name string) *node {
		return cdt(name, el("Telefoonnummer", tTelefoon), el("Landnummer", tLandnummer))
	}
	n := group("Contact",
		el("Soort", tAdresSoort),
		cdt("Adres",
			cdt("Huis", el("Huisnummer", tHuisnr), el("Huisletter", tHuisletter).optional(),
				el("HuisnummerToevoeging", tToevoeging).optional(), el("AanduidingWoonadres", tWoonadres).optional()).optional(),
			el("Postcode", tPostcode).optional(),
			el("Straatnaam", tStraat).optional(),
			el("Plaatsnaam", tPlaats).optional(),
			el("LandCode", tLandCode).optional()).optional(),
		el("Organisatie", tOrganisatie).optional(),
		cdt("Telefoon", telefoon("Telefoon01"), telefoon("Telefoon02").optional()).optional(),
		el("Emailadres", tEmail).optional(),
		cdt("Periode", el("Begindatum", tDatum).optional(), el("Einddatum", tDatum).optional()).optional(),
	)
	if read {
		n.record = rContact
		n.kids[0].field = fAdresSoort
		n.kids[1].kids[1].field = fPostcode
	}
	return personal(n)
}

// header is the header of a message with berichtcode code; a 301 goes
// from the municipality to a provider, a 305 and 307 back.
func header(code string, toProvider bool) *node {
	exact := func(what, v string) *stype {
		return &stype{what: what, collapse: what != "berichtcode", enum: []string{v}}
	}
	from, to := el("Afzender", tAGB), el("Ontvanger", tGemeente)
	if toProvider {
		from, to = el("Afzender", tGemeente), el("Ontvanger", tAGB)
	}
	berichtcode := exact("berichtcode", code)
	berichtcode.minLen, berichtcode.maxLen = 1, 3
	versie, subversie := exact("berichtversie", "3"), exact("berichtsubversie", "2")
	return group("Header",
		el("BerichtCode", berichtcode),
		el("BerichtVersie", versie),
		el("BerichtSubversie", subversie),
		from.reads(fAfzender),
		to.reads(fOntvanger),
		cdt("BerichtIdentificatie", el("Identificatie", tIdent).reads(fIdentificatie), el("Dagtekening", tDatum).reads(fDagtekening)),
		cdt("XsdVersie", el("BasisschemaXsdVersie", tVersie), el("BerichtXsdVersie", tVersie)),
	)
}

func clientStart() []*node {
	return []*node{
		personal(el("Bsn", tBSN).reads(fBsn)),
		geboortedatum(true),
		el("Geslacht", tGeslacht).reads(fGeslacht),
	}
}

// toewijzing is the tree of a 301.
func toewijzingTree(l law, code string) *node {
	relatie := group("Relatie",
		el("Nummer", tPersoonsid),
		el("Volgorde", tVolgorde).optional(),
		el("Soort", tSoortRelatie),
		geboortedatum(false).optional(),
		el("Geslacht", tGeslacht).optional(),
		volledigeNaam(),
		contact(false),
	).repeats()
	client := group("Client", append(clientStart(),
		volledigeNaam(),
		cdt("Communicatie", el("Vorm", tCommunicatievorm), el("Taal", tTaal).optional()).optional(),
		el("JuridischeStatus", tJuridisch).optional(),
		el("WettelijkeVertegenwoordiging", tVertegenw).optional(),
		personal(el("Commentaar", tCommentaar)).optional(),
		personal(group("Relaties", relatie)).optional(),
		group("Contactgegevens", contact(true).repeats()),
		group("ToegewezenProducten", group("ToegewezenProduct",
			el("ToewijzingNummer", tNummer).reads(fNummer),
			el("ReferentieAanbieder", tReferentie).optional(),
			product(l, true).optional(),
			el("Toewijzingsdatum", tDatum),
			el("Toewijzingstijd", tTijd),
			el("Ingangsdatum", tDatum).reads(fIngangsdatum),
			el("Einddatum", tDatum).reads(fEinddatum).optional(),
			el("RedenWijziging", tRedenWijziging).reads(fRedenWijziging).optional(),
			cdt("Omvang", el("Volume", tVolume).reads(fVolume), el("Eenheid", tEenheid).reads(fEenheid),
				el("Frequentie", tFrequentie).reads(fFrequentie)).optional(),
			el("Budget", tBudget).reads(fBudget).optional(),
			personal(el("Commentaar", tCommentaar)).optional(),
		).repeats().rec(rProduct)),
	)...)
	return group("Bericht", header(code, true), client)
}

// careReport is the tree of a 305 (start) or 307 (stop).
func careReport(l law, code string, stop bool) *node {
	list, item := "StartProducten", "StartProduct"
	if stop {
		list, item = "StopProducten", "StopProduct"
	}
	kids := []*node{
		el("ToewijzingNummer", tNummer).reads(fNummer).optional(),
		product(l, false).optional(),
		el("ToewijzingIngangsdatum", tDatum).optional(),
		el("Begindatum", tDatum).reads(fBegindatum),
	}
	if stop {
		kids = append(kids, el("RedenBeeindiging", l.beeindiging).reads(fRedenBeeindiging), el("Einddatum", tDatum).reads(fEinddatum))
	}
	kids = append(kids, el("StatusAanlevering", tStatus).reads(fStatus))
	client := group("Client", append(clientStart(), verkorteNaam(),
		group(list, group(item, kids...).repeats().rec(rProduct)))...)
	return group("Bericht", header(code, false), client)
}
