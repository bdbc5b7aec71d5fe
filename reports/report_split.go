package reports

// A codebook may have any number of dimensions, and two tables of the report have a
// column per dimension (the breakdown by organisation and role, alpha per wave). A
// table of more than maxTableColumns columns is split into parts of at most that many,
// each repeating the table's leading columns (its Keep: the row's name, its n), with
// the data columns shared out evenly, so that every column keeps a readable width on
// an A4 page in the PDF and in print from the HTML.

// maxTableColumns is the most columns a table of the report has; the built-in
// instrument's tables (at most seven columns) are never split.
const maxTableColumns = 8

// splitWideTables replaces each table block of blocks that has more than
// maxTableColumns columns by its parts.
func (b *reportBuilder) splitWideTables(blocks []reportBlock) []reportBlock {
	var out []reportBlock
	for _, bl := range blocks {
		if bl.Kind != blockTable || bl.Table == nil || len(bl.Table.Header) <= maxTableColumns {
			out = append(out, bl)
			continue
		}
		parts := splitColumns(bl.Table, maxTableColumns)
		for i, t := range parts {
			if t.Caption != "" {
				t.Caption = b.rt.f("table.part", t.Caption, b.rt.count(i+1), b.rt.count(len(parts)))
			} else {
				t.Caption = b.rt.f("table.part.bare", b.rt.count(i+1), b.rt.count(len(parts)))
			}
			out = append(out, reportBlock{Kind: blockTable, Table: t})
		}
	}
	return out
}

// splitColumns returns t as tables of at most maxCols columns each: t's Keep leading
// columns (at least one) in every part, then the next share of the other columns. A
// cell that spans columns spans, in each part, those of its columns the part has; a
// cell whose columns a part lacks is left out of it. The captions are t's.
func splitColumns(t *reportTable, maxCols int) []*reportTable {
	cols := len(t.Header)
	keep := min(max(t.Keep, 1), cols)
	per := maxCols - keep
	if cols <= maxCols || per < 1 {
		return []*reportTable{t}
	}
	data := cols - keep
	n := (data + per - 1) / per
	var parts []*reportTable
	start := keep
	for i := range n {
		size := data / n
		if i < data%n {
			size++
		}
		sel := make([]int, 0, keep+size)
		for c := range keep {
			sel = append(sel, c)
		}
		for c := start; c < start+size; c++ {
			sel = append(sel, c)
		}
		parts = append(parts, t.columns(sel))
		start += size
	}
	return parts
}

// columns returns the table of t's columns sel (ascending).
func (t *reportTable) columns(sel []int) *reportTable {
	part := &reportTable{Caption: t.Caption, Keep: t.Keep}
	for _, c := range sel {
		part.Header = append(part.Header, t.Header[c])
		w := 1.0
		if c < len(t.Widths) {
			w = t.Widths[c]
		}
		part.Widths = append(part.Widths, w)
		part.Numeric = append(part.Numeric, c < len(t.Numeric) && t.Numeric[c])
	}
	for _, row := range t.Rows {
		var cells []reportCell
		col := 0
		for _, cell := range row {
			span := max(cell.Span, 1)
			in := 0
			for _, c := range sel {
				if c >= col && c < col+span {
					in++
				}
			}
			if in > 0 {
				cell.Span = 0
				if in > 1 || span > 1 {
					cell.Span = in
				}
				cells = append(cells, cell)
			}
			col += span
		}
		part.Rows = append(part.Rows, cells)
	}
	return part
}
