package koers

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// A problem's Message is English: bundles and the command line speak it.
// The back office shows problems in Dutch, next to their fields: Dutch
// renders the problem again from the format and arguments it was made
// from, with the catalogue below. Every format a problem is made from has
// an entry (problems_nl_test.go checks), with the same verbs for the same
// arguments.

// message is a text as it was made: an English format of the catalogue
// and its arguments. It prints as the English text; as an argument of a
// problem, it is rendered in Dutch along with the problem.
type message struct {
	format string
	args   []any
}

// newMessage is the message of format and args; the format must be a
// literal with an entry in the catalogue.
func newMessage(format string, args ...any) *message {
	return &message{format: format, args: args}
}

// untranslated is a text made without a format of the catalogue, such
// as a logo's or a taakveld code's problem: Dutch shows it in English.
func untranslated(s string) *message {
	return &message{format: "%s", args: []any{s}}
}

func (m *message) String() string { return fmt.Sprintf(m.format, m.args...) }

func (m *message) dutch() string {
	if s, ok := dutch(m.format, m.args); ok {
		return s
	}
	return m.String()
}

// fieldLabel names a field in an English problem; dutchLabels renders it
// in Dutch.
type fieldLabel string

// Dutch is the problem's message in Dutch for the back office, starting
// with a capital; the English Message when the problem was not made with a
// format of the catalogue.
func (p Problem) Dutch() string {
	s, ok := dutch(p.format, p.args)
	if !ok {
		return p.Message
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// Dutch are the problems' Dutch messages by the JSON pointer of their
// field, in order, for a form that shows each next to its field.
func (ps Problems) Dutch() map[string][]string {
	out := map[string][]string{}
	for _, p := range ps {
		out[p.Pointer()] = append(out[p.Pointer()], p.Dutch())
	}
	return out
}

// dutch renders format and args with the catalogue; false when the
// format has no entry.
func dutch(format string, args []any) (string, bool) {
	nl, ok := dutchFormats[format]
	if !ok {
		return "", false
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case *message:
			out[i] = a.dutch()
		case fieldLabel:
			if l, ok := dutchLabels[a]; ok {
				out[i] = l
			} else {
				out[i] = string(a)
			}
		default:
			out[i] = a
		}
	}
	return fmt.Sprintf(nl, out...), true
}

// dutchLabels are the fields as the problems name them, in Dutch with
// their article.
var dutchLabels = map[fieldLabel]string{
	"SMART goal":     "het SMART-doel",
	"activity":       "de activiteit",
	"area":           "het gebied",
	"area code":      "de gebiedscode",
	"area name":      "de naam van het gebied",
	"code":           "de code",
	"definition":     "de definitie",
	"dimension":      "de dimensie",
	"group":          "de groep",
	"heading":        "de kop",
	"indicator":      "de indicator",
	"item":           "het punt van de opsomming",
	"key":            "de sleutel",
	"label":          "het label",
	"marker":         "het voetnootteken",
	"measure":        "de maatstaf",
	"municipality":   "de gemeente",
	"name":           "de naam",
	"note":           "de noot",
	"number":         "het nummer",
	"paragraph":      "de alinea",
	"period":         "de periode",
	"programme":      "het programma",
	"reference_date": "de peildatum",
	"row_header":     "de kop van de rijen",
	"sign":           "het teken",
	"source":         "de bron",
	"symbol":         "het symbool",
	"table":          "de tabel",
	"target":         "de streefwaarde",
	"text":           "de tekst",
	"title":          "de titel",
	"unit":           "de eenheid",
}

// dutchFormats maps each English format a problem is made from to its
// Dutch format: the same verbs for the same arguments, with explicit
// indexes (%[2]s) where Dutch needs another order. Values quoted with %q
// stay as they are.
var dutchFormats = map[string]string{
	// validate.go: organisations and documents.
	"the organisation is missing":                                                         "De organisatie ontbreekt.",
	"the document is missing":                                                             "Het document ontbreekt.",
	"%q is reserved for the site's own pages":                                             "%q is gereserveerd voor de eigen pagina's van de site; kies een andere slug.",
	"%q is reserved for the organisation's own pages":                                     "%q is gereserveerd voor de eigen pagina's van de organisatie; kies een andere slug.",
	"CBS code %q is not GM and four digits, such as GM0547":                               "De CBS-code %q is niet GM met vier cijfers, zoals GM0547.",
	"kind %q is not kadernota, begroting, bestuursrapportage or jaarstukken":              "De soort %q bestaat niet; kies kadernota, begroting, bestuursrapportage of jaarstukken.",
	"sequence %d is not 1 or more":                                                        "Het volgnummer %d is niet 1 of hoger.",
	"a bestuursrapportage needs its sequence number (1 for the 1ste)":                     "Een bestuursrapportage heeft een volgnummer nodig (1 voor de 1ste).",
	"only a bestuursrapportage has a sequence number":                                     "Alleen een bestuursrapportage heeft een volgnummer; laat het hier weg.",
	"%s is not valid UTF-8":                                                               "%s bevat tekens die geen geldige UTF-8 zijn; typ de tekst opnieuw.",
	"%s holds a NUL character":                                                            "%s bevat een NUL-teken; haal het weg.",
	"%s is required":                                                                      "Vul %s in.",
	"%s is blank":                                                                         "%s bestaat alleen uit spaties; vul een tekst in.",
	"slug is required":                                                                    "Vul een slug in.",
	"slug %q holds a \"/\"; a slug is one URL segment":                                    "De slug %q bevat een \"/\"; een slug is één deel van een webadres.",
	"slug %q is not lower-case letters and digits in groups joined by single hyphens":     "De slug %q bestaat niet alleen uit kleine letters en cijfers met enkele koppeltekens ertussen, zoals begroting-2024.",
	"pages nest deeper than %d levels":                                                    "De pagina's zijn dieper genest dan %d niveaus.",
	"the page is missing":                                                                 "De pagina ontbreekt.",
	"slug %q is already the slug of the page %q on the same level":                        "De slug %q is al de slug van de pagina %q op hetzelfde niveau; kies een andere.",
	"kind %q is not chapter, programme, subprogramme or page":                             "De soort %q bestaat niet; kies chapter, programme, subprogramme of page.",
	"number %q holds one of / \\ ? # %%; a page number is part of URLs (/cyclus/1c/2022)": "Het nummer %q bevat een van de tekens / \\ ? # %%; een paginanummer is deel van webadressen (/cyclus/1c/2022).",
	"a page with SMART goals or activities needs a \"number\" (such as \"1C\"): they keep their identity by it": "Een pagina met SMART-doelen of activiteiten heeft een nummer nodig (zoals \"1C\"): daaraan blijven ze herkenbaar.",
	"SMART goal %s":               "SMART-doel: %s",
	"SMART goal %s appears twice": "SMART-doel %s staat er twee keer in.",
	"activity %s":                 "Activiteit: %s",
	"activity number %q names no SMART goal; it starts with the goal's number and a full stop, such as \"2.2\" or \"I.d.1\"": "Het activiteitnummer %q noemt geen SMART-doel; het begint met het nummer van het doel en een punt, zoals \"2.2\" of \"I.d.1\".",
	"activity %s appears twice": "Activiteit %s staat er twee keer in.",
	"activity %s belongs to SMART goal %s, which the page does not have": "Activiteit %s hoort bij SMART-doel %s, maar dat doel staat niet op de pagina.",
	"the indicator is missing": "De indicator ontbreekt.",
	"indicator key %q is not lower-case letters and digits in groups joined by single hyphens": "De indicatorsleutel %q bestaat niet alleen uit kleine letters en cijfers met enkele koppeltekens ertussen.",
	"indicator key %q appears twice on this page":                                              "De indicatorsleutel %q staat twee keer op deze pagina.",
	"indicator key %q is already used on the page %q":                                          "De indicatorsleutel %q wordt al gebruikt op de pagina %q.",
	"unit %q is not count, percentage or amount":                                               "De eenheid %q bestaat niet; kies count, percentage of amount.",
	"direction %q is not higher_is_better, lower_is_better, at_least or at_most":               "De richting %q bestaat niet; kies higher_is_better, lower_is_better, at_least of at_most.",
	"privacy threshold %d is outside 2 to %d":                                                  "De privacydrempel %d ligt niet tussen 2 en %d.",
	"a privacy threshold applies to counts only, and this indicator's unit is %s":              "Een privacydrempel geldt alleen voor aantallen, en de eenheid van deze indicator is %s.",
	"year %d is outside %d to %d":                                                              "Het jaar %d ligt niet tussen %d en %d.",
	"kind %q is not realised or budgeted":                                                      "De soort %q bestaat niet; kies realised of budgeted.",
	"indicator %q has two %s values for %d":                                                    "Indicator %q heeft twee %s-waarden voor %d; verwijder er één.",
	"a value is a number or an amount, not both":                                               "Een waarde is een getal of een bedrag, niet allebei.",
	"amount %s is not in whole cents":                                                          "Het bedrag %s is niet in hele centen.",
	"an amount of money for an indicator whose unit is %s":                                     "Dit is een geldbedrag, maar de eenheid van de indicator is %s.",
	"amount %s is beyond the largest koers stores, %s either way":                              "Het bedrag %s is groter dan koers kan bewaren: hoogstens %s, positief of negatief.",
	"value %s is not a number":                                                                 "De waarde %s is geen getal.",
	"value %s is beyond the largest koers stores, 10^12 (a million million) either way":        "De waarde %s is groter dan koers kan bewaren: hoogstens 10^12 (duizend miljard), positief of negatief.",
	"value %s is closer to zero than 10^-6, the smallest koers stores":                         "De waarde %s ligt dichter bij nul dan 10^-6, de kleinste waarde die koers bewaart.",
	"value %s has more than %d significant digits":                                             "De waarde %s heeft meer dan %d significante cijfers.",
	"percentage %s is outside 0 to 100":                                                        "Het percentage %s ligt niet tussen 0 en 100.",
	"indicator %q is not an indicator key (lower case, digits and hyphens)":                    "%q is geen indicatorsleutel (kleine letters, cijfers en koppeltekens).",
	"period %q does not start with a year from %d to %d":                                       "De periode %q begint niet met een jaar van %d tot en met %d.",
	"an amount is given in Amount (whole cents), not as a float":                               "Een bedrag wordt opgegeven in hele centen (Amount), niet als kommagetal.",
	"an amount of money for a figure whose unit is %s":                                         "Dit is een geldbedrag, maar de eenheid van het cijfer is %s.",

	// validate.go: blocks and their text.
	"type %q is not a block type":                          "Het type %q is geen bloktype.",
	"a %s block has no %q":                                 "Een blok %s heeft geen %q; laat het weg.",
	"a %s block needs its %q":                              "Een blok %s heeft %q nodig.",
	"%s %q is not on this page":                            "%s %q staat niet op deze pagina.",
	"%s %q appears twice in this block":                    "%s %q staat twee keer in dit blok.",
	"a text block needs its \"content\"":                   "Een tekstblok heeft inhoud nodig (\"content\").",
	"a smart_goals block needs the page's \"smart_goals\"": "Een blok smart_goals heeft SMART-doelen op de pagina nodig (\"smart_goals\").",
	"an activities block needs the page's \"activities\"":  "Een blok activities heeft activiteiten op de pagina nodig (\"activities\").",
	"scope %q is not smart_goals or activities":            "Het bereik %q bestaat niet; kies smart_goals of activities.",
	"a finance_table block needs its \"finance\"":          "Een blok finance_table heeft een financiële tabel nodig (\"finance\").",
	"a comparison_table block needs its \"comparison\"":    "Een blok comparison_table heeft een vergelijkingstabel nodig (\"comparison\").",
	"paragraphs are required":                              "Vul minstens één alinea in.",
	"a paragraph has no \"items\"":                         "Een alinea heeft geen opsomming (\"items\"); maak er een opsomming van of laat de punten weg.",
	"a paragraph has no \"ordered\"":                       "Een alinea heeft geen nummering (\"ordered\").",
	"a heading has no \"items\" or \"ordered\"":            "Een tussenkop heeft geen opsomming of nummering (\"items\" of \"ordered\").",
	"a list has no \"text\"":                               "Een opsomming heeft geen losse tekst (\"text\"); zet de tekst in de punten.",
	"a list needs its \"items\"":                           "Een opsomming heeft punten nodig (\"items\").",
	"type %q is not paragraph, list or heading":            "Het type %q bestaat niet; kies paragraph, list of heading.",

	// numbering.go: the number of a SMART goal or an activity, after
	// "SMART goal" or "activity".
	"number is required":                     "vul een nummer in.",
	"number is not valid UTF-8":              "het nummer bevat tekens die geen geldige UTF-8 zijn.",
	"number %q is longer than %d characters": "het nummer %q is langer dan %d tekens; kort het in.",
	"number %q has spaces around it":         "het nummer %q heeft spaties ervoor of erna; haal die weg.",
	"number %q holds a control character":    "het nummer %q bevat een stuurteken; haal het weg.",

	// status.go
	"the status legend has %d entries; at most %d":                                          "De statuslegenda heeft %d regels; er mogen hoogstens %d zijn.",
	"status key %q is not lower-case letters and digits joined by hyphens, at most %d long": "De statussleutel %q bestaat niet alleen uit kleine letters en cijfers met koppeltekens ertussen, of is langer dan %d tekens.",
	"status %q appears twice in the legend":                                                 "Status %q staat twee keer in de legenda.",
	"label is longer than %d characters":                                                    "Het label is langer dan %d tekens; kort het in.",
	"symbol %q is not one to %d characters without spaces or < > &":                         "Het symbool %q is niet één tot %d tekens zonder spaties of < > &.",
	"colour %q is not of the form #rrggbb":                                                  "De kleur %q heeft niet de vorm #rrggbb, zoals #1a5a96.",
	"colour %s has a contrast of %.1f:1 against white; WCAG 1.4.11 needs at least %.1f:1":   "De kleur %s heeft een contrast van %.1f:1 met wit; WCAG 1.4.11 vraagt minstens %.1f:1. Kies een donkerdere kleur.",
	"a %s reports no status; only a bestuursrapportage or jaarstukken do":                   "Een %s meldt geen status; alleen een bestuursrapportage of jaarstukken doen dat. Laat de status weg.",
	"status %q is not in the organisation's legend (%s)":                                    "Status %q staat niet in de legenda van de organisatie (%s).",

	// theme.go
	"white text on %s has a contrast of %.1f:1; WCAG AA needs at least %.1f:1": "Witte tekst op %s heeft een contrast van %.1f:1; WCAG AA vraagt minstens %.1f:1. Kies een donkerdere kleur.",
	"the logo is larger than %d KiB":                                           "Het logo is groter dan %d KiB; maak het bestand kleiner.",

	// printed.go
	"numbering %q is not code or none":                                                       "De nummering %q bestaat niet; kies code of none.",
	"a printed table needs its \"columns\"":                                                  "Een gedrukte tabel heeft kolommen nodig (\"columns\").",
	"%d columns; a printed table has at most %d":                                             "Er zijn %d kolommen; een gedrukte tabel heeft er hoogstens %d.",
	"column key %q appears twice":                                                            "De kolomsleutel %q staat er twee keer in.",
	"kind %q is not realised, budgeted, primitive_budget, amended_budget or target":          "De soort %q bestaat niet; kies realised, budgeted, primitive_budget, amended_budget of target.",
	"a %s column needs its year":                                                             "Een kolom %s heeft een jaar nodig.",
	"year %d is not between %d and %d":                                                       "Het jaar %d ligt niet tussen %d en %d.",
	"period %q is not one of Q1-Q4, H1-H2 or T1-T3":                                          "De periode %q is geen Q1-Q4, H1-H2 of T1-T3.",
	"period %q needs a year":                                                                 "De periode %q heeft een jaar nodig.",
	"an amended_budget column needs its amendment, from 1 to 99":                             "Een kolom amended_budget heeft een wijzigingsnummer van 1 tot en met 99 nodig.",
	"only an amended_budget column has an amendment":                                         "Alleen een kolom amended_budget heeft een wijzigingsnummer; laat het hier weg.",
	"indicator %q is not in this block's \"indicators\"":                                     "Indicator %q staat niet bij de indicatoren van dit blok (\"indicators\").",
	"indicator %q has two rows":                                                              "Indicator %q heeft twee rijen; verwijder er één.",
	"a code is shown only when the numbering is \"code\"":                                    "Een code wordt alleen getoond als de nummering \"code\" is; laat de code weg of kies die nummering.",
	"decimals %d is not from 0 to %d":                                                        "Het aantal decimalen %d ligt niet tussen 0 en %d.",
	"column %q is not a column of this table":                                                "Kolom %q is geen kolom van deze tabel.",
	"column %q has two values in this row":                                                   "Kolom %q heeft twee waarden in deze rij; verwijder er één.",
	"a value has either a number or a missing notation":                                      "Geef bij een waarde een getal óf een teken voor een ontbrekend cijfer.",
	"missing %q is not \"-\", \".\", \"n.n.b.\" or \"n.v.t.\"":                               "Het teken %q voor een ontbrekend cijfer is niet \"-\", \".\", \"n.n.b.\" of \"n.v.t.\".",
	"column %q shows the indicator's stored %s values; only a missing notation may be given": "Kolom %q toont de opgeslagen %s-waarden van de indicator; geef hier alleen een teken voor een ontbrekend cijfer.",
	"%d legend entries; at most %d":                                                          "Er zijn %d regels in de legenda; er mogen hoogstens %d zijn.",

	// finance.go and financesettings.go; a line is named "line 3
	// (taakveld 6.1)" within a problem.
	"line %d (taakveld %s)":  "regel %d (taakveld %s)",
	"line %d (programme %s)": "regel %d (programma %s)",
	"line %d (%s)":           "regel %d (%s)",
	"line %d":                "regel %d",
	"scale %d is not 1, 1000 or 1000000 (euros per shown unit)":                                   "De schaal %d is niet 1, 1000 of 1000000 (euro's per getoonde eenheid).",
	"a finance table needs its \"columns\"":                                                       "Een financiële tabel heeft kolommen nodig (\"columns\").",
	"%d columns are more than %d":                                                                 "Er zijn %d kolommen; dat is meer dan %d.",
	"version %q is not realisatie, begroting, begroting_gewijzigd or raming":                      "De versie %q bestaat niet; kies realisatie, begroting, begroting_gewijzigd of raming.",
	"amendment %d is not 1 to 99":                                                                 "Het wijzigingsnummer %d ligt niet tussen 1 en 99.",
	"only a begroting_gewijzigd column has an amendment number":                                   "Alleen een kolom begroting_gewijzigd heeft een wijzigingsnummer; laat het hier weg.",
	"column %d does not exist (the table has %d)":                                                 "Kolom %d bestaat niet (de tabel heeft er %d).",
	"a difference needs two different columns":                                                    "Een verschil heeft twee verschillende kolommen nodig.",
	"a finance table needs its \"lines\"":                                                         "Een financiële tabel heeft regels nodig (\"lines\").",
	"kind %q is not lasten, baten, toevoeging or onttrekking":                                     "De soort %q bestaat niet; kies lasten, baten, toevoeging of onttrekking.",
	"a line is a taakveld or a programme, not both":                                               "Een regel is een taakveld of een programma, niet allebei.",
	"a line needs a \"taakveld\", a \"programme\" or a \"label\"":                                 "Een regel heeft een taakveld, een programma of een label nodig (\"taakveld\", \"programme\" of \"label\").",
	"%s is line %d already":                                                                       "%s is gelijk aan regel %d; voeg ze samen of verwijder er één.",
	"kind %q is not lasten, baten, saldo, toevoegingen, onttrekkingen or resultaat":               "De soort %q bestaat niet; kies lasten, baten, saldo, toevoegingen, onttrekkingen of resultaat.",
	"total %q is given twice":                                                                     "Het totaal %q staat er twee keer in.",
	"%s in column %q is %s, but the lines add up to %s":                                           "%s in kolom %q is %s, maar de regels tellen op tot %s; pas het totaal of de regels aan.",
	"line %d does not exist (the table has %d)":                                                   "Regel %d bestaat niet (de tabel heeft er %d).",
	"%s is explained already":                                                                     "%s heeft al een toelichting.",
	"amount is larger than %s":                                                                    "Het bedrag is groter dan %s.",
	"%d amounts for %d columns":                                                                   "Er zijn %d bedragen voor %d kolommen; geef voor elke kolom één bedrag.",
	"sign convention %q is not lasten_positief or baten_positief (or left out for both positive)": "De tekenconventie %q bestaat niet; kies lasten_positief of baten_positief, of laat haar weg als beide positief zijn.",
	"threshold %s is not from € 0 to %s":                                                          "De drempel %s ligt niet tussen € 0 en %s.",
	"%s (%s) differs by %s or more and has no toelichting (explanations)":                         "%s (%s) wijkt %s of meer af en heeft geen toelichting; voeg een toelichting toe (\"explanations\").",

	// comparison.go and comparison_feed.go
	"period %q is not a year (2020), half-year (2017-H2), quarter (2020-Q2) or month (2021-12)": "De periode %q is geen jaar (2020), halfjaar (2017-H2), kwartaal (2020-Q2) of maand (2021-12).",
	"period %q: year %d is out of range":                                                "De periode %q heeft een jaar (%d) dat buiten het bereik valt.",
	"reference date %q is not a date as YYYY-MM-DD":                                     "De peildatum %q is geen datum in de vorm JJJJ-MM-DD, zoals 2024-01-01.",
	"area %q appears twice":                                                             "Het gebied %q staat er twee keer in.",
	"area code %q has spaces around it":                                                 "De gebiedscode %q heeft spaties ervoor of erna; haal die weg.",
	"a comparison table needs at least one row":                                         "Een vergelijkingstabel heeft minstens één rij nodig.",
	"%d figures for %d areas":                                                           "Er zijn %d cijfers voor %d gebieden; geef voor elk gebied één cijfer.",
	"indicator %q is not on this page":                                                  "Indicator %q staat niet op deze pagina.",
	"indicator %q has period %s already in row %d":                                      "Indicator %q heeft periode %s al in rij %d.",
	"a figure is a number or a notation, not both":                                      "Een cijfer is een getal of een teken, niet allebei.",
	"figure %.50s is not a plain decimal number (digits, a decimal point, no exponent)": "Het cijfer %.50s is geen gewoon decimaal getal; gebruik cijfers en eventueel een decimale punt, zonder exponent.",
	"a figure is required: a number or one of \"-\", \".\", \"n.n.b.\", \"n.v.t.\"":     "Vul een cijfer in: een getal of een van \"-\", \".\", \"n.n.b.\", \"n.v.t.\".",
	"%q is not a notation; use \"-\" (nihil), \".\" (onbekend of geheim), \"n.n.b.\" (nog niet bekend) or \"n.v.t.\" (niet van toepassing)": "%q is geen geldig teken; gebruik \"-\" (nihil), \".\" (onbekend of geheim), \"n.n.b.\" (nog niet bekend) of \"n.v.t.\" (niet van toepassing).",
	"a row of indicator %q needs a year as its period: the indicator's values are per year, and %s is not":                                  "Een rij van indicator %q heeft een jaar als periode nodig: de waarden van de indicator gelden per jaar, en %s is geen jaar.",
	"figure %s is not an amount in whole cents, as indicator %q needs":                                                                      "Het cijfer %s is geen bedrag in hele centen, en dat heeft indicator %q nodig.",
	"indicator %q has %s as its realised value for %d (values/%d), and this row says %s; give the figure once":                              "Indicator %q heeft al %s als gerealiseerde waarde voor %d (values/%d), en deze rij zegt %s; geef het cijfer maar één keer op.",
}
