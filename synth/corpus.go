package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/koers-nl/koers"
)

// A corpus is many organisations, each with many documents, as a hosting
// provider serves them. Its text is drawn from a vocabulary with a long
// tail, so that searches hit very different numbers of pages: the common
// policy words are on nearly every page, a programme's theme words on a
// tenth of them, an organisation's place names only on its own pages.

// CorpusOrganisation is organisation i (0-based) of a corpus: "gemeente-007",
// "Gemeente Zevenhoven 7".
func CorpusOrganisation(i int) *koers.Organisation {
	place := places[i%len(places)]
	return &koers.Organisation{
		Slug:    fmt.Sprintf("gemeente-%03d", i+1),
		Name:    fmt.Sprintf("Gemeente %s %d", strings.ToUpper(place[:1])+place[1:], i+1),
		CBSCode: fmt.Sprintf("GM%04d", 5000+i),
	}
}

// CorpusDocument is document j (0-based) of organisation i: going back
// from 2030, a year holds a begroting, two bestuursrapportages and the
// jaarstukken, each of the given number of programme pages. The same
// arguments always give the same document.
func CorpusDocument(i, j, programmes int) *koers.Document {
	year := 2030 - j/4
	d := &koers.Document{Year: year}
	switch j % 4 {
	case 0:
		d.Kind, d.Title = koers.Begroting, fmt.Sprintf("Begroting %d", year)
	case 1, 2:
		d.Kind, d.Sequence = koers.Bestuursrapportage, j%4
		d.Title = fmt.Sprintf("Bestuursrapportage %d-%d", year, d.Sequence)
	default:
		d.Kind, d.Title = koers.Jaarstukken, fmt.Sprintf("Jaarstukken %d", year)
	}
	g := &gen{rnd: rand.New(rand.NewPCG(uint64(i), uint64(j)<<16|uint64(programmes))), corpus: i + 1}
	chapter := &koers.Page{Kind: koers.Chapter, Title: "Programma's", Slug: "programmas"}
	for p := 1; p <= programmes; p++ {
		g.theme = themes[(p-1)%len(themes)]
		page := g.programme(p)
		g.shiftYears(page, year-2030)
		chapter.Children = append(chapter.Children, page)
	}
	d.Pages = []*koers.Page{chapter}
	d.Slug = d.DefaultSlug()
	d.SetPaths()
	return d
}

// shiftYears moves a programme's indicator values by delta years, so a
// document's figures fall around its own year.
func (g *gen) shiftYears(p *koers.Page, delta int) {
	for _, in := range p.Indicators {
		for k := range in.Values {
			in.Values[k].Year += delta
		}
	}
}

// corpusWord draws a word for corpus text: mostly the shared policy words,
// often the programme's theme, now and then a rare word, a place name of
// the organisation's own.
func (g *gen) corpusWord() string {
	switch n := g.rnd.IntN(100); {
	case n < 62:
		return words[g.rnd.IntN(len(words))]
	case n < 90:
		return g.theme[zipf(g.rnd, len(g.theme))]
	case n < 97:
		return rare[zipf(g.rnd, len(rare))]
	default:
		return places[(g.corpus-1+g.rnd.IntN(3))%len(places)]
	}
}

// zipf draws an index below n, the first ones far more often than the
// last: word frequencies in real text fall off like this.
func zipf(r *rand.Rand, n int) int {
	x := r.Float64()
	return min(n-1, int(float64(n)*x*x*x))
}

// Queries returns n search queries a reader of the corpus might type: a
// common word, a theme word, a rare word, a place, two or three words
// together, and now and then a word no page holds.
func Queries(n int) []string {
	r := rand.New(rand.NewPCG(342, uint64(n)))
	out := make([]string, n)
	for i := range out {
		switch i % 10 {
		case 0, 1:
			t := themes[r.IntN(len(themes))]
			out[i] = t[zipf(r, len(t))]
		case 2, 3:
			out[i] = rare[r.IntN(len(rare))]
		case 4:
			out[i] = places[r.IntN(len(places))]
		case 5, 6:
			t := themes[r.IntN(len(themes))]
			out[i] = t[r.IntN(len(t))] + " " + t[r.IntN(len(t))]
		case 7:
			out[i] = words[r.IntN(len(words))] + " " + rare[r.IntN(len(rare))] + " " + themes[r.IntN(len(themes))][0]
		case 8:
			w := rare[r.IntN(len(rare))]
			out[i] = strings.ToUpper(w[:1]) + w[1:] // readers capitalise
		default:
			out[i] = absent[r.IntN(len(absent))]
		}
	}
	return out
}

// themes are the words of each programme's field, most typical first.
var themes = [][]string{
	strings.Fields(`wmo mantelzorg huishoudelijke hulpmiddelen dagbesteding begeleiding eenzaamheid ouderen
		mantelzorgers respijtzorg vrijwilligers keukentafelgesprek maatwerk rolstoel woonvoorziening scootmobiel`),
	strings.Fields(`jeugdhulp jongeren ouders gezinnen opvoeding jeugdzorg wachttijden pleegzorg
		consultatiebureau jeugdgezondheidszorg schoolmaatschappelijk veiligthuis kinderopvang peuters voorschool`),
	strings.Fields(`bijstand participatie uitkering werkzoekenden re-integratie schuldhulpverlening armoede minima
		inburgering statushouders loonkostensubsidie beschut werkgevers sociale werkvoorziening taaleis`),
	strings.Fields(`woningbouw huurwoningen starters woningcorporatie bestemmingsplan omgevingswet vergunningen
		nieuwbouw transformatie grondexploitatie sociale-huur middenhuur bouwlocatie erfpacht kavels`),
	strings.Fields(`verkeer fietspaden parkeren openbaar vervoer verkeersveiligheid rotonde snelheid
		laadpalen bereikbaarheid fietsenstalling wegonderhoud asfalt kruispunt voetgangers bushaltes`),
	strings.Fields(`duurzaamheid energietransitie zonnepanelen warmtenet isolatie klimaatadaptatie wateroverlast
		afval recycling groen bomen biodiversiteit hittestress riolering warmtepompen`),
	strings.Fields(`economie ondernemers winkelcentrum bedrijventerrein toerisme markt detailhandel
		vestigingsklimaat werkgelegenheid horeca evenementen leegstand centrummanagement innovatie marketing`),
	strings.Fields(`onderwijs scholen leerlingen huisvesting laaggeletterdheid bibliotheek voortijdig schoolverlaten
		leerplicht kindcentrum gymzaal leerlingenvervoer schoolgebouwen taalachterstand volwassenenonderwijs`),
	strings.Fields(`sport cultuur sportverenigingen zwembad sportvelden muziekschool theater erfgoed monumenten
		kunst beweegcoach sporthal buurtsport museum archeologie`),
	strings.Fields(`veiligheid handhaving boa's politie criminaliteit ondermijning inbraken overlast brandweer
		cameratoezicht jeugdoverlast drugs woninginbraak crisisbeheersing buurtpreventie`),
	strings.Fields(`financiën belastingen ozb reserves weerstandsvermogen schuldquote treasury precario
		rioolheffing afvalstoffenheffing leges accountant rechtmatigheid begrotingssaldo solvabiliteit`),
	strings.Fields(`bestuur raad burgemeester wethouders griffie dienstverlening burgerzaken paspoorten
		participatietraject inwonerspanel klachten privacy informatiebeveiliging digitalisering samenwerking`),
}

// rare are words few pages hold.
var rare = strings.Fields(`kadeherstel glasvezel speeltuinen hondenbelasting kinderboerderij carillon
	ijsbaan volkstuinen waterbus zwerfafval ganzenbeheer eikenprocessierups straatverlichting
	bruggenonderhoud begraafplaats wijkcentrum jongerenwerk tozo energietoeslag huisartsen
	sportakkoord preventieakkoord lachgas vuurwerk evenementenvergunning trouwlocatie
	skatebaan pumptrack kunstgras hondenuitlaatplaats baggeren beschoeiing molen dorpshuis
	kermis weekmarkt oplaadpunten deelauto's klimaatakkoord ledverlichting`)

// places are the organisations' own names and their villages.
var places = strings.Fields(`zevenhoven oudewater hazerswoude benthuizen koudekerk leimuiden rijpwetering
	oud-ade warmond sassenheim voorhout noordwijkerhout lisserbroek abbenes nieuw-vennep zwanenburg
	vijfhuizen spaarndam velserbroek santpoort bloemendaal overveen aerdenhout vogelenzang
	bennebroek heemstede hillegom lisse katwijk rijnsburg valkenburg oegstgeest zoeterwoude
	stompwijk leidschendam voorburg rijswijk nootdorp pijnacker delfgauw schipluiden maasland`)

// absent are words no page of a corpus holds.
var absent = strings.Fields(`ruimtevaart walvissen vulkaan piramide kangoeroe skipiste woestijn gletsjer`)
