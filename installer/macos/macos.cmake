# macOS: one drag-and-drop disk image holding the console as an app bundle and alpes-bff.
# Included by installer/CMakeLists.txt before include(CPack).
# Not verified: no Mac builds this project yet (docs/packaging.md, "macOS").

set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Alpes Partners")
set(CPACK_DMG_FORMAT UDZO)
set(CPACK_PACKAGE_ICON ${PROJECT_SOURCE_DIR}/resources/icons/alpes-partners.icns)
# Both components in one image, as one installs both by dragging.
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)

if(ALPES_BUILD_CONSOLE)
  set(icon ${PROJECT_SOURCE_DIR}/resources/icons/alpes-partners.icns)
  target_sources(alpes-console PRIVATE ${icon})
  set_source_files_properties(${icon} TARGET_DIRECTORY alpes-console PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
  set_target_properties(alpes-console PROPERTIES
    MACOSX_BUNDLE ON
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_BUNDLE_NAME "Alpes Partners Console"
    MACOSX_BUNDLE_GUI_IDENTIFIER com.alpespartners.Console
    MACOSX_BUNDLE_ICON_FILE alpes-partners.icns
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_COPYRIGHT "Copyright 2026 Alpes Partners")
  # macdeployqt copies the Qt frameworks and plugins into the bundle.
  qt_generate_deploy_app_script(TARGET alpes-console FILENAME_VARIABLE console_deploy_script
                                NO_UNSUPPORTED_PLATFORM_ERROR)
  install(SCRIPT ${console_deploy_script} COMPONENT console)
endif()
