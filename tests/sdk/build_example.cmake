# ctest step (cmake -P): installs the SDK component of this build into PREFIX and builds the
# out-of-tree examples/hello-connector against it, as an integrator would. Inputs: BUILD_DIR,
# PREFIX, EXAMPLE (source), EXAMPLE_BUILD, BUILD_TYPE.
file(REMOVE_RECURSE ${PREFIX} ${EXAMPLE_BUILD})
function(run)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}")
  endif()
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${PREFIX} --component sdk)
run(${CMAKE_COMMAND} -S ${EXAMPLE} -B ${EXAMPLE_BUILD} -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE})
run(${CMAKE_COMMAND} --build ${EXAMPLE_BUILD})
