<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Fit Gaussian mixture models by expectation-maximisation without writing code: open a table, choose the columns and the number of components, and watch EM converge.</source>
        <translation>无需编写代码，用期望最大化（EM）算法拟合高斯混合模型：打开一个表格，选择列和分量个数，观察 EM 逐步收敛。</translation>
    </message>
    <message>
        <source>Engine: the compiled engine is still loading; until it is ready, fits run on the reference NumPy engine.</source>
        <translation>计算引擎：快速计算引擎仍在加载；加载完成之前，拟合使用参考计算引擎（NumPy）。</translation>
    </message>
    <message>
        <source>Engine: compiled (numba {numba}, threads: {threads}).</source>
        <translation>计算引擎：快速计算引擎（已编译，numba {numba}，线程数：{threads}）。</translation>
    </message>
    <message>
        <source>Engine: the reference NumPy engine (slower on large files); the compiled engine is not available: {reason}</source>
        <translation>计算引擎：参考计算引擎（NumPy，处理大文件较慢）；快速计算引擎不可用：{reason}</translation>
    </message>
    <message>
        <source>Compiled kernels are cached in {folder}</source>
        <translation>已编译的计算内核缓存在 {folder}</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>About {name}</source>
        <translation>关于 {name}</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Built with&lt;/b&gt;</source>
        <translation>&lt;b&gt;所用组件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>&lt;b&gt;Demo data&lt;/b&gt;</source>
        <translation>&lt;b&gt;示例数据&lt;/b&gt;</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Qt and PySide6 are used under the GNU LGPL version 3; their libraries are separate files of this program and can be replaced. The licence texts of all components are included with the program.</source>
        <translation>Qt 和 PySide6 依据 GNU LGPL 第 3 版使用；它们的库是本程序中独立的文件，可以替换。所有组件的许可证全文均随程序提供。</translation>
    </message>
</context>
<context>
    <name>AgreementPanel</name>
    <message>
        <source>Nothing is known about the true groups of these data yet.

• If your table has a column that says which group each row belongs to (for example sex), choose it as the label column on the Data tab: a table of groups against components and the adjusted Rand index will appear here.
• If you generate synthetic data (Data ▸ Generate synthetic data…), the true parameters are known and are compared here with the fitted ones.</source>
        <translation>目前还不知道这些数据的真实分组。

• 如果表格中有一列说明每行属于哪个组（例如性别），请在“数据”选项卡中把它选为标签列：这里将显示分组与分量的对照表以及调整兰德指数。
• 如果生成模拟数据（数据 ▸ 生成模拟数据…），真实参数是已知的，这里会把它们与拟合值进行比较。</translation>
    </message>
    <message>
        <source>Run a fit to see how its components agree with what is known about the data.</source>
        <translation>运行一次拟合，查看其分量与数据的已知信息是否一致。</translation>
    </message>
    <message>
        <source>Adjusted Rand index {ari} (1 = the components match the groups exactly, 0 = no better than chance)</source>
        <translation>调整兰德指数 {ari}（1 = 分量与分组完全一致，0 = 不比随机分配好）</translation>
    </message>
    <message>
        <source>How many rows of each known group (rows) each component (columns) took. A perfect match has one large number per row and per column.</source>
        <translation>每个已知分组（行）中有多少行被各分量（列）取走。完全匹配时，每行、每列都只有一个大数。</translation>
    </message>
    <message>
        <source>The parameters the data were drawn from against the fitted ones; each fitted component is paired with the true component whose mean is closest.</source>
        <translation>生成数据所用的真实参数与拟合参数的对照；每个拟合分量与均值最接近的真实分量配对。</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>&lt;b&gt;Known groups (&apos;{label}&apos;) against components&lt;/b&gt; — rows of each group that each component took</source>
        <translation>&lt;b&gt;已知分组（“{label}”）与分量的对照&lt;/b&gt; — 每个分量取走的各组行数</translation>
    </message>
    <message>
        <source>component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>Rows whose most likely component is {k}</source>
        <translation>最可能属于分量 {k} 的行</translation>
    </message>
    <message>
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source> Only the first {shown} of {n} groups are listed.</source>
        <translation> 共 {n} 个组，仅列出前 {shown} 个。</translation>
    </message>
    <message>
        <source>{group}: {percent}% in component {k}</source>
        <translation>{group}：{percent}% 在分量 {k}</translation>
    </message>
    <message>
        <source>Largest share of each group: {shares}</source>
        <translation>各组的最大占比：{shares}</translation>
    </message>
    <message>
        <source>column {i}</source>
        <translation>第 {i} 列</translation>
    </message>
    <message>
        <source>&lt;b&gt;True against fitted parameters&lt;/b&gt; (these data were generated, so the truth is known; difference = fitted − true)</source>
        <translation>&lt;b&gt;真实参数与拟合参数对照&lt;/b&gt;（这些数据是生成的，因此真实值已知；差值 = 拟合值 − 真实值）</translation>
    </message>
    <message>
        <source>component</source>
        <translation>分量</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>fitted</source>
        <translation>拟合值</translation>
    </message>
    <message>
        <source>difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>mean {column}</source>
        <translation>均值 {column}</translation>
    </message>
    <message>
        <source>sd {column}</source>
        <translation>标准差 {column}</translation>
    </message>
    <message>
        <source>correlation {a}–{b}</source>
        <translation>{a}–{b} 相关系数</translation>
    </message>
    <message>
        <source>{i} (fitted {j})</source>
        <translation>{i}（拟合分量 {j}）</translation>
    </message>
    <message>
        <source>True component {i}, paired with fitted component {j}</source>
        <translation>真实分量 {i}，与拟合分量 {j} 配对</translation>
    </message>
    <message>
        <source>{n} true component(s) have no fitted partner: the fit has fewer.</source>
        <translation>有 {n} 个真实分量没有对应的拟合分量：拟合的分量更少。</translation>
    </message>
    <message>
        <source>{n} fitted component(s) have no true partner: the fit has more.</source>
        <translation>有 {n} 个拟合分量没有对应的真实分量：拟合的分量更多。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>GMM Desktop did not close properly last time.
Restore the last finished fit?</source>
        <translation>GMM Desktop 上次没有正常关闭。
要恢复最近一次完成的拟合吗？</translation>
    </message>
</context>
<context>
    <name>ChooseKView</name>
    <message>
        <source>Each component has its own shape, size and tilt (the most flexible model).</source>
        <translation>每个分量有各自的形状、大小和倾斜方向（最灵活的模型）。</translation>
    </message>
    <message>
        <source>Each component has its own size along each column, but no tilt.</source>
        <translation>每个分量在各列方向上有各自的大小，但没有倾斜。</translation>
    </message>
    <message>
        <source>Each component is round: one spread for all columns.</source>
        <translation>每个分量都是圆形的：所有列共用一个离散程度。</translation>
    </message>
    <message>
        <source>All components share one shape and size; only their centres differ.</source>
        <translation>所有分量共用同一形状和大小，只有中心不同。</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>covariance</source>
        <translation>协方差</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数个数</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>AIC</source>
        <translation>AIC</translation>
    </message>
    <message>
        <source>SABIC</source>
        <translation>SABIC</translation>
    </message>
    <message>
        <source>CAIC</source>
        <translation>CAIC</translation>
    </message>
    <message>
        <source>AWE</source>
        <translation>AWE</translation>
    </message>
    <message>
        <source>ICL</source>
        <translation>ICL</translation>
    </message>
    <message>
        <source>ICL (entropy)</source>
        <translation>ICL（熵）</translation>
    </message>
    <message>
        <source>entropy</source>
        <translation>熵</translation>
    </message>
    <message>
        <source>average posterior</source>
        <translation>平均后验概率</translation>
    </message>
    <message>
        <source>smallest class</source>
        <translation>最小类</translation>
    </message>
    <message>
        <source>starts reaching best</source>
        <translation>达到最佳的起点</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>退化</translation>
    </message>
    <message>
        <source>BLRT p (K-1 vs K)</source>
        <translation>BLRT p（K-1 对 K）</translation>
    </message>
    <message>
        <source>LMR p</source>
        <translation>LMR p</translation>
    </message>
    <message>
        <source> — collapsed, never chosen as best</source>
        <translation> — 已退化，不会被选为最佳</translation>
    </message>
    <message>
        <source>Click to show this model</source>
        <translation>点击显示此模型</translation>
    </message>
    <message>
        <source>The numbers of components (groups) to try, from … to …</source>
        <translation>要尝试的分量（组）个数，从 … 到 …</translation>
    </message>
    <message>
        <source>How many different starts EM tries for each model; the best one is kept.
More starts make it less likely to end in a poor solution, but take longer.</source>
        <translation>每个模型 EM 尝试的不同初始值个数，保留最好的一个。
初始值越多，越不容易陷入较差的解，但耗时更长。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Fit every model in the range, one after another. EM stops by the rule,
tolerance and iteration limit of the Fit settings.</source>
        <translation>依次拟合范围内的每个模型。EM 按“拟合设置”中的停止规则、
收敛容差和最大迭代次数停止。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the model being fitted; keep the finished ones</source>
        <translation>拟合完当前模型后停止；保留已完成的模型</translation>
    </message>
    <message>
        <source>Bootstrap data sets per test: 99 is usual; more give a more precise p-value but take longer (each is fitted with K-1 and with K components)</source>
        <translation>每个检验的自助（bootstrap）数据集个数：通常取 99；越多 p 值越精确，但耗时越长（每个数据集都要分别用 K-1 和 K 个分量拟合）</translation>
    </message>
    <message>
        <source>Test K-1 vs K</source>
        <translation>检验 K-1 对 K</translation>
    </message>
    <message>
        <source>For every K whose K-1 was fitted (same covariance type): the bootstrap likelihood-ratio test (BLRT) and the Lo-Mendell-Rubin test. A small p (below 0.05) says K components fit clearly better than K-1.</source>
        <translation>对每个已拟合了 K-1 的 K（相同协方差类型）：自助似然比检验（BLRT）和 Lo-Mendell-Rubin 检验。p 很小（低于 0.05）说明 K 个分量的拟合明显优于 K-1 个。</translation>
    </message>
    <message>
        <source>Components K from</source>
        <translation>分量个数 K 从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Starts per model</source>
        <translation>每个模型的初始值个数</translation>
    </message>
    <message>
        <source>Covariance types:</source>
        <translation>协方差类型：</translation>
    </message>
    <message>
        <source>Also show:</source>
        <translation>同时显示：</translation>
    </message>
    <message>
        <source>Akaike&apos;s criterion (dashed): penalises extra parameters less than BIC, so it tends to pick more components.</source>
        <translation>赤池信息准则（虚线）：对额外参数的惩罚比 BIC 轻，因此倾向于选择更多分量。</translation>
    </message>
    <message>
        <source>BIC plus a penalty for overlapping components (dotted): prefers well-separated groups.</source>
        <translation>BIC 加上对分量重叠的惩罚（点线）：偏好分离良好的组。</translation>
    </message>
    <message>
        <source>Lower is better. BIC rewards a good fit but charges for every extra parameter. Click a point or a table row to look at that model.</source>
        <translation>越低越好。BIC 奖励良好的拟合，但对每个额外参数都有惩罚。点击图中的点或表格中的行可查看该模型。</translation>
    </message>
    <message>
        <source>number of components K</source>
        <translation>分量个数 K</translation>
    </message>
    <message>
        <source>{criteria} (lower is better)</source>
        <translation>{criteria}（越低越好）</translation>
    </message>
    <message>
        <source>The model with the lowest BIC (collapsed fits excluded)</source>
        <translation>BIC 最低的模型（不含退化的拟合）</translation>
    </message>
    <message>
        <source>Click a row to show that model in the main plots</source>
        <translation>点击一行，在主图中显示该模型</translation>
    </message>
    <message>
        <source>How well the model explains the data (higher is better)</source>
        <translation>模型对数据的解释程度（越高越好）</translation>
    </message>
    <message>
        <source>Bayesian information criterion: -2 log-likelihood + parameters × ln(rows)</source>
        <translation>贝叶斯信息准则：-2 × 对数似然 + 参数个数 × ln(行数)</translation>
    </message>
    <message>
        <source>Akaike information criterion: -2 log-likelihood + 2 × parameters</source>
        <translation>赤池信息准则：-2 × 对数似然 + 2 × 参数个数</translation>
    </message>
    <message>
        <source>mclust&apos;s integrated completed likelihood, lower is better: BIC - 2 × the sum over rows of ln(largest responsibility); mclust shows it with the opposite sign</source>
        <translation>mclust 的积分完全似然（ICL），越低越好：BIC - 2 × 各行 ln(最大责任度) 之和；mclust 显示的符号与此相反</translation>
    </message>
    <message>
        <source>Free parameters p: K-1 weights, K×d means and the covariances the type allows</source>
        <translation>自由参数个数 p：K-1 个权重、K×d 个均值，以及该协方差类型允许的协方差参数</translation>
    </message>
    <message>
        <source>Sample-size-adjusted BIC: -2 log-likelihood + parameters × ln((rows + 2) / 24)</source>
        <translation>样本量调整的 BIC：-2 × 对数似然 + 参数个数 × ln((行数 + 2) / 24)</translation>
    </message>
    <message>
        <source>Consistent AIC: -2 log-likelihood + parameters × (ln(rows) + 1)</source>
        <translation>一致 AIC：-2 × 对数似然 + 参数个数 × (ln(行数) + 1)</translation>
    </message>
    <message>
        <source>Approximate weight of evidence (Banfield and Raftery 1993): -2 classification log-likelihood + 2 × parameters × (3/2 + ln(rows))</source>
        <translation>近似证据权重（Banfield 和 Raftery 1993）：-2 × 分类对数似然 + 2 × 参数个数 × (3/2 + ln(行数))</translation>
    </message>
    <message>
        <source>BIC + 2 × the entropy of the responsibilities</source>
        <translation>BIC + 2 × 责任度的熵</translation>
    </message>
    <message>
        <source>Relative entropy 1 - E / (rows × ln K): 1 when every row clearly belongs to one component, near 0 when the components overlap (1 for K = 1)</source>
        <translation>相对熵 1 - E / (行数 × ln K)：每一行都明确属于某个分量时为 1，分量相互重叠时接近 0（K = 1 时为 1）</translation>
    </message>
    <message>
        <source>For each component, the mean responsibility of the rows assigned to it (near 1: those rows are clearly its own)</source>
        <translation>每个分量中，被分到该分量的各行的平均责任度（接近 1：这些行明确属于它）</translation>
    </message>
    <message>
        <source>Rows in the smallest component (most likely assignment), and their share; under 5% or under 25 rows is marked</source>
        <translation>最小分量中的行数（按最可能的分量分配）及其占比；低于 5% 或少于 25 行时会标出</translation>
    </message>
    <message>
        <source>How many starts ended at the best log-likelihood found: once only means a better fit may exist</source>
        <translation>有多少个起点最终达到了找到的最佳对数似然；只有一个时，可能还存在更好的拟合</translation>
    </message>
    <message>
        <source>Bootstrap likelihood-ratio test of K-1 against K components: the share of data sets drawn from the K-1 model whose likelihood ratio reached the observed one, ± its Monte Carlo error. Small (below 0.05): K fits clearly better</source>
        <translation>K-1 对 K 个分量的自助似然比检验：从 K-1 模型抽取的数据集中，似然比达到观测值的比例，± 其蒙特卡罗误差。很小（低于 0.05）：K 的拟合明显更好</translation>
    </message>
    <message>
        <source>Lo-Mendell-Rubin adjusted likelihood-ratio test of K-1 against K (an approximation, no refits): small means K fits clearly better</source>
        <translation>K-1 对 K 的 Lo-Mendell-Rubin 校正似然比检验（近似方法，无需重新拟合）：很小说明 K 的拟合明显更好</translation>
    </message>
    <message>
        <source>Nothing to test: fit at least two neighbouring K of one covariance type.</source>
        <translation>没有可检验的模型：请对同一种协方差类型至少拟合两个相邻的 K。</translation>
    </message>
    <message>
        <source>Testing K-1 against K: {n} of {total} tests done…</source>
        <translation>正在检验 K-1 对 K：已完成 {total} 个检验中的 {n} 个…</translation>
    </message>
    <message>
        <source>Done: {n} tests of K-1 against K ({b} bootstrap replicates each). A p below 0.05 says K fits clearly better than K-1.</source>
        <translation>完成：{n} 个 K-1 对 K 的检验（每个 {b} 次自助重复）。p 低于 0.05 说明 K 的拟合明显优于 K-1。</translation>
    </message>
    <message>
        <source>The tests stopped: {message}</source>
        <translation>检验已停止：{message}</translation>
    </message>
    <message>
        <source>Tests stopped: {n} of {total} done.</source>
        <translation>检验已停止：已完成 {total} 个中的 {n} 个。</translation>
    </message>
    <message>
        <source>Only {count} of {n} rows ({percent}%) are in component {k}: a component under 5% or under 25 rows may be a few unusual rows rather than a group.</source>
        <translation>{n} 行中只有 {count} 行（{percent}%）属于分量 {k}：低于 5% 或少于 25 行的分量可能只是几行异常数据，而不是一个真正的群组。</translation>
    </message>
    <message>
        <source>A component shrank onto a few identical values: its likelihood is not trustworthy, so this model is never chosen as best</source>
        <translation>某个分量收缩到了少数几个相同的值上：其似然不可信，因此该模型不会被选为最佳</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>默认列</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>列…</translation>
    </message>
    <message>
        <source>Choose the columns of the table (or right-click its header)</source>
        <translation>选择表格显示的列（也可以右键单击表头）</translation>
    </message>
    <message>
        <source>With one column, &apos;{type}&apos; is the same model as &apos;full&apos;.</source>
        <translation>只有一列时，“{type}”与“full”是同一个模型。</translation>
    </message>
    <message>
        <source>Open data and choose columns to compare models.</source>
        <translation>打开数据并选择列，以比较模型。</translation>
    </message>
    <message>
        <source>{n} rows, {d} column. Press Run to fit every model.</source>
        <translation>{n} 行，{d} 列。按“运行”拟合每个模型。</translation>
    </message>
    <message>
        <source>{n} rows, {d} columns. Press Run to fit every model.</source>
        <translation>{n} 行，{d} 列。按“运行”拟合每个模型。</translation>
    </message>
    <message>
        <source>Tick at least one covariance type.</source>
        <translation>请至少勾选一种协方差类型。</translation>
    </message>
    <message>
        <source>The data have only {n} rows: every K asked for needs more rows. Choose K of at most {n}.</source>
        <translation>数据只有 {n} 行：所要求的每个 K 都需要更多的行。请选择不超过 {n} 的 K。</translation>
    </message>
    <message>
        <source> K = {list} skipped: the data have only {n} rows.</source>
        <translation> 已跳过 K = {list}：数据只有 {n} 行。</translation>
    </message>
    <message>
        <source>{n} model restored from the session. </source>
        <translation>已从会话恢复 {n} 个模型。</translation>
    </message>
    <message>
        <source>{n} models restored from the session. </source>
        <translation>已从会话恢复 {n} 个模型。</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>K={k}, {type} has no fit to show: every start broke down.</source>
        <translation>K={k}，{type} 没有可显示的拟合：所有初始值都失败了。</translation>
    </message>
    <message>
        <source>Done: {n} model fitted. </source>
        <translation>完成：已拟合 {n} 个模型。</translation>
    </message>
    <message>
        <source>Done: {n} models fitted. </source>
        <translation>完成：已拟合 {n} 个模型。</translation>
    </message>
    <message>
        <source>The sweep stopped: {message}</source>
        <translation>模型扫描已停止：{message}</translation>
    </message>
    <message>
        <source>Stopped: {n} of {total} models fitted. </source>
        <translation>已停止：{total} 个模型中已拟合 {n} 个。</translation>
    </message>
    <message>
        <source>Fitting model {i} of {total} (K={k}, {type})…</source>
        <translation>正在拟合第 {i} 个模型，共 {total} 个（K={k}，{type}）…</translation>
    </message>
    <message>
        <source>No model could be chosen: every fit collapsed.</source>
        <translation>无法选出模型：所有拟合都退化了。</translation>
    </message>
    <message>
        <source>Best by BIC so far: K={k}, {type} (BIC {bic}).</source>
        <translation>目前按 BIC 最佳：K={k}，{type}（BIC {bic}）。</translation>
    </message>
    <message>
        <source>Best by BIC: K={k}, {type} (BIC {bic}).</source>
        <translation>按 BIC 最佳：K={k}，{type}（BIC {bic}）。</translation>
    </message>
    <message>
        <source>best by BIC</source>
        <translation>按 BIC 最佳</translation>
    </message>
    <message>
        <source>best by BIC: K={k}, {type}</source>
        <translation>按 BIC 最佳：K={k}，{type}</translation>
    </message>
    <message>
        <source>{m} of {n}</source>
        <translation>{n} 个中的 {m} 个</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ColumnSummary</name>
    <message>
        <source>Column summary</source>
        <translation>列摘要</translation>
    </message>
    <message>
        <source>Click a column to see its summary.</source>
        <translation>点击一列查看其摘要。</translation>
    </message>
    <message>
        <source>% of rows</source>
        <translation>行的百分比</translation>
    </message>
    <message>
        <source>Click a column in the list to see its summary.</source>
        <translation>点击列表中的一列查看其摘要。</translation>
    </message>
    <message>
        <source>, {n} empty or not a number</source>
        <translation>，{n} 个为空或不是数字</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (number column): {n} values</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;（数值列）：{n} 个值</translation>
    </message>
    <message>
        <source>count</source>
        <translation>个数</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>sd (standard deviation)</source>
        <translation>sd（标准差）</translation>
    </message>
    <message>
        <source>min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>statistic</source>
        <translation>统计量</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>, {n} empty</source>
        <translation>，{n} 个为空</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (label column): {n} group</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;（标签列）：{n} 个组</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; (label column): {n} groups</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt;（标签列）：{n} 个组</translation>
    </message>
    <message>
        <source>({n} more groups)</source>
        <translation>（另有 {n} 个组）</translation>
    </message>
    <message>
        <source>group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>proportion</source>
        <translation>比例</translation>
    </message>
</context>
<context>
    <name>DataFrameModel</name>
    <message>
        <source>(not a number)</source>
        <translation>（不是数字）</translation>
    </message>
    <message>
        <source>Row {row} is left out of the fit: a chosen column is empty or not a number.</source>
        <translation>第 {row} 行未参与拟合：某个所选列为空或不是数字。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds numbers (number column, {dtype})</source>
        <translation>“{name}”包含数字（数值列，{dtype}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds text (text column, {dtype})</source>
        <translation>“{name}”包含文本（文本列，{dtype}）</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>leave out</source>
        <translation>排除</translation>
    </message>
    <message>
        <source>use in the model</source>
        <translation>用于模型</translation>
    </message>
    <message>
        <source>{n} row</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
    <message>
        <source>{n} column chosen</source>
        <translation>已选 {n} 列</translation>
    </message>
    <message>
        <source>{n} columns chosen</source>
        <translation>已选 {n} 列</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Tick the number columns the mixture should be fitted to (the features).</source>
        <translation>勾选要用来拟合混合模型的数值列（特征）。</translation>
    </message>
    <message>
        <source>A column of known groups (for example sex). It is never fitted; the results
compare the fitted components with these groups. Choose (none) if there is none.</source>
        <translation>已知分组所在的列（例如性别）。它不参与拟合；结果中会把
拟合出的分量与这些分组进行比较。如果没有，请选择（无）。</translation>
    </message>
    <message>
        <source>A number column of row weights or frequencies: a row with weight 3 counts as
three rows, and n in BIC and the other indices is the sum of the weights.
Every weight must be a number of 0 or more. (none): every row counts once.</source>
        <translation>行权重或频数所在的数值列：权重为 3 的行按三行计算，
BIC 等指标中的 n 为权重之和。
每个权重都必须是大于或等于 0 的数字。（无）：每行计一次。</translation>
    </message>
    <message>
        <source>Leave out: rows with an empty chosen cell are not fitted (shaded red).
Use in the model: such rows are fitted on the cells they have, and EM fills
the empty ones in the model. Rows with every chosen cell empty are left out.</source>
        <translation>排除：所选单元格中有空值的行不参与拟合（以红色底纹标出）。
用于模型：这些行按其已有的单元格参与拟合，空单元格由 EM
在模型中填补。所选单元格全部为空的行仍会被排除。</translation>
    </message>
    <message>
        <source>No data loaded yet.</source>
        <translation>尚未加载数据。</translation>
    </message>
    <message>
        <source>Columns to fit</source>
        <translation>要拟合的列</translation>
    </message>
    <message>
        <source>Tick the number columns to fit. Text columns can be the label.</source>
        <translation>勾选要拟合的数值列。文本列可以作为标签列。</translation>
    </message>
    <message>
        <source>Label column:</source>
        <translation>标签列：</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>Rows with empty cells:</source>
        <translation>含空单元格的行：</translation>
    </message>
    <message>
        <source>Preview (rows left out of the fit are shaded red)</source>
        <translation>预览（未参与拟合的行以红色底纹标出）</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty, so there is nothing to fit.</source>
        <translation>“{name}”是空列，没有可拟合的内容。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds numbers: tick it to fit the mixture to it.</source>
        <translation>“{name}”包含数字：勾选它即可对其拟合混合模型。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds text, so it cannot be fitted. It can be the label column instead (groups to compare the fit with).</source>
        <translation>“{name}”包含文本，无法拟合。它可以作为标签列（用来与拟合结果比较的分组）。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is the label column, so it is not fitted. Set the label to (none) to fit it.</source>
        <translation>“{name}”是标签列，因此不参与拟合。把标签列设为（无）即可拟合它。</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds the row weights, so it is not fitted. Set the weights to (none) to fit it.</source>
        <translation>“{name}”是行权重列，因此不参与拟合。把权重设为（无）即可拟合它。</translation>
    </message>
    <message>
        <source>Choose at least one number column to fit (tick it in the list).</source>
        <translation>请至少选择一个要拟合的数值列（在列表中勾选）。</translation>
    </message>
    <message>
        <source>no rows left out</source>
        <translation>没有行被排除</translation>
    </message>
    <message>
        <source>label: {name}</source>
        <translation>标签列：{name}</translation>
    </message>
    <message>
        <source>weights: {name} (sum {total})</source>
        <translation>权重：{name}（总和 {total}）</translation>
    </message>
    <message>
        <source>{n} empty cells to fill in the model</source>
        <translation>模型中需填补 {n} 个空单元格</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>unknown covariance type &apos;{value}&apos; (choose one of {choices})</source>
        <translation>未知的协方差类型“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>unknown start method &apos;{value}&apos; (choose one of {choices})</source>
        <translation>未知的初始化方法“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>unknown stopping rule &apos;{value}&apos; (choose one of {choices})</source>
        <translation>未知的停止规则“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>unknown way to treat empty cells &apos;{value}&apos; (choose one of {choices})</source>
        <translation>未知的空单元格处理方式“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>the number of components K must be a whole number (got {value})</source>
        <translation>成分个数 K 必须是整数（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the number of restarts must be a whole number (got {value})</source>
        <translation>重启次数必须是整数（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the iteration limit must be a whole number (got {value})</source>
        <translation>迭代次数上限必须是整数（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the tolerance must be a number (got {value})</source>
        <translation>收敛容差必须是数字（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the regularisation must be a number (got {value})</source>
        <translation>正则化项必须是数字（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the seed must be a whole number of 0 or more (got {value})</source>
        <translation>随机种子必须是大于或等于 0 的整数（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the acceleration setting must be true or false (got {value})</source>
        <translation>加速设置必须是“是”或“否”（收到的是 {value}）</translation>
    </message>
    <message>
        <source>the number of components K must be a whole number of at least 1</source>
        <translation>成分个数 K 必须是至少为 1 的整数</translation>
    </message>
    <message>
        <source>K = {k} components need at least {k} rows, but the data has {n}</source>
        <translation>K = {k} 个成分至少需要 {k} 行数据，但数据只有 {n} 行</translation>
    </message>
    <message>
        <source>the number of restarts must be at least 1</source>
        <translation>重启次数至少为 1</translation>
    </message>
    <message>
        <source>the iteration limit cannot be negative</source>
        <translation>迭代次数上限不能为负数</translation>
    </message>
    <message>
        <source>the tolerance must be zero or a positive number</source>
        <translation>收敛容差必须是零或正数</translation>
    </message>
    <message>
        <source>the regularisation (reg_covar) must be zero or a positive number</source>
        <translation>正则化项（reg_covar）必须是零或正数</translation>
    </message>
    <message>
        <source>the manual start needs initial weights, means and covariances</source>
        <translation>手动初始值需要给出初始权重、均值和协方差</translation>
    </message>
    <message>
        <source>the initial parameters have {k0} components of dimension {d0}, but the fit asks for K = {k} on {d} column(s)</source>
        <translation>初始参数有 {k0} 个 {d0} 维的成分，但本次拟合要求在 {d} 列上使用 K = {k}</translation>
    </message>
    <message>
        <source>the data must be a table of numbers with the same number of values in every row</source>
        <translation>数据必须是一张数字表格，且每一行的数值个数相同</translation>
    </message>
    <message>
        <source>there is no data to fit (no rows or no columns)</source>
        <translation>没有可拟合的数据（没有行或没有列）</translation>
    </message>
    <message>
        <source>a row has every chosen cell empty; leave it out</source>
        <translation>有一行所选的单元格全部为空；请将其排除</translation>
    </message>
    <message>
        <source>the data contains missing or infinite values</source>
        <translation>数据中含有缺失值或无穷大的值</translation>
    </message>
    <message>
        <source>the values are too large to fit reliably (above 1e150); rescale the data</source>
        <translation>数值太大（超过 1e150），无法可靠拟合；请先缩放数据</translation>
    </message>
    <message>
        <source>the row weights must be numbers</source>
        <translation>行权重必须是数字</translation>
    </message>
    <message>
        <source>there must be one row weight for each of the {n} rows (got {count})</source>
        <translation>{n} 行中的每一行都必须有一个行权重（收到的是 {count} 个）</translation>
    </message>
    <message>
        <source>row weights must be numbers of 0 or more, but row {row} has {value}</source>
        <translation>行权重必须是大于或等于 0 的数字，但第 {row} 行是 {value}</translation>
    </message>
    <message>
        <source>the row weights add up to zero: no row counts</source>
        <translation>行权重之和为零：没有任何一行被计入</translation>
    </message>
    <message>
        <source>the covariances overflowed (the values or the starting means are too large); rescale the data or choose starting values nearer to it</source>
        <translation>协方差溢出（数值或初始均值太大）；请缩放数据，或选择更接近数据的初始值</translation>
    </message>
    <message>
        <source>a component&apos;s covariance became singular (it collapsed onto too few distinct points); use fewer components, a larger regularisation (reg_covar), or another covariance type</source>
        <translation>某个成分的协方差变为奇异（它塌缩到了太少的不同点上）；请减少成分数、增大正则化（reg_covar），或换一种协方差类型</translation>
    </message>
    <message>
        <source>the characters in {name} could not be read; save it again as UTF-8 text</source>
        <translation>无法读取 {name} 中的字符；请将其另存为 UTF-8 文本</translation>
    </message>
    <message>
        <source>there is no column &apos;{column}&apos; (columns: {columns})</source>
        <translation>没有名为“{column}”的列（现有列：{columns}）</translation>
    </message>
    <message>
        <source>there is no column number {number}: the table has {count} column ({columns})</source>
        <translation>没有第 {number} 列：表格只有 {count} 列（{columns}）</translation>
    </message>
    <message>
        <source>there is no column number {number}: the table has {count} columns ({columns})</source>
        <translation>没有第 {number} 列：表格只有 {count} 列（{columns}）</translation>
    </message>
    <message>
        <source>the table has no number columns to fit (columns: {columns})</source>
        <translation>表格中没有可拟合的数值列（现有列：{columns}）</translation>
    </message>
    <message>
        <source>choose at least one column to fit</source>
        <translation>请至少选择一列进行拟合</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; cannot be both a feature and the weights</source>
        <translation>列“{name}”不能既是特征又是权重</translation>
    </message>
    <message>
        <source>the weight column &apos;{name}&apos; holds text; weights must be numbers</source>
        <translation>权重列“{name}”含有文本；权重必须是数字</translation>
    </message>
    <message>
        <source>the weight in row {row} is empty</source>
        <translation>第 {row} 行的权重为空</translation>
    </message>
    <message>
        <source>the weight in row {row} is infinite</source>
        <translation>第 {row} 行的权重为无穷大</translation>
    </message>
    <message>
        <source>the weight in row {row} is negative</source>
        <translation>第 {row} 行的权重为负数</translation>
    </message>
    <message>
        <source>the weight in row {row} is not a number</source>
        <translation>第 {row} 行的权重不是数字</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; is chosen twice</source>
        <translation>列“{name}”被选择了两次</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; cannot be both a feature and the label</source>
        <translation>列“{name}”不能既作为特征又作为标签</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; holds text, so it cannot be used as a number column</source>
        <translation>列“{name}”包含文本，不能作为数值列使用</translation>
    </message>
    <message>
        <source>column &apos;{name}&apos; is empty</source>
        <translation>列“{name}”是空的</translation>
    </message>
    <message>
        <source>the table has no data rows</source>
        <translation>表格中没有数据行</translation>
    </message>
    <message>
        <source>no rows are left to fit: every one of the {n} rows has an empty cell, text that is not a number or an infinite value in column &apos;{column}&apos;</source>
        <translation>没有剩下可拟合的行：在列“{column}”中，全部 {n} 行都有空单元格、不是数字的文本或无穷大的值</translation>
    </message>
    <message>
        <source>no rows are left to fit: every one of the {n} rows has an empty cell, text that is not a number or an infinite value in the chosen columns</source>
        <translation>没有剩下可拟合的行：在所选的列中，全部 {n} 行都有空单元格、不是数字的文本或无穷大的值</translation>
    </message>
    <message>
        <source>{name} is an OpenDocument spreadsheet; save it as .xlsx or .csv first</source>
        <translation>{name} 是 OpenDocument 电子表格；请先另存为 .xlsx 或 .csv</translation>
    </message>
    <message>
        <source>reading Parquet and Arrow files needs pyarrow; install gmm-desktop[big]</source>
        <translation>读取 Parquet 和 Arrow 文件需要 pyarrow；请安装 gmm-desktop[big]</translation>
    </message>
    <message>
        <source>{name} is not a Parquet or Arrow file</source>
        <translation>{name} 不是 Parquet 或 Arrow 文件</translation>
    </message>
    <message>
        <source>the file {name} does not exist (looked in {folder})</source>
        <translation>文件 {name} 不存在（查找位置：{folder}）</translation>
    </message>
    <message>
        <source>{name} is separated by spaces; save it with commas or tabs to stream it</source>
        <translation>{name} 以空格分隔；请改用逗号或制表符分隔保存后再分批读取</translation>
    </message>
    <message>
        <source>the file {name} cannot be opened: permission denied</source>
        <translation>无法打开文件 {name}：没有权限</translation>
    </message>
    <message>
        <source>the file {name} cannot be opened: {reason}</source>
        <translation>无法打开文件 {name}：{reason}</translation>
    </message>
    <message>
        <source>this fit ran no EM iteration (iteration limit 0), so there is nothing for a script to reproduce</source>
        <translation>这次拟合没有运行任何 EM 迭代（迭代上限为 0），因此没有可供脚本重现的内容</translation>
    </message>
    <message>
        <source>a script cannot reproduce this fit: scikit-learn and mclust fit neither row weights nor rows with empty cells; export the results or the report instead</source>
        <translation>脚本无法重现这次拟合：scikit-learn 和 mclust 既不支持行权重，也不支持含空单元格的行；请改为导出结果或报告</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path} 是文件夹，不是文件</translation>
    </message>
    <message>
        <source>{path} already exists; choose another name or use --force to replace it</source>
        <translation>{path} 已存在；请换一个名称，或用 --force 替换它</translation>
    </message>
    <message>
        <source>the file {name} is empty</source>
        <translation>文件 {name} 是空的</translation>
    </message>
    <message>
        <source>this does not look like a text table or an Excel file (it contains binary data)</source>
        <translation>这看起来不是文本表格或 Excel 文件（其中含有二进制数据）</translation>
    </message>
    <message>
        <source>&apos;{mark}&apos; cannot be both the delimiter and the decimal mark</source>
        <translation>“{mark}”不能既是分隔符又是小数点</translation>
    </message>
    <message>
        <source>the sheet &apos;{sheet}&apos; in {name} is empty</source>
        <translation>{name} 中的工作表“{sheet}”是空的</translation>
    </message>
    <message>
        <source>the sheet &apos;{sheet}&apos; in {name} has a header row but no data rows</source>
        <translation>{name} 中的工作表“{sheet}”有标题行，但没有数据行</translation>
    </message>
    <message>
        <source>the file {name} has a header row but no data rows</source>
        <translation>文件 {name} 有标题行，但没有数据行</translation>
    </message>
    <message>
        <source>some rows of {name} have more than {width} cells, more than the first rows; check that every row has the same number of columns</source>
        <translation>{name} 中有些行的单元格多于 {width} 个，比开头几行多；请检查每一行的列数是否相同</translation>
    </message>
    <message>
        <source>line {line} of {name} has {saw} cells but the lines above have at most {expected}; check that every row has the same number of columns</source>
        <translation>{name} 的第 {line} 行有 {saw} 个单元格，但上面各行最多只有 {expected} 个；请检查每一行的列数是否相同</translation>
    </message>
    <message>
        <source>{name} could not be read as a table ({detail})</source>
        <translation>无法将 {name} 读取为表格（{detail}）</translation>
    </message>
    <message>
        <source>cannot write to the folder {folder}: {reason}</source>
        <translation>无法写入文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>cannot create the folder {folder}: {path} is a file, not a folder</source>
        <translation>无法创建文件夹 {folder}：{path} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>cannot create the folder {folder}: {reason}</source>
        <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
        <source>{folder} is not a folder</source>
        <translation>{folder} 不是文件夹</translation>
    </message>
    <message>
        <source>{path} is the data file you opened; it is never overwritten, so choose another folder</source>
        <translation>{path} 是您打开的数据文件，不能被覆盖，请另选一个文件夹</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}; nothing in {folder} was changed</source>
        <translation>无法写入 {path}：{reason}；{folder} 中的文件都没有改动</translation>
    </message>
    <message>
        <source>{name} has no sheets</source>
        <translation>{name} 中没有工作表</translation>
    </message>
    <message>
        <source>{name} has {count} sheet, so there is no sheet number {number}</source>
        <translation>{name} 只有 {count} 个工作表，所以没有第 {number} 个工作表</translation>
    </message>
    <message>
        <source>{name} has {count} sheets, so there is no sheet number {number}</source>
        <translation>{name} 只有 {count} 个工作表，所以没有第 {number} 个工作表</translation>
    </message>
    <message>
        <source>there is no sheet named &apos;{sheet}&apos; in {name} (sheets: {sheets})</source>
        <translation>{name} 中没有名为“{sheet}”的工作表（现有工作表：{sheets}）</translation>
    </message>
    <message>
        <source>{name} is damaged or is not an Excel workbook</source>
        <translation>{name} 已损坏，或不是 Excel 工作簿</translation>
    </message>
    <message>
        <source>{name} is protected with a password; open it in Excel, remove the password (File &gt; Info &gt; Protect Workbook) and save it, then open it here again</source>
        <translation>{name} 设有密码保护；请在 Excel 中打开它，删除密码（文件 &gt; 信息 &gt; 保护工作簿）并保存，然后再在这里打开</translation>
    </message>
    <message>
        <source>the sheet in {name} is damaged and could not be read</source>
        <translation>{name} 中的工作表已损坏，无法读取</translation>
    </message>
    <message>
        <source>number of components</source>
        <translation>成分个数</translation>
    </message>
    <message>
        <source>number of restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>iteration limit</source>
        <translation>迭代次数上限</translation>
    </message>
    <message>
        <source>the tolerance</source>
        <translation>收敛容差</translation>
    </message>
    <message>
        <source>the regularisation</source>
        <translation>正则化项</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>the manual start</source>
        <translation>手动初始值</translation>
    </message>
    <message>
        <source>iteration number</source>
        <translation>迭代序号</translation>
    </message>
    <message>
        <source>a log-likelihood</source>
        <translation>某个对数似然值</translation>
    </message>
    <message>
        <source>an iteration&apos;s parameters</source>
        <translation>某次迭代的参数</translation>
    </message>
    <message>
        <source>row count</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>restart number</source>
        <translation>重启序号</translation>
    </message>
    <message>
        <source>restart count</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>a restart&apos;s log-likelihood</source>
        <translation>某次重启的对数似然值</translation>
    </message>
    <message>
        <source>a run&apos;s history</source>
        <translation>某次运行的迭代历史</translation>
    </message>
    <message>
        <source>a Choose K model&apos;s components</source>
        <translation>“选择 K”中某个模型的成分个数</translation>
    </message>
    <message>
        <source>a model&apos;s log-likelihood</source>
        <translation>某个模型的对数似然值</translation>
    </message>
    <message>
        <source>a model&apos;s BIC</source>
        <translation>某个模型的 BIC</translation>
    </message>
    <message>
        <source>a model&apos;s AIC</source>
        <translation>某个模型的 AIC</translation>
    </message>
    <message>
        <source>a model&apos;s ICL</source>
        <translation>某个模型的 ICL</translation>
    </message>
    <message>
        <source>a model&apos;s iterations</source>
        <translation>某个模型的迭代次数</translation>
    </message>
    <message>
        <source>a model&apos;s parameter count</source>
        <translation>某个模型的参数个数</translation>
    </message>
    <message>
        <source>the manual start of the settings</source>
        <translation>设置中的手动初始值</translation>
    </message>
    <message>
        <source>the history</source>
        <translation>迭代历史</translation>
    </message>
    <message>
        <source>the data path</source>
        <translation>数据路径</translation>
    </message>
    <message>
        <source>the checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <source>the label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>the weight column</source>
        <translation>权重列</translation>
    </message>
    <message>
        <source>the true parameters</source>
        <translation>真实参数</translation>
    </message>
    <message>
        <source>the session file is damaged: {problem}</source>
        <translation>会话文件已损坏：{problem}</translation>
    </message>
    <message>
        <source>the session file is damaged: it holds a number far too large</source>
        <translation>会话文件已损坏：其中有一个大得离谱的数</translation>
    </message>
    <message>
        <source>{what} is not a number</source>
        <translation>{what}不是数字</translation>
    </message>
    <message>
        <source>{what} is not a finite number</source>
        <translation>{what}不是有限的数</translation>
    </message>
    <message>
        <source>bad {what}</source>
        <translation>{what}无效</translation>
    </message>
    <message>
        <source>the session holds a model with {k} components; at most {limit} can be restored</source>
        <translation>会话中有一个含 {k} 个成分的模型；最多只能恢复 {limit} 个成分</translation>
    </message>
    <message>
        <source>{what} is not text</source>
        <translation>{what}不是文本</translation>
    </message>
    <message>
        <source>{what} is not numbers</source>
        <translation>{what}不是数字</translation>
    </message>
    <message>
        <source>{what} has the wrong shape</source>
        <translation>{what}的形状不对</translation>
    </message>
    <message>
        <source>{what} is missing</source>
        <translation>缺少{what}</translation>
    </message>
    <message>
        <source>{what} weights</source>
        <translation>{what}的权重</translation>
    </message>
    <message>
        <source>{what} means</source>
        <translation>{what}的均值</translation>
    </message>
    <message>
        <source>{what} covariances</source>
        <translation>{what}的协方差</translation>
    </message>
    <message>
        <source>{what} weights do not add up to 1</source>
        <translation>{what}的权重之和不等于 1</translation>
    </message>
    <message>
        <source>{what} has an impossible covariance</source>
        <translation>{what}含有不可能的协方差</translation>
    </message>
    <message>
        <source>the fit settings are missing</source>
        <translation>缺少拟合设置</translation>
    </message>
    <message>
        <source>unknown covariance type</source>
        <translation>未知的协方差类型</translation>
    </message>
    <message>
        <source>unknown start method</source>
        <translation>未知的初始化方法</translation>
    </message>
    <message>
        <source>unknown stopping rule</source>
        <translation>未知的停止规则</translation>
    </message>
    <message>
        <source>the acceleration setting is not true or false</source>
        <translation>加速设置不是“是”或“否”</translation>
    </message>
    <message>
        <source>unknown way to treat empty cells</source>
        <translation>未知的空单元格处理方式</translation>
    </message>
    <message>
        <source>an iteration is not a record</source>
        <translation>某次迭代不是一条记录</translation>
    </message>
    <message>
        <source>the session holds a model with {k} components for {n} rows; a model needs at least one row per component</source>
        <translation>会话中有一个模型对 {n} 行数据用了 {k} 个成分；每个成分至少需要一行数据</translation>
    </message>
    <message>
        <source>{what} is not a list</source>
        <translation>{what}不是列表</translation>
    </message>
    <message>
        <source>the iterations of {what} do not share one shape</source>
        <translation>{what}中各次迭代的形状不一致</translation>
    </message>
    <message>
        <source>columns and {what} disagree</source>
        <translation>列与{what}不一致</translation>
    </message>
    <message>
        <source>bad restart results</source>
        <translation>重启结果无效</translation>
    </message>
    <message>
        <source>a run is not a record</source>
        <translation>某次运行不是一条记录</translation>
    </message>
    <message>
        <source>a run has no iterations</source>
        <translation>某次运行没有任何迭代</translation>
    </message>
    <message>
        <source>a Choose K model is not a record</source>
        <translation>“选择 K”中的某个模型不是一条记录</translation>
    </message>
    <message>
        <source>a Choose K model has an unknown covariance type</source>
        <translation>“选择 K”中的某个模型的协方差类型未知</translation>
    </message>
    <message>
        <source>bad model notes</source>
        <translation>模型备注无效</translation>
    </message>
    <message>
        <source>a Choose K model and its fit disagree</source>
        <translation>“选择 K”中的某个模型与其拟合结果不一致</translation>
    </message>
    <message>
        <source>bad settings</source>
        <translation>设置无效</translation>
    </message>
    <message>
        <source>the session file is damaged: its fit settings hold impossible values</source>
        <translation>会话文件已损坏：其中的拟合设置含有不可能的值</translation>
    </message>
    <message>
        <source>the session holds {n} iterations; at most {limit} can be restored</source>
        <translation>会话中有 {n} 次迭代；最多只能恢复 {limit} 次</translation>
    </message>
    <message>
        <source>it is not a JSON object</source>
        <translation>它不是 JSON 对象</translation>
    </message>
    <message>
        <source>it is not a GMM Desktop session</source>
        <translation>它不是 GMM Desktop 会话</translation>
    </message>
    <message>
        <source>it has no version</source>
        <translation>它没有版本号</translation>
    </message>
    <message>
        <source>this session was saved by a newer GMM Desktop (format {version}); please update</source>
        <translation>此会话由更新版本的 GMM Desktop 保存（格式 {version}）；请更新软件</translation>
    </message>
    <message>
        <source>the data section is missing</source>
        <translation>缺少数据部分</translation>
    </message>
    <message>
        <source>bad column list</source>
        <translation>列清单无效</translation>
    </message>
    <message>
        <source>the runs are not a list</source>
        <translation>运行记录不是列表</translation>
    </message>
    <message>
        <source>the Choose K models are not a list</source>
        <translation>“选择 K”的模型不是列表</translation>
    </message>
    <message>
        <source>the true parameters are damaged</source>
        <translation>真实参数已损坏</translation>
    </message>
    <message>
        <source>the data file of this session is missing: {path}</source>
        <translation>此会话的数据文件不见了：{path}</translation>
    </message>
    <message>
        <source>the data file of this session, {path}, is not a regular file</source>
        <translation>此会话的数据文件 {path} 不是普通文件</translation>
    </message>
    <message>
        <source>cannot read the data file of this session, {path}: {error}</source>
        <translation>无法读取此会话的数据文件 {path}：{error}</translation>
    </message>
    <message>
        <source>the session file {path} does not exist</source>
        <translation>会话文件 {path} 不存在</translation>
    </message>
    <message>
        <source>cannot read the session file {path}: {error}</source>
        <translation>无法读取会话文件 {path}：{error}</translation>
    </message>
    <message>
        <source>{name} is not a session file (it is not valid JSON)</source>
        <translation>{name} 不是会话文件（它不是有效的 JSON）</translation>
    </message>
    <message>
        <source>column {column} of the sheet &apos;{sheet}&apos; in {name} holds formulas without saved values (the file was made by a program, not saved by Excel); open the file in Excel and save it, then open it here again</source>
        <translation>{name} 中工作表“{sheet}”的第 {column} 列包含没有保存计算结果的公式（该文件由程序生成，未经 Excel 保存）；请在 Excel 中打开并保存该文件，然后再在这里打开</translation>
    </message>
    <message>
        <source>the sheet &apos;{sheet}&apos; in {name} has filled cells as far as {cell}, too many to read as one table; delete the cells outside your table or copy the table to a new sheet</source>
        <translation>{name} 中的工作表“{sheet}”一直到 {cell} 都有填写的单元格，太多了，无法作为一张表读取；请删除表格以外的单元格，或把表格复制到新的工作表</translation>
    </message>
    <message>
        <source>a component&apos;s covariance became singular</source>
        <translation>某个成分的协方差变为奇异</translation>
    </message>
    <message>
        <source>unknown covariance type &apos;{value}&apos;</source>
        <translation>未知的协方差类型“{value}”</translation>
    </message>
    <message>
        <source>responsibilities of shape {shape} do not match {n} rows and {k} components</source>
        <translation>形状为 {shape} 的责任度与 {n} 行、{k} 个成分不匹配</translation>
    </message>
    <message>
        <source>cannot match components of {d0} and {d1} columns</source>
        <translation>无法对应 {d0} 列与 {d1} 列的成分</translation>
    </message>
    <message>
        <source>parameters need weights (K), means (K x d) and covariances (K x d x d)</source>
        <translation>参数需要权重（K）、均值（K x d）和协方差（K x d x d）</translation>
    </message>
    <message>
        <source>parameters do not fit together: {n_weights} weights, {k} means of {d} values, covariances of shape {shape}</source>
        <translation>参数彼此不匹配：{n_weights} 个权重，{k} 个含 {d} 个值的均值，形状为 {shape} 的协方差</translation>
    </message>
    <message>
        <source>there are {n_weights} initial weights but {k} initial means</source>
        <translation>有 {n_weights} 个初始权重，但有 {k} 个初始均值</translation>
    </message>
    <message>
        <source>initial weights must all be positive numbers</source>
        <translation>初始权重必须全部是正数</translation>
    </message>
    <message>
        <source>initial weights must add up to 1 (they add up to {total})</source>
        <translation>初始权重之和必须为 1（现在的和是 {total}）</translation>
    </message>
    <message>
        <source>initial means must be finite numbers</source>
        <translation>初始均值必须是有限的数</translation>
    </message>
    <message>
        <source>give either initial covariances or initial standard deviations</source>
        <translation>请给出初始协方差或初始标准差（二者选一）</translation>
    </message>
    <message>
        <source>expected {k} x {d} initial standard deviations</source>
        <translation>需要 {k} x {d} 个初始标准差</translation>
    </message>
    <message>
        <source>initial standard deviations must all be positive</source>
        <translation>初始标准差必须全部为正</translation>
    </message>
    <message>
        <source>initial standard deviations are too large</source>
        <translation>初始标准差太大</translation>
    </message>
    <message>
        <source>expected {k} initial covariance matrices of size {d} x {d}</source>
        <translation>需要 {k} 个大小为 {d} x {d} 的初始协方差矩阵</translation>
    </message>
    <message>
        <source>initial covariances must be finite numbers</source>
        <translation>初始协方差必须是有限的数</translation>
    </message>
    <message>
        <source>initial covariance of component {j} is not symmetric</source>
        <translation>成分 {j} 的初始协方差不对称</translation>
    </message>
    <message>
        <source>initial covariance of component {j} is not positive definite</source>
        <translation>成分 {j} 的初始协方差不是正定的</translation>
    </message>
    <message>
        <source>the fit was stopped before its first iteration</source>
        <translation>拟合在第一次迭代之前就被停止了</translation>
    </message>
    <message>
        <source>the best log-likelihood was reached by only one of {n} starts; more restarts may find a better fit</source>
        <translation>最佳对数似然只被 {n} 个起点中的一个达到；更多次重启可能找到更好的拟合</translation>
    </message>
    <message>
        <source>unknown covariance type &apos;{value}&apos; (choose from {choices})</source>
        <translation>未知的协方差类型“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>choose at least one number of components and one covariance type</source>
        <translation>请至少选择一个成分个数和一种协方差类型</translation>
    </message>
    <message>
        <source>the number of components K must be at least 1</source>
        <translation>成分个数 K 至少为 1</translation>
    </message>
    <message>
        <source>every number of components asked for is larger than the number of rows ({n}); choose at most {n}</source>
        <translation>要求的每个成分个数都大于行数（{n}）；请最多选择 {n}</translation>
    </message>
    <message>
        <source>the number of rows must be between 1 and {limit}</source>
        <translation>行数必须在 1 到 {limit} 之间</translation>
    </message>
    <message>
        <source>there are {names} column names for {d} features</source>
        <translation>{d} 个特征却有 {names} 个列名</translation>
    </message>
    <message>
        <source>there are {names} group names for {k} components</source>
        <translation>{k} 个成分却有 {names} 个组名</translation>
    </message>
    <message>
        <source>give both the group names and the name of the label column</source>
        <translation>请同时给出组名和标签列的名称</translation>
    </message>
    <message>
        <source>there is no preset &apos;{key}&apos; (presets: {presets})</source>
        <translation>没有名为“{key}”的预设（现有预设：{presets}）</translation>
    </message>
    <message>
        <source>the list of demo data sets in {folder} is missing or damaged</source>
        <translation>{folder} 中的示例数据集清单缺失或已损坏</translation>
    </message>
    <message>
        <source>there is no demo data set &apos;{key}&apos; (demo sets: {keys})</source>
        <translation>没有名为“{key}”的示例数据集（现有示例数据集：{keys}）</translation>
    </message>
    <message>
        <source>-k {k}: the window fits at most {most} components; for more, use the command line: gmm-desktop fit FILE -k {k}</source>
        <translation>-k {k}：窗口最多拟合 {most} 个分量；需要更多分量时请使用命令行：gmm-desktop fit FILE -k {k}</translation>
    </message>
    <message>
        <source>--export-iterations needs --export DIR: the folder to write the pictures into</source>
        <translation>--export-iterations 需要 --export DIR：写入图片的文件夹</translation>
    </message>
    <message>
        <source>The saved fit could not be shown: {error}</source>
        <translation>无法显示保存的拟合结果：{error}</translation>
    </message>
    <message>
        <source>The saved fit does not match the columns of the data file.</source>
        <translation>保存的拟合结果与数据文件的列不一致。</translation>
    </message>
    <message>
        <source>This session was made on generated data, which is not saved.</source>
        <translation>此会话基于生成的数据，而生成的数据不会被保存。</translation>
    </message>
    <message>
        <source>The data file {name} has changed since the session was saved; its settings are restored, but the saved fit is not shown.</source>
        <translation>数据文件 {name} 在保存会话后已被修改；已恢复其设置，但不显示保存的拟合结果。</translation>
    </message>
    <message>
        <source>there is no data to save a session for</source>
        <translation>没有可以保存会话的数据</translation>
    </message>
    <message>
        <source>there are no fit settings to save a session for</source>
        <translation>没有可以保存到会话中的拟合设置</translation>
    </message>
    <message>
        <source>The saved fit does not match the rows of the data file.</source>
        <translation>保存的拟合结果与数据文件的行不一致。</translation>
    </message>
    <message>
        <source>column {columns} varies so little (variance {variance}) that the regularisation {reg} added to every variance dominates the fit; rescale the data (for example multiply it by 1000) or lower the regularisation (--reg-covar)</source>
        <translation>第 {columns} 列变化太小（方差 {variance}），加在每个方差上的正则化 {reg} 主导了拟合；请缩放数据（例如乘以 1000）或降低正则化（--reg-covar）</translation>
    </message>
    <message>
        <source>component {j} has collapsed onto {rows} that share one value</source>
        <translation>分量 {j} 塌缩到了取同一个值的{rows}上</translation>
    </message>
    <message>
        <source>component {j} sits on {rows} sharing (nearly) one value of column {column}: it is narrower than the step between recorded values</source>
        <translation>分量 {j} 落在第 {column} 列（几乎）取同一个值的{rows}上：它比记录值之间的间隔还窄</translation>
    </message>
    <message>
        <source>component {j} has shrunk onto {rows}; its spread sits at the regularisation floor</source>
        <translation>分量 {j} 收缩到了{rows}上；它的离散程度停在正则化的下限</translation>
    </message>
    <message>
        <source>component {j} has collapsed: it rests on {mass} rows&apos; worth of responsibility, fewer than its {n_cov} covariance parameters</source>
        <translation>分量 {j} 已塌缩：它只承载相当于 {mass} 行的责任度，少于它的 {n_cov} 个协方差参数</translation>
    </message>
    <message>
        <source>component {j} has collapsed onto {rows}: it is less than a hundredth as wide as the data</source>
        <translation>分量 {j} 塌缩到了{rows}上：它的宽度不到数据的百分之一</translation>
    </message>
    <message>
        <source>about 1 row</source>
        <translation>约 1 行</translation>
    </message>
    <message>
        <source>about {n} rows</source>
        <translation>约 {n} 行</translation>
    </message>
    <message>
        <source>column {columns} has the same value in every row, so it cannot tell components apart</source>
        <translation>第 {columns} 列每一行的值都相同，无法区分分量</translation>
    </message>
    <message>
        <source>{reason}, so its likelihood is not trustworthy</source>
        <translation>{reason}，因此其似然值不可信</translation>
    </message>
    <message>
        <source>component {j} holds almost no data ({mass} rows&apos; worth); try fewer components</source>
        <translation>分量 {j} 几乎不含数据（相当于 {mass} 行）；请尝试更少的分量</translation>
    </message>
    <message>
        <source>EM stopped after {n_iter} iterations without converging; raise the iteration limit or the tolerance</source>
        <translation>EM 在 {n_iter} 次迭代后停止但未收敛；请提高迭代上限或容差</translation>
    </message>
    <message>
        <source>&apos;{delimiter}&apos; cannot separate columns</source>
        <translation>“{delimiter}”不能用来分隔列</translation>
    </message>
    <message>
        <source>the decimal mark must be &apos;.&apos; or &apos;,&apos;, not &apos;{mark}&apos;</source>
        <translation>小数点必须是“.”或“,”，而不是“{mark}”</translation>
    </message>
    <message>
        <source>&apos;{encoding}&apos; is not a known text encoding</source>
        <translation>“{encoding}”不是已知的文本编码</translation>
    </message>
    <message>
        <source>the reading options are damaged</source>
        <translation>读取选项已损坏</translation>
    </message>
    <message>
        <source>{name}: data can be saved as .csv or .xlsx</source>
        <translation>{name}：数据只能保存为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <source>&apos;{item}&apos; is not an iteration number: give whole numbers from 1, separated by commas, e.g. 1,5,10,15,20</source>
        <translation>“{item}”不是迭代次数：请给出从 1 开始的整数，用逗号分隔，例如 1,5,10,15,20</translation>
    </message>
    <message>
        <source>there is no finished fit to export</source>
        <translation>还没有可导出的已完成拟合</translation>
    </message>
    <message>
        <source>iteration {i} is beyond the fit: it stopped at iteration {last}</source>
        <translation>第 {i} 次迭代超出了拟合：拟合在第 {last} 次迭代停止</translation>
    </message>
    <message>
        <source>{name}: an animation is written as .gif (or .mp4 with ffmpeg)</source>
        <translation>{name}：动画保存为 .gif（有 ffmpeg 时也可为 .mp4）</translation>
    </message>
    <message>
        <source>{name}: writing MP4 needs ffmpeg, which was not found; use .gif</source>
        <translation>{name}：写 MP4 需要 ffmpeg，但没有找到；请使用 .gif</translation>
    </message>
    <message>
        <source>the shown fit changed during the export: nothing was written</source>
        <translation>导出期间显示的拟合发生了变化：没有写入任何文件</translation>
    </message>
    <message>
        <source>ffmpeg could not write {name}: {reason}</source>
        <translation>ffmpeg 无法写入 {name}：{reason}</translation>
    </message>
    <message>
        <source>fitting on Dask needs dask.distributed; install gmm-desktop[big]</source>
        <translation>在 Dask 上拟合需要 dask.distributed；请安装 gmm-desktop[big]</translation>
    </message>
    <message>
        <source>cannot reach the Dask scheduler at {address} ({reason})</source>
        <translation>无法连接 {address} 上的 Dask 调度器（{reason}）</translation>
    </message>
    <message>
        <source>the parametric bootstrap cannot draw rows with empty cells yet: resample the rows (nonparametric), or leave the rows with empty cells out of the fit</source>
        <translation>参数 bootstrap 暂时还不能抽取含空单元格的行：请改为重抽行（非参数），或把含空单元格的行排除在拟合之外</translation>
    </message>
    <message>
        <source>bootstrap standard errors need row weights that are whole numbers (frequencies: each row counted that many times); rows with other weights: {count}, the first {value}</source>
        <translation>bootstrap 标准误需要整数的行权重（频数：每行按该次数计）；权重不是整数的行：{count} 行，第一个为 {value}</translation>
    </message>
    <message>
        <source>unknown kind of bootstrap &apos;{value}&apos; (choose one of {choices})</source>
        <translation>未知的自助法类型“{value}”（请从 {choices} 中选择）</translation>
    </message>
    <message>
        <source>the number of bootstrap replicates must be at least 1 (got {value})</source>
        <translation>自助重复次数至少为 1（得到 {value}）</translation>
    </message>
    <message>
        <source>the bootstrap likelihood-ratio test cannot draw rows with empty cells yet: leave the rows with empty cells out of the fit to test K-1 against K</source>
        <translation>bootstrap 似然比检验暂时还不能抽取含空单元格的行：请把含空单元格的行排除在拟合之外，再检验 K-1 对 K</translation>
    </message>
    <message>
        <source>the bootstrap likelihood-ratio test needs row weights that are whole numbers (frequencies: each row counted that many times); rows with other weights: {count}, the first {value}</source>
        <translation>bootstrap 似然比检验需要整数的行权重（频数：每行按该次数计）；权重不是整数的行：{count} 行，第一个为 {value}</translation>
    </message>
    <message>
        <source>the likelihood-ratio test compares K - 1 with K components (got {k0} and {k1})</source>
        <translation>似然比检验比较 K - 1 与 K 个分量（得到 {k0} 和 {k1}）</translation>
    </message>
</context>
<context>
    <name>ErrorsDialog</name>
    <message>
        <source>GMM Desktop: unexpected error</source>
        <translation>GMM Desktop：意外错误</translation>
    </message>
    <message>
        <source>Details were saved to {path}.</source>
        <translation>详细信息已保存到 {path}。</translation>
    </message>
    <message>
        <source>Something went wrong: {summary}
Your data and the window are fine.</source>
        <translation>出现了问题：{summary}
您的数据和窗口均不受影响。</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
</context>
<context>
    <name>FormulasDialog</name>
    <message>
        <source>How these numbers are computed</source>
        <translation>这些数字是如何计算的</translation>
    </message>
</context>
<context>
    <name>FormulasPage</name>
    <message>
        <source>Lower is better.</source>
        <translation>越低越好。</translation>
    </message>
    <message>
        <source>Free parameters</source>
        <translation>自由参数</translation>
    </message>
    <message>
        <source>The numbers the model estimates; every criterion charges for them.</source>
        <translation>模型估计的数值个数；每个准则都会为它们付出惩罚。</translation>
    </message>
    <message>
        <source>AIC</source>
        <translation>AIC</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>mclust prints BIC with the opposite sign (higher is better there).</source>
        <translation>mclust 显示的 BIC 符号相反（在那里越高越好）。</translation>
    </message>
    <message>
        <source>Sample-size-adjusted BIC</source>
        <translation>样本量校正 BIC</translation>
    </message>
    <message>
        <source>Consistent AIC</source>
        <translation>一致 AIC</translation>
    </message>
    <message>
        <source>Approximate weight of evidence</source>
        <translation>近似证据权重</translation>
    </message>
    <message>
        <source>LL_C is the likelihood of the hard classification.</source>
        <translation>LL_C 是硬分类的对数似然。</translation>
    </message>
    <message>
        <source>ICL</source>
        <translation>ICL</translation>
    </message>
    <message>
        <source>BIC plus a penalty for rows that do not clearly belong to one component, in mclust&apos;s convention; the entropy version uses every responsibility.</source>
        <translation>BIC 加上对不明确属于某一分量的行的惩罚（mclust 的约定）；熵版本使用全部责任度。</translation>
    </message>
    <message>
        <source>Relative entropy</source>
        <translation>相对熵</translation>
    </message>
    <message>
        <source>Near 1: every row clearly belongs to one component; near 0: overlap.</source>
        <translation>接近 1：每一行都明确属于一个分量；接近 0：分量重叠。</translation>
    </message>
    <message>
        <source>Average posterior probability</source>
        <translation>平均后验概率</translation>
    </message>
    <message>
        <source>Near 1: the rows assigned to a class are clearly its own.</source>
        <translation>接近 1：分到某一类的行明确属于该类。</translation>
    </message>
    <message>
        <source>Smallest class</source>
        <translation>最小类</translation>
    </message>
    <message>
        <source>A very small class may be a few unusual rows rather than a group.</source>
        <translation>很小的类可能只是几行异常数据，而不是一个群体。</translation>
    </message>
    <message>
        <source>Bootstrap likelihood-ratio test (BLRT)</source>
        <translation>自助似然比检验（BLRT）</translation>
    </message>
    <message>
        <source>Does K fit better than K-1 by more than chance? Small p (below 0.05): yes. The refits start from several starts each, on the compiled engine.</source>
        <translation>K 的拟合是否比 K-1 好得超出偶然？p 很小（低于 0.05）：是。每次重新拟合都从多个起点开始，使用编译引擎。</translation>
    </message>
    <message>
        <source>Lo-Mendell-Rubin adjusted test (LMR)</source>
        <translation>Lo-Mendell-Rubin 校正检验（LMR）</translation>
    </message>
    <message>
        <source>The same question answered by an approximation, without refits (the ad hoc adjusted version, as in Mplus and tidyLPA).</source>
        <translation>用近似方法回答同一个问题，无需重新拟合（特设校正版本，与 Mplus 和 tidyLPA 相同）。</translation>
    </message>
    <message>
        <source>Bootstrap standard errors and intervals</source>
        <translation>自助标准误和区间</translation>
    </message>
    <message>
        <source>Each replicate resamples the rows (nonparametric) or draws new rows from the fit (parametric), is refitted from the full-data fit, and its components are matched to the full-data fit&apos;s. A row of weight w (a frequency) counts as w rows; resampled rows keep their empty cells.</source>
        <translation>每个重复样本重抽数据行（非参数）或从拟合中抽取新行（参数），从全数据拟合出发重新拟合，其成分与全数据拟合的成分对应。权重为 w（频数）的行算作 w 行；重抽的行保留其空单元格。</translation>
    </message>
    <message>
        <source>How these numbers are computed</source>
        <translation>这些数字是如何计算的</translation>
    </message>
    <message>
        <source>References</source>
        <translation>参考文献</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <source>The EM algorithm</source>
        <translation>EM 算法</translation>
    </message>
    <message>
        <source>A Gaussian mixture says the data come from K bell-shaped groups (components), each with a weight, a mean and a spread. Expectation-maximisation alternates two steps: the E-step computes for every row how likely it belongs to each component (its responsibilities), and the M-step re-estimates the weights, means and covariances from those responsibilities, until the log-likelihood stops improving.</source>
        <translation>高斯混合模型假设数据来自 K 个钟形的组（分量），每个分量有权重、均值和离散程度。期望最大化（EM）算法交替进行两步：E 步计算每一行属于各分量的概率（责任度，即后验概率），M 步再根据这些责任度重新估计权重、均值和协方差，直到对数似然不再增加。</translation>
    </message>
    <message>
        <source>Histogram &amp;&amp; densities</source>
        <translation>直方图与密度</translation>
    </message>
    <message>
        <source>The bars are the histogram of one column and each coloured curve is one component&apos;s density, scaled by its weight. The black curve is the whole mixture: where it follows the bars, the model describes the data well.</source>
        <translation>柱形是某一列的直方图，每条彩色曲线是一个分量按其权重缩放后的密度。黑色曲线是整个混合分布：它与柱形吻合的地方，说明模型很好地描述了数据。</translation>
    </message>
    <message>
        <source>Scatter &amp;&amp; ellipses</source>
        <translation>散点与椭圆</translation>
    </message>
    <message>
        <source>Each point is a row, coloured by its most likely component. The solid and dashed ellipses enclose 1 and 2 standard deviations of each component, so their size, shape and tilt show its covariance.</source>
        <translation>每个点是一行数据，按其最可能的分量着色。实线和虚线椭圆分别围出各分量的 1 倍和 2 倍标准差范围，其大小、形状和倾斜方向反映了该分量的协方差。</translation>
    </message>
    <message>
        <source>3-D scatter</source>
        <translation>三维散点</translation>
    </message>
    <message>
        <source>Three chosen columns as a cloud of points coloured by component, with large dots at the component means. Drag to rotate it and scroll to zoom.</source>
        <translation>将所选的三列显示为按分量着色的点云，大圆点表示各分量的均值。拖动可旋转，滚动鼠标滚轮可缩放。</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>How well the current parameters explain the data, after each iteration. EM never makes it worse; when the curve flattens out, the fit has converged.</source>
        <translation>每次迭代后，当前参数对数据的解释程度。EM 从不会使它变差；当曲线趋于平坦时，拟合就收敛了。</translation>
    </message>
    <message>
        <source>Parameter history</source>
        <translation>参数历史</translation>
    </message>
    <message>
        <source>The weights, means and standard deviations of every component at each iteration. It is the table of values you would write down by hand in a homework, drawn as lines.</source>
        <translation>每次迭代中各分量的权重、均值和标准差。它相当于作业中手工记录的数值表，只是画成了折线。</translation>
    </message>
    <message>
        <source>Choose K</source>
        <translation>选择 K</translation>
    </message>
    <message>
        <source>Fits models with different numbers of components and covariance types and plots their BIC. The lowest BIC balances a good fit against the number of parameters, so it suggests how many components to use.</source>
        <translation>拟合不同分量个数和协方差类型的模型，并画出它们的 BIC。BIC 最低的模型在拟合优度与参数个数之间取得平衡，从而提示应使用多少个分量。</translation>
    </message>
    <message>
        <source>Teaching mode</source>
        <translation>教学模式</translation>
    </message>
    <message>
        <source>Teach (F9) runs EM one half-step at a time: after the E-step each point takes the colours of its responsibilities, after the M-step the components glide to their new places; click a point or choose a component to see its formulas with the numbers, and drag a mean or an ellipse handle to choose the start. The lessons in File &gt; Demo data &gt; Lessons open the homework stories ready to step, each explained above the formulas.</source>
        <translation>教学（F9）每次执行 EM 的半步：E 步之后每个点按其责任度着色，M 步之后各分量平滑移动到新位置；点击一个点或选择一个分量可查看代入数值的公式，拖动均值或椭圆控制点可自行选择起点。“文件 &gt; 示例数据 &gt; 课程”中的课程打开作业中的例子，可直接逐步执行，每个都在公式上方附有说明。</translation>
    </message>
    <message>
        <source>Runs and Agreement</source>
        <translation>运行记录与一致性</translation>
    </message>
    <message>
        <source>Runs lists every fit you made, to show again or compare any number of side by side (one table, overlaid curves, exported as CSV). Agreement compares the components with a label column or with the true parameters (of generated data, or typed in Data &gt; True values), which the plots draw dashed beside the fit.</source>
        <translation>“运行记录”列出您做过的每次拟合，可再次显示，或将任意多次拟合并排比较（一张表格、叠加的曲线，可导出为 CSV）。“一致性”把分量与标签列或真实参数（生成数据的参数，或在“数据 &gt; 真实值”中输入的参数）进行比较，图中会在拟合结果旁用虚线画出真实参数。</translation>
    </message>
    <message>
        <source>What is this?</source>
        <translation>这是什么？</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Spaces</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <source>None: one column</source>
        <translation>无：只有一列</translation>
    </message>
    <message>
        <source>Point: 172.5</source>
        <translation>句点：172.5</translation>
    </message>
    <message>
        <source>Comma: 172,5</source>
        <translation>逗号：172,5</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8（带 BOM）</translation>
    </message>
    <message>
        <source>Chinese (GB18030, GBK)</source>
        <translation>中文（GB18030、GBK）</translation>
    </message>
    <message>
        <source>Western (Windows-1252)</source>
        <translation>西欧（Windows-1252）</translation>
    </message>
    <message>
        <source>Latin-1</source>
        <translation>Latin-1</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>UTF-16 little-endian</source>
        <translation>UTF-16 小端序</translation>
    </message>
    <message>
        <source>UTF-16 big-endian</source>
        <translation>UTF-16 大端序</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <translation>导入 {name}</translation>
    </message>
    <message>
        <source>The first row holds column names</source>
        <translation>第一行是列名</translation>
    </message>
    <message>
        <source>Columns separated by:</source>
        <translation>列分隔符：</translation>
    </message>
    <message>
        <source>Decimal mark:</source>
        <translation>小数点：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Click a name in the first (bold) row to rename that column: the names are used in plots, legends, tables, exports and sessions.</source>
        <translation>点击第一行（粗体）中的名称即可重命名该列：这些名称会用于图、图例、表格、导出和会话。</translation>
    </message>
    <message>
        <source>Show this preview when opening a file</source>
        <translation>打开文件时显示此预览</translation>
    </message>
    <message>
        <source>Turned off, files open at once; View &gt; Preview files turns it back on</source>
        <translation>关闭后文件会直接打开；可在“视图 &gt; 打开前预览文件”中重新开启</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>正在读取前几行…</translation>
    </message>
    <message>
        <source>The first {n} rows as they will be read.</source>
        <translation>将按此方式读取的前 {n} 行。</translation>
    </message>
    <message>
        <source>These options do not read the file: {message}</source>
        <translation>用这些选项无法读取文件：{message}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Type a new name for this column</source>
        <translation>输入这一列的新名称</translation>
    </message>
</context>
<context>
    <name>IterationTable</name>
    <message>
        <source>No fit yet: run one to see its iterations.</source>
        <translation>还没有拟合：运行一次拟合即可看到各次迭代。</translation>
    </message>
    <message>
        <source>Only the start: no step was taken.</source>
        <translation>只有起始值：还没有进行任何一步。</translation>
    </message>
    <message>
        <source>The log-likelihood rose at every step (smallest rise {rise}).</source>
        <translation>对数似然在每一步都上升了（最小上升 {rise}）。</translation>
    </message>
    <message>
        <source>The log-likelihood fell at {n} step(s), at iteration {iterations} (largest fall {fall}); EM never lowers it, so a fall this size is rounding near convergence or a sign of trouble.</source>
        <translation>对数似然在 {n} 步下降，位于第 {iterations} 次迭代（最大下降 {fall}）；EM 从不降低对数似然，所以这样的下降要么是接近收敛时的舍入误差，要么说明出了问题。</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>The language changes the next time GMM Desktop starts.</source>
        <translation>界面语言将在下次启动 GMM Desktop 时更改。</translation>
    </message>
</context>
<context>
    <name>LargeFilesBox</name>
    <message>
        <source>Files larger than memory</source>
        <translation>大于内存的文件</translation>
    </message>
    <message>
        <source>half of the free memory</source>
        <translation>空闲内存的一半</translation>
    </message>
    <message>
        <source>A Parquet, Arrow or CSV file that would need more memory than this opens as a
random sample of its rows, and the fit streams the whole file batch by batch.
Write a size such as 200MB or 4GB; leave empty for half of the free memory.</source>
        <translation>需要的内存超过此值的 Parquet、Arrow 或 CSV 文件将以其行的随机样本打开，
拟合时逐批流式读取整个文件。
请填写大小，如 200MB 或 4GB；留空则为空闲内存的一半。</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Where a large file is fitted: leave empty for this machine, write local for a
Dask cluster of worker processes here, or a scheduler&apos;s address such as
tcp://host:8786 (its workers must see the file).</source>
        <translation>大文件在哪里拟合：留空表示本机；填写 local 表示在本机启动 Dask 集群；
或填写调度器地址，如 tcp://host:8786（其工作节点必须能访问该文件）。</translation>
    </message>
    <message>
        <source>Memory budget:</source>
        <translation>内存预算：</translation>
    </message>
    <message>
        <source>Dask scheduler:</source>
        <translation>Dask 调度器：</translation>
    </message>
    <message>
        <source>the memory budget &apos;{text}&apos; is not a size of at least 1MB; write a number and a unit, like 200MB or 4GB, or leave it empty</source>
        <translation>内存预算“{text}”不是至少 1MB 的大小；请填写数字和单位，如 200MB 或 4GB，或留空</translation>
    </message>
    <message>
        <source>the Dask scheduler &apos;{text}&apos; is not an address; write local, an address such as tcp://host:8786, or leave it empty</source>
        <translation>Dask 调度器“{text}”不是地址；请填写 local、地址（如 tcp://host:8786），或留空</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>50 iterations / s</source>
        <translation>每秒 50 次迭代</translation>
    </message>
    <message>
        <source>10 iterations / s</source>
        <translation>每秒 10 次迭代</translation>
    </message>
    <message>
        <source>4 iterations / s</source>
        <translation>每秒 4 次迭代</translation>
    </message>
    <message>
        <source>1 iteration / s</source>
        <translation>每秒 1 次迭代</translation>
    </message>
    <message>
        <source>Choose K</source>
        <translation>选择 K</translation>
    </message>
    <message>
        <source>Drag to show the model as it was at any iteration</source>
        <translation>拖动以显示模型在任意一次迭代时的状态</translation>
    </message>
    <message>
        <source>Replay: no fit yet</source>
        <translation>回放：尚无拟合</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>{file} · K = {k} · {covariance} covariances · iteration {i} · log-likelihood {ll}</source>
        <translation>{file} · K = {k} · {covariance} 协方差 · 第 {i} 次迭代 · 对数似然 {ll}</translation>
    </message>
    <message>
        <source>Compare numbers of components and covariance types by BIC</source>
        <translation>按 BIC 比较分量个数和协方差类型</translation>
    </message>
    <message>
        <source>Teach</source>
        <translation>教学</translation>
    </message>
    <message>
        <source>&amp;Teach</source>
        <translation>教学(&amp;T)</translation>
    </message>
    <message>
        <source>Teaching mode: EM one half-step at a time, formulas filled in</source>
        <translation>教学模式：EM 一次走半步，公式代入数值</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Fit settings</source>
        <translation>拟合设置</translation>
    </message>
    <message>
        <source>Data and settings</source>
        <translation>数据与设置</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Components</source>
        <translation>分量</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>一致性</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a data file</source>
        <translation>打开数据文件</translation>
    </message>
    <message>
        <source>&amp;Export results…</source>
        <translation>导出结果(&amp;E)…</translation>
    </message>
    <message>
        <source>Write parameters.csv, assignments.csv and history.csv into a folder</source>
        <translation>将 parameters.csv、assignments.csv 和 history.csv 写入一个文件夹</translation>
    </message>
    <message>
        <source>&amp;Report…</source>
        <translation>报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write a report of the fit (HTML or PDF) with a methods paragraph</source>
        <translation>写出拟合报告（HTML 或 PDF），含方法段落</translation>
    </message>
    <message>
        <source>Export as &amp;script…</source>
        <translation>导出为脚本(&amp;S)…</translation>
    </message>
    <message>
        <source>Write a Python or R script that reproduces the fit</source>
        <translation>写出可重现此拟合的 Python 或 R 脚本</translation>
    </message>
    <message>
        <source>Export all &amp;plots…</source>
        <translation>导出全部图形(&amp;P)…</translation>
    </message>
    <message>
        <source>Write every plot of the current fit as a PNG picture into a folder</source>
        <translation>将当前拟合的每张图以 PNG 图片写入一个文件夹</translation>
    </message>
    <message>
        <source>Export at &amp;iterations…</source>
        <translation>按迭代导出(&amp;I)…</translation>
    </message>
    <message>
        <source>Write the data plots as they were at chosen iterations</source>
        <translation>写出所选迭代时的数据图</translation>
    </message>
    <message>
        <source>Export &amp;animation…</source>
        <translation>导出动画(&amp;A)…</translation>
    </message>
    <message>
        <source>Write the fit as an animated GIF, one frame per iteration</source>
        <translation>把拟合过程写成 GIF 动画，每次迭代一帧</translation>
    </message>
    <message>
        <source>&amp;Generate synthetic data…</source>
        <translation>生成模拟数据(&amp;G)…</translation>
    </message>
    <message>
        <source>Draw data from a mixture with parameters you choose</source>
        <translation>从您设定参数的混合分布中抽取数据</translation>
    </message>
    <message>
        <source>Save generated &amp;data…</source>
        <translation>保存模拟数据(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the generated rows as a CSV file or an Excel workbook</source>
        <translation>将生成的数据行保存为 CSV 文件或 Excel 工作簿</translation>
    </message>
    <message>
        <source>&amp;True values…</source>
        <translation>真实值(&amp;T)…</translation>
    </message>
    <message>
        <source>Type the parameters the data are known to come from, to compare the fit</source>
        <translation>输入已知的数据来源参数，以便与拟合结果比较</translation>
    </message>
    <message>
        <source>&amp;Save session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the data file&apos;s name, the settings and the fit to come back to later</source>
        <translation>保存数据文件名、设置和拟合结果，以便以后继续</translation>
    </message>
    <message>
        <source>Open se&amp;ssion…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Restore a saved session without refitting</source>
        <translation>恢复已保存的会话，无需重新拟合</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>拟合(&amp;F)</translation>
    </message>
    <message>
        <source>Run EM from the start</source>
        <translation>从头运行 EM</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume EM</source>
        <translation>暂停或继续 EM</translation>
    </message>
    <message>
        <source>S&amp;tep</source>
        <translation>单步(&amp;T)</translation>
    </message>
    <message>
        <source>Run one EM iteration</source>
        <translation>运行一次 EM 迭代</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Stop EM and keep the result</source>
        <translation>停止 EM 并保留结果</translation>
    </message>
    <message>
        <source>&amp;What is this?</source>
        <translation>这是什么？(&amp;W)</translation>
    </message>
    <message>
        <source>Explain EM and each plot in a few sentences</source>
        <translation>用几句话解释 EM 算法和每个图</translation>
    </message>
    <message>
        <source>&amp;Preview files before opening</source>
        <translation>打开前预览文件(&amp;P)</translation>
    </message>
    <message>
        <source>Show the first rows, the column names and how the file is read before opening it</source>
        <translation>打开文件前显示前几行、列名以及读取方式</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Demo data</source>
        <translation>示例数据(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
    <message>
        <source>F&amp;it</source>
        <translation>拟合(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>How these numbers are &amp;computed</source>
        <translation>这些数字是如何计算的(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About GMM Desktop</source>
        <translation>关于 GMM Desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>拟合</translation>
    </message>
    <message>
        <source> Speed: </source>
        <translation> 速度： </translation>
    </message>
    <message>
        <source>Slow EM down to watch each iteration</source>
        <translation>放慢 EM，以便观察每次迭代</translation>
    </message>
    <message>
        <source>Data files (*.csv *.tsv *.txt *.dat *.xlsx *.xls *.parquet *.pq *.feather *.arrow);;All files (*)</source>
        <translation>数据文件 (*.csv *.tsv *.txt *.dat *.xlsx *.xls *.parquet *.pq *.feather *.arrow);;所有文件 (*)</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;Excel workbooks (*.xlsx)</source>
        <translation>CSV 文件 (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Open data</source>
        <translation>打开数据</translation>
    </message>
    <message>
        <source>Opening {name}…</source>
        <translation>正在打开 {name}…</translation>
    </message>
    <message>
        <source>Could not open {name}: {message}</source>
        <translation>无法打开 {name}：{message}</translation>
    </message>
    <message>
        <source>True values set: drawn dashed beside the fit.</source>
        <translation>已设置真实值：以虚线画在拟合结果旁。</translation>
    </message>
    <message>
        <source>True values forgotten.</source>
        <translation>已清除真实值。</translation>
    </message>
    <message>
        <source>Generate data first (Data &gt; Generate synthetic data).</source>
        <translation>请先生成数据（数据 &gt; 生成模拟数据）。</translation>
    </message>
    <message>
        <source>Save generated data</source>
        <translation>保存模拟数据</translation>
    </message>
    <message>
        <source>Generated data saved to {path}</source>
        <translation>模拟数据已保存到 {path}</translation>
    </message>
    <message>
        <source>generated data</source>
        <translation>生成的数据</translation>
    </message>
    <message>
        <source>{name} — GMM Desktop</source>
        <translation>{name} — GMM Desktop</translation>
    </message>
    <message>
        <source>Showing {shown} of {total} rows, drawn at random: the file is larger than the memory budget (Fit settings). A fit uses every row, streamed from the file.</source>
        <translation>显示 {total} 行中随机抽取的 {shown} 行：文件大于内存预算（拟合设置）。拟合使用全部行，从文件流式读取。</translation>
    </message>
    <message>
        <source>Open a data file first.</source>
        <translation>请先打开一个数据文件。</translation>
    </message>
    <message>
        <source>Preparing the fast engine… the fit starts as soon as it is ready.</source>
        <translation>正在准备快速计算引擎…准备好后拟合将立即开始。</translation>
    </message>
    <message>
        <source>Row weights and rows with empty cells used in the model are not available yet for a file streamed from disk: set Weights to (none) and Rows with empty cells to &apos;leave out&apos; in the Data panel.</source>
        <translation>对于从磁盘分批读取的文件，暂时还不能使用行权重或在模型中使用含空单元格的行：请在“数据”面板中把“权重”设为（无），并把“含空单元格的行”设为“排除”。</translation>
    </message>
    <message>
        <source>on this machine</source>
        <translation>在本机上</translation>
    </message>
    <message>
        <source>on a local Dask cluster</source>
        <translation>在本地 Dask 集群上</translation>
    </message>
    <message>
        <source>on the Dask scheduler {address}</source>
        <translation>在 Dask 调度器 {address} 上</translation>
    </message>
    <message>
        <source>Fitting all {rows} rows, streamed from the file {where}: the starts are chosen on a random sample first…</source>
        <translation>正{where}拟合全部 {rows} 行（从文件流式读取）：先在随机样本上选择初始值…</translation>
    </message>
    <message>
        <source>Fitting…</source>
        <translation>正在拟合…</translation>
    </message>
    <message>
        <source>Paused at the start: press Step</source>
        <translation>已在开始处暂停：请按“单步”</translation>
    </message>
    <message>
        <source>Paused: Step runs one iteration, Pause again resumes</source>
        <translation>已暂停：“单步”运行一次迭代，再按“暂停”继续</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Stopped while reading the file, before the first iteration: nothing was fitted.</source>
        <translation>在读取文件时停止（尚未开始第一次迭代）：没有拟合任何模型。</translation>
    </message>
    <message>
        <source>Showing K = {k}, {covariance} from the Choose K view.</source>
        <translation>正在显示“选择 K”视图中的 K = {k}，{covariance}。</translation>
    </message>
    <message>
        <source>The fit failed: {message}</source>
        <translation>拟合失败：{message}</translation>
    </message>
    <message>
        <source>start {i} of {n}, </source>
        <translation>第 {i}/{n} 个初始值，</translation>
    </message>
    <message>
        <source>iteration {i} · log-likelihood {ll}</source>
        <translation>第 {i} 次迭代 · 对数似然 {ll}</translation>
    </message>
    <message>
        <source>{i} of {n}</source>
        <translation>{i} / {n}</translation>
    </message>
    <message>
        <source>Preparing the fast engine…</source>
        <translation>正在准备快速计算引擎…</translation>
    </message>
    <message>
        <source>Fast engine off: {message}</source>
        <translation>快速计算引擎未启用：{message}</translation>
    </message>
    <message>
        <source>Using the reference engine (numba is not available).</source>
        <translation>正在使用参考计算引擎（numba 不可用）。</translation>
    </message>
    <message>
        <source>Fast engine ready ({n} threads).</source>
        <translation>快速计算引擎已就绪（{n} 个线程）。</translation>
    </message>
    <message>
        <source>The shown parameters are now the manual start.</source>
        <translation>当前显示的参数已设为手动初始值。</translation>
    </message>
    <message>
        <source>There is no finished fit to export yet.</source>
        <translation>还没有可以导出的已完成拟合。</translation>
    </message>
    <message>
        <source>Export results into folder</source>
        <translation>将结果导出到文件夹</translation>
    </message>
    <message>
        <source>Export all plots into folder</source>
        <translation>将全部图形导出到文件夹</translation>
    </message>
    <message>
        <source>iteration {i}</source>
        <translation>第 {i} 次迭代</translation>
    </message>
    <message>
        <source>Export plots at iterations</source>
        <translation>按迭代导出图</translation>
    </message>
    <message>
        <source>GIF animation (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 film (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Drawing the pictures…</source>
        <translation>正在绘制图片…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>导出已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <source>An export of every row is still being written: wait for it, or cancel it.</source>
        <translation>全部行的导出仍在写入：请等待完成，或取消它。</translation>
    </message>
    <message>
        <source>Writing the assignments of all {rows} rows of {name}…</source>
        <translation>正在写出 {name} 全部 {rows} 行的归属…</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>导出结果</translation>
    </message>
    <message>
        <source>Writing the assignments of all {rows} rows…</source>
        <translation>正在写出全部 {rows} 行的归属…</translation>
    </message>
    <message>
        <source>assignments.csv holds the assignments of all {rows} rows fitted, numbered as in the file</source>
        <translation>assignments.csv 包含参与拟合的全部 {rows} 行的归属，行号与文件中一致</translation>
    </message>
    <message>
        <source>assignments.csv holds the {shown} sampled rows shown, numbered as in the file: this model was fitted to the sample only</source>
        <translation>assignments.csv 包含所显示的 {shown} 个抽样行，行号与文件中一致：此模型只在样本上拟合</translation>
    </message>
    <message>
        <source>Wrote {files} to {folder}</source>
        <translation>已将 {files} 写入 {folder}</translation>
    </message>
    <message>
        <source>Open a data file before saving a session.</source>
        <translation>保存会话之前请先打开一个数据文件。</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>GMM Desktop sessions (*{suffix})</source>
        <translation>GMM Desktop 会话 (*{suffix})</translation>
    </message>
    <message>
        <source>Session saved to {path}</source>
        <translation>会话已保存到 {path}</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>GMM Desktop sessions (*{suffix});;All files (*)</source>
        <translation>GMM Desktop 会话 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Finishing compiling the fast engine…</source>
        <translation>正在完成快速计算引擎的编译…</translation>
    </message>
    <message>
        <source>The saved fit could not be shown: {error}</source>
        <translation>无法显示保存的拟合结果：{error}</translation>
    </message>
    <message>
        <source>What is this?</source>
        <translation>这是什么？</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>The file {name} cannot be streamed.</source>
        <translation>无法流式读取文件 {name}。</translation>
    </message>
    <message>
        <source>A Dask cluster reads Parquet or Arrow files: convert the CSV file first, or leave the Dask scheduler empty to fit it on this machine.</source>
        <translation>Dask 集群只读取 Parquet 或 Arrow 文件：请先转换 CSV 文件，或将 Dask 调度器留空以在本机拟合。</translation>
    </message>
    <message>
        <source>Reading the file before the fit (1 of 2: counting the usable rows, {rows} so far)… {percent}</source>
        <translation>拟合前读取文件（第 1 遍，共 2 遍：统计可用行，目前 {rows} 行）… {percent}</translation>
    </message>
    <message>
        <source>Reading the file before the fit (2 of 2: drawing the random sample the starts are chosen on)… {percent}</source>
        <translation>拟合前读取文件（第 2 遍，共 2 遍：抽取用于选择初始值的随机样本）… {percent}</translation>
    </message>
</context>
<context>
    <name>ManualStartEditor</name>
    <message>
        <source>OK</source>
        <translation>数值有效</translation>
    </message>
    <message>
        <source>Starting values for EM, one row per component. Weights are the share of the
data in each component and add up to 1; sd is the spread; corr is the
correlation between two columns within the component (between -1 and 1).</source>
        <translation>EM 的初始值，每个分量一行。权重是各分量所占数据的比例，
总和为 1；sd 是标准差（离散程度）；corr 是分量内两列之间的
相关系数（介于 -1 和 1 之间）。</translation>
    </message>
    <message>
        <source>Normalise weights</source>
        <translation>权重归一化</translation>
    </message>
    <message>
        <source>Divide every weight by their total so that they add up to 1.</source>
        <translation>把每个权重除以权重总和，使它们加起来等于 1。</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>mean {column}</source>
        <translation>均值 {column}</translation>
    </message>
    <message>
        <source>Enter variances and covariances</source>
        <translation>输入方差和协方差</translation>
    </message>
    <message>
        <source>Type each component&apos;s variances and covariances instead of its standard
deviations and correlations; the values shown are converted.</source>
        <translation>为每个分量输入方差和协方差，而不是标准差和相关系数；
表中已有的值会被换算。</translation>
    </message>
    <message>
        <source>sd {column}</source>
        <translation>标准差 {column}</translation>
    </message>
    <message>
        <source>corr {a},{b}</source>
        <translation>相关系数 {a},{b}</translation>
    </message>
    <message>
        <source>var {column}</source>
        <translation>方差 {column}</translation>
    </message>
    <message>
        <source>cov {a},{b}</source>
        <translation>协方差 {a},{b}</translation>
    </message>
    <message>
        <source>Share of the data in this component (between 0 and 1; all add up to 1).</source>
        <translation>该分量所占数据的比例（介于 0 和 1 之间；总和为 1）。</translation>
    </message>
    <message>
        <source>Centre of this component.</source>
        <translation>该分量的中心。</translation>
    </message>
    <message>
        <source>Standard deviation (spread) of this component; must be more than 0.</source>
        <translation>该分量的标准差（离散程度）；必须大于 0。</translation>
    </message>
    <message>
        <source>Variance (the sd squared) of this component; must be more than 0.</source>
        <translation>该分量的方差（标准差的平方）；必须大于 0。</translation>
    </message>
    <message>
        <source>Covariance within this component (correlation × both sds); the variances and covariances together must be possible for real data.</source>
        <translation>该分量内的协方差（相关系数 × 两个标准差）；这些方差和协方差合在一起必须是真实数据可能具有的。</translation>
    </message>
    <message>
        <source>Correlation within this component, strictly between -1 and 1.</source>
        <translation>该分量内的相关系数，必须严格介于 -1 和 1 之间。</translation>
    </message>
    <message>
        <source>Component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} is not a number</source>
        <translation>分量 {k} 的 {column} 不是数字</translation>
    </message>
    <message>
        <source>starting values can be typed for at most {max} columns, and {n} are chosen; choose fewer columns or another start method</source>
        <translation>最多只能为 {max} 列手动输入初始值，而当前选择了 {n} 列；请少选一些列，或换一种初始化方法</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} is empty</source>
        <translation>分量 {k} 的 {column} 为空</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} &apos;{text}&apos; is not a number</source>
        <translation>分量 {k} 的 {column}“{text}”不是数字</translation>
    </message>
    <message>
        <source>component {k}&apos;s weight must be more than 0</source>
        <translation>分量 {k} 的权重必须大于 0</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} must be more than 0</source>
        <translation>分量 {k} 的 {column} 必须大于 0</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} is too large</source>
        <translation>分量 {k} 的 {column} 太大</translation>
    </message>
    <message>
        <source>component {k}&apos;s {column} must be between -1 and 1</source>
        <translation>分量 {k} 的 {column} 必须介于 -1 和 1 之间</translation>
    </message>
    <message>
        <source>the weights add up to {total}; they must add up to 1</source>
        <translation>权重之和为 {total}；权重之和必须等于 1</translation>
    </message>
    <message>
        <source>component {k}&apos;s correlations are impossible together (no real data can have them all); make them smaller</source>
        <translation>分量 {k} 的相关系数组合不可能同时成立（没有真实数据能同时具有这些相关系数）；请把它们调小</translation>
    </message>
    <message>
        <source>component {k}&apos;s variances and covariances are impossible together (no real data can have them); make the covariances smaller</source>
        <translation>分量 {k} 的方差和协方差不可能同时成立（真实数据不可能如此）；请减小协方差</translation>
    </message>
</context>
<context>
    <name>ParameterPanel</name>
    <message>
        <source>full (each component its own tilted ellipse)</source>
        <translation>full（每个分量有各自的倾斜椭圆）</translation>
    </message>
    <message>
        <source>diag (axis-aligned ellipses)</source>
        <translation>diag（与坐标轴平行的椭圆）</translation>
    </message>
    <message>
        <source>spherical (circles)</source>
        <translation>spherical（圆形）</translation>
    </message>
    <message>
        <source>tied (all components share one shape)</source>
        <translation>tied（所有分量共用一种形状）</translation>
    </message>
    <message>
        <source>random rows from the data</source>
        <translation>从数据中随机取行</translation>
    </message>
    <message>
        <source>random responsibilities</source>
        <translation>随机责任度</translation>
    </message>
    <message>
        <source>my own values</source>
        <translation>自定义初始值</translation>
    </message>
    <message>
        <source>the likelihood&apos;s limit is reached (Aitken, recommended)</source>
        <translation>似然达到其极限（Aitken，推荐）</translation>
    </message>
    <message>
        <source>the log-likelihood per row changes by less than tol (scikit-learn)</source>
        <translation>每行平均对数似然的变化小于容差（scikit-learn）</translation>
    </message>
    <message>
        <source>the total log-likelihood changes by less than tol (homework)</source>
        <translation>总对数似然的变化小于容差（作业）</translation>
    </message>
    <message>
        <source>EM stops when the gain still to come, estimated from the last steps (Aitken), is
below the tolerance per row: it stops at the maximum even on a flat likelihood.</source>
        <translation>当由最近几步估计（Aitken）的每行尚可增加的对数似然小于容差时，EM 停止：
即使似然很平坦，也会停在最大值处。</translation>
    </message>
    <message>
        <source>EM stops when one iteration changes the mean log-likelihood per row by less than
the tolerance, as scikit-learn does; on a flat likelihood it can stop early.</source>
        <translation>当一次迭代使每行平均对数似然的变化小于容差时，EM 停止（与 scikit-learn 相同）；
似然平坦时可能过早停止。</translation>
    </message>
    <message>
        <source>EM stops when one iteration changes the total log-likelihood by less than the
tolerance, as in the homework; on a flat likelihood it can stop early.</source>
        <translation>当一次迭代使总对数似然的变化小于容差时，EM 停止（与作业相同）；
似然平坦时可能过早停止。</translation>
    </message>
    <message>
        <source>How many Gaussian bumps (groups) the mixture has.
Two for heights of men and women; compare several K in the results to choose.</source>
        <translation>混合模型中高斯“峰”（组）的个数。
例如男女身高用 2；可以在结果中比较几个 K 再做选择。</translation>
    </message>
    <message>
        <source>The shape each component may take. &apos;full&apos; is the most flexible; &apos;diag&apos; and
&apos;spherical&apos; need fewer numbers and help with little data; &apos;tied&apos; gives every
component the same shape. With one column all four differ only in &apos;tied&apos;.</source>
        <translation>每个分量可以取的形状。“full”最灵活；“diag”和“spherical”
需要估计的参数更少，适合数据较少的情况；“tied”让所有分量
形状相同。只有一列时，四种类型中只有“tied”与其他不同。</translation>
    </message>
    <message>
        <source>A number that fixes the random choices, so the same seed gives the same fit again.
Change it (or press &apos;New seed&apos;) to try another random start.</source>
        <translation>固定随机选择的数字：同一个种子会再次得到相同的拟合。
修改它（或按“新种子”）可以尝试另一个随机初始值。</translation>
    </message>
    <message>
        <source>Pick a new random seed.</source>
        <translation>选择一个新的随机种子。</translation>
    </message>
    <message>
        <source>How many times EM is started from different random starts; the best result
(highest log-likelihood) is kept. More restarts are slower but safer.</source>
        <translation>EM 从不同随机初始值启动的次数；保留最好的结果
（对数似然最高）。重启次数越多越慢，但越稳妥。</translation>
    </message>
    <message>
        <source>Your own starting values give exactly one start, so restarts do not apply.</source>
        <translation>自定义初始值只产生一个起点，因此重启不适用。</translation>
    </message>
    <message>
        <source>EM stops after this many iterations even if it has not settled.
Raise it if the results say the fit did not converge.</source>
        <translation>达到这个迭代次数后，即使尚未稳定，EM 也会停止。
如果结果显示拟合未收敛，请调大它。</translation>
    </message>
    <message>
        <source>When EM counts as converged. The recommended rule (Aitken) estimates how much the
log-likelihood can still gain and stops at the maximum; the other two stop when one
iteration changes the log-likelihood by less than the tolerance (per row as
scikit-learn, or in total as the homework). Choosing a rule puts its usual
tolerance in the box unless you typed your own.</source>
        <translation>EM 何时算作收敛。推荐的规则（Aitken）估计对数似然还能增加多少，并停在最大值处；
另外两种规则在一次迭代使对数似然的变化小于容差时停止（按每行计算，同 scikit-learn；
或按总量计算，同作业）。选择规则会把该规则常用的容差填入容差框，
除非你已自行输入了容差。</translation>
    </message>
    <message>
        <source>Smaller means more precise but more iterations; 0 runs every iteration.
Scientific notation is fine, e.g. 1e-8 = 0.00000001.</source>
        <translation>越小越精确，但迭代越多；0 表示运行全部迭代。
可以使用科学计数法，例如 1e-8 = 0.00000001。</translation>
    </message>
    <message>
        <source>automatic: several kinds in turn (recommended)</source>
        <translation>自动：多种起点轮流（推荐）</translation>
    </message>
    <message>
        <source>k-means++ on standardised columns</source>
        <translation>k-means++（各列标准化）</translation>
    </message>
    <message>
        <source>k-means++ on the columns as they are</source>
        <translation>k-means++（按原始列，不标准化）</translation>
    </message>
    <message>
        <source>hierarchical (as mclust)</source>
        <translation>层次聚类（同 mclust）</translation>
    </message>
    <message>
        <source>Where EM starts. Automatic takes hierarchical, k-means++ and random starts in turn,
which finds better fits with several restarts. &apos;My own values&apos; lets you type the
starting weights, means and sds, like a homework&apos;s starting values.</source>
        <translation>EM 从哪里开始。“自动”轮流使用层次聚类、k-means++ 和随机起点，
多次重启时能找到更好的拟合。“我自己的值”可以输入
初始权重、均值和标准差，就像作业中的初始值。</translation>
    </message>
    <message>
        <source>A tiny amount added to every variance so that a component squeezed onto a
single value cannot break the fit. Leave it unless a fit fails; then try 1e-3.</source>
        <translation>加到每个方差上的一个很小的量，防止某个分量收缩到
单个值上而使拟合失败。除非拟合失败，否则保持不变；失败时可试 1e-3。</translation>
    </message>
    <message>
        <source>Fill the table with a k-means++ start computed from the chosen data,
then edit it.</source>
        <translation>用根据所选数据计算出的 k-means++ 初始值填充表格，
然后再进行编辑。</translation>
    </message>
    <message>
        <source>Choose some data first: the starting values are computed from it.</source>
        <translation>请先选择数据：初始值是根据数据计算的。</translation>
    </message>
    <message>
        <source>New seed</source>
        <translation>新种子</translation>
    </message>
    <message>
        <source>Fill from data</source>
        <translation>根据数据填充</translation>
    </message>
    <message>
        <source>My own starting values</source>
        <translation>自定义初始值</translation>
    </message>
    <message>
        <source>Components K:</source>
        <translation>分量个数 K：</translation>
    </message>
    <message>
        <source>Covariance type:</source>
        <translation>协方差类型：</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>初始化方法：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Restarts:</source>
        <translation>重启次数：</translation>
    </message>
    <message>
        <source>Max iterations:</source>
        <translation>最大迭代次数：</translation>
    </message>
    <message>
        <source>Stop when:</source>
        <translation>停止条件：</translation>
    </message>
    <message>
        <source>Tolerance:</source>
        <translation>收敛容差：</translation>
    </message>
    <message>
        <source>Regularisation:</source>
        <translation>正则化：</translation>
    </message>
    <message>
        <source>your starting values have a problem: {problem}</source>
        <translation>您的初始值有问题：{problem}</translation>
    </message>
    <message>
        <source>tolerance</source>
        <translation>收敛容差</translation>
    </message>
    <message>
        <source>regularisation</source>
        <translation>正则化项</translation>
    </message>
    <message>
        <source>the {what} must be zero or a positive number, such as {example}</source>
        <translation>{what}必须为零或正数，例如 {example}</translation>
    </message>
</context>
<context>
    <name>PictureDialog</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>宽度：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source> of {n}</source>
        <translation> / {n}</translation>
    </message>
    <message>
        <source>Iteration:</source>
        <translation>迭代：</translation>
    </message>
    <message>
        <source>Iteration numbers separated by commas, from 1 to {n}</source>
        <translation>用逗号分隔的迭代次数，从 1 到 {n}</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>迭代：</translation>
    </message>
    <message>
        <source>{cm} cm wide when printed</source>
        <translation>打印宽度 {cm} 厘米</translation>
    </message>
    <message>
        <source>Choose where to save first.</source>
        <translation>请先选择保存位置。</translation>
    </message>
    <message>
        <source>Iteration {i} is beyond the fit: it stopped at iteration {n}.</source>
        <translation>第 {i} 次迭代超出了拟合：拟合在第 {n} 次迭代停止。</translation>
    </message>
</context>
<context>
    <name>PlotArea</name>
    <message>
        <source>Profile</source>
        <translation>剖面图</translation>
    </message>
    <message>
        <source>Class means per column (the profile) and class sizes</source>
        <translation>各类在每列上的均值（剖面）和类的大小</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>迭代表</translation>
    </message>
    <message>
        <source>Every iteration in a table: the log-likelihood, its change, every parameter</source>
        <translation>每次迭代列成一张表：对数似然、它的变化和每个参数</translation>
    </message>
    <message>
        <source>Histogram</source>
        <translation>直方图</translation>
    </message>
    <message>
        <source>Histogram and fitted densities of one column</source>
        <translation>一列的直方图和拟合的密度</translation>
    </message>
    <message>
        <source>Scatter</source>
        <translation>散点图</translation>
    </message>
    <message>
        <source>Scatter plot of two columns with the fitted ellipses</source>
        <translation>两列的散点图和拟合的椭圆</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Rotatable 3-D scatter of three columns</source>
        <translation>三列的可旋转三维散点图</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>The log-likelihood after each iteration</source>
        <translation>每次迭代后的对数似然</translation>
    </message>
    <message>
        <source>History</source>
        <translation>参数历史</translation>
    </message>
    <message>
        <source>Weights, means and spreads at each iteration</source>
        <translation>每次迭代的权重、均值和离散程度</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>Export as PNG…</source>
        <translation>导出为 PNG…</translation>
    </message>
    <message>
        <source>Export as PNG or SVG…</source>
        <translation>导出为 PNG 或 SVG…</translation>
    </message>
    <message>
        <source>this view can only be exported as PNG</source>
        <translation>此视图只能导出为 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>column {i}</source>
        <translation>第 {i} 列</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Choose a label column with at most {n} groups to use this.</source>
        <translation>请选择最多有 {n} 个组的标签列以使用此功能。</translation>
    </message>
    <message>
        <source>Column:</source>
        <translation>列：</translation>
    </message>
    <message>
        <source>split by label</source>
        <translation>按标签分组</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>split by {label}</source>
        <translation>按 {label} 分组</translation>
    </message>
    <message>
        <source>their weights</source>
        <translation>其权重</translation>
    </message>
    <message>
        <source>data weighted by {name} ({m} empty)</source>
        <translation>按 {name} 加权的数据（{m} 个为空）</translation>
    </message>
    <message>
        <source>data weighted by {name}</source>
        <translation>按 {name} 加权的数据</translation>
    </message>
    <message>
        <source>data: {n} values ({m} empty)</source>
        <translation>数据：{n} 个值（{m} 个为空）</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>component {k} (w={w})</source>
        <translation>分量 {k}（w={w}）</translation>
    </message>
    <message>
        <source>mixture</source>
        <translation>混合分布</translation>
    </message>
    <message>
        <source>true components</source>
        <translation>真实分量</translation>
    </message>
    <message>
        <source>true mixture</source>
        <translation>真实混合</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>converged at iteration {i}</source>
        <translation>在第 {i} 次迭代收敛</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>shown iteration</source>
        <translation>当前显示的迭代</translation>
    </message>
    <message>
        <source>weights (τ)</source>
        <translation>权重 (τ)</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>means (μ) of {column}</source>
        <translation>{column} 的均值 (μ)</translation>
    </message>
    <message>
        <source>mean of {column}</source>
        <translation>{column} 的均值</translation>
    </message>
    <message>
        <source>sds (σ) of {column}</source>
        <translation>{column} 的标准差 (σ)</translation>
    </message>
    <message>
        <source>sd of {column}</source>
        <translation>{column} 的标准差</translation>
    </message>
    <message>
        <source>means (μ)</source>
        <translation>均值 (μ)</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>sds (σ)</source>
        <translation>标准差 (σ)</translation>
    </message>
    <message>
        <source>sd</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>colour by label</source>
        <translation>按标签着色</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Drag to rotate, scroll to zoom, middle-drag to move.</source>
        <translation>拖动旋转，滚轮缩放，按住中键拖动平移。</translation>
    </message>
    <message>
        <source>colour by {label}</source>
        <translation>按 {label} 着色</translation>
    </message>
    <message>
        <source>showing {shown} of {n} points</source>
        <translation>显示 {n} 个点中的 {shown} 个</translation>
    </message>
    <message>
        <source>large dots: component means</source>
        <translation>大圆点：分量均值</translation>
    </message>
    <message>
        <source>dashed rings: true 2 sd ellipsoids</source>
        <translation>虚线环：真实的 2 倍标准差椭球</translation>
    </message>
    <message>
        <source>X axis:</source>
        <translation>X 轴：</translation>
    </message>
    <message>
        <source>Y axis:</source>
        <translation>Y 轴：</translation>
    </message>
    <message>
        <source>equal scales</source>
        <translation>等比例坐标</translation>
    </message>
    <message>
        <source>One unit is as long on both axes, so shapes and tilts are not distorted. On by default when both columns seem to share units (the same unit in their names, or overlapping values of similar spread).</source>
        <translation>两条坐标轴上一个单位一样长，形状和倾斜不会变形。当两列看起来单位相同时默认打开（列名中的单位相同，或数值范围重叠且跨度相近）。</translation>
    </message>
    <message>
        <source>showing {shown} of {n} points (a fixed random sample)</source>
        <translation>显示 {n} 个点中的 {shown} 个（固定的随机样本）</translation>
    </message>
    <message>
        <source>{n} rows have no {y} value: each is a tick at its {x}, along the bottom. EM fitted them on the cells they have.</source>
        <translation>{n} 行没有 {y} 值：每行在底部其 {x} 处画一条刻线。EM 按这些行已有的单元格对其拟合。</translation>
    </message>
    <message>
        <source>{n} rows have no {x} value: each is a tick at its {y}, along the left side. EM fitted them on the cells they have.</source>
        <translation>{n} 行没有 {x} 值：每行在左侧其 {y} 处画一条刻线。EM 按这些行已有的单元格对其拟合。</translation>
    </message>
    <message>
        <source>1 sd ellipse</source>
        <translation>1 倍标准差椭圆</translation>
    </message>
    <message>
        <source>2 sd ellipse</source>
        <translation>2 倍标准差椭圆</translation>
    </message>
    <message>
        <source>true 1 and 2 sd ellipses</source>
        <translation>真实的 1 倍和 2 倍标准差椭圆</translation>
    </message>
    <message>
        <source>true mean</source>
        <translation>真实均值</translation>
    </message>
    <message>
        <source>no {y}: {n} rows (ticks at their {x})</source>
        <translation>缺 {y}：{n} 行（刻线位于其 {x}）</translation>
    </message>
    <message>
        <source>no {x}: {n} rows (ticks at their {y})</source>
        <translation>缺 {x}：{n} 行（刻线位于其 {y}）</translation>
    </message>
    <message>
        <source>true values (dashed)</source>
        <translation>真实值（虚线）</translation>
    </message>
    <message>
        <source>Draw the true parameters the data were generated from, long-dashed, beside the fitted ones</source>
        <translation>在拟合结果旁用长虚线画出生成数据所用的真实参数</translation>
    </message>
    <message>
        <source>standardised</source>
        <translation>标准化</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>原始</translation>
    </message>
    <message>
        <source>Means:</source>
        <translation>均值：</translation>
    </message>
    <message>
        <source>Standardised: each column&apos;s mean is 0 and its sd 1, so columns of different units can be compared. Raw: the columns&apos; own units.</source>
        <translation>标准化：每列的均值为 0、标准差为 1，因此单位不同的列也可以比较。原始：各列自己的单位。</translation>
    </message>
    <message>
        <source>95% intervals</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Press Standard errors in the results to compute them</source>
        <translation>在结果中按“标准误”来计算它们</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>component</source>
        <translation>分量</translation>
    </message>
    <message>
        <source>share of rows (%)</source>
        <translation>行的占比（%）</translation>
    </message>
    <message>
        <source>mean (standardised)</source>
        <translation>均值（标准化）</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>There is no finished fit to report yet.</source>
        <translation>还没有可报告的已完成拟合。</translation>
    </message>
    <message>
        <source>HTML report (*.html)</source>
        <translation>HTML 报告 (*.html)</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>There is no finished fit to export yet.</source>
        <translation>还没有可以导出的已完成拟合。</translation>
    </message>
    <message>
        <source>This data was made in the window and has no file for a script to read.</source>
        <translation>这些数据是在窗口中生成的，没有可供脚本读取的文件。</translation>
    </message>
    <message>
        <source>Python script (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>R script (*.R)</source>
        <translation>R 脚本 (*.R)</translation>
    </message>
    <message>
        <source>Export as script</source>
        <translation>导出为脚本</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>已写出 {path}</translation>
    </message>
</context>
<context>
    <name>ResultsPanel</name>
    <message>
        <source>No fit yet. Choose columns and press Fit.</source>
        <translation>尚无拟合。请选择列并按“拟合”。</translation>
    </message>
    <message>
        <source>Use this result as the start</source>
        <translation>将此结果用作初始值</translation>
    </message>
    <message>
        <source>Copy these parameters into &apos;my own values&apos; to start EM there</source>
        <translation>把这些参数复制到“自定义初始值”，让 EM 从这里开始</translation>
    </message>
    <message>
        <source>Copy table</source>
        <translation>复制表格</translation>
    </message>
    <message>
        <source>Copy the table as tab-separated text (pastes into Excel)</source>
        <translation>以制表符分隔的文本复制表格（可粘贴到 Excel）</translation>
    </message>
    <message>
        <source>fitting</source>
        <translation>拟合中</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>&lt;b&gt;Iteration {i}&lt;/b&gt; ({state}) · log-likelihood {ll}</source>
        <translation>&lt;b&gt;第 {i} 次迭代&lt;/b&gt;（{state}）· 对数似然 {ll}</translation>
    </message>
    <message>
        <source>Converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>Not converged</source>
        <translation>未收敛</translation>
    </message>
    <message>
        <source>&lt;b&gt;{verdict}&lt;/b&gt; after {n} iterations&lt;br&gt;log-likelihood {ll} · BIC {bic} · AIC {aic}&lt;br&gt;{rows} rows, {k} components, {covariance} covariance</source>
        <translation>&lt;b&gt;{verdict}&lt;/b&gt;，共 {n} 次迭代&lt;br&gt;对数似然 {ll} · BIC {bic} · AIC {aic}&lt;br&gt;{rows} 行，{k} 个分量，协方差类型 {covariance}</translation>
    </message>
    <message>
        <source>Converged after {n} iterations</source>
        <translation>经过 {n} 次迭代后收敛</translation>
    </message>
    <message>
        <source>Stopped after {n} iterations (not converged)</source>
        <translation>经过 {n} 次迭代后停止（未收敛）</translation>
    </message>
    <message>
        <source>, best reached by {m} of {n} starts</source>
        <translation>，{n} 个起点中有 {m} 个达到最佳</translation>
    </message>
    <message>
        <source>{verdict}{best}. Log-likelihood {ll}.</source>
        <translation>{verdict}{best}。对数似然 {ll}。</translation>
    </message>
    <message>
        <source>⚠ {warning}.</source>
        <translation>⚠ {warning}。</translation>
    </message>
    <message>
        <source>Starts reaching the best: {m_of_n}</source>
        <translation>达到最佳的起点：{m_of_n}</translation>
    </message>
    <message>
        <source>Component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>standard error {se}; 95% interval {low} to {high}</source>
        <translation>标准误 {se}；95% 区间 {low} 至 {high}</translation>
    </message>
    <message>
        <source>the weight column</source>
        <translation>权重列</translation>
    </message>
    <message>
        <source>n = sum of weights ({column}) = {total} in BIC, AIC and the other indices</source>
        <translation>BIC、AIC 等指标中的 n = 权重之和（{column}）= {total}</translation>
    </message>
    <message>
        <source>cells filled in the model: {n}</source>
        <translation>模型中填补的单元格：{n}</translation>
    </message>
    <message>
        <source>points (sum of weights)</source>
        <translation>点数（权重之和）</translation>
    </message>
    <message>
        <source>points in the sample</source>
        <translation>样本中的点数</translation>
    </message>
    <message>
        <source>component</source>
        <translation>分量</translation>
    </message>
    <message>
        <source>parameter</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>Standard errors</source>
        <translation>标准误</translation>
    </message>
    <message>
        <source>Bootstrap the finished fit ({b} replicates, each refitted from this result) for the standard error and 95% interval of every weight, mean, sd and correlation; press again to stop</source>
        <translation>对已完成的拟合做自助法（{b} 次重复，每次从此结果开始重新拟合），得到每个权重、均值、标准差和相关系数的标准误和 95% 区间；再按一次停止</translation>
    </message>
    <message>
        <source>resample rows</source>
        <translation>重新抽样行</translation>
    </message>
    <message>
        <source>draw from the fit</source>
        <translation>从拟合中抽样</translation>
    </message>
    <message>
        <source>Resample rows: nonparametric bootstrap (rows drawn with replacement). Draw from the fit: parametric bootstrap (new rows drawn from the fitted mixture).</source>
        <translation>重新抽样行：非参数自助法（有放回地抽取行）。从拟合中抽样：参数自助法（从拟合的混合模型中抽取新行）。</translation>
    </message>
    <message>
        <source>Standard errors need every row in memory: this fit streamed a file larger than the memory budget</source>
        <translation>标准误需要所有行都在内存中：此拟合流式读取了一个大于内存预算的文件</translation>
    </message>
    <message>
        <source>Stop bootstrap</source>
        <translation>停止自助法</translation>
    </message>
    <message>
        <source>rows resampled</source>
        <translation>行重新抽样</translation>
    </message>
    <message>
        <source>rows drawn from the fit</source>
        <translation>从拟合中抽取的行</translation>
    </message>
    <message>
        <source>In brackets: bootstrap standard errors ({b} replicates, {kind}). Hover a value for its 95% interval.</source>
        <translation>括号内：自助标准误（{b} 次重复，{kind}）。将鼠标悬停在数值上可查看其 95% 区间。</translation>
    </message>
    <message>
        <source>The bootstrap stopped: {message}</source>
        <translation>自助法已停止：{message}</translation>
    </message>
    <message>
        <source>Lower is better for every criterion; mclust shows BIC and ICL with the opposite sign. ICL follows mclust (BIC plus the hard-classification term).</source>
        <translation>所有准则都是越低越好；mclust 显示的 BIC 和 ICL 符号相反。ICL 按 mclust 的约定计算（BIC 加上硬分类项）。</translation>
    </message>
    <message>
        <source>Free parameters {p} (weights {w}, means {m}, covariances {c})</source>
        <translation>自由参数 {p} 个（权重 {w}，均值 {m}，协方差 {c}）</translation>
    </message>
    <message>
        <source>SABIC {sabic} · CAIC {caic} · AWE {awe}</source>
        <translation>SABIC {sabic} · CAIC {caic} · AWE {awe}</translation>
    </message>
    <message>
        <source>ICL {icl} (mclust&apos;s convention) · ICL with entropy {entropy}</source>
        <translation>ICL {icl}（mclust 的约定）· 熵版本 ICL {entropy}</translation>
    </message>
    <message>
        <source>Relative entropy {e} · average posterior per component {posterior}</source>
        <translation>相对熵 {e} · 各分量平均后验概率 {posterior}</translation>
    </message>
    <message>
        <source>Smallest component: {k}, {count} rows ({percent}%)</source>
        <translation>最小分量：{k}，{count} 行（{percent}%）</translation>
    </message>
    <message>
        <source>⚠ Only {count} of {n} rows are in component {k}: a component under 5% or under 25 rows may be a few unusual rows rather than a group.</source>
        <translation>⚠ {n} 行中只有 {count} 行属于分量 {k}：低于 5% 或少于 25 行的分量可能只是几行异常数据，而不是一个真正的群组。</translation>
    </message>
    <message>
        <source>Lower is better; mclust shows BIC and ICL with the opposite sign.</source>
        <translation>越低越好；mclust 显示的 BIC 和 ICL 符号相反。</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>{m} of {n}</source>
        <translation>{n} 个中的 {m} 个</translation>
    </message>
    <message>
        <source>Only one of the {n} starts reached the best log-likelihood; more restarts may find a better fit.</source>
        <translation>{n} 个起点中只有一个达到了最佳对数似然；增加重启次数可能找到更好的拟合。</translation>
    </message>
    <message>
        <source>{m} of the {n} starts EM tried ended at this log-likelihood (within one part in a
million). Several starts agreeing make it likely that this is the best fit there is.</source>
        <translation>EM 尝试的 {n} 个起点中有 {m} 个最终达到这个对数似然（相差不超过百万分之一）。
多个起点结果一致，说明这很可能就是最好的拟合。</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>mean {column}</source>
        <translation>均值 {column}</translation>
    </message>
    <message>
        <source>sd {column}</source>
        <translation>标准差 {column}</translation>
    </message>
    <message>
        <source>corr {a},{b}</source>
        <translation>相关系数 {a},{b}</translation>
    </message>
</context>
<context>
    <name>RunComparisonDialog</name>
    <message>
        <source>These runs used different columns, so their components are not paired.</source>
        <translation>这两次运行使用了不同的列，因此它们的分量不进行配对。</translation>
    </message>
    <message>
        <source>Runs {ids} side by side</source>
        <translation>并排比较运行 {ids}</translation>
    </message>
    <message>
        <source>Parameter:</source>
        <translation>参数：</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>means of {column}</source>
        <translation>{column} 的均值</translation>
    </message>
    <message>
        <source>sds of {column}</source>
        <translation>{column} 的标准差</translation>
    </message>
    <message>
        <source>Log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>Parameter history</source>
        <translation>参数历史</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Save this table as a CSV file (opens in Excel)</source>
        <translation>将此表格保存为 CSV 文件（可用 Excel 打开）</translation>
    </message>
    <message>
        <source>The highest log-likelihood of these runs</source>
        <translation>这些运行中最高的对数似然</translation>
    </message>
    <message>
        <source>The lowest BIC of these runs</source>
        <translation>这些运行中最低的 BIC</translation>
    </message>
    <message>
        <source>Component k of every run is the one paired with component k of run {a} (by their means); the row &quot;run&apos;s own number&quot; says which it was in that run. Green: the best log-likelihood and the best BIC.</source>
        <translation>每次运行的分量 k 都与运行 {a} 的分量 k 配对（按均值）；“该运行中的编号”一行给出它在该运行中原来的编号。绿色：最佳对数似然和最佳 BIC。</translation>
    </message>
    <message>
        <source> The runs have different numbers of components; empty cells have no partner.</source>
        <translation> 这些运行的分量个数不同；空白单元格表示没有配对的分量。</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation>导出比较结果</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>run {id}</source>
        <translation>运行 {id}</translation>
    </message>
</context>
<context>
    <name>RunsCompare</name>
    <message>
        <source>k-means++</source>
        <translation>k-means++</translation>
    </message>
    <message>
        <source>k-means++ (raw columns)</source>
        <translation>k-means++（原始列）</translation>
    </message>
    <message>
        <source>hierarchical</source>
        <translation>层次聚类</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>random rows</source>
        <translation>随机行</translation>
    </message>
    <message>
        <source>random split</source>
        <translation>随机划分</translation>
    </message>
    <message>
        <source>my own values</source>
        <translation>自定义初始值</translation>
    </message>
    <message>
        <source> (seed {seed})</source>
        <translation>（种子 {seed}）</translation>
    </message>
    <message>
        <source>w {weights} · mean {means} · sd {sds}</source>
        <translation>权重 {weights} · 均值 {means} · 标准差 {sds}</translation>
    </message>
    <message>
        <source>means {means}</source>
        <translation>均值 {means}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{stage} {quantity}, component {k}</source>
        <translation>分量 {k}：{stage}{quantity}</translation>
    </message>
    <message>
        <source>correlation {a}–{b}</source>
        <translation>{a}–{b} 相关系数</translation>
    </message>
    <message>
        <source>column {i}</source>
        <translation>第 {i} 列</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>components</source>
        <translation>分量个数</translation>
    </message>
    <message>
        <source>covariance</source>
        <translation>协方差</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>starts reaching the best</source>
        <translation>达到最佳的起点</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Where EM started (the start it kept)</source>
        <translation>EM 的起点（保留的那个起点）</translation>
    </message>
    <message>
        <source>initial</source>
        <translation>初始</translation>
    </message>
    <message>
        <source>Where EM ended (components paired across runs)</source>
        <translation>EM 的终点（各运行的分量已配对）</translation>
    </message>
    <message>
        <source>run&apos;s own number of component {k}</source>
        <translation>分量 {k} 在该运行中的编号</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>run {id}</source>
        <translation>运行 {id}</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>mean {column}</source>
        <translation>均值 {column}</translation>
    </message>
    <message>
        <source>sd {column}</source>
        <translation>标准差 {column}</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <source>run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初始化方法</translation>
    </message>
    <message>
        <source>initial values</source>
        <translation>初始值</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>covariance</source>
        <translation>协方差</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>starts reaching the best</source>
        <translation>达到最佳的起点</translation>
    </message>
    <message>
        <source>problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>The run&apos;s number in this list</source>
        <translation>该运行在此列表中的编号</translation>
    </message>
    <message>
        <source>How EM chose its starting values</source>
        <translation>EM 如何选择初始值</translation>
    </message>
    <message>
        <source>The starting values of the start EM kept</source>
        <translation>EM 保留的那个起点的初始值</translation>
    </message>
    <message>
        <source>Number of components</source>
        <translation>分量个数</translation>
    </message>
    <message>
        <source>The covariance model</source>
        <translation>协方差模型</translation>
    </message>
    <message>
        <source>The log-likelihood EM ended at (higher is better)</source>
        <translation>EM 结束时的对数似然（越高越好）</translation>
    </message>
    <message>
        <source>EM iterations of the kept start</source>
        <translation>保留的起点的 EM 迭代次数</translation>
    </message>
    <message>
        <source>Whether EM settled before the iteration limit</source>
        <translation>EM 是否在达到迭代上限之前收敛</translation>
    </message>
    <message>
        <source>Bayesian information criterion (lower is better)</source>
        <translation>贝叶斯信息准则（越低越好）</translation>
    </message>
    <message>
        <source>How many of the starts ended at the best log-likelihood</source>
        <translation>有多少个起点最终达到最佳对数似然</translation>
    </message>
    <message>
        <source>Collapsed or empty components</source>
        <translation>塌缩或空的分量</translation>
    </message>
    <message>
        <source>How many warnings the fit gave (point at a cell to read them)</source>
        <translation>拟合给出的警告条数（将鼠标指向单元格可阅读）</translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>退化</translation>
    </message>
    <message>
        <source>empty component</source>
        <translation>空分量</translation>
    </message>
    <message>
        <source>Select two or more runs (Ctrl+click) to see them side by side</source>
        <translation>选择两次或更多运行（Ctrl+单击）以并排查看</translation>
    </message>
    <message>
        <source>No runs yet. Every fit you run is listed here.</source>
        <translation>还没有运行记录。您运行的每次拟合都会列在这里。</translation>
    </message>
    <message>
        <source>Every fit you ran. Double-click a run to show it again; select two or more (Ctrl+click) and press Compare to see them side by side. Point at a fact to read what it means.</source>
        <translation>你运行过的每一次拟合。双击某次运行可再次显示它；选择两次或更多（Ctrl+单击）并按“比较”可并排查看。将鼠标指向某一项可查看其含义。</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the selected run in the plots and the results</source>
        <translation>在图和结果中显示所选的运行</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Remove the selected runs from this list</source>
        <translation>从列表中移除所选的运行</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Where EM started: {values}</source>
        <translation>EM 的初始值：{values}</translation>
    </message>
    <message>
        <source>EM stopped at the iteration limit before it settled</source>
        <translation>EM 在稳定之前就达到了迭代次数上限而停止</translation>
    </message>
</context>
<context>
    <name>SyntheticDialog</name>
    <message>
        <source>Student heights by sex (1-D, 2 groups)</source>
        <translation>按性别区分的学生身高（一维，2 组）</translation>
    </message>
    <message>
        <source>Three 1-D groups</source>
        <translation>三个一维组</translation>
    </message>
    <message>
        <source>Two correlated 2-D clusters</source>
        <translation>两个相关的二维簇</translation>
    </message>
    <message>
        <source>Four 3-D clusters</source>
        <translation>四个三维簇</translation>
    </message>
    <message>
        <source>Generate synthetic data</source>
        <translation>生成模拟数据</translation>
    </message>
    <message>
        <source>My own parameters</source>
        <translation>自定义参数</translation>
    </message>
    <message>
        <source>Number of groups (components) in the generated data</source>
        <translation>生成数据中的组（分量）个数</translation>
    </message>
    <message>
        <source>Number of number columns</source>
        <translation>数值列的个数</translation>
    </message>
    <message>
        <source>How many rows to draw; groups get rows in proportion to weight</source>
        <translation>要抽取的行数；各组按权重比例分配行数</translation>
    </message>
    <message>
        <source>The same seed always gives the same data</source>
        <translation>相同的种子总是生成相同的数据</translation>
    </message>
    <message>
        <source>The true parameters: weight, mean, sd and correlations per group</source>
        <translation>真实参数：每组的权重、均值、标准差和相关系数</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Groups (K)</source>
        <translation>组数 (K)</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>True parameters (edit any cell):</source>
        <translation>真实参数（可编辑任意单元格）：</translation>
    </message>
    <message>
        <source>Set the number of groups and columns, then edit the table.</source>
        <translation>设置组数和列数，然后编辑表格。</translation>
    </message>
</context>
<context>
    <name>TeachLessons</name>
    <message>
        <source>Heights by sex (start 180 / 165 cm)</source>
        <translation>按性别的身高（从 180 / 165 cm 开始）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Heights by sex.&lt;/b&gt; 1,000 student heights, men and women mixed. The homework starts from μ₁ = 180, μ₂ = 165, σ₁ = σ₂ = 5 and π₁ = 0.7. Press &lt;i&gt;Step&lt;/i&gt;: the E-step colours each height by how likely each group is to have produced it; the M-step moves each curve to the weighted mean and spread of its heights. Watch the log-likelihood rise after every step. Drag a mean to try another start.</source>
        <translation>&lt;b&gt;按性别的身高。&lt;/b&gt;1,000 名学生的身高，男女混在一起。作业从 μ₁ = 180、μ₂ = 165、σ₁ = σ₂ = 5、π₁ = 0.7 开始。按&lt;i&gt;单步&lt;/i&gt;：E 步按每组产生该身高的可能性为每个身高着色；M 步把每条曲线移到其身高的加权均值和离散程度。观察对数似然在每一步之后上升。拖动一个均值可尝试另一个起点。</translation>
    </message>
    <message>
        <source>Two 2-D clusters from two random points</source>
        <translation>从两个随机点开始的两个二维簇</translation>
    </message>
    <message>
        <source>&lt;b&gt;Two clusters from random points.&lt;/b&gt; The start takes two data points at random as the means and the covariance of all the data for both ellipses, with π = 0.5. Step and watch the ellipses find the two tilted clusters. Open the lesson again for another pair of random points, or drag a mean or a ■ handle.</source>
        <translation>&lt;b&gt;从随机点开始的两个簇。&lt;/b&gt;起点随机取两个数据点作为均值，两个椭圆都用全部数据的协方差，π = 0.5。逐步执行，观察椭圆找到两个倾斜的簇。再次打开本课程可得到另一对随机点，也可以拖动均值或 ■ 控制点。</translation>
    </message>
    <message>
        <source>Three 1-D groups against their true densities</source>
        <translation>三个一维组与其真实密度对比</translation>
    </message>
    <message>
        <source>&lt;b&gt;Three groups, known truth.&lt;/b&gt; 300 values drawn from N(−5, 1.2), N(5, 1.8) and N(0, 1.6) (variances), a third each. The dotted curves are the true densities; the start puts all three components near the middle. Step until the fitted curves settle and compare them with the truth.</source>
        <translation>&lt;b&gt;三个组，真值已知。&lt;/b&gt;300 个值分别来自 N(−5, 1.2)、N(5, 1.8) 和 N(0, 1.6)（方差），各占三分之一。点线是真实密度；起点把三个分量都放在中间附近。逐步执行直到拟合曲线稳定，再与真值比较。</translation>
    </message>
    <message>
        <source>40 points from a latent variable</source>
        <translation>由隐变量生成的 40 个点</translation>
    </message>
    <message>
        <source>&lt;b&gt;The latent-variable exercise.&lt;/b&gt; For each of 40 points a hidden coin z chooses the group (the first with probability 0.4), then x is drawn from N(−2.5, 2²) or N(3.5, 2²); the dotted curves are these true densities. The exercise starts from μ = −0.5 and 0.5, σ = 1 and π = 0.5. The responsibilities γ are EM&apos;s guesses of z. With only 40 points the estimates can miss the truth by a lot: compare the curves. Check that the log-likelihood rises after every step.</source>
        <translation>&lt;b&gt;隐变量练习。&lt;/b&gt;对 40 个点中的每一个，一枚隐藏的硬币 z 选择组（第一组的概率为 0.4），然后从 N(−2.5, 2²) 或 N(3.5, 2²) 抽取 x；点线是这些真实密度。练习从 μ = −0.5 和 0.5、σ = 1、π = 0.5 开始。责任度 γ 就是 EM 对 z 的猜测。只有 40 个点时，估计值可能与真值相差很多：请比较曲线。检查对数似然是否在每一步之后上升。</translation>
    </message>
    <message>
        <source>A start that collapses to a spike</source>
        <translation>坍缩成尖峰的起点</translation>
    </message>
    <message>
        <source>&lt;b&gt;A collapse.&lt;/b&gt; One component starts very narrow on the largest value. The E-step gives it that one point only, so the M-step makes its variance 0 plus the tiny regularisation: a spike. The log-likelihood still rises at every step, yet EM is stuck: the spike keeps its one point and the wide component must cover both groups. Without any regularisation the variance would be exactly 0 and the likelihood infinite. The next lesson adds regularisation.</source>
        <translation>&lt;b&gt;坍缩。&lt;/b&gt;一个分量从最大值处以很窄的形状开始。E 步只把那一个点分给它，于是 M 步使它的方差为 0 再加上很小的正则化项：成为一个尖峰。对数似然仍在每一步上升，但 EM 卡住了：尖峰只占着那一个点，宽的分量不得不覆盖两个组。如果完全没有正则化，方差将恰好为 0，似然为无穷大。下一课加入正则化。</translation>
    </message>
    <message>
        <source>The same start with regularisation</source>
        <translation>同一起点加正则化</translation>
    </message>
    <message>
        <source>&lt;b&gt;Regularisation.&lt;/b&gt; The same data and start, with 0.1 added to every variance at each M-step (Fit settings: regularisation). The narrow component can no longer shrink onto one point: it widens, takes in its neighbours and finds the second group.</source>
        <translation>&lt;b&gt;正则化。&lt;/b&gt;同样的数据和起点，每个 M 步给每个方差加上 0.1（拟合设置：正则化）。窄的分量不能再缩到一个点上：它变宽，吸收邻近的点，并找到第二个组。</translation>
    </message>
</context>
<context>
    <name>TeachView</name>
    <message>
        <source>Open a data file and choose its columns first.</source>
        <translation>请先打开数据文件并选择要拟合的列。</translation>
    </message>
    <message>
        <source>The teaching mode shows plain EM on complete rows: set Weights to (none) and Rows with empty cells to &apos;leave out&apos; in the Data panel.</source>
        <translation>教学模式只演示完整行上的普通 EM：请在“数据”面板中把“权重”设为（无），并把“含空单元格的行”设为“排除”。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Do the next half-step: E, then M, then E…</source>
        <translation>执行下一个半步：先 E，再 M，再 E……</translation>
    </message>
    <message>
        <source>Undo the last half-step</source>
        <translation>撤销上一个半步</translation>
    </message>
    <message>
        <source>Start again from the start of the fit settings (reads the data and settings)</source>
        <translation>按拟合设置中的初始值重新开始（重新读取数据和设置）</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>half-step</source>
        <translation>半步</translation>
    </message>
    <message>
        <source>log L</source>
        <translation>log L</translation>
    </message>
    <message>
        <source>log-likelihood</source>
        <translation>对数似然</translation>
    </message>
    <message>
        <source>lower bound (Q + entropy)</source>
        <translation>下界（Q + 熵）</translation>
    </message>
    <message>
        <source>Columns drawn:</source>
        <translation>绘制的列：</translation>
    </message>
    <message>
        <source>The two columns the picture shows; the formulas use all</source>
        <translation>图中显示的两列；公式使用全部列</translation>
    </message>
    <message>
        <source>M-step formulas for:</source>
        <translation>M 步公式，分量：</translation>
    </message>
    <message>
        <source>EM has converged: another step changes nothing.</source>
        <translation>EM 已收敛：再走一步也不会改变结果。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>{n} half-steps / s</source>
        <translation>每秒 {n} 个半步</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>component {k}</source>
        <translation>分量 {k}</translation>
    </message>
    <message>
        <source>Step: E-step</source>
        <translation>单步：E 步</translation>
    </message>
    <message>
        <source>Step: M-step</source>
        <translation>单步：M 步</translation>
    </message>
    <message>
        <source>mixture</source>
        <translation>混合分布</translation>
    </message>
    <message>
        <source>true densities</source>
        <translation>真实密度</translation>
    </message>
    <message>
        <source>the data (under the axis), coloured by γ</source>
        <translation>数据点（在横轴下方），按 γ 着色</translation>
    </message>
    <message>
        <source>the data, coloured by γ</source>
        <translation>数据点，按 γ 着色</translation>
    </message>
    <message>
        <source>means</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>1 and 2 standard deviations</source>
        <translation>1 倍和 2 倍标准差</translation>
    </message>
    <message>
        <source>the chosen point</source>
        <translation>所选的点</translation>
    </message>
    <message>
        <source>drag a mean or a ■ handle to set the start</source>
        <translation>拖动均值或 ■ 控制点来设置起点</translation>
    </message>
    <message>
        <source>drag a mean to set the start</source>
        <translation>拖动均值来设置起点</translation>
    </message>
    <message>
        <source>&lt;b&gt;The start.&lt;/b&gt; Grey points: no responsibilities yet. Press &lt;i&gt;Step&lt;/i&gt; for the first E-step.</source>
        <translation>&lt;b&gt;初始状态。&lt;/b&gt;灰色的点：还没有责任度。按&lt;i&gt;单步&lt;/i&gt;执行第一个 E 步。</translation>
    </message>
    <message>
        <source>&lt;b&gt;After E-step {e}.&lt;/b&gt; Each point&apos;s colour mixes the component colours by its responsibilities γ (the probability that the component produced it). The lower bound now touches the log-likelihood. Next: the M-step moves the components.</source>
        <translation>&lt;b&gt;第 {e} 个 E 步之后。&lt;/b&gt;每个点的颜色按其责任度 γ（该点由某分量产生的概率）混合各分量的颜色。此时下界与对数似然相等。下一步：M 步移动各分量。</translation>
    </message>
    <message>
        <source>&lt;b&gt;After M-step {e}.&lt;/b&gt; Each component moved to the weighted mean and spread of its points (weights γ, the colours). With the same γ the lower bound rose, and the log-likelihood rose at least as much. Next: the E-step recolours the points.</source>
        <translation>&lt;b&gt;第 {e} 个 M 步之后。&lt;/b&gt;每个分量移到其所负责的点的加权均值和离散程度处（权重为 γ，即颜色）。在 γ 不变的情况下下界上升，对数似然上升得至少一样多。下一步：E 步重新给点着色。</translation>
    </message>
    <message>
        <source>log-likelihood {ll}</source>
        <translation>对数似然 {ll}</translation>
    </message>
    <message>
        <source>lower bound {lb}</source>
        <translation>下界 {lb}</translation>
    </message>
    <message>
        <source>M-step</source>
        <translation>M 步</translation>
    </message>
    <message>
        <source>The M-step needs responsibilities: press Step for the E-step first.</source>
        <translation>M 步需要责任度：请先按“单步”执行 E 步。</translation>
    </message>
    <message>
        <source>What the first E-step will compute for the chosen point:</source>
        <translation>第一个 E 步将为所选的点计算：</translation>
    </message>
    <message>
        <source>What this E-step computed for the chosen point:</source>
        <translation>这个 E 步为所选的点计算了：</translation>
    </message>
    <message>
        <source>What the E-step before computed for the chosen point:</source>
        <translation>上一个 E 步为所选的点计算了：</translation>
    </message>
    <message>
        <source>E-step for point {i}</source>
        <translation>第 {i} 个点的 E 步</translation>
    </message>
    <message>
        <source>Click a point in the plot to choose another one.</source>
        <translation>点击图中的点可选择另一个点。</translation>
    </message>
    <message>
        <source>{short} is short for {full}: the density of component k at the point.</source>
        <translation>{short} 是 {full} 的简写：分量 k 在该点的概率密度。</translation>
    </message>
    <message>
        <source>sum</source>
        <translation>总和</translation>
    </message>
    <message>
        <source>Each γ is its row&apos;s π·N divided by the sum {s}.</source>
        <translation>每个 γ 等于该行的 π·N 除以总和 {s}。</translation>
    </message>
    <message>
        <source>What the next M-step will compute from these responsibilities:</source>
        <translation>下一个 M 步将根据这些责任度计算：</translation>
    </message>
    <message>
        <source>What this M-step computed from the responsibilities:</source>
        <translation>这个 M 步根据责任度计算了：</translation>
    </message>
    <message>
        <source>M-step for component {k}</source>
        <translation>分量 {k} 的 M 步</translation>
    </message>
    <message>
        <source>(covariance type diag: only the diagonal is kept)</source>
        <translation>（协方差类型 diag：只保留对角线）</translation>
    </message>
    <message>
        <source>(covariance type spherical: one variance, the diagonal&apos;s mean)</source>
        <translation>（协方差类型 spherical：只有一个方差，即对角线的平均值）</translation>
    </message>
    <message>
        <source>(covariance type tied: all components share one pooled matrix)</source>
        <translation>（协方差类型 tied：所有分量共用一个合并的矩阵）</translation>
    </message>
    <message>
        <source>A tiny {r} is added to the variances so none becomes 0.</source>
        <translation>方差上加了一个很小的 {r}，使其不会变成 0。</translation>
    </message>
    <message>
        <source>Drag to move this mean; the fit starts again from here</source>
        <translation>拖动以移动此均值；拟合从这里重新开始</translation>
    </message>
    <message>
        <source>Drag to turn and stretch this ellipse (the start&apos;s spread)</source>
        <translation>拖动以旋转和拉伸此椭圆（起点的离散程度）</translation>
    </message>
</context>
<context>
    <name>TruthDialog</name>
    <message>
        <source>True values</source>
        <translation>真实值</translation>
    </message>
    <message>
        <source>How many components the true mixture has</source>
        <translation>真实混合有多少个分量</translation>
    </message>
    <message>
        <source>The true parameters: weight, mean, sd and correlations per component</source>
        <translation>真实参数：每个分量的权重、均值、标准差和相关系数</translation>
    </message>
    <message>
        <source>If you know the parameters these data come from, type them here: they are drawn dashed beside the fit and compared with it in the Agreement tab.</source>
        <translation>如果你知道这些数据来自哪些参数，请在此输入：它们会以虚线画在拟合结果旁，并在“一致性”标签页中与拟合结果比较。</translation>
    </message>
    <message>
        <source>Components (K)</source>
        <translation>分量个数 (K)</translation>
    </message>
    <message>
        <source>Forget the true values</source>
        <translation>清除真实值</translation>
    </message>
    <message>
        <source>Draw and compare no true values</source>
        <translation>不再绘制和比较真实值</translation>
    </message>
</context>
<context>
    <name>_Runner</name>
    <message>
        <source>not enough memory for this data</source>
        <translation>内存不足，无法处理这些数据</translation>
    </message>
    <message>
        <source>unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
</TS>
