#include "ui/base/chart_support.h"

#include <qcustomplot.h>

#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QSaveFile>

#include "ui/base/palette.h"
#include "ui/base/picture_writer.h"

namespace interleave::ui {

void ChartPlot::resizeEvent(QResizeEvent* event) {
    if (isVisible()) {
        QCustomPlot::resizeEvent(event);
        return;
    }
    setViewport(rect());  // drawn at this size once shown
}

void ChartPlot::showEvent(QShowEvent* event) {
    QCustomPlot::showEvent(event);
    setViewport(rect());
    replot(QCustomPlot::rpQueuedReplot);
}

void applyChartTheme(QCustomPlot& plot) {
    const QColor text = Palette::text();
    plot.setBackground(Palette::background());
    for (auto* axis : {plot.xAxis, plot.yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(Palette::grid(), 1, Qt::DotLine));
    }
}

QString saveChart(const QCustomPlot& plot, const QString& path, const QString& csv) {
    const auto tr = [](const char* s) { return QCoreApplication::translate("Chart", s); };
    const auto suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return tr("Cannot write '%1': %2").arg(path, file.errorString());
        file.write(csv.toUtf8());
        if (!file.commit()) return tr("Cannot write '%1': %2").arg(path, file.errorString());
        return {};
    }
    if (!isPictureName(path))
        return tr("'%1': give a name ending in .png, .svg, .pdf or .csv").arg(path);
    // QCustomPlot's drawing is not const, though it changes nothing that is shown.
    auto& p = const_cast<QCustomPlot&>(plot);
    PictureSource source;
    source.size = p.size();
    source.paint = [&p](QPaintDevice& device) {
        QCPPainter painter(&device);
        p.toPainter(&painter, p.width(), p.height());
        return painter.end();
    };
    // Twice the screen's pixels: sharp on a slide.
    source.pixels = [&p] { return p.toPixmap(0, 0, 2.0).toImage(); };
    return writePicture(path, source);
}

void exportChartAs(QWidget* parent, const QCustomPlot& plot, const QString& name,
                   const QString& csv) {
    const auto tr = [](const char* s) { return QCoreApplication::translate("Chart", s); };
    QString filter;
    auto path = QFileDialog::getSaveFileName(
        parent, tr("Export the chart"), name + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf);;Every measurement as "
           "CSV (*.csv)"),
        &filter);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty())
        path += filter.contains(QStringLiteral("pdf"))   ? QStringLiteral(".pdf")
                : filter.contains(QStringLiteral("svg")) ? QStringLiteral(".svg")
                : filter.contains(QStringLiteral("csv")) ? QStringLiteral(".csv")
                                                         : QStringLiteral(".png");
    if (const auto err = saveChart(plot, path, csv); !err.isEmpty())
        QMessageBox::warning(parent, tr("Cannot export"), err);
}

QLabel* makeOtherCpuLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->hide();
    return label;
}

void showOtherCpu(QLabel* label, const std::optional<OtherCpu>& other) {
    const bool warn = other && other->unreliable();
    label->setVisible(warn);
    if (!warn) {
        label->clear();
        return;
    }
    label->setStyleSheet(QStringLiteral("QLabel { color: %1; font-weight: bold; }")
                             .arg(Palette::departure().name()));
    label->setText(QStringLiteral("⚠ ") + QString::fromStdString(otherCpuText(*other)));
}

}  // namespace interleave::ui
