#pragma once
// Real CPython measured on cpu-vs-io's workload, beside the engine's run: writes the bundled
// script to a temporary file, starts python3 in a process group of its own (so a cancel stops
// multiprocessing's workers too), and reads its JSON answer. The chart only draws the result.

#include <QObject>
#include <QString>
#include <optional>

#include "core/supervise/python_baseline.h"

class QProcess;
class QTemporaryFile;

namespace interleave::ui {

class PythonComparisonJob : public QObject {
    Q_OBJECT
  public:
    struct Workload {
        QString workload;  // cpu | io
        QString maxWorkers, taskMs, repetitions;
    };
    explicit PythonComparisonJob(QObject* parent = nullptr);
    ~PythonComparisonJob() override;

    // Returns why it cannot start, empty when started.
    QString start(const Workload& w);
    // Stops the script and its workers; no finished() follows.
    void cancel();
    bool running() const;

  signals:
    // The measured baseline, or why there is none.
    void finished(std::optional<PythonBaseline> baseline, const QString& error);

  private:
    QProcess* m_python = nullptr;
    QTemporaryFile* m_script = nullptr;
};

}  // namespace interleave::ui
