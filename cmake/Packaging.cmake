# What `cmake --install` puts beside the two programs, and the Debian package CPack makes of it:
#   cmake --build build/ci --target interleave interleave-lab && (cd build/ci && cpack -G DEB)
# The lessons and the Python scripts are compiled into the programs, so nothing under
# share/interleave is needed: the installed programs run from anywhere.

set(INTERLEAVE_SCREENSHOT_BASE "https://interleave.invalid/docs/screenshots"
    CACHE STRING "Where docs/screenshots are published (the AppStream metainfo links them)")
set(INTERLEAVE_HOMEPAGE "" CACHE STRING "The project's home page, for the package (none yet)")

set(res ${PROJECT_SOURCE_DIR}/resources)
set(data ${CMAKE_INSTALL_DATADIR})

# The desktop entry, and the .ilt type so that a file manager opens saved runs with the window.
install(FILES ${res}/interleave.desktop DESTINATION ${data}/applications)
install(FILES ${res}/interleave-trace.xml DESTINATION ${data}/mime/packages)

# Icons: the application's and the saved run's, drawn as SVG; the PNGs were made from them
# once with rsvg-convert and are committed, so that the build converts nothing.
install(FILES ${res}/icons/interleave.svg DESTINATION ${data}/icons/hicolor/scalable/apps)
install(FILES ${res}/icons/application-x-interleave-trace.svg
        DESTINATION ${data}/icons/hicolor/scalable/mimetypes)
foreach(size 48 64 128 256)
    install(FILES ${res}/icons/interleave-${size}.png
            DESTINATION ${data}/icons/hicolor/${size}x${size}/apps RENAME interleave.png)
    install(FILES ${res}/icons/application-x-interleave-trace-${size}.png
            DESTINATION ${data}/icons/hicolor/${size}x${size}/mimetypes
            RENAME application-x-interleave-trace.png)
endforeach()

configure_file(${res}/interleave.metainfo.xml.in ${CMAKE_CURRENT_BINARY_DIR}/interleave.metainfo.xml
               @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/interleave.metainfo.xml DESTINATION ${data}/metainfo)

install(FILES ${res}/interleave-lab.bash-completion DESTINATION ${data}/bash-completion/completions
        RENAME interleave-lab)

# Manual pages and the Debian changelog go in compressed (Debian policy); -n keeps the gzip
# header free of the build's time, so that the package is reproducible.
find_program(INTERLEAVE_GZIP gzip)
set(gz_dir ${CMAKE_CURRENT_BINARY_DIR}/packaging)
set(gz_files)
foreach(pair "man/interleave.1|interleave.1" "man/interleave-lab.1|interleave-lab.1"
             "debian/changelog|changelog")
    string(REPLACE "|" ";" pair "${pair}")
    list(GET pair 0 source)
    list(GET pair 1 name)
    add_custom_command(OUTPUT ${gz_dir}/${name}.gz
                       COMMAND ${CMAKE_COMMAND} -E make_directory ${gz_dir}
                       COMMAND ${INTERLEAVE_GZIP} -9n -c ${res}/${source} > ${gz_dir}/${name}.gz
                       DEPENDS ${res}/${source} VERBATIM)
    list(APPEND gz_files ${gz_dir}/${name}.gz)
endforeach()
add_custom_target(interleave_packaging_files ALL DEPENDS ${gz_files})
install(FILES ${gz_dir}/interleave-lab.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
if(INTERLEAVE_BUILD_GUI)
    install(FILES ${gz_dir}/interleave.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()
set(doc ${data}/doc/interleave)
install(FILES ${gz_dir}/changelog.gz ${res}/debian/copyright DESTINATION ${doc})
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${doc})
# Each scenario's Python program, for a student to run (the lessons' "In Python" sections name
# them); the programs themselves carry their own copy for the Code panel.
install(DIRECTORY ${res}/python/scenarios/ DESTINATION ${doc}/python
        FILES_MATCHING PATTERN "*.py" PATTERN "README.md")

# The Debian package.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME interleave)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # interleave_VERSION_amd64.deb
set(CPACK_PACKAGE_CONTACT
    "Interleave maintainers <maintainers@users.noreply.r-seed-2e046f71.example>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "watch threads and processes synchronise, step by step")
# The extended description: CPack puts the summary above it and indents each line (an empty
# line becomes " ."); lintian wants lines under 80 characters.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Interleave teaches concurrency by showing it happen. It runs small scenarios
(producer and consumer, race condition, deadlock, process trees, fork and
exec, pipes, message queues, shared memory, sockets, signals) on real
operating-system threads and real child processes, records every
synchronisation step as an event, and draws them live beside a lesson.

The package holds the desktop program interleave and the headless runner
interleave-lab, which writes traces for Perfetto, a spreadsheet or replay.")
if(INTERLEAVE_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${INTERLEAVE_HOMEPAGE})
endif()
# Depends: from the binaries' libraries (dpkg-shlibdeps, in dpkg-dev): Qt 6, QCustomPlot,
# spdlog, fmt and what they need, with the versions this build was made against.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# ffmpeg for videos, python3 for cpu-vs-io's comparison, CJK fonts for the lessons' copies.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg, python3, fonts-noto-cjk")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
