# lienket_add_demo_chapter(<files...>): compiles a plugin's demo chapter(s) into the `lienket`
# binary (apps/demo.hpp: LIENKET_DEMO_CHAPTER registers each). Called from a plugin's CMakeLists.txt,
# so apps/ names no plugin and a build with a subset of plugins has a subset of chapters.
function(lienket_add_demo_chapter)
  if(NOT TARGET lienket)
    return()
  endif()
  foreach(f ${ARGN})
    get_filename_component(abs ${f} ABSOLUTE)
    target_sources(lienket PRIVATE ${abs})
  endforeach()
endfunction()
