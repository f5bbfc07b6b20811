# CPACK_PROJECT_CONFIG_FILE: CPack reads this once per generator, at packaging time.
if(CPACK_GENERATOR STREQUAL "DEB")
  # CPackDeb writes the project's summary in front of a component's description unless the
  # summary is CPack's default; each CPACK_DEBIAN_<COMPONENT>_DESCRIPTION starts with its own.
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CPACK_DEFAULT_PACKAGE_DESCRIPTION_SUMMARY}")
endif()
if(CPACK_GENERATOR STREQUAL "TGZ")
  # The archives hold the staged tree as it is, rooted at / (usr/..., etc/...); with DESTDIR
  # staging the archive generator would add /usr a second time (usr/usr/...).
  set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
