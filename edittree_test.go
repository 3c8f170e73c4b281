package koers_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/koers-nl/koers"
)

// treeDoc is a small draft document: pages with keys 1 to 4.
//
//	1 hoofdstuk
//	  2 programma-1
//	    3 1a-jeugd
//	4 bijlagen
func treeDoc() *koers.Document {
	doc := &koers.Document{Kind: koers.Begroting, Year: 2022, Title: "Begroting 2022", Slug: "begroting-2022", Pages: []*koers.Page{
		{ID: 1, Kind: koers.Chapter, Title: "Hoofdstuk", Slug: "hoofdstuk", Children: []*koers.Page{
			{ID: 2, Kind: koers.Programme, Number: "1", Title: "Programma 1", Slug: "programma-1", Children: []*koers.Page{
				{ID: 3, Kind: koers.SubProgramme, Number: "1A", Title: "1A: Jeugd", Slug: "1a-jeugd"},
			}},
		}},
		{ID: 4, Kind: koers.PlainPage, Title: "Bijlagen", Slug: "bijlagen"},
	}}
	doc.SetPaths()
	return doc
}

// paths lists the document's pages as "key path" in reading order.
func paths(doc *koers.Document) string {
	var out []string
	_ = doc.Walk(func(p *koers.Page) error {
		out = append(out, strings.Repeat(" ", strings.Count(p.Path, "/"))+p.Path+"#"+itoa(p.ID))
		return nil
	})
	return strings.Join(out, "\n")
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestTreeOperations(t *testing.T) {
	org := &koers.Organisation{Slug: "o", Name: "O"}
	tests := []struct {
		name     string
		setup    func(doc *koers.Document)
		op       func(doc *koers.Document) ([]int64, error)
		keys     []int64
		code     string
		message  string
		wantTree string
	}{
		{
			name: "add at the top, slug from the title",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: koers.PlainPage, Title: "Één woord"}, 1, 5)
			},
			keys:     []int64{5},
			wantTree: "hoofdstuk#1\n hoofdstuk/programma-1#2\n  hoofdstuk/programma-1/1a-jeugd#3\neen-woord#5\nbijlagen#4",
		},
		{
			name: "add under a page, a taken slug made unique",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 2, koers.NewPage{Kind: koers.SubProgramme, Number: "1B", Title: "1A jeugd"}, 99, 5)
			},
			keys:     []int64{5},
			wantTree: "hoofdstuk#1\n hoofdstuk/programma-1#2\n  hoofdstuk/programma-1/1a-jeugd#3\n  hoofdstuk/programma-1/1a-jeugd-2#5\nbijlagen#4",
		},
		{
			name: "add with a slug that is taken",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: koers.PlainPage, Title: "X", Slug: "bijlagen"}, 0, 5)
			},
			code: koers.EINVALID, message: `De pagina "Bijlagen" op hetzelfde niveau heeft al het webadres "bijlagen".`,
		},
		{
			name: "add with a bad slug",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: koers.PlainPage, Title: "X", Slug: "Met Spatie"}, 0, 5)
			},
			code: koers.EINVALID, message: `Het webadres "Met Spatie" mag alleen kleine letters en cijfers bevatten, in groepjes met een streepje ertussen.`,
		},
		{
			name: "add without a title",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: koers.PlainPage, Title: "  "}, 0, 5)
			},
			code: koers.EINVALID, message: "Geef de pagina een titel.",
		},
		{
			name: "add of an unknown kind",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: "boek", Title: "X"}, 0, 5)
			},
			code: koers.EINVALID, message: "Kies het soort pagina: hoofdstuk, programma, deelprogramma of pagina.",
		},
		{
			name: "add under a page that is gone",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 9, koers.NewPage{Kind: koers.PlainPage, Title: "X"}, 0, 5)
			},
			code: koers.ENOTFOUND, message: "De pagina 9 bestaat niet (meer) in dit concept.",
		},
		{
			name: "add with a key in use",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.AddPage(d, 0, koers.NewPage{Kind: koers.PlainPage, Title: "X"}, 0, 3)
			},
			code: koers.EINVALID, message: "De sleutel 3 van de nieuwe pagina is al in gebruik.",
		},
		{
			name: "rename changes the paths below",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.RenamePage(d, 2, koers.NewPage{Kind: koers.Programme, Number: "1", Title: "Programma 1: Meedoen"})
			},
			keys:     []int64{2, 3},
			wantTree: "hoofdstuk#1\n hoofdstuk/programma-1-meedoen#2\n  hoofdstuk/programma-1-meedoen/1a-jeugd#3\nbijlagen#4",
		},
		{
			name: "rename keeps the kind when none is given",
			op: func(d *koers.Document) ([]int64, error) {
				keys, err := koers.RenamePage(d, 4, koers.NewPage{Title: "Bijlage", Slug: "bijlage"})
				if d.Pages[1].Kind != koers.PlainPage {
					return nil, koers.Errorf(koers.EINTERNAL, "kind %q", d.Pages[1].Kind)
				}
				return keys, err
			},
			keys:     []int64{4},
			wantTree: "hoofdstuk#1\n hoofdstuk/programma-1#2\n  hoofdstuk/programma-1/1a-jeugd#3\nbijlage#4",
		},
		{
			name: "rename to a title with a NUL",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.RenamePage(d, 4, koers.NewPage{Title: "a\x00b"})
			},
			code: koers.EINVALID, message: "De titel bevat een NUL-teken.",
		},
		{
			name: "rename to a sibling's slug",
			op: func(d *koers.Document) ([]int64, error) {
				return koers.RenamePage(d, 4, koers.NewPage{Kind: koers.PlainPage, Title: "Bijlagen", Slug: "hoofdstuk"})
			},
			code: koers.EINVALID, message: `De pagina "Hoofdstuk" op hetzelfde niveau heeft al het webadres "hoofdstuk".`,
		},
		{
			name:     "move to the top",
			op:       func(d *koers.Document) ([]int64, error) { return koers.MovePage(d, 3, 0, 0) },
			keys:     []int64{3},
			wantTree: "1a-jeugd#3\nhoofdstuk#1\n hoofdstuk/programma-1#2\nbijlagen#4",
		},
		{
			name:     "move a page with its children",
			op:       func(d *koers.Document) ([]int64, error) { return koers.MovePage(d, 2, 4, 0) },
			keys:     []int64{2, 3},
			wantTree: "hoofdstuk#1\nbijlagen#4\n bijlagen/programma-1#2\n  bijlagen/programma-1/1a-jeugd#3",
		},
		{
			name:    "move under itself",
			op:      func(d *koers.Document) ([]int64, error) { return koers.MovePage(d, 1, 3, 0) },
			code:    koers.EINVALID,
			message: "Een pagina kan niet onder zichzelf geplaatst worden.",
		},
		{
			name:    "move too deep",
			setup:   deepen,
			op:      func(d *koers.Document) ([]int64, error) { return koers.MovePage(d, 1, 15, 0) },
			code:    koers.EINVALID,
			message: "Pagina's kunnen niet dieper dan 8 niveaus genest worden.",
		},
		{
			name:     "reorder down",
			op:       func(d *koers.Document) ([]int64, error) { return koers.ReorderPage(d, 1, 1) },
			keys:     []int64{1, 4},
			wantTree: "bijlagen#4\nhoofdstuk#1\n hoofdstuk/programma-1#2\n  hoofdstuk/programma-1/1a-jeugd#3",
		},
		{
			name:    "reorder past the top",
			op:      func(d *koers.Document) ([]int64, error) { return koers.ReorderPage(d, 1, -1) },
			code:    koers.EINVALID,
			message: "De pagina kan niet verder naar boven.",
		},
		{
			name:     "delete with children",
			op:       func(d *koers.Document) ([]int64, error) { return koers.DeletePage(d, 1) },
			keys:     []int64{1, 2, 3},
			wantTree: "bijlagen#4",
		},
		{
			name:    "delete a page that is gone",
			op:      func(d *koers.Document) ([]int64, error) { return koers.DeletePage(d, 7) },
			code:    koers.ENOTFOUND,
			message: "De pagina 7 bestaat niet (meer) in dit concept.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := treeDoc()
			if tt.setup != nil {
				tt.setup(doc)
			}
			before := paths(doc)
			keys, err := tt.op(doc)
			if koers.ErrorCode(err) != tt.code || koers.ErrorMessage(err) != tt.message && tt.code != "" {
				t.Fatalf("error %v (%s); want %s %q", err, koers.ErrorCode(err), tt.code, tt.message)
			}
			if tt.code != "" {
				if got := paths(doc); got != before {
					t.Errorf("a refused operation changed the tree:\n%s", got)
				}
				return
			}
			if !reflect.DeepEqual(keys, tt.keys) {
				t.Errorf("keys %v; want %v", keys, tt.keys)
			}
			if got := paths(doc); got != tt.wantTree {
				t.Errorf("tree\n%s\nwant\n%s", got, tt.wantTree)
			}
			if err := koers.ValidateDocument(org, doc); err != nil {
				t.Errorf("the changed document is invalid: %v", err)
			}
		})
	}
}

// deepen adds a chain of pages under page 4 (keys 10 to 15), seven
// levels deep, where page 1 with its three levels does not fit.
func deepen(d *koers.Document) {
	parent := int64(4)
	for k := int64(10); k <= 15; k++ {
		if _, err := koers.AddPage(d, parent, koers.NewPage{Kind: koers.PlainPage, Title: "Niveau"}, 0, k); err != nil {
			panic(err)
		}
		parent = k
	}
}

func TestBlockOperations(t *testing.T) {
	p := &koers.Page{Blocks: []koers.Block{{Type: koers.TextBlock}, {Type: koers.GoalBlock}}}
	fin, err := koers.StarterBlock(koers.FinanceTableBlock, 2022)
	if err != nil {
		t.Fatal(err)
	}
	if err := koers.AddBlock(p, fin, 1); err != nil {
		t.Fatal(err)
	}
	if err := koers.MoveBlock(p, 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := koers.DeleteBlock(p, 2); err != nil {
		t.Fatal(err)
	}
	var types []koers.BlockType
	for _, b := range p.Blocks {
		types = append(types, b.Type)
	}
	if want := []koers.BlockType{koers.FinanceTableBlock, koers.TextBlock}; !reflect.DeepEqual(types, want) {
		t.Errorf("blocks %v; want %v", types, want)
	}
	for _, tt := range []struct {
		err     error
		code    string
		message string
	}{
		{koers.MoveBlock(p, 0, -1), koers.EINVALID, "Blok 1 kan niet verder naar boven."},
		{koers.DeleteBlock(p, 5), koers.ENOTFOUND, "Blok 6 bestaat niet (meer) op deze pagina."},
		{koers.ReplaceBlock(p, 0, koers.Block{Type: koers.TextBlock}), koers.EINVALID, "Blok 1 is een finance_table-blok, geen text-blok."},
		{koers.AddBlock(p, koers.Block{Type: "video"}, 0), koers.EINVALID, `"video" is geen soort blok.`},
	} {
		if koers.ErrorCode(tt.err) != tt.code || koers.ErrorMessage(tt.err) != tt.message {
			t.Errorf("error %v; want %s %q", tt.err, tt.code, tt.message)
		}
	}
	// Starter blocks that stand on their own hold to the rules.
	doc := treeDoc()
	page := doc.Pages[1]
	for _, bt := range []koers.BlockType{koers.TextBlock, koers.GoalBlock, koers.FinanceTableBlock, koers.ComparisonTableBlock} {
		b, err := koers.StarterBlock(bt, doc.Year)
		if err != nil {
			t.Fatal(err)
		}
		page.Blocks = append(page.Blocks, b)
	}
	if err := koers.ValidateDocument(&koers.Organisation{Slug: "o", Name: "O"}, doc); err != nil {
		t.Errorf("starter blocks: %v", err)
	}
}
