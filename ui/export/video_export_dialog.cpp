#include "ui/export/video_export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace interleave::ui {

VideoExportDialog::VideoExportDialog(std::int64_t runEndNs, QWidget* parent)
    : QDialog(parent), m_endNs(runEndNs) {
    setWindowTitle(tr("Export a video"));
    auto* form = new QFormLayout(this);
    m_format = new QComboBox;
    m_format->addItem(tr("MP4 (H.264): small, plays everywhere"), QStringLiteral(".mp4"));
    m_format->addItem(tr("GIF: loops, for slides and web pages"), QStringLiteral(".gif"));
    form->addRow(tr("Format"), m_format);
    m_size = new QComboBox;
    m_size->addItem(tr("720p (1280×720)"), 720);
    m_size->addItem(tr("1080p (1920×1080)"), 1080);
    form->addRow(tr("Size"), m_size);
    m_fps = new QSpinBox;
    m_fps->setRange(1, 60);
    m_fps->setValue(30);
    m_fps->setSuffix(tr(" frames a second"));
    form->addRow(tr("Frame rate"), m_fps);
    const double endS = static_cast<double>(runEndNs) / 1e9;
    const auto secondsBox = [endS](double value) {
        auto* box = new QDoubleSpinBox;
        box->setDecimals(3);
        box->setRange(0, endS);
        box->setSingleStep(0.1);
        box->setSuffix(tr(" s"));
        box->setValue(value);
        return box;
    };
    m_from = secondsBox(0);
    m_to = secondsBox(endS);
    form->addRow(tr("From"), m_from);
    form->addRow(tr("To"), m_to);
    m_speed = new QDoubleSpinBox;
    m_speed->setRange(0.1, 10);
    m_speed->setSingleStep(0.1);
    m_speed->setValue(VideoExporter::suggestedSpeed(runEndNs));
    m_speed->setSuffix(tr("× the run's own pace"));
    m_speed->setToolTip(tr("Suggested: slow enough that the video lasts about %1 s or more")
                            .arg(VideoExporter::kSuggestedSeconds));
    form->addRow(tr("Playback"), m_speed);
    m_captions = new QCheckBox(tr("Burn the captions into the video"));
    m_captions->setChecked(true);
    form->addRow(QString(), m_captions);
    m_wholeRun = new QCheckBox(tr("Show the whole run in every frame (only the cursor moves)"));
    m_wholeRun->setToolTip(
        tr("Unchecked, the run unfolds: each frame shows what had happened "
           "by its time, as the live run did."));
    form->addRow(QString(), m_wholeRun);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    form->addRow(m_summary);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Choose a file…"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // GIFs are large: half the frames look as smooth on a slide.
        m_fps->setValue(settings().gif() ? 15 : 30);
        update();
    });
    for (auto* box : {m_from, m_to, m_speed})
        connect(box, &QDoubleSpinBox::valueChanged, this, &VideoExportDialog::update);
    connect(m_fps, &QSpinBox::valueChanged, this, &VideoExportDialog::update);
    update();
}

VideoSettings VideoExportDialog::settings() const {
    VideoSettings s;
    s.output = QStringLiteral("video") + m_format->currentData().toString();
    s.height = m_size->currentData().toInt();
    s.fps = m_fps->value();
    s.speed = m_speed->value();
    s.fromNs = static_cast<std::int64_t>(m_from->value() * 1e9);
    // The end of the box is the run's end, whatever the rounding to milliseconds.
    s.toNs = m_to->value() >= m_to->maximum() ? -1 : static_cast<std::int64_t>(m_to->value() * 1e9);
    s.captions = m_captions->isChecked();
    s.wholeRun = m_wholeRun->isChecked();
    return s;
}

void VideoExportDialog::update() {
    const auto s = settings();
    const auto why = VideoExporter::check(s, m_endNs);
    m_ok->setEnabled(why.isEmpty());
    if (!why.isEmpty()) {
        m_summary->setText(why);
        return;
    }
    const int frames = VideoExporter::frameCount(s, m_endNs);
    auto text = tr("%1 frames: a video of %2 s.")
                    .arg(frames)
                    .arg(static_cast<double>(frames) / s.framesPerSecond(), 0, 'f', 1);
    if (const double suggested = VideoExporter::suggestedSpeed(m_endNs); suggested < 1)
        text += QLatin1Char(' ') + tr("The run lasts %1 s: %2× is suggested, so that it can be "
                                      "followed.")
                                       .arg(static_cast<double>(m_endNs) / 1e9, 0, 'f', 1)
                                       .arg(suggested);
    m_summary->setText(text);
}

}  // namespace interleave::ui
