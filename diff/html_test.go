package diff

import (
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// small is a diff of one programme: a reworded paragraph, a moved goal,
// a changed value and a deviation's status.
func small() *Document {
	old, new := base(), base()
	p := programme(new, 1)
	block(p, koers.TextBlock).Content[0].Text = "Wij ondersteunen kwetsbare inwoners."
	p.SmartGoals = []koers.SmartGoal{p.SmartGoals[1], p.SmartGoals[0], p.SmartGoals[2]}
	p.Indicators[0].Values[1].Number = num(11.5)
	block(p, koers.DeviationsBlock).Deviations[0].Status = "achter"
	programme(new, 2).Title = "Programma 2: Wonen <en> leven"
	return Documents(old, new)
}

func TestPageHTML(t *testing.T) {
	d := small()
	got, err := d.Page("programmas/programma-1").HTML(HTMLOptions{Level: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := `<div class="diff">
<p class="diff-legend">Tekst die is <ins class="diff-ins">toegevoegd</ins> is onderstreept, tekst die is <del class="diff-del">verwijderd</del> is doorgehaald. Waarden staan als <span class="diff-value">oud → nieuw</span>.</p>
<section class="diff-page diff-changed" aria-labelledby="wijziging-programmas-programma-1">
<h3 id="wijziging-programmas-programma-1">Programma 1: Meedoen</h3>
<p class="diff-status"><strong class="diff-mark diff-mark-changed">Inhoud gewijzigd</strong></p>
<section class="diff-part">
<h4>SMART-doelen</h4>
<ul class="diff-items">
<li class="diff-moved"><strong class="diff-mark diff-mark-moved">Verplaatst (was 1e, nu 2e):</strong> <span class="diff-key">1</span> Meer inwoners doen mee.</li>
</ul>
</section>
<section class="diff-part">
<h4>Prestatie-indicatoren</h4>
<div class="diff-indicator diff-changed">
<p><strong class="diff-mark diff-mark-changed">Gewijzigd:</strong> 1.1 Aandeel inwoners dat meedoet</p>
<table class="diff-values">
<caption>Waarden van Aandeel inwoners dat meedoet (w: werkelijk, b: begroot)</caption>
<thead><tr><th scope="col">Wat</th><th scope="col">Oud</th><th scope="col">Nieuw</th></tr></thead>
<tbody>
<tr><th scope="row">2022 (b)</th><td class="diff-old">12%</td><td class="diff-new"><span aria-hidden="true">→ </span><span class="visually-hidden">wordt </span>11,5%</td></tr>
</tbody>
</table>
</div>
</section>
<section class="diff-part diff-block diff-changed">
<h4>Tekst: Inleiding</h4>
<p class="diff-element diff-changed">Wij ondersteunen <ins class="diff-ins"><span class="visually-hidden">ingevoegd: </span>kwetsbare </ins>inwoners.</p>
</section>
<section class="diff-part diff-block diff-changed">
<h4>Afwijkingen</h4>
<div class="diff-explanation diff-changed">
<p><strong>1. Meer inwoners doen mee.</strong></p>
<p>Status: <span class="diff-value">Op schema <span aria-hidden="true">→</span><span class="visually-hidden"> wordt </span> Achter</span></p>
</div>
</section>
</section>
</div>`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDocumentHTML(t *testing.T) {
	got, err := small().HTML(HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<p class="diff-summary">2 pagina&#39;s gewijzigd</p>`,
		`<h2 id="wijziging-programmas-programma-2">Programma 2: Wonen<ins class="diff-ins"><span class="visually-hidden">ingevoegd: </span> &lt;en&gt; leven</ins></h2>`,
		`<p class="diff-status"><strong class="diff-mark diff-mark-changed">Hernoemd</strong></p>`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	if strings.Contains(string(got), "wijziging-inleiding") {
		t.Errorf("an unchanged page is shown:\n%s", got)
	}
	if _, err := Documents(base(), base()).Page("nergens").HTML(HTMLOptions{}); err == nil {
		t.Error("a page that is in neither version renders")
	}
	retitled := base()
	retitled.Title = "Begroting 2022 (herzien)"
	got, err = Documents(base(), retitled).HTML(HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<p class="diff-summary">Titel van het document gewijzigd</p>
<p class="diff-title">Titel: Begroting 2022<ins class="diff-ins"><span class="visually-hidden">ingevoegd: </span> (herzien)</ins></p>`; !strings.Contains(string(got), want) {
		t.Errorf("retitled: got\n%s\nwant\n%s", got, want)
	}
	none, err := Documents(base(), base()).HTML(HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<div class=\"diff\">\n<p class=\"diff-summary\">Geen wijzigingen</p>\n</div>"; string(none) != want {
		t.Errorf("no changes: got\n%s\nwant\n%s", none, want)
	}
}
