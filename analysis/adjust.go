package analysis

import "renkei/stats"

// Adjustment is a method of adjusting p-values for multiple testing (stats.Adjustment).
//
// Kept for cmd/renkei until it moves; remove after.
type Adjustment = stats.Adjustment

// Adjustments, as stats names them.
//
// Kept for cmd/renkei until it moves; remove after.
const (
	AdjustBH   = stats.AdjustBH
	AdjustHolm = stats.AdjustHolm
)

// ParseAdjustment reads an adjustment name in any letter case (stats.ParseAdjustment).
//
// Kept for cmd/renkei until it moves; remove after.
var ParseAdjustment = stats.ParseAdjustment
