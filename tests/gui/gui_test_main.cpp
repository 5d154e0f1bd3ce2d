// GoogleTest main for tests that need a QApplication. Runs offscreen: no display needed.

#include <gtest/gtest.h>

#include <QApplication>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings (window state, text size, last scenario) and data of this process only: ctest
    // runs tests in parallel processes, and one test's 200% text or saved window state must not
    // reach another starting at the same moment, nor the user's own settings.
    const QTemporaryDir home;
    if (home.isValid()) {
        qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/config")).toLocal8Bit());
        qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/data")).toLocal8Bit());
    }
    QApplication::setOrganizationName(QStringLiteral("InterleaveTests"));
    QApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
