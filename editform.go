package koers

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The editor's plain-text forms: every Format has a Parse that reads
// what it writes back to the same value, and accepts what a person types
// or pastes from a spreadsheet (Windows line endings, a trailing tab).
// A Parse returns Problems whose Path is the block field the form edits,
// then the 1-based line number and, for tables, the column's header;
// the Message is Dutch and starts with "Regel N". With problems nothing
// of the result may be applied. doc/editing.md describes the forms.

// formLines splits a form's text into lines, whatever the line endings,
// without the empty lines at its end.
func formLines(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// lineProblem is a problem on line n (1-based) of the form for field.
func lineProblem(field string, n int, format string, args ...any) Problem {
	return Problem{Path: []any{field, n}, Message: fmt.Sprintf("Regel %d: ", n) + fmt.Sprintf(format, args...)}
}

// cellProblem is a problem in the column named header on line n.
func cellProblem(field string, n int, header, format string, args ...any) Problem {
	return Problem{Path: []any{field, n, header}, Message: fmt.Sprintf("Regel %d, kolom %s: ", n, header) + fmt.Sprintf(format, args...)}
}

// textProblem says in Dutch what is wrong with a piece of text as the
// rules store it, or "".
func textProblem(s, what string) string {
	switch {
	case !utf8.ValidString(s):
		return what + " is geen geldige UTF-8-tekst"
	case strings.IndexByte(s, 0) >= 0:
		return what + " bevat een NUL-teken"
	}
	return ""
}

// planNumberDutch is PlanNumberProblem in Dutch, to follow "Regel N: ".
func planNumberDutch(n string) string {
	if m := planNumberProblem(n); m != nil {
		return m.dutch()
	}
	return ""
}

// splitNumber splits "number<TAB>rest" or, without a tab, "number rest".
func splitNumber(line string) (number, rest string, fields []string) {
	if strings.Contains(line, "\t") {
		fields = strings.Split(line, "\t")
		for len(fields) > 2 && strings.TrimSpace(fields[len(fields)-1]) == "" {
			fields = fields[:len(fields)-1] // a spreadsheet's trailing tab
		}
		return strings.TrimSpace(fields[0]), strings.TrimSpace(fields[1]), fields
	}
	number, rest, _ = strings.Cut(strings.TrimSpace(line), " ")
	return number, strings.TrimSpace(rest), []string{number, rest}
}

// FormatSmartGoals writes the goals one per line: number, a tab, title.
func FormatSmartGoals(goals []SmartGoal) string {
	var b strings.Builder
	for _, g := range goals {
		b.WriteString(g.Number + "\t" + g.Title + "\n")
	}
	return b.String()
}

// ParseSmartGoals reads the form of FormatSmartGoals for page p: one goal
// per line, its number and title separated by a tab or, for a number
// without spaces, a space. Goals keep their IDs by number. It refuses to
// drop a goal that the page's activities, explanations or deviations
// still refer to.
func ParseSmartGoals(p *Page, text string) ([]SmartGoal, Problems) {
	var goals []SmartGoal
	var ps Problems
	seen := map[string]int{}
	for i, line := range formLines(text) {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		number, title, fields := splitNumber(line)
		if len(fields) > 2 {
			ps = append(ps, lineProblem("smart_goals", n, "een SMART-doel heeft twee kolommen (nummer en titel), deze regel heeft er %d", len(fields)))
			continue
		}
		if msg := planNumberDutch(number); msg != "" {
			ps = append(ps, lineProblem("smart_goals", n, "%s", msg))
			continue
		}
		if first, ok := seen[number]; ok {
			ps = append(ps, lineProblem("smart_goals", n, "SMART-doel %s staat al op regel %d", number, first))
			continue
		}
		seen[number] = n
		if title == "" {
			ps = append(ps, lineProblem("smart_goals", n, "SMART-doel %s heeft geen titel", number))
			continue
		}
		if msg := textProblem(title, "de titel"); msg != "" {
			ps = append(ps, lineProblem("smart_goals", n, "%s", msg))
			continue
		}
		g := SmartGoal{Number: number, Title: title}
		if old, ok := p.SmartGoal(number); ok {
			g.ID = old.ID
		}
		goals = append(goals, g)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	have := map[string]bool{}
	for _, g := range goals {
		have[g.Number] = true
	}
	for _, a := range p.Activities {
		if len(goals) > 0 && !have[a.Goal()] {
			ps = append(ps, Problem{Path: []any{"smart_goals"}, Message: fmt.Sprintf("Activiteit %s hoort bij SMART-doel %s; verwijder of hernummer eerst die activiteit.", a.Number, a.Goal())})
		}
	}
	ps = append(ps, refProblems(p, ScopeSmartGoals, have, "smart_goals")...)
	if len(ps) > 0 {
		return nil, ps
	}
	return goals, nil
}

// FormatActivities writes the activities one per line: number, title
// and, for one with a footnote, its marker and text, separated by tabs.
func FormatActivities(activities []Activity) string {
	var b strings.Builder
	for _, a := range activities {
		b.WriteString(a.Number + "\t" + a.Title)
		if a.Footnote != nil {
			b.WriteString("\t" + a.Footnote.Marker + "\t" + a.Footnote.Text)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ParseActivities reads the form of FormatActivities for page p.
// Activities keep their IDs by number; each must belong to one of the
// page's SMART goals (when it has any).
func ParseActivities(p *Page, text string) ([]Activity, Problems) {
	var out []Activity
	var ps Problems
	seen := map[string]int{}
	for i, line := range formLines(text) {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		number, title, fields := splitNumber(line)
		if len(fields) != 2 && len(fields) != 4 {
			ps = append(ps, lineProblem("activities", n, "een activiteit heeft twee kolommen (nummer en titel) of vier (met voetnootteken en voetnoot), deze regel heeft er %d", len(fields)))
			continue
		}
		a := Activity{Number: number, Title: title}
		switch {
		case planNumberDutch(number) != "":
			ps = append(ps, lineProblem("activities", n, "%s", planNumberDutch(number)))
			continue
		case a.Goal() == "":
			ps = append(ps, lineProblem("activities", n, "het nummer %q noemt geen SMART-doel; het begint met het nummer van het doel en een punt, zoals 2.1", number))
			continue
		case seen[number] > 0:
			ps = append(ps, lineProblem("activities", n, "activiteit %s staat al op regel %d", number, seen[number]))
			continue
		case len(p.SmartGoals) > 0 && !hasGoal(p, a.Goal()):
			ps = append(ps, lineProblem("activities", n, "activiteit %s hoort bij SMART-doel %s, dat deze pagina niet heeft", number, a.Goal()))
			continue
		case title == "":
			ps = append(ps, lineProblem("activities", n, "activiteit %s heeft geen titel", number))
			continue
		}
		seen[number] = n
		if len(fields) == 4 {
			marker, note := strings.TrimSpace(fields[2]), strings.TrimSpace(fields[3])
			if marker == "" || note == "" {
				ps = append(ps, lineProblem("activities", n, "een voetnoot heeft een teken en een tekst"))
				continue
			}
			a.Footnote = &Footnote{Marker: marker, Text: note}
		}
		if msg := textProblem(line, "de regel"); msg != "" {
			ps = append(ps, lineProblem("activities", n, "%s", msg))
			continue
		}
		if old, ok := p.Activity(number); ok {
			a.ID = old.ID
		}
		out = append(out, a)
	}
	if len(ps) > 0 {
		return nil, ps
	}
	have := map[string]bool{}
	for _, a := range out {
		have[a.Number] = true
	}
	if ps = refProblems(p, ScopeActivities, have, "activities"); len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

func hasGoal(p *Page, number string) bool {
	_, ok := p.SmartGoal(number)
	return ok
}

// refProblems are the explanations and deviations of p that refer to a
// goal or activity of scope that have does not hold.
func refProblems(p *Page, scope Scope, have map[string]bool, field string) Problems {
	var ps Problems
	explanations, what := GoalExplanationsBlock, "SMART-doel"
	if scope == ScopeActivities {
		explanations, what = ActivityExplanationsBlock, "activiteit"
	}
	for i, b := range p.Blocks {
		var refs []string
		switch {
		case b.Type == explanations:
			for _, e := range b.Explanations {
				refs = append(refs, e.Ref)
			}
		case b.Type == DeviationsBlock && b.Scope == scope:
			for _, d := range b.Deviations {
				refs = append(refs, d.Ref)
			}
		}
		for _, r := range refs {
			if !have[r] {
				ps = append(ps, Problem{Path: []any{field}, Message: fmt.Sprintf("Blok %d gaat over %s %s; verwijder eerst dat deel van het blok.", i+1, what, r)})
			}
		}
	}
	return ps
}

// FormatParagraphs writes paragraphs separated by a blank line.
func FormatParagraphs(paras []string) string { return strings.Join(paras, "\n\n") }

// ParseParagraphs reads the form of FormatParagraphs: paragraphs are
// separated by one or more blank lines; the lines of one paragraph are
// joined by a space. Empty text is no paragraphs.
func ParseParagraphs(text string) []string {
	var out, cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range formLines(text) {
		if line = strings.TrimSpace(line); line == "" {
			flush()
		} else {
			cur = append(cur, line)
		}
	}
	flush()
	return out
}

// RefForm is the editor's form of one explanation or deviation: the goal
// or activity it is about, a heading (explanations) or a status
// (deviations), and its paragraphs in the form of FormatParagraphs.
type RefForm struct {
	Ref     string
	Heading string // explanations: replaces the goal's or activity's title
	Status  string // deviations: a key of the organisation's status legend
	Text    string
}

// FormatExplanations gives an explanations block's forms.
func FormatExplanations(b Block) []RefForm {
	out := make([]RefForm, len(b.Explanations))
	for i, e := range b.Explanations {
		out[i] = RefForm{Ref: e.Ref, Heading: e.Heading, Text: FormatParagraphs(e.Paragraphs)}
	}
	return out
}

// FormatDeviations gives a deviations block's forms.
func FormatDeviations(b Block) []RefForm {
	out := make([]RefForm, len(b.Deviations))
	for i, d := range b.Deviations {
		out[i] = RefForm{Ref: d.Ref, Status: d.Status, Text: FormatParagraphs(d.Paragraphs)}
	}
	return out
}

// ParseExplanations reads the forms of an explanations block of type t
// on page p. A form with neither heading nor text is left out: that is
// how an explanation is deleted. Problems are at "explanations", the
// form's index, "paragraphs" or "ref".
func ParseExplanations(p *Page, t BlockType, forms []RefForm) ([]Explanation, Problems) {
	scope := ScopeSmartGoals
	if t == ActivityExplanationsBlock {
		scope = ScopeActivities
	}
	var out []Explanation
	ps := parseRefForms(p, scope, "explanations", forms, func(f RefForm, paras []string) {
		out = append(out, Explanation{Ref: f.Ref, Heading: strings.TrimSpace(f.Heading), Paragraphs: paras})
	})
	if len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

// ParseDeviations reads the forms of a deviations block of scope on page
// p; legend is the organisation's status legend (nil: statuses are not
// checked here).
func ParseDeviations(p *Page, scope Scope, legend StatusLegend, forms []RefForm) ([]Deviation, Problems) {
	var out []Deviation
	ps := parseRefForms(p, scope, "deviations", forms, func(f RefForm, paras []string) {
		out = append(out, Deviation{Ref: f.Ref, Status: strings.TrimSpace(f.Status), Paragraphs: paras})
	})
	for i, f := range forms {
		if s := strings.TrimSpace(f.Status); s != "" && legend != nil {
			if _, ok := legend.Entry(s); !ok {
				ps = append(ps, Problem{Path: []any{"deviations", i, "status"}, Message: fmt.Sprintf("De status %q staat niet in de legenda.", s)})
			}
		}
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return out, nil
}

func parseRefForms(p *Page, scope Scope, field string, forms []RefForm, add func(RefForm, []string)) Problems {
	var ps Problems
	seen := map[string]bool{}
	what := "SMART-doel"
	if scope == ScopeActivities {
		what = "activiteit"
	}
	for i, f := range forms {
		paras := ParseParagraphs(f.Text)
		if len(paras) == 0 && strings.TrimSpace(f.Heading) == "" && strings.TrimSpace(f.Status) == "" {
			continue
		}
		known := hasGoal(p, f.Ref)
		if scope == ScopeActivities {
			_, known = p.Activity(f.Ref)
		}
		switch {
		case !known:
			ps = append(ps, Problem{Path: []any{field, i, "ref"}, Message: fmt.Sprintf("Deze pagina heeft geen %s %q.", what, f.Ref)})
		case seen[f.Ref]:
			ps = append(ps, Problem{Path: []any{field, i, "ref"}, Message: fmt.Sprintf("Over %s %s gaat al een ander deel van dit blok.", what, f.Ref)})
		case len(paras) == 0:
			ps = append(ps, Problem{Path: []any{field, i, "paragraphs"}, Message: fmt.Sprintf("De tekst bij %s %s ontbreekt.", what, f.Ref)})
		default:
			for j, para := range paras {
				if msg := textProblem(para, "de tekst"); msg != "" {
					ps = append(ps, Problem{Path: []any{field, i, "paragraphs", j}, Message: "Alinea " + fmt.Sprint(j+1) + ": " + msg + "."})
				}
			}
			if msg := textProblem(f.Heading, "de kop"); msg != "" {
				ps = append(ps, Problem{Path: []any{field, i, "heading"}, Message: strings.ToUpper(msg[:1]) + msg[1:] + "."})
			}
			add(f, paras)
		}
		seen[f.Ref] = true
	}
	return ps
}
