# A plugin's own parts of the `lienket` binary, compiled into it from the plugin's CMakeLists.txt so
# that apps/ names no plugin and a build with a subset of plugins has a subset of them. Each file
# registers itself at static initialisation:
#   lienket_add_demo_chapter(demo/x_chapter.cpp)   its chapter of `lienket demo` (LIENKET_DEMO_CHAPTER,
#                                                  apps/demo.hpp)
#   lienket_add_cli_command(cli/x_command.cpp)     its own subcommands (LIENKET_CLI_COMMAND,
#                                                  apps/commands.hpp)
function(lienket_add_cli_sources)
  if(NOT TARGET lienket)
    return()
  endif()
  foreach(f ${ARGN})
    get_filename_component(abs ${f} ABSOLUTE)
    target_sources(lienket PRIVATE ${abs})
  endforeach()
endfunction()

macro(lienket_add_demo_chapter)
  lienket_add_cli_sources(${ARGN})
endmacro()

macro(lienket_add_cli_command)
  lienket_add_cli_sources(${ARGN})
endmacro()
