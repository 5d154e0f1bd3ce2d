#include "ui/session/run_session.h"

#include <QFileInfo>
#include <cmath>

#include "core/scenarios/scenario.h"
#include "core/trace/trace_file.h"
#include "core/trace/trace_native.h"
#include "ui/base/event_text.h"

namespace interleave::ui {

RunSession::RunSession(QObject* parent) : QObject(parent) {}

void RunSession::onEventsAppended(quint64 runId, quint64 first, quint64 last) {
    if (runId != m_runId) return;  // queued by a run that has been replaced since
    const auto* s = store();
    if (!s) return;
    last = std::min<quint64>(last, s->size());
    if (first >= last) return;
    m_lastNs = std::max(m_lastNs, s->ns(last - 1));
    // A step's events: the veil starts again after what the step did.
    if (m_paused && m_stepVeil && !m_pauses.empty() && m_pauses.back().endNs < 0)
        m_pauses.back().beginNs = std::max(m_pauses.back().beginNs, m_lastNs);
    emit eventsAppended(first, last);
}

void RunSession::onRunFinished(quint64 runId) {
    if (runId != m_runId || !m_run || m_finished) return;
    closePause();
    m_finished = true;
    m_ended = std::chrono::steady_clock::now();
    m_endNs = std::max(m_lastNs, runClockNs());
    endScheduling();
    m_run->stop();  // joins the reader; the run is over already
    emit stateChanged();
}

RunSession::~RunSession() {
    endScheduling();
    if (m_run) m_run->stop();
}

void RunSession::endScheduling() {
    m_scheduleReplay.reset();  // cancels and joins its thread
    m_scheduler.reset();
}

bool RunSession::manual() const {
    return active() && m_scheduler && m_scheduler->mode() == ScheduleMode::Manual;
}

void RunSession::setManual(bool on) {
    if (!active() || !m_scheduler) return;
    if (!on) m_scheduleReplay.reset();
    // A paused run handed to the student is resumed: the cards hold it now, and leaving the
    // mode later should not find it paused behind them.
    if (on && m_paused) resume();
    m_scheduler->setMode(on ? ScheduleMode::Manual : ScheduleMode::Free);
    emit stateChanged();
}

void RunSession::replaceStore(std::unique_ptr<Supervisor> run, std::unique_ptr<EventStore> replay) {
    // Models switch to the new store before the old one goes away.
    endScheduling();
    auto oldRun = std::move(m_run);
    auto oldReplay = std::move(m_replay);
    m_run = std::move(run);
    m_replay = std::move(replay);
    m_paused = false;
    m_pauses.clear();
    m_heldSince = -1;
    m_pausedFor = {};
    m_lastNs = 0;
    m_endNs = 0;
    m_stepVeil = false;
    emit storeReset(store());
    if (oldRun) oldRun->stop();
}

namespace {
// Every parameter of `scenario` with the value this run takes (its default where no assignment
// names it), in the scenario's order, as a saved run records them.
std::vector<std::pair<std::string, std::string>> parameterValues(
    const std::string& scenario, const std::vector<std::string>& assignments) {
    std::vector<std::pair<std::string, std::string>> out;
    const auto* s = findScenario(scenario);
    if (!s) return out;
    const auto resolved = resolveParams(s->params, assignments);
    if (!resolved.ok()) return out;
    for (const auto& spec : s->params)
        if (const auto it = resolved.values.all().find(spec.name);
            it != resolved.values.all().end())
            out.emplace_back(spec.name, it->second);
    return out;
}
}  // namespace

QString RunSession::start(const QString& scenario, const QStringList& assignments, double speed,
                          ScheduleMode schedule, std::vector<ScheduledActor> replay) {
    endScheduling();
    if (m_run) m_run->stop();
    RunOptions o;
    o.schedule = schedule;
    o.labPath = siblingLabPath();
    o.scenario = scenario.toStdString();
    o.logLevel = m_logLevel;
    o.logFile = m_logFile.toStdString();
    for (const auto& a : assignments)
        o.assignments.push_back(a.toStdString());
    auto run = std::make_unique<Supervisor>(o);
    // A new id before anything of the new run can be queued: from here on, whatever the old
    // run's bridge still has in the event queue is dropped on arrival.
    const auto runId = ++m_nextRunId;
    auto bridge = std::make_unique<SignalBridge>(runId);
    connect(bridge.get(), &SignalBridge::eventsAppended, this, &RunSession::onEventsAppended);
    connect(bridge.get(), &SignalBridge::runFinished, this, &RunSession::onRunFinished);
    connect(bridge.get(), &SignalBridge::labLogged, this,
            [this](quint64 id, int level, const QString& text, qint64 ns) {
                if (id == m_runId) emit labLogged(level, text, ns);
            });
    SignalBridge* raw = bridge.get();
    run->setPublishCallback([raw](std::size_t n, bool finished) { raw->onPublished(n, finished); });
    run->setLogCallback([raw](const LabLogLine& line) { raw->onLog(line); });
    try {
        run->start();
    } catch (const std::exception& e) {
        return tr("Could not start %1: %2").arg(scenario, QString::fromLocal8Bit(e.what()));
    }
    run->setSpeed(speed);
    m_runId = runId;
    m_scenario = scenario;
    m_description = describeRun(o.scenario, parameterValues(o.scenario, o.assignments), speed);
    m_finished = false;
    m_stoppedEarly = false;
    m_started = std::chrono::steady_clock::now();
    replaceStore(std::move(run), nullptr);
    m_scheduler = std::make_unique<Scheduler>(m_run->channel());
    if (!replay.empty())
        m_scheduleReplay =
            std::make_unique<ScheduleReplay>(m_run->channel(), std::move(replay), false);
    // The old bridge's reader thread was joined by stop() above; its queued calls die with it.
    m_bridge = std::move(bridge);
    emit stateChanged();
    return {};
}

QString RunSession::loadTrace(const QString& path) {
    auto loaded = loadNativeTrace(path.toStdString());
    if (!loaded.store) return QString::fromStdString(loaded.error);
    m_runId = ++m_nextRunId;  // a replay is a run of its own: the last live run's signals are stale
    m_description = std::move(loaded.description);
    const auto file = QFileInfo(path).fileName();
    m_scenario =
        m_description.scenario.empty()
            ? tr("replay of %1").arg(file)
            : tr("replay of %1 (%2)").arg(QString::fromStdString(m_description.scenario), file);
    m_finished = true;
    replaceStore(nullptr, std::move(loaded.store));
    for (const auto& p : m_description.pauses)  // veiled on the timeline as in the live run
        m_pauses.push_back({p.beginNs, p.endNs});
    const auto* s = store();
    if (s->size()) m_lastNs = s->ns(s->timeOrder().back());
    emit eventsAppended(0, s->size());
    emit stateChanged();
    return {};
}

QString RunSession::saveTrace(const QString& path) const {
    if (!store()) return tr("There is nothing to save yet: run a scenario first.");
    if (active()) return tr("Stop the run before saving its trace.");
    auto about = m_description;
    if (!isReplay()) {
        about.durationNs = std::max<std::int64_t>(0, std::llround(elapsedSeconds() * 1e9));
        about.pauses.clear();
        for (const auto& p : m_pauses)
            if (p.endNs >= p.beginNs) about.pauses.push_back({p.beginNs, p.endNs});
    }
    return QString::fromStdString(writeTraceFile(*store(), path.toStdString(), {}, about).error);
}

void RunSession::pause() {
    if (!active() || m_paused) return;
    m_run->pause();
    m_paused = true;
    m_stepVeil = false;
    m_pauses.push_back({runClockNs(), -1});
    m_heldSince = m_pauses.back().beginNs;
    m_pausedAt = std::chrono::steady_clock::now();
    emit stateChanged();
}

void RunSession::closePause() {
    if (!m_paused || m_pauses.empty()) return;
    m_pauses.back().endNs = runClockNs();
    m_pausedFor += std::chrono::steady_clock::now() - m_pausedAt;
    m_paused = false;
    m_heldSince = -1;
    m_stepVeil = false;
}

void RunSession::resume() {
    if (!active()) return;
    m_run->resume();
    closePause();
    emit stateChanged();
}

void RunSession::step() {
    if (!active()) return;
    if (!m_paused) pause();
    // From the grant on the run goes on (one thread, to its next checkpoint): the pause ends
    // here and a new one begins once the step's events are in (onEventsAppended).
    auto& open = m_pauses.back();
    if (const auto granted = std::max(runClockNs(), m_lastNs); granted > open.beginNs) {
        open.endNs = granted;
        m_pauses.push_back({granted, -1});
    }
    m_stepVeil = true;
    m_run->step();
}

void RunSession::stop() {
    if (!m_run) return;
    const bool wasActive = active();
    if (wasActive) m_endNs = std::max(m_lastNs, runClockNs());  // while the channel is there
    closePause();
    endScheduling();
    m_run->stop();
    if (wasActive) {
        m_ended = std::chrono::steady_clock::now();
        m_finished = true;  // its runFinished, still queued, changes nothing now
        m_stoppedEarly = true;
    }
    emit stateChanged();
}

void RunSession::setSpeed(double factor) {
    if (m_run) m_run->setSpeed(factor);
}

bool RunSession::active() const {
    return m_run && !m_finished && !m_run->finished();
}

const EventStore* RunSession::store() const {
    if (m_run) return &m_run->store();
    return m_replay.get();
}

std::int64_t RunSession::runClockNs() const {
    const auto& base = m_run->channel().header().timeBase;
    return base.toNs(base.now());
}

std::int64_t RunSession::nowNs() const {
    if (!active()) return m_lastNs;
    return m_paused ? std::max(m_pauses.back().beginNs, m_lastNs) : runClockNs();
}

double RunSession::elapsedSeconds() const {
    // A replay took as long as its trace says (older traces: up to their last event).
    if (isReplay())
        return static_cast<double>(m_description.durationNs ? m_description.durationNs : m_lastNs) /
               1e9;
    if (!m_run) return 0;
    // Until the run's end is taken in (onRunFinished, queued), it ends at its last event.
    const auto ns = m_finished ? m_endNs : active() ? nowNs() : m_lastNs;
    return static_cast<double>(std::max<std::int64_t>(0, ns)) / 1e9;
}

double RunSession::pausedSeconds() const {
    std::int64_t ns = 0;
    for (const auto& p : m_pauses)
        if (p.endNs > p.beginNs) ns += p.endNs - p.beginNs;
    return static_cast<double>(ns) / 1e9;
}

std::uint64_t RunSession::dropped() const {
    return store() ? store()->totalDropped() : 0;
}

QString RunSession::labStatusText() const {
    if (!m_run) return {};
    const auto s = m_run->labStatus();
    return s ? exitText(*s) : QString();
}

}  // namespace interleave::ui
