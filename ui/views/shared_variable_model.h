#pragma once
// The shared variables of a run at any time: each one's value, and each thread's private copy
// between its read and its write (what it read and will write back one more than). Worked out
// from each thread's own last few events before the time, so any time costs the same.

#include <QObject>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/channel/event_store.h"
#include "ui/session/run_follower.h"

namespace interleave::ui {

struct SharedVariableState {
    QString name;
    std::int64_t value = 0;  // after the last write (or add) at or before the time
    struct Copy {
        std::uint32_t actor;
        std::int64_t read;  // the value this thread read and has not written back yet
    };
    std::vector<Copy> copies;  // by actor id
};

class SharedVariableModel : public QObject, public RunFollower {
    Q_OBJECT
  public:
    explicit SharedVariableModel(QObject* parent = nullptr);

    void reset(const EventStore* store) override;
    void append(std::size_t first, std::size_t last) override;
    bool hasVariables() const { return !m_variables.empty(); }
    std::vector<SharedVariableState> stateAt(std::int64_t t) const;

  signals:
    void changed();

  private:
    const EventStore* m_store = nullptr;
    std::vector<std::uint32_t> m_variables;  // object ids, by id
    std::vector<std::uint32_t> m_actors;     // actors that touched one, by id
};

}  // namespace interleave::ui
