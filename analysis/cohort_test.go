package analysis

import (
	"fmt"
	"testing"

	"renkei/survey"
)

// cohortResponse answers every item with v (reverse items written so that they score v).
func cohortResponse(cb *survey.Codebook, partnership, id, group string, v int) *survey.Response {
	answers := make([]int8, len(cb.Items))
	for i, it := range cb.Items {
		answers[i] = int8(it.Score(v)) // Score is its own inverse
	}
	return &survey.Response{Partnership: partnership, Respondent: id, Group: group, Answers: answers}
}

// addCohort adds n respondents of partnership answering before and after; after adds
// lift to some of them. Ids are dropped on the sides listed in noIDs.
func addCohort(c *Cohort, cb *survey.Codebook, partnership, group string, n, lift int, noIDs map[Side]bool) {
	for i := range n {
		id := fmt.Sprintf("%s%s-%d", partnership, group, i)
		b := 2 + i%2
		for _, s := range []Side{SideBefore, SideAfter} {
			v := b
			if s == SideAfter && i%3 != 0 {
				v += lift
			}
			rid := id
			if noIDs[s] {
				rid = ""
			}
			c.Add(cohortResponse(cb, partnership, rid, group, v), s)
		}
	}
}

func TestCohortCompare(t *testing.T) {
	cb := survey.BuiltinCodebook()
	opt := CompareOptions{MinGroup: 5}
	t.Run("IdsPairTheSides", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "", 12, 1, nil)
		c.Add(cohortResponse(cb, "school", "late", "", 3), SideAfter)
		cmp := c.Compare(opt)
		if len(cmp.Scopes) != 1 {
			t.Fatalf("%d scopes, want 1", len(cmp.Scopes))
		}
		s := cmp.Scopes[0]
		if s.Design != DesignPaired || s.Pairs != 12 || s.UnmatchedBefore != 0 || s.UnmatchedAfter != 1 {
			t.Errorf("design %s pairs %d unmatched %d/%d", s.Design, s.Pairs, s.UnmatchedBefore, s.UnmatchedAfter)
		}
		if r := s.Rows[0]; r.Verdict != VerdictImproved || r.NPairs != 12 || !(r.Diff > 0) {
			t.Errorf("communication: %+v", r.Change)
		}
		if got := len(s.Rows); got != len(cb.Dimensions)+1+len(cb.Items) {
			t.Errorf("%d rows", got)
		}
	})
	t.Run("MissingIdsOnOneSideIsUnpaired", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "", 12, 1, map[Side]bool{SideAfter: true})
		s := c.Compare(opt).Scopes[0]
		if s.Design != DesignUnpaired || s.Note == "" || s.Rows[0].NBefore != 12 || s.Rows[0].NAfter != 12 {
			t.Errorf("design %s note %q", s.Design, s.Note)
		}
	})
	t.Run("SmallSideIsSuppressed", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "tiny", "", 4, 1, nil)
		s := c.Compare(opt).Scopes[0]
		if !s.Suppressed || !s.Rows[0].Suppressed || s.Rows[0].N() != 0 {
			t.Errorf("suppressed %v, row %+v", s.Suppressed, s.Rows[0])
		}
	})
	t.Run("PooledHidesASmallPartnership", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "", 12, 1, nil)
		addCohort(c, cb, "tiny", "", 3, 1, nil)
		cmp := c.Compare(opt)
		all := cmp.Scopes[len(cmp.Scopes)-1]
		if all.Scope != AllScope || !all.Rows[0].Suppressed {
			t.Errorf("pooled scope %q shows a row that reveals tiny by subtraction", all.Scope)
		}
	})
	t.Run("PooledShownWhenEveryPartnershipIs", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "", 12, 1, nil)
		addCohort(c, cb, "office", "", 9, 0, nil)
		cmp := c.Compare(opt)
		all := cmp.Scopes[len(cmp.Scopes)-1]
		if all.Rows[0].Suppressed || all.Pairs != 21 {
			t.Errorf("pooled row suppressed %v, pairs %d", all.Rows[0].Suppressed, all.Pairs)
		}
	})
	t.Run("GroupsGiveDiD", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "trained", 12, 1, nil)
		addCohort(c, cb, "school", "control", 10, 0, nil)
		cmp := c.Compare(opt)
		if !cmp.Grouped || len(cmp.Scopes) != 2 || cmp.Scopes[0].Group != GroupTrained {
			t.Fatalf("scopes %+v", cmp.Scopes)
		}
		d := cmp.Scopes[0].Rows[0].DiD
		if d == nil || !(d.Estimate > 0.5) || cmp.Scopes[1].Rows[0].DiD != nil {
			t.Errorf("DiD %+v", d)
		}
	})
	t.Run("RepeatedResponseCountsOnce", func(t *testing.T) {
		c := NewCohort(cb)
		addCohort(c, cb, "school", "", 6, 1, nil)
		c.Add(cohortResponse(cb, "school", "school-0", "", 5), SideBefore)
		cmp := c.Compare(opt)
		if cmp.Scopes[0].Before != 6 || len(cmp.Warnings) != 1 {
			t.Errorf("before %d, warnings %v", cmp.Scopes[0].Before, cmp.Warnings)
		}
	})
}
