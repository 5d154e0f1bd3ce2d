cmake_minimum_required(VERSION 3.20)
# Fails when the program's real --help prints an option that its manual page does not name, or
# when the page's header carries another version than the build's: the page cannot drift.
# Run as: cmake -DPROGRAM=<exe> -DMAN=<page.1> -DVERSION=<x.y.z> -P check_man_page.cmake
# (the window's --help needs no display, but Qt is told not to look for one).
set(ENV{QT_QPA_PLATFORM} offscreen)
execute_process(COMMAND "${PROGRAM}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status
                ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} --help failed (${status}): ${errors}")
endif()
file(READ "${MAN}" page)
# roff writes a hyphen a man page shows as "\-"; read it as the option's own hyphen.
string(REPLACE "\\-" "-" page "${page}")

# Every long option --help prints (also those named in another's help, e.g. "With --check:").
string(REGEX MATCHALL "--[a-z][a-z0-9-]*" options "${help}")
list(REMOVE_DUPLICATES options)
list(LENGTH options count)
if(count LESS 3)
    message(FATAL_ERROR "found only '${options}' in ${PROGRAM} --help: has its format changed?")
endif()
set(missing)
foreach(option IN LISTS options)
    string(REGEX MATCH "${option}([^a-z0-9-]|$)" found "${page}")
    if(NOT found)
        list(APPEND missing "${option}")
    endif()
endforeach()
if(missing)
    list(JOIN missing " " missing)
    # A plain message is not wrapped, so the missing options stay on one line.
    message("${MAN} does not name what ${PROGRAM} --help prints: ${missing}")
    message(FATAL_ERROR "the manual page has drifted from --help")
endif()

string(REGEX MATCH "\n\\.TH [^\n]*\"Interleave ([0-9.]+)\"" _ "${page}")
if(NOT CMAKE_MATCH_1 STREQUAL VERSION)
    message(FATAL_ERROR "${MAN}: its .TH line says version '${CMAKE_MATCH_1}', the build is ${VERSION}")
endif()
message("${MAN}: all ${count} options of --help are named (${options})")
