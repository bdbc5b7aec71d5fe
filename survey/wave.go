package survey

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"
)

// Wave is one survey round: a quarter of a (fiscal) year.
type Wave struct {
	Year    int // the fiscal year, named after the calendar year in which it starts
	Quarter int // 1–4, counted from the fiscal year's first month
}

// Index orders waves chronologically: consecutive quarters have consecutive indices.
func (w Wave) Index() int { return w.Year*4 + w.Quarter - 1 }

// Less reports whether w comes before v.
func (w Wave) Less(v Wave) bool { return w.Index() < v.Index() }

// WaveFromIndex is the inverse of Wave.Index.
func WaveFromIndex(i int) Wave {
	y := i / 4
	if i < 0 && i%4 != 0 {
		y--
	}
	return Wave{Year: y, Quarter: i - y*4 + 1}
}

// Calendar interprets wave labels and dates.
//
// Quarter labels (2026Q1, 2026-Q1, FY2026Q1) name quarters of the fiscal year that
// starts in FiscalStart; a date is bucketed into the fiscal quarter that contains it.
// A fiscal year is named after the calendar year in which it starts, as Japanese
// agencies do: with FiscalStart 4, FY2026Q1 is April–June 2026 and 2027-02-10 falls in
// FY2026Q4. With the default FiscalStart 1 fiscal and calendar quarters coincide.
type Calendar struct {
	FiscalStart int // first month of the fiscal year, 1–12
}

// Label returns the canonical label of w: "2026Q1" for calendar quarters,
// "FY2026Q1" when the fiscal year starts in another month than January.
func (c Calendar) Label(w Wave) string {
	if c.FiscalStart > 1 {
		return fmt.Sprintf("FY%dQ%d", w.Year, w.Quarter)
	}
	return fmt.Sprintf("%dQ%d", w.Year, w.Quarter)
}

// Months returns the first and the last day of w.
func (c Calendar) Months(w Wave) (first, last time.Time) {
	start := c.fiscalStart()
	first = time.Date(w.Year, time.Month(start+(w.Quarter-1)*3), 1, 0, 0, 0, 0, time.UTC)
	last = first.AddDate(0, 3, -1)
	return first, last
}

func (c Calendar) fiscalStart() int {
	if c.FiscalStart < 1 || c.FiscalStart > 12 {
		return 1
	}
	return c.FiscalStart
}

var errWave = errors.New("not a wave")

// dateLayouts are the date forms accepted as a wave, after any time of day is cut off.
var dateLayouts = []string{"2006-01-02", "2006/01/02", "2006-1-2", "2006/1/2", "2006.01.02", "2006.1.2"}

// ParseWave reads a wave label (2026Q1, 2026-Q1, 2026 Q1, FY2026Q1, full-width forms
// too) or a date (2026-05-14, 2026/5/14, optionally followed by a time of day).
func (c Calendar) ParseWave(s string) (Wave, error) {
	t := strings.ToUpper(strings.TrimSpace(width.Fold.String(s)))
	if t == "" {
		return Wave{}, fmt.Errorf("%w: empty", errWave)
	}
	if w, ok := parseQuarterLabel(t); ok {
		return w, nil
	}
	if d, ok := parseDate(t); ok {
		// A date early in 1900 can fall in fiscal year 1899, which no label can name.
		if w := c.WaveOf(d); w.Year >= 1900 {
			return w, nil
		}
	}
	return Wave{}, fmt.Errorf("%w: %q; write it as 2026Q1, 2026-Q1, FY2026Q1 or a date such as 2026-05-14", errWave, s)
}

// WaveOf returns the fiscal quarter that contains the date d.
func (c Calendar) WaveOf(d time.Time) Wave {
	start := c.fiscalStart()
	m := int(d.Month())
	year := d.Year()
	if m < start {
		year--
		m += 12
	}
	return Wave{Year: year, Quarter: (m-start)/3 + 1}
}

func parseQuarterLabel(t string) (Wave, bool) {
	t = strings.TrimPrefix(t, "FY")
	year, rest, ok := strings.Cut(t, "Q")
	if !ok {
		return Wave{}, false
	}
	year = strings.TrimRight(year, " -_")
	if len(year) != 4 || len(rest) != 1 {
		return Wave{}, false
	}
	y, err := strconv.Atoi(year)
	if err != nil || y < 1900 || y > 2999 {
		return Wave{}, false
	}
	q := int(rest[0] - '0')
	if q < 1 || q > 4 {
		return Wave{}, false
	}
	return Wave{Year: y, Quarter: q}, true
}

func parseDate(t string) (time.Time, bool) {
	if i := strings.IndexAny(t, " T"); i > 0 {
		t = t[:i]
	}
	for _, layout := range dateLayouts {
		if d, err := time.Parse(layout, t); err == nil && d.Year() >= 1900 && d.Year() <= 2999 {
			return d, true
		}
	}
	return time.Time{}, false
}
