#pragma once
// Turns a finished run into a video (MP4 or GIF) through ffmpeg. Frames are rendered offscreen
// from the replay, one fixed step of run time per frame, so that the video is smooth whatever the
// machine does while it is made: the cursor moves, every view follows it, the window is rendered
// into an image and the image is piped to ffmpeg as raw pixels. The video is written beside its
// final name and renamed into place only when complete: a cancelled or failed export leaves no
// file behind.

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>

class QImage;
class QProcess;
class QWidget;

namespace interleave::ui {

class CaptionModel;
class TimeCursor;

struct VideoSettings {
    QString output;           // ends in .mp4 or .gif
    int height = 720;         // 720 or 1080; the width is 16:9 of it
    int fps = 0;              // frames a second, 1 to 60; 0: the format's own (MP4 30, GIF 15)
    double speed = 1;         // run time per video time, 0.1 to 10
    std::int64_t fromNs = 0;  // the run's stretch to show
    std::int64_t toNs = -1;   // -1: to the run's end
    bool captions = false;    // the newest caption burned into the bottom of every frame
    bool wholeRun = false;    // every frame shows the whole run (only the cursor moves)

    bool gif() const;
    int width() const { return height * 16 / 9; }
    int framesPerSecond() const;
};

class VideoExporter {
  public:
    enum class Outcome { Done, Cancelled, Failed };
    struct Result {
        Outcome outcome = Outcome::Failed;
        QString message;  // why it failed
        int frames = 0;   // frames written
    };
    // Called before each frame and while ffmpeg finishes; false cancels.
    using Progress = std::function<bool(int frame, int total)>;

    // The frame in layout pixels (the window is laid out at this size and scaled to the video's);
    // burned-in captions take a band at the bottom and the window the rest.
    static constexpr int kLayoutWidth = 1280, kLayoutHeight = 720, kCaptionBand = 56;

    // ffmpeg's path, or empty when it is not installed (INTERLEAVE_FFMPEG overrides the search,
    // so tests can stand in a missing or broken one).
    static QString ffmpegProgram();
    // What to do when ffmpeg is missing, in one sentence.
    static QString ffmpegMissingHelp();
    // The playback speed a video of a stretch this long is suggested at: 1x unless that would
    // make it shorter than about kSuggestedSeconds, then slower (0.5x, 0.25x, 0.2x, 0.1x).
    static constexpr double kSuggestedSeconds = 10;
    static double suggestedSpeed(std::int64_t stretchNs);
    // What is wrong with `settings` for a run that ends at `runEndNs`; empty when nothing.
    static QString check(const VideoSettings& settings, std::int64_t runEndNs);
    // Frames for the stretch: one at `fromNs` and one for every step up to `toNs` (resolved).
    static int frameCount(const VideoSettings& settings, std::int64_t runEndNs);
    // ffmpeg's arguments to read raw frames on its standard input and write `partPath`.
    static QStringList ffmpegArguments(const VideoSettings& settings, const QString& partPath);

    // `window` is resized to the layout size and rendered at the video's size; `captions`
    // (may be null) gives the burned-in line.
    VideoExporter(QWidget* window, TimeCursor* cursor, const CaptionModel* captions);

    // Renders and encodes the stretch; the cursor is put back where it was afterwards.
    Result run(const VideoSettings& settings, std::int64_t runEndNs, const Progress& progress);

  private:
    // What stops an export before ffmpeg starts (the settings, ffmpeg missing, the folder not
    // writable); empty when nothing does.
    static QString whyCannotStart(const VideoSettings& settings, std::int64_t runEndNs);
    // How writing the frames ended: all written, cancelled, or ffmpeg stopped taking them.
    enum class Frames { Written, Cancelled, Refused };
    // Renders `total` frames into `ffmpeg`, counting them in `written`, and puts the cursor
    // back where it was (its time, and whether it was live unless ffmpeg refused a frame).
    Frames writeFrames(const VideoSettings& settings, int total, const Progress& progress,
                       QProcess& ffmpeg, int& written);
    void drawCaption(QImage& frame, std::int64_t ns) const;

    QWidget* m_window;
    TimeCursor* m_cursor;
    const CaptionModel* m_captions;
};

}  // namespace interleave::ui
