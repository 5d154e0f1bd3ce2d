#include "ui/charts/python_comparison_job.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryFile>

#include "core/sys/process_group.h"

namespace interleave::ui {

PythonComparisonJob::PythonComparisonJob(QObject* parent) : QObject(parent) {}

PythonComparisonJob::~PythonComparisonJob() {
    cancel();
}

bool PythonComparisonJob::running() const {
    return m_python && m_python->state() != QProcess::NotRunning;
}

QString PythonComparisonJob::start(const Workload& w) {
    const auto python = QString::fromStdString(findPython());
    if (python.isEmpty())
        return tr("python3 is not installed: install it (sudo apt install python3) and try again.");
    if (w.workload.isEmpty()) return tr("Run cpu-vs-io first: Python is measured on its workload.");
    cancel();
    delete m_script;
    m_script =
        new QTemporaryFile(QDir::temp().filePath(QStringLiteral("interleave-XXXXXX.py")), this);
    if (!m_script->open())
        return tr("Cannot write the Python script: %1").arg(m_script->errorString());
    const auto text = pythonCpuVsIoScript();
    m_script->write(text.data(), static_cast<qint64>(text.size()));
    m_script->flush();
    delete m_python;
    m_python = new QProcess(this);
    // Its own process group: a cancel stops multiprocessing's workers with it.
    m_python->setChildProcessModifier([] { startOwnProcessGroup(); });
    connect(m_python, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0) {
            emit finished(
                std::nullopt,
                tr("The Python script failed: %1")
                    .arg(QString::fromLocal8Bit(m_python->readAllStandardError()).trimmed()));
            return;
        }
        std::string why;
        auto baseline = parsePythonBaseline(m_python->readAllStandardOutput().toStdString(), why);
        emit finished(std::move(baseline), QString::fromStdString(why));
    });
    m_python->start(python,
                    {m_script->fileName(), QStringLiteral("--workload"), w.workload,
                     QStringLiteral("--max-workers"), w.maxWorkers, QStringLiteral("--task-ms"),
                     w.taskMs, QStringLiteral("--reps"), w.repetitions});
    return {};
}

void PythonComparisonJob::cancel() {
    if (!running()) return;
    m_python->disconnect(this);
    killProcessGroup(m_python->processId());
    m_python->waitForFinished(3000);
}

}  // namespace interleave::ui
