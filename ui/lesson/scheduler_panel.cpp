#include "ui/lesson/scheduler_panel.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <map>

#include "core/analysis/schedule.h"
#include "core/schema/step_text.h"
#include "core/supervise/scheduler.h"
#include "ui/session/run_session.h"

namespace interleave::ui {
namespace {

// The value a shared variable holds now: its last write, looked for from the end (runs
// scheduled by hand are short; the look stops after a bounded number of events anyway).
std::optional<std::int64_t> currentValue(const EventStore& store, std::uint32_t object) {
    const auto n = store.size();
    const std::size_t lookBack = 200'000;
    for (std::size_t i = n; i > 0 && n - i < lookBack; --i) {
        const auto k = store.kind(i - 1);
        if (store.objectOf(i - 1) != object) continue;
        if (k == EventKind::SharedWrite || k == EventKind::SharedAdd || k == EventKind::SharedRead)
            return store.row(i - 1).a;
    }
    return std::nullopt;
}

QString cardText(int number, const ActorTurn& t, const EventStore& store,
                 const std::map<std::uint32_t, std::string>& names) {
    const auto object = t.object == kNoObject ? std::string() : store.objectName(t.object);
    const auto argActor =
        t.next == EventKind::JoinRequest && names.count(static_cast<std::uint32_t>(t.arg))
            ? names.at(static_cast<std::uint32_t>(t.arg))
            : std::string();
    auto step = QString::fromStdString(stepText(t.next, object, t.arg, argActor));
    if (t.next == EventKind::SharedRead)
        if (const auto v = currentValue(store, t.object)) step += QObject::tr(" (now %1)").arg(*v);
    const auto who = QString::fromStdString(t.name);
    switch (t.state) {
        case TurnState::AtCheckpoint:
            return QObject::tr("%1   %2\nnext: %3").arg(number).arg(who, step);
        case TurnState::Blocked:
            return QObject::tr("%1   %2\nblocked in the kernel: %3").arg(number).arg(who, step);
        case TurnState::Running:
            return QObject::tr("%1   %2\nrunning…").arg(number).arg(who);
        case TurnState::Ended:
            break;
    }
    return QObject::tr("%1   %2\nfinished").arg(number).arg(who);
}

}  // namespace

SchedulerPanel::SchedulerPanel(RunSession* session, QWidget* parent)
    : QWidget(parent), m_session(session) {
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    m_cardBox = new QVBoxLayout;
    layout->addLayout(m_cardBox);
    m_goals = new QLabel(this);
    m_goals->setWordWrap(true);
    m_goals->setTextFormat(Qt::RichText);
    layout->addWidget(m_goals);
    m_free = new QPushButton(tr("Run freely"), this);
    m_free->setToolTip(tr("Leave scheduler mode: the operating system chooses again"));
    m_replay = new QPushButton(tr("Replay this schedule"), this);
    m_replay->setToolTip(
        tr("Run the scenario again on real threads, giving the same steps in "
           "the same order, then wait for you"));
    layout->addWidget(m_free);
    layout->addWidget(m_replay);
    layout->addStretch(1);
    connect(m_free, &QPushButton::clicked, this, &SchedulerPanel::runFreely);
    connect(m_replay, &QPushButton::clicked, this, &SchedulerPanel::replayRequested);
    refresh();
}

void SchedulerPanel::setGoals(const std::vector<LessonGoal>& goals) {
    m_goalStates.clear();
    for (const auto& g : goals)
        if (const auto goal = parseGoal(g.goal))
            m_goalStates.push_back({*goal, QString::fromStdString(g.text), std::nullopt});
    m_store = nullptr;
    checkGoals();
}

void SchedulerPanel::rebuildCards(std::size_t count) {
    while (m_cards.size() > count) {
        delete m_cards.back();
        m_cards.pop_back();
    }
    while (m_cards.size() < count) {
        auto* b = new QPushButton(this);
        b->setStyleSheet(QStringLiteral("text-align: left; padding: 4px;"));
        const int number = static_cast<int>(m_cards.size()) + 1;
        connect(b, &QPushButton::clicked, this, [this, number] { choose(number); });
        m_cardBox->addWidget(b);
        m_cards.push_back(b);
    }
}

void SchedulerPanel::refresh() {
    const auto* scheduler = m_session->scheduler();
    const auto* store = m_session->store();
    const bool manual = m_session->manual();
    std::vector<ActorTurn> turns;
    if (scheduler && manual && store)
        for (auto& t : scheduler->turns())
            if (!t.name.empty()) turns.push_back(std::move(t));
    rebuildCards(turns.size());
    m_cardActor.clear();
    std::map<std::uint32_t, std::string> names;
    for (const auto& t : turns)
        names[t.actor] = t.name;
    for (std::size_t i = 0; i < turns.size(); ++i) {
        const auto text = cardText(static_cast<int>(i) + 1, turns[i], *store, names);
        if (m_cards[i]->text() != text) m_cards[i]->setText(text);
        m_cards[i]->setEnabled(turns[i].state == TurnState::AtCheckpoint);
        m_cardActor.push_back(turns[i].actor);
    }
    checkGoals();  // first: the words below use what it finds
    const auto* replay = m_session->scheduleReplay();
    if (replay && !replay->done())
        m_intro->setText(tr("<b>Replaying the schedule</b>: step %1 of %2, on real threads.")
                             .arg(replay->given())
                             .arg(replay->total()));
    else if (manual)
        m_intro->setText(tr("<b>You are the scheduler.</b> Each thread waits at its next step; "
                            "click one, or press its number, to let it take that step. "
                            "Steps so far: %1.")
                             .arg(m_granted));
    else if (m_session->active())
        m_intro->setText(tr("The operating system schedules this run."));
    else if (m_hasSchedule)
        m_intro->setText(tr("This run took %1 steps by hand. <b>Replay this schedule</b> runs it "
                            "again on real threads with the same steps, in the same order.")
                             .arg(m_granted));
    else
        m_intro->setText(
            tr("Press <b>Run</b>: every thread will stop at its first step and "
               "wait for you to choose who goes next."));
    if (replay && !replay->error().empty())
        m_intro->setText(m_intro->text() + QStringLiteral("<br>") +
                         tr("The replay stopped: %1").arg(QString::fromStdString(replay->error())));
    m_free->setEnabled(manual);
}

bool SchedulerPanel::choose(int number) {
    if (number < 1 || number > static_cast<int>(m_cardActor.size())) return false;
    const auto* scheduler = m_session->scheduler();
    if (!scheduler || !m_session->manual()) return false;
    if (!scheduler->grant(m_cardActor[static_cast<std::size_t>(number) - 1])) return false;
    ++m_granted;
    refresh();
    return true;
}

bool SchedulerPanel::chooseActor(std::uint32_t actor) {
    refresh();  // the cards as the scheduler sees them now
    for (std::size_t i = 0; i < m_cardActor.size(); ++i)
        if (m_cardActor[i] == actor) return choose(static_cast<int>(i) + 1);
    return false;
}

void SchedulerPanel::checkGoals() {
    const auto* store = m_session->store();
    if (store != m_store) {  // a new run or trace: nothing reached yet
        m_store = store;
        m_seen = 0;
        m_granted = 0;
        for (auto& g : m_goalStates)
            g.reached.reset();
    }
    if (store && store->size() != m_seen) {
        m_seen = store->size();
        m_granted = grantsUntil(*store, INT64_MAX);
        for (auto& g : m_goalStates) {
            if (g.reached) continue;
            g.reached = findGoal(*store, g.goal);
            if (g.reached && g.reached->steps > 0)
                emit goalReached(tr("Goal reached in %1 steps: %2")
                                     .arg(g.reached->steps)
                                     .arg(QString::fromStdString(g.reached->how)));
        }
    }
    // Whether there is a schedule to give again is asked once the run is over.
    if (!store || m_session->active()) {
        m_scheduleCheckedAt = 0;
        m_hasSchedule = false;
    } else if (m_scheduleCheckedAt != store->size() + 1) {
        m_scheduleCheckedAt = store->size() + 1;
        m_hasSchedule = !scheduleFromEvents(*store).empty();
    }
    m_replay->setEnabled(m_hasSchedule && !m_session->active());
    m_goals->setText(goalText());
}

QString SchedulerPanel::goalText() const {
    if (m_goalStates.empty()) return {};
    QString html = tr("<b>Goals</b>");
    for (const auto& g : m_goalStates) {
        html += QStringLiteral("<br>");
        if (g.reached && g.reached->steps > 0)
            html += tr("✔ %1 — reached in %2 steps: %3")
                        .arg(g.text.toHtmlEscaped())
                        .arg(g.reached->steps)
                        .arg(QString::fromStdString(g.reached->how).toHtmlEscaped());
        else
            html += tr("☐ %1").arg(g.text.toHtmlEscaped());
    }
    return html;
}

}  // namespace interleave::ui
