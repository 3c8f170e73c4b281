package main

import (
	"fmt"
	"os"

	"github.com/koers-nl/koers/pdf/pdfcheck"
)

func main() {
	data, _ := os.ReadFile(os.Args[1])
	d, err := pdfcheck.Read(data)
	if err != nil {
		fmt.Println("err", err)
		return
	}
	fmt.Printf("version %s lang %q marked %v ddt %v title %q xmp %d tree %v warnings %q\n", d.Version, d.Lang, d.Marked, d.DisplayDocTitle, d.InfoTitle, len(d.XMP), d.Tree, d.Warnings)
	for _, e := range d.Elements {
		fmt.Printf("%s %q alt=%q kids=%d attrs=%v\n", e.Path, e.Type, e.Alt, len(e.Kids), e.Attrs)
	}
	for _, p := range d.Pages {
		fmt.Printf("page %d sp=%d tabs=%s err=%q untagged=%d\n", p.Number, p.StructParents, p.Tabs, p.ContentError, len(p.Untagged))
		for _, m := range p.Marked {
			fmt.Printf("  %s mcid=%d art=%v %s/%s paints=%v %q\n", m.Tag, m.MCID, m.Artifact, m.Type, m.Subtype, m.Paints, m.Text)
		}
		for _, a := range p.Annots {
			fmt.Printf("  annot %+v\n", *a)
		}
		for _, u := range p.Untagged {
			fmt.Printf("  untagged %+v\n", u)
		}
	}
	for _, f := range d.Fonts {
		fmt.Printf("font %d %s %s emb=%v tu=%v used=%d unmapped=%v\n", f.Obj, f.BaseFont, f.Subtype, f.Embedded, f.ToUnicode, f.Used, f.Unmapped)
	}
	for k, v := range d.ParentTree {
		fmt.Println("pt", k, v.Array, len(v.Elems), v.Elem)
	}
	fmt.Println(d.Outline)
	if len(os.Args) > 2 {
		for _, p := range pdfcheck.Check(d) {
			fmt.Println("PROBLEM", p)
		}
	}
}

func init() {
	if len(os.Args) > 2 && os.Args[2] == "order" {
		data, _ := os.ReadFile(os.Args[1])
		d, _ := pdfcheck.Read(data)
		fmt.Println(pdfcheck.TreeText(d))
		txt, _ := os.ReadFile(os.Args[3])
		fmt.Println("DIVERGENCE:", pdfcheck.CompareOrder(d, string(txt)))
		for _, r := range pdfcheck.Roles(d) {
			fmt.Println("ROLE", r)
		}
		os.Exit(0)
	}
}
