package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Independent PCG streams, so that changing one part of the generator does
// not reshuffle the others.
const (
	streamLevels   uint64 = 0x6c6576656c73 // "levels"
	streamPanel    uint64 = 0x70616e656c   // "panel"
	streamMessy    uint64 = 0x6d65737379   // "messy"
	streamExport   uint64 = 0x6578706f7274 // "export"
	numWaves              = 8
	firstWaveYear         = 2025
	numDimensions         = 4
	itemsPerDim           = 4
	numItems              = numDimensions * itemsPerDim
	scaleMin              = 1
	scaleMax              = 5
	blankRate             = 0.02
	factorSD              = 0.5
	noiseSD               = 0.6
	respSharedSD          = 0.25
	respSpecificSD        = 0.3
	stableLevelMin        = 3.4
	stableLevelMax        = 4.1
)

// Dimension indices, in item order.
const (
	dimComm = iota
	dimTrust
	dimRole
	dimGoal
)

var dimPrefixes = [numDimensions]string{"comm", "trust", "role", "goal"}

// itemIDs returns the 16 item ids in column order.
func itemIDs() []string {
	ids := make([]string, 0, numItems)
	for _, p := range dimPrefixes {
		for k := 1; k <= itemsPerDim; k++ {
			ids = append(ids, fmt.Sprintf("%s%d", p, k))
		}
	}
	return ids
}

// isReverse reports whether item i (0-based column index among the items)
// is reverse-worded: comm4, trust4 and role4.
func isReverse(i int) bool {
	return i%itemsPerDim == itemsPerDim-1 && i/itemsPerDim != dimGoal
}

// story says how a partnership's levels behave over time.
type story int

const (
	storyStable story = iota
	storyDeclineTrust
	storyTraining
	storyGap
	storySmall
)

// partnership is one partnership of the sample and its member orgs.
type partnership struct {
	id    string
	orgs  []string
	story story
}

const hubOrg = "Central Community Support Center"

// partnerships lists the sample's 14 partnerships. The first seven connect
// health and care organisations, the last seven schools, welfare and the
// city; only hubOrg belongs to both groups.
func partnerships() []partnership {
	return []partnership{
		{"kita-hospital", []string{"Kita General Hospital", hubOrg, "Kita Home Nursing Station"}, storyDeclineTrust},
		{"minami-care", []string{"Minami Care Management Office", "Kita Home Nursing Station"}, storySmall},
		{"kita-pharmacy", []string{"Kita Community Pharmacy", "Kita General Hospital"}, storyStable},
		{"minami-dayservice", []string{"Minami Day Service Center", "Minami Care Management Office", "Minami Rehabilitation Clinic"}, storyStable},
		{"hokubu-dementia", []string{"Hokubu Dementia Support Team", "Kita General Hospital", "Minami Day Service Center", hubOrg}, storyStable},
		{"kita-dental", []string{"Kita Dental Clinic", "Kita Home Nursing Station"}, storyStable},
		{"minami-rehab", []string{"Minami Rehabilitation Clinic", "Kita General Hospital"}, storyStable},
		{"higashi-school", []string{"Higashi Elementary School", hubOrg, "Higashi Child Welfare Office"}, storyTraining},
		{"midori-npo", []string{"Midori Family Support NPO", "Higashi Child Welfare Office"}, storyGap},
		{"nishi-city-office", []string{"Nishi City Office Welfare Division", "Nishi Social Welfare Council", hubOrg}, storyStable},
		{"higashi-youth", []string{"Higashi Youth Center", "Higashi Junior High School", "Midori Family Support NPO"}, storyStable},
		{"nishi-housing", []string{"Nishi Housing Support Office", "Nishi City Office Welfare Division"}, storyStable},
		{"chuo-foodbank", []string{"Chuo Food Bank", "Nishi Social Welfare Council", "Midori Family Support NPO", "Higashi Youth Center"}, storyStable},
		{"nishi-employment", []string{"Nishi Employment Support Center", "Nishi Housing Support Office"}, storyStable},
	}
}

// Story constants.
const (
	trustStart      = 4.1
	trustEnd        = 2.8
	trainingBase    = 3.2
	trainingWave    = 6 // 2026Q3, the first wave after the training
	trainingCohort  = 30
	gapHigh         = 4.2
	gapLow          = 2.8
	trainingStepBig = 0.7
	trainingStepSml = 0.3
)

// model holds a partnership's fixed dimension levels.
type model struct {
	p     partnership
	index int
	base  [numDimensions]float64
}

// newModels draws the stable dimension levels of every partnership.
func newModels(seed uint64) []*model {
	rng := rand.New(rand.NewPCG(seed, streamLevels))
	ps := partnerships()
	ms := make([]*model, len(ps))
	for i, p := range ps {
		m := &model{p: p, index: i}
		for d := range m.base {
			m.base[d] = stableLevelMin + rng.Float64()*(stableLevelMax-stableLevelMin)
		}
		ms[i] = m
	}
	return ms
}

// level is the expected answer of dimension d for a respondent of the
// partnership's org orgIdx in wave w (0-based), before individual effects.
func (m *model) level(orgIdx, w, d int) float64 {
	switch m.p.story {
	case storyDeclineTrust:
		if d == dimTrust {
			return trustStart + (trustEnd-trustStart)*float64(w)/float64(numWaves-1)
		}
	case storyTraining:
		if w < trainingWave {
			return trainingBase
		}
		if d == dimComm || d == dimRole {
			return trainingBase + trainingStepBig
		}
		return trainingBase + trainingStepSml
	case storyGap:
		if orgIdx == 0 {
			return gapHigh
		}
		return gapLow
	}
	return m.base[d]
}

// Roles and their effect on every dimension.
const (
	roleTop       = "top"
	roleMiddle    = "middle"
	roleFrontline = "frontline"
)

func drawRole(rng *rand.Rand) string {
	switch r := rng.Float64(); {
	case r < 0.15:
		return roleTop
	case r < 0.50:
		return roleMiddle
	default:
		return roleFrontline
	}
}

func roleEffect(role string) float64 {
	switch role {
	case roleTop:
		return 0.15
	case roleFrontline:
		return -0.1
	}
	return 0
}

// member is a respondent's fixed traits.
type member struct {
	orgIdx  int
	org     string
	partner string
	role    string
	effect  [numDimensions]float64
}

// newMember draws a member of partnership p: org, partner, role and
// per-dimension effects.
func newMember(rng *rand.Rand, p partnership) member {
	n := len(p.orgs)
	mb := member{orgIdx: rng.IntN(n)}
	mb.org = p.orgs[mb.orgIdx]
	// The partner is one of the other members: for two orgs, the other one.
	other := (mb.orgIdx + 1 + rng.IntN(n-1)) % n
	mb.partner = p.orgs[other]
	mb.role = drawRole(rng)
	shared := rng.NormFloat64() * respSharedSD
	for d := range mb.effect {
		mb.effect[d] = shared + rng.NormFloat64()*respSpecificSD
	}
	return mb
}

// latent draws the latent dimension values of members answering m in wave w.
// Each member's value is the story level plus the member's effect, its role
// effect and a per-response factor; these deviations are centred over the
// members for every dimension, so the latent mean of the group equals the
// story level exactly and only item noise, rounding and clipping move the
// observed wave means.
func (m *model) latent(rng *rand.Rand, members []member, w int) [][numDimensions]float64 {
	mus := make([][numDimensions]float64, len(members))
	var sum [numDimensions]float64
	for j, mb := range members {
		for d := range numDimensions {
			mus[j][d] = mb.effect[d] + roleEffect(mb.role) + rng.NormFloat64()*factorSD
			sum[d] += mus[j][d]
		}
	}
	for j, mb := range members {
		for d := range numDimensions {
			mus[j][d] += m.level(mb.orgIdx, w, d) - sum[d]/float64(len(members))
		}
	}
	return mus
}

// answers draws the 16 answers (true values, 1..5, not yet reversed) around
// the latent dimension values mu. blank marks items left unanswered, at
// blankRate.
func answers(rng *rand.Rand, mu [numDimensions]float64, blankRate float64) (vals [numItems]int, blank [numItems]bool) {
	for d := range numDimensions {
		for k := range itemsPerDim {
			i := d*itemsPerDim + k
			vals[i] = clip(int(math.Round(mu[d] + rng.NormFloat64()*noiseSD)))
			blank[i] = rng.Float64() < blankRate
		}
	}
	return vals, blank
}

func clip(x int) int {
	return max(scaleMin, min(scaleMax, x))
}

// written is the value as the respondent writes it: reverse-worded items
// are answered on the reversed scale.
func written(i, v int) int {
	if isReverse(i) {
		return scaleMin + scaleMax - v
	}
	return v
}

// quarterStart returns the first day of wave w (0-based from 2025Q1).
func quarterStart(w int) time.Time {
	year := firstWaveYear + w/4
	month := time.Month(3*(w%4) + 1)
	return time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
}

// dayInWave returns a uniformly drawn date inside wave w's quarter.
func dayInWave(rng *rand.Rand, w int) time.Time {
	start := quarterStart(w)
	days := int(start.AddDate(0, 3, 0).Sub(start).Hours() / 24)
	return start.AddDate(0, 0, rng.IntN(days))
}

// waveLabel is the canonical label of wave w, e.g. 2025Q1.
func waveLabel(w int) string {
	return fmt.Sprintf("%dQ%d", firstWaveYear+w/4, w%4+1)
}

// Japanese labels of the 5-point scale, index = value - 1.
var labelsJA = [scaleMax]string{"全くそう思わない", "あまりそう思わない", "どちらともいえない", "ややそう思う", "とてもそう思う"}

// English labels of the 5-point scale, index = value - 1.
var labelsEN = [scaleMax]string{"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"}

// Japanese question texts of the 16 items, in item order.
var questionsJA = [numItems]string{
	"連携先とは、必要な情報をタイムリーに共有できている。",
	"定期的な会議や報告の場があり、互いの状況を把握できている。",
	"支援の途中経過や気になったことを気軽に連絡し合える。",
	"連携先からの依頼は、目的が曖昧なまま伝わることが多い。",
	"連携先は約束したことを確実に実行してくれる。",
	"意見が違うときも、率直に話し合える。",
	"連携先は私たちの専門性を尊重している。",
	"困難なケースを連携先に「丸投げ」されていると感じることがある。",
	"自分たちと連携先の役割分担が明確である。",
	"誰が何をいつまでに行うかが合意されている。",
	"連携の窓口が明確で、担当者が替わっても関係が続く。",
	"支援が重複したり、抜け落ちたりすることがある。",
	"連携先と共通の目標を持っている。",
	"利用者にとって何が大切かについて、価値観を共有している。",
	"支援の成果をどう評価するかについて合意している。",
	"支援方針の判断を連携先と一緒に行っている。",
}
