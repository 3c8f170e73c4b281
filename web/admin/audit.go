package admin

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/koers-nl/koers"
)

// auditRoutes are the organisation's audit log, as a page and as a
// download.
func (s *Server) auditRoutes() []route {
	return []route{
		{"GET /beheer/{org}/logboek", Org, koers.ReadAuditLog, s.auditLog},
		{"GET /beheer/{org}/logboek.csv", Org, koers.ReadAuditLog, s.auditCSV},
	}
}

// auditPageSize is how many entries one page of the log shows.
const auditPageSize = 50

// maxCSVRows bounds a download of the log: beyond it, the filter should
// be narrower. A variable for the tests.
var maxCSVRows = 100_000

// auditText bounds what the page shows of a change's before and after, in
// characters; the download has all the log keeps.
const auditText = 100

// The filter's problems.
const (
	badAction   = "Kies een handeling uit de lijst."
	badPerson   = "Kies een persoon uit de lijst."
	badDocument = "Vul bij document de korte naam in uit het webadres, zoals begroting-2026, van hoogstens 200 tekens."
	badFrom     = "Vul bij ‘Vanaf’ een datum in als jjjj-mm-dd, zoals 2026-01-31."
	badUntil    = "Vul bij ‘Tot en met’ een datum in als jjjj-mm-dd, zoals 2026-01-31."
	badPeriod   = "De datum bij ‘Tot en met’ ligt vóór de datum bij ‘Vanaf’."
	badCursor   = "De link naar oudere regels klopt niet. Begin opnieuw bij de nieuwste regels."
)

// auditQuery is the log's filter as typed in the form, and as the store
// reads it.
type auditQuery struct {
	Action, Person, Document, From, Until string
	Filter                                koers.AuditFilter
}

// values are the query's form fields, for links that keep the filter.
func (q auditQuery) values() url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"actie", q.Action}, {"persoon", q.Person}, {"document", q.Document},
		{"van", q.From}, {"tot", q.Until}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}

// parseAuditQuery reads and checks the filter of the log's form. People
// are chosen from the organisation's users; dates are days in Amsterdam,
// both inclusive.
func parseAuditQuery(q url.Values, orgID int64, users []*koers.User) (auditQuery, form) {
	var f form
	aq := auditQuery{
		Action: strings.TrimSpace(q.Get("actie")), Person: strings.TrimSpace(q.Get("persoon")),
		Document: strings.TrimSpace(q.Get("document")), From: strings.TrimSpace(q.Get("van")),
		Until: strings.TrimSpace(q.Get("tot")),
	}
	aq.Filter.OrganisationID = orgID
	if aq.Action != "" {
		if a := koers.AuditAction(aq.Action); slices.Contains(koers.AuditActions, a) {
			aq.Filter.Action = a
		} else {
			f.add("actie", badAction)
		}
	}
	if aq.Person != "" {
		id, err := strconv.ParseInt(aq.Person, 10, 64)
		if err != nil || !slices.ContainsFunc(users, func(u *koers.User) bool { return u.ID == id }) {
			f.add("persoon", badPerson)
		} else {
			aq.Filter.UserID = id
		}
	}
	if utf8.RuneCountInString(aq.Document) > koers.MaxNameLength || strings.ContainsAny(aq.Document, "\x00\r\n") {
		f.add("document", badDocument)
	} else {
		aq.Filter.Document = aq.Document
	}
	from, fromOK := parseDay(aq.From)
	if !fromOK {
		f.add("van", badFrom)
	}
	until, untilOK := parseDay(aq.Until)
	if !untilOK {
		f.add("tot", badUntil)
	}
	if fromOK && untilOK && !from.IsZero() && !until.IsZero() && until.Before(from) {
		f.add("tot", badPeriod)
	}
	aq.Filter.From = from
	if !until.IsZero() {
		aq.Filter.Until = until.AddDate(0, 0, 1) // the whole day
	}
	if v := q.Get("voor"); v != "" {
		before, err := strconv.ParseInt(v, 10, 64)
		if err != nil || before <= 0 {
			f.Summary = append(f.Summary, problem{Message: badCursor})
		} else {
			aq.Filter.Before = before
		}
	}
	return aq, f
}

// parseDay reads a date as yyyy-mm-dd, the start of that day in
// Amsterdam; "" is no date.
func parseDay(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.ParseInLocation("2006-01-02", s, amsterdam)
	if err != nil || t.Year() < 2000 || t.Year() > 9999 {
		return time.Time{}, false
	}
	return t, true
}

// auditPage is one page of the log with its filter.
type auditPage struct {
	layout
	Query    auditQuery
	Action   selectView
	Person   selectView
	Entries  []auditRow
	Form     form
	Filtered bool   // the filter selects something
	Older    string // the next page's address, "" on the last
	Newest   string // the first page's address, when this is not it
	CSV      string // the download with the same filter
}

// selectView is a select field for the select-field template.
type selectView struct {
	ID, Label, Error string
	Options          []option
}

// option is one choice of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// auditRow is an entry as the page shows it.
type auditRow struct {
	koers.AuditEntry
	Label         string
	Before, After string // shortened
}

// auditData reads the organisation's people and the filter: what both the
// page and the download need.
func (s *Server) auditData(r *request) (*auditPage, error) {
	users, err := s.store.Users(r.Context(), r.org.ID)
	if err != nil {
		return nil, err
	}
	q, f := parseAuditQuery(r.URL.Query(), r.org.ID, users)
	data := &auditPage{Query: q, Form: f}
	data.Title, data.Section = "Logboek", "logboek"
	data.Crumbs = orgCrumbs(r.org, crumb{Label: "Logboek"})
	data.Action = selectView{ID: "actie", Label: "Handeling", Error: f.Error("actie"),
		Options: []option{{Value: "", Label: "Alle handelingen", Selected: q.Filter.Action == ""}}}
	for _, a := range koers.AuditActions {
		data.Action.Options = append(data.Action.Options, option{Value: string(a), Label: a.Label(), Selected: a == q.Filter.Action})
	}
	data.Person = selectView{ID: "persoon", Label: "Persoon", Error: f.Error("persoon"),
		Options: []option{{Value: "", Label: "Iedereen", Selected: q.Filter.UserID == 0}}}
	for _, u := range users {
		label := u.Email
		if u.Name != "" {
			label = u.Name + " (" + u.Email + ")"
		}
		data.Person.Options = append(data.Person.Options, option{Value: itoa(u.ID), Label: label, Selected: u.ID == q.Filter.UserID})
	}
	values := q.values()
	data.Filtered = len(values) > 0
	data.CSV = orgURL(r.org, "/logboek.csv") + query(values)
	return data, nil
}

func query(v url.Values) string {
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// auditQuery reads the filter of the log's page or download; with a
// problem in it, it answers the page with the problems and reports false.
func (s *Server) auditQuery(w http.ResponseWriter, r *request) (*auditPage, bool, error) {
	data, err := s.auditData(r)
	if err != nil {
		return nil, false, err
	}
	if data.Form.failed() {
		s.render(w, r, http.StatusUnprocessableEntity, "audit", data)
		return nil, false, nil
	}
	return data, true, nil
}

func (s *Server) auditLog(w http.ResponseWriter, r *request) error {
	data, ok, err := s.auditQuery(w, r)
	if !ok {
		return err
	}
	filter := data.Query.Filter
	filter.Limit = auditPageSize + 1 // one more tells whether there are older ones
	entries, err := s.store.AuditLog(r.Context(), filter)
	if err != nil {
		return err
	}
	more := len(entries) > auditPageSize
	entries = entries[:min(len(entries), auditPageSize)]
	for _, e := range entries {
		data.Entries = append(data.Entries, auditRow{AuditEntry: e, Label: e.Action.Label(),
			Before: shorten(e.Before, auditText), After: shorten(e.After, auditText)})
	}
	values := data.Query.values()
	if more {
		older := data.Query.values()
		older.Set("voor", itoa(entries[len(entries)-1].ID))
		data.Older = orgURL(r.org, "/logboek") + query(older)
	}
	if filter.Before != 0 {
		data.Newest = orgURL(r.org, "/logboek") + query(values)
	}
	s.render(w, r, http.StatusOK, "audit", data)
	return nil
}

// shorten cuts s to n characters, with an ellipsis when it did.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n-1])) + "…"
}

// csvHeader is the download's first row.
var csvHeader = []string{"Nummer", "Tijdstip", "Persoon", "Handeling", "Document", "Pagina", "Blok", "Voor", "Na", "Adres"}

// auditCSV downloads every entry the filter selects, oldest page last as
// on the page, for a spreadsheet: UTF-8 with a byte order mark and
// semicolons, as Excel with Dutch settings reads it without asking.
func (s *Server) auditCSV(w http.ResponseWriter, r *request) error {
	data, ok, err := s.auditQuery(w, r)
	if !ok {
		return err
	}
	filter := data.Query.Filter
	filter.Before, filter.Limit = 0, koers.MaxAuditPage
	ctx := r.Context()
	// The first page before the header, so that a failure is an error page.
	entries, err := s.store.AuditLog(ctx, filter)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/csv; charset=utf-8")
	h.Set("Content-Disposition", `attachment; filename="logboek-`+r.org.Slug+"-"+now().In(amsterdam).Format("2006-01-02")+`.csv"`)
	h.Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write([]byte("\uFEFF"))
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	_ = cw.Write(csvHeader)
	rows := 0
	for len(entries) > 0 {
		for _, e := range entries {
			if rows == maxCSVRows {
				notice := make([]string, len(csvHeader)) // as wide as the rest, for readers that insist
				notice[0] = "Afgebroken: meer dan " + koers.FormatNumber(float64(maxCSVRows)) +
					" regels. Kies een kleiner filter, bijvoorbeeld een kortere periode."
				_ = cw.Write(notice)
				cw.Flush()
				return nil
			}
			_ = cw.Write(csvRecord(e))
			rows++
		}
		if len(entries) < filter.Limit {
			break
		}
		filter.Before = entries[len(entries)-1].ID
		if entries, err = s.store.AuditLog(ctx, filter); err != nil {
			// Half a file must not pass for the whole log: break the
			// response off, so that the browser reports a failed download.
			s.log.Error("audit log download failed", "org", r.org.Slug, "rows", rows, "err", err)
			cw.Flush()
			panic(http.ErrAbortHandler)
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvRecord is one entry as a row of the download.
func csvRecord(e koers.AuditEntry) []string {
	return []string{itoa(e.ID), e.At.In(amsterdam).Format("2006-01-02 15:04:05"), cell(e.Actor), cell(e.Action.Label()),
		cell(e.Document), cell(e.Page), cell(e.Block), cell(e.Before), cell(e.After), cell(e.Address)}
}

// cell keeps a spreadsheet from reading text as a formula (CSV injection):
// text that starts with a character that begins one gets a quote before
// it, and stays text. The quote shows; a reader of the log can live with
// that, not with a formula that runs.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
