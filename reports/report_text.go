package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// reportMessages are the fixed texts of the report, English and Japanese. Texts with
// verbs are fmt formats; their arguments are already formatted for the language.
var reportMessages = map[string][2]string{
	"title":            {"Partnership health report", "連携の健全度レポート"},
	"cover.org":        {"Organisation", "組織"},
	"cover.period":     {"Period", "対象期間"},
	"cover.waves":      {"Waves", "調査回数"},
	"cover.responses":  {"Responses", "回答数"},
	"cover.partners":   {"Partnerships", "連携"},
	"cover.partners.v": {"%s (%s reported)", "%s（うち報告対象 %s）"},
	"cover.date":       {"Date", "作成日"},
	"cover.software":   {"Software", "ソフトウェア"},
	"cover.lead":       {"Collaboration health of every partnership: communication, trust, role clarity and shared goals, with their uncertainty.", "各連携の健全度（情報共有・信頼・役割の明確さ・目標の共有）と、その不確かさをまとめた報告書です。"},

	"summary.title":           {"Executive summary", "要約"},
	"summary.scope":           {"This report covers %s partnerships over %s waves (%s), from %s responses.", "本報告は、%s件の連携について%s回の調査（%s）で得た%s件の回答をまとめたものです。"},
	"summary.bands":           {"In the latest wave, health is in the strength band for %s, borderline for %s and of concern for %s of them.", "最新回の健全度は、%s件が「強み」、%s件が「境界」、%s件が「懸念」の帯にあります。"},
	"summary.unreported":      {"%s had fewer than %s responses in every wave and is not reported.", "%sは、どの回も回答が%s件未満のため報告していません。"},
	"summary.attention":       {"Needs attention", "注意が必要な連携"},
	"summary.none.attn":       {"No partnership shows a declining trend, a score below the borderline band or a gap between views.", "低下傾向、境界帯を下回る得点、視点間の差のいずれも見られる連携はありません。"},
	"summary.declining":       {"%s: %s is declining, by %s points per quarter (95%% CI %s); its mean in %s is %s.", "%s：%sが低下しています（四半期あたり%s点、95%%信頼区間%s）。%sの平均は%sです。"},
	"summary.declining.shift": {"%s: %s fell after %s and stayed down in both later waves (latest mean %s, effect size g = %s).", "%s：%sは%sの後に低下し、その後の2回とも低い水準のままです（最新回の平均%s、効果量 g = %s）。"},
	"summary.belowband":       {"%s: %s in %s is %s (95%% CI %s), below the borderline band.", "%s：%sの%sの平均は%s（95%%信頼区間%s）で、境界帯を下回っています。"},
	"summary.gap.also":        {" The gap also shows on %s.", "%sにも差が見られます。"},
	"summary.notcomp":         {"%s: the questionnaire changed between waves on %s; no trend is read across the change.", "%s：%sについて回の間で質問紙が変わったため、変化をまたいだ傾向は判断していません。"},
	"summary.gate":            {"The quality gate failed: %s.", "品質ゲートの基準を満たしませんでした：%s。"},
	"summary.improved":        {"What improved", "改善した点"},
	"summary.none.impr":       {"No partnership shows clear evidence of improvement.", "明確な改善の根拠がある連携はありません。"},
	"summary.improving.shift": {"%s: %s rose after %s and stayed up in both later waves (latest mean %s, effect size g = %s).", "%s：%sは%sの後に上昇し、その後の2回とも高い水準を保っています（最新回の平均%s、効果量 g = %s）。"},
	"summary.improving.slope": {"%s: %s is rising, by %s points per quarter (95%% CI %s); latest mean %s.", "%s：%sが上昇しています（四半期あたり%s点、95%%信頼区間%s）。最新回の平均は%sです。"},
	"summary.training":        {"What the training changed", "研修による変化"},
	"summary.cmp.scope":       {"%s (%s, before and after):", "%s（%s、事前と事後）："},
	"summary.cmp.moved":       {"%s %s points (95%% CI %s, %s)", "%sは%s点（95%%信頼区間%s、%s）"},
	"summary.cmp.none":        {"no clear change on %s", "%sには明確な変化なし"},
	"summary.cmp.hidden":      {"%s: fewer than %s respondents on one side; not shown.", "%s：事前・事後のいずれかの回答者が%s人未満のため表示していません。"},
	"summary.notrend":         {"No trend can be read yet for %s: fewer than %s waves with at least %s responses.", "%sは、回答%s件以上の回が%s回未満のため、まだ傾向を判断できません。"},
	"summary.quality":         {"Data: %s rows were read; %s were rejected and %s accepted responses have a flaw (see the appendix). Cronbach's alpha of the dimensions lies between %s and %s.", "データ：%s行を読み込み、%s行を除外しました。受け付けた回答のうち%s件に問題があります（付録参照）。各次元のクロンバックのαは%sから%sです。"},
	"list.sep":                {", ", "、"},
	"list.and":                {" and ", "と"},
	"sentence.sep":            {"; ", "。"},
	"sentence.end":            {".", "。"},

	"overview.title":          {"All partnerships at a glance", "全連携の概要"},
	"summary.more.attention":  {"Partnerships with such a flag that this report does not detail (see “All partnerships at a glance”): %s; summary.json, trends.csv and gaps.csv list them all.", "ほかに%s件の連携に同様のフラグがありますが、本レポートでは詳しく示していません（「全連携の概要」を参照）。summary.json、trends.csv、gaps.csv にすべて載っています。"},
	"summary.more.improved":   {"Partnerships that improved but are not detailed in this report: %s; summary.json and trends.csv list them all.", "ほかに%s件の連携が改善しましたが、本レポートでは詳しく示していません。summary.json と trends.csv にすべて載っています。"},
	"detail.lead":             {"%s partnerships have results; this report details the %s that need attention most — flagged ones first, then the lowest health — in the charts and on their own pages. Every partnership is in the tables (scores.csv, trends.csv, gaps.csv); RENKEI_REPORT_PARTNERSHIPS=0 details them all.", "結果のある連携は%s件です。本レポートでは、注意が最も必要な%s件（フラグのある連携、次に健全度の低い順）をグラフと個別ページで詳しく示します。すべての連携は表（scores.csv、trends.csv、gaps.csv）にあります。RENKEI_REPORT_PARTNERSHIPS=0 ですべてを詳しく示します。"},
	"overview.lead":           {"Each partnership's health in its latest wave with its 95% confidence interval, then every dimension as a heatmap. Colours follow the bands; the numbers are the means.", "各連携の最新回の健全度（95%信頼区間つき）と、次元ごとのヒートマップです。色は帯を、数字は平均を表します。"},
	"partnership.lead":        {"Latest wave %s: %s responses. Reported in %s of %s waves.", "最新回%s：回答%s件。%s回中%s回で報告対象。"},
	"partnership.lead.hidden": {"Latest wave %s: fewer than %s responses.", "最新回%s：回答%s件未満。"},
	"scores.title":            {"Scores in %s", "%sの得点"},
	"col.dimension":           {"Dimension", "次元"},
	"col.n":                   {"n", "n"},
	"col.mean":                {"Mean", "平均"},
	"col.ci":                  {"95% CI", "95%信頼区間"},
	"col.median":              {"Median", "中央値"},
	"col.favorable":           {"Favourable", "肯定的回答"},
	"col.band":                {"Band", "帯"},
	"col.change":              {"Change", "前回比"},
	"col.group":               {"Group", "グループ"},
	"col.kind":                {"By", "区分"},
	"kind.org":                {"Organisation", "組織"},
	"kind.role":               {"Role", "役職"},
	"fewer":                   {"fewer than %s responses", "回答%s件未満"},
	"hidden.complementary":    {"not shown, to protect a smaller group", "非表示（個人特定防止のため）"},
	"flags.title":             {"Flags", "フラグ"},
	"flags.none":              {"No flag: no evidence of a trend, and no score below the borderline band.", "フラグなし：傾向の根拠はなく、境界帯を下回る得点もありません。"},
	"flag.declining.slope":    {"%s: declining, %s points per quarter (95%% CI %s; adjusted p %s).", "%s：低下（四半期あたり%s点、95%%信頼区間%s、調整済みp %s）。"},
	"flag.improving.slope":    {"%s: improving, %s points per quarter (95%% CI %s; adjusted p %s).", "%s：改善（四半期あたり%s点、95%%信頼区間%s、調整済みp %s）。"},
	"flag.declining.shift":    {"%s: declining since %s, in both later waves (g = %s; adjusted p %s).", "%s：%s以降の2回とも低下（g = %s、調整済みp %s）。"},
	"flag.improving.shift":    {"%s: improving since %s, in both later waves (g = %s; adjusted p %s).", "%s：%s以降の2回とも改善（g = %s、調整済みp %s）。"},
	"flag.below_band":         {"%s: the latest wave's 95%% CI (%s) lies below the borderline band.", "%s：最新回の95%%信頼区間（%s）が境界帯を下回っています。"},
	"flag.not_comparable":     {"%s: the questionnaire changed between waves; no trend is read.", "%s：回の間で質問紙が変わったため、傾向は判断していません。"},
	"flag.too_few_waves":      {"No trend yet: fewer than %s waves with at least %s responses.", "回答%s件以上の回が%s回未満のため、傾向はまだ判断できません。"},
	"breakdown.title":         {"By organisation and role, %s", "組織別・役職別（%s）"},
	"breakdown.none":          {"No organisation or role has %s or more responses in this wave.", "この回に回答%s件以上の組織・役職はありません。"},
	"unreported.title":        {"Partnerships not reported", "報告対象外の連携"},
	"unreported.lead":         {"These partnerships had fewer than %s responses in every wave. Their results are not shown anywhere, to protect the respondents: %s.", "次の連携は、どの回も回答が%s件未満でした。回答者を守るため、結果はどこにも掲載していません：%s。"},

	"compare.title":     {"Before and after", "事前・事後の比較"},
	"compare.none":      {"This run compares nothing: no response carries a phase, and no waves were chosen to compare.", "この実行には比較対象がありません（phase列のある回答も、比較する回の指定もありません）。"},
	"compare.paired":    {"%s respondents answered both before and after and are paired by their id (paired t test, Cohen's d_z).", "%s人が事前と事後の両方に回答しており、IDで対応づけています（対応のあるt検定、Cohenのd_z）。"},
	"compare.unpaired":  {"%s responses before and %s after, compared as independent samples (Welch's t test, Hedges' g).", "事前%s件・事後%s件の回答を独立した標本として比較しています（Welchのt検定、Hedgesのg）。"},
	"compare.protected": {"%s: not shown, to protect a smaller group.", "%s：他の数値との差し引きで少人数の回答が推測されるおそれがあるため、掲載していません。"},
	"compare.hidden":    {"%s: fewer than %s respondents; not shown.", "%s：回答者が%s人未満のため、掲載していません。"},
	"col.before":        {"Before", "事前"},
	"col.after":         {"After", "事後"},
	"col.diff":          {"Change (95% CI)", "変化（95%信頼区間）"},
	"col.effect":        {"Effect", "効果量"},
	"col.pholm":         {"p (Holm)", "p（Holm）"},
	"col.verdict":       {"Reading", "判定"},
	"compare.note":      {"A change is called improved or declined only when its 95% CI excludes zero and its Holm-adjusted p is below 0.05; otherwise it is no clear change, which is not the same as no effect.", "95%信頼区間が0を含まず、Holm法で調整したpが0.05未満のときだけ「改善」「低下」と判定します。それ以外は「明確な変化なし」で、「効果がない」という意味ではありません。"},

	"appendix.title": {"Appendix: reliability and data quality", "付録：信頼性とデータの質"},
	"rel.title":      {"Reliability of each dimension, all waves", "各次元の信頼性（全回）"},
	"col.alpha":      {"Alpha (95% CI)", "α（95%信頼区間）"},
	"col.stdalpha":   {"Std. alpha", "標準化α"},
	"col.omega":      {"Omega", "ω"},
	"col.avgr":       {"Mean r", "平均r"},
	"col.warnings":   {"Notes", "注記"},
	"rel.waves":      {"Alpha per wave", "回ごとのα"},
	"col.wave":       {"Wave", "回"},
	"inputs.title":   {"Input files", "入力ファイル"},
	"col.file":       {"File", "ファイル"},
	"col.encoding":   {"Encoding", "文字コード"},
	"col.rows":       {"Rows", "行数"},
	"col.rejected":   {"Rejected", "除外"},
	"problems.title": {"Problems found", "見つかった問題"},
	"problems.none":  {"No problem was found in the input.", "入力に問題は見つかりませんでした。"},
	"col.code":       {"Problem", "問題"},
	"col.severity":   {"Severity", "重大度"},
	"col.count":      {"Count", "件数"},
	"quality.lead":   {"%s rows read, %s rejected; %s accepted responses have a flaw; %s of the answers are missing. Every problem, with its file and line, is listed in quality.csv.", "%s行を読み込み、%s行を除外。受け付けた回答のうち%s件に問題があり、回答の%sが欠損しています。問題はすべてファイル名と行番号つきでquality.csvに記載しています。"},
	"items.title":    {"Missing answers per item", "項目ごとの欠損"},
	"col.item":       {"Item", "項目"},
	"col.answered":   {"Answered", "回答"},
	"col.missing":    {"Missing", "欠損"},

	"method.title":       {"Method notes", "方法についての注記"},
	"method.scores":      {"Scores. A respondent's dimension score is the mean of the dimension's answered items after reverse-coding reverse-worded items (min + max − answer); it is missing when fewer than half of the items are answered. Health is the mean of the dimension scores. Per partnership and wave: n, mean, sample SD (n − 1), the 95% CI of the mean from Student's t with n − 1 degrees of freedom, the median, and the favourable share (answers in the top two scale points).", "得点：回答者の次元得点は、逆転項目を反転（最小値＋最大値−回答）したうえで、その次元の回答済み項目の平均です。項目の半数未満しか回答がない場合は欠損とします。健全度は各次元得点の平均です。連携・回ごとに、n、平均、標本標準偏差（n−1）、自由度n−1のt分布による平均の95%信頼区間、中央値、肯定的回答の割合（上位2段階の回答）を求めています。"},
	"method.bands":       {"Bands, after the Wilder Collaboration Factors Inventory: a mean of %s or more is strength, %s up to %s borderline, below %s concern (scale %s–%s).", "帯（Wilder Collaboration Factors Inventoryに準拠）：平均%s以上を「強み」、%s以上%s未満を「境界」、%s未満を「懸念」とします（尺度%s〜%s）。"},
	"method.trends":      {"Trends. Over the waves in which a partnership reached k: the OLS slope per quarter with its 95%% CI, Theil–Sen slope and Mann–Kendall test; the change from the previous wave with Welch's t test and Hedges' g. Declining and improving need evidence: a slope (adjusted p below %s, confirmed by Mann–Kendall, fitted change of at least %s SDs) or a shift seen in both of the last two waves (Welch, |g| ≥ %s). P-values are adjusted across the run (%s). below_band: the latest wave's 95%% CI lies below the borderline band. A trend needs at least %s waves.", "傾向：連携がkに達した回について、四半期あたりのOLS傾き（95%%信頼区間）、Theil–Sen傾き、Mann–Kendall検定を、前回からの変化についてWelchのt検定とHedgesのgを求めています。「低下」「改善」には根拠が必要です：傾き（調整済みpが%s未満、Mann–Kendallで同じ向き、当てはめた変化が%sSD以上）、または直近2回がともにその前の回と同じ向きに異なること（Welch、|g|が%s以上）。p値は実行全体で調整しています（%s）。below_band：最新回の95%%信頼区間が境界帯を下回ること。傾向の判断には%s回以上が必要です。"},
	"method.gap":         {"Gaps between views: in each wave and on each dimension, one organisation's rating of another against the reverse (when responses name the partner rated), otherwise every two member organisations' views, and the top layer against the frontline, compared with Welch's t test (the gap with its 95%% CI). A gap is flagged (asymmetric, perception_gap, layer_gap) when its p-value, adjusted across the run's gaps of one kind (%s), is below 0.05, it is at least %s points (for layers: the frontline below the top), and the same holds in the reported wave before or after it.", "視点間の差：各回・各次元について、ある組織から相手への評価とその逆（回答に評価対象の組織がある場合）、それ以外は構成組織2つずつの評価、および管理職層と現場の評価を、Welchのt検定で比較しています（差と95%%信頼区間）。同じ種類の差について実行全体で調整したp値（%s）が0.05未満、差が%s点以上（階層については現場が管理職より低い場合のみ）で、前後いずれかの報告回でも同じ結果のとき、フラグ（asymmetric、perception_gap、layer_gap）を立てます。"},
	"method.compare":     {"Before and after: paired by respondent id where ids match (paired t test, Wilcoxon signed-rank test, Cohen's d_z, bootstrap CI with a fixed seed), otherwise as independent samples (Welch's t test, Mann–Whitney test, Hedges' g); p-values Holm-adjusted across the dimensions.", "事前・事後：IDで対応づけられる場合は対応のある比較（対応のあるt検定、Wilcoxonの符号付順位検定、Cohenのd_z、固定シードのブートストラップ信頼区間）、それ以外は独立した標本の比較（Welchのt検定、Mann–Whitney検定、Hedgesのg）です。p値は次元間でHolm法により調整しています。"},
	"method.reliability": {"Reliability: Cronbach's alpha as R's psych::alpha computes it (pairwise covariances), with Feldt's 95% CI, and McDonald's omega total from a one-factor model.", "信頼性：クロンバックのα（Rのpsych::alphaと同じ計算、ペアワイズ共分散）とFeldtの95%信頼区間、1因子モデルによるマクドナルドのωです。"},
	"method.privacy":     {"Privacy: a group with fewer than k = %s respondents shows no statistic anywhere, only \"fewer than %s responses\"; a further group is hidden when it would let a reader recover a hidden one by subtraction (complementary suppression). In this run, on health, %[4]s of %[3]s groups (partnerships, organisations and roles, per wave) were hidden: %[5]s for having fewer than k respondents, %[6]s to protect a smaller group; %[7]s partnership(s) were not reported at all. Respondent ids appear in no output.", "プライバシー：回答者がk = %s人未満のグループは、どこにも統計値を示さず「回答%s件未満」とだけ表示します。差し引きで非表示のグループが推定できてしまう場合は、別のグループも非表示にします（補完的秘匿）。今回の実行では、健全度について%s件のグループ（回ごとの連携・組織・役職）のうち%s件を非表示にしました（少人数のため%s件、少人数のグループを守るため%s件）。まったく報告していない連携は%s件です。回答者IDはどの出力にも含まれません。"},
	"method.rounding":    {"Numbers in this report are rounded for reading; scores.csv, trends.csv, compare.csv and summary.json carry them at full precision.", "本報告の数値は読みやすさのため丸めています。scores.csv、trends.csv、compare.csv、summary.jsonには丸めない値を記録しています。"},
	"method.software":    {"Produced by renkei %s with the %s codebook (scale %s–%s), fiscal year starting in month %s.", "renkei %sで作成。コードブック：%s（尺度%s〜%s）、会計年度の開始月：%s月。"},
	"method.date":        {"Date of the data: %s.", "作成日：%s。"},

	"verdict.improved":             {"improved", "改善"},
	"verdict.declined":             {"declined", "低下"},
	"verdict.no clear change":      {"no clear change", "明確な変化なし"},
	"verdict.not clear after Holm": {"not clear after Holm", "Holm調整後は不明確"},
	"verdict.not testable":         {"not testable", "検定不能"},
	"band.strength":                {"strength", "強み"},
	"band.borderline":              {"borderline", "境界"},
	"band.concern":                 {"concern", "懸念"},
	"design.paired":                {"paired", "対応あり"},
	"design.unpaired":              {"unpaired", "対応なし"},
	"severity.error":               {"error", "エラー"},
	"severity.warning":             {"warning", "警告"},
	"severity.info":                {"note", "情報"},
	"adjust.bh":                    {"Benjamini–Hochberg", "Benjamini–Hochberg法"},
	"adjust.holm":                  {"Holm", "Holm法"},
	"adjust.none":                  {"none", "調整なし"},
	"footer.page":                  {"Page %d of {nb}", "%d / {nb} ページ"},
	"table.part":                   {"%s (part %s of %s)", "%s（その%s／全%s）"},
	"table.part.bare":              {"Part %s of %s", "表 %s／%s（列が多いため分割して掲載）"},
}

// reportText formats texts and numbers for one language.
type reportText struct{ lang string }

// t returns the text of key; a missing key shows as itself, so that a test finds it.
func (rt reportText) t(key string) string {
	m, ok := reportMessages[key]
	if !ok {
		return key
	}
	if rt.lang == "ja" {
		return m[1]
	}
	return m[0]
}

// f formats the text of key with args.
func (rt reportText) f(key string, args ...any) string { return fmt.Sprintf(rt.t(key), args...) }

// num rounds v to d decimals, with a true minus sign; NaN is a dash.
func (rt reportText) num(v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-") // no "−0.00"
	}
	return strings.Replace(s, "-", "−", 1)
}

// signed is num with a plus sign on positive values.
func (rt reportText) signed(v float64, d int) string {
	s := rt.num(v, d)
	if v > 0 && s != "–" && strings.Trim(s, "0.") != "" {
		return "+" + s
	}
	return s
}

// count writes a whole number with thousands separators (the same in both languages).
func (rt reportText) count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// pct writes a share 0–1 as a percentage with d decimals.
func (rt reportText) pct(v float64, d int) string {
	if math.IsNaN(v) {
		return "–"
	}
	return rt.num(100*v, d) + "%"
}

// interval writes a range: "3.21 to 3.74" in English, "3.21〜3.74" in Japanese; with a
// negative bound the English form keeps "to" so that the minus sign reads clearly.
func (rt reportText) interval(lo, hi float64, d int) string {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return "–"
	}
	if rt.lang == "ja" {
		return rt.num(lo, d) + "〜" + rt.num(hi, d)
	}
	return rt.num(lo, d) + " to " + rt.num(hi, d)
}

// span writes a range of labels, first–last.
func (rt reportText) span(first, last string) string {
	if first == last {
		return first
	}
	if rt.lang == "ja" {
		return first + "〜" + last
	}
	return first + "–" + last
}

// p writes a p-value: three decimals, or "< 0.001".
func (rt reportText) p(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	if v < 0.001 {
		return "< 0.001"
	}
	return rt.num(v, 3)
}

// date writes a day: 22 November 2026, or 2026年11月22日.
func (rt reportText) date(t time.Time) string {
	t = t.UTC()
	if rt.lang == "ja" {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
}

// sentences joins whole sentences: with a space in English, directly in Japanese.
func (rt reportText) sentences(s []string) string {
	if rt.lang == "ja" {
		return strings.Join(s, "")
	}
	return strings.Join(s, " ")
}

// list joins items: "a, b and c", or 「a、b、c」.
func (rt reportText) list(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	if rt.lang == "ja" {
		return strings.Join(items, rt.t("list.sep"))
	}
	return strings.Join(items[:len(items)-1], rt.t("list.sep")) + rt.t("list.and") + items[len(items)-1]
}
