package admin

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/auth"
)

func TestAPITokenLifecycle(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	c := o.signIn("leiderdorp/beheerder")
	page := c.page("/beheer/leiderdorp/api-sleutels", http.StatusOK)
	if got := text(page.Find("main p").Eq(1)); got != "Gemeente Leiderdorp heeft nog geen API-sleutels." {
		t.Errorf("empty list: %q", got)
	}
	if got := page.Find("#verloopt").AttrOr("value", ""); got != time.Now().In(amsterdam).Add(koers.DefaultAPITokenLife).Format(apiTokenDay) {
		t.Errorf("default expiry %q, want 90 days from today", got)
	}
	expires := time.Now().In(amsterdam).AddDate(0, 1, 0).Format(apiTokenDay)
	res, body := c.post("/beheer/leiderdorp/api-sleutels", url.Values{"naam": {"BI kwartaal"}, "rol": {"redacteur"}, "verloopt": {expires}})
	if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
	doc := parseHTML(t, body)
	secret := doc.Find("#sleutel").AttrOr("value", "")
	if !strings.HasPrefix(secret, koers.APITokenPrefix) || len(secret) != len(koers.APITokenPrefix)+43 {
		t.Fatalf("shown token %q: want koers_ and 256 bits", secret)
	}
	if got := text(doc.Find("#nieuwe-sleutel strong")); got != "Kopieer de sleutel nu en bewaar hem veilig. Hij wordt maar één keer getoond" {
		t.Errorf("warning %q", got)
	}
	// The token works: the store finds it by its hash.
	tok, err := o.store.APITokenByHash(ctx, auth.TokenHash(secret))
	if err != nil || tok.Name != "BI kwartaal" || tok.Role != koers.Redacteur || tok.CreatedBy != "beheerder@leiderdorp.nl" {
		t.Fatalf("stored token %+v %v", tok, err)
	}
	// Shown once: the list does not show it again.
	again := c.page("/beheer/leiderdorp/api-sleutels", http.StatusOK)
	if html, _ := again.Html(); strings.Contains(html, secret) || again.Find("#sleutel").Length() != 0 {
		t.Errorf("the token is shown again")
	}
	row := texts(again.Find("table.list tbody tr").First().Children())
	wantRow := []string{"BI kwartaal", "Redacteur", row[2], tok.ExpiresAt.In(amsterdam).Format("2-1-2006 15:04"), "Nooit", "Geldig", "Intrekken BI kwartaal"}
	if !reflect.DeepEqual(row, wantRow) || !strings.HasSuffix(row[2], "door beheerder@leiderdorp.nl") {
		t.Errorf("row %q, want %q", row, wantRow)
	}
	// Revoked: at once, and audited.
	revoke := again.Find("table.list form").AttrOr("action", "")
	res, body = c.post(revoke, url.Values{})
	if _, flash := c.followed(res, body); flash != "De API-sleutel is ingetrokken; hij werkt vanaf nu niet meer." {
		t.Errorf("revoke message %q", flash)
	}
	if _, err := o.store.APITokenByHash(ctx, auth.TokenHash(secret)); koers.ErrorCode(err) != koers.EUNAUTHORIZED {
		t.Errorf("revoked token: %v", err)
	}
	after := c.page("/beheer/leiderdorp/api-sleutels", http.StatusOK)
	if got := texts(after.Find("table.list tbody tr").First().Children()); got[5] != "Ingetrokken" || got[6] != "" {
		t.Errorf("revoked row %q", got)
	}
	log, _ := o.store.AuditLog(ctx, koers.AuditFilter{OrganisationID: o.orgs[0].ID, Limit: 2})
	if len(log) != 2 || log[0].Action != koers.AuditAPITokenRevoke || log[1].Action != koers.AuditAPITokenCreate {
		t.Errorf("audit log %+v", log)
	}
}

func TestAPITokenProblems(t *testing.T) {
	o := newOffice(t)
	c := o.signIn("leiderdorp/beheerder")
	tooLate := time.Now().In(amsterdam).AddDate(1, 0, 2).Format(apiTokenDay)
	tests := []struct {
		name string
		form url.Values
		want []string
	}{
		{"nothing", url.Values{"verloopt": {""}}, []string{"#naam Geef de sleutel een naam, zoals het systeem dat hem gebruikt.",
			"#rol Kies de rol van de sleutel: redacteur of publicist.",
			"#verloopt Kies een vervaldatum, zoals " + time.Now().In(amsterdam).Add(koers.DefaultAPITokenLife).Format(apiTokenDay) + "."}},
		{"a beheerder token, too long", url.Values{"naam": {"BI"}, "rol": {"beheerder"}, "verloopt": {tooLate}},
			[]string{"#rol Kies de rol van de sleutel: redacteur of publicist.", "#verloopt Een sleutel geldt hoogstens een jaar; kies een eerdere vervaldatum."}},
		{"in the past, typed", url.Values{"naam": {"BI"}, "rol": {"publicist"}, "verloopt": {"1-1-2020"}},
			[]string{"#verloopt Kies een vervaldatum in de toekomst."}},
		{"not a date", url.Values{"naam": {"BI"}, "rol": {"publicist"}, "verloopt": {"<b>morgen</b>"}},
			[]string{"#verloopt Kies een vervaldatum, zoals " + time.Now().In(amsterdam).Add(koers.DefaultAPITokenLife).Format(apiTokenDay) + "."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := c.post("/beheer/leiderdorp/api-sleutels", tt.form)
			if res.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := errorSummary(parseHTML(t, body)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems %q, want %q", got, tt.want)
			}
		})
	}
	if list, _ := o.store.APITokens(context.Background(), o.orgs[0].ID); len(list) != 0 {
		t.Errorf("refused forms made tokens: %+v", list)
	}
	// Another organisation's token cannot be revoked from here.
	res, _ := c.post("/beheer/leiderdorp/api-sleutels/999/intrekken", url.Values{})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("revoke of no token: %d", res.StatusCode)
	}
}
