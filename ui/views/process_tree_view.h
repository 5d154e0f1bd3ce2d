#pragma once
#include <QTreeView>

namespace interleave::ui {

class ProcessTreeModel;

// The process tree: rows fade in when a process or thread starts and fade out when it ends,
// and every row carries its state colour.
class ProcessTreeView : public QTreeView {
    Q_OBJECT
  public:
    explicit ProcessTreeView(ProcessTreeModel* model, QWidget* parent = nullptr);

    // Unfolding (a replay that plays, a video): a process or thread shows once it has started
    // at the cursor, as in the live run; otherwise every one of the run shows.
    void setUnfolding(bool on);
    bool unfolding() const { return m_unfolding; }

  private:
    void hideUnstarted(const QModelIndex& parent);  // the rows under `parent`, and theirs
    void hideIfUnstarted(int row, const QModelIndex& parent);

    bool m_unfolding = false;
    class QTimer* m_fit;  // fits the name and CPU columns to their contents, coalesced
};

}  // namespace interleave::ui
