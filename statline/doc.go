// Package statline decodes CBS StatLine open-data exports into
// observations: a figure of a measure for a region and period, with the
// table's other dimensions, so that koers can compare a municipality's
// indicators with the Netherlands and other regions.
//
// It reads the OData JSON of the CBS open data services, v3
// (TypedDataSet, UntypedDataSet: a column per topic) and v4
// (Observations: a Measure and a Value per row), and the CSV of a data set
// with keys in its header row (either layout; ";" "," or tab; a BOM
// allowed). Decode tells JSON from CSV by the first character.
//
// Region codes are kept as strings, trimmed of CBS's padding ("GM0547
// " is "GM0547"); RegionKind gives their kind. Period keys ("2019JJ00",
// "2020KW02", "2021MM12", weeks, days) become a Period with a Dutch Label.
// Figures are exact decimal strings, never floats; Value.Scaled gives them
// as integer units of a power of ten. A cell without a figure keeps its
// notation (".", "x", "-", blank) and what it means.
//
// Input is streamed and bounded (MaxInput, MaxObservations, MaxField,
// MaxColumns, MaxDims); an error names where it is (a JSON pointer, or a CSV line
// and column), quotes the bad value, and nothing is returned with it.
// See doc/statline.md.
package statline
