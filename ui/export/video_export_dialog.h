#pragma once
// What the video shows and how: MP4 or GIF, 720p or 1080p, frames a second, the stretch of the
// run, the playback speed and burned-in captions; it says how long the video will be and how
// many frames that takes, as the choices change.

#include <QDialog>
#include <cstdint>

#include "ui/export/video_exporter.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace interleave::ui {

class VideoExportDialog : public QDialog {
    Q_OBJECT
  public:
    VideoExportDialog(std::int64_t runEndNs, QWidget* parent = nullptr);

    // The choices; `output` is a bare name with the chosen format's suffix. The playback speed
    // starts at the one suggested for the run's length (a short run is slowed down).
    VideoSettings settings() const;

  private:
    void update();

    std::int64_t m_endNs;
    QComboBox* m_format;
    QComboBox* m_size;
    QSpinBox* m_fps;
    QDoubleSpinBox* m_from;
    QDoubleSpinBox* m_to;
    QDoubleSpinBox* m_speed;
    QCheckBox* m_captions;
    QCheckBox* m_wholeRun;
    QLabel* m_summary;
    class QPushButton* m_ok;
};

}  // namespace interleave::ui
