package storetest

import (
	"reflect"
	"testing"

	"github.com/koers-nl/koers"
)

// StatusJaarstukken is a jaarstukken page numbered freely ("I.a",
// "I.d.1 (MD10, IBK BE28)"), with statuses per goal and activity and a
// sub-heading: what the status feature stores.
func StatusJaarstukken() *koers.Document {
	d := Bare(koers.Jaarstukken, 2021, 0)
	d.Pages = []*koers.Page{{
		Kind: koers.SubProgramme, Number: "I", Title: "I Sociaal domein", Slug: "i-sociaal-domein",
		SmartGoals: []koers.SmartGoal{{Number: "I.a", Title: "Inwoners doen mee."}, {Number: "I.d", Title: "Jeugd groeit veilig op."}},
		Activities: []koers.Activity{{Number: "I.d.1 (MD10, IBK BE28)", Title: "We kopen jeugdhulp in."}},
		Blocks: []koers.Block{
			{Type: koers.TextBlock, Heading: "Inleiding", Content: []koers.TextElement{
				{Type: koers.SubHeading, Text: "Jeugd"}, {Type: koers.Paragraph, Text: "Het jaar van de jeugd."}}},
			{Type: koers.DeviationsBlock, Heading: "Voortgang doelen", Scope: koers.ScopeSmartGoals, Deviations: []koers.Deviation{
				{Ref: "I.a", Status: "groen", Paragraphs: []string{"Loopt."}},
				{Ref: "I.d", Paragraphs: []string{"Geen status gegeven."}}}},
			{Type: koers.DeviationsBlock, Scope: koers.ScopeActivities, Deviations: []koers.Deviation{
				{Ref: "I.d.1 (MD10, IBK BE28)", Status: "oranje", Paragraphs: []string{"Wachtlijsten."}}}},
		},
	}}
	return d
}

// StatusLegend is an organisation's own legend, in its order.
func StatusLegend() koers.StatusLegend {
	return koers.StatusLegend{
		{Key: "groen", Label: "Volgens plan", Symbol: "+", Colour: "#2e7d32"},
		{Key: "oranje", Label: "Aandacht nodig", Symbol: "!", Colour: "#a15c00"},
	}
}

// testStatuses: an organisation's legend and the statuses, free numbers
// and sub-headings of its documents come back as written, through every
// read; a legend left out again is gone; a status in a begroting is refused
// and nothing of that write is kept.
func testStatuses(t *testing.T, s koers.Store) {
	org, doc := Leiderdorp(), StatusJaarstukken()
	org.StatusLegend = StatusLegend()
	MustPut(t, s, org, doc)
	got, err := s.Document(ctx(), doc.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	want := StatusJaarstukken()
	want.SetPaths()
	if diff := compareDocuments(got, want); diff != "" {
		t.Errorf("document read back: %s", diff)
	}
	o, err := s.OrganisationBySlug(ctx(), org.Slug)
	if err != nil || !reflect.DeepEqual(o.StatusLegend, StatusLegend()) {
		t.Errorf("OrganisationBySlug legend = %+v, %v", o, err)
	}
	orgs, err := s.Organisations(ctx())
	if err != nil || len(orgs) != 1 || !reflect.DeepEqual(orgs[0].StatusLegend, StatusLegend()) {
		t.Errorf("Organisations = %+v, %v", orgs, err)
	}
	placed, err := s.Published().PagesByID(ctx(), []int64{got.Pages[0].ID}, true)
	if err != nil || len(placed) != 1 || !reflect.DeepEqual(placed[0].Organisation.StatusLegend, StatusLegend()) {
		t.Errorf("PagesByID = %+v, %v", placed, err)
	}

	bad := Bare(koers.Begroting, 2022, 0)
	bad.Pages = StatusJaarstukken().Pages
	err = s.PutDocument(ctx(), org, bad)
	if code := koers.ErrorCode(err); code != koers.EINVALID {
		t.Fatalf("status in a begroting: code %q (%v), want %q", code, err, koers.EINVALID)
	}
	if _, err := s.DocumentBySlug(ctx(), org.ID, bad.Slug); koers.ErrorCode(err) != koers.ENOTFOUND {
		t.Errorf("the refused begroting was written: %v", err)
	}

	org.StatusLegend = nil
	doc = StatusJaarstukken()
	doc.Pages[0].Blocks = doc.Pages[0].Blocks[:1]
	MustPut(t, s, org, doc)
	if o, err := s.Organisation(ctx(), org.ID); err != nil || o.StatusLegend != nil || !reflect.DeepEqual(o.StatusLegendOrDefault(), koers.DefaultStatusLegend) {
		t.Errorf("legend after it was left out = %+v, %v", o, err)
	}
}
