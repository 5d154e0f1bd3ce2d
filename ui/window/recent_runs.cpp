#include "ui/window/recent_runs.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace interleave::ui::recent_runs {

namespace {
const QString kKey = QStringLiteral("files/recentRuns");

void store(const QStringList& paths) {
    QSettings().setValue(kKey, paths);
}
}  // namespace

QStringList list() {
    return QSettings().value(kKey).toStringList().mid(0, kMaxRuns);
}

void add(const QString& path) {
    // The same file by another spelling (./run.ilt, a relative path) is still one entry.
    const auto absolute = QFileInfo(path).absoluteFilePath();
    auto paths = list();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    store(paths.mid(0, kMaxRuns));
}

void remove(const QString& path) {
    auto paths = list();
    paths.removeAll(path);
    store(paths);
}

QString suggestedPath(const QString& scenario, const QDateTime& when, const QString& folder) {
    // Colons are not allowed in file names everywhere (a USB stick's FAT): the time is 10-41.
    const auto name = (scenario.isEmpty() ? QStringLiteral("run") : scenario) + QLatin1Char(' ') +
                      when.toString(QStringLiteral("yyyy-MM-dd HH-mm")) + QStringLiteral(".ilt");
    return QDir(folder).filePath(name);
}

}  // namespace interleave::ui::recent_runs
