#pragma once
#include <QWidget>

class QTreeWidget;
class QLabel;

namespace interleave::ui {

// Scenarios grouped as threads / processes / measurements, each with its one-line summary.
class ScenarioPicker : public QWidget {
    Q_OBJECT
  public:
    explicit ScenarioPicker(QWidget* parent = nullptr);
    void select(const QString& name);
    // The scenario last chosen: never a group's title, which is not a scenario.
    QString current() const;

  signals:
    void scenarioChosen(const QString& name);

  private:
    QTreeWidget* m_tree;
    QLabel* m_summary;
    QString m_current;
};

}  // namespace interleave::ui
