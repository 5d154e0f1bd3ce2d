#include "ui/base/picture_writer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace interleave::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("Picture", text);
}
}  // namespace

bool isPictureName(const QString& path) {
    const auto suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("png") || suffix == QLatin1String("svg") ||
           suffix == QLatin1String("pdf");
}

QString writePicture(const QString& path, const PictureSource& source) {
    if (!isPictureName(path)) return tr("'%1': give a name ending in .png, .svg or .pdf").arg(path);
    const auto suffix = QFileInfo(path).suffix().toLower();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write '%1': %2").arg(path, file.errorString());
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Interleave"));
        writer.setResolution(96);  // one widget pixel, one PDF pixel: text keeps its layout
        writer.setPageMargins(QMarginsF());
        writer.setPageSize(QPageSize(QSizeF(source.size) * 72.0 / 96.0, QPageSize::Point));
        if (!source.paint(writer)) return tr("Cannot draw into '%1'").arg(path);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(source.size);
        generator.setViewBox(QRect(QPoint(0, 0), source.size));
        if (!source.title.isEmpty()) generator.setTitle(source.title);
        if (!source.paint(generator)) return tr("Cannot draw into '%1'").arg(path);
    } else if (!source.pixels().save(&file, "PNG")) {
        return tr("Cannot write '%1' as a PNG image").arg(path);
    }
    if (!file.commit()) return tr("Cannot write '%1': %2").arg(path, file.errorString());
    return {};
}

}  // namespace interleave::ui
