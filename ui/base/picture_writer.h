#pragma once
// The one writer of pictures: PNG (pixels), SVG or PDF (vectors and text), by the name's suffix,
// into a file that appears whole or not at all. The timeline and every chart save through it, so
// the formats they offer, their page set-up and their error messages cannot drift apart.

#include <QImage>
#include <QSize>
#include <QString>
#include <functional>

class QPaintDevice;

namespace interleave::ui {

struct PictureSource {
    QSize size;     // in widget pixels: the SVG's view box and the PDF's page (at 96 dpi)
    QString title;  // the SVG's title; may be empty
    // Draws the picture at `size` onto the device (an SVG generator or a PDF page); false when
    // the painter failed.
    std::function<bool(QPaintDevice&)> paint;
    std::function<QImage()> pixels;  // the PNG's pixels, at whatever scale the source likes
};

// True for a name ending in .png, .svg or .pdf (any case).
bool isPictureName(const QString& path);
// Returns why not; empty when written.
QString writePicture(const QString& path, const PictureSource& source);

}  // namespace interleave::ui
