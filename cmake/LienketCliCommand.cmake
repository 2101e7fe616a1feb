# lienket_add_cli_command(<files...>): compiles a plugin's own subcommands into the `lienket` binary
# (apps/commands.hpp: LIENKET_CLI_COMMAND registers each). Called from a plugin's CMakeLists.txt, so
# apps/ names no plugin and a build with a subset of plugins has a subset of commands.
function(lienket_add_cli_command)
  if(NOT TARGET lienket)
    return()
  endif()
  foreach(f ${ARGN})
    get_filename_component(abs ${f} ABSOLUTE)
    target_sources(lienket PRIVATE ${abs})
  endforeach()
endfunction()
