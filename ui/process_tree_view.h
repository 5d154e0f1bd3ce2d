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
};

}  // namespace interleave::ui
