# Where scripts/install-deps.sh puts the header-only httplib.h on Debian (keep the two in step).
set(HX_HTTPLIB_DEFAULT_DIR /usr/local/share/host_exporter/cpp-httplib-0.11.4+ds-1+deb12u1+hx2)
