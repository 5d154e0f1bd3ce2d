#include "ui/lesson/all_orders_dialog.h"

#include <qcustomplot.h>

#include <QCloseEvent>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/supervise/supervisor.h"
#include "ui/base/chart_support.h"
#include "ui/base/palette.h"

namespace interleave::ui {

AllOrdersDialog::AllOrdersDialog(const QString& scenario, const QStringList& assignments,
                                 std::size_t maxOrders, QWidget* parent)
    : QDialog(parent),
      m_scenario(scenario),
      m_assignments(assignments),
      m_max(maxOrders),
      m_status(new QLabel(this)),
      m_progress(new QProgressBar(this)),
      m_startButton(new QPushButton(tr("Run every order"), this)),
      m_chart(new ChartPlot(this)) {
    setWindowTitle(tr("Every order: %1").arg(scenario));
    auto* layout = new QVBoxLayout(this);
    auto* about = new QLabel(
        tr("Runs <b>%1</b> (%2) once for each order in which its threads' steps can go, each on "
           "the real threads through the scheduler, and counts how each order ends. Keep it "
           "small: two threads of a few steps each. Click a bar to replay one of its orders.")
            .arg(scenario.toHtmlEscaped(),
                 assignments.isEmpty() ? tr("defaults")
                                       : assignments.join(QStringLiteral(", ")).toHtmlEscaped()),
        this);
    about->setWordWrap(true);
    layout->addWidget(about);
    layout->addWidget(m_startButton);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_chart, 1);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setWordWrap(true);
    m_status->setText(tr("At most %1 orders are run.").arg(maxOrders));
    applyChartTheme(*m_chart);
    m_chart->yAxis->setLabel(tr("orders"));
    m_chart->setMinimumHeight(220);
    resize(640, 480);
    connect(m_startButton, &QPushButton::clicked, this, &AllOrdersDialog::start);
    connect(m_chart, &QCustomPlot::plottableClick, this,
            [this](QCPAbstractPlottable*, int index, QMouseEvent*) {
                const auto steps = orderOfBar(index);
                if (!steps.empty()) emit replayOrder(steps);
            });
}

AllOrdersDialog::~AllOrdersDialog() {
    stop();
}

void AllOrdersDialog::stop() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
}

void AllOrdersDialog::closeEvent(QCloseEvent* event) {
    stop();  // nothing of a walk outlives its dialog
    QDialog::closeEvent(event);
}

void AllOrdersDialog::start() {
    if (m_thread.joinable()) return;
    m_startButton->setEnabled(false);
    m_status->setText(tr("Running the first order..."));
    RunOptions options;
    options.labPath = siblingLabPath();
    options.scenario = m_scenario.toStdString();
    for (const auto& a : m_assignments)
        options.assignments.push_back(a.toStdString());
    m_thread = std::thread([this, options] {
        OrderExplorer explorer(options, m_max);
        auto result = explorer.explore(
            [this](std::size_t done, std::size_t known, double atMost) {
                QMetaObject::invokeMethod(
                    this, [this, done, known, atMost] { onProgress(done, known, atMost); },
                    Qt::QueuedConnection);
            },
            [this] { return m_stop.load(); });
        // Handed over on the GUI thread, where it is read.
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result)]() mutable {
                m_result = std::move(result);
                onFinished();
            },
            Qt::QueuedConnection);
    });
}

void AllOrdersDialog::onProgress(std::size_t done, std::size_t known, double atMost) {
    const auto total = static_cast<int>(std::min<double>(std::max<double>(known, atMost), m_max));
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(static_cast<int>(done));
    m_status->setText(tr("%1 orders run of at most %2 (the ways to interleave the first order's "
                         "steps; fewer when a lock makes a thread wait).")
                          .arg(done)
                          .arg(atMost, 0, 'f', 0));
}

void AllOrdersDialog::onFinished() {
    m_finished = true;
    if (m_thread.joinable()) m_thread.join();
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_status->setText(statusText());
    drawBars();
    emit finished();
}

QString AllOrdersDialog::statusText() const {
    if (!m_result.error.empty())
        return tr("A run could not be scheduled: %1").arg(QString::fromStdString(m_result.error));
    const auto n = static_cast<qulonglong>(m_result.orders.size());
    if (m_result.complete)
        return tr("Every order: %1, in %2 s.").arg(n).arg(m_result.seconds, 0, 'f', 1);
    return tr("%1 orders in %2 s; more exist (the bound is %3).")
        .arg(n)
        .arg(m_result.seconds, 0, 'f', 1)
        .arg(static_cast<qulonglong>(m_max));
}

void AllOrdersDialog::drawBars() {
    m_chart->clearPlottables();
    m_barOutcomes.clear();
    auto* bars = new QCPBars(m_chart->xAxis, m_chart->yAxis);
    bars->setBrush(Palette::series(0));
    bars->setPen(QPen(Palette::series(0).darker(130)));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double most = 1;
    for (const auto& [outcome, count] : m_result.outcomes) {
        const double x = static_cast<double>(m_barOutcomes.size() + 1);
        m_barOutcomes.push_back(QString::fromStdString(outcome));
        bars->addData(x, static_cast<double>(count));
        ticker->addTick(x, m_barOutcomes.back() + QStringLiteral("\n(%1)").arg(count));
        most = std::max(most, static_cast<double>(count));
    }
    bars->setSelectable(QCP::stSingleData);
    m_chart->xAxis->setTicker(ticker);
    m_chart->xAxis->setRange(0.4, static_cast<double>(m_barOutcomes.size()) + 0.6);
    m_chart->yAxis->setRange(0, most * 1.15);
    m_chart->setInteractions(QCP::iSelectPlottables);
    m_chart->replot();
}

QString AllOrdersDialog::outcomeOfBar(int index) const {
    return index >= 0 && index < static_cast<int>(m_barOutcomes.size()) ? m_barOutcomes[index]
                                                                        : QString();
}

std::vector<ScheduledActor> AllOrdersDialog::orderOfBar(int index) const {
    const auto outcome = outcomeOfBar(index).toStdString();
    for (const auto& o : m_result.orders)
        if (!outcome.empty() && o.outcome == outcome) return o.steps;
    return {};
}

}  // namespace interleave::ui
