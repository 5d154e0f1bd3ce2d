#pragma once
// Processes with their threads nested, and child processes under their parent; CPU time, pid,
// ppid, tid and the state at the time cursor. Rows are appended as actors appear, so the layout
// is stable: a node never moves when others appear or exit. It moves for one reason only: at
// the cursor, the kernel has given its process a new parent (an orphan, re-parented); seeking
// back before that moves it back. A process that has ended and is not yet reaped is a zombie.

#include <QAbstractItemModel>
#include <vector>

#include "ui/timeline/timeline_model.h"

namespace interleave::ui {

class ProcessTreeModel : public QAbstractItemModel {
    Q_OBJECT
  public:
    // CPU time comes second: on a narrow screen it is the number a class compares.
    enum Column { Name, Cpu, Pid, Ppid, Tid, State, ColumnCount };
    // How recently (0..1, 1 = just now) the node appeared or ended, for the fork/exit animation.
    static constexpr int AppearRole = Qt::UserRole + 1;
    static constexpr int EndRole = Qt::UserRole + 2;
    // Whether it had started at the cursor (a replay that unfolds hides it until then).
    static constexpr int StartedRole = Qt::UserRole + 3;

    explicit ProcessTreeModel(const TimelineModel* timeline, QObject* parent = nullptr);

    void setCursorTime(std::int64_t ns);
    void sync();  // adds nodes for actors the timeline model has and we do not
    static QString formatCpu(std::int64_t ns);  // "12 ms", "3.41 s"

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  private:
    struct Node {
        int parent = -1;       // where it is drawn now
        int firstParent = -1;  // where it was forked
        std::vector<int> children;
        bool process = false;
        std::uint32_t actor = 0;
        int pid = 0, ppid = 0, tid = 0;
        QString name;
    };
    const Lane* laneOf(const Node& n) const;
    int ppidAt(const Node& n) const;  // its parent's pid at the cursor
    bool zombieAt(const Node& n) const;
    int killedAt(const Node& n) const;       // the signal that had killed its process, or 0
    QString programAt(const Node& n) const;  // the program it exec'd, or empty
    // A row's text in `column`, and its tooltip, at the cursor (`state`, `started`: its lane's).
    QVariant displayOf(const Node& n, const Lane* lane, ActorState state, bool started,
                       int column) const;
    QString toolTipOf(const Node& n, int column) const;
    // Moves process nodes under the parent they have at the cursor.
    void reparent();
    int rowInParent(int node) const;
    QModelIndex indexOfNode(int node, int column) const;

    const TimelineModel* m_timeline;
    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    std::map<std::uint32_t, int> m_nodeOfActor;
    std::map<int, int> m_processNode;  // pid -> node
    std::int64_t m_cursor = 0;
    // What each node's row looks like at the cursor: only rows whose look changed are repainted
    // when the cursor moves (it moves every frame of a live run).
    struct Look {
        ActorState state = ActorState::Exited;
        bool started = false;
        int appear = -1, end = -1;  // fade steps, 0..kFadeSteps
        std::int64_t cpuMs = -1;
        int killed = 0;       // the signal, once it has killed the process (a zombie is in `state`)
        bool execed = false;  // runs a program it exec'd
        int ppid = 0;
        bool operator==(const Look&) const = default;
    };
    Look lookOf(int node) const;
    std::vector<Look> m_looks;
};

}  // namespace interleave::ui
