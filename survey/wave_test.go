package survey

import (
	"errors"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestParseWave(t *testing.T) {
	calendar := Calendar{FiscalStart: 1}
	fiscalApril := Calendar{FiscalStart: 4}
	tests := []struct {
		name string
		cal  Calendar
		in   string
		want Wave
	}{
		{"Compact", calendar, "2026Q1", Wave{2026, 1}},
		{"Hyphen", calendar, "2026-Q1", Wave{2026, 1}},
		{"SpaceLowerCase", calendar, "2026 q1", Wave{2026, 1}},
		{"Underscore", calendar, "2026_Q3", Wave{2026, 3}},
		{"Padded", calendar, "  2026Q4\t", Wave{2026, 4}},
		{"FiscalPrefix", calendar, "FY2026Q1", Wave{2026, 1}},
		{"FiscalPrefixLowerCase", calendar, "fy2026q2", Wave{2026, 2}},
		{"FullWidth", calendar, "２０２６Ｑ１", Wave{2026, 1}},
		{"FullWidthFiscal", fiscalApril, "ＦＹ２０２６－Ｑ３", Wave{2026, 3}},
		{"LabelIgnoresFiscalStart", fiscalApril, "2026Q1", Wave{2026, 1}},
		{"DateISO", calendar, "2026-05-14", Wave{2026, 2}},
		{"DateSlashShort", calendar, "2026/5/14", Wave{2026, 2}},
		{"DateTime", calendar, "2026/11/05 10:23", Wave{2026, 4}},
		{"DateTimeISO", calendar, "2026-11-05T10:23:00+09:00", Wave{2026, 4}},
		{"DateDots", calendar, "2026.3.31", Wave{2026, 1}},
		{"DateFullWidth", calendar, "２０２６/０７/０１", Wave{2026, 3}},
		{"DateFirstDayOfYear", calendar, "2026-01-01", Wave{2026, 1}},
		{"DateLastDayOfYear", calendar, "2026-12-31", Wave{2026, 4}},
		{"FiscalDateBeforeStart", fiscalApril, "2026-02-10", Wave{2025, 4}},
		{"FiscalDateOnStart", fiscalApril, "2026-04-01", Wave{2026, 1}},
		{"FiscalDateLastOfQ1", fiscalApril, "2026-06-30", Wave{2026, 1}},
		{"FiscalDateQ2", fiscalApril, "2026-07-01", Wave{2026, 2}},
		{"FiscalDateQ3", fiscalApril, "2026/12/31 23:59", Wave{2026, 3}},
		{"FiscalDateQ4", fiscalApril, "2027-01-01", Wave{2026, 4}},
		{"FiscalOctober", Calendar{FiscalStart: 10}, "2026-09-30", Wave{2025, 4}},
		{"FiscalDecember", Calendar{FiscalStart: 12}, "2026-12-01", Wave{2026, 1}},
		{"ZeroCalendarIsJanuary", Calendar{}, "2026-05-14", Wave{2026, 2}},
		{"InvalidStartIsJanuary", Calendar{FiscalStart: 13}, "2026-05-14", Wave{2026, 2}},
		{"EarliestYear", calendar, "1900Q1", Wave{1900, 1}},
		{"LatestYear", calendar, "2999Q4", Wave{2999, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cal.ParseWave(tc.in)
			if err != nil {
				t.Fatalf("ParseWave(%q): %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseWave(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseWaveErrors(t *testing.T) {
	tests := []struct {
		name, in string
	}{
		{"ErrEmpty", ""},
		{"ErrBlank", "   "},
		{"ErrWord", "spring"},
		{"ErrQuarterFive", "2026Q5"},
		{"ErrQuarterZero", "2026Q0"},
		{"ErrTwoDigitYear", "26Q1"},
		{"ErrFiveDigitYear", "20261Q1"},
		{"ErrTwoDigitQuarter", "2026Q11"},
		{"ErrNoQuarterDigit", "2026Q"},
		{"ErrQuarterFirst", "Q1 2026"},
		{"ErrYearTooEarly", "1899Q1"},
		{"ErrYearTooLate", "3000Q1"},
		{"ErrSignedYear", "+026Q1"},
		{"ErrBadMonth", "2026-13-01"},
		{"ErrBadDay", "2026-02-30"},
		{"ErrYearOnly", "2026"},
		{"ErrMonthOnly", "2026-05"},
		{"ErrJapaneseDate", "2026年5月14日"},
		{"ErrDateTooEarly", "1899-12-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, cal := range []Calendar{{FiscalStart: 1}, {FiscalStart: 4}} {
				w, err := cal.ParseWave(tc.in)
				if err == nil {
					t.Fatalf("FiscalStart %d: ParseWave(%q) = %+v, want an error", cal.FiscalStart, tc.in, w)
				}
				if !errors.Is(err, errWave) {
					t.Errorf("error %v does not wrap errWave", err)
				}
				if w != (Wave{}) {
					t.Errorf("ParseWave(%q) returned %+v with its error", tc.in, w)
				}
			}
		})
	}
	_, err := Calendar{}.ParseWave("spring")
	if msg := err.Error(); !strings.Contains(msg, `"spring"`) || !strings.Contains(msg, "2026Q1") {
		t.Errorf("message %q should quote the input and show an example", msg)
	}
}

// A date early in 1900 belongs to fiscal year 1899 when the year starts in April; its
// label must read back as the same wave.
func TestParseWaveLabelRoundTripAtRangeEdge(t *testing.T) {
	for _, tc := range []struct {
		start int
		date  string
	}{
		{4, "1900-01-15"},
		{4, "1900-03-31"},
		{10, "1900-09-30"},
		{4, "2999-12-31"},
		{1, "1900-01-01"},
		{1, "2999-12-31"},
	} {
		cal := Calendar{FiscalStart: tc.start}
		w, err := cal.ParseWave(tc.date)
		if err != nil {
			continue // rejecting the date is as good as reading it consistently
		}
		back, err := cal.ParseWave(cal.Label(w))
		if err != nil || back != w {
			t.Errorf("FiscalStart %d: %s is %+v, labelled %q, read back as %+v, %v", tc.start, tc.date, w, cal.Label(w), back, err)
		}
	}
}

func TestCalendarLabel(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		w    Wave
		want string
	}{
		{"CalendarQuarter", Calendar{FiscalStart: 1}, Wave{2026, 1}, "2026Q1"},
		{"ZeroCalendarQuarter", Calendar{}, Wave{2025, 4}, "2025Q4"},
		{"FiscalApril", Calendar{FiscalStart: 4}, Wave{2026, 1}, "FY2026Q1"},
		{"FiscalAprilQ4", Calendar{FiscalStart: 4}, Wave{2025, 4}, "FY2025Q4"},
		{"FiscalDecember", Calendar{FiscalStart: 12}, Wave{2030, 2}, "FY2030Q2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.cal.Label(tc.w); got != tc.want {
				t.Errorf("Label(%+v) = %q, want %q", tc.w, got, tc.want)
			}
			back, err := tc.cal.ParseWave(tc.want)
			if err != nil || back != tc.w {
				t.Errorf("ParseWave(%q) = %+v, %v; want %+v", tc.want, back, err, tc.w)
			}
		})
	}
}

func TestWaveIndex(t *testing.T) {
	t.Run("ConsecutiveQuarters", func(t *testing.T) {
		waves := []Wave{{2025, 3}, {2025, 4}, {2026, 1}, {2026, 2}}
		for i := 1; i < len(waves); i++ {
			if d := waves[i].Index() - waves[i-1].Index(); d != 1 {
				t.Errorf("%+v − %+v = %d, want 1", waves[i], waves[i-1], d)
			}
		}
		if got, want := (Wave{2026, 1}).Index(), 2026*4; got != want {
			t.Errorf("Index(2026Q1) = %d, want %d", got, want)
		}
	})
	t.Run("OrderIsChronological", func(t *testing.T) {
		// Sorted as text, "2025Q4" < "2026Q1" holds too, but "FY999Q1" or a fiscal
		// label mixed with a calendar one would not; the index must not depend on text.
		waves := []Wave{{2026, 1}, {999, 4}, {2025, 4}, {2026, 4}, {2026, 2}, {2025, 1}}
		sort.Slice(waves, func(i, j int) bool { return waves[i].Less(waves[j]) })
		want := []Wave{{999, 4}, {2025, 1}, {2025, 4}, {2026, 1}, {2026, 2}, {2026, 4}}
		for i := range want {
			if waves[i] != want[i] {
				t.Fatalf("sorted %v, want %v", waves, want)
			}
		}
		if !(Wave{2025, 4}).Less(Wave{2026, 1}) || (Wave{2026, 1}).Less(Wave{2025, 4}) {
			t.Error("2025Q4 must come before 2026Q1")
		}
		if (Wave{2026, 1}).Less(Wave{2026, 1}) {
			t.Error("a wave is not before itself")
		}
	})
	t.Run("RoundTrip", func(t *testing.T) {
		for _, w := range []Wave{{2026, 1}, {2026, 4}, {1900, 1}, {2999, 4}, {0, 1}, {0, 4}, {-1, 4}, {-1, 1}, {-2, 3}} {
			if got := WaveFromIndex(w.Index()); got != w {
				t.Errorf("WaveFromIndex(%d) = %+v, want %+v", w.Index(), got, w)
			}
		}
		for i := -20; i <= 20; i++ {
			w := WaveFromIndex(i)
			if w.Quarter < 1 || w.Quarter > 4 || w.Index() != i {
				t.Errorf("WaveFromIndex(%d) = %+v (index %d)", i, w, w.Index())
			}
		}
		if got, want := WaveFromIndex(-1), (Wave{-1, 4}); got != want {
			t.Errorf("WaveFromIndex(-1) = %+v, want %+v", got, want)
		}
	})
}

func TestCalendarMonths(t *testing.T) {
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name        string
		cal         Calendar
		w           Wave
		first, last time.Time
	}{
		{"CalendarQ1", Calendar{FiscalStart: 1}, Wave{2026, 1}, date(2026, 1, 1), date(2026, 3, 31)},
		{"CalendarQ4", Calendar{FiscalStart: 1}, Wave{2026, 4}, date(2026, 10, 1), date(2026, 12, 31)},
		{"LeapFebruary", Calendar{}, Wave{2028, 1}, date(2028, 1, 1), date(2028, 3, 31)},
		{"FiscalAprilQ1", Calendar{FiscalStart: 4}, Wave{2026, 1}, date(2026, 4, 1), date(2026, 6, 30)},
		{"FiscalAprilQ3", Calendar{FiscalStart: 4}, Wave{2026, 3}, date(2026, 10, 1), date(2026, 12, 31)},
		{"FiscalAprilQ4NextYear", Calendar{FiscalStart: 4}, Wave{2026, 4}, date(2027, 1, 1), date(2027, 3, 31)},
		{"FiscalNovemberQ1", Calendar{FiscalStart: 11}, Wave{2026, 1}, date(2026, 11, 1), date(2027, 1, 31)},
		{"FiscalNovemberQ2", Calendar{FiscalStart: 11}, Wave{2026, 2}, date(2027, 2, 1), date(2027, 4, 30)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, last := tc.cal.Months(tc.w)
			if !first.Equal(tc.first) || !last.Equal(tc.last) {
				t.Errorf("Months(%+v) = %s … %s, want %s … %s", tc.w, first.Format(time.DateOnly), last.Format(time.DateOnly),
					tc.first.Format(time.DateOnly), tc.last.Format(time.DateOnly))
			}
			// Both ends fall in the wave.
			if got := tc.cal.WaveOf(first); got != tc.w {
				t.Errorf("WaveOf(first) = %+v", got)
			}
			if got := tc.cal.WaveOf(last); got != tc.w {
				t.Errorf("WaveOf(last) = %+v", got)
			}
			if got := tc.cal.WaveOf(last.AddDate(0, 0, 1)); got.Index() != tc.w.Index()+1 {
				t.Errorf("the day after the wave is in %+v, want the next wave", got)
			}
		})
	}
}
