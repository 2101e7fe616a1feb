# `cmake --install <build> [--component sdk]`: the plugin SDK as a CMake package, so that an
# out-of-tree plugin builds with
#   find_package(Lienket 0.1 REQUIRED)
#   lienket_add_plugin(my_plugin SOURCES my_plugin.cpp [LIBS Lienket::connector Lienket::util])
# (examples/hello-connector). The `lienket` binary and the in-tree plugins install without a
# component into bin/ and lib/lienket/plugins/, where the node looks by default.
include(CMakePackageConfigHelpers)

install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/lienket DESTINATION include COMPONENT sdk)
install(FILES ${LIENKET_GENERATED_INCLUDE}/lienket/abi_hash.hpp DESTINATION include/lienket COMPONENT sdk)
install(TARGETS lienket_sdk lienket_connector lienket_util EXPORT LienketTargets
        ARCHIVE DESTINATION lib COMPONENT sdk
        INCLUDES DESTINATION include)
install(EXPORT LienketTargets NAMESPACE Lienket:: DESTINATION lib/cmake/Lienket COMPONENT sdk)

configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/LienketConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/LienketConfig.cmake INSTALL_DESTINATION lib/cmake/Lienket)
# The ABI changes between minor versions before 1.0, so a plugin needs the same minor version.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/LienketConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/LienketConfig.cmake ${CMAKE_BINARY_DIR}/cmake/LienketConfigVersion.cmake
              ${CMAKE_SOURCE_DIR}/cmake/LienketPlugin.cmake
        DESTINATION lib/cmake/Lienket COMPONENT sdk)
