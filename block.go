package koers

// BlockType says what a content block holds.
type BlockType string

// The content blocks of a page, in the vocabulary of the BBV documents.
const (
	TextBlock                 BlockType = "text"                  // heading, paragraphs, lists
	GoalBlock                 BlockType = "goal"                  // Doel: the one overall goal
	SmartGoalsBlock           BlockType = "smart_goals"           // the page's SMART goals, numbered
	ActivitiesBlock           BlockType = "activities"            // the page's activities as a grid by goal
	GoalExplanationsBlock     BlockType = "goal_explanations"     // Wat willen we bereiken?
	ActivityExplanationsBlock BlockType = "activity_explanations" // Wat gaan we ervoor doen?
	IndicatorTableBlock       BlockType = "indicator_table"       // Prestatie-indicatoren
	DeviationsBlock           BlockType = "deviations"            // afwijkingen per goal or activity
	FinanceTableBlock         BlockType = "finance_table"         // Wat mag het kosten? / Wat heeft het gekost?
	ComparisonTableBlock      BlockType = "comparison_table"      // Waar staat je gemeente?
)

// BlockTypes lists every block type.
var BlockTypes = []BlockType{TextBlock, GoalBlock, SmartGoalsBlock, ActivitiesBlock,
	GoalExplanationsBlock, ActivityExplanationsBlock, IndicatorTableBlock, DeviationsBlock, FinanceTableBlock,
	ComparisonTableBlock}

// Valid reports whether t is a known block type.
func (t BlockType) Valid() bool {
	for _, v := range BlockTypes {
		if t == v {
			return true
		}
	}
	return false
}

// Block is one typed piece of a page. Which fields are used depends on Type;
// the others stay empty. The JSON form is what stores persist as a block's
// body and what the API returns.
type Block struct {
	Type    BlockType `json:"type"`
	Heading string    `json:"heading,omitempty"`

	Content      []TextElement    `json:"content,omitempty"`      // text
	Text         string           `json:"text,omitempty"`         // goal
	Explanations []Explanation    `json:"explanations,omitempty"` // goal_explanations, activity_explanations
	Indicators   []string         `json:"indicators,omitempty"`   // indicator_table: keys of the page's indicators, in row order
	Scope        Scope            `json:"scope,omitempty"`        // deviations
	Deviations   []Deviation      `json:"deviations,omitempty"`   // deviations
	Finance      *FinanceTable    `json:"finance,omitempty"`      // finance_table
	Comparison   *ComparisonTable `json:"comparison,omitempty"`   // comparison_table
	Printed      *PrintedTable    `json:"printed,omitempty"`      // indicator_table: the layout as the municipality prints it
}

// TextElement is a paragraph or a list inside a text block.
type TextElement struct {
	Type    TextElementType `json:"type"`
	Text    string          `json:"text,omitempty"`    // paragraph
	Items   []string        `json:"items,omitempty"`   // list
	Ordered bool            `json:"ordered,omitempty"` // list
}

// TextElementType is a paragraph or a list.
type TextElementType string

// The elements of a text block.
const (
	Paragraph TextElementType = "paragraph"
	List      TextElementType = "list"
	// SubHeading is a heading inside a text block, one level below the
	// block's own heading.
	SubHeading TextElementType = "heading"
)

// Explanation explains one SMART goal or activity, referred to by number.
// Heading overrides the title shown above it, for the documents that word
// the heading differently from the list.
type Explanation struct {
	Ref        string   `json:"ref"`
	Heading    string   `json:"heading,omitempty"`
	Paragraphs []string `json:"paragraphs"`
}

// Scope says whether a deviations table reports on SMART goals or on
// activities.
type Scope string

// The scopes of a deviations table.
const (
	ScopeSmartGoals Scope = "smart_goals"
	ScopeActivities Scope = "activities"
)

// Deviation is what a bestuursrapportage reports on one SMART goal or one
// planned activity: its afwijkingen, or that there are none.
type Deviation struct {
	Ref        string   `json:"ref"`
	Paragraphs []string `json:"paragraphs"`
	// Status is the key of the organisation's status legend ("op-schema"),
	// in a bestuursrapportage or jaarstukken; Paragraphs are its toelichting.
	Status string `json:"status,omitempty"`
}
