#include "ui/charts/speedup_view.h"

#include <qcustomplot.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <map>

#include "ui/base/chart_support.h"
#include "ui/base/palette.h"
#include "ui/charts/python_comparison_job.h"
#include "ui/charts/speedup_model.h"

namespace interleave::ui {

namespace {
// The palette's series colours, in the current theme.
QColor executorColor(Executor e) {
    switch (e) {
        case Executor::Sequential:
            return Palette::baselineSeries();
        case Executor::Threads:
            return Palette::series(0);
        case Executor::GilThreads:
            return Palette::series(1);
        case Executor::Processes:
            return Palette::series(2);
    }
    return Palette::text();
}
QCPScatterStyle::ScatterShape executorShape(Executor e) {
    switch (e) {
        case Executor::Sequential:
            return QCPScatterStyle::ssDisc;
        case Executor::Threads:
            return QCPScatterStyle::ssSquare;
        case Executor::GilThreads:
            return QCPScatterStyle::ssDiamond;
        case Executor::Processes:
            return QCPScatterStyle::ssTriangle;
    }
    return QCPScatterStyle::ssDisc;
}
}  // namespace

SpeedupView::SpeedupView(SpeedupModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_plot(new ChartPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_status = new QLabel(this);
    // Long news wraps rather than widening the box (the captions beside it need their room).
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(160);
    m_progress->setTextVisible(false);
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setToolTip(tr("End the measurement now (Esc); what is measured so far stays"));
    m_stopButton->hide();
    connect(m_stopButton, &QPushButton::clicked, this, &SpeedupView::stopRequested);
    m_pythonButton = new QPushButton(tr("Compare with real Python"), this);
    m_job = new PythonComparisonJob(this);
    connect(m_job, &PythonComparisonJob::finished, this, &SpeedupView::pythonDone);
    m_exportButton = new QPushButton(tr("Export…"), this);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_progress);
    bar->addWidget(m_stopButton);
    bar->addWidget(m_pythonButton);
    bar->addWidget(m_exportButton);
    layout->addLayout(bar);
    m_otherCpu = makeOtherCpuLabel(this);
    layout->addWidget(m_otherCpu);
    layout->addWidget(m_plot, 1);

    // The legend beside the plot, not over its points.
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->plotLayout()->addElement(0, 1, m_plot->legend);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    m_plot->legend->setLayer(QStringLiteral("legend"));
    m_plot->legend->setRowSpacing(-2);
    m_plot->xAxis->setLabel(tr("workers"));
    m_plot->yAxis->setLabel(tr("speedup (×)"));
    m_plot->setMinimumHeight(200);

    const auto python = findPython();
    m_pythonButton->setEnabled(!python.empty());
    m_pythonButton->setToolTip(
        python.empty() ? tr("python3 is not installed: install it (sudo apt install python3) to "
                            "measure real CPython's threading and multiprocessing beside these")
                       : tr("Measure real CPython (threading, multiprocessing) on the same "
                            "workload on this machine, and draw its points beside these"));
    connect(m_pythonButton, &QPushButton::clicked, this, [this] {
        if (measuringPython()) {
            cancelPython();
            return;
        }
        if (const auto err = comparePython(); !err.isEmpty())
            QMessageBox::warning(this, tr("Cannot measure real Python"), err);
    });
    connect(m_exportButton, &QPushButton::clicked, this, &SpeedupView::exportChart);
    connect(model, &SpeedupModel::changed, this, &SpeedupView::rebuild);
    applyTheme();  // draws the points too
}

void SpeedupView::setRunning(bool running) {
    if (running == m_running) return;
    m_running = running;
    rebuild();
}

SpeedupView::~SpeedupView() {
    // Only the job: the model may already be gone (it is a sibling, destroyed first), so
    // nothing is drawn again.
    if (measuringPython()) m_job->cancel();
}

void SpeedupView::applyTheme() {
    applyChartTheme(*m_plot);
    m_plot->legend->setTextColor(Palette::text());
    rebuild();  // the series' colours are the theme's too
}

QString SpeedupView::statusText() const {
    return m_status->text();
}

QString SpeedupView::otherCpuText() const {
    return m_otherCpu->text();
}

void SpeedupView::rebuild() {
    m_plot->clearPlottables();
    m_plot->clearItems();
    showProgress();
    double top = 1;
    const auto points = m_model->pointsAtCursor();
    for (int e = 0; e < kExecutorCount; ++e)
        top = std::max(
            top,
            plotSeries(points, static_cast<Executor>(e),
                       QString::fromUtf8(executorName(static_cast<Executor>(e)).data()), false));
    if (const auto& py = m_model->python()) {
        // Whether CPython's threads ran under its GIL decides what they can show: say it.
        const bool noGil = py->gilEnabled == false;
        top = std::max(
            top, plotSeries(py->points, Executor::GilThreads,
                            noGil ? tr("CPython threads, no GIL") : tr("CPython threads"), true));
        top = std::max(top,
                       plotSeries(py->points, Executor::Processes, tr("CPython processes"), true));
    }
    const auto counts = m_model->workerCounts();
    const int most = counts.empty() ? 4 : counts.back();
    const int cores = QThread::idealThreadCount();
    plotLimits(most, cores);

    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(most > 8 ? 2 : 1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->xAxis->setTicker(ticker);
    m_plot->xAxis->setRange(0.5, most + 0.5);
    m_plot->yAxis->setRange(0, std::max({top, static_cast<double>(cores), 2.0}) * 1.15);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SpeedupView::showProgress() {
    const int planned = m_model->plannedCount();
    const int done = m_model->countAtCursor();
    QString status;
    if (!m_model->hasResults())
        status = tr("Run the scenario: each repetition's result appears here.");
    else if (planned > 0 && done < planned)
        status = tr("%1 of %2 measurements (warm-ups included)").arg(done).arg(planned);
    else
        status = tr("%1 measurements; %2 cores here").arg(done).arg(QThread::idealThreadCount());
    // Beside the speedups, what one worker of the largest pool cost: where threads win even when
    // the work runs no faster (waiting, above all).
    const WorkerCostPoint* costOf[kExecutorCount] = {};
    for (const auto& c : m_model->workerCosts())
        if (!costOf[static_cast<int>(c.executor)] ||
            costOf[static_cast<int>(c.executor)]->workers < c.workers)
            costOf[static_cast<int>(c.executor)] = &c;
    const auto* t = costOf[static_cast<int>(Executor::Threads)];
    const auto* pr = costOf[static_cast<int>(Executor::Processes)];
    if (t && pr && t->startUs >= 0 && pr->startUs >= 0)
        status += tr(" · one worker to start: thread %1 µs, process %2 µs")
                      .arg(t->startUs, 0, 'f', 0)
                      .arg(pr->startUs, 0, 'f', 0);
    if (t && pr && t->ownKiB >= 0 && pr->ownKiB >= 0)
        status += tr("; memory of its own: thread %1 KiB, process %2 KiB")
                      .arg(t->ownKiB, 0, 'f', 0)
                      .arg(pr->ownKiB, 0, 'f', 0);
    if (const auto& py = m_model->python())
        status +=
            tr("; hollow: %1, measured here").arg(QString::fromStdString(pythonBaselineLabel(*py)));
    m_status->setText(status);
    showOtherCpu(m_otherCpu, m_model->otherCpu());
    m_progress->setVisible(planned > 0 && done < planned && !measuringPython());
    m_stopButton->setVisible(m_running && m_progress->isVisibleTo(this));
    m_progress->setRange(0, std::max(planned, 1));
    m_progress->setValue(done);
}

double SpeedupView::plotSeries(const std::vector<SpeedupPoint>& points, Executor e,
                               const QString& name, bool hollow) {
    double top = 0;
    QVector<double> x, y, minus, plus;
    for (const auto& p : points) {
        if (p.executor != e || p.speedup <= 0) continue;
        x << p.workers;
        y << p.speedup;
        minus << p.speedup - p.speedupLow;
        plus << p.speedupHigh - p.speedup;
        top = std::max(top, p.speedupHigh);
    }
    if (x.isEmpty()) return top;
    auto* g = m_plot->addGraph();
    g->setName(name);
    const auto color = executorColor(e);
    g->setPen(QPen(color, hollow ? 1.5 : 2.5, hollow ? Qt::DashLine : Qt::SolidLine));
    g->setScatterStyle(QCPScatterStyle(executorShape(e), color,
                                       hollow ? Palette::background() : color, hollow ? 11 : 9));
    g->setData(x, y, true);
    if (hollow) return top;
    auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
    bars->removeFromLegend();
    bars->setDataPlottable(g);
    bars->setData(minus, plus);
    bars->setPen(QPen(color, 1.5));
    return top;
}

void SpeedupView::plotLimits(int most, int cores) {
    // The ideal (N workers, N times as fast), and the ceiling CPU-bound work meets: one core
    // per worker, no more than there are.
    auto* ideal = m_plot->addGraph();
    ideal->setName(tr("ideal: N×"));
    ideal->setPen(QPen(Palette::text(), 1, Qt::DotLine));
    ideal->setData({0.0, static_cast<double>(most) + 1}, {0.0, static_cast<double>(most) + 1},
                   true);
    auto* coreLine = new QCPItemStraightLine(m_plot);
    coreLine->point1->setCoords(0, cores);
    coreLine->point2->setCoords(1, cores);
    coreLine->setPen(QPen(Palette::text(), 1, Qt::DashLine));
    auto* coreLabel = new QCPItemText(m_plot);
    coreLabel->position->setCoords(0.6, cores);
    coreLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    coreLabel->setText(tr("%1 cores on this machine").arg(cores));
    coreLabel->setColor(Palette::text());
}

QString SpeedupView::csv() const {
    QString out = QStringLiteral("source,executor,workers,repetition,ms\n");
    for (const auto& m : m_model->measurements())
        out += QStringLiteral("interleave,%1,%2,%3,%4\n")
                   .arg(QString::fromUtf8(executorName(m.executor).data()))
                   .arg(m.workers)
                   .arg(m.repetition)
                   .arg(m.ms, 0, 'f', 3);
    if (const auto& py = m_model->python())
        for (const auto& p : py->points)
            for (std::size_t r = 0; r < p.ms.size(); ++r)
                out += QStringLiteral("cpython %1,%2,%3,%4,%5\n")
                           .arg(QString::fromStdString(py->version),
                                p.executor == Executor::GilThreads
                                    ? QStringLiteral("threading")
                                    : QString::fromUtf8(executorName(p.executor).data()))
                           .arg(p.workers)
                           .arg(r + 1)
                           .arg(p.ms[r], 0, 'f', 3);
    return out;
}

QString SpeedupView::save(const QString& path) const {
    return saveChart(*m_plot, path, csv());
}

void SpeedupView::exportChart() {
    exportChartAs(this, *m_plot, QStringLiteral("speedup"), csv());
}

bool SpeedupView::measuringPython() const {
    return m_job->running();
}

QString SpeedupView::comparePython() {
    const auto param = [this](const char* name) {
        return QString::fromStdString(m_model->parameter(name));
    };
    if (const auto error = m_job->start(
            {param("workload"), param("max_workers"), param("task_ms"), param("repetitions")});
        !error.isEmpty())
        return error;
    m_pythonButton->setText(tr("Cancel Python"));
    m_status->setText(tr("Measuring real CPython on this machine…"));
    m_progress->setRange(0, 0);  // busy: the script says nothing until it is done
    m_progress->setVisible(true);
    return {};
}

void SpeedupView::pythonDone(std::optional<PythonBaseline> baseline, const QString& error) {
    if (baseline) m_model->setPython(std::move(baseline));
    m_pythonButton->setText(tr("Compare with real Python"));
    m_progress->setRange(0, 1);
    rebuild();
    emit pythonFinished(baseline          ? QString()
                        : error.isEmpty() ? tr("The Python script gave no result.")
                                          : error);
}

void SpeedupView::cancelPython() {
    if (!measuringPython()) return;
    m_job->cancel();
    m_pythonButton->setText(tr("Compare with real Python"));
    m_progress->setRange(0, 1);
    rebuild();
}

}  // namespace interleave::ui
