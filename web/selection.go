package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/httpx"
	"github.com/koers-nl/koers/web/httpcache"
	"github.com/koers-nl/koers/web/urls"
)

// The reader's selection lives on the server, under a random token in a
// cookie: no login, no personal data, and it works without JavaScript.
const selectionCookie = "koers_selectie"

// selectionToken returns the reader's token, or "" when they have none.
func selectionToken(r *http.Request) string {
	c, err := r.Cookie(selectionCookie)
	if err != nil || len(c.Value) != 32 {
		return ""
	}
	if _, err := hex.DecodeString(c.Value); err != nil {
		return ""
	}
	return c.Value
}

// ensureToken returns the reader's token, giving them one if needed.
func ensureToken(w http.ResponseWriter, r *http.Request) string {
	if t := selectionToken(r); t != "" {
		return t
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	t := hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{
		Name: selectionCookie, Value: t, Path: "/", MaxAge: int(koers.SelectionLifetime.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
	return t
}

// selectPage adds a page to the reader's selection or removes it, then
// sends them back where they came from.
func (s *Server) selectPage(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, &koers.Error{Code: koers.EINVALID, Message: "Het formulier kon niet worden gelezen.", Err: err})
		return
	}
	id, err := strconv.ParseInt(r.PostForm.Get("pagina"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, koers.Errorf(koers.EINVALID, "Geen geldige pagina gekozen."))
		return
	}
	add := true
	switch r.PostForm.Get("actie") {
	case "", "toevoegen":
	case "verwijderen":
		add = false
	default:
		s.fail(w, r, koers.Errorf(koers.EINVALID, "Onbekende actie %q.", r.PostForm.Get("actie")))
		return
	}
	if add {
		// A token the store holds nothing under starts a selection, made up
		// or not: those are limited per client.
		fresh := true
		if t := selectionToken(r); t != "" {
			ids, err := s.selections.Selection(r.Context(), t)
			if err != nil {
				s.fail(w, r, err)
				return
			}
			fresh = len(ids) == 0
		}
		if fresh && !s.newSelections.allow(s.clientAddress(r)) {
			s.tooMany(w, r)
			return
		}
	}
	token := ensureToken(w, r)
	if err := s.selections.Select(r.Context(), token, id, add); err != nil {
		s.fail(w, r, err)
		return
	}
	// Back where the reader came from, if that is on this site.
	httpx.Redirect(w, r, r.PostForm.Get("terug"), "/selectie", http.StatusSeeOther)
}

func (s *Server) clearSelection(w http.ResponseWriter, r *http.Request) {
	if t := selectionToken(r); t != "" {
		if err := s.selections.ClearSelection(r.Context(), t); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	httpx.Redirect(w, r, "/selectie", "/", http.StatusSeeOther)
}

type selectionPage struct {
	layout
	Pages  []selectionItem
	PDFURL string
	Max    int
}

type selectionItem struct {
	ID       int64
	Title    string
	Document string
	URL      string
}

// selection shows the reader's chosen pages in document order.
func (s *Server) selection(w http.ResponseWriter, r *http.Request) {
	data := selectionPage{layout: layout{Title: "Zelf je pdf samenstellen"}, Max: koers.MaxSelection}
	if t := selectionToken(r); t != "" {
		ids, err := s.selections.Selection(r.Context(), t)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		pages, err := s.pub.PagesByID(r.Context(), ids, false)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var list []string
		for _, p := range pages {
			data.Pages = append(data.Pages, selectionItem{ID: p.Page.ID, Title: p.Page.Title, Document: p.Document.Title,
				URL: urls.Page(p.Organisation, p.Document, p.Page)})
			list = append(list, strconv.FormatInt(p.Page.ID, 10))
			if data.Org == nil {
				data.Org, data.OrgURL = p.Organisation, urls.Organisation(p.Organisation)
			}
		}
		if len(list) > 0 {
			data.PDFURL = "/pdf?pages=" + strings.Join(list, ",")
		}
	}
	res, err := s.tmpl.html(http.StatusOK, "selection", data)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "private, no-store")
	res.Write(w, r)
}

// personalise shows a reader with a selection their own count and the
// right button, in a copy of the cached page: the page itself is rendered
// once for everyone.
func (s *Server) personalise(r *http.Request, res *httpcache.Response) *httpcache.Response {
	token := selectionToken(r)
	controls, _ := res.Meta.(*pdfControls)
	if controls == nil || token == "" {
		return res
	}
	ids, err := s.selections.Selection(r.Context(), token)
	if err != nil || len(ids) == 0 {
		return res
	}
	mine := *controls
	mine.Selected = len(ids)
	for _, id := range ids {
		if id == mine.PageID {
			mine.InSelection = true
		}
	}
	var before, after bytes.Buffer
	t := s.tmpl["page"]
	if t.ExecuteTemplate(&before, "pdf-controls", controls) != nil || t.ExecuteTemplate(&after, "pdf-controls", &mine) != nil {
		return res
	}
	body := bytes.Replace(res.Body, before.Bytes(), after.Bytes(), 1)
	out := httpcache.New(res.Status, res.ContentType, body)
	out.Private = true
	return out
}

// tooMany answers a client that started too many selections in a short
// time.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", strconv.Itoa(int(selectionInterval.Seconds())))
	res, err := s.tmpl.html(http.StatusTooManyRequests, "notfound", notFoundPage{
		layout:  layout{Title: "Even geduld"},
		Heading: "Even geduld",
		Message: "Vanaf uw adres zijn in korte tijd veel selecties begonnen. Probeer het over een minuut opnieuw.",
	})
	if err != nil {
		httpx.Plain(w, http.StatusTooManyRequests, "Probeer het over een minuut opnieuw.")
		return
	}
	res.Write(w, r)
}
