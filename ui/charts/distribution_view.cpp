#include "ui/charts/distribution_view.h"

#include <qcustomplot.h>

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "ui/base/chart_support.h"
#include "ui/base/palette.h"
#include "ui/charts/distribution_model.h"

namespace interleave::ui {

namespace {
// A duration in the unit that reads best.
QString duration(double ns) {
    if (ns >= 1e6) return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', 2);
    return QStringLiteral("%1 µs").arg(ns / 1e3, 0, 'f', ns < 1e4 ? 1 : 0);
}
}  // namespace

DistributionView::DistributionView(DistributionModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_plot(new ChartPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* exportButton = new QPushButton(tr("Export…"), this);
    bar->addWidget(m_status, 1);
    bar->addWidget(exportButton);
    layout->addLayout(bar);
    m_otherCpu = makeOtherCpuLabel(this);
    layout->addWidget(m_otherCpu);
    layout->addWidget(m_plot, 1);
    // Less than kPlotRoom only when the window has no more: the texts above give way first.
    m_plot->setMinimumHeight(kPlotRoom * 3 / 4);
    m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->yAxis->setLabel(tr("time (µs, log scale)"));
    applyChartTheme(*m_plot);
    connect(exportButton, &QPushButton::clicked, this,
            [this] { exportChartAs(this, *m_plot, QStringLiteral("distribution"), csv()); });
    connect(model, &DistributionModel::changed, this, &DistributionView::rebuild);
    rebuild();
}

std::vector<double> DistributionView::logTicks(double low, double high) {
    std::vector<double> out;
    if (!(low > 0) || !(high > low)) return out;
    // The coarsest set of steps within each decade that puts at least three ticks in the range.
    const std::vector<std::vector<double>> steps = {
        {1}, {1, 3}, {1, 2, 5}, {1, 1.5, 2, 3, 5, 7}, {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9}};
    for (const auto& within : steps) {
        out.clear();
        for (int e = static_cast<int>(std::floor(std::log10(low))) - 1;
             e <= static_cast<int>(std::ceil(std::log10(high))); ++e)
            for (const double m : within) {
                // Decimal, not binary, steps: 0.3 reads 0.3, not 0.30000000000000004.
                const double v = e >= 0 ? m * std::pow(10.0, e) : m / std::pow(10.0, -e);
                if (v >= low && v <= high) out.push_back(v);
            }
        if (out.size() >= 3) break;
    }
    // Many decades: every other power of ten is enough.
    while (out.size() > 9) {
        std::vector<double> fewer;
        for (std::size_t i = 0; i < out.size(); i += 2)
            fewer.push_back(out[i]);
        out = fewer;
    }
    return out;
}

QString DistributionView::wrapName(const QString& name) {
    constexpr int kLine = 9;  // characters: a box's share of a 500 px chart of six
    QStringList lines;
    for (const auto& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!lines.isEmpty() && lines.back().size() + 1 + word.size() <= kLine &&
            !lines.back().endsWith(QLatin1Char(':')))
            lines.back() += QLatin1Char(' ') + word;
        else
            lines << word;
    }
    return lines.join(QLatin1Char('\n'));
}

QString DistributionView::statusText() const {
    return m_statusText;
}

QString DistributionView::otherCpuText() const {
    return m_otherCpuText;
}

void DistributionView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitTexts();
}

void DistributionView::fitTexts() {
    const auto wrappedHeight = [](const QLabel* label, const QString& text, bool bold) {
        if (text.isEmpty()) return 0;
        QFont f = label->font();
        f.setBold(bold);
        const int w = std::max(50, label->width());
        return QFontMetrics(f)
            .boundingRect(QRect(0, 0, w, 100000), Qt::TextWordWrap, text)
            .height();
    };
    const int spacing = layout() ? layout()->spacing() : 6;
    const int wrapped = wrappedHeight(m_status, m_statusText, false) +
                        wrappedHeight(m_otherCpu, m_otherCpuText, true) + 2 * spacing;
    const bool roomy = height() - wrapped >= kPlotRoom;
    const auto show = [roomy](QLabel* label, const QString& text, bool bold) {
        QFont f = label->font();
        f.setBold(bold);
        const QString line =
            QFontMetrics(f).elidedText(QString(text).replace(QLatin1Char('\n'), QLatin1Char(' ')),
                                       Qt::ElideRight, std::max(50, label->width()));
        label->setText(roomy ? text : line);
        label->setToolTip(roomy || line == text ? QString() : text);
    };
    show(m_status, m_statusText, false);
    if (!m_otherCpuText.isEmpty()) show(m_otherCpu, m_otherCpuText, true);
}

QStringList DistributionView::medianLabels() const {
    QStringList out;
    for (int i = 0; i < m_plot->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(m_plot->item(i))) out << t->text();
    return out;
}

void DistributionView::applyTheme() {
    applyChartTheme(*m_plot);
    rebuild();
}

void DistributionView::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    const auto& series = m_model->atCursor();
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    double low = 1e18, high = 0;
    std::size_t samples = 0;
    for (std::size_t k = 0; k < series.size(); ++k) {
        const auto& s = series[k];
        const double key = static_cast<double>(k + 1);
        const auto name = wrapName(QString::fromStdString(s.name));
        names->addTick(key, name);
        if (s.ns.empty()) continue;
        samples = std::max(samples, s.ns.size());
        const auto color = Palette::series(k);
        auto* box = new QCPStatisticalBox(m_plot->xAxis, m_plot->yAxis);
        box->setName(QString::fromStdString(s.name));
        // In µs: the axis's unit.
        box->addData(key, s.p5 / 1e3, s.p25 / 1e3, s.median / 1e3, s.p75 / 1e3, s.p95 / 1e3);
        box->setWidth(0.5);
        box->setPen(QPen(color, 1.5));
        box->setBrush(QColor(color.red(), color.green(), color.blue(), 70));
        box->setMedianPen(QPen(color.darker(140), 3));
        box->setWhiskerPen(QPen(color, 1.2, Qt::SolidLine));
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(key + 0.3, s.median / 1e3);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        label->setText(duration(s.median));
        label->setColor(Palette::text());
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        low = std::min(low, s.p5 / 1e3);
        high = std::max(high, s.p95 / 1e3);
    }
    m_plot->xAxis->setTicker(names);
    // Room on the right for the last median's label.
    m_plot->xAxis->setRange(0.4,
                            static_cast<double>(std::max<std::size_t>(series.size(), 1)) + 1.1);
    if (high > 0)
        m_plot->yAxis->setRange(low / 1.6, high * 1.6);
    else
        m_plot->yAxis->setRange(1, 1000);
    // QCustomPlot's log ticker gives one or two ticks to a span under two decades (most runs):
    // the ticks are chosen here instead.
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    for (const double v : logTicks(m_plot->yAxis->range().lower, m_plot->yAxis->range().upper))
        ticks->addTick(v, QString::number(v, 'g', 6));
    m_plot->yAxis->setTicker(ticks);
    m_statusText = samples == 0
                       ? tr("Run the scenario: the samples appear here as they are measured.")
                       : tr("Up to %1 samples each · box: middle half · whiskers: 5% to 95% · "
                            "the median written beside")
                             .arg(samples);
    showOtherCpu(m_otherCpu, m_model->otherCpu());
    m_otherCpuText = m_otherCpu->isHidden() ? QString() : m_otherCpu->text();
    fitTexts();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QString DistributionView::csv() const {
    QString out = QStringLiteral("series,sample,ns\n");
    for (const auto& s : m_model->all())
        for (std::size_t i = 0; i < s.ns.size(); ++i)
            out += QStringLiteral("\"%1\",%2,%3\n")
                       .arg(QString::fromStdString(s.name))
                       .arg(i + 1)
                       .arg(static_cast<qint64>(s.ns[i]));
    return out;
}

QString DistributionView::save(const QString& path) const {
    return saveChart(*m_plot, path, csv());
}

}  // namespace interleave::ui
