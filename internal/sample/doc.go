// Package sample holds renkei's built-in sample survey data, the
// deterministic generator that produces it, and the committed files it
// produced (embedded, so the binary can run on the sample without any input).
//
// # Files
//
// Generate(DefaultSeed) returns, and the directory holds:
//
//   - sample/responses.csv: the main response file (UTF-8, no BOM, LF line
//     endings). Header:
//     respondent,partnership,wave,org,partner,role,phase,submitted_at,
//     comm1..comm4,trust1..trust4,role1..role4,goal1..goal4.
//   - sample/export_sjis.csv: a small spreadsheet export from a Japanese
//     partner office, encoded as Shift_JIS (CP932), CRLF line endings.
//   - encoding/export_utf8.csv: the same export, byte-for-byte the same text
//     in UTF-8 (no BOM), so decoders can be checked against it.
//   - compare/before.csv, compare/after.csv: the higashi-school training
//     cohort's rows of responses.csv with phase before (2026Q2) and after
//     (2026Q3), same header: the input of 'renkei compare'.
//
// Inputs returns the two files under sample/ that the built-in sample run
// reads.
//
// # The instrument
//
// Sixteen 5-point Likert items, four per dimension: communication (comm1-4),
// trust (trust1-4), role clarity (role1-4) and shared goals (goal1-4).
// comm4, trust4 and role4 are reverse-worded and are written reversed
// (6 - x), as a respondent would answer them; goal4 is not reversed. About
// 2% of item cells are blank.
//
// # responses.csv
//
// 14 partnerships with kebab-case ids, each with 2 to 4 member
// organisations (readable ASCII names), over 8 quarterly waves 2025Q1 to
// 2026Q4. org is the respondent's organisation and partner the organisation
// being rated. Respondents (pseudonymous ids R0001...) form a panel with
// some turnover: each belongs to one partnership, org and role (top, middle,
// frontline, roughly 15/35/50%) and answers at most once per wave. Most
// partnerships have 27 to 43 responses per wave; in total there are more than
// 3,000 rows. Most rows write the wave as 2025Q1; a few write 2025-Q3 and a
// few write an ISO date inside the quarter (2026-02-14 for 2026Q1).
// submitted_at is always an ISO date inside the wave's quarter. Rows are
// ordered by wave, then submitted_at (a duplicate submission follows its
// original a few lines later).
//
// Answers follow a model per item: partnership x dimension level (plus the
// story changes below) + respondent effect + role effect (top +0.15,
// frontline -0.1) + a per-response dimension factor (sd 0.5) + item noise
// (sd 0.6), rounded and clipped to 1..5, which puts Cronbach's alpha per
// dimension between 0.7 and 0.9 (about 0.8 with the default seed). The
// deviations from the level (respondent, role and per-response effects) are
// centred within each partnership x wave x dimension, so a wave's latent mean
// equals its story level exactly and the observed means move only by item
// noise, rounding and clipping (which pulls levels near 1 or 5 towards 3).
//
// # The story
//
//  1. kita-hospital: trust declines steadily, from a level of 4.1 in 2025Q1
//     to 2.8 in 2026Q4 (a straight line across the 8 waves); the other
//     dimensions are stable.
//  2. higashi-school: a training takes place between 2026Q2 and 2026Q3.
//     Before it every dimension is flat at a level of 3.2. A cohort of 30
//     respondents answers in 2026Q2 with phase=before and again in 2026Q3
//     with phase=after (same respondent ids, so the design is paired). From
//     2026Q3 on the partnership's levels step up by +0.7 for communication
//     and role clarity and +0.3 for trust and shared goals, and stay up in
//     2026Q4. Every other row in the file has an empty phase.
//  3. midori-npo: exactly two member organisations; Midori Family Support
//     NPO rates every dimension at a level of 4.2, Higashi Child Welfare
//     Office at 2.8 (a perception gap), stable over time.
//  4. minami-care: too small to report, 2 to 4 responses per wave.
//  5. Central Community Support Center is a member of kita-hospital,
//     hokubu-dementia, higashi-school and nishi-city-office. It bridges two
//     groups of organisations (health and care in the north and south;
//     schools, welfare and the city in the east and west) that share no other
//     partnership: it is an articulation point of the organisation graph.
//
// All other partnerships are stable: each dimension has a fixed level
// between 3.4 and 4.1 and no drift at all across waves, only noise.
//
// # Messy rows
//
// A handful of otherwise normal rows of stable partnerships are altered,
// one alteration per row, at deterministic lines spread over the file:
//
//   - answers written as labels: "Strongly agree", "agree" (lower case),
//     "Neither agree nor disagree", "とてもそう思う", "あまりそう思わない"
//     (one item cell each);
//   - missing markers in an item cell: "NA", "N/A", "-", "無回答";
//   - one out-of-range answer "7" and one unparseable answer "maybe";
//   - one row with an empty partnership (org and partner still set);
//   - one row whose wave is "spring";
//   - 3 straight-lining rows: all 16 item cells are "5", reverse items
//     included;
//   - 2 duplicate submissions: a row repeated exactly (same respondent and
//     wave) a few lines after the original.
//
// # The export
//
// export_utf8.csv / export_sjis.csv hold 12 rows of nishi-city-office in
// 2026Q4, org one of its member organisations (the same names as in
// responses.csv), mixed roles, the wave written as an Excel date
// (2026/11/05, dates between October and December 2026) and no respondent
// column. The header is partnership,wave,org,role followed by the Japanese
// question texts of the 16 items in item order, and the answers are the
// Japanese scale labels (全くそう思わない = 1 ... とてもそう思う = 5), some
// blank.
package sample
