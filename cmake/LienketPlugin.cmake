# lienket_add_plugin(<name> SOURCES <files...> [LIBS <targets...>])
# Builds lib<name>.so as a Boost.DLL plugin module into the build's plugins/ directory (a node
# started with plugin_dirs pointing there loads it) and installs it where an installed node looks.
# Used in-tree and, through find_package(Lienket), by out-of-tree plugins. A connector adds
# LIBS Lienket::connector.
# Never link a plugin into an executable as well: it would shadow the loaded copy's symbols.
if(NOT LIENKET_PLUGIN_INSTALL_DIR)
  set(LIENKET_PLUGIN_INSTALL_DIR lib/lienket/plugins)
endif()

function(lienket_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Lienket::sdk ${ARG_LIBS})
  if(NOT LIENKET_PLUGIN_OUTPUT_DIR)
    set(LIENKET_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
  endif()
  set_target_properties(${name} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${LIENKET_PLUGIN_OUTPUT_DIR}
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  install(TARGETS ${name} LIBRARY DESTINATION ${LIENKET_PLUGIN_INSTALL_DIR})
endfunction()

# lienket_plugin_files(<plugin> <folder> <name>)
# Files a plugin reads at run time beside its module (web pages, XML schemas): <folder> of the
# calling CMakeLists is copied to <plugins>/<name>/ when <plugin> is built (again whenever one of
# its files changes, none left behind from an older copy) and installed there.
function(lienket_plugin_files plugin folder name)
  if(NOT LIENKET_PLUGIN_OUTPUT_DIR)
    set(LIENKET_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
  endif()
  set(source ${CMAKE_CURRENT_SOURCE_DIR}/${folder})
  file(GLOB_RECURSE files CONFIGURE_DEPENDS ${source}/*)
  set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${name}.stamp)
  add_custom_command(OUTPUT ${stamp}
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${LIENKET_PLUGIN_OUTPUT_DIR}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${source} ${LIENKET_PLUGIN_OUTPUT_DIR}/${name}
    COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
    DEPENDS ${files}
    COMMENT "Copying ${folder}/ beside ${plugin} as ${name}/")
  add_custom_target(${plugin}_${folder}_files ALL DEPENDS ${stamp})
  add_dependencies(${plugin} ${plugin}_${folder}_files)
  install(DIRECTORY ${folder}/ DESTINATION ${LIENKET_PLUGIN_INSTALL_DIR}/${name})
endfunction()
