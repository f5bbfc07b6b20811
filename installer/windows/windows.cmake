# Windows: one NSIS installer with both components to choose from, a Start-menu entry for the
# console and an uninstaller. Included by installer/CMakeLists.txt before include(CPack).
# Not verified: no Windows machine builds this project yet (docs/packaging.md, "Windows").

set(CPACK_GENERATOR NSIS)
set(CPACK_NSIS_PACKAGE_NAME "Alpes Partners")
set(CPACK_NSIS_DISPLAY_NAME "Alpes Partners ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON ${PROJECT_SOURCE_DIR}/resources/icons/alpes-partners.ico)
set(CPACK_NSIS_MUI_UNIICON ${PROJECT_SOURCE_DIR}/resources/icons/alpes-partners.ico)
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\alpes-console.exe")
set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
set(CPACK_NSIS_CONTACT ${CPACK_PACKAGE_CONTACT})
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# Start menu (and desktop) shortcut to the console, which lives in bin\ next to its Qt DLLs.
set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
set(CPACK_PACKAGE_EXECUTABLES alpes-console "Alpes Partners Console")
set(CPACK_CREATE_DESKTOP_LINKS alpes-console)
set(CPACK_NSIS_MUI_FINISHPAGE_RUN alpes-console.exe)

if(ALPES_BUILD_CONSOLE)
  # A window without a console window behind it.
  set_target_properties(alpes-console PROPERTIES WIN32_EXECUTABLE ON)
  # windeployqt copies the Qt DLLs, plugins and translations the console needs next to it.
  qt_generate_deploy_app_script(TARGET alpes-console FILENAME_VARIABLE console_deploy_script
                                NO_UNSUPPORTED_PLATFORM_ERROR)
  install(SCRIPT ${console_deploy_script} COMPONENT console)
endif()

# The server's own DLLs (SQLite, spdlog, fmt, OpenSSL, ...) next to it, found where the build
# found them (vcpkg or the PATH); Windows' own DLLs stay out.
install(CODE [[
  file(GET_RUNTIME_DEPENDENCIES EXECUTABLES "$<TARGET_FILE:alpes-bff>"
       RESOLVED_DEPENDENCIES_VAR dlls UNRESOLVED_DEPENDENCIES_VAR missing
       PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
       POST_EXCLUDE_REGEXES "[Ss]ystem32")
  if(missing)
    message(FATAL_ERROR "alpes-bff needs DLLs that were not found: ${missing}")
  endif()
  file(INSTALL ${dlls} DESTINATION "${CMAKE_INSTALL_PREFIX}/bin")
]] COMPONENT server)
