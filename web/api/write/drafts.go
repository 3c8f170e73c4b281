package write

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/koers-nl/koers"
	"github.com/koers-nl/koers/bundle"
)

// Draft is the answer about a draft: what it is and where its review is.
type Draft struct {
	ID           int64     `json:"id"`
	Organisation string    `json:"organisation"`
	Slug         string    `json:"slug"`
	Title        string    `json:"title"`
	Kind         string    `json:"kind"`
	Year         int       `json:"year"`
	Version      int64     `json:"version"`
	State        string    `json:"state"`
	StateLabel   string    `json:"state_label"`
	Published    bool      `json:"published"` // a draft of a published document
	UpdatedAt    time.Time `json:"updated_at"`
}

// Published is the answer to a publication.
type Published struct {
	Organisation string `json:"organisation"`
	Slug         string `json:"slug"`
	Title        string `json:"title"`
	Year         int    `json:"year"`
}

func draftOf(org *koers.Organisation, d *koers.Draft) Draft {
	state := d.Review.State
	if state == "" {
		state = koers.Concept
	}
	return Draft{ID: d.ID, Organisation: org.Slug, Slug: d.Document.Slug, Title: d.Document.Title, Kind: string(d.Document.Kind),
		Year: d.Document.Year, Version: d.Version, State: string(state), StateLabel: state.Label(), Published: d.DocumentID != 0,
		UpdatedAt: d.UpdatedAt}
}

// findDraft returns the draft of the address's document, or nil.
func (s *Server) findDraft(c *call) (*koers.Draft, error) {
	list, err := s.store.Drafts(c.r.Context(), c.org.ID)
	if err != nil {
		return nil, err
	}
	for _, d := range list {
		if d.Slug == c.slug {
			return s.store.Draft(c.r.Context(), d.ID)
		}
	}
	return nil, nil
}

// mustDraft is findDraft with ENOTFOUND for none.
func (s *Server) mustDraft(c *call) (*koers.Draft, error) {
	d, err := s.findDraft(c)
	if err == nil && d == nil {
		err = koers.Errorf(koers.ENOTFOUND, "Het document %q heeft geen concept.", c.slug)
	}
	return d, err
}

// open refuses a change of a draft that is in review or approved: the
// program would silently undo a beoordelaar's work.
func open(d *koers.Draft) error {
	if st := d.Review.State; st == koers.InReview || st == koers.Approved {
		return koers.Errorf(koers.ECONFLICT, "Het concept is %s; het kan pas weer worden gewijzigd als het is teruggestuurd of heropend.", strings.ToLower(st.Label()))
	}
	return nil
}

// readBody reads the request's body up to MaxBody. A longer one is
// refused in Dutch (413, by the wrapped *http.MaxBytesError), not as a
// failure of ours.
func readBody(c *call, w http.ResponseWriter) ([]byte, error) {
	data, err := io.ReadAll(http.MaxBytesReader(w, c.r.Body, MaxBody))
	if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
		return nil, &koers.Error{Code: koers.EINVALID, Err: err,
			Message: fmt.Sprintf("Het verzoek is te groot: hoogstens %d MB.", MaxBody>>20)}
	}
	return data, err
}

// BodyLimit is the bound of a request's body for httpx.Options.BodyLimit:
// MaxBody for the PUT of a bundle, 0 (the server's small default) for
// everything else.
func BodyLimit(r *http.Request) int64 {
	if r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/api/v1/organisaties/") && strings.HasSuffix(r.URL.Path, "/concept") {
		return MaxBody
	}
	return 0
}

// putDraft makes a bundle the draft of the document: a new draft, or the
// whole content of the one there is.
func (s *Server) putDraft(c *call) (answer, error) {
	data, err := readBody(c, c.w)
	if err != nil {
		return answer{}, err
	}
	file := c.slug + ".json"
	b, err := bundle.Decode(file, data)
	if err != nil {
		return answer{}, bundleProblems(err)
	}
	org, doc := b.Domain()
	if org.Slug != c.org.Slug {
		return answer{}, &problemsError{message: "De bundel hoort niet bij deze organisatie.", problems: []Problem{{Pointer: "/organisation/slug",
			Message: fmt.Sprintf("Deze bundel is van de organisatie %q, niet van %s.", org.Slug, c.org.Name)}}}
	}
	if doc.Slug != c.slug {
		return answer{}, &problemsError{message: "De bundel is van een ander document dan het adres noemt.", problems: []Problem{{Pointer: "/document/slug",
			Message: fmt.Sprintf("Deze bundel is van het document %q, niet van %q.", doc.Slug, c.slug)}}}
	}
	ctx := c.r.Context()
	d, err := s.findDraft(c)
	if err != nil {
		return answer{}, err
	}
	if d != nil {
		if err := open(d); err != nil {
			return answer{}, err
		}
		d, err = s.store.ChangeDraft(ctx, d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
			if err := open(d); err != nil {
				return koers.DraftChange{}, err
			}
			keys := d.Replace(doc)
			return koers.DraftChange{Action: koers.AuditUpload, Keys: keys, After: "API: " + file}, nil
		})
		if err != nil {
			return answer{}, err
		}
		return answer{http.StatusOK, draftOf(c.org, d)}, nil
	}
	published, err := s.store.DocumentBySlug(ctx, c.org.ID, doc.Slug)
	switch {
	case err == nil:
		doc.ID, doc.UpdatedAt = published.ID, published.UpdatedAt
	case koers.ErrorCode(err) != koers.ENOTFOUND:
		return answer{}, err
	}
	d = koers.NewDraft(c.org.ID, doc, published != nil)
	if err := s.store.StartDraft(ctx, d, koers.DraftChange{Action: koers.AuditUpload, After: "API: " + file}); err != nil {
		return answer{}, err
	}
	return answer{http.StatusCreated, draftOf(c.org, d)}, nil
}

// bundleProblems turns a bundle's *bundle.Error into the problems of the
// answer, each as `koers check` and the back office's upload name it.
func bundleProblems(err error) error {
	var be *bundle.Error
	if !errors.As(err, &be) {
		return koers.Errorf(koers.EINVALID, "De bundel kon niet worden gelezen: %s", koers.ErrorMessage(err))
	}
	out := &problemsError{message: fmt.Sprintf("De bundel voldoet niet aan het formaat (%d %s).", len(be.Problems),
		map[bool]string{true: "probleem", false: "problemen"}[len(be.Problems) == 1])}
	for _, p := range be.Problems {
		ptr := p.Pointer
		if ptr == "" {
			ptr = "/"
		}
		out.problems = append(out.problems, Problem{File: be.File, Line: p.Line, Column: p.Column, Pointer: p.Pointer, Message: p.Message,
			Text: fmt.Sprintf("%s:%d:%d: %s: %s", be.File, p.Line, p.Column, ptr, p.Message)})
	}
	return out
}

// patchValues sets indicator values of the draft in one change.
func (s *Server) patchValues(c *call) (answer, error) {
	data, err := readBody(c, c.w)
	if err != nil {
		return answer{}, err
	}
	updates, ps := DecodeValues(data)
	if len(ps) > 0 {
		return answer{}, &problemsError{message: fmt.Sprintf("De waarden zijn niet verwerkt (%d %s).", len(ps),
			map[bool]string{true: "probleem", false: "problemen"}[len(ps) == 1]), problems: ps}
	}
	d, err := s.mustDraft(c)
	if err != nil {
		return answer{}, err
	}
	if err := open(d); err != nil {
		return answer{}, err
	}
	d, err = s.store.ChangeDraft(c.r.Context(), d.ID, func(d *koers.Draft) (koers.DraftChange, error) {
		if err := open(d); err != nil {
			return koers.DraftChange{}, err
		}
		keys, ps := koers.UpdateValues(d.Document, updates)
		if len(ps) > 0 {
			return koers.DraftChange{}, valueProblems(ps)
		}
		return koers.DraftChange{Action: koers.AuditDraftChange, Keys: keys, After: valueSummary(updates)}, nil
	})
	if err != nil {
		return answer{}, err
	}
	return answer{http.StatusOK, draftOf(c.org, d)}, nil
}

// valueProblems places the domain's problems of updates in the body.
func valueProblems(ps koers.Problems) error {
	out := &problemsError{message: fmt.Sprintf("De waarden zijn niet verwerkt (%d %s).", len(ps),
		map[bool]string{true: "probleem", false: "problemen"}[len(ps) == 1])}
	for _, p := range ps {
		ptr := "/values"
		for _, part := range p.Path {
			ptr += fmt.Sprintf("/%v", part)
		}
		out.problems = append(out.problems, Problem{Pointer: ptr, Message: p.Message})
	}
	return out
}

// valueSummary is the audit log's short account of the updates.
func valueSummary(updates []koers.ValueUpdate) string {
	var parts []string
	for i, u := range updates {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("en nog %d", len(updates)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d %s", u.Key, u.Year, u.Kind))
	}
	return "API: " + strings.Join(parts, ", ")
}

// submit offers the draft for review.
func (s *Server) submit(c *call) (answer, error) {
	d, err := s.mustDraft(c)
	if err != nil {
		return answer{}, err
	}
	d, err = s.store.StepDraft(c.r.Context(), d.ID, koers.Submit, nil)
	if err != nil {
		return answer{}, err
	}
	return answer{http.StatusOK, draftOf(c.org, d)}, nil
}

// decodePublish reads the optional body of a publication: its note.
func decodePublish(data []byte) (string, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return "", nil
	}
	var body struct {
		Note string `json:"note"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil || dec.More() {
		return "", &problemsError{message: "De publicatie is niet verwerkt (1 probleem).", problems: []Problem{{Pointer: "",
			Message: "Het verzoek is leeg of een JSON-object met een toelichting (note)."}}}
	}
	if err := koers.ValidateNote(body.Note); err != nil {
		return "", &problemsError{message: "De publicatie is niet verwerkt (1 probleem).", problems: []Problem{{Pointer: "/note", Message: koers.ErrorMessage(err)}}}
	}
	return body.Note, nil
}

// publish publishes an approved draft now.
func (s *Server) publish(c *call) (answer, error) {
	data, err := readBody(c, c.w)
	if err != nil {
		return answer{}, err
	}
	note, err := decodePublish(data)
	if err != nil {
		return answer{}, err
	}
	d, err := s.mustDraft(c)
	if err != nil {
		return answer{}, err
	}
	if err := d.Review.Publishable(c.user, c.org); err != nil {
		return answer{}, err
	}
	doc, err := s.store.Publish(c.r.Context(), d.ID, note)
	if err != nil {
		return answer{}, err
	}
	s.published()
	return answer{http.StatusOK, Published{Organisation: c.org.Slug, Slug: doc.Slug, Title: doc.Title, Year: doc.Year}}, nil
}
