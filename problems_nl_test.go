package koers

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// sources type-checks the package's non-test files, so that the tests
// below find every format and label a problem is made from.
func sources(t *testing.T) (*token.FileSet, []*ast.File, *types.Info, *types.Package) {
	t.Helper()
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/koers-nl/koers", fset, files, info)
	if err != nil {
		t.Fatal(err)
	}
	return fset, files, info, pkg
}

// formatSource is where a problem's format is made.
type formatSource struct {
	pos    token.Position
	format string
}

// usedFormats returns every format a problem or message is made from:
// the format argument of checker.at, problemAt and newMessage, and the
// format of a message literal. It fails for one that is not a constant,
// and for a Problem made with a Message outside the constructors.
func usedFormats(t *testing.T) ([]formatSource, map[fieldLabel]bool) {
	fset, files, info, pkg := sources(t)
	formatArg := map[types.Object]int{
		pkg.Scope().Lookup("problemAt"):  1,
		pkg.Scope().Lookup("newMessage"): 0,
	}
	checker := pkg.Scope().Lookup("checker").Type().(*types.Named)
	for i := 0; i < checker.NumMethods(); i++ {
		if m := checker.Method(i); m.Name() == "at" {
			formatArg[m] = 1
		}
	}
	if len(formatArg) != 3 {
		t.Fatalf("found %d constructors of problems, want 3 (checker.at, problemAt, newMessage)", len(formatArg))
	}
	labelType := pkg.Scope().Lookup("fieldLabel").Type()
	messageType := pkg.Scope().Lookup("message").Type()
	problemType := pkg.Scope().Lookup("Problem").Type()
	var found []formatSource
	constString := func(e ast.Expr, what string) {
		tv := info.Types[e]
		if tv.Value == nil || tv.Value.Kind() != constant.String {
			t.Errorf("%s: the %s is not a constant string, so the Dutch catalogue cannot hold it", fset.Position(e.Pos()), what)
			return
		}
		found = append(found, formatSource{fset.Position(e.Pos()), constant.StringVal(tv.Value)})
	}
	labels := map[fieldLabel]bool{}
	for _, f := range files {
		file := fset.Position(f.Pos()).Filename
		for _, d := range f.Decls {
			// The constructors themselves pass formats on.
			if fd, ok := d.(*ast.FuncDecl); ok && isConstructor(fd, info, checker) {
				continue
			}
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					var id *ast.Ident
					switch fn := n.Fun.(type) {
					case *ast.Ident:
						id = fn
					case *ast.SelectorExpr:
						id = fn.Sel
					}
					if i, ok := formatArg[info.Uses[id]]; ok && id != nil {
						constString(n.Args[i], "format of "+id.Name)
					}
				case *ast.CompositeLit:
					switch tv := info.Types[n]; {
					case types.Identical(tv.Type, messageType):
						for _, e := range n.Elts {
							if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == "format" {
								constString(kv.Value, "format of a message")
							}
						}
					case types.Identical(tv.Type, problemType):
						for _, e := range n.Elts {
							kv, ok := e.(*ast.KeyValueExpr)
							// User.Validate, APIToken.Validate, the editor's forms and the
							// register speak only Dutch already.
							if ok && kv.Key.(*ast.Ident).Name == "Message" && !dutchOnly(file) {
								t.Errorf("%s: a Problem with a Message of its own has no Dutch; use checker.at or problemAt", fset.Position(n.Pos()))
							}
						}
					}
				case ast.Expr:
					if tv := info.Types[n]; tv.Value != nil && types.Identical(tv.Type, labelType) {
						labels[fieldLabel(constant.StringVal(tv.Value))] = true
					}
				}
				return true
			})
		}
	}
	return found, labels
}

// isConstructor reports whether fd is problemAt, newMessage or checker's
// at or add, which make problems of the formats they are given, or
// untranslated, whose messages have no Dutch.
func isConstructor(fd *ast.FuncDecl, info *types.Info, checker *types.Named) bool {
	switch fd.Name.Name {
	case "problemAt", "newMessage", "untranslated":
		return fd.Recv == nil
	case "at", "add":
		sig := info.Defs[fd.Name].Type().(*types.Signature)
		if sig.Recv() == nil {
			return false
		}
		ptr, ok := sig.Recv().Type().(*types.Pointer)
		return ok && types.Identical(ptr.Elem(), checker)
	}
	return false
}

func TestDutchCatalogueCoversEveryFormat(t *testing.T) {
	found, labels := usedFormats(t)
	if len(found) < 150 {
		t.Errorf("found only %d formats; the search misses calls", len(found))
	}
	used := map[string]bool{}
	for _, s := range found {
		used[s.format] = true
		if _, ok := dutchFormats[s.format]; !ok {
			t.Errorf("%s: format %q has no Dutch in dutchFormats", s.pos, s.format)
		}
	}
	for format := range dutchFormats {
		if !used[format] {
			t.Errorf("dutchFormats has %q, which no problem is made from", format)
		}
	}
	if len(labels) < 30 {
		t.Errorf("found only %d labels; the search misses some", len(labels))
	}
	for l := range labels {
		if _, ok := dutchLabels[l]; !ok {
			t.Errorf("label %q has no Dutch in dutchLabels", l)
		}
	}
	for l := range dutchLabels {
		if !labels[l] {
			t.Errorf("dutchLabels has %q, which no problem uses", l)
		}
	}
}

// verb is one fmt verb of a format: the argument it prints and how.
type verb struct {
	arg  int    // from 0
	spec string // flags, width, precision and verb, without an index
}

// verbs parses the verbs of a format as fmt reads them; it reports false
// for what fmt would print as %!.
func verbs(format string) ([]verb, bool) {
	var out []verb
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		var spec strings.Builder
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			spec.WriteByte(format[i])
			i++
		}
		index := func() bool {
			if i < len(format) && format[i] == '[' {
				end := strings.IndexByte(format[i:], ']')
				var n int
				if end < 0 {
					return false
				}
				if _, err := fmt.Sscanf(format[i+1:i+end], "%d", &n); err != nil || n < 1 {
					return false
				}
				arg = n - 1
				i += end + 1
			}
			return true
		}
		if !index() {
			return nil, false
		}
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.') {
			spec.WriteByte(format[i])
			i++
		}
		if !index() || i >= len(format) {
			return nil, false
		}
		if format[i] == '%' {
			if spec.Len() > 0 {
				return nil, false
			}
			continue
		}
		spec.WriteByte(format[i])
		out = append(out, verb{arg, spec.String()})
		arg++
	}
	return out, true
}

// byArg is each argument's verbs, sorted.
func byArg(vs []verb) map[int][]string {
	out := map[int][]string{}
	for _, v := range vs {
		out[v.arg] = append(out[v.arg], v.spec)
	}
	for _, s := range out {
		slices.Sort(s)
	}
	return out
}

func TestDutchFormatsHaveTheEnglishVerbs(t *testing.T) {
	for en, nl := range dutchFormats {
		ev, ok := verbs(en)
		if !ok {
			t.Errorf("English %q: a verb does not parse", en)
			continue
		}
		nv, ok := verbs(nl)
		if !ok {
			t.Errorf("Dutch of %q: a verb does not parse: %q", en, nl)
			continue
		}
		if e, n := byArg(ev), byArg(nv); !reflect.DeepEqual(e, n) {
			t.Errorf("Dutch of %q prints its arguments as %v, the English as %v", en, n, e)
			continue
		}
		// Sprintf itself with an argument of each verb's kind: nothing
		// missing, nothing extra.
		args := make([]any, len(byArg(ev)))
		for _, v := range ev {
			switch v.spec[len(v.spec)-1] {
			case 'd':
				args[v.arg] = 7
			case 'f':
				args[v.arg] = 4.5
			default:
				args[v.arg] = "x"
			}
		}
		for _, s := range []string{fmt.Sprintf(en, args...), fmt.Sprintf(nl, args...)} {
			if strings.Contains(s, "%!") {
				t.Errorf("Dutch of %q: Sprintf prints %q", en, s)
			}
		}
		if strings.TrimSpace(nl) == "" || nl == en {
			t.Errorf("Dutch of %q is %q", en, nl)
		}
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []verb
		ok     bool
	}{
		{"plain", nil, true},
		{"a %s and %q, 100%%", []verb{{0, "s"}, {1, "q"}}, true},
		{"%.1f:1 %d", []verb{{0, ".1f"}, {1, "d"}}, true},
		{"%[2]q then %[1]s", []verb{{1, "q"}, {0, "s"}}, true},
		{"%[2]d %d", []verb{{1, "d"}, {2, "d"}}, true},
		{"%.50s", []verb{{0, ".50s"}}, true},
		{"%[0]s", nil, false},
		{"ends in %", nil, false},
	}
	for _, tt := range tests {
		got, ok := verbs(tt.format)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("verbs(%q) = %v, %v; want %v, %v", tt.format, got, ok, tt.want, tt.ok)
		}
	}
}

// dutchOnly reports whether a file's problems are for the back office
// alone and written in Dutch: the accounts and the editor's forms.
func dutchOnly(file string) bool {
	// The register speaks to its own users, in the back office and on the
	// command line, in Dutch.
	return file == "account.go" || file == "apitoken.go" || strings.HasPrefix(file, "edit") ||
		strings.HasPrefix(file, "register") || file == "countrule.go"
}
