package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"path"

	"github.com/koers-nl/koers/web/httpcache"
)

//go:embed all:templates
var templateFS embed.FS

// pageTemplates are the page types; each is the layout and partials plus
// the page's own "main" block.
var pageTemplates = []string{"home", "organisation", "document", "page", "notfound", "selection", "full", "indicator", "indicators", "search", "cycle", "overview", "trajectory", "versions", "changes"}

type templates map[string]*template.Template

func loadTemplates(a *assets) (templates, error) {
	funcs := template.FuncMap{"asset": a.URL, "goalAnchor": goalAnchor}
	partials, err := fs.Glob(templateFS, "templates/_partials/*.html")
	if err != nil {
		return nil, err
	}
	base, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, append([]string{"templates/layout.html"}, partials...)...)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	t := templates{}
	for _, name := range pageTemplates {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if t[name], err = clone.ParseFS(templateFS, path.Join("templates", name+".html")); err != nil {
			return nil, fmt.Errorf("parse %s: %w", name, err)
		}
	}
	return t, nil
}

// html renders a page type into a response; nothing is written to the
// client until the whole page rendered.
func (t templates) html(status int, name string, data any) (*httpcache.Response, error) {
	tmpl, ok := t[name]
	if !ok {
		return nil, fmt.Errorf("render: no template %q", name)
	}
	var buf bytes.Buffer
	if err := tmpl.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return httpcache.New(status, "text/html; charset=utf-8", buf.Bytes()), nil
}
