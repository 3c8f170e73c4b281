package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/koers-nl/koers/web/httpcache"
)

//go:embed static
var staticFS embed.FS

// assets serves the embedded static files under content-hashed names, so
// that browsers may keep them forever and a changed file gets a new URL.
type assets struct {
	urls  map[string]string              // "koers.css" -> "/static/koers.1a2b3c4d.css"
	files map[string]*httpcache.Response // "koers.1a2b3c4d.css" -> its response
}

func loadAssets() (*assets, error) {
	a := &assets{urls: map[string]string{}, files: map[string]*httpcache.Response{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		ctype := mime.TypeByExtension(ext)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.urls[name] = "/static/" + hashed
		a.files[hashed] = httpcache.New(http.StatusOK, ctype, body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	return a, nil
}

// URL returns the hashed URL of a static file; templates call it as
// {{asset "koers.css"}}.
func (a *assets) URL(name string) (string, error) {
	u, ok := a.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request) bool {
	f, ok := a.files[r.PathValue("file")]
	if !ok {
		return false
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	f.Write(w, r)
	return true
}

// AssetURL returns the content-hashed URL of a static file, for the back
// office, whose style sheet the site serves with its own.
func (s *Server) AssetURL(name string) (string, error) { return s.assets.URL(name) }
