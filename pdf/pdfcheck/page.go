package pdfcheck

import (
	"fmt"
	"strings"
)

// painting are the operators that put marks on the page: text showing,
// path painting (n paints nothing), shading, XObjects and inline images.
var painting = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
	"sh": true, "Do": true, "BI": true,
}

// contentState is the state of one page's content while it is read.
type contentState struct {
	r       *reader
	page    *Page
	stack   []int // indices into page.Marked
	font    *Font
	fonts   []*Font // saved by q
	curY    float64
	drawnY  float64
	drawn   bool
	leading float64
	forms   map[int]bool
	ops     int
	formDos int // forms drawn: a form drawing another many times multiplies
}

// maxOps bounds the operators read for one page, forms included.
const maxOps = 1 << 20

func (r *reader) content(p *Page) {
	f := r.f
	d := r.pageDict[p]
	var parts []Object
	switch c := f.resolve(d["Contents"]).(type) {
	case *Stream:
		parts = []Object{c}
	case Array:
		parts = c
	}
	var data []byte
	for _, o := range parts {
		s, ok := f.resolve(o).(*Stream)
		if !ok {
			continue
		}
		b, err := f.decode(s)
		if err != nil {
			p.ContentError = fmt.Sprintf("content stream: %v", err)
			return
		}
		data = append(append(data, b...), '\n')
	}
	st := &contentState{r: r, page: p, forms: map[int]bool{}}
	if err := st.run(data, f.dict(r.pageRes[p]), 0); err != nil && p.ContentError == "" {
		p.ContentError = err.Error()
	}
	if len(st.stack) > 0 && p.ContentError == "" {
		p.ContentError = fmt.Sprintf("%d marked-content sequences not closed by EMC", len(st.stack))
	}
}

func (st *contentState) run(data []byte, res Dict, depth int) error {
	f := st.r.f
	var err error
	tokErr := tokenize(data, func(op Op) {
		if err != nil {
			return
		}
		st.ops++
		if st.ops > maxOps {
			err = fmt.Errorf("more than %d operators", maxOps)
			return
		}
		err = st.op(op, res, depth)
	})
	if err == nil {
		err = tokErr
	}
	_ = f
	return err
}

func (st *contentState) op(op Op, res Dict, depth int) error {
	f := st.r.f
	p := st.page
	args := op.Args
	switch op.Name {
	case "BMC", "BDC":
		if len(args) < 1 {
			return fmt.Errorf("offset %d: %s without a tag", op.Offset, op.Name)
		}
		m := &Marked{Tag: string(asName(args[0])), MCID: -1, Depth: len(st.stack), Parent: -1, Offset: op.Offset}
		if len(st.stack) > 0 {
			m.Parent = st.stack[len(st.stack)-1]
		}
		if op.Name == "BDC" && len(args) >= 2 {
			var props Dict
			switch v := args[1].(type) {
			case Dict:
				props = v
			case Name:
				props = f.dict(f.dict(res["Properties"])[v])
			}
			m.Props = props
			if n, ok := asInt(f.resolve(props["MCID"])); ok {
				m.MCID = n
			}
			m.Type = string(asName(f.resolve(props["Type"])))
			m.Subtype = string(asName(f.resolve(props["Subtype"])))
		}
		m.Artifact = m.Tag == "Artifact"
		if len(st.stack) > 256 {
			return fmt.Errorf("offset %d: marked content nested deeper than 256", op.Offset)
		}
		st.stack = append(st.stack, len(p.Marked))
		p.Marked = append(p.Marked, m)
	case "EMC":
		if len(st.stack) == 0 {
			return fmt.Errorf("offset %d: EMC without BMC or BDC", op.Offset)
		}
		st.stack = st.stack[:len(st.stack)-1]
	case "q":
		if len(st.fonts) < 1024 {
			st.fonts = append(st.fonts, st.font)
		}
	case "Q":
		if n := len(st.fonts); n > 0 {
			st.font = st.fonts[n-1]
			st.fonts = st.fonts[:n-1]
		}
	case "Tf":
		if len(args) >= 1 {
			st.font = st.r.font(f.dict(res["Font"])[asName(args[0])], p)
		}
	case "BT":
		st.curY = 0
	case "Td", "TD":
		if len(args) == 2 {
			ty, _ := asFloat(args[1])
			st.curY += ty
			if op.Name == "TD" {
				st.leading = -ty
			}
		}
	case "Tm":
		if len(args) == 6 {
			st.curY, _ = asFloat(args[5])
		}
	case "TL":
		if len(args) == 1 {
			st.leading, _ = asFloat(args[0])
		}
	case "T*":
		st.nextLine()
	}
	if !painting[op.Name] {
		return nil
	}
	text := ""
	switch op.Name {
	case "Tj", "'", `"`:
		if op.Name != "Tj" {
			st.nextLine()
		}
		if len(args) > 0 {
			if s, ok := args[len(args)-1].(String); ok {
				text = st.decode(s)
			}
		}
	case "TJ":
		if len(args) > 0 {
			a, _ := args[0].(Array)
			var sb strings.Builder
			for _, e := range a {
				switch v := e.(type) {
				case String:
					sb.WriteString(st.decode(v))
				default:
					// A move right by a third of an em or more reads as a space.
					if x, ok := asFloat(v); ok && x <= -300 && sb.Len() > 0 && !strings.HasSuffix(sb.String(), " ") {
						sb.WriteByte(' ')
					}
				}
			}
			text = sb.String()
		}
	}
	isText := op.Name == "Tj" || op.Name == "TJ" || op.Name == "'" || op.Name == `"`
	newLine := isText && st.drawn && st.curY != st.drawnY
	if isText {
		st.drawn, st.drawnY = true, st.curY
	}
	// Whose content is it: the innermost artifact, or else the innermost
	// sequence with an MCID.
	owner := -1
	for i := len(st.stack) - 1; i >= 0; i-- {
		if p.Marked[st.stack[i]].Artifact {
			owner = st.stack[i]
			break
		}
	}
	if owner < 0 {
		for i := len(st.stack) - 1; i >= 0; i-- {
			if p.Marked[st.stack[i]].MCID >= 0 {
				owner = st.stack[i]
				break
			}
		}
	}
	if owner < 0 {
		if len(p.Untagged) < 1000 {
			p.Untagged = append(p.Untagged, Untagged{Op: op.Name, Offset: op.Offset, Text: text})
		}
	} else {
		m := p.Marked[owner]
		m.Paints = true
		if newLine && m.Text != "" && !strings.HasSuffix(m.Text, " ") {
			m.Text += " "
		}
		if len(m.Text) < 1<<20 {
			m.Text += text
		}
	}
	if op.Name == "Do" && len(args) == 1 && depth < 8 {
		// A form's content draws in the context of its Do.
		ref, _ := f.dict(res["XObject"])[asName(args[0])].(Ref)
		if s, ok := f.resolve(ref).(*Stream); ok && asName(f.resolve(s.Dict["Subtype"])) == "Form" && !st.forms[ref.Num] && st.formDos < 1000 {
			st.forms[ref.Num] = true
			st.formDos++
			data, err := f.decode(s)
			if err != nil {
				return fmt.Errorf("form %d: %v", ref.Num, err)
			}
			formRes := f.dict(s.Dict["Resources"])
			if formRes == nil {
				formRes = res
			}
			saved := len(st.stack)
			savedFont := st.font
			if err := st.run(data, formRes, depth+1); err != nil {
				return fmt.Errorf("form %d: %v", ref.Num, err)
			}
			if len(st.stack) != saved {
				return fmt.Errorf("form %d: marked content not balanced", ref.Num)
			}
			st.font = savedFont
			delete(st.forms, ref.Num)
		}
	}
	return nil
}

func (st *contentState) nextLine() {
	if st.leading != 0 {
		st.curY -= st.leading
	} else {
		st.curY -= 1
	}
}

func (st *contentState) decode(s String) string {
	if st.font == nil {
		return ""
	}
	return st.font.decode(s)
}

// font loads a font once per object, noting it as used on page p.
func (r *reader) font(o Object, p *Page) *Font {
	ref, isRef := o.(Ref)
	var ft *Font
	if isRef {
		ft = r.fonts[ref.Num]
	}
	if ft == nil {
		ft = r.f.loadFont(o)
		if isRef {
			r.fonts[ref.Num] = ft
		}
		if len(r.doc.Fonts) < 1000 {
			r.doc.Fonts = append(r.doc.Fonts, ft)
		}
	}
	for _, pf := range p.Fonts {
		if pf == ft {
			return ft
		}
	}
	p.Fonts = append(p.Fonts, ft)
	return ft
}
