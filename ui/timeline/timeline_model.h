#pragma once
// What the timeline draws: one lane per actor (grouped by process), each lane's state segments,
// and the arrows between lanes (notify -> woken thread, put -> get of the same item). Fed
// incrementally on the GUI thread from the range the signal bridge reports.

#include <QObject>
#include <QString>
#include <map>
#include <unordered_map>
#include <vector>

#include "core/analysis/actor_states.h"
#include "core/analysis/links.h"
#include "core/analysis/process_facts.h"
#include "core/analysis/wait_for.h"
#include "core/channel/event_store.h"
#include "ui/base/event_text.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct Lane {
    std::uint32_t actor = 0;
    int pid = 0;
    int tid = 0;
    bool processMain = false;
    QString name;
    QString label;  // "producer 1  ·  pid 4242 tid 4244"
    ActorStateTracker tracker;
    // The actor's CPU time as its cpu_time events reported it: (when, ns on a CPU), in time
    // order, since an actor's own events arrive in order.
    std::vector<std::pair<std::int64_t, std::int64_t>> cpu;
    // The CPU time last reported at or before t; -1 before the first report.
    std::int64_t cpuAt(std::int64_t t) const;
    // Each stretch the actor held a reader-writer lock, in time order: readers that hold it
    // together show it side by side (their state inside is just "work").
    struct Hold {
        std::int64_t begin;
        std::int64_t end;  // -1: still held
        std::uint32_t lock;
        bool write;
    };
    std::vector<Hold> holds;
};

class TimelineModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    explicit TimelineModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    // Takes in store rows [first, last). GUI thread only.
    void append(std::size_t first, std::size_t last) override;

    const EventStore* store() const { return m_store; }
    // Who held which lock when: the one record of it that captions and tooltips read.
    const LockHolders& lockHolders() const { return m_lockHolders; }
    const std::vector<Lane>& lanes() const { return m_lanes; }  // in display order
    int laneOfActor(std::uint32_t actor) const;
    const std::vector<Link>& links() const { return m_links.links(); }  // sorted by t0
    // Every link in the order it was added: what a view that has drawn the first N must add.
    const std::vector<Link>& linkArrivals() const { return m_links.arrivals(); }
    std::int64_t lastNs() const { return m_lastNs; }
    QString actorName(std::uint32_t actor) const;
    QString objectName(std::uint32_t object) const;
    const ObjectInfo* objectInfo(std::uint32_t object) const;  // nullptr when unknown
    // What a lock marker says of its mutex: its name ("lock A"), or for the lock that guards an
    // object, that object's ("buffer 2" for the lock of buffer 2, whatever the lock is called).
    // Empty while the run has a single mutex: then every marker is about the same one.
    QString lockTag(std::uint32_t object) const;
    // Its parent's pid at `t`: `firstParent` until the kernel re-parented it (process_reparent).
    int parentAt(int pid, int firstParent, std::int64_t t) const;
    // The signal that had killed process `pid` by `t` (its process_exit), 0 if none had.
    int killedBy(int pid, std::int64_t t) const;
    // The program process `pid` had replaced its own with by `t` (process_exec), or empty.
    QString programAt(int pid, std::int64_t t) const;
    bool hasFaults() const { return m_facts.hasFaults(); }    // a thread crashed its process
    bool hasCutOffs() const { return m_facts.hasCutOffs(); }  // a thread ended with its process
    bool hasSignals() const { return m_facts.hasSignals(); }  // signals were sent or handled
    bool hasHolds() const { return m_holds > 0; }             // a reader-writer lock was held
    // "child 1 (pid 4242)": the process of the run with that pid ("process 4242" if none).
    QString processName(std::int64_t pid) const;
    // Actor and object names and records for describeEvent.
    Names names() const;

  signals:
    void lanesChanged();
    void dataAppended();

  private:
    void refreshActors();

    const EventStore* m_store = nullptr;
    LockHolders m_lockHolders;
    std::size_t m_consumed = 0;
    std::vector<Lane> m_lanes;
    std::map<std::uint32_t, int> m_laneOf;
    std::map<std::uint32_t, ObjectInfo> m_objects;
    std::map<std::uint32_t, QString> m_lockTags;  // every mutex, once the run has two
    LinkPairer m_links;
    ProcessFacts m_facts;
    std::int64_t m_lastNs = 0;
    std::size_t m_holds = 0;
};

}  // namespace interleave::ui
