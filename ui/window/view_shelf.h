#pragma once
// The views under the timeline, side by side, each in a titled box: the bounded buffers, the
// pipes, the signals, who waits for whom, the shared counter, the process tree, and the captions.
// Which of the first five show follows the scenario (what its runs will have, so the views stand
// there, empty, before the first run) and then the run itself.

#include <QList>
#include <QSplitter>
#include <map>

class QAbstractItemModel;
class QTableView;

namespace interleave {
struct Scenario;
}

namespace interleave::ui {

class BufferView;
class RunModels;
class TimeCursor;

class ViewShelf : public QSplitter {
    Q_OBJECT
  public:
    // The views of `models`, the window's one list of the run's models.
    ViewShelf(RunModels* models, TimeCursor* cursor, QWidget* parent);

    // `run`: a run (or a trace) is loaded; in presenter mode only one view shows beside the
    // captions: the process tree, or the scenario's own view.
    void choose(const Scenario* scenario, bool run, bool presenter, bool presenterShowsProcesses);

    // One checkable action per view, for View > Panels: the scenario picks its views, and these
    // bring back (or put away) any of them, for as long as the same scenario is chosen.
    const QList<class QAction*>& viewActions() const { return m_viewActions; }

    // Unfolding (a replay that plays, a video): views that list the run's actors list those
    // that have started at the cursor.
    void setUnfolding(bool on);

    BufferView* bufferView() const { return m_bufferView; }
    class ProcessTreeView* treeView() const {
        return m_treeView;
    }
    QWidget* waitsBox() const { return m_waitsBox; }
    QWidget* pipesBox() const { return m_pipeBox; }
    QWidget* signalsBox() const { return m_signalBox; }
    QWidget* memoryBox() const { return m_memoryBox; }
    QWidget* treeBox() const { return m_treeBox; }
    QWidget* sharedBox() const { return m_sharedBox; }
    QWidget* speedupBox() const { return m_speedupBox; }
    class SpeedupView* speedupView() const {
        return m_speedupView;
    }
    class DistributionView* distributionView() const {
        return m_distributionView;
    }
    QWidget* distributionBox() const { return m_distributionBox; }

  private:
    QWidget* titled(const QString& title, QWidget* content);
    // Shows `box` as the scenario picked, unless View > Panels said otherwise.
    void place(QWidget* box, bool picked);
    QTableView* table(QAbstractItemModel* model);  // a read-only table of `model`

    RunModels* m_models;
    BufferView* m_bufferView;
    QWidget* m_bufferBox;
    QWidget* m_pipeBox;
    QWidget* m_signalBox;
    QWidget* m_memoryBox;
    QWidget* m_waitsBox;
    QWidget* m_sharedBox;
    QWidget* m_treeBox;
    class ProcessTreeView* m_treeView;
    class SpeedupView* m_speedupView;
    QWidget* m_speedupBox;
    class DistributionView* m_distributionView;
    QWidget* m_distributionBox;
    QList<class QAction*> m_viewActions;
    std::map<QWidget*, bool> m_chosenByHand;  // box -> shown, from View > Panels
    const Scenario* m_scenario = nullptr;     // the one the boxes were picked for
};

}  // namespace interleave::ui
