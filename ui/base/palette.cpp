#include "ui/base/palette.h"

#include <QApplication>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <QStyle>
#include <QStyleFactory>
#include <array>

namespace interleave::ui {
namespace {

Theme g_theme = Theme::Light;

const std::array<StateStyle, kActorStateCount>& styles() {
    static const std::array<StateStyle, kActorStateCount> s = {{
        {QColor(0x00, 0x9E, 0x73), Qt::NoBrush, QStringLiteral("running"), QStringLiteral("run")},
        {QColor(0xD5, 0x5E, 0x00), Qt::DiagCrossPattern, QStringLiteral("blocked on lock"),
         QStringLiteral("blocked")},
        {QColor(0xE6, 0x9F, 0x00), Qt::BDiagPattern, QStringLiteral("waiting on condition"),
         QStringLiteral("wait")},
        {QColor(0xCC, 0x79, 0xA7), Qt::FDiagPattern, QStringLiteral("waiting on semaphore"),
         QStringLiteral("sem")},
        {QColor(0x56, 0xB4, 0xE9), Qt::Dense6Pattern, QStringLiteral("working (simulated)"),
         QStringLiteral("work")},
        {QColor(0x99, 0x99, 0x99), Qt::HorPattern, QStringLiteral("waiting to join"),
         QStringLiteral("join")},
        {QColor(0, 0, 0, 0), Qt::NoBrush, QStringLiteral("exited"), QStringLiteral("")},
        {QColor(0x6A, 0x3D, 0x9A), Qt::VerPattern, QStringLiteral("recorder made it wait"),
         QStringLiteral("rec")},
        {QColor(0x20, 0x20, 0x20), Qt::CrossPattern, QStringLiteral("events lost"),
         QStringLiteral("lost")},
        {QColor(0xF0, 0xE4, 0x42), Qt::Dense4Pattern, QStringLiteral("busy-waiting (on the CPU)"),
         QStringLiteral("spin")},
        {QColor(0x00, 0x72, 0xB2), Qt::Dense7Pattern,
         QStringLiteral("waiting in the kernel (pipe, socket, queue)"), QStringLiteral("kernel")},
        {QColor(0x8E, 0x8E, 0x8E), Qt::Dense3Pattern, QStringLiteral("zombie (ended, not reaped)"),
         QStringLiteral("zombie")},
        {QColor(0xA6, 0x3D, 0x40), Qt::BDiagPattern, QStringLiteral("waiting for the GIL"),
         QStringLiteral("GIL")},
        {QColor(0xB8, 0xC4, 0xD0), Qt::Dense5Pattern,
         QStringLiteral("waiting for its turn (you schedule)"), QStringLiteral("turn")},
    }};
    return s;
}

// High contrast: its own fills in two bands of brightness, so that a thread that stops doing
// something and starts waiting (or the reverse) changes by at least 3:1 (WCAG's contrast for
// graphics), and every fill stands 3:1 off the black background. Doing (running, working,
// spinning; lost, blank) is bright, relative luminance 0.58 or more; waiting is about 0.12, each in
// its own hue. Three bands cannot all be 3:1 apart between black and white, so two fills of one
// band (running and working) differ by hue and pattern only.
const std::array<StateStyle, kActorStateCount>& highContrastStyles() {
    static const std::array<StateStyle, kActorStateCount> s = [] {
        auto hc = styles();
        const std::pair<ActorState, QColor> fills[] = {
            {ActorState::Running, QColor(0x3B, 0xEE, 0x3B)},
            {ActorState::BlockedOnLock, QColor(0xAE, 0x3A, 0x00)},
            {ActorState::WaitingOnCondition, QColor(0x85, 0x58, 0x00)},
            {ActorState::WaitingOnSemaphore, QColor(0xAC, 0x2B, 0x81)},
            {ActorState::Working, QColor(0x88, 0xD2, 0xF6)},
            {ActorState::WaitingJoin, QColor(0x61, 0x61, 0x61)},
            {ActorState::CaptureWait, QColor(0x7C, 0x47, 0xB2)},
            {ActorState::Lost, QColor(0xFF, 0xFF, 0xFF)},
            {ActorState::Spinning, QColor(0xF6, 0xF6, 0x31)},
            {ActorState::WaitingOnIpc, QColor(0x14, 0x5D, 0xC4)},
            {ActorState::Zombie, QColor(0x43, 0x67, 0x67)},
            {ActorState::WaitingForGil, QColor(0x9C, 0x46, 0x4E)},
            {ActorState::WaitingForTurn, QColor(0x51, 0x64, 0x6D)},
        };
        for (const auto& [state, color] : fills)
            hc[static_cast<std::size_t>(state)].color = color;
        return hc;
    }();
    return s;
}

}  // namespace

const StateStyle& Palette::state(ActorState s) {
    return (g_theme == Theme::HighContrast ? highContrastStyles()
                                           : styles())[static_cast<std::size_t>(s)];
}

QColor Palette::patternInk(ActorState s) {
    return state(s).color.darker(g_theme == Theme::Dark ? 160 : 220);
}

Theme Palette::current() {
    return g_theme;
}

QString Palette::themeName(Theme t) {
    switch (t) {
        case Theme::Light:
            return QStringLiteral("Light");
        case Theme::Dark:
            return QStringLiteral("Dark");
        case Theme::HighContrast:
            return QStringLiteral("High contrast");
    }
    return {};
}

QColor Palette::text() {
    return g_theme == Theme::Light ? QColor(0x20, 0x20, 0x20) : QColor(0xf2, 0xf2, 0xf2);
}
QColor Palette::background() {
    switch (g_theme) {
        case Theme::Light:
            return QColor(0xfb, 0xfb, 0xfb);
        case Theme::Dark:
            return QColor(0x26, 0x28, 0x2c);
        case Theme::HighContrast:
            return QColor(0, 0, 0);
    }
    return Qt::white;
}
QColor Palette::grid() {
    return g_theme == Theme::Light ? QColor(0xdd, 0xdd, 0xdd) : QColor(0x55, 0x55, 0x55);
}
QColor Palette::foldedFill() {
    return g_theme == Theme::Light ? QColor(0xc8, 0xc8, 0xc8) : QColor(0x70, 0x70, 0x70);
}
QColor Palette::foldedInk() {
    return g_theme == Theme::Light ? QColor(0x40, 0x40, 0x40) : QColor(0xe8, 0xe8, 0xe8);
}
QColor Palette::pausedVeil() {
    switch (g_theme) {
        case Theme::Light:
            return QColor(0x60, 0x60, 0x60, 120);
        case Theme::Dark:
            return QColor(0xe0, 0xe0, 0xe0, 110);
        case Theme::HighContrast:
            // Darkens what it covers by 3:1 or more: a paused bright lane no longer reads as the
            // light blue of working.
            return QColor(0, 0, 0, 153);
    }
    return {};
}
QColor Palette::series(std::size_t index) {
    // Plain numbers, not static QColor arrays: GCC 12 with -fsanitize=address initialised the
    // QColor arrays here with the wrong elements (series 0 came out as dark[4]).
    static constexpr std::array<QRgb, kSeriesCount> light = {0x0072B2, 0xD55E00, 0x009E73,
                                                             0xCC79A7, 0xE69F00, 0x56B4E9};
    static constexpr std::array<QRgb, kSeriesCount> dark = {0x56B4E9, 0xD55E00, 0x009E73,
                                                            0xCC79A7, 0xE69F00, 0xF0E442};
    return QColor::fromRgb((g_theme == Theme::Light ? light : dark)[index % kSeriesCount]);
}
QColor Palette::baselineSeries() {
    return g_theme == Theme::Light ? QColor(0x99, 0x99, 0x99) : QColor(0xB0, 0xB0, 0xB0);
}
QColor Palette::accent() {
    return g_theme == Theme::HighContrast ? QColor(0xff, 0xff, 0x00) : QColor(0x00, 0x72, 0xB2);
}
QColor Palette::arrow() {
    return g_theme == Theme::Light ? QColor(0x20, 0x20, 0x20) : QColor(0xf0, 0xe4, 0x42);
}

QColor Palette::arrival() {
    return QColor(0xF0, 0xE4, 0x42);
}
QColor Palette::departure() {
    return QColor(0xD5, 0x5E, 0x00);
}
QColor Palette::labelInk() {
    return Qt::black;
}
QColor Palette::labelBox() {
    return Qt::white;
}
QColor Palette::hollowMark() {
    return Qt::white;
}
QColor Palette::faultInk() {
    // Vermilion on the light theme; on a dark background, a lighter red that keeps 3:1.
    return g_theme == Theme::Light ? QColor(0xC0, 0x1C, 0x00) : QColor(0xFF, 0x6B, 0x57);
}
QString Palette::warningStyle(bool filled) {
    const auto hex = departure().name();
    return filled
               ? QStringLiteral("color: white; background: %1; font-weight: bold; padding: 0 6px")
                     .arg(hex)
               : QStringLiteral("color: %1; font-weight: bold").arg(hex);
}

QIcon Palette::icon(QStyle::StandardPixmap which) {
    const QIcon standard = QApplication::style()->standardIcon(which);
    if (g_theme == Theme::Light) return standard;
    // The style's icons are dark grey, drawn for a light tool bar: on a dark one they take the
    // text's colour, keeping their shape (their alpha).
    QIcon tinted;
    for (const int side : {16, 24, 32, 48}) {
        QPixmap pixmap = standard.pixmap(side, side);
        if (pixmap.isNull()) continue;
        QPainter p(&pixmap);
        p.setCompositionMode(QPainter::CompositionMode_SourceIn);
        p.fillRect(pixmap.rect(), text());
        p.end();
        tinted.addPixmap(pixmap);
    }
    return tinted.isNull() ? standard : tinted;
}

void Palette::apply(Theme theme, QApplication& app) {
    g_theme = theme;
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (theme == Theme::Light) {
        p = app.style()->standardPalette();
    } else {
        const bool hc = theme == Theme::HighContrast;
        const QColor window = hc ? QColor(0, 0, 0) : QColor(0x2f, 0x31, 0x36);
        const QColor base = hc ? QColor(0, 0, 0) : QColor(0x26, 0x28, 0x2c);
        const QColor text = hc ? QColor(0xff, 0xff, 0xff) : QColor(0xee, 0xee, 0xee);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window.lighter(120));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window.lighter(hc ? 100 : 115));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::ToolTipBase, base);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Highlight, hc ? QColor(0xff, 0xff, 0x00) : QColor(0x00, 0x72, 0xB2));
        p.setColor(QPalette::HighlightedText, hc ? QColor(0, 0, 0) : QColor(0xff, 0xff, 0xff));
        p.setColor(QPalette::PlaceholderText, text.darker(150));
        p.setColor(QPalette::Disabled, QPalette::Text, text.darker(200));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, text.darker(200));
        p.setColor(QPalette::Link, hc ? QColor(0x56, 0xB4, 0xE9) : QColor(0x56, 0xB4, 0xE9));
    }
    app.setPalette(p);
}

}  // namespace interleave::ui
