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
