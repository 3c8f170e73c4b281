package storetest

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/koers-nl/koers"
)

// testChurn re-imports a document whose pages appear and disappear while
// readers read. Every read must succeed and see the old or the new document
// whole, never a tree from one and content from the other.
func testChurn(t *testing.T, s koers.Store) {
	with := Begroting2022
	without := func() *koers.Document { // sub-programme 1A gone
		d := Begroting2022()
		prog := d.Pages[0].Children[0]
		prog.Children = prog.Children[1:]
		return d
	}
	org := Leiderdorp()
	want := map[string]string{}
	for name, v := range map[string]func() *koers.Document{"without": without, "with": with} {
		d := v()
		MustPut(t, s, org, d)
		got, err := s.Document(ctx(), d.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		want[fingerprint(got)] = name
	}
	if len(want) != 2 {
		t.Fatal("the two versions read back alike; the test would see nothing")
	}
	docID := mustDocumentID(t, s, org)

	const writes = 40
	var wg sync.WaitGroup
	done := make(chan struct{})
	errs := make(chan error, 100)
	report := func(err error) {
		select {
		case errs <- err:
		default:
		}
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := 0; i < writes; i++ {
			v := with
			if i%2 == 0 {
				v = without
			}
			if err := s.PutDocument(ctx(), Leiderdorp(), v()); err != nil {
				report(fmt.Errorf("write %d: %w", i, err))
			}
		}
	}()
	var mu sync.Mutex
	seen := map[string]int{}
	reads := 0
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				var fp string
				switch r % 2 {
				case 0:
					d, err := s.Document(ctx(), docID, true)
					if err != nil {
						report(fmt.Errorf("Document: %w", err))
						continue
					}
					fp = fingerprint(d)
				case 1:
					ins, err := s.Indicators(ctx(), docID)
					if err != nil {
						report(fmt.Errorf("Indicators: %w", err))
						continue
					}
					if _, err := s.Series(ctx(), org.ID, "wmo-maatwerk"); err != nil {
						report(fmt.Errorf("Series: %w", err))
					}
					if _, err := s.PageByPath(ctx(), docID, "beleidsbegroting/programma-1/1c-ondersteunde-inwoners"); err != nil {
						report(fmt.Errorf("PageByPath: %w", err))
					}
					// The indicator list tells the versions apart by 1A's indicator.
					fp = fmt.Sprint(len(ins))
				}
				mu.Lock()
				seen[fp]++
				reads++
				mu.Unlock()
			}
		}(r)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	counts := map[string]bool{}
	for fp := range want {
		counts[fmt.Sprint(strings.Count(fp, "indicator "))] = true
	}
	for fp, n := range seen {
		if _, ok := want[fp]; !ok && !counts[fp] {
			t.Errorf("%d reads saw a document that is neither version:\n%s", n, fp)
		}
	}
	if reads == 0 {
		t.Error("no read ran during the writes")
	}
	t.Logf("%d reads during %d writes", reads, writes)
}

func mustDocumentID(t *testing.T, s koers.Store, org *koers.Organisation) int64 {
	t.Helper()
	d, err := s.DocumentBySlug(ctx(), org.ID, "begroting-2022")
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

// fingerprint describes a document's tree and content, one line per page
// and one per piece of content, so that two reads compare as text.
func fingerprint(d *koers.Document) string {
	var lines []string
	_ = d.Walk(func(p *koers.Page) error {
		lines = append(lines, fmt.Sprintf("page %s %q children=%d blocks=%d", p.Path, p.Title, len(p.Children), len(p.Blocks)))
		for _, g := range p.SmartGoals {
			lines = append(lines, fmt.Sprintf("goal %s %s", p.Path, g.Number))
		}
		for _, a := range p.Activities {
			lines = append(lines, fmt.Sprintf("activity %s %s", p.Path, a.Number))
		}
		for _, in := range p.Indicators {
			lines = append(lines, fmt.Sprintf("indicator %s %s values=%d", p.Path, in.Key, len(in.Values)))
		}
		return nil
	})
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
