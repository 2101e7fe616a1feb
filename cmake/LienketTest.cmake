# lienket_add_test(<name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>])
# A Catch2 test executable run by ctest. Integration tests link lienket_testkit, which starts a real
# `lienket node` process on free loopback ports with a temp data directory.
function(lienket_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE lienket_catch_main ${ARG_LIBS})
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES TIMEOUT 300)
  if(ARG_LABELS)
    set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}")
  endif()
endfunction()

# lienket_add_browser_tests(<folder>)
# One ctest per <folder>/test_*.py (label "browser"): a Python script that starts a real node and
# drives Debian's headless Chromium with python3-selenium and chromium-driver, through the shared
# harness tests/support/browser/lienket_browser.py. Screenshots land in <build>/artifacts/browser.
# Without those packages the tests are left out with a warning, unless LIENKET_REQUIRE_BROWSER_TESTS
# (CI) makes that an error.
option(LIENKET_REQUIRE_BROWSER_TESTS "Fail the configure when the browser tests cannot run" OFF)
function(lienket_add_browser_tests folder)
  if(NOT LIENKET_BUILD_TESTS)
    return()
  endif()
  set(python /usr/bin/python3)
  execute_process(COMMAND ${python} -c "import selenium" RESULT_VARIABLE no_selenium
                  OUTPUT_QUIET ERROR_QUIET)
  if(no_selenium OR NOT EXISTS /usr/bin/chromium OR NOT EXISTS /usr/bin/chromedriver)
    set(why "browser tests need Debian's chromium, chromium-driver and python3-selenium")
    if(LIENKET_REQUIRE_BROWSER_TESTS)
      message(FATAL_ERROR "${why}")
    endif()
    message(WARNING "${why}; left out")
    return()
  endif()
  file(GLOB scripts CONFIGURE_DEPENDS ${folder}/test_*.py)
  foreach(script ${scripts})
    get_filename_component(stem ${script} NAME_WE)
    string(REGEX REPLACE "^test_" "" stem "${stem}")
    get_filename_component(plugin ${folder} DIRECTORY)
    get_filename_component(plugin ${plugin} DIRECTORY)
    get_filename_component(plugin ${plugin} NAME)
    set(name browser_${plugin}_${stem})
    add_test(NAME ${name} COMMAND ${python} -u ${script})
    set_tests_properties(${name} PROPERTIES
      LABELS "browser;${plugin}"
      TIMEOUT 600
      # One browser at a time: two cores do not run two Chromiums and a node without timing out.
      RESOURCE_LOCK chromium
      ENVIRONMENT
        "PYTHONPATH=${PROJECT_SOURCE_DIR}/tests/support/browser;LIENKET_BIN=$<TARGET_FILE:lienket>;LIENKET_PLUGIN_DIR=${CMAKE_BINARY_DIR}/plugins;LIENKET_ARTIFACTS=${CMAKE_BINARY_DIR}/artifacts/browser")
  endforeach()
endfunction()
