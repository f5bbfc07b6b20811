# Linux: DEB, RPM and TGZ, one package per component: alpes-console and alpes-bff. Included by
# installer/CMakeLists.txt before include(CPack).

set(CPACK_GENERATOR DEB RPM TGZ)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_RPM_COMPONENT_INSTALL ON)
set(CPACK_ARCHIVE_COMPONENT_INSTALL ON)
# Every generator stages the same tree, /usr plus /etc: the server's configuration file has an
# absolute destination, which only the DESTDIR mechanism keeps inside the staging directory (the
# archive generator would otherwise write it to this machine's /etc).
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Not relocatable: the unit names /usr/bin/alpes-bff.
set(CPACK_PACKAGE_RELOCATABLE OFF)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/per_generator.cmake)

set(package_console alpes-console)
set(package_server alpes-bff)

# --- Files that exist only in the packages ---------------------------------------------------
configure_file(${CMAKE_CURRENT_LIST_DIR}/alpes-bff.service.in alpes-bff.service @ONLY)
# The unit names /usr/bin/alpes-bff: the packages install under /usr whatever CMAKE_INSTALL_PREFIX is.
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/alpes-bff.service DESTINATION lib/systemd/system COMPONENT server)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/alpes-bff.env DESTINATION /etc/alpes-partners COMPONENT server)

# Debian wants a copyright file and a changelog (compressed, without a timestamp) in each package's
# documentation directory.
execute_process(COMMAND date --utc --rfc-email --date "${ALPES_RELEASE_DATE} 12:00"
                OUTPUT_VARIABLE ALPES_RELEASE_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
# The license terms come from the repository's LICENSE, in the copyright format's layout: each
# line indented by one space, blank lines written " .".
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license_terms)
string(REGEX REPLACE "^[^\n]*\n\n[^\n]*\n\n" "" license_terms "${license_terms}")
string(STRIP "${license_terms}" license_terms)
string(REPLACE "\n\n" "\n.\n" license_terms "${license_terms}")
string(REPLACE "\n" "\n " ALPES_LICENSE_TERMS " ${license_terms}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/copyright.in copyright @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in changelog @ONLY)
add_custom_command(OUTPUT changelog.gz COMMAND gzip --best --no-name --keep --force changelog
                   DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/changelog VERBATIM)
add_custom_target(alpes_package_changelog ALL DEPENDS changelog.gz)
foreach(component IN LISTS CPACK_COMPONENTS_ALL)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/copyright ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package_${component}} COMPONENT ${component})
endforeach()

# --- DEB --------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SOURCE alpes-partners)
# Library dependencies computed by dpkg-shlibdeps from the binaries, as the distribution's own
# packages get them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_CONSOLE_PACKAGE_NAME ${package_console})
set(CPACK_DEBIAN_CONSOLE_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_CONSOLE_DESCRIPTION
    "desktop console of the Alpes Partners partner-marketing platform
Campaign managers watch interactions, conversions and commissions live,
manage campaigns and partners, and follow each conversion saga step by step.
It connects to an alpes-bff server or runs a self-contained demo.")
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME ${package_server})
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "server of the Alpes Partners partner-marketing platform
alpes-bff serves the REST API that the console and other frontends use, and
hosts the domain services: affiliates, marketing, tracking and commissions,
each on its own SQLite database, joined by an event backbone and the
conversion saga.
.
The package runs it as a systemd service (alpes-bff.service) with its data in
/var/lib/alpes-partners; /etc/alpes-partners/alpes-bff.env configures it.")
# The maintainer scripts register the unit with deb-systemd-helper; the rest comes from shlibdeps.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "init-system-helpers (>= 1.54~)")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/deb/conffiles ${CMAKE_CURRENT_LIST_DIR}/deb/postinst
    ${CMAKE_CURRENT_LIST_DIR}/deb/prerm ${CMAKE_CURRENT_LIST_DIR}/deb/postrm)

# --- RPM --------------------------------------------------------------------------------------
# Requires: come from rpmbuild's automatic dependency generator (AutoReq), the RPM counterpart of
# dpkg-shlibdeps.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE MIT)
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_CONSOLE_PACKAGE_NAME ${package_console})
set(CPACK_RPM_CONSOLE_PACKAGE_SUMMARY "Desktop console of the Alpes Partners partner-marketing platform")
set(CPACK_RPM_SERVER_PACKAGE_NAME ${package_server})
set(CPACK_RPM_SERVER_PACKAGE_SUMMARY "Server of the Alpes Partners partner-marketing platform")
set(CPACK_RPM_SERVER_USER_FILELIST "%config(noreplace) /etc/alpes-partners/alpes-bff.env")
set(CPACK_RPM_SERVER_POST_INSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/post)
set(CPACK_RPM_SERVER_PRE_UNINSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/preun)
set(CPACK_RPM_SERVER_POST_UNINSTALL_SCRIPT_FILE ${CMAKE_CURRENT_LIST_DIR}/rpm/postun)
# Directories the distribution's filesystem, systemd and hicolor-icon-theme packages own.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    /usr/lib/systemd /usr/lib/systemd/system /usr/share/applications /usr/share/metainfo
    /usr/share/icons /usr/share/icons/hicolor /usr/share/icons/hicolor/scalable
    /usr/share/icons/hicolor/scalable/apps)
foreach(size 16 32 48 64 128 256)
  list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
       /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
endforeach()
